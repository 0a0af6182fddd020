/**
 * Counts over screening: progress per stage and reviewer (`review status`),
 * the conflicts list (`review conflicts`), and the PRISMA 2020 screening
 * counts (for the flow diagram). All computed from the stored decisions.
 */
import type { DB } from '../store/db.js';
import type { Criteria } from '../criteria/format.js';
import { allFulltext } from './fulltext.js';
import { awaits } from './queue.js';
import { blindingLifted, listReviewers } from './reviewers.js';
import { stageStates, type ConflictKind, type RecordState } from './state.js';
import { STAGES, type Stage } from './types.js';

export interface ReviewerProgress {
  reviewer: string;
  /** Records of the stage's pool this reviewer has decided. */
  screened: number;
  /** Records still waiting for this reviewer. */
  remaining: number;
  /** Records this reviewer decided that are (or were) in conflict. */
  conflicts: number;
  /** Of those, the ones not yet resolved. */
  unresolved: number;
}

export interface StageProgress {
  stage: Stage;
  /** Records in the stage's pool (title/abstract: the de-duplicated set; full text: included at title/abstract). */
  records: number;
  autoExcluded: number;
  /** Records waiting for a decision (full text: not counting reports that could not be retrieved). */
  pending: number;
  /** Full text only: undecided records whose report could not be retrieved (PRISMA "reports not retrieved"). */
  notRetrieved: number;
  included: number;
  excluded: number;
  conflicts: number;
  unresolved: number;
  blindingLifted: boolean;
  reviewers: ReviewerProgress[];
}

function stageProgress(db: DB, stage: Stage, states: Map<number, RecordState>): StageProgress {
  const all = [...states.values()];
  const count = (f: (s: RecordState) => boolean) => all.filter(f).length;
  // A report that could not be retrieved cannot be assessed: nobody is waiting to screen it.
  const fulltext = stage === 'full-text' ? allFulltext(db) : undefined;
  const unavailable = (s: RecordState) =>
    s.outcome === 'pending' && s.decisions.length === 0 && fulltext?.get(s.recordId)?.status === 'not-retrieved';
  return {
    stage,
    records: all.length,
    autoExcluded: count((s) => s.outcome === 'auto-excluded'),
    pending: count((s) => s.outcome === 'pending' && !unavailable(s)),
    notRetrieved: count(unavailable),
    included: count((s) => s.outcome === 'include'),
    excluded: count((s) => s.outcome === 'exclude'),
    conflicts: count((s) => s.conflict !== undefined),
    unresolved: count((s) => s.outcome === 'conflict'),
    blindingLifted: blindingLifted(db, stage),
    reviewers: listReviewers(db).map((r) => {
      const mine = all.filter((s) => s.decisions.some((d) => d.reviewerId === r.id));
      return {
        reviewer: r.name,
        screened: mine.length,
        remaining: count((s) => awaits(s, r.id) && !unavailable(s)),
        conflicts: mine.filter((s) => s.conflict !== undefined).length,
        unresolved: mine.filter((s) => s.outcome === 'conflict').length,
      };
    }),
  };
}

/** Progress per stage and reviewer: what `review status` shows under "Screening". */
export function screeningProgress(db: DB): { stages: StageProgress[] } {
  return { stages: STAGES.map((stage) => stageProgress(db, stage, stageStates(db, stage))) };
}

export interface ConflictEntry {
  recordId: number;
  stage: Stage;
  kind: ConflictKind;
  title: string | null;
  year: number | null;
  resolved: boolean;
  /** The decisions in conflict; withheld (blinded) for a merge conflict on a record only one reviewer has decided. */
  decisions: Array<{ reviewer: string; decision: string; reason: string | null; note: string | null }>;
  blinded: boolean;
  resolution?: { decision: string; reason: string | null; note: string | null; by: string; method: string; at: string };
  merges: Array<{ reviewer: string | null; kept: string; other: string; from: number }>;
}

/** Records whose decisions disagree (unresolved only, unless `all`). */
export function listConflicts(db: DB, options: { stage?: Stage; all?: boolean } = {}): ConflictEntry[] {
  const out: ConflictEntry[] = [];
  const meta = db.prepare('SELECT title, year FROM records WHERE id = ?');
  const merges = db.prepare(`SELECT v.name AS reviewer, mc.kept, mc.other, m.from_record AS "from" FROM merge_conflicts mc
    JOIN decision_moves m ON m.id = mc.move_id AND m.undone_at IS NULL LEFT JOIN reviewers v ON v.id = mc.reviewer_id
    WHERE mc.record_id = ? AND mc.stage = ? ORDER BY mc.id`);
  for (const stage of options.stage ? [options.stage] : STAGES) {
    const lifted = blindingLifted(db, stage);
    for (const s of stageStates(db, stage).values()) {
      if (!s.conflict) continue;
      const resolved = s.outcome !== 'conflict';
      if (resolved && !options.all) continue;
      const blinded = !lifted && s.decisions.length < 2 && !s.resolution;
      const m = meta.get(s.recordId) as { title: string | null; year: number | null };
      out.push({
        recordId: s.recordId, stage, kind: s.conflict, title: m.title, year: m.year, resolved, blinded,
        decisions: blinded ? [] : s.decisions.map((d) => ({ reviewer: d.reviewer, decision: d.decision, reason: d.reason, note: d.note })),
        ...(s.resolution ? {
          resolution: {
            decision: s.resolution.decision, reason: s.resolution.reason, note: s.resolution.note, by: s.resolution.resolvedBy,
            method: s.resolution.method, at: s.resolution.resolvedAt,
          },
        } : {}),
        merges: s.conflict === 'duplicate-merge' || s.mergeConflicts > 0
          ? (merges.all(s.recordId, stage) as ConflictEntry['merges']).map((x) => (blinded ? { ...x, kept: '(blinded)', other: '(blinded)' } : x))
          : [],
      });
    }
  }
  return out;
}

/** The exclusion reason of an excluded record: the resolution's, else the first (in criteria order) the reviewers gave. */
export function exclusionReason(s: RecordState, order: string[]): string | null {
  if (s.resolution) return s.resolution.reason;
  const given = s.decisions.map((d) => d.reason).filter((r): r is string => !!r);
  if (given.length === 0) return null;
  const rank = (c: string) => (order.indexOf(c) < 0 ? order.length : order.indexOf(c));
  return [...given].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
}

export interface ScreeningCounts {
  /** Records in the de-duplicated set to screen. */
  records: number;
  /** PRISMA: records marked as ineligible by automation tools (and not sent back to people). */
  markedIneligibleByAutomation: number;
  automationByReason: Record<string, number>;
  /** PRISMA: records screened (by people, at title/abstract). */
  recordsScreened: number;
  /** PRISMA: records excluded (at title/abstract). */
  recordsExcluded: number;
  titleAbstractPending: number;
  titleAbstractUnresolved: number;
  /** PRISMA: reports sought for retrieval (included at title/abstract). */
  reportsSought: number;
  reportsNotRetrieved: number;
  /** PRISMA: reports assessed for eligibility. */
  reportsAssessed: number;
  /** PRISMA: reports excluded, with reasons. */
  reportsExcluded: number;
  reportsExcludedByReason: Record<string, number>;
  fullTextPending: number;
  fullTextUnresolved: number;
  /** PRISMA: studies included in review (records included at full text). */
  studiesIncluded: number;
}

/** The PRISMA 2020 screening counts, reproducible from the database alone. */
export function screeningCounts(db: DB, criteria?: Criteria): ScreeningCounts {
  const order = criteria?.criteria.map((c) => c.code) ?? [];
  const ta = [...stageStates(db, 'title-abstract').values()];
  const ft = [...stageStates(db, 'full-text').values()];
  const fulltext = allFulltext(db);
  const tally = (xs: Array<string | null>) => {
    const out: Record<string, number> = {};
    for (const x of xs) out[x ?? '(no reason given)'] = (out[x ?? '(no reason given)'] ?? 0) + 1;
    return out;
  };
  const auto = ta.filter((s) => s.outcome === 'auto-excluded');
  const notRetrieved = ft.filter((s) => fulltext.get(s.recordId)?.status === 'not-retrieved' && s.decisions.length === 0 && !s.resolution);
  const notRetrievedIds = new Set(notRetrieved.map((s) => s.recordId));
  const assessed = ft.filter((s) => !notRetrievedIds.has(s.recordId));
  const ftExcluded = assessed.filter((s) => s.outcome === 'exclude');
  return {
    records: ta.length,
    markedIneligibleByAutomation: auto.length,
    automationByReason: tally(auto.map((s) => s.auto?.code ?? null)),
    recordsScreened: ta.length - auto.length,
    recordsExcluded: ta.filter((s) => s.outcome === 'exclude').length,
    titleAbstractPending: ta.filter((s) => s.outcome === 'pending').length,
    titleAbstractUnresolved: ta.filter((s) => s.outcome === 'conflict').length,
    reportsSought: ft.length,
    reportsNotRetrieved: notRetrieved.length,
    reportsAssessed: assessed.length,
    reportsExcluded: ftExcluded.length,
    reportsExcludedByReason: tally(ftExcluded.map((s) => exclusionReason(s, order))),
    fullTextPending: assessed.filter((s) => s.outcome === 'pending').length,
    fullTextUnresolved: assessed.filter((s) => s.outcome === 'conflict').length,
    studiesIncluded: assessed.filter((s) => s.outcome === 'include').length,
  };
}
