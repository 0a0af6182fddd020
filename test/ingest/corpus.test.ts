/**
 * Every real export in ../shared/corpus/exports/ imports with its format
 * detected by content, with zero errors, and yields the record count that
 * SOURCES.md gives. The deliberately malformed WoS file must fail with a
 * located error and import nothing.
 */
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { importFile } from '../../src/ingest/import.js';
import { listRecords } from '../../src/ingest/records.js';
import { corpusEntries, corpusPath, describeCorpus, HAS_CORPUS } from '../helpers/corpus.js';

const MALFORMED = 'exports/wos/metaknowledge_badFile_MALFORMED.isi';

/**
 * Where SOURCES.md's count is wrong, the count we expect and why. SOURCES.md
 * counted Refer records by `%0` lines, but in Refer a record is a block between
 * blank lines and `%0` is optional (and may repeat within one record).
 */
const CORRECTIONS: Record<string, { records: number; why: string }> = {
  'exports/endnote-tagged/colrev_ais_enl.txt': { records: 6, why: '4 records have no %0 line; CoLRev\'s own expected output has 6 entries' },
  'exports/endnote-tagged/colrev_enl_data.enl': { records: 3, why: 'the third record (a table of contents) has no %0 line' },
  'exports/zotero-translator-tests/refer-bibix/refer-bibix_test04.txt': { records: 1, why: 'one record with two %0 lines; Zotero expects 1 item' },
};
const entries = HAS_CORPUS
  ? corpusEntries('exports').filter((e) => !e.file.endsWith('.expected.json') && e.file !== MALFORMED)
  : [];

describeCorpus('every corpus export imports by content detection with the documented record count', () => {
  const db = openDatabase(':memory:');
  it.each(entries.map((e) => [e.file, CORRECTIONS[e.file]?.records ?? e.records] as const))('%s → %i records', (file, expected) => {
    const r = importFile(db, corpusPath(file));
    const problems = r.errors.map((e) => `line ${e.line} record ${e.record}: ${e.message}`);
    expect(problems).toEqual([]);
    // Byte-identical copies in the corpus (same SHA-256) are a no-op the second time, with the same count.
    expect(['imported', 'already-imported']).toContain(r.status);
    expect(r.records).toBe(expected);
  });

  it('covers the whole exports section (the list was read), and every correction is still needed', () => {
    expect(entries.length).toBeGreaterThan(150);
    for (const [file, fix] of Object.entries(CORRECTIONS)) {
      expect(entries.find((e) => e.file === file)?.records, file).not.toBe(fix.records);
    }
  });
});

describeCorpus('the deliberately malformed WoS file', () => {
  it('fails with an error naming line and record, and imports nothing', () => {
    const db = openDatabase(':memory:');
    const r = importFile(db, corpusPath(MALFORMED));
    expect(r.status).toBe('failed');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].line).toBeGreaterThan(0);
    expect(r.errors[0].record).toBeGreaterThan(0);
    expect(r.errors[0].message.length).toBeGreaterThan(20);
    expect(listRecords(db).total).toBe(0);
  });
});
