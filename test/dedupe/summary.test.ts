/**
 * `review dedupe --json` reports duplicates removed per database under the
 * same names `review status` (and PRISMA) give the databases: the record's own
 * database, else the file's database, else its interface (e.g. "Citation
 * searching" from imports/sources.csv), else "(not stated)".
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { importFile } from '../../src/ingest/import.js';
import { importSummary } from '../../src/ingest/summary.js';
import { runDedupe } from '../../src/dedupe/index.js';
import { writeTemp } from '../helpers/tmp.js';
import { ris, type RisRecord } from './helpers.js';

const A: RisRecord = {
  id: 'M1', title: 'Community anchor organisations and local wellbeing: a realist evaluation in three Welsh towns',
  authors: ['Hughes, Sian', 'Price, Owen', 'Evans, Mair'], year: 2019, journal: 'Local Government Studies', volume: '45',
  start: '412', end: '431', doi: '10.99999/lgs.2019.45.3.412',
  abstract: 'A long abstract, so that this record is the most complete one and stays primary in its group.',
};
const B: RisRecord = {
  id: 'M2', title: 'Volunteering and loneliness in rural Wales: a cohort study', authors: ['Rees, Gwen', 'Morgan, Huw'], year: 2018,
  journal: 'Health & Place', volume: '51', start: '10', end: '18', doi: '10.99999/hp.2018.51.10',
  abstract: 'A long abstract, so that this record is the most complete one and stays primary in its group.',
};

/** The RIS of these records with no DB/DP lines: the file does not name its database. */
const unnamed = (records: RisRecord[]) => ris(records).replace(/^(DB|DP) {2}- .*\r\n/gm, '');

describe('duplicates removed per database', () => {
  it('uses the names review status gives the databases, the interface and "(not stated)" included', () => {
    const db = openDatabase(':memory:');
    importFile(db, writeTemp('medline.ris', ris([A, B], 'cmedm')));
    // Citation searching: the file names no database; sources.csv gives only the interface.
    const copyA = { ...A, id: 'C1', abstract: undefined };
    importFile(db, writeTemp('citations.ris', unnamed([copyA])), { interface: 'Citation searching', method: 'citation' });
    // A file that says nothing about where it came from.
    const copyB = { ...B, id: 'X1', abstract: undefined };
    importFile(db, writeTemp('unknown.ris', unnamed([copyB])));

    const result = runDedupe(db);
    expect(result.duplicatesRemoved.total).toBe(2);
    expect(result.duplicatesRemoved.byDatabase).toEqual({ 'Citation searching': 1, '(not stated)': 1 });
    const statusNames = importSummary(db).databases.map((d) => d.database);
    for (const name of Object.keys(result.duplicatesRemoved.byDatabase)) expect(statusNames).toContain(name);
  });
});
