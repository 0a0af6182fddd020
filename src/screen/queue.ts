/**
 * What a reviewer screens next. The order is import order or a seeded
 * shuffle of the whole stage pool (so it is the same every time the reviewer
 * resumes with the same seed); the queue is that order minus the records
 * the reviewer has decided and those that need no more decisions. Nothing in
 * the order depends on other reviewers' decisions, so it reveals none.
 */
import type { DB } from '../store/db.js';
import { stageStates, type RecordState } from './state.js';
import type { Stage } from './types.js';
import { seededRandom } from '../util/random.js';

export type Order = { mode: 'import' } | { mode: 'random'; seed: number };

export { seededRandom } from '../util/random.js';

/** Fisher–Yates with a seed; `ids` should be in a stable (import) order. */
export function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  const rand = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Whether a record still waits for this reviewer. */
export function awaits(state: RecordState, reviewerId: number): boolean {
  return state.outcome === 'pending' && !state.decisions.some((d) => d.reviewerId === reviewerId);
}

/** The reviewer's queue at a stage, in order. */
export function reviewerQueue(db: DB, reviewerId: number, stage: Stage, order: Order = { mode: 'import' }): number[] {
  return queueFrom(stageStates(db, stage), reviewerId, order);
}

/** The queue from already computed states (import order = the states' order). */
export function queueFrom(states: Map<number, RecordState>, reviewerId: number, order: Order): number[] {
  const ids = [...states.keys()];
  const ordered = order.mode === 'random' ? shuffle(ids, order.seed) : ids;
  return ordered.filter((id) => awaits(states.get(id)!, reviewerId));
}
