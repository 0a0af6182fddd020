/**
 * A scripted review with a known number at every PRISMA box, built in a real
 * database through the ingest tables, de-duplication's marks, the criteria
 * check and the screening library (two reviewers, a resolved conflict,
 * full-text retrieval), so `derivePrisma` is tested end to end.
 *
 *   identification   Scopus 30 (+3 removed before import), MEDLINE 20, register 4,
 *                    websites 6, organisations 2, citation searching 4
 *   dedupe           8 database records and 1 citation record merged away
 *   automation       2 database records and 1 website record published 2009 (EX-DATE)
 *   title/abstract   database arm: 44 screened, 30 excluded, 14 included (one by resolution)
 *                    other arm: 11 in the pool, 1 auto-excluded → 10 screened, 5 excluded, 5 included
 *   full text        database arm: 2 not retrieved, 12 assessed: 4 EX-SETTING, 2 EX-DESIGN, 1 EX-DATE, 5 included
 *                    other arm: 1 not retrieved, 4 assessed: 1 EX-OUTCOME, 3 included
 *   included         8 reports; one linked to another's study → 7 studies
 */
import type { DB } from '../../src/store/db.js';
import { openDatabase } from '../../src/store/db.js';
import { criteriaCheck } from '../../src/criteria/check.js';
import { DEFAULT_CRITERIA_PATH, readCriteriaFile, type Criteria } from '../../src/criteria/format.js';
import { recordDecision, resolveRecord } from '../../src/screen/decisions.js';
import { recordFulltext } from '../../src/screen/fulltext.js';
import { addReviewer } from '../../src/screen/reviewers.js';
import { addManualEntry } from '../../src/prisma/manual.js';
import { linkReport } from '../../src/extract/studies.js';
import type { PrismaCounts } from '../../src/prisma/boxes.js';

/** Insert an import file with `n` records; returns their ids. */
export function addFile(db: DB, o: { method: string; database?: string; n: number; previous?: boolean; year?: (i: number) => number }): number[] {
  const fileNo = (db.prepare('SELECT COUNT(*) FROM import_files').pluck().get() as number) + 1;
  const fileId = Number(db.prepare(`INSERT INTO import_files (path, sha256, bytes, format, encoding, database, method, previous, record_count, imported_at)
    VALUES (?, ?, 0, 'ris', 'utf-8', ?, ?, ?, ?, '2024-01-01T00:00:00Z')`)
    .run(`imports/f${fileNo}.ris`, `sha-${fileNo}-${Math.random()}`, o.database ?? null, o.method, o.previous ? 1 : 0, o.n).lastInsertRowid);
  const insert = db.prepare(`INSERT INTO records (file_id, ordinal, line, title, authors, year, journal, doi, raw)
    VALUES (?, ?, 1, ?, ?, ?, 'Journal of Community Partnership Studies', ?, 'TY  - JOUR')`);
  const ids: number[] = [];
  for (let i = 0; i < o.n; i++) {
    ids.push(Number(insert.run(fileId, i + 1, `${o.database ?? o.method} study ${i + 1}`, JSON.stringify([`Author${fileNo}, A.`, 'Second, B.']),
      o.year ? o.year(i) : 2018, `10.99999/f${fileNo}.${i + 1}`).lastInsertRowid));
  }
  return ids;
}

/** Mark records as merged away into a primary, as de-duplication does (migration 002), and record a run. */
export function markDuplicates(db: DB, pairs: Array<[dup: number, primary: number]>): void {
  db.prepare(`INSERT INTO dedupe_runs (started_at, finished_at, mode, options, records_in, records_new, candidates, compared, duplicates, uncertain)
    VALUES ('2024-01-02T00:00:00Z', '2024-01-02T00:00:01Z', 'full', '{}', 0, 0, 0, 0, ?, 0)`).run(pairs.length);
  const set = db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?');
  for (const [dup, primary] of pairs) set.run(primary, dup);
}

export interface Scripted {
  db: DB;
  criteria: Criteria;
  expected: PrismaCounts;
  /** Other-methods records screened at title/abstract (not a PRISMA box). */
  otherScreened: number;
  included: number[];
}

function decideBoth(db: DB, criteria: Criteria, ids: number[], stage: string, decision: string, reason?: string): void {
  for (const id of ids) {
    for (const reviewer of ['Sian Hughes', 'Dafydd Evans']) recordDecision(db, criteria, { recordId: id, reviewer, stage, decision, reason });
  }
}

export function scriptedReview(options: { previous?: boolean; path?: string } = {}): Scripted {
  const db = openDatabase(options.path ?? ':memory:');
  const criteria = readCriteriaFile(DEFAULT_CRITERIA_PATH);

  // Identification.
  const scopus = addFile(db, { method: 'database', database: 'Scopus', n: 30, year: (i) => (i < 2 ? 2009 : 2018) });
  const medline = addFile(db, { method: 'database', database: 'MEDLINE', n: 20 });
  const register = addFile(db, { method: 'register', database: 'ClinicalTrials.gov', n: 4 });
  const websites = addFile(db, { method: 'website', n: 6, year: (i) => (i === 0 ? 2009 : 2019) });
  const organisations = addFile(db, { method: 'organisation', n: 2 });
  const citations = addFile(db, { method: 'citation', n: 4 });
  if (options.previous) {
    addFile(db, { method: 'database', database: 'Scopus', n: 25, previous: true });
    addManualEntry(db, { box: 'previous_studies', n: 46, reason: 'Figure 1 of the previous version', by: 'Sian Hughes', on: '2023-06-01' });
    addManualEntry(db, { box: 'previous_reports', n: 48, reason: 'Figure 1 of the previous version', by: 'Sian Hughes', on: '2023-06-01' });
  }
  addManualEntry(db, { box: 'excluded_other', n: 3, database: 'Scopus', reason: 'non-English records removed in Scopus before export', by: 'Sian Hughes', on: '2024-01-01' });

  // De-duplication: 8 database/register records and 1 citation record merged away.
  markDuplicates(db, [
    ...medline.slice(12, 20).map((id, i): [number, number] => [id, scopus[10 + i]]),
    [citations[3], scopus[20]],
  ]);

  // Automation: the two 2009 Scopus records and the 2009 website record (EX-DATE).
  criteriaCheck(db, criteria);

  for (const name of ['Sian Hughes', 'Dafydd Evans']) addReviewer(db, name, { lead: name === 'Sian Hughes' });

  // Title/abstract, databases and registers: 44 screened = Scopus 28 + MEDLINE 12 + register 4.
  const dbrPool = [...scopus.slice(2), ...medline.slice(0, 12), ...register];
  const dbrInclude = dbrPool.slice(0, 14);
  const dbrExclude = dbrPool.slice(14);
  decideBoth(db, criteria, dbrInclude.slice(1), 'title-abstract', 'include');
  // A conflict, resolved by consensus: include.
  recordDecision(db, criteria, { recordId: dbrInclude[0], reviewer: 'Sian Hughes', stage: 'title-abstract', decision: 'include' });
  recordDecision(db, criteria, { recordId: dbrInclude[0], reviewer: 'Dafydd Evans', stage: 'title-abstract', decision: 'exclude', reason: 'EX-SETTING' });
  resolveRecord(db, criteria, { recordId: dbrInclude[0], by: 'Sian Hughes', stage: 'title-abstract', decision: 'include', reason: 'discussed: community setting after all' });
  decideBoth(db, criteria, dbrExclude, 'title-abstract', 'exclude', 'EX-PHENOMENON');

  // Title/abstract, other methods: websites 5 (one auto-excluded) + organisations 2 + citations 3 = 10.
  const otherPool = [...websites.slice(1), ...organisations, ...citations.slice(0, 3)];
  const otherInclude = otherPool.slice(0, 5);
  decideBoth(db, criteria, otherInclude, 'title-abstract', 'include');
  decideBoth(db, criteria, otherPool.slice(5), 'title-abstract', 'exclude', 'EX-SETTING');

  // Full text, databases and registers.
  for (const id of dbrInclude.slice(0, 2)) recordFulltext(db, { recordId: id, notRetrieved: 'not available from the library or the authors' });
  const dbrAssessed = dbrInclude.slice(2);
  decideBoth(db, criteria, dbrAssessed.slice(0, 4), 'full-text', 'exclude', 'EX-SETTING');
  decideBoth(db, criteria, dbrAssessed.slice(4, 6), 'full-text', 'exclude', 'EX-DESIGN');
  decideBoth(db, criteria, dbrAssessed.slice(6, 7), 'full-text', 'exclude', 'EX-DATE');
  const dbrIncluded = dbrAssessed.slice(7);
  decideBoth(db, criteria, dbrIncluded, 'full-text', 'include');

  // Full text, other methods.
  recordFulltext(db, { recordId: otherInclude[0], notRetrieved: 'web page withdrawn' });
  decideBoth(db, criteria, otherInclude.slice(1, 2), 'full-text', 'exclude', 'EX-OUTCOME');
  const otherIncluded = otherInclude.slice(2);
  decideBoth(db, criteria, otherIncluded, 'full-text', 'include');

  // Two included reports of one study.
  linkReport(db, dbrIncluded[1], dbrIncluded[0], 'Sian Hughes', 'same partnership, follow-up paper');

  const expected: PrismaCounts = {
    previous_studies: options.previous ? 46 : 0,
    previous_reports: options.previous ? 48 : 0,
    database_results: 53,
    database_specific_results: [{ reason: 'Scopus', n: 33 }, { reason: 'MEDLINE', n: 20 }],
    register_results: 4,
    register_specific_results: [{ reason: 'ClinicalTrials.gov', n: 4 }],
    website_results: 6,
    organisation_results: 2,
    citations_results: 4,
    duplicates: 8,
    excluded_automatic: 2,
    excluded_other: 3,
    records_screened: 44,
    records_excluded: 30,
    dbr_sought_reports: 14,
    dbr_notretrieved_reports: 2,
    dbr_assessed: 12,
    dbr_excluded: [{ reason: 'EX-SETTING', n: 4, label: 'Setting' }, { reason: 'EX-DESIGN', n: 2, label: 'Design' }, { reason: 'EX-DATE', n: 1, label: 'Date' }],
    other_sought_reports: 5,
    other_notretrieved_reports: 1,
    other_assessed: 4,
    other_excluded: [{ reason: 'EX-OUTCOME', n: 1, label: 'Evaluation (outcome)' }],
    new_studies: 7,
    new_reports: 8,
    total_studies: options.previous ? 53 : 7,
    total_reports: options.previous ? 56 : 8,
  };
  return { db, criteria, expected, otherScreened: 10, included: [...dbrIncluded, ...otherIncluded] };
}
