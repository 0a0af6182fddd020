import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import { medline } from '../../../src/ingest/formats/medline.js';
import { ris } from '../../../src/ingest/formats/ris.js';
import { corpusEntries, corpusPath, corpusText, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts, expectZoteroDifferences, numberedFiles } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('medline', name);
const parse = (text: string) => parseText(medline, text);

describe('medline: PubMed nbib starting with a blank line', () => {
  const result = parse(fixture('pubmed_two_records.nbib'));
  const [first, second] = result.records;

  it('reads both records without problems', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('joins continuation lines and maps the core fields', () => {
    expect(first.title).toBe('Supervised exercise and IL-6 levels in adults with type 2 diabetes: a randomised trial.');
    expect(first.abstract).toBe('BACKGROUND: Exercise lowers IL-6 in some trials. METHODS: We randomised 120 adults to 12 weeks of supervised exercise. CONCLUSIONS: Exercise helped.');
    expect(first.journal).toBe('Journal of clinical nursing research');
    expect([first.volume, first.issue, first.pages]).toEqual(['19', '3', '1210-1218']);
    expect(first.date).toBe('2019 Mar 5');
    expect(first.year).toBe(2019);
    expect(first.doi).toBe('10.1186/s12889-019-6543-2');
    expect(first.pmid).toBe('31234567');
    expect(first.sourceKey).toBe('31234567');
    expect(first.database).toBe('PubMed');
    expect(first.issn).toEqual(['1471-2458']);
    expect(first.language).toBe('eng');
    expect(first.type).toBe('Randomized Controlled Trial');
    expect(first.line).toBe(2);
    expect(first.raw.split('\n')[0]).toBe('PMID- 31234567');
    expect(first.raw.split('\n').at(-1)).toMatch(/^SO {2}- J Clin Nurs Res\. 2019/);
  });

  it('takes FAU names in order, with the CN group author in its place, and keeps AU in extra', () => {
    expect(first.authors).toEqual(['Okafor, Chidi N', 'van der Berg, Lotte', 'EXERCISE-T2D Study Group', 'Lindqvist, Anna-Maria']);
    expect(first.extra.AU).toEqual(['Okafor CN', 'van der Berg L', 'Lindqvist AM']);
  });

  it('joins OT and MH keywords and keeps the unmapped tags in extra', () => {
    expect(first.keywords).toEqual(['physical activity', 'interleukin-6', 'Diabetes Mellitus, Type 2/*therapy', '*Exercise']);
    expect(first.extra.MH).toEqual(['Diabetes Mellitus, Type 2/*therapy', '*Exercise']);
    expect(first.extra.TA).toEqual(['J Clin Nurs Res']);
    expect(first.extra.LID).toEqual(['S1471-2458(19)00012-3 [pii]']);
    expect(first.extra.AID).toEqual(['S1471-2458(19)00012-3 [pii]']);
    expect(first.extra.PT).toEqual(['Journal Article']);
    expect(first.extra.AUID).toEqual(['ORCID: 0000-0002-1825-0097']);
    expect(first.extra.OWN).toEqual(['NLM']);
    expect(first.extra.CI).toEqual(['(c) 2019 The Authors.']);
  });

  it('falls back to AU names (without "et al.") and TA, and reads an article-number pii as the page', () => {
    expect(second.authors).toEqual(['MacLeod F', 'Brown JR']);
    expect(second.extra.AU).toEqual(['et al.']);
    expect(second.journal).toBe('J Pediatr');
    expect(second.extra.TA).toBeUndefined();
    expect(second.date).toBe('1998 Dec-1999 Jan');
    expect(second.year).toBe(1998);
    expect(second.pages).toBe('e0207654');
    expect(second.language).toBe('eng');
    expect(second.extra.LA).toEqual(['fre']);
    expect(second.line).toBe(49);
  });
});

describe('medline: ERIC nbib with CRLF line endings', () => {
  const result = parse(fixture('eric_crlf.nbib'));
  const [article, report] = result.records;

  it('reads the two OWN-started records without a PMID', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.records).toHaveLength(2);
    expect(article.pmid).toBeUndefined();
    expect(article.raw.split('\n')[0]).toBe('OWN - ERIC');
    expect(article.raw).not.toContain('\r');
  });

  it('maps an ERIC journal article: ERIC number, DOI link, prefixed ISSN, landing page', () => {
    expect(article.sourceKey).toBe('EJ1276543');
    expect(article.database).toBe('ERIC');
    expect(article.authors).toEqual(['Garcia, Rosa M.', "O'Neill, Patrick"]);
    expect(article.journal).toBe('Journal of Literacy Research');
    expect([article.volume, article.issue, article.pages]).toEqual(['52', '4', '401-428']);
    expect(article.date).toBe('Dec 2020');
    expect(article.year).toBe(2020);
    expect(article.doi).toBe('10.1177/1086296x20123456');
    expect(article.issn).toEqual(['1086-296X']);
    expect(article.url).toBe('http://eric.ed.gov/?id=EJ1276543');
    expect(article.keywords).toEqual(['Reading Fluency', 'Middle School Students']);
    expect(article.language).toBe('English');
    expect(article.type).toBe('Reports - Research');
    expect(article.extra.SO).toEqual(['v52 n4 p401-428 Dec 2020']);
  });

  it('keeps the JT of an ERIC document (ED number) as the publisher, not a journal', () => {
    expect(report.sourceKey).toBe('ED612345');
    expect(report.journal).toBeUndefined();
    expect(report.extra.JT).toEqual(['Center for Education Policy']);
    expect(report.isbn).toEqual(['978-0-9876-5432-1']);
    expect(report.issn).toEqual([]);
    expect(report.extra.ISSN).toEqual(['EISSN-']);
    expect(report.extra.AID).toEqual(['https://example.org/briefs/2021-3.pdf']);
    expect(report.doi).toBeUndefined();
  });
});

describe('medline: layout problems', () => {
  it('splits records when a new PMID starts without a blank line, with a warning', () => {
    const result = parse('PMID- 1\nTI  - One\nPMID- 2\nTI  - Two\n');
    expect(result.records.map((r) => r.title)).toEqual(['One', 'Two']);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'medline/missing-blank-line', line: 3, record: 1 })]);
  });

  it('reads an unindented untagged line as a continuation, with a warning', () => {
    const result = parse('PMID- 1\nTI  - A title that\nwraps badly\n');
    expect(result.records[0].title).toBe('A title that wraps badly');
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'medline/untagged-line', line: 3, record: 1 })]);
  });

  it('warns when the last record lacks the PT line every other record has (truncated download)', () => {
    const result = parse('PMID- 1\nTI  - One\nPT  - Journal Article\n\nPMID- 2\nTI  - Tw');
    expect(result.records).toHaveLength(2);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'medline/truncated-record', line: 5, record: 2 })]);
  });

  it('fails a file with no tagged record', () => {
    const result = parse('\nsome text\n');
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'medline/no-records' })]);
  });
});

describe('medline: sniffing and registry', () => {
  const risText = 'TY  - JOUR\nTI  - A title\nAU  - Smith, J\nPY  - 2020\nER  - \n';

  it('is certain on PMID lines and on ERIC OWN + TI, and is detected for them', () => {
    expect(medline.sniff(fixture('pubmed_two_records.nbib'))).toBe(0.95);
    expect(medline.sniff(fixture('eric_crlf.nbib'))).toBe(0.9);
    expect(medline.sniff('STAT- MEDLINE\nFAU - Smith, John\nJID - 1234\nTI  - x\n')).toBe(0.85);
    expect(detectFormat(fixture('pubmed_two_records.nbib'))?.name).toBe('medline');
    expect(detectFormat(fixture('eric_crlf.nbib'))?.name).toBe('medline');
    expect(formatByName('medline')).toBe(medline);
  });

  it('does not claim RIS, and RIS does not claim MEDLINE', () => {
    expect(medline.sniff(risText)).toBe(0);
    expect(medline.sniff('TI  - A title\nAU  - Smith, J\n')).toBe(0);
    expect(ris.sniff(fixture('pubmed_two_records.nbib'))).toBe(0);
    expect(ris.sniff(fixture('eric_crlf.nbib'))).toBe(0);
    expect(detectFormat(risText)?.name).toBe('ris');
  });
});

describeCorpus('medline: corpus', () => {
  const entries = corpusEntries('exports').filter((e) => /MEDLINE/.test(e.description) && /tagged|nbib/.test(e.description));

  it('finds every MEDLINE/nbib file listed in SOURCES.md', () => {
    // 1 ERIC + 7 in pubmed/ + 9 Zotero translator tests.
    expect(entries).toHaveLength(17);
  });

  // Warnings: see the two tests below.
  expectCorpusCounts(medline, entries, { detected: true, warnings: 'unchecked', every: (r) => r.title && r.sourceKey });

  it('metaknowledge medline_test.medline: the cut-off last record is a warning', () => {
    const result = parse(corpusText('exports/pubmed/metaknowledge_medline_test.medline'));
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'medline/truncated-record', line: 14925, record: 175 })]);
    expect(result.records[174].title).toMatch(/in the endometriu$/);
  });

  it('the other corpus files read without warnings', () => {
    for (const entry of entries.filter((e) => !e.file.includes('metaknowledge'))) {
      expect([entry.file, parse(corpusText(entry.file)).warnings]).toEqual([entry.file, []]);
    }
  });

  describe('Zotero comparison (medline-nbib)', () => {
    // Deliberate differences, each with its reason.
    const expectedDifferences: Record<string, string[]> = {
      // No PG; Zotero uses the Elsevier pii "S1080-6032(22)00139-9" as pages: a publisher id, not a page.
      'medline-nbib_test09.nbib': ['1:pages'],
    };
    expectZoteroDifferences(medline, corpusPath('exports/zotero-translator-tests/medline-nbib'),
      numberedFiles('medline-nbib_test', 9, '.nbib'), expectedDifferences);
  });
});
