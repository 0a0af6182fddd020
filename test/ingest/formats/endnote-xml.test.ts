import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { endnoteXml } from '../../../src/ingest/formats/endnote-xml.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import type { ReadItem } from '../../../src/ingest/record.js';
import { corpusEntries, corpusPath, corpusText, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts, expectZoteroDifferences, numberedFiles } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('endnote-xml', name);
const parse = (text: string) => parseText(endnoteXml, text);

describe('endnote-xml: EndNote-written file (style runs, one line)', () => {
  const text = fixture('endnote-written.xml');
  const result = parse(text);
  const [article, chapter, bare] = result.records;

  it('reads the three records on the single line without problems', () => {
    expect(text.split('\n')).toHaveLength(1);
    expect(result.records).toHaveLength(3);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('concatenates style runs and decodes entities', () => {
    expect(article.title).toBe('Effect of β-blockers on mortality after myocardial infarction: a randomised trial');
    expect(article.journal).toBe('Heart & Lung');
    expect(article.authors).toEqual(['Møller, Anne K.', "O'Brien, Patrick", 'Nguyen, Thi Lan']);
    expect(article.abstract).toBe(
      'BACKGROUND: Beta-blockers are widely used. METHODS: We randomised 412 patients < 75 years. RESULTS: Mortality fell.',
    );
  });

  it('maps the bibliographic fields', () => {
    expect(article.type).toBe('Journal Article');
    expect([article.year, article.date]).toEqual([2019, 'Mar-Apr']);
    expect([article.volume, article.issue, article.pages]).toEqual(['48', '2', '112-119']);
    expect(article.doi).toBe('10.1016/j.hrtlng.2018.12.004');
    expect(article.issn).toEqual(['0147-9563']);
    expect(article.isbn).toEqual([]);
    expect(article.keywords).toEqual(['Adrenergic beta-Antagonists/*therapeutic use', 'Humans', 'Myocardial Infarction/*mortality']);
    expect(article.language).toBe('eng');
    expect(article.url).toBe('https://www.ncbi.nlm.nih.gov/pubmed/30661704');
  });

  it('takes the accession number as the key, the remote database as the database, and a PMID from MEDLINE', () => {
    expect(article.sourceKey).toBe('30661704');
    expect(article.database).toBe('MEDLINE');
    expect(article.pmid).toBe('30661704');
    expect(chapter.sourceKey).toBe('13'); // no accession-num: the EndNote record number
    expect(chapter.pmid).toBeUndefined();
  });

  it('keeps unmapped elements in extra by their path', () => {
    expect(article.extra['rec-number']).toEqual(['12']);
    expect(article.extra['remote-database-provider']).toEqual(['NLM']);
    expect(article.extra['urls/related-urls/url']).toEqual(['https://doi.org/10.1016/j.hrtlng.2018.12.004']);
    expect(article.extra['periodical/abbr-1']).toEqual(['Heart Lung']);
    expect(article.extra['titles/alt-title']).toEqual(['Heart Lung']);
    expect(article.extra.notes).toEqual(['1527-3288\rMøller, Anne K\rJournal Article']);
    expect(article.extra.database).toEqual(['Cardio.enl']);
    expect(article.extra['source-app']).toEqual(['EndNote']);
    // The journal candidates agree, so periodical/full-title is not repeated in extra.
    expect(article.extra['periodical/full-title']).toBeUndefined();
    expect(chapter.extra['contributors/secondary-authors/author']).toEqual(['Lindqvist, Eva']);
    expect(chapter.extra.custom1).toEqual(['include']);
    expect(bare.extra.caption).toEqual(['Duplicate']);
  });

  it('maps a book section and a record with empty containers', () => {
    expect(chapter.type).toBe('Book Section');
    expect(chapter.authors).toEqual(['Fischer, Hans-Peter']);
    expect(chapter.journal).toBe('Handbook of Cardiac Care');
    expect(chapter.isbn).toEqual(['978-3-662-53456-7']);
    expect(bare.title).toBe('Conference report');
    expect(bare.authors).toEqual([]);
    expect(bare.year).toBeUndefined();
  });

  it('keeps each record exactly as written, cut out of the line', () => {
    for (const record of result.records) {
      expect(record.line).toBe(1);
      expect(record.raw.startsWith('<record>')).toBe(true);
      expect(record.raw.endsWith('</record>')).toBe(true);
      expect(text.includes(record.raw)).toBe(true);
    }
    expect(chapter.raw).toContain('<rec-number>13</rec-number>');
    expect(chapter.raw).not.toContain('<rec-number>14</rec-number>');
  });
});

describe('endnote-xml: Zotero-written file (bare text)', () => {
  const result = parse(fixture('zotero-written.xml'));
  const [article, page] = result.records;

  it('reads both records', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(article.line).toBe(2);
  });

  it('maps the fields, removing escaped inline HTML and normalising the DOI', () => {
    expect(article.title).toBe('Sleep & cognition in older adults: the SLEEP-COG cohort');
    expect(article.authors).toEqual(['García-López, María', 'Schmidt, Jürgen']);
    expect(article.journal).toBe('Journal of Sleep Research');
    expect([article.volume, article.issue, article.pages]).toEqual(['29', '4', 'e13021']);
    expect([article.year, article.date]).toEqual([2020, '2020 Aug']);
    expect(article.doi).toBe('10.1111/jsr.13021');
    expect(article.issn).toEqual(['1365-2869', '0962-1105']);
    expect(article.abstract).toBe('Poor sleep predicts decline. We followed 1 204 adults.');
    expect(article.sourceKey).toBeUndefined();
    expect(article.database).toBeUndefined();
    // Zotero writes the issue twice (<number> and <issue>): the same value is not kept again.
    expect(article.extra.issue).toBeUndefined();
    expect(article.extra['source-app']).toEqual(['Zotero']);
  });

  it('takes the URL of a web page from web-urls', () => {
    expect(page.type).toBe('Web Page');
    expect(page.authors).toEqual(['World Health Organization']);
    expect(page.url).toBe('https://www.who.int/news-room/fact-sheets/detail/physical-activity');
    expect(page.date).toBe('2022-10-05');
  });
});

describe('endnote-xml: pretty-printed file with CRLF and no source-app', () => {
  const result = parse(fixture('pretty-crlf.xml'));
  const [thesis, article] = result.records;

  it('reads records spread over many lines and locates them', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect([thesis.line, article.line]).toEqual([4, 22]);
    expect(thesis.raw.split('\n')).toHaveLength(18);
    expect(thesis.raw.startsWith('<record>')).toBe(true);
    expect(thesis.raw).not.toContain('\r');
  });

  it('collapses a title wrapped over two lines', () => {
    expect(thesis.title).toBe('Community health workers and childhood immunisation');
    expect(thesis.type).toBe('Thesis');
    expect(thesis.extra.publisher).toEqual(['University of Ibadan']);
    expect(article.authors).toEqual([]);
    expect([article.journal, article.volume, article.year]).toEqual(['Vaccine', '33', 2015]);
  });
});

describe('endnote-xml: streaming and malformed input', () => {
  it('yields each record as soon as its closing tag is read', () => {
    let pulled = 0;
    function* lines(): Generator<string> {
      const parts = ['<xml><records><record><ref-type name="Book">6</ref-type>', '<titles><title>One</title></titles></record>',
        '<record><titles><title>Two</title>', '</titles></record></records></xml>'];
      for (const p of parts) {
        pulled += 1;
        yield p;
      }
    }
    const iterator = endnoteXml.read(lines(), {});
    const first = iterator.next().value as ReadItem;
    expect(first.kind === 'record' && first.record.title).toBe('One');
    expect(pulled).toBe(2);
    const second = iterator.next().value as ReadItem;
    expect(second.kind === 'record' && second.record.title).toBe('Two');
    expect(second.kind === 'record' && second.record.line).toBe(3);
  });

  it('reports a record that is not well-formed, with its line and number, and reads the next', () => {
    const text = '<xml><records>\n<record><titles><title>A</titles></record>\n<record><titles><title>B</title></titles></record>\n</records></xml>';
    const result = parse(text);
    expect(result.records.map((r) => r.title)).toEqual(['B']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'endnote-xml/malformed-record', line: 2, record: 1 });
    expect(result.errors[0].message).toContain("'title'");
  });

  it('reports a record left open before the next one and at the end of the file', () => {
    const text = '<xml><records><record><titles><title>A</title></titles>\n<record><titles><title>B</title></titles></record>\n<record><titles>';
    const result = parse(text);
    expect(result.records.map((r) => r.title)).toEqual(['B']);
    expect(result.errors.map((e) => [e.code, e.line, e.record])).toEqual([
      ['endnote-xml/unclosed-record', 1, 1],
      ['endnote-xml/unclosed-record', 3, 3],
    ]);
  });

  it('warns about a file with no records', () => {
    const result = parse('<?xml version="1.0"?><xml><records></records></xml>');
    expect(result.records).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['endnote-xml/no-records']);
  });
});

describe('endnote-xml: detection', () => {
  it('is certain about EndNote and Zotero files and is registered', () => {
    expect(endnoteXml.sniff(fixture('endnote-written.xml'))).toBeGreaterThanOrEqual(0.9);
    expect(endnoteXml.sniff(fixture('zotero-written.xml'))).toBeGreaterThanOrEqual(0.9);
    expect(endnoteXml.sniff(fixture('pretty-crlf.xml'))).toBeGreaterThanOrEqual(0.9);
    expect(detectFormat(fixture('zotero-written.xml'))?.name).toBe('endnote-xml');
    expect(formatByName('endnote-xml')).toBe(endnoteXml);
  });

  it('does not claim other XML or text', () => {
    expect(endnoteXml.sniff('<?xml version="1.0"?><PubmedArticleSet><PubmedArticle></PubmedArticle></PubmedArticleSet>')).toBe(0);
    expect(endnoteXml.sniff('TY  - JOUR\nTI  - <record> in a title\nER  - \n')).toBe(0);
    expect(endnoteXml.sniff('@article{k,\n title = {x}\n}\n')).toBe(0);
  });
});

describeCorpus('endnote-xml: corpus', () => {
  const entries = [
    ...corpusEntries('exports').filter((e) => /^EndNote XML/.test(e.description)),
    ...corpusEntries('dedup').filter((e) => /EndNote [\d.]* ?XML/.test(e.description)),
  ];

  it('finds the EndNote XML files listed in SOURCES.md', () => {
    expect(entries.map((e) => e.file).sort()).toEqual([
      'dedup/rathbone2015-respiratory/Respiratory_endnote.xml',
      'exports/endnote-xml/asysd_zotero_export.xml',
      'exports/zotero-translator-tests/endnote-xml/endnote-xml_test01.xml',
      'exports/zotero-translator-tests/endnote-xml/endnote-xml_test02.xml',
      'exports/zotero-translator-tests/endnote-xml/endnote-xml_test03.xml',
    ]);
  });

  expectCorpusCounts(endnoteXml, entries, { every: (r) => r.title !== undefined });

  it('maps the Zotero-written export completely', () => {
    const { records } = parse(corpusText('exports/endnote-xml/asysd_zotero_export.xml'));
    // Element counts in the file: 1,064 electronic-resource-num, 7,667 author, 1,233 year.
    expect(records.filter((r) => r.doi).length).toBe(1064);
    expect(records.reduce((n, r) => n + r.authors.length, 0)).toBe(7667);
    expect(records.filter((r) => r.year).length).toBe(1233);
    expect(records[0].title).toBe('Myoclonus in older Cavalier King Charles Spaniels.');
    expect(records[0].issn).toEqual(['1939-1676', '0891-6640']);
  });

  it('maps the 3.9 MB single-line EndNote file, keeping the duplicate label', () => {
    const { records } = parse(corpusText('dedup/rathbone2015-respiratory/Respiratory_endnote.xml'));
    expect(records[0]).toMatchObject({
      title: 'Perioperative nutritional support in patients undergoing hepatectomy for hepatocellular carcinoma',
      journal: 'Jpen: Journal of Parenteral & Enteral Nutrition',
      authors: ['Ziegler, T. R.'],
      year: 1996, volume: '20', issue: '1112', pages: '91-92', sourceKey: '2', line: 1,
    });
    expect(records[0].extra.caption).toEqual(['Duplicate']);
    // 799 <caption> elements in the file, all "Duplicate" labels.
    expect(records.filter((r) => r.extra.caption).length).toBe(799);
    expect(new Set(records.map((r) => r.sourceKey)).size).toBe(1988);
  });

  describe('Zotero comparison', () => {
    const expectedDifferences: Record<string, string[]> = {
      // Zotero turns EndNote style runs into HTML markup (<b>, <i>, <sup>); we keep the plain text.
      'endnote-xml_test02.xml': ['1:title'],
    };
    expectZoteroDifferences(endnoteXml, corpusPath('exports/zotero-translator-tests/endnote-xml'), numberedFiles('endnote-xml_test', 3, '.xml'),
      expectedDifferences);
  });
});

