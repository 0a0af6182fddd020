/**
 * Recording decisions and resolutions. Every write is one short IMMEDIATE
 * transaction (take the write lock first, then read and write), so two
 * reviewers writing at once on the same database never lose or duplicate a
 * decision: the second waits for the first (busy timeout) and then sees it.
 */
import type { DB } from '../store/db.js';
import { criterionFor, type Criteria } from '../criteria/format.js';
import { getReviewer, type Reviewer } from './reviewers.js';
import { currentFulltext } from './fulltext.js';
import { recordState, type CurrentDecision, type RecordState } from './state.js';
import {
  now, parseDecision, parseStage, RESOLUTION_METHODS, ScreeningError, stageLabel,
  type Decision, type ResolutionMethod, type Stage, type StoredDecision,
} from './types.js';

export interface DecisionInput {
  recordId: number;
  reviewer: string;
  stage: Stage | string;
  decision: Decision | string;
  reason?: string | null;
  note?: string | null;
  /** ISO 8601; default now (imports keep the original time). */
  decidedAt?: string | null;
  source?: string;
}

export interface ValidDecision {
  recordId: number;
  reviewer: Reviewer;
  stage: Stage;
  decision: StoredDecision;
  reason: string | null;
  note: string | null;
  decidedAt: string;
  source: string;
  movedFrom?: number | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A timestamp as stored (ISO 8601 UTC), or an error. */
export function parseTimestamp(value: string): string {
  const v = value.trim();
  const ms = ISO.test(v) ? Date.parse(v.includes('T') || v.length === 10 ? v : v.replace(' ', 'T')) : NaN;
  if (Number.isNaN(ms)) throw new ScreeningError(`"${value}" is not a date and time (ISO 8601, e.g. 2024-03-01T14:05:00Z)`);
  return new Date(ms).toISOString();
}

/** The criterion code a reason names (code or alias), or an error listing the codes. */
export function reasonCode(criteria: Criteria, reason: string): string {
  const c = criterionFor(criteria, reason);
  if (c) return c.code;
  throw new ScreeningError(
    `unknown reason "${reason}": use a criterion code from ${criteria.file || 'the criteria'} (${criteria.criteria.map((x) => x.code).join(', ')})`,
  );
}

/** Check a decision against the reviewers, the records and the criteria; nothing is written. */
export function validateDecision(db: DB, criteria: Criteria, input: DecisionInput): ValidDecision {
  const reviewer = getReviewer(db, input.reviewer);
  const stage = parseStage(input.stage);
  const decision = parseDecision(input.decision);
  if (!Number.isInteger(input.recordId) || input.recordId <= 0) throw new ScreeningError(`"${input.recordId}" is not a record id (see \`review records\`)`);
  const reasonText = input.reason?.trim() || null;
  let reason: string | null = null;
  if (reasonText) {
    if (decision === 'include') {
      throw new ScreeningError(`a reason code explains an exclusion (or an unsure); an include takes none — put "${reasonText}" in --note`);
    }
    reason = reasonCode(criteria, reasonText);
  }
  if (stage === 'full-text' && decision === 'exclude' && !reason) {
    throw new ScreeningError(`a full-text exclusion needs a reason code (--reason): ${criteria.criteria.map((c) => c.code).join(', ')}`);
  }
  return {
    recordId: input.recordId,
    reviewer,
    stage,
    decision,
    reason,
    note: input.note?.trim() || null,
    decidedAt: input.decidedAt ? parseTimestamp(input.decidedAt) : now(),
    source: input.source ?? 'decide',
  };
}

/** The record's state at the stage, or an error saying why it cannot be decided there. */
export function requireInPool(db: DB, recordId: number, stage: Stage): RecordState {
  const { state, why } = recordState(db, recordId, stage);
  if (!state) throw new ScreeningError(`record ${recordId} cannot be screened at ${stageLabel(stage)}: ${why}`);
  return state;
}

/** The reviewer's current row for (record, stage), withdrawn included. */
function latestRow(db: DB, recordId: number, reviewerId: number, stage: Stage):
  | { id: number; decision: StoredDecision; reason: string | null; note: string | null; decidedAt: string }
  | undefined {
  return db.prepare(`
    SELECT id, decision, reason, note, decided_at AS decidedAt FROM decisions
    WHERE record_id = ? AND reviewer_id = ? AND stage = ? ORDER BY decided_at DESC, id DESC LIMIT 1`)
    .get(recordId, reviewerId, stage) as never;
}

export interface WriteResult {
  /** False when the decision was already the reviewer's current one (nothing written). */
  changed: boolean;
  /** The reviewer's decision before this one, if any. */
  previous?: { decision: StoredDecision; reason: string | null; note: string | null };
  id?: number;
}

/**
 * Append a validated decision, inside the caller's transaction. Idempotent:
 * the same decision (same reason and note) as the current one writes nothing;
 * and a row identical to one already in the history (same time too) is not
 * added again — `occurrence` n means "the n-th identical row of an import",
 * written only if fewer than n are there, so a file replays exactly once.
 */
export function appendDecision(db: DB, d: ValidDecision, occurrence = 1): WriteResult {
  const latest = latestRow(db, d.recordId, d.reviewer.id, d.stage);
  if (latest && latest.decision === d.decision && latest.reason === d.reason && latest.note === d.note) {
    return { changed: false, previous: latest, id: latest.id };
  }
  const identical = db.prepare(`
    SELECT COUNT(*) FROM decisions WHERE record_id = ? AND reviewer_id = ? AND stage = ? AND decision = ?
      AND reason IS ? AND note IS ? AND decided_at = ?`)
    .pluck().get(d.recordId, d.reviewer.id, d.stage, d.decision, d.reason, d.note, d.decidedAt) as number;
  if (identical >= occurrence) return { changed: false };
  const id = Number(db.prepare(`
    INSERT INTO decisions (record_id, reviewer_id, stage, decision, reason, note, decided_at, recorded_at, source, moved_from)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(d.recordId, d.reviewer.id, d.stage, d.decision, d.reason, d.note, d.decidedAt, now(), d.source, d.movedFrom ?? null).lastInsertRowid);
  return { changed: true, previous: latest, id };
}

/**
 * Record one reviewer's decision on one record (validation, then one
 * IMMEDIATE transaction). Returns what was written. Use `asReviewer(...)`
 * (blinding.ts) for anything that shows decisions back to a reviewer.
 */
export function recordDecision(db: DB, criteria: Criteria, input: DecisionInput):
  WriteResult & { decision: ValidDecision; warnings: string[] } {
  const valid = validateDecision(db, criteria, input);
  return db.transaction(() => {
    // Checked inside the write lock: the pool (full text) can change with other reviewers' decisions.
    requireInPool(db, valid.recordId, valid.stage);
    const written = appendDecision(db, valid);
    return { ...written, decision: valid, warnings: written.changed ? decisionWarnings(db, valid) : [] };
  }).immediate();
}

/**
 * What a person should know about a decision that was written: a full-text
 * decision on a report marked as not retrieved makes PRISMA count the report
 * as assessed, not as "not retrieved" — right if the report turned up, wrong
 * if it did not.
 */
function decisionWarnings(db: DB, d: ValidDecision): string[] {
  if (d.stage !== 'full-text' || d.decision === 'withdrawn') return [];
  const fulltext = currentFulltext(db, d.recordId);
  if (fulltext?.status !== 'not-retrieved') return [];
  return [`record ${d.recordId}'s report is marked not retrieved (${fulltext.reason}): with this decision PRISMA counts it as ` +
    `assessed for eligibility. If the report turned up, record it: review fulltext ${d.recordId} --retrieved <path|url>`];
}

export interface ResolutionInput {
  recordId: number;
  by: string;
  stage: Stage | string;
  decision: 'include' | 'exclude' | string;
  /** A criterion code, or free text saying why (kept as the note). */
  reason?: string | null;
  note?: string | null;
  method?: ResolutionMethod | string;
  resolvedAt?: string | null;
  source?: string;
}

export interface ValidResolution {
  recordId: number;
  by: Reviewer;
  stage: Stage;
  decision: 'include' | 'exclude' | 'withdrawn';
  reason: string | null;
  note: string | null;
  method: ResolutionMethod;
  resolvedAt: string;
  source: string;
  movedFrom?: number | null;
}

const CODE_SHAPE = /^[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+$/;

export function validateResolution(db: DB, criteria: Criteria, input: ResolutionInput): ValidResolution {
  const by = getReviewer(db, input.by);
  const stage = parseStage(input.stage);
  const decision = parseDecision(input.decision);
  if (decision === 'unsure') throw new ScreeningError('a resolution settles the record: include or exclude');
  const method = (input.method ?? 'consensus') as ResolutionMethod;
  if (!RESOLUTION_METHODS.includes(method)) throw new ScreeningError(`--method must be one of ${RESOLUTION_METHODS.join(', ')}, got "${input.method}"`);
  let reason: string | null = null;
  let note = input.note?.trim() || null;
  const given = input.reason?.trim();
  if (given) {
    // A code-shaped reason must be a real code; anything else is the "why" in words.
    if (CODE_SHAPE.test(given) || criterionFor(criteria, given)) reason = reasonCode(criteria, given);
    else note = note ? `${given} — ${note}` : given;
  }
  if (reason && decision === 'include') {
    throw new ScreeningError(`a reason code explains an exclusion; to include, say why in words (--reason "…" or --note)`);
  }
  if (!reason && !note) throw new ScreeningError('say why: --reason CODE (for an exclusion) or --reason "…" / --note "…"');
  if (stage === 'full-text' && decision === 'exclude' && !reason) {
    throw new ScreeningError(`a full-text exclusion needs a reason code: ${criteria.criteria.map((c) => c.code).join(', ')}`);
  }
  return {
    recordId: input.recordId, by, stage, decision, reason, note, method,
    resolvedAt: input.resolvedAt ? parseTimestamp(input.resolvedAt) : now(), source: input.source ?? 'resolve',
  };
}

export function appendResolution(db: DB, r: ValidResolution, occurrence = 1): WriteResult {
  const latest = db.prepare(`SELECT id, decision, reason, note, method, resolved_by FROM resolutions
    WHERE record_id = ? AND stage = ? ORDER BY resolved_at DESC, id DESC LIMIT 1`).get(r.recordId, r.stage) as
    | { id: number; decision: StoredDecision; reason: string | null; note: string | null; method: string; resolved_by: number }
    | undefined;
  if (latest && latest.decision === r.decision && latest.reason === r.reason && latest.note === r.note &&
      latest.method === r.method && latest.resolved_by === r.by.id) {
    return { changed: false, previous: latest, id: latest.id };
  }
  const identical = db.prepare(`SELECT COUNT(*) FROM resolutions WHERE record_id = ? AND stage = ? AND decision = ? AND reason IS ?
    AND note IS ? AND method = ? AND resolved_by = ? AND resolved_at = ?`)
    .pluck().get(r.recordId, r.stage, r.decision, r.reason, r.note, r.method, r.by.id, r.resolvedAt) as number;
  if (identical >= occurrence) return { changed: false };
  const id = Number(db.prepare(`
    INSERT INTO resolutions (record_id, stage, decision, reason, note, method, resolved_by, resolved_at, recorded_at, source, moved_from)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(r.recordId, r.stage, r.decision, r.reason, r.note, r.method, r.by.id, r.resolvedAt, now(), r.source, r.movedFrom ?? null).lastInsertRowid);
  return { changed: true, previous: latest, id };
}

/**
 * Resolve a record at a stage (who, why, how). Allowed once at least one
 * reviewer has decided it; typically on a conflict.
 */
export function resolveRecord(db: DB, criteria: Criteria, input: ResolutionInput): WriteResult & { resolution: ValidResolution; state: RecordState } {
  const valid = validateResolution(db, criteria, input);
  return db.transaction(() => {
    const state = requireInPool(db, valid.recordId, valid.stage);
    if (state.decisions.length === 0) {
      throw new ScreeningError(`record ${valid.recordId} has no decision at ${stageLabel(valid.stage)} yet: there is nothing to resolve (use \`review decide\`)`);
    }
    return { ...appendResolution(db, valid), resolution: valid, state };
  }).immediate();
}

/** Every decision row of a record (all reviewers, all stages), oldest first: the raw history. */
export function decisionRows(db: DB, recordId: number): Array<CurrentDecision & { decision: StoredDecision; recordedAt: string; movedFrom: number | null }> {
  return db.prepare(`
    SELECT d.id, d.record_id AS recordId, d.reviewer_id AS reviewerId, v.name AS reviewer, d.stage, d.decision, d.reason, d.note,
           d.decided_at AS decidedAt, d.recorded_at AS recordedAt, d.source, d.moved_from AS movedFrom
    FROM decisions d JOIN reviewers v ON v.id = d.reviewer_id WHERE d.record_id = ? ORDER BY d.decided_at, d.id`).all(recordId) as never;
}
