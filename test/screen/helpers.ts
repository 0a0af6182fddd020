/** Shared set-up for the screening tests: a database with records, reviewers and the default criteria. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/store/db.js';
import { DEFAULT_CRITERIA_PATH, parseCriteria, type Criteria } from '../../src/criteria/format.js';
import { addReviewer } from '../../src/screen/reviewers.js';
import { tempDir } from '../helpers/tmp.js';

export interface SeedRecord {
  title?: string;
  abstract?: string;
  year?: number | null;
  language?: string | null;
  type?: string | null;
  doi?: string | null;
  pmid?: string | null;
}

let fileCounter = 0;

/** Insert records as if imported from one file; returns their ids in order. */
export function seedRecords(db: DB, records: SeedRecord[] | number, options: { path?: string; previous?: boolean } = {}): number[] {
  const list: SeedRecord[] = typeof records === 'number' ? Array.from({ length: records }, () => ({})) : records;
  const path = options.path ?? `imports/seed-${++fileCounter}.ris`;
  const fileId = Number(db.prepare(`INSERT INTO import_files (path, sha256, bytes, format, encoding, previous, record_count, imported_at)
    VALUES (?, ?, 0, 'ris', 'utf-8', ?, ?, '2024-01-01T00:00:00.000Z')`).run(path, `${path}-${fileCounter}-${Math.random()}`, options.previous ? 1 : 0, list.length).lastInsertRowid);
  const insert = db.prepare(`INSERT INTO records (file_id, ordinal, line, title, abstract, year, language, type, doi, pmid, raw)
    VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, '')`);
  return list.map((r, i) => Number(insert.run(fileId, i + 1, r.title ?? `Record ${i + 1} about community partnerships`,
    r.abstract ?? 'Local government and the voluntary sector collaborate for community wellbeing.',
    r.year === undefined ? 2018 : r.year, r.language ?? null, r.type ?? null, r.doi ?? null, r.pmid ?? null).lastInsertRowid));
}

export function defaultCriteria(): Criteria {
  return parseCriteria(readFileSync(DEFAULT_CRITERIA_PATH, 'utf8'), DEFAULT_CRITERIA_PATH);
}

/** A fresh on-disk database (WAL needs a file) with `n` records and reviewers alice, bob and lead Lea. */
export function setup(n = 10, options: { file?: string } = {}): { db: DB; ids: number[]; criteria: Criteria; path: string } {
  const path = options.file ?? join(tempDir(), 'review.sqlite');
  const db = openDatabase(path);
  const ids = seedRecords(db, n);
  addReviewer(db, 'alice');
  addReviewer(db, 'bob');
  addReviewer(db, 'Lea', { lead: true });
  return { db, ids, criteria: defaultCriteria(), path };
}
