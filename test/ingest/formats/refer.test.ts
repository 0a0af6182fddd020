import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import { refer } from '../../../src/ingest/formats/refer.js';
import { corpusEntries, corpusPath, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts, expectZoteroDifferences, numberedFiles } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('refer', name);
const parse = (text: string) => parseText(refer, text);

describe('refer: EndNote export (CRLF, %0 first, multi-line %K and %X)', () => {
  const result = parse(fixture('endnote_export.enl'));
  const [article, chapter] = result.records;

  it('reads two records separated by a blank line, without diagnostics', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('maps the journal article', () => {
    expect(article.type).toBe('Journal Article');
    expect(article.title).toBe('Telephone follow-up after day surgery: a pragmatic trial');
    expect(article.authors).toEqual(['Haddad, Rania', 'Kowalski, Jan']);
    expect(article.journal).toBe('Journal of PeriAnesthesia Practice');
    expect([article.volume, article.issue, article.pages]).toEqual(['36', '2', '145-152']);
    expect(article.year).toBe(2021);
    expect(article.date).toBe('2021 Apr');
    expect(article.doi).toBe('10.1097/jpp.0000000000000456');
    expect(article.issn).toEqual(['1089-9472']);
    expect(article.sourceKey).toBe('33789012');
    expect(article.database).toBe('MEDLINE');
    expect(article.extra['%W']).toEqual(['NLM']);
    expect(article.language).toBe('eng');
    expect(article.url).toBe('https://doi.org/10.1097/JPP.0000000000000456');
  });

  it('reads keyword and abstract continuation lines', () => {
    expect(article.keywords).toEqual(['day surgery', 'telephone follow-up', 'nursing']);
    expect(article.abstract).toBe('Background: Follow-up calls are routine after day surgery. Results: Calls reduced unplanned visits.');
    expect(article.raw.split('\n')).toHaveLength(22);
    expect(article.line).toBe(1);
  });

  it('takes the book title of a section from %B and the ISBN from %@; editors, publisher, place stay in extra', () => {
    expect(chapter.type).toBe('Book Section');
    expect(chapter.journal).toBe('Handbook of Developmental Sleep Research');
    expect(chapter.isbn).toEqual(['978-0-19-881234-5']);
    expect(chapter.pages).toBe('201-230');
    expect(chapter.extra).toEqual({ '%E': ['Lindgren, Per'], '%C': ['Oxford'], '%I': ['Example University Press'], '%7': ['2nd'] });
    expect(chapter.line).toBe(24);
  });
});

describe('refer: records without %0, repeated tags, no final newline', () => {
  const result = parse(fixture('no_type_and_repeated_tags.txt'));
  const [ais, wanfang] = result.records;

  it('reads a record with no %0 line, with %B as its journal and a full %8 date', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(ais.type).toBeUndefined();
    expect(ais.journal).toBe('Management Information Systems Quarterly');
    expect(ais.authors).toEqual(['Osório, Gerardo', 'Nguyen, Thi Mai']);
    expect(ais.date).toBe('March 1, 2022');
    expect(ais.year).toBe(2022);
  });

  it('keeps the first %J and the non-DOI %R in extra; reads the last line without a newline', () => {
    expect(wanfang.journal).toBe('中华医学杂志');
    expect(wanfang.extra['%J']).toEqual(['NATIONAL MEDICAL JOURNAL OF CHINA']);
    expect(wanfang.doi).toBe('10.3760/cma.j.issn.0376-2491.2020.05.001');
    expect(wanfang.extra['%R']).toEqual(['oai:example.org:record-42']);
    expect(wanfang.line).toBe(13);
  });
});

describe('refer: problems', () => {
  it('a record that starts with untagged text is an error naming the line and record', () => {
    const result = parse('%0 Journal Article\n%T First\n\nstray text\n%T Second\n');
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'refer/untagged-start', line: 4, record: 2 })]);
    expect(result.errors[0].message).toMatch(/line 4: record 2 starts with untagged text/);
  });

  it('a file with no %-tags is an error', () => {
    expect(parse('\n\n').errors).toEqual([expect.objectContaining({ code: 'refer/no-records' })]);
  });

  it('keeps the earlier %0 of a record with two in extra, and takes the last', () => {
    const [record] = parse('%0 Serial\n%0 Audio\n%T A podcast\n').records;
    expect(record.type).toBe('Audio');
    expect(record.extra['%0']).toEqual(['Serial']);
  });
});

describe('refer: detection', () => {
  it('claims %-tagged files and is registered', () => {
    expect(formatByName('refer')).toBe(refer);
    expect(detectFormat(fixture('endnote_export.enl'))).toBe(refer);
    expect(detectFormat(fixture('no_type_and_repeated_tags.txt'))).toBe(refer);
  });

  it('does not claim RIS or text that merely contains a percent sign', () => {
    expect(refer.sniff('TY  - JOUR\nTI  - 50% fewer visits\nER  - \n')).toBe(0);
    expect(refer.sniff('%PDF-1.4\n')).toBe(0);
  });
});

/**
 * SOURCES.md counted these files' records as their `%0` lines, but a Refer record is a
 * blank-line-separated block and `%0` is optional (and can appear twice in one record).
 * Our counts were checked by hand against the files, and against CoLRev's own loader for
 * ais_enl.txt (6 records in its expected output) and Zotero for test04 (1 item).
 */
const RECOUNTED: Record<string, { sources: number; records: number }> = {
  'exports/endnote-tagged/colrev_ais_enl.txt': { sources: 2, records: 6 },
  'exports/endnote-tagged/colrev_enl_data.enl': { sources: 2, records: 3 },
  'exports/zotero-translator-tests/refer-bibix/refer-bibix_test04.txt': { sources: 2, records: 1 },
};

describeCorpus('refer: corpus', () => {
  const entries = corpusEntries('exports').filter(
    (e) => e.file.includes('/endnote-tagged/') || /\/refer-bibix\/.*\.txt$/.test(e.file),
  );

  it('finds the Refer/EndNote tagged files listed in SOURCES.md', () => {
    expect(entries.length).toBe(6);
  });

  expectCorpusCounts(refer, entries, {
    records: (entry) => RECOUNTED[entry.file]?.records ?? entry.records,
    every: (r) => r.title && r.raw.startsWith('%'),
    check: (_, entry) => {
      // A recount stays valid only while SOURCES.md still has the old number.
      const recount = RECOUNTED[entry.file];
      if (recount) expect(entry.records).toBe(recount.sources);
    },
  });

  describe('Zotero comparison (refer-bibix)', () => {
    // Deliberate differences, each with its reason.
    const expectedDifferences: Record<string, string[]> = {
      // Wanfang writes %J twice (Chinese, then English); we take the first, Zotero overwrites with the last.
      'refer-bibix_test01.txt': ['1:journal'],
    };
    expectZoteroDifferences(refer, corpusPath('exports/zotero-translator-tests/refer-bibix'),
      numberedFiles('refer-bibix_test', 4, '.txt'), expectedDifferences);
  });
});
