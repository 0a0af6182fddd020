import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import { cochrane } from '../../../src/ingest/formats/cochrane.js';
import { corpusEntries, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('cochrane', name);
const parse = (text: string) => parseText(cochrane, text);

describe('cochrane: CENTRAL + CDSR export with a BOM and CR-only line endings', () => {
  const text = fixture('central_cr_bom.txt');
  const result = parse(text);
  const [trial, abstract, review] = result.records;

  it('the fixture really is CR-only with a BOM', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).not.toMatch(/\n/);
  });

  it('reads the three records without diagnostics and names the Cochrane Library', () => {
    expect(result.records).toHaveLength(3);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.database).toBe('Cochrane Library');
    expect([trial.line, abstract.line, review.line]).toEqual([1, 20, 33]);
  });

  it('maps a CENTRAL trial', () => {
    expect(trial.sourceKey).toBe('CN-01912345');
    expect(trial.database).toBe('CENTRAL');
    expect(trial.authors).toEqual(['Okonkwo AC', 'Lindahl M']);
    expect(trial.title).toBe('Home-based walking for intermittent claudication: a randomised trial');
    expect(trial.journal).toBe('Journal of vascular nursing');
    expect([trial.year, trial.volume, trial.issue, trial.pages]).toEqual([2023, '41', '2', '88-97']);
    expect(trial.pmid).toBe('37270265');
    expect(trial.doi).toBe('10.1016/j.jvn.2023.01.004');
    expect(trial.type).toBe('Journal article; Randomized Controlled Trial');
    expect(trial.url).toBe('https://www.cochranelibrary.com/central/doi/10.1002/central/CN-01912345/full');
    expect(trial.extra).toEqual({ XR: ['EMBASE 2014839207'] });
  });

  it('splits KY on semicolons and drops the [checkword] markers; cleans the non-breaking space', () => {
    expect(trial.keywords).toEqual([
      'Exercise Therapy [methods]', 'Intermittent Claudication [therapy]', 'Walking', 'Adult', 'Humans',
    ]);
    expect(trial.abstract).toBe('BACKGROUND: Supervised exercise is rarely available. METHODS: 212 adults were randomised.');
  });

  it('maps a CDSR review, keeping PB and CC in extra', () => {
    expect(review.database).toBe('CDSR');
    expect(review.sourceKey).toBe('CD005263');
    expect(review.authors).toEqual(['Hageman David', 'Fokkenrood Hugo JP']);
    expect(review.issue).toBe('4');
    expect(review.extra).toEqual({ PB: ['John Wiley & Sons, Ltd'], CC: ['VASC'] });
    expect(review.raw.split('\n')[0]).toBe('Record #3 of 3');
    expect(review.raw.split('\n').at(-1)).toMatch(/^US: /);
  });
});

describe('cochrane: problems', () => {
  it('fewer records than the headers announce is a warning (incomplete download)', () => {
    const result = parse('Record #1 of 3\rID: CD000001\rTI: One\r\rRecord #2 of 3\rID: CD000002\rTI: Two\r');
    expect(result.records).toHaveLength(2);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'cochrane/count', record: 2 })]);
    expect(result.warnings[0].message).toMatch(/announce 3 records but the file holds 2/);
  });

  it('a record number out of sequence is a warning naming the line', () => {
    const result = parse('Record #1 of 2\nTI: One\n\nRecord #5 of 2\nTI: Two\n');
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'cochrane/record-number', line: 4, record: 2 })]);
  });

  it('a stray BOM before a later header is tolerated', () => {
    const result = parse('Record #1 of 2\nTI: One\n\n\uFEFFRecord #2 of 2\nTI: Two\n');
    expect(result.records.map((r) => r.title)).toEqual(['One', 'Two']);
    expect(result.warnings).toEqual([]);
  });

  it('a file without Record headers is an error', () => {
    expect(parse('TI: A title\n').errors).toEqual([expect.objectContaining({ code: 'cochrane/no-records' })]);
  });
});

describe('cochrane: detection', () => {
  it('claims Cochrane exports and is registered', () => {
    expect(formatByName('cochrane')).toBe(cochrane);
    expect(detectFormat(fixture('central_cr_bom.txt').slice(1))).toBe(cochrane);
  });

  it('a bare "Record #1 of 2" line above RIS (as rispy\'s example has) is not enough to claim the file', () => {
    expect(cochrane.sniff('Record #1 of 2\nProvider: Provider\n1.\nTY  - JOUR\nER  - \n')).toBeLessThan(0.5);
  });
});

describeCorpus('cochrane: corpus', () => {
  const entries = corpusEntries('exports').filter((e) => e.file.startsWith('exports/cochrane/'));

  it('finds the Cochrane export listed in SOURCES.md', () => {
    expect(entries.map((e) => e.file)).toEqual(['exports/cochrane/cochrane-application_citation-export.txt']);
  });

  expectCorpusCounts(cochrane, entries, {
    every: (r) => r.title && r.sourceKey && r.doi && r.database === 'CDSR',
    check: ({ records }) => {
      // Record #201 is preceded by a second BOM in the file.
      expect(records[200].raw.startsWith('\uFEFFRecord #201 of 271')).toBe(true);
      expect(records[200].sourceKey).toMatch(/^CD\d+$/);
      expect(records.flatMap((r) => r.keywords).some((k) => k.includes('checkword'))).toBe(false);
    },
  });
});
