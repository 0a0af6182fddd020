/**
 * The CoLRev de-duplication test set (../shared/corpus/dedup/colrev/): 21
 * BibTeX records in, 19 expected out. The truth is in the files themselves:
 * each expected record's `colrev_origin` lists the origins of the input
 * records merged into it, so an input record belongs to the expected record
 * whose origins include all of its own. Imported through the real path
 * (`review import records.bib`, format detected) and de-duplicated with no
 * person in the loop. Skipped without the corpus.
 */
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { importFile } from '../../src/ingest/import.js';
import { parseText } from '../../src/ingest/format.js';
import { bibtex } from '../../src/ingest/formats/bibtex.js';
import type { BibRecord } from '../../src/ingest/record.js';
import { runDedupe } from '../../src/dedupe/index.js';
import { corpusPath, corpusText, describeCorpus } from '../helpers/corpus.js';

const origins = (r: BibRecord): string[] => {
  const v = (r.extra as Record<string, string | string[] | undefined>).colrev_origin;
  return (Array.isArray(v) ? v.join(';') : v ?? '').split(';').map((s) => s.trim()).filter(Boolean);
};

/** Expected duplicate groups (input sourceKeys), from the expected records' colrev_origin. */
function expectedGroups(): string[][] {
  const input = parseText(bibtex, corpusText('dedup', 'colrev', 'records.bib')).records;
  const output = parseText(bibtex, corpusText('dedup', 'colrev', 'records_expected.bib')).records;
  expect([input.length, output.length]).toEqual([21, 19]);
  const groups = output.map((o) => {
    const mine = new Set(origins(o));
    return input.filter((i) => origins(i).length > 0 && origins(i).every((x) => mine.has(x))).map((i) => i.sourceKey!);
  });
  // Every input record lands in exactly one expected record.
  expect(groups.flat().sort()).toEqual(input.map((i) => i.sourceKey!).sort());
  return groups.filter((g) => g.length > 1);
}

const canonical = (groups: string[][]) => groups.map((g) => [...g].sort()).sort((a, b) => a[0].localeCompare(b[0]));

describeCorpus('de-duplication on the CoLRev labelled set, no person in the loop', () => {
  it('dedup/colrev: 21 records → 19, exactly the expected groups, nothing uncertain', () => {
    const truth = expectedGroups();
    expect(truth).toHaveLength(2);
    const db = openDatabase(':memory:');
    const imported = importFile(db, corpusPath('dedup', 'colrev', 'records.bib'));
    expect(imported).toMatchObject({ status: 'imported', format: 'bibtex', records: 21 });
    const result = runDedupe(db);
    expect(result.recordsIn - result.duplicatesRemoved.total).toBe(19);
    expect(result.uncertainPairs).toBe(0);
    expect(canonical(result.groups)).toEqual(canonical(truth));
  });
});
