import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { addManualEntry, listManualEntries, withdrawManualEntry } from '../../src/prisma/manual.js';

describe('counts entered by hand: explicit, dated, attributed', () => {
  it('records who, when and why; withdrawn entries are kept but no longer count', () => {
    const db = openDatabase(':memory:');
    const e = addManualEntry(db, { box: 'excluded_other', n: '12', database: 'Scopus', reason: 'non-English, removed before export', by: 'Sian Hughes', on: '2023-02-15', recordedAt: '2024-01-01T10:00:00.000Z' });
    expect(e).toMatchObject({ id: 1, box: 'excluded_other', n: 12, database: 'Scopus', method: 'database', enteredBy: 'Sian Hughes', occurredOn: '2023-02-15', recordedAt: '2024-01-01T10:00:00.000Z', withdrawnAt: null });
    withdrawManualEntry(db, 1, 'Dafydd Evans', 'entered twice', '2024-01-02T00:00:00.000Z');
    expect(listManualEntries(db)).toEqual([]);
    expect(listManualEntries(db, { all: true })[0]).toMatchObject({ withdrawnBy: 'Dafydd Evans', withdrawnReason: 'entered twice' });
    expect(() => withdrawManualEntry(db, 1, 'Dafydd Evans', 'again')).toThrow(/already withdrawn by Dafydd Evans/);
  });

  it('refuses what can be derived, and entries without who, why, date or database', () => {
    const db = openDatabase(':memory:');
    const base = { n: 3, reason: 'why', by: 'Sian Hughes', on: '2024-01-01' };
    expect(() => addManualEntry(db, { ...base, box: 'duplicates' })).toThrow(/"duplicates" cannot be entered by hand: only excluded_other, excluded_automatic, previous_studies, previous_reports/);
    expect(() => addManualEntry(db, { ...base, box: 'excluded_other' })).toThrow(/name the database or register/);
    expect(() => addManualEntry(db, { ...base, box: 'previous_studies', database: 'Scopus' })).toThrow(/apply only to records removed before import/);
    expect(() => addManualEntry(db, { ...base, box: 'previous_studies', by: ' ' })).toThrow(/who/);
    expect(() => addManualEntry(db, { ...base, box: 'previous_studies', reason: '' })).toThrow(/say why/);
    expect(() => addManualEntry(db, { ...base, box: 'previous_studies', on: '2024-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(() => addManualEntry(db, { ...base, box: 'previous_studies', n: '-2' })).toThrow(/whole number/);
    expect(listManualEntries(db, { all: true })).toEqual([]);
  });
});
