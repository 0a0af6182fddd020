/**
 * Which records are screened. The set to screen is the DE-DUPLICATED set:
 * primary and unique records, never a record that de-duplication merged away
 * (those are marked, never deleted), and never a record of a previous version
 * of the review (it was screened last time). This file is the ONE place that
 * knows how de-duplication marks records: adjust it here if migration 002 changes.
 */
import type { DB } from '../store/db.js';

interface DedupeShape {
  /** SQL expression over `r` (records) that is true for records merged away as duplicates. */
  mergedAway: string;
  /** SQL expression over `r` giving the primary's id of a merged-away record. */
  primaryOf: string;
}

const shapes = new WeakMap<DB, DedupeShape | null>();

/** How de-duplication marks merged-away records in this database (null before it exists). */
function dedupeShape(db: DB): DedupeShape | null {
  if (shapes.has(db)) return shapes.get(db)!;
  const columns = new Set((db.prepare('PRAGMA table_info(records)').all() as Array<{ name: string }>).map((c) => c.name));
  // asreview's convention, named in issue 3 (`duplicateOf` in `review records --json`).
  const shape = columns.has('duplicate_of') ? { mergedAway: 'r.duplicate_of IS NOT NULL', primaryOf: 'r.duplicate_of' } : null;
  shapes.set(db, shape);
  return shape;
}

/**
 * SQL selecting the ids of the records to screen (one column, `id`), for use
 * in joins and `IN (…)`. Excludes merged-away duplicates and records from
 * files imported with `--previous`.
 */
export function screenableSql(db: DB): string {
  const shape = dedupeShape(db);
  return `SELECT r.id FROM records r JOIN import_files f ON f.id = r.file_id
          WHERE f.previous = 0${shape ? ` AND NOT (${shape.mergedAway})` : ''}`;
}

/** The ids of the records to screen, in import order. */
export function recordsToScreen(db: DB): number[] {
  return db.prepare(`${screenableSql(db)} ORDER BY r.id`).pluck().all() as number[];
}

/** Whether one record is in the set to screen. */
export function isScreenable(db: DB, recordId: number): boolean {
  return db.prepare(`${screenableSql(db)} AND r.id = ?`).get(recordId) !== undefined;
}

/** The record a merged-away duplicate now lives in (itself when it is not merged away). */
export function primaryOf(db: DB, recordId: number): number {
  const shape = dedupeShape(db);
  if (!shape) return recordId;
  let id = recordId;
  // Follow the chain (a primary may itself have been merged later); bounded against cycles.
  for (let hops = 0; hops < 100; hops++) {
    const next = db.prepare(`SELECT ${shape.primaryOf} FROM records r WHERE r.id = ? AND ${shape.mergedAway}`).pluck().get(id) as
      | number
      | undefined;
    if (next === undefined || next === null || next === id) return id;
    id = next;
  }
  return id;
}

/** Forget the cached shape (tests that add the dedupe columns after opening). */
export function resetPoolCache(db: DB): void {
  shapes.delete(db);
}
