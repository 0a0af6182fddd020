/**
 * The duplicate-merge hook. When de-duplication merges a record that already
 * has screening decisions into a primary record, nothing is lost and nothing
 * is decided silently:
 * - each reviewer's current decision (and any resolution) on the merged-away
 *   record is copied onto the primary when the primary has none from them;
 * - where the primary already has a different decision from the same
 *   reviewer (or a different resolution), the primary's stands and a merge
 *   conflict is raised, listed by `review conflicts` until that reviewer
 *   decides the primary again or the record is resolved;
 * - full-text retrieval and criteria overrides follow to the primary when it has none.
 * The merged-away record's own rows stay where they are (append-only history).
 *
 * De-duplication calls `moveDecisionsToPrimary(db, fromId, toId)` inside or
 * outside its own transaction (it nests), and `restoreAfterSplit` when it
 * undoes a merge.
 */
import type { DB } from '../store/db.js';
import { now, type Stage } from './types.js';

export interface MergeConflictDetail {
  stage: Stage;
  /** The reviewer whose two decisions disagree; null when two resolutions disagree. */
  reviewer: string | null;
  /** The primary's decision (kept) and the merged-away record's. */
  kept: string;
  other: string;
}

export interface MoveResult {
  moveId?: number;
  /** Decision and resolution rows copied to the primary. */
  moved: number;
  /** Rows not copied because the primary said otherwise (merge conflicts raised). */
  conflicts: number;
  details: MergeConflictDetail[];
}

interface Row {
  id: number;
  reviewer_id: number;
  stage: Stage;
  decision: string;
  reason: string | null;
  note: string | null;
  decided_at: string;
}

interface ResRow {
  id: number;
  stage: Stage;
  decision: string;
  reason: string | null;
  note: string | null;
  method: string;
  resolved_by: number;
  resolved_at: string;
}

const describe = (d: { decision: string; reason: string | null }) => (d.reason ? `${d.decision} (${d.reason})` : d.decision);

export function moveDecisionsToPrimary(db: DB, fromId: number, toId: number, options: { at?: string } = {}): MoveResult {
  if (fromId === toId) return { moved: 0, conflicts: 0, details: [] };
  return db.transaction((): MoveResult => {
    // Idempotent: a merge already recorded (and not undone) is not moved twice.
    if (db.prepare('SELECT 1 FROM decision_moves WHERE from_record = ? AND to_record = ? AND undone_at IS NULL').get(fromId, toId)) {
      return { moved: 0, conflicts: 0, details: [] };
    }
    const decisionsFrom = db.prepare('SELECT * FROM current_decisions WHERE record_id = ?').all(fromId) as Row[];
    const resolutionsFrom = db.prepare('SELECT * FROM current_resolutions WHERE record_id = ?').all(fromId) as ResRow[];
    const fulltextFrom = db.prepare('SELECT * FROM fulltext WHERE record_id = ? ORDER BY recorded_at DESC, id DESC LIMIT 1').get(fromId) as
      | { status: string; location: string | null; reason: string | null; reviewer_id: number | null; recorded_at: string }
      | undefined;
    const overrideFrom = db.prepare('SELECT * FROM auto_overrides WHERE record_id = ? ORDER BY id LIMIT 1').get(fromId) as
      | { reviewer_id: number; note: string | null; overridden_at: string }
      | undefined;
    if (decisionsFrom.length === 0 && resolutionsFrom.length === 0 && !fulltextFrom && !overrideFrom) return { moved: 0, conflicts: 0, details: [] };

    const at = options.at ?? now();
    const decisionsBefore = (db.prepare('SELECT COALESCE(MAX(id), 0) FROM decisions').pluck().get() as number);
    const resolutionsBefore = (db.prepare('SELECT COALESCE(MAX(id), 0) FROM resolutions').pluck().get() as number);
    const moveId = Number(db.prepare('INSERT INTO decision_moves (from_record, to_record, moved_at, moved, conflicts) VALUES (?, ?, ?, 0, 0)')
      .run(fromId, toId, at).lastInsertRowid);
    const conflict = db.prepare(`INSERT INTO merge_conflicts (move_id, record_id, stage, reviewer_id, kept, other, created_at,
      decisions_before, resolutions_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    let moved = 0;
    let conflicts = 0;
    const details: MergeConflictDetail[] = [];
    const nameOf = db.prepare('SELECT name FROM reviewers WHERE id = ?').pluck();

    const primaryDecision = db.prepare('SELECT * FROM current_decisions WHERE record_id = ? AND stage = ? AND reviewer_id = ?');
    const copyDecision = db.prepare(`INSERT INTO decisions (record_id, reviewer_id, stage, decision, reason, note, decided_at, recorded_at, source, moved_from)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'moved', ?)`);
    for (const d of decisionsFrom) {
      const mine = primaryDecision.get(toId, d.stage, d.reviewer_id) as Row | undefined;
      if (!mine) {
        copyDecision.run(toId, d.reviewer_id, d.stage, d.decision, d.reason, d.note, d.decided_at, at, fromId);
        moved++;
      } else if (mine.decision !== d.decision) {
        conflict.run(moveId, toId, d.stage, d.reviewer_id, describe(mine), describe(d), at, decisionsBefore, resolutionsBefore);
        details.push({ stage: d.stage, reviewer: nameOf.get(d.reviewer_id) as string, kept: describe(mine), other: describe(d) });
        conflicts++;
      }
    }

    const primaryResolution = db.prepare('SELECT * FROM current_resolutions WHERE record_id = ? AND stage = ?');
    const copyResolution = db.prepare(`INSERT INTO resolutions (record_id, stage, decision, reason, note, method, resolved_by, resolved_at,
      recorded_at, source, moved_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'moved', ?)`);
    for (const r of resolutionsFrom) {
      const theirs = primaryResolution.get(toId, r.stage) as ResRow | undefined;
      if (!theirs) {
        copyResolution.run(toId, r.stage, r.decision, r.reason, r.note, r.method, r.resolved_by, r.resolved_at, at, fromId);
        moved++;
      } else if (theirs.decision !== r.decision) {
        conflict.run(moveId, toId, r.stage, null, describe(theirs), describe(r), at, decisionsBefore, resolutionsBefore);
        details.push({ stage: r.stage, reviewer: null, kept: describe(theirs), other: describe(r) });
        conflicts++;
      }
    }

    if (fulltextFrom && !db.prepare('SELECT 1 FROM fulltext WHERE record_id = ?').get(toId)) {
      db.prepare(`INSERT INTO fulltext (record_id, status, location, reason, reviewer_id, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, 'moved')`)
        .run(toId, fulltextFrom.status, fulltextFrom.location, fulltextFrom.reason, fulltextFrom.reviewer_id, fulltextFrom.recorded_at);
    }
    if (overrideFrom && !db.prepare('SELECT 1 FROM auto_overrides WHERE record_id = ?').get(toId)) {
      db.prepare(`INSERT INTO auto_overrides (record_id, reviewer_id, note, overridden_at, source) VALUES (?, ?, ?, ?, 'moved')`)
        .run(toId, overrideFrom.reviewer_id, overrideFrom.note, overrideFrom.overridden_at);
    }
    db.prepare('UPDATE decision_moves SET moved = ?, conflicts = ? WHERE id = ?').run(moved, conflicts, moveId);
    return { moveId, moved, conflicts, details };
  }).immediate();
}

/**
 * Undo the decision side of a merge that de-duplication has split again:
 * decisions and resolutions copied from `fromId` onto `toId` are withdrawn
 * on `toId` (a new `withdrawn` row, unless the reviewer has decided `toId`
 * again since), and the merge's conflicts are no longer counted. The
 * merged-away record's own decisions were never touched and count again.
 */
export function restoreAfterSplit(db: DB, fromId: number, toId: number, options: { at?: string } = {}): { withdrawn: number } {
  return db.transaction(() => {
    const at = options.at ?? now();
    let withdrawn = 0;
    const copied = db.prepare(`SELECT * FROM current_decisions WHERE record_id = ? AND moved_from = ?`).all(toId, fromId) as Row[];
    const withdraw = db.prepare(`INSERT INTO decisions (record_id, reviewer_id, stage, decision, reason, note, decided_at, recorded_at, source)
      VALUES (?, ?, ?, 'withdrawn', NULL, ?, ?, ?, 'split')`);
    for (const d of copied) {
      withdraw.run(toId, d.reviewer_id, d.stage, `merge with record ${fromId} undone`, at, at);
      withdrawn++;
    }
    const copiedRes = db.prepare(`SELECT * FROM current_resolutions WHERE record_id = ? AND moved_from = ?`).all(toId, fromId) as ResRow[];
    for (const r of copiedRes) {
      db.prepare(`INSERT INTO resolutions (record_id, stage, decision, reason, note, method, resolved_by, resolved_at, recorded_at, source)
        VALUES (?, ?, 'withdrawn', NULL, ?, ?, ?, ?, ?, 'split')`).run(toId, r.stage, `merge with record ${fromId} undone`, r.method, r.resolved_by, at, at);
      withdrawn++;
    }
    db.prepare('UPDATE decision_moves SET undone_at = ? WHERE from_record = ? AND to_record = ? AND undone_at IS NULL').run(at, fromId, toId);
    return { withdrawn };
  }).immediate();
}

