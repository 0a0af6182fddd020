/**
 * The reviewer-scoped API: everything a reviewer sees goes through it, and it
 * cannot return another reviewer's decision on a record (nor anything that
 * gives it away: the outcome, a resolution) until this reviewer has decided
 * that record at that stage, or the lead has lifted blinding for the stage.
 *
 * The team views (conflicts, agreement, status counts) only ever involve
 * records that two reviewers have both decided, so they reveal nothing blinded.
 */
import type { DB } from '../store/db.js';
import type { Criteria } from '../criteria/format.js';
import { decisionRows, recordDecision, type WriteResult } from './decisions.js';
import { blindingLifted, getLead, getReviewer, type Reviewer } from './reviewers.js';
import { recordState, stageStates, type CurrentDecision, type Outcome, type RecordState } from './state.js';
import { STAGES, type Decision, type Stage, type StoredDecision } from './types.js';

export interface VisibleDecision {
  reviewer: string;
  decision: Decision;
  reason: string | null;
  note: string | null;
  decidedAt: string;
}

export interface ReviewerRecordView {
  recordId: number;
  stage: Stage;
  /** This reviewer's current decision. */
  mine?: VisibleDecision;
  /** Whether the other reviewers' decisions are shown (false = blinded). */
  unblinded: boolean;
  /** Other reviewers' current decisions: empty while blinded. */
  others: VisibleDecision[];
  /** The outcome, only when unblinded. */
  outcome?: Outcome;
  resolution?: { decision: 'include' | 'exclude'; reason: string | null; note: string | null; by: string; method: string };
}

export interface HistoryEntry {
  stage: Stage;
  reviewer: string;
  decision: StoredDecision;
  /** The reviewer's decision before this one at this stage (null for the first). */
  previous: StoredDecision | null;
  reason: string | null;
  note: string | null;
  decidedAt: string;
  recordedAt: string;
  source: string;
  movedFrom: number | null;
}

const visible = (d: CurrentDecision): VisibleDecision => ({
  reviewer: d.reviewer, decision: d.decision, reason: d.reason, note: d.note, decidedAt: d.decidedAt,
});

/** Full history rows of a record with old → new worked out per reviewer and stage. */
export function historyEntries(db: DB, recordId: number): HistoryEntry[] {
  const last = new Map<string, StoredDecision>();
  return decisionRows(db, recordId).map((r) => {
    const key = `${r.stage}\u0000${r.reviewerId}`;
    const previous = last.get(key) ?? null;
    last.set(key, r.decision);
    return {
      stage: r.stage, reviewer: r.reviewer, decision: r.decision, previous, reason: r.reason, note: r.note,
      decidedAt: r.decidedAt, recordedAt: r.recordedAt, source: r.source, movedFrom: r.movedFrom,
    };
  });
}

function viewOf(state: RecordState, reviewer: Reviewer, lifted: boolean): ReviewerRecordView {
  const mine = state.decisions.find((d) => d.reviewerId === reviewer.id);
  const unblinded = lifted || mine !== undefined;
  const view: ReviewerRecordView = {
    recordId: state.recordId, stage: state.stage, unblinded,
    others: unblinded ? state.decisions.filter((d) => d.reviewerId !== reviewer.id).map(visible) : [],
    ...(mine ? { mine: visible(mine) } : {}),
  };
  if (unblinded) {
    view.outcome = state.outcome;
    if (state.resolution) {
      const r = state.resolution;
      view.resolution = { decision: r.decision, reason: r.reason, note: r.note, by: r.resolvedBy, method: r.method };
    }
  }
  return view;
}

export class ReviewerScope {
  readonly reviewer: Reviewer;

  constructor(
    private readonly db: DB,
    private readonly criteria: Criteria,
    reviewerName: string,
  ) {
    this.reviewer = getReviewer(db, reviewerName);
  }

  /** Whether this reviewer may see others' decisions on the record at the stage. */
  canSee(recordId: number, stage: Stage): boolean {
    if (blindingLifted(this.db, stage)) return true;
    return this.db.prepare('SELECT 1 FROM current_decisions WHERE record_id = ? AND stage = ? AND reviewer_id = ?')
      .get(recordId, stage, this.reviewer.id) !== undefined;
  }

  /** Record this reviewer's decision; returns what they may now see of the record. */
  decide(recordId: number, stage: Stage, decision: Decision, options: { reason?: string | null; note?: string | null; source?: string } = {}):
    WriteResult & { view: ReviewerRecordView; warnings: string[] } {
    const written = recordDecision(this.db, this.criteria, {
      recordId, reviewer: this.reviewer.name, stage, decision, reason: options.reason, note: options.note, source: options.source,
    });
    return { changed: written.changed, previous: written.previous, id: written.id, view: this.view(recordId, stage)!, warnings: written.warnings };
  }

  /** The record as this reviewer may see it (undefined when not in the stage's pool). */
  view(recordId: number, stage: Stage): ReviewerRecordView | undefined {
    const { state } = recordState(this.db, recordId, stage);
    return state ? viewOf(state, this.reviewer, blindingLifted(this.db, stage)) : undefined;
  }

  /** This reviewer's history of a record, plus others' only where this reviewer may see them. */
  history(recordId: number): { entries: HistoryEntry[]; hidden: number } {
    const all = historyEntries(this.db, recordId);
    const seeable = new Map(STAGES.map((s) => [s, this.canSee(recordId, s)]));
    const entries = all.filter((e) => e.reviewer === this.reviewer.name || seeable.get(e.stage));
    return { entries, hidden: all.length - entries.length };
  }

  /** Own current decisions at a stage. */
  myDecisions(stage: Stage): VisibleDecision[] {
    return [...stageStates(this.db, stage).values()]
      .map((s) => s.decisions.find((d) => d.reviewerId === this.reviewer.id))
      .filter((d): d is CurrentDecision => d !== undefined)
      .map(visible);
  }
}

export function asReviewer(db: DB, criteria: Criteria, name: string): ReviewerScope {
  return new ReviewerScope(db, criteria, name);
}

/**
 * History of a record for someone not named: the stages where screening of
 * the record is finished (two decisions, or resolved) or blinding is lifted
 * are shown in full; elsewhere decisions are counted, not shown. With a lead's
 * name (`by`), everything (the audit view).
 */
export function publicHistory(db: DB, recordId: number, by?: string): { entries: HistoryEntry[]; hidden: number } {
  const all = historyEntries(db, recordId);
  if (by !== undefined) {
    getLead(db, by);
    return { entries: all, hidden: 0 };
  }
  const open = new Map<Stage, boolean>();
  for (const stage of STAGES) {
    if (blindingLifted(db, stage)) open.set(stage, true);
    else {
      const { state } = recordState(db, recordId, stage);
      open.set(stage, state !== undefined && (state.decisions.length >= 2 || state.resolution !== undefined));
    }
  }
  const entries = all.filter((e) => open.get(e.stage));
  return { entries, hidden: all.length - entries.length };
}
