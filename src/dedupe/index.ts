/**
 * De-duplication (issue 3): the stage between import and screening.
 *
 * runDedupe(db, options) is what `review dedupe` and `review run` call; the
 * rest is the people-in-the-loop side (review, decide, undo, CSV) and the
 * engine for callers without a database.
 */
export { runDedupe, lastOptions, type DedupeRunResult, type DedupeRunInfo } from './run.js';
export { dedupeSummary, type DedupeSummary } from './summary.js';
export { DEFAULT_OPTIONS, resolveOptions, TRAP_POLICIES, type DedupeOptions, type TrapPolicy } from './options.js';
export {
  decidePair, DedupeError, history, listGroups, listUncertain, parseDecision, resolvePair, showGroup, undoGroup, whyUncertain,
  type PairDecision, type PairView, type GroupView,
} from './review.js';
export { exportUncertain, importDecisions, CSV_HEADER, DedupeImportError } from './csv.js';
export { setScreeningHook, screeningHook, NO_SCREENING, type ScreeningHook, type ScreeningConflict } from './screening.js';
export { runEngine, type EngineInput, type EngineResult } from './engine.js';
