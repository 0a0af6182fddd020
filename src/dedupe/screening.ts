/**
 * The hook between de-duplication and screening.
 *
 * A record already screened is never merged away silently: when a group's
 * primary is chosen, records with screening decisions are preferred, and when
 * a screened record still ends up merged away, its decisions are moved to the
 * primary through this hook; disagreements between the two records'
 * decisions are returned as conflicts, logged in `dedupe_history`
 * (`screening-conflict`) and reported by `review dedupe`. When a group is
 * undone, `restoreAfterSplit` gives screening the chance to take moved
 * decisions back.
 *
 * Screening registers its implementation with `setScreeningHook` when its
 * module is loaded (src/screen/hook.ts; the CLI loads it with the screening
 * commands). A caller of `runDedupe` that wants decisions moved must have
 * loaded it too; without it, no record counts as screened, so nothing is
 * moved and no conflict can arise.
 */
import type { DB } from '../store/db.js';

export interface ScreeningConflict {
  /** The primary the decisions were moved to. */
  recordId: number;
  /** The record merged away. */
  fromRecordId: number;
  /** Free text: stage, reviewer, the two decisions. */
  detail: string;
}

export interface ScreeningHook {
  /** Which of these records already have screening decisions. */
  screened(db: DB, recordIds: number[]): Set<number>;
  /** Move a merged-away record's decisions to its primary; report what disagreed. */
  moveToPrimary(db: DB, fromRecordId: number, primaryId: number): { moved: number; conflicts: ScreeningConflict[] };
  /** A group was split: decisions moved onto `primaryId` from `recordIds` may be taken back. */
  restoreAfterSplit(db: DB, primaryId: number, recordIds: number[]): void;
}

/** No screening yet: nobody has screened anything. */
export const NO_SCREENING: ScreeningHook = {
  screened: () => new Set(),
  moveToPrimary: () => ({ moved: 0, conflicts: [] }),
  restoreAfterSplit: () => undefined,
};

let hook: ScreeningHook = NO_SCREENING;

/** Register screening's implementation (returns the previous hook, for tests). */
export function setScreeningHook(next: ScreeningHook): ScreeningHook {
  const previous = hook;
  hook = next;
  return previous;
}

export function screeningHook(): ScreeningHook {
  return hook;
}
