/**
 * Where each record stands at a stage: the reviewers' current decisions, any
 * resolution, the automatic criteria mark, and the outcome that follows.
 *
 * Outcome rules (documented in README "Screening"):
 * - a resolution, when there is one, is final (the latest resolution wins);
 * - an unresolved conflict raised by a duplicate merge makes the record a conflict;
 * - at title/abstract, a record the criteria check excluded and nobody has
 *   decided or overridden is `auto-excluded`;
 * - two (or more) current decisions that all say include (or all exclude)
 *   decide it; any other mix — include vs exclude, or any unsure — is a conflict;
 * - otherwise it is `pending` (it needs more decisions).
 * A record reaches full text only when its title/abstract outcome is include.
 */
import type { DB } from '../store/db.js';
import { screenableSql } from './pool.js';
import { REVIEWERS_PER_RECORD, type Decision, type ResolutionMethod, type Stage } from './types.js';

export interface CurrentDecision {
  id: number;
  recordId: number;
  reviewerId: number;
  reviewer: string;
  stage: Stage;
  decision: Decision;
  reason: string | null;
  note: string | null;
  decidedAt: string;
  source: string;
}

export interface CurrentResolution {
  id: number;
  recordId: number;
  stage: Stage;
  decision: 'include' | 'exclude';
  reason: string | null;
  note: string | null;
  method: ResolutionMethod;
  resolvedBy: string;
  resolvedAt: string;
}

export interface AutoMark {
  rule: string;
  code: string;
  detail: string;
}

export type Outcome = 'pending' | 'include' | 'exclude' | 'conflict' | 'auto-excluded';
export type ConflictKind = 'disagree' | 'unsure' | 'duplicate-merge';

export interface RecordState {
  recordId: number;
  stage: Stage;
  decisions: CurrentDecision[];
  resolution?: CurrentResolution;
  auto?: AutoMark;
  overridden: boolean;
  /** Unresolved conflicts raised when a duplicate with decisions was merged into this record. */
  mergeConflicts: number;
  /** Why the record is (or was, if resolved) a conflict. */
  conflict?: ConflictKind;
  outcome: Outcome;
}

const DECISION_COLUMNS = `d.id, d.record_id AS recordId, d.reviewer_id AS reviewerId, v.name AS reviewer, d.stage, d.decision,
  d.reason, d.note, d.decided_at AS decidedAt, d.source`;

/** Current decisions at a stage (optionally for one record), oldest first. */
export function currentDecisions(db: DB, stage: Stage, recordId?: number): CurrentDecision[] {
  return db.prepare(`
    SELECT ${DECISION_COLUMNS} FROM current_decisions d JOIN reviewers v ON v.id = d.reviewer_id
    WHERE d.stage = @stage ${recordId !== undefined ? 'AND d.record_id = @recordId' : ''}
    ORDER BY d.record_id, d.decided_at, d.id`).all({ stage, recordId }) as CurrentDecision[];
}

function currentResolutions(db: DB, stage: Stage, recordId?: number): CurrentResolution[] {
  return db.prepare(`
    SELECT r.id, r.record_id AS recordId, r.stage, r.decision, r.reason, r.note, r.method, v.name AS resolvedBy,
           r.resolved_at AS resolvedAt
    FROM current_resolutions r JOIN reviewers v ON v.id = r.resolved_by
    WHERE r.stage = @stage ${recordId !== undefined ? 'AND r.record_id = @recordId' : ''}`).all({ stage, recordId }) as CurrentResolution[];
}

/** Unresolved merge conflicts per record (see migration 004, merge_conflicts). */
function unresolvedMergeConflicts(db: DB, stage: Stage, recordId?: number): Map<number, number> {
  const rows = db.prepare(`
    SELECT mc.record_id AS recordId, COUNT(*) AS n FROM merge_conflicts mc
    JOIN decision_moves m ON m.id = mc.move_id AND m.undone_at IS NULL
    WHERE mc.stage = @stage ${recordId !== undefined ? 'AND mc.record_id = @recordId' : ''}
      AND NOT EXISTS (SELECT 1 FROM current_resolutions r
                      WHERE r.record_id = mc.record_id AND r.stage = mc.stage AND r.id > mc.resolutions_before)
      AND (mc.reviewer_id IS NULL OR NOT EXISTS (
            SELECT 1 FROM current_decisions d
            WHERE d.record_id = mc.record_id AND d.stage = mc.stage AND d.reviewer_id = mc.reviewer_id
              AND d.id > mc.decisions_before))
    GROUP BY mc.record_id`).all({ stage, recordId }) as Array<{ recordId: number; n: number }>;
  return new Map(rows.map((r) => [r.recordId, r.n]));
}

function autoMarks(db: DB, recordId?: number): Map<number, AutoMark & { overridden: boolean }> {
  const rows = db.prepare(`
    SELECT a.record_id AS recordId, a.rule, a.code, a.detail,
           EXISTS (SELECT 1 FROM auto_overrides o WHERE o.record_id = a.record_id) AS overridden
    FROM auto_exclusions a ${recordId !== undefined ? 'WHERE a.record_id = ?' : ''}`).all(...(recordId !== undefined ? [recordId] : [])) as Array<
    AutoMark & { recordId: number; overridden: number }
  >;
  return new Map(rows.map((r) => [r.recordId, { rule: r.rule, code: r.code, detail: r.detail, overridden: r.overridden === 1 }]));
}

function conflictOf(decisions: CurrentDecision[], mergeConflicts: number): ConflictKind | undefined {
  if (mergeConflicts > 0) return 'duplicate-merge';
  if (decisions.length < REVIEWERS_PER_RECORD) return undefined;
  const kinds = new Set(decisions.map((d) => d.decision));
  if (kinds.has('include') && kinds.has('exclude')) return 'disagree';
  if (kinds.has('unsure')) return 'unsure';
  return undefined;
}

export function outcomeOf(s: Omit<RecordState, 'outcome' | 'conflict'>): { outcome: Outcome; conflict?: ConflictKind } {
  const conflict = conflictOf(s.decisions, s.mergeConflicts);
  if (s.resolution) return { outcome: s.resolution.decision, conflict };
  if (conflict) return { outcome: 'conflict', conflict };
  if (s.stage === 'title-abstract' && s.auto && !s.overridden && s.decisions.length === 0) return { outcome: 'auto-excluded' };
  if (s.decisions.length >= REVIEWERS_PER_RECORD) return { outcome: s.decisions[0].decision as 'include' | 'exclude' };
  return { outcome: 'pending' };
}

function assemble(db: DB, stage: Stage, ids: number[], recordId?: number): Map<number, RecordState> {
  const states = new Map<number, RecordState>();
  const auto = stage === 'title-abstract' ? autoMarks(db, recordId) : new Map<number, AutoMark & { overridden: boolean }>();
  for (const id of ids) {
    const mark = auto.get(id);
    states.set(id, {
      recordId: id, stage, decisions: [], overridden: mark?.overridden ?? false, mergeConflicts: 0, outcome: 'pending',
      ...(mark ? { auto: { rule: mark.rule, code: mark.code, detail: mark.detail } } : {}),
    });
  }
  for (const d of currentDecisions(db, stage, recordId)) states.get(d.recordId)?.decisions.push(d);
  for (const r of currentResolutions(db, stage, recordId)) {
    const s = states.get(r.recordId);
    if (s) s.resolution = r;
  }
  for (const [id, n] of unresolvedMergeConflicts(db, stage, recordId)) {
    const s = states.get(id);
    if (s) s.mergeConflicts = n;
  }
  for (const s of states.values()) Object.assign(s, outcomeOf(s));
  return states;
}

/**
 * Every record of a stage's pool with its state, in import order. The
 * title/abstract pool is the de-duplicated set; the full-text pool is the
 * records included at title/abstract.
 */
export function stageStates(db: DB, stage: Stage): Map<number, RecordState> {
  const screenable = db.prepare(`${screenableSql(db)} ORDER BY r.id`).pluck().all() as number[];
  const ta = assemble(db, 'title-abstract', screenable);
  if (stage === 'title-abstract') return ta;
  const included = [...ta.values()].filter((s) => s.outcome === 'include').map((s) => s.recordId);
  return assemble(db, 'full-text', included);
}

/** One record's state at a stage, or undefined when it is not in that stage's pool (with why). */
export function recordState(db: DB, recordId: number, stage: Stage): { state?: RecordState; why?: string } {
  const inPool = db.prepare(`${screenableSql(db)} AND r.id = ?`).get(recordId) !== undefined;
  if (!inPool) {
    const exists = db.prepare('SELECT 1 FROM records WHERE id = ?').get(recordId) !== undefined;
    return { why: exists ? 'it is not screened: it was merged away as a duplicate, or comes from a previous version of the review' : 'no such record' };
  }
  const ta = assemble(db, 'title-abstract', [recordId], recordId).get(recordId)!;
  if (stage === 'title-abstract') return { state: ta };
  if (ta.outcome !== 'include') return { why: `it has not been included at title/abstract (outcome there: ${ta.outcome})` };
  return { state: assemble(db, 'full-text', [recordId], recordId).get(recordId)! };
}
