/**
 * `sourceKey` is the record's own ID in its file (RIS ID/AN, CSV ID/EID,
 * PMID, UT…), else its ordinal in the file (issue 2); de-duplication's groups
 * list their members by the same sourceKey `review records --json` gives
 * (issue 3), so a record with no ID of its own (a Zotero RIS export) is
 * named the same way in both.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { importFile } from '../../src/ingest/import.js';
import { listRecords } from '../../src/ingest/records.js';
import { runDedupe } from '../../src/dedupe/index.js';
import { writeTemp } from '../helpers/tmp.js';

/** Zotero writes no record ID. */
const zotero = (title: string, doi: string) => ['TY  - JOUR', `TI  - ${title}`, 'AU  - Hughes, Sian', 'AU  - Price, Owen',
  'T2  - Local Government Studies', 'PY  - 2019', 'VL  - 45', 'SP  - 412', 'EP  - 431', `DO  - ${doi}`, 'ER  -', ''].join('\r\n');
const TITLE = 'Community anchor organisations and local wellbeing: a realist evaluation in three Welsh towns';

describe('sourceKey of a record with no ID of its own', () => {
  it('is its ordinal, in review records and in the de-duplication groups alike', () => {
    const db = openDatabase(':memory:');
    const file = writeTemp('citations.ris', [
      zotero('Volunteering and loneliness in rural Wales', '10.99999/hp.2018.51.10'),
      zotero(TITLE, '10.99999/lgs.2019.45.3.412'),
      zotero(TITLE, '10.99999/lgs.2019.45.3.412'),
    ].join('\r\n'));
    expect(importFile(db, file).records).toBe(3);

    const rows = listRecords(db).rows;
    expect(rows.map((r) => [r.ordinal, r.sourceKey])).toEqual([[1, '1'], [2, '2'], [3, '3']]);

    const result = runDedupe(db);
    expect(result.groups).toEqual([['2', '3']]);
    const keys = new Set(rows.map((r) => r.sourceKey));
    for (const key of result.groups.flat()) expect(keys).toContain(key);
  });

  it('an ID the file gives is kept as the sourceKey', () => {
    const db = openDatabase(':memory:');
    importFile(db, writeTemp('ebsco.ris', ['TY  - JOUR', 'ID  - 2020-99231-004', `T1  - ${TITLE}`, 'ER  - ', ''].join('\r\n')));
    expect(listRecords(db).rows[0].sourceKey).toBe('2020-99231-004');
  });
});
