import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { detectFormat } from '../../../src/ingest/formats/index.js';
import { ris, tagLine, TRAILER } from '../../../src/ingest/formats/ris.js';
import { corpusEntries, corpusPath, corpusText, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts, expectZoteroDifferences, numberedFiles } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('ris', name);
const parse = (text: string) => parseText(ris, text);

describe('ris: EBSCOhost export (CRLF, DB/DP, N2 abstract, Y1 2016/09//, translated title in T2)', () => {
  const text = fixture('ebsco_crlf.ris');
  const result = parse(text);
  const [article, chapter, withCopyright] = result.records;

  it('reads three records without problems', () => {
    expect(text).toContain('\r\n');
    expect(result.records).toHaveLength(3);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('maps the journal article, taking JF (not the translated title in T2) as the journal', () => {
    expect(article.title).toBe('Wpływ zadrzewień śródpolnych na liczebność gryzoni');
    expect(article.journal).toBe('Polish Journal of Ecology');
    expect(article.extra.T2).toEqual(['Effect of field-margin tree rows on rodent abundance.']);
    expect(article.abstract).toBe('We trapped small rodents along 40 field margins over three seasons.');
    expect(article.date).toBe('2016/09//');
    expect(article.year).toBe(2016);
    expect([article.volume, article.issue, article.pages]).toEqual(['64', '3', '301-315']);
    expect(article.issn).toEqual(['1505-2249']);
    expect(article.doi).toBe('10.3161/15052249pje2016.64.3.001');
    expect(article.authors).toEqual(['Kowalczyk, Marta', 'Dubois, Jean-François']);
    expect(article.keywords).toEqual(['RODENTS', 'FIELD margins', 'Hedgerows']);
    expect(article.database).toBe('Academic Search Complete');
    expect(article.extra.DP).toEqual(['EBSCOhost']);
    expect(article.sourceKey).toBe('118234567');
    expect(article.raw.split('\n')[0]).toBe('TY  - JOUR');
  });

  it('maps the chapter: T2 is the book, SN holds ISBNs', () => {
    expect(chapter.type).toBe('CHAP');
    expect(chapter.line).toBe(26);
    expect(chapter.journal).toBe('Handbook of ageing and addiction.');
    expect(chapter.isbn).toEqual(['978-0-415-68637-2', '978-0-203-56543-8']);
    expect(chapter.year).toBe(2019);
    expect(chapter.database).toBe('psyh');
  });

  it('keeps the copyright notice (a second AB) out of the abstract but in extra', () => {
    expect(withCopyright.abstract).toBe('Vole densities were monitored in 120 alfalfa and cereal plots.');
    expect(withCopyright.extra.AB).toEqual([expect.stringMatching(/^Copyright of Agriculture/)]);
    expect(withCopyright.title).toBe('“Living on the edge”: vole outbreaks in irrigated farmland.');
    expect(withCopyright.date).toBe('2017/03/15/');
  });
});

describe('ris: Ovid export (record-number lines, DOI as URL, M1 references)', () => {
  const result = parse(fixture('ovid_numbered.ris'));
  const [psycinfo, medline] = result.records;

  it('reads both records; what Ovid writes after an ER (NL, the full-text links) stays with that record', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(psycinfo.line).toBe(2);
    expect(psycinfo.raw.startsWith('TY  - JOUR\nID  - 2020-54321-001')).toBe(true);
    expect(psycinfo.extra.NL).toEqual(['Clin Psychol Psychother']);
    expect(psycinfo.extra[TRAILER]).toEqual([expect.stringMatching(/^Link to the Ovid Full Text or citation: http:\/\/ovidsp/)]);
    // The raw text runs through the last line taken: the blank line between is kept, the next record's number is not.
    expect(psycinfo.raw).toMatch(/\nER {2}-\nNL {2}- Clin Psychol Psychother\n\nLink to the Ovid Full Text[^\n]*$/);
    expect(medline.raw.endsWith('ER  -')).toBe(true);
    expect(medline.extra[TRAILER]).toBeUndefined();
  });

  it('maps A1 authors, the URL-form DOI and the accession number', () => {
    expect(psycinfo.authors).toEqual(['Almeida, Rita A', 'Nunes, Paulo']);
    expect(psycinfo.doi).toBe('10.1002/cpp.9999');
    expect(psycinfo.sourceKey).toBe('2020-54321-001');
    expect(psycinfo.journal).toBe('Clinical Psychology & Psychotherapy');
    expect(psycinfo.extra.JA).toEqual(['Clin Psychol Psychother']);
    expect(psycinfo.date).toBe('2020//');
    expect(psycinfo.year).toBe(2020);
  });

  it('reads "No" + "Specified" as no pages, and never takes M1 references as the issue', () => {
    expect(psycinfo.pages).toBeUndefined();
    expect(psycinfo.extra.SP).toEqual(['No']);
    expect(psycinfo.issue).toBeUndefined();
    expect(psycinfo.extra.M1).toHaveLength(2);
  });

  it('takes the PMID of an Ovid MEDLINE record from the AN in its link', () => {
    expect(medline.database).toBe('Ovid MEDLINE(R)');
    expect(medline.pmid).toBe('33712345');
    expect(medline.sourceKey).toBe('33712345');
    expect(medline.doi).toBe('10.2337/dc20-1234');
  });
});

describe('ris: what follows an ER', () => {
  it('a tag line straight after the last ER, at the end of the file, is still its record\'s', () => {
    const result = parse('TY  - JOUR\r\nTI  - A\r\nER  - \r\nNL  - J Abbrev\r\n');
    expect(result.warnings).toEqual([]);
    expect(result.records.map((r) => [r.title, r.extra.NL])).toEqual([['A', ['J Abbrev']]]);
    expect(result.records[0].raw).toBe('TY  - JOUR\nTI  - A\nER  - \nNL  - J Abbrev');
  });

  it('only NL is taken after an ER: other tags there belong to a record whose TY is missing, and are warned about', () => {
    const result = parse('TY  - JOUR\nTI  - First\nAU  - Smith\nER  - \nTI  - Second\nAU  - Jones\nER  - \n');
    expect(result.records.map((r) => [r.title, r.authors, r.extra])).toEqual([['First', ['Smith'], {}]]);
    expect(result.warnings.map((w) => [w.code, w.line])).toEqual([['ris/tag-outside-record', 5], ['ris/tag-outside-record', 6]]);
  });

  it('a tag after a blank line is outside any record (as before), and other text between records is not taken', () => {
    const result = parse('TY  - JOUR\nTI  - A\nER  -\n\nAU  - Stray\nProvider: JSTOR\n\nTY  - JOUR\nTI  - B\nER  -\n');
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'ris/tag-outside-record', line: 5 })]);
    expect(result.records.map((r) => [r.title, r.extra])).toEqual([['A', {}], ['B', {}]]);
    expect(result.records[0].raw).toBe('TY  - JOUR\nTI  - A\nER  -');
  });

  it('a record not closed by ER is yielded before the next, in file order', () => {
    const result = parse('TY  - JOUR\nTI  - A\nTY  - JOUR\nTI  - B\nER  -\nNL  - B abbrev\n');
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'ris/missing-er', line: 3 })]);
    expect(result.records.map((r) => [r.title, r.extra.NL])).toEqual([['A', undefined], ['B', ['B abbrev']]]);
  });
});

describe('ris: DP names a platform as often as a database', () => {
  it('a platform in DP is the interface, not the database: the link names the database, DP stays in extra', () => {
    const [r] = parse('TY  - JOUR\r\nTI  - A\r\nDP  - EBSCOhost\r\nUR  - https://search.ebscohost.com/login.aspx?direct=true&db=psyh&AN=2007-17475-001&site=ehost-live\r\nER  - \r\n').records;
    expect([r.database, r.interface, r.extra.DP]).toEqual(['APA PsycInfo', 'EBSCOhost', ['EBSCOhost']]);
  });

  it('with nothing else to go on, the platform stands for the database (rather than the file\'s other records\' one)', () => {
    const result = parse('TY  - JOUR\nTI  - A\nDP  - EBSCOhost\nER  - \nTY  - JOUR\nTI  - B\nDP  - PubMed\nER  - \n');
    expect(result.records.map((r) => [r.database, r.interface])).toEqual([['EBSCOhost', 'EBSCOhost'], ['PubMed', undefined]]);
  });

  it('a DP that is a database as well as a platform, or only a database, is the database (Google Scholar, JSTOR, Scopus)', () => {
    for (const name of ['Google Scholar', 'JSTOR', 'Scopus']) {
      expect(parse(`TY  - JOUR\nTI  - A\nDP  - ${name}\nER  - \n`).records[0].database).toBe(name);
    }
  });
});

describe('ris: Scopus export (untagged N1 References continuation lines, SP range, CONF)', () => {
  const result = parse(fixture('scopus_references.ris'));
  const [article, chapter, conference] = result.records;

  it('reads three records; a continuation line starting with "ER" does not end the record', () => {
    expect(result.records).toHaveLength(3);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(article.url).toMatch(/^https:\/\/www\.scopus\.com\//);
  });

  it('joins the untagged reference lines to their N1', () => {
    const references = article.extra.N1.find((n) => n.startsWith('References:'));
    expect(references?.split('\n')).toHaveLength(3);
    expect(references).toContain('ER then rest: an evidence review');
    expect(article.extra.N1).toContain('Export Date: 12 March 2020');
  });

  it('maps the article', () => {
    expect(article.journal).toBe('Journal of Clinical Oncology Nursing');
    expect(article.issn).toEqual(['1234-5678']);
    expect(article.pages).toBe('212-231');
    expect(article.database).toBe('Scopus');
    expect(article.language).toBe('English');
    expect(article.extra.C7).toEqual(['e12345']);
  });

  it('keeps a full range written in SP, and ISBNs with notes', () => {
    expect(chapter.pages).toBe('1885-1894');
    expect(chapter.isbn).toEqual(['978-146147836-2', '978-146147837-9']);
    expect(chapter.journal).toBe('Diet and Nutrition in Critical Care');
  });

  it('takes T2 as a conference paper\'s container, not the C3 organisations', () => {
    expect(conference.journal).toBe('Proceedings of the 12th International Conference on Digital Libraries');
    expect(conference.extra.C3).toEqual(['Warsaw University of Technology', 'Polish Academy of Sciences']);
  });
});

describe('ris: field rules', () => {
  const one = (body: string) => parse(`TY  - JOUR\n${body}\nER  - \n`).records[0];

  it('prefers DA to Y1 to PY for the date and year', () => {
    expect(one('Y1  - 1900/01/01\nDA  - 1950/01/01').year).toBe(1950);
    expect(one('PY  - 2019\nY1  - 2019/03/05/')).toMatchObject({ date: '2019/03/05/', year: 2019 });
    expect(one('DA  - SEP\nPY  - 2019')).toMatchObject({ date: 'SEP 2019', year: 2019 });
  });

  it('keeps AU and A1 authors in file order', () => {
    expect(one('A1  - Georgiev, D\nAU  - Bello, L\nAU  - Carmi, A').authors).toEqual(['Georgiev, D', 'Bello, L', 'Carmi, A']);
  });

  it('uses BT as a book\'s title, and BT before T2 for a chapter\'s book', () => {
    expect(parse('TY  - BOOK\nBT  - The Book\nT2  - The Series\nER  - \n').records[0]).toMatchObject({ title: 'The Book', journal: 'The Series' });
    expect(parse('TY  - CHAP\nTI  - Ch\nBT  - The Book\nT3  - The Series\nER  - \n').records[0].journal).toBe('The Book');
  });

  it('takes a short M1 as a journal issue only when there is no IS', () => {
    expect(one('M1  - 9999').issue).toBe('9999');
    expect(one('IS  - 2\nM1  - 9999').issue).toBe('2');
    expect(one('M1  - (Smith J.) Department of Surgery, University of Utah').issue).toBeUndefined();
  });

  it('reads a value that contains U+2028 as one tag line', () => {
    expect(one('T1  - Communication:\u2028 Potential').title).toBe('Communication: Potential');
  });

  it('names the database of a Web of Science RIS record from its accession number, which that RIS writes after a bare CR', () => {
    const record = one('TI  - Microangiography of the humeral condyle\r\nWE  - Science Citation Index Expanded (SCI-EXPANDED)\rAN  - WOS:000082252000006');
    expect(record).toMatchObject({ database: 'Web of Science Core Collection', sourceKey: 'WOS:000082252000006' });
    expect(record.extra.WE).toEqual(['Science Citation Index Expanded (SCI-EXPANDED)']);
    // DB/DP win; an accession number that is not a Web of Science one names nothing.
    expect(one('AN  - WOS:000082252000006\nDB  - Scopus').database).toBe('Scopus');
    expect(one('AN  - 150283836').database).toBeUndefined();
  });

  it('names the database from the record\'s links when it names none: Ovid\'s D= code, Lens and Dimensions record pages', () => {
    expect(one('L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=psyc16&NEWS=N&AN=2019-65183-001').database).toBe('APA PsycInfo');
    expect(one('L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=med25&NEWS=N&AN=33712345').database).toBe('MEDLINE');
    expect(one('UR  - https://search.ebscohost.com/login.aspx?direct=true&db=cin20&AN=150283836&site=ehost-live').database).toBe('CINAHL');
    expect(one('UR  - https://lens.org/001-257-578-706-377').database).toBe('Lens');
    expect(one('UR  - https://doi.org/10.1186/x').database).toBeUndefined();
  });

  it('weighs the evidence for the database: the record\'s tags and accession number, then the file\'s preamble, then its links', () => {
    const withPreamble = parse('Database: CINAHL\nTY  - JOUR\nTI  - A\nUR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-1\nER  - \n');
    expect(withPreamble.records[0].database).toBe('CINAHL');
    // Rayyan keeps its own ID and the WoS accession in AN; EndNote writes WoS links as `<Go to ISI>://WOS:…`.
    expect(one('ID  - 17\nAN  - WOS:000298449100001').database).toBe('Web of Science Core Collection');
    expect(one('UR  - <Go to ISI>://WOS:000298449100001').database).toBe('Web of Science Core Collection');
    expect(one('UR  - https://doi.org/10.1186/x\nhttps://lens.org/001-257-578-706-377').database).toBe('Lens');
  });

  it('takes a DOI from a link or a note without running it into what follows', () => {
    expect(one('UR  - https://doi.org/10.1000/abc\nhttps://app.dimensions.ai/details/publication/pub.1').doi).toBe('10.1000/abc');
    expect(one('N1  - Accession Number: 123. DOI: 10.1000/xyz. Language: English').doi).toBe('10.1000/xyz');
  });

  it('splits a UR value into its links: a continuation line starting a link is another link, any other rejoins a wrapped one', () => {
    const dimensions = one('UR  - https://app.dimensions.ai/details/publication/pub.1143865007\nhttps://environmentalevidencejournal.biomedcentral.com/track/pdf/10.1186/s13750-021-00246-8');
    expect(dimensions.url).toBe('https://app.dimensions.ai/details/publication/pub.1143865007');
    expect(dimensions.extra.UR).toEqual(['https://environmentalevidencejournal.biomedcentral.com/track/pdf/10.1186/s13750-021-00246-8']);
    expect(dimensions.database).toBe('Dimensions');
    const wrapped = one('UR  - http://search.ebscohost.com/login.aspx?direct=true&db=psyh&AN=2019-\n  65183-001&site=ehost-live');
    expect(wrapped.url).toBe('http://search.ebscohost.com/login.aspx?direct=true&db=psyh&AN=2019-65183-001&site=ehost-live');
    expect(wrapped.extra.UR).toBeUndefined();
  });

  it('never takes an EBSCOhost copyright notice as the abstract', () => {
    expect(one('AB  - Copyright of X is the property of Y.').abstract).toBeUndefined();
  });

  it('is detected by content', () => {
    expect(ris.sniff(fixture('scopus_references.ris'))).toBe(0.95);
    expect(detectFormat(fixture('ovid_numbered.ris'))).toBe(ris);
    expect(ris.sniff('FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n')).toBe(0);
  });
});

describeCorpus('ris: corpus', () => {
  // Rows of SOURCES.md whose description says RIS (whatever the extension); "plain-text … .ris extension" is WoS.
  const entries = corpusEntries('exports').filter((e) => /\bRIS\b/.test(e.description));

  it('finds the RIS files listed in SOURCES.md', () => {
    expect(entries.length).toBe(70);
    expect(entries.map((e) => e.file)).toContain('exports/wos/asreview_web_of_science_ris.txt');
    expect(entries.map((e) => e.file)).not.toContain('exports/wos/rispy_example_wos.ris');
  });

  expectCorpusCounts(ris, entries, { warnings: 'unchecked', every: (r) => r.raw.startsWith('TY ') });

  it('rispy_example_multiline.ris: a line starting with "ER then" continues the field', () => {
    const result = parse(corpusText('exports/ris-edgecases/rispy_example_multiline.ris'));
    expect(result.records.map((r) => r.abstract)).toEqual([
      'first line, ER then second line and at the end the last line',
      'first line, ER then second line and at the end the last line',
      'first line, ER then second line and at the end the last line',
    ]);
  });

  it('Ovid RIS: the NL line and the links written after each ER are kept with their record, not warned about', () => {
    const psycinfo = parse(corpusText('exports/ovid/asreview_ovid_psycinfo.ris'));
    expect(psycinfo.warnings).toEqual([]);
    expect(psycinfo.records.map((r) => r.extra.NL?.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(psycinfo.records[1].extra.NL).toEqual(['J Health Psychol']);
    const cab = parse(corpusText('exports/ovid/synthesisr_Ovid_CAB_ris_example.ris'));
    for (const r of [...psycinfo.records, ...cab.records]) {
      expect(r.extra[TRAILER]).toEqual([expect.stringMatching(/^Link to the Ovid Full Text or citation: .*Link to the External Link Resolver: /)]);
      // The links name the record's own accession number; the next record's number line is not part of it.
      expect(r.extra[TRAILER]![0]).toContain(`AN=${r.sourceKey}`);
      expect(r.raw).not.toMatch(/\n\d+\.$/);
    }
  });

  describe('Zotero comparison (ris)', () => {
    // Deliberate differences, each with its reason.
    const expectedDifferences: Record<string, string[]> = {
      'ris_test03.ris': [
        // CHAP: Zotero's bookTitle ends up as the J2 abbreviation; ours is T2, the book title.
        '8:journal',
        // CONF: EndNote puts the proceedings title in C3, but Web of Science RIS puts organisations there; we keep T2.
        '15:journal',
      ],
      'ris_test05.ris': [
        // ProCite layout: Zotero reads labelled N1 notes ("Volume ID: …", "Proceedings Title: …"); we keep notes as notes.
        '4:volume', '5:volume', '8:volume', '11:journal',
        // Single-field names without a comma ("Monographic Author"): the helper's familyName takes the last word.
        '7:authors', '8:authors', '27:authors',
      ],
    };
    expectZoteroDifferences(ris, corpusPath('exports/zotero-translator-tests/ris'), numberedFiles('ris_test', 12, '.ris'),
      expectedDifferences, { anyOrder: true });
  });
});

describe('ris: the text reader gives the same records however the file is cut into pieces', () => {
  /** Cut after every `every`-th line break (a CRLF counts as one and is never split). */
  const cut = (text: string, every: number): string[] => {
    const out: string[] = [];
    let from = 0;
    let breaks = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
        breaks += 1;
        if (breaks % every === 0) {
          out.push(text.slice(from, i + 1));
          from = i + 1;
        }
      }
    }
    if (from < text.length) out.push(text.slice(from));
    return out;
  };
  const readPieces = (pieces: string[]) => [...ris.readText!(pieces, {})];
  const cases: Array<[string, string]> = [
    ...['ebsco_crlf.ris', 'ovid_numbered.ris', 'scopus_references.ris'].map((name): [string, string] => [name, fixture(name)]),
    ['mixed endings, a record without ER, blank lines inside a record',
      'Provider: x\r\nDatabase: MEDLINE\r\n\r\nTY  - JOUR\rTI  - One\r\n  continued\n\nAU  - A\rER  - \r\n' +
      'TY  - JOUR\nTI  - Two\n\nTY  - BOOK\r\nTI  - Three\r\nER  -\r\n\r\n'],
  ];
  it.each(cases)('%s', (_name, text) => {
    const whole = readPieces([text]);
    expect(whole.filter((i) => i.kind === 'record').length).toBeGreaterThan(0);
    for (const every of [1, 2, 3, 7]) expect(readPieces(cut(text, every)), `cut every ${every} lines`).toEqual(whole);
    // The line-based entry point (used for lines from elsewhere) agrees too.
    expect([...ris.read(cut(text, 1).map((l) => l.replace(/\r?\n$|\r$/, '')), {})]).toEqual(whole);
  });

  it('counts a CRLF split between two pieces as one line break', () => {
    const text = 'TY  - JOUR\rTI  - One\r\nER  - \r\n';
    const whole = readPieces([text]);
    expect(readPieces(['TY  - JOUR\rTI  - One\r', '\nER  - \r\n'])).toEqual(whole);
    expect(readPieces(['TY  - JOUR\r\nTI  - One\r', '\nER  - \r\n'])).toEqual(readPieces(['TY  - JOUR\r\nTI  - One\r\nER  - \r\n']));
  });

  it('keeps each record\'s text as written, line breaks made LF, the gap before the next record left out', () => {
    const [, first, , second] = readPieces(cut(cases[3][1], 2)) as Array<{ kind: string; record: { raw: string } }>;
    expect(first.record.raw).toBe('TY  - JOUR\nTI  - One\n  continued\n\nAU  - A\nER  - ');
    expect(second.record.raw).toBe('TY  - JOUR\nTI  - Two\n');
  });
});

describe('tagLine (the hand-written tag matcher)', () => {
  const REFERENCE = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|\s*)$/s;
  const cases = ['TY  - JOUR', 'TY - JOUR', 'ER  -', 'ER  - ', 'ER  -   ', 'AB  -text', 'T1  - a\u2028b', 'ER then second line',
    'A1  - Smith', '1.', 'ab  - x', 'A   - x', 'AU  -  two spaces', 'Y1  - 2020//', 'TI  -\t', 'KW', ''];
  it.each(cases)('agrees with the reference regular expression on %j', (line) => {
    const m = REFERENCE.exec(line);
    expect(tagLine(line)).toEqual(m ? [m[1], m[2] ?? ''] : null);
  });
});
