import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import { wos } from '../../../src/ingest/formats/wos.js';
import { corpusEntries, corpusPath, corpusText, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts, expectZoteroDifferences, numberedFiles } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('wos', name);
const parse = (text: string) => parseText(wos, text);

describe('wos: Clarivate export with BOM, AU/AF, structured abstract, article number', () => {
  const result = parse(fixture('clarivate_two_records.txt'));
  const [first, second] = result.records;

  it('reads both records without problems and names the database from the header', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.database).toBe('Web of Science');
  });

  it('maps the core fields', () => {
    expect(first.title).toBe('Effects of supervised exercise on fatigue in adults receiving chemotherapy: a randomised controlled trial');
    expect(first.abstract).toMatch(/^Background: Cancer-related fatigue .* with exercise\.$/);
    expect(first.journal).toBe('JOURNAL OF CLINICAL ONCOLOGY NURSING');
    expect(first.year).toBe(2019);
    expect(first.date).toBe('MAR 15 2019');
    expect([first.volume, first.issue, first.pages]).toEqual(['28', '3', '212-231']);
    expect(first.doi).toBe('10.1111/jcon.12345');
    expect(first.pmid).toBe('30712345');
    expect(first.issn).toEqual(['1234-5678', '2345-678X']);
    expect(first.language).toBe('English');
    expect(first.type).toBe('Article');
    expect(first.sourceKey).toBe('WOS:000459876500012');
    expect(first.database).toBe('Web of Science Core Collection');
    expect(first.line).toBe(3);
  });

  it('takes the full AF names, in order, and keeps the AU forms in extra', () => {
    expect(first.authors).toEqual(['Okafor, Chidi N.', 'van der Berg, Lotte', 'Lindqvist, Anna-Maria']);
    expect(first.extra.AU).toEqual(['Okafor, CN', 'van der Berg, L', 'Lindqvist, AM']);
  });

  it('joins DE and ID keywords and keeps list fields one value per line in extra', () => {
    expect(first.keywords).toEqual([
      'exercise', 'fatigue', 'chemotherapy', 'randomised controlled trial',
      'QUALITY-OF-LIFE', 'CANCER-PATIENTS', 'PHYSICAL-ACTIVITY',
    ]);
    expect(first.extra.C1).toHaveLength(2);
    expect(first.extra.CR).toEqual([
      'Andersen C, 2013, BRIT J CANCER, V108, P1210, DOI 10.1038/bjc.2013.1',
      'Mock V, 2001, ONCOL NURS FORUM, V28, P1025',
    ]);
    expect(first.extra.PT).toEqual(['J']);
    expect(first.extra.J9).toEqual(['J CLIN ONCOL NURS']);
    expect(first.extra.PD).toBeUndefined();
  });

  it('uses the article number when there are no pages, and keeps the raw record', () => {
    expect(second.pages).toBe('1187');
    expect(second.extra.AR).toBeUndefined();
    expect(second.extra.EA).toEqual(['DEC 2020']);
    expect(second.date).toBe('DEC 2020');
    expect(second.raw.split('\n')[0]).toBe('PT J');
    expect(second.raw.split('\n').at(-1)).toBe('ER');
  });
});

describe('wos: Web of Knowledge header, BIOSIS record, book series chapter', () => {
  const result = parse(fixture('knowledge_biosis_series.txt'));
  const [biosis, chapter] = result.records;

  it('maps the BIOSIS record: PS page span, database from the UT prefix, e-mail dropped from the name', () => {
    expect(result.errors).toEqual([]);
    expect(result.database).toBe('Web of Science');
    expect(biosis.database).toBe('BIOSIS Citation Index');
    expect(biosis.pages).toBe('1002-1014');
    expect(biosis.authors).toEqual(['Nowak, Piotr', 'Ferreira, Ana L.']);
    expect(biosis.date).toBe('MAY 2014');
    expect(biosis.type).toBe('J');
  });

  it('maps the series chapter: ISBN, editors kept in extra', () => {
    expect(chapter.isbn).toEqual(['978-3-16-148410-0']);
    expect(chapter.journal).toBe('LIMNOLOGY SERIES, VOL 7');
    expect(chapter.extra.BE).toEqual(['Meyer, HP', 'Tanaka, K']);
    expect(chapter.extra.SE).toEqual(['Limnology Series']);
    expect(chapter.pages).toBe('45-67');
  });
});

describe('wos: structure', () => {
  it('reads a headerless file (starts at PT, no EF) without problems', () => {
    const result = parse(fixture('headerless.txt'));
    expect(result.records.map((r) => r.title)).toEqual(['A minimal record without a file header']);
    expect(result.errors).toEqual([]);
    expect(result.database).toBeUndefined();
    expect(result.records[0].database).toBe('Web of Science Core Collection');
  });

  it('fails a file with an FN header but no EF, naming the line and the last record', () => {
    const result = parse(fixture('truncated_no_ef.txt'));
    expect(result.records).toHaveLength(2);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'wos/missing-ef', record: 2 });
    expect(result.errors[0].message).toMatch(/no EF end-of-file line/);
  });

  it('fails a record that is not closed by ER before the next PT', () => {
    const text = 'FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI One\nPT J\nTI Two\nER\nEF\n';
    const result = parse(text);
    expect(result.records.map((r) => r.title)).toEqual(['One', 'Two']);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'wos/missing-er', line: 5, record: 1 }),
    ]);
  });

  it('fails a truncated last record', () => {
    const result = parse('PT J\nTI Cut off\nAU Doe, J\n');
    expect(result.errors).toEqual([expect.objectContaining({ code: 'wos/missing-er', line: 3, record: 1 })]);
  });

  it('fails tagged text between records (a record that lost its PT line)', () => {
    const text = 'FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI One\nER\n\nTI Orphan\nER\n\nEF\n';
    const result = parse(text);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'wos/tag-outside-record', line: 7, record: 1 })]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'wos/stray-er', line: 8 })]);
  });

  it('fails records after EF, but accepts a second whole export appended after EF', () => {
    const header = 'FN Clarivate Analytics Web of Science\nVR 1.0\n';
    const record = 'PT J\nTI X\nER\n\n';
    const afterEf = parse(`${header}${record}EF\n${record}`);
    expect(afterEf.errors).toEqual([expect.objectContaining({ code: 'wos/record-after-ef', line: 8, record: 2 })]);
    const joined = parse(`${header}${record}EF\n${header}${record}EF\n`);
    expect(joined.errors).toEqual([]);
    expect(joined.records).toHaveLength(2);
    expect(joined.warnings.map((w) => w.code)).toEqual(['wos/concatenated-exports']);
  });

  it('reads a tag run into its value as that tag, with a warning', () => {
    const result = parse('PT J\nAUGilles, H\n   Girard, S\nTI Shift\nER\n');
    expect(result.errors).toEqual([]);
    expect(result.records[0].authors).toEqual(['Gilles, H', 'Girard, S']);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'wos/tag-run-into-value', line: 2, record: 1 })]);
  });

  it('reads unindented continuation lines as continuations, with one warning per record', () => {
    const text = 'PT J\nTI Methane-derived carbon for two benthic\nconsumers in arctic lakes\nAU Medvedeff, C\nHershey, A\nER\n';
    const result = parse(text);
    expect(result.records[0].title).toBe('Methane-derived carbon for two benthic consumers in arctic lakes');
    expect(result.records[0].authors).toEqual(['Medvedeff, C', 'Hershey, A']);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'wos/unindented-continuation', line: 3, record: 1 })]);
  });

  it('is detected by content and registered', () => {
    expect(wos.sniff(fixture('clarivate_two_records.txt').slice(1))).toBeGreaterThanOrEqual(0.9);
    expect(wos.sniff(fixture('headerless.txt'))).toBeGreaterThanOrEqual(0.9);
    expect(wos.sniff('TY  - JOUR\nTI  - x\nER  - \n')).toBe(0);
    expect(formatByName('wos')).toBe(wos);
    expect(detectFormat(fixture('knowledge_biosis_series.txt'))).toBe(wos);
  });
});

describeCorpus('wos: corpus', () => {
  const entries = corpusEntries('exports').filter(
    (e) => /\b(Web of Science|WoS) plain-text/.test(e.description) && !/MALFORMED/.test(e.file),
  );

  it('finds the plain-text files listed in SOURCES.md', () => {
    expect(entries.length).toBe(22);
  });

  expectCorpusCounts(wos, entries, { warnings: 'unchecked', every: (r) => r.title && r.raw.startsWith('PT ') });

  it('metaknowledge testFile.isi: the AU run into its value is a warning, not an error', () => {
    const result = parse(corpusText('exports/wos/metaknowledge_testFile.isi'));
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'wos/tag-run-into-value', line: 416, record: 6 })]);
    expect(result.records[5].authors).toEqual(['Gilles, H', 'Girard, S', 'Hamel, J']);
  });

  // badFile.isi differs from testFile.isi by PT B→J (still a valid type), two whole records removed
  // (undetectable: WoS gives no record count) and the final EF removed. Only the last is structural:
  // an export that opens with an FN header always ends with EF, so the file is truncated.
  it('metaknowledge badFile_MALFORMED.isi fails for its missing EF, naming the line and the record', () => {
    const result = parse(corpusText('exports/wos/metaknowledge_badFile_MALFORMED.isi'));
    expect(result.records).toHaveLength(32);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'wos/missing-ef', line: 2070, record: 32 })]);
    expect(result.errors[0].message).toMatch(/line 2070 .*record 32/);
  });

  describe('Zotero comparison (wos-tagged)', () => {
    // Deliberate differences, each with its reason.
    const expectedDifferences: Record<string, string[]> = {
      // BP 82 / EP 82: Zotero writes "82-82"; a one-page article is page "82".
      'wos-tagged_test03.txt': ['1:pages'],
    };
    expectZoteroDifferences(wos, corpusPath('exports/zotero-translator-tests/wos-tagged'), numberedFiles('wos-tagged_test', 9, '.txt'),
      expectedDifferences, { anyOrder: true });
  });
});
