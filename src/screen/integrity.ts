/**
 * Integrity check on open, for the commands that write screening decisions:
 * SQLite's own quick check, foreign keys, and the screening schema present.
 * A damaged database is reported before anyone types a decision into it.
 */
import type { DB } from '../store/db.js';
import { ScreeningError } from './types.js';

export function integrityProblems(db: DB): string[] {
  const problems: string[] = [];
  const quick = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
  for (const row of quick) if (row.quick_check !== 'ok') problems.push(`sqlite: ${row.quick_check}`);
  const fk = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  for (const row of fk.slice(0, 10)) problems.push(`${row.table} row ${row.rowid} refers to a missing ${row.parent} row`);
  if (fk.length > 10) problems.push(`… and ${fk.length - 10} more broken references`);
  const screening = db.prepare("SELECT 1 FROM schema_migrations WHERE name = 'screening'").get();
  if (!screening) problems.push('the screening tables (migration 004) are missing');
  return problems;
}

/** Throw a clear error when the database is damaged. */
export function assertIntegrity(db: DB): void {
  const problems = integrityProblems(db);
  if (problems.length) {
    throw new ScreeningError(`the database failed its integrity check; restore it from a backup or an export (review decisions export):\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Settings for a connection that records decisions: a busy timeout so a
 * second writer waits instead of failing, and a full sync on commit so a
 * decision that was confirmed survives a crash or a power cut.
 */
export function prepareForScreening(db: DB): void {
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = FULL');
}
