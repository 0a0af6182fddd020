import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import { refworks } from '../../../src/ingest/formats/refworks.js';
import { corpusEntries, corpusPath, corpusText, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts, expectZoteroDifferences, numberedFiles } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('refworks', name);
const parse = (text: string) => parseText(refworks, text);

describe('refworks: export with the tag-legend preamble (CRLF)', () => {
  const result = parse(fixture('refworks_export.txt'));
  const [article, chapter] = result.records;

  it('skips the preamble and reads both records without diagnostics', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(article.line).toBe(21);
    expect(article.raw.split('\n')[0]).toBe('RT Journal Article');
    expect(article.raw.split('\n').at(-1)).toBe('OL English(30)');
  });

  it('maps the journal article', () => {
    expect(article.type).toBe('Journal Article');
    expect(article.title).toBe('Exercise during chemotherapy and cancer-related fatigue');
    expect(article.authors).toEqual(['Okafor,Chidi N.', 'Lindqvist,Anna-Maria']);
    expect(article.journal).toBe('Journal of Clinical Oncology Nursing');
    expect(article.extra.JO).toEqual(['J Clin Oncol Nurs']);
    expect([article.volume, article.issue, article.pages]).toEqual(['28', '3', '212-231']);
    expect(article.year).toBe(2019);
    expect(article.date).toBe('2019 Mar');
    expect(article.keywords).toEqual(['Exercise', 'Fatigue']);
    expect(article.abstract).toBe('In this randomised trial, supervised exercise reduced fatigue.');
    expect(article.issn).toEqual(['1234-5678']);
    expect(article.pmid).toBe('30712345');
    expect(article.language).toBe('English');
    expect(article.sourceKey).toBe('3107');
    expect(article.extra.AN).toEqual(['2019-10045-002']);
  });

  it('finds the DOI in the note and keeps the note', () => {
    expect(article.doi).toBe('10.1111/jcon.12345');
    expect(article.extra.NO).toEqual(['doi: 10.1111/jcon.12345']);
    expect(article.url).toBe('http://onlinelibrary.wiley.com/doi/10.1111/jcon.12345/abstract');
  });

  it('takes a section\'s book title from T2 and its ISBN from SN', () => {
    expect(chapter.type).toBe('Book, Section');
    expect(chapter.journal).toBe('Handbook of Developmental Sleep Research');
    expect(chapter.isbn).toEqual(['9780198812345']);
    expect(chapter.pages).toBe('201-230');
    expect(chapter.extra.A2).toEqual(['Lindgren,Per']);
    expect(chapter.extra.PB).toEqual(['Example University Press']);
  });
});

describe('refworks: problems', () => {
  it('a field after a blank line with no RT opening a record is an error naming the line', () => {
    const result = parse('RT Journal Article\nT1 First\n\nA1 Lost,Author\nT1 Second\n');
    expect(result.records.map((r) => r.title)).toEqual(['First']);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'refworks/missing-rt', line: 4, record: 2 })]);
  });

  it('untagged text after a record is a warning; an unknown two-letter word is not a tag', () => {
    const result = parse('RT Journal Article\nAB First line\nIN this study we looked\n\nstray\n');
    expect(result.records[0].abstract).toBe('First line IN this study we looked');
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'refworks/text-between-records', line: 5 })]);
  });

  it('a file without RT lines is an error', () => {
    expect(parse('T1 A title\n').errors).toEqual([expect.objectContaining({ code: 'refworks/no-records' })]);
  });
});

describe('refworks: detection', () => {
  it('claims RefWorks files and is registered', () => {
    expect(formatByName('refworks')).toBe(refworks);
    expect(detectFormat(fixture('refworks_export.txt'))).toBe(refworks);
  });

  it('does not claim WoS plain text or RIS', () => {
    expect(refworks.sniff('FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smith, J\nTI A title\nSO A JOURNAL\nER\nEF\n')).toBe(0);
    expect(refworks.sniff('PT J\nAU Smith, J\nTI A title\nPY 2019\nER\n')).toBe(0);
    expect(refworks.sniff('TY  - JOUR\nAU  - Smith, J\nT1  - A title\nER  - \n')).toBe(0);
  });
});

describeCorpus('refworks: corpus', () => {
  const entries = corpusEntries('exports').filter((e) => /\/refworks-tagged\/.*\.txt$/.test(e.file));

  it('finds the RefWorks files listed in SOURCES.md', () => {
    expect(entries.length).toBe(4);
  });

  expectCorpusCounts(refworks, entries, { every: (r) => r.title && r.raw.startsWith('RT ') });

  it('nothing is in the corpus that sniffs as RefWorks but is WoS or RIS', () => {
    for (const file of ['exports/wos/metaknowledge_testFile.isi', 'exports/wos/synthesisr_WoS_txt_example.txt', 'exports/ris-misc/asreview_baseline.ris']) {
      expect(refworks.sniff(corpusText(file).replace(/^\uFEFF/, '').slice(0, 65536))).toBe(0);
    }
  });

  describe('Zotero comparison (refworks-tagged)', () => {
    expectZoteroDifferences(refworks, corpusPath('exports/zotero-translator-tests/refworks-tagged'),
      numberedFiles('refworks-tagged_test', 4, '.txt'));
  });
});
