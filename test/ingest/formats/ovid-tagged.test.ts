import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import { ovidTagged, parseBookSource, parseSource } from '../../../src/ingest/formats/ovid-tagged.js';
import { corpusEntries, corpusPath, corpusText, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts, expectZoteroDifferences, numberedFiles } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('ovid-tagged', name);
const parse = (text: string) => parseText(ovidTagged, text);

describe('ovid-tagged: Embase, EndNote option (<2501. > numbering, unindented abstract continuation)', () => {
  const result = parse(fixture('embase_endnote.ovd'));
  const [article, abstract] = result.records;

  it('reads both records, without diagnostics', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('maps the article, parsing journal/volume/issue/pages out of the Embase SO', () => {
    expect(article.title).toBe('Home-based walking programmes for intermittent claudication: a randomised trial.');
    expect(article.authors).toEqual(['Okonkwo A.C.', 'Lindahl M.', 'Ferreira-Santos P.']);
    expect(article.database).toBe('Embase');
    expect(article.sourceKey).toBe('2014839207');
    expect(article.type).toBe('Journal: Article');
    expect(article.extra.PT).toEqual(['Randomized Controlled Trial']);
    expect([article.journal, article.volume, article.issue, article.pages]).toEqual(['Journal of Vascular Nursing', '41', '2', '88-97']);
    expect(article.date).toBe('June 2023');
    expect(article.year).toBe(2023);
    expect(article.doi).toBe('10.1016/j.jvn.2023.01.004');
    expect(article.pmid).toBe('37270265');
    expect(article.issn).toEqual(['1062-0303', '1532-6578']);
    expect(article.language).toBe('English');
    expect(article.line).toBe(1);
  });

  it('joins the unindented Method(s)/Result(s) lines into the abstract and keeps SO and the second IN line', () => {
    expect(article.abstract).toBe('Background: Supervised exercise is recommended for claudication but is rarely available. '
      + 'Method(s): We randomised 212 adults to a home-based walking programme or usual care. '
      + 'Result(s): Walking distance improved by 94 m (95% CI 51 to 137) at 12 weeks. '
      + 'Conclusion(s): A home-based programme is an effective alternative.');
    expect(article.extra.SO).toEqual(['Journal of Vascular Nursing. 41 (2) (pp 88-97), 2023. Date of Publication: June 2023.']);
    expect(article.extra.IN?.[0]).toMatch(/Uppsala, Sweden\n\(Ferreira-Santos\) Faculty/);
  });

  it('takes MH headings as keywords without the major-topic star, and leaves the OD duplicates in extra', () => {
    expect(article.keywords).toEqual(['adult', 'intermittent claudication/th [Therapy]', 'walking', 'randomized controlled trial']);
    expect(article.extra.OD).toEqual(['adult', '*intermittent claudication']);
  });

  it('reads a conference abstract: no pagination, the conference dropped from the journal name', () => {
    expect(abstract.journal).toBe('European Journal of Vascular and Endovascular Surgery');
    expect([abstract.volume, abstract.issue, abstract.pages]).toEqual(['64', '4 Supplement', undefined]);
    expect(abstract.date).toBe('October 2022');
    expect(abstract.line).toBe(39);
    expect(abstract.raw.split('\n')[0]).toBe('<2502. >');
    expect(abstract.raw.split('\n').at(-1)).toBe('YR  - 2022');
  });
});

describe('ovid-tagged: PsycINFO with every line indented by one space (CRLF)', () => {
  const result = parse(fixture('psycinfo_indented.txt'));
  const [article, dissertation] = result.records;

  it('reads the indented tags', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(article.database).toBe('PsycINFO');
    expect(article.authors).toEqual(['Moreau, Claire', 'Adeyemi, Tunde O']);
  });

  it('strips the [References] note from the title and the label from the accession number', () => {
    expect(article.title).toBe('Rumination and sleep quality in university students: A longitudinal study.');
    expect(article.sourceKey).toBe('2019-12345-004');
    expect(dissertation.sourceKey).toBe('2018-55555-101');
  });

  it('prefers JN/VO/IP/PG, takes both ISSNs, and splits the comma-separated ID identifiers', () => {
    expect([article.journal, article.volume, article.issue, article.pages]).toEqual(['Journal of Sleep and Cognition', '12', '1', '45-58']);
    expect(article.issn).toEqual(['2156-7777', '2156-7785']);
    expect(article.date).toBe('Mar 2019');
    expect(article.doi).toBe('10.1037/slc0000123');
    expect(article.pmid).toBe('30551234');
    expect(article.keywords).toEqual([
      'rumination', 'sleep quality', 'university students', 'Rumination (Cognitive Process)', 'Sleep', 'College Students',
    ]);
    expect(article.url).toMatch(/^http:\/\/ovidsp\.ovid\.com\/.*AN=2019-12345-004$/);
  });

  it('continues IN over the blank line, and keeps "No Pagination Specified" out of pages', () => {
    expect(article.extra.IN).toEqual(['Moreau, Claire: University of Lyon, Lyon, France\nAdeyemi, Tunde O: University of Ibadan, Ibadan, Nigeria']);
    expect(dissertation.pages).toBeUndefined();
    expect(dissertation.extra.PG).toEqual(['No Pagination Specified']);
    expect(dissertation.issue).toBe('8-B(E)');
    expect(dissertation.line).toBe(34);
  });
});

describe('ovid-tagged: Journals@Ovid with one-space separators and no DB line', () => {
  const result = parse(fixture('journals_ovid_one_space.txt'));
  const [trial, editorial] = result.records;

  it('reads the records; no database is invented', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(trial.database).toBeUndefined();
    expect(trial.line).toBe(2);
  });

  it('drops degrees and affiliation markers from names, and quotes and [Article] from the title', () => {
    expect(trial.authors).toEqual(['Haddad, Rania', 'Kowalski, Jan', 'Mbeki, Thandi']);
    expect(trial.title).toBe('Telephone Follow-up After Day Surgery: A Pragmatic Trial');
    expect(editorial.title).toBe('Editorial: Measuring Recovery.');
  });

  it('parses the "Journal Month YYYY;vol(issue):pages" source', () => {
    expect([trial.journal, trial.volume, trial.issue, trial.pages, trial.date]).toEqual(
      ['Journal of PeriAnesthesia Practice', '36', '2', '145-152', 'April 2021'],
    );
    expect([editorial.volume, editorial.issue, editorial.pages]).toEqual(['36', undefined, '160']);
    expect(trial.doi).toBe('10.1097/jpp.0000000000000456');
    expect(trial.keywords).toEqual(['day surgery', 'telephone follow-up', 'nursing']);
    expect(trial.sourceKey).toBe('00005123-202104000-00007');
  });
});

describe('ovid-tagged: labelled display (<1> markers, label lines, indented values)', () => {
  const result = parse(fixture('labelled_display.txt'));
  const [review, article] = result.records;

  it('reads the labelled fields under the tags they stand for', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(review.authors).toEqual(['Sato, Haruki', 'Grant, Eleanor']);
    expect(review.title).toBe('Early mobilisation after hip fracture surgery: a systematic review.');
    expect([review.journal, review.volume, review.issue, review.pages]).toEqual(['Journal of Orthopaedic Nursing', '26', '1', '12-21']);
    expect(review.doi).toBe('10.1097/jon.0000000000000321');
    expect(review.issn).toEqual(['1361-3111']);
    expect(review.keywords).toEqual(['hip fracture', 'mobilisation', 'length of stay']);
    expect(review.language).toBe('English');
    expect(review.type).toBe('Review');
    expect(review.sourceKey).toBe('00007890-202201000-00012');
    expect(review.url).toMatch(/AN=00007890-202201000-00012$/);
    // Unmapped fields keep the label the file wrote.
    expect(review.extra.Score).toEqual(['*****']);
    expect(review.extra.Institution?.[0].split('\n')).toHaveLength(2);
    expect(review.extra.Source).toEqual(['Journal of Orthopaedic Nursing January 2022;26(1):12-21']);
    expect(review.extra.SO).toBeUndefined();
    expect(article.title).toBe('Falls after discharge.');
    expect(article.line).toBe(30);
  });
});

describe('ovid-tagged: SO layouts of the other databases', () => {
  it('BIOSIS, Zoological Record, IPSA and book chapters', () => {
    expect(parseSource('Forest Ecology & Management. 201(2-3):327-334, November 15, 2004.')).toEqual({
      journal: 'Forest Ecology & Management', volume: '201', issue: '2-3', pages: '327-334', date: 'November 15, 2004',
    });
    expect(parseSource('Hydrobiologia. 2007 15 June; 584(1): 433-441.')).toEqual({
      journal: 'Hydrobiologia', volume: '584', issue: '1', pages: '433-441', date: '2007 15 June',
    });
    expect(parseSource('Some Proceedings. 2005; 9pp..')).toEqual({
      journal: 'Some Proceedings', volume: undefined, issue: undefined, pages: undefined, date: '2005',
    });
    expect(parseSource('Journal of Political Studies 12, Winter 2007: 7-14.')).toMatchObject({
      journal: 'Journal of Political Studies', volume: '12', pages: '7-14', date: 'Winter 2007',
    });
    expect(parseSource('An unrecognised citation')).toEqual({});
    expect(parseBookSource('Neenan, M [Ed]; Palmer, S [Ed]. (2012). Coaching in practice: An approach. (pp. 11-31). xvii, 254 pp.'))
      .toMatchObject({ journal: 'Coaching in practice: An approach', pages: '11-31' });
  });
});

describe('ovid-tagged: problems', () => {
  it('a file with neither record markers nor tags is an error', () => {
    const result = parse('Some text\nthat is not an Ovid export\n');
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'ovid/no-records' })]);
  });

  it('fields before the first marker start a record, with a warning naming the line', () => {
    const result = parse('VN  - Ovid Technologies\nTI  - Orphan record\n\n<2. >\nTI  - Second\n');
    expect(result.records.map((r) => r.title)).toEqual(['Orphan record', 'Second']);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'ovid/missing-marker', line: 1, record: 1 })]);
  });

  it('a marker with no fields is skipped with a warning', () => {
    const result = parse('<1. >\n\n<2. >\nTI  - Kept\n');
    expect(result.records.map((r) => r.title)).toEqual(['Kept']);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'ovid/empty-record', line: 1, record: 1 })]);
  });
});

describe('ovid-tagged: detection', () => {
  it('claims Ovid tagged and labelled files, and is registered', () => {
    expect(formatByName('ovid-tagged')).toBe(ovidTagged);
    for (const name of ['embase_endnote.ovd', 'psycinfo_indented.txt', 'journals_ovid_one_space.txt', 'labelled_display.txt']) {
      expect(detectFormat(fixture(name))).toBe(ovidTagged);
    }
  });

  it('does not claim RIS (Ovid RIS has "1." lines, not <1. >) or MEDLINE', () => {
    expect(ovidTagged.sniff('1.\nTY  - JOUR\nTI  - A title\nER  - \n')).toBe(0);
    expect(ovidTagged.sniff('PMID- 123\nTI  - A title\nAU  - Smith J\n')).toBe(0);
  });
});

describeCorpus('ovid-tagged: corpus', () => {
  const entries = corpusEntries('exports').filter(
    (e) => /\.(ovd|cgi)$/.test(e.file) || /\/ovid-tagged\/.*\.txt$/.test(e.file),
  );

  it('finds the Ovid native files listed in SOURCES.md', () => {
    expect(entries.length).toBe(12);
  });

  expectCorpusCounts(ovidTagged, entries, { every: (r) => r.title && /^ ?<\d+\. >$/.test(r.raw.split('\n')[0]) });

  it('the Citavi and EndNote options give the same records (EndNote wraps the abstract)', () => {
    const citavi = parseText(ovidTagged, corpusText('exports/ovid/commandline4es_Ovid_Embase_citavi_r3001-3002.ovd'));
    const endnote = parseText(ovidTagged, corpusText('exports/ovid/commandline4es_Ovid_Embase_endnote_r3001-3002.cgi'));
    const strip = ({ raw, line, ...rest }: (typeof citavi.records)[number]) => rest;
    expect(endnote.records.map(strip)).toEqual(citavi.records.map(strip));
    expect(citavi.records[0]).toMatchObject({ database: 'Embase', sourceKey: '621381829', journal: 'BMC Proceedings', volume: '12' });
  });

  describe('Zotero comparison (ovid-tagged)', () => {
    // Deliberate differences, each with its reason.
    const expectedDifferences: Record<string, string[]> = {
      // IPSA `Journal of Political Studies 12, Winter 2007`: 12 is the volume, Zotero keeps it in the journal name;
      // `…Affairs, 2013(1)` is year(issue), which Zotero reads as volume 2013.
      'ovid-tagged_test02.txt': ['1:journal', '2:volume'],
      // Zotero cuts the book title at the first full stop ("Professor A.A.") and takes the book's pages (1-234)
      // instead of the `Chapter pagination: 214-218` that belong to the chapter.
      'ovid-tagged_test05.txt': ['1:journal', '1:pages'],
    };
    expectZoteroDifferences(ovidTagged, corpusPath('exports/zotero-translator-tests/ovid-tagged'),
      numberedFiles('ovid-tagged_test', 10, '.txt'), expectedDifferences);
  });
});
