/** Full-text retrieval, tracked per record (PRISMA: reports sought / not retrieved). */
import type { DB } from '../store/db.js';
import { requireInPool } from './decisions.js';
import { getReviewer } from './reviewers.js';
import { now, ScreeningError } from './types.js';

export interface FulltextState {
  recordId: number;
  status: 'retrieved' | 'not-retrieved';
  location: string | null;
  reason: string | null;
  by: string | null;
  recordedAt: string;
}

export interface FulltextInput {
  recordId: number;
  retrieved?: string;
  notRetrieved?: string;
  by?: string;
  recordedAt?: string;
  source?: string;
}

/** Record where a record's full text is, or why it could not be had. Idempotent. */
export function recordFulltext(db: DB, input: FulltextInput): { changed: boolean; state: FulltextState; warnings: string[] } {
  const retrieved = input.retrieved?.trim();
  const notRetrieved = input.notRetrieved?.trim();
  if (!!retrieved === !!notRetrieved) {
    throw new ScreeningError('say either --retrieved <path|url> or --not-retrieved <why>');
  }
  const reviewer = input.by ? getReviewer(db, input.by) : undefined;
  return db.transaction(() => {
    requireInPool(db, input.recordId, 'full-text');
    const current = currentFulltext(db, input.recordId);
    const status = retrieved ? 'retrieved' : 'not-retrieved';
    const location = retrieved ?? null;
    const reason = notRetrieved ?? null;
    if (current && current.status === status && current.location === location && current.reason === reason) {
      return { changed: false, state: current, warnings: [] };
    }
    const at = input.recordedAt ?? now();
    db.prepare('INSERT INTO fulltext (record_id, status, location, reason, reviewer_id, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(input.recordId, status, location, reason, reviewer?.id ?? null, at, input.source ?? 'fulltext');
    // Marking a report not retrieved after it was decided at full text: PRISMA keeps counting it as assessed.
    const decided = status === 'not-retrieved'
      && db.prepare("SELECT 1 FROM current_decisions WHERE record_id = ? AND stage = 'full-text' LIMIT 1").get(input.recordId) !== undefined;
    const warnings = decided
      ? [`record ${input.recordId} already has full-text decisions: PRISMA counts its report as assessed for eligibility, ` +
        'not as not retrieved']
      : [];
    return { changed: true, state: currentFulltext(db, input.recordId)!, warnings };
  }).immediate();
}

const SELECT = `SELECT f.record_id AS recordId, f.status, f.location, f.reason, v.name AS "by", f.recorded_at AS recordedAt
  FROM fulltext f LEFT JOIN reviewers v ON v.id = f.reviewer_id`;

export function currentFulltext(db: DB, recordId: number): FulltextState | undefined {
  return db.prepare(`${SELECT} WHERE f.record_id = ? ORDER BY f.recorded_at DESC, f.id DESC LIMIT 1`).get(recordId) as FulltextState | undefined;
}

/** The current retrieval state of every record that has one. */
export function allFulltext(db: DB): Map<number, FulltextState> {
  const rows = db.prepare(`${SELECT} WHERE NOT EXISTS (SELECT 1 FROM fulltext n WHERE n.record_id = f.record_id
      AND (n.recorded_at > f.recorded_at OR (n.recorded_at = f.recorded_at AND n.id > f.id)))`).all() as FulltextState[];
  return new Map(rows.map((r) => [r.recordId, r]));
}
