/** The screening library: what other stages and the CLI use. */
export * from './types.js';
export { recordsToScreen, screenableSql, isScreenable, primaryOf } from './pool.js';
export { addReviewer, findReviewer, getReviewer, getLead, listReviewers, blindingLifted, setBlinding, type Reviewer } from './reviewers.js';
export { stageStates, recordState, currentDecisions, type RecordState, type Outcome, type ConflictKind } from './state.js';
export { recordDecision, resolveRecord, validateDecision, validateResolution, parseTimestamp } from './decisions.js';
export { asReviewer, ReviewerScope, publicHistory, historyEntries, type ReviewerRecordView, type HistoryEntry } from './blinding.js';
export { reviewerQueue, shuffle } from './queue.js';
export { recordFulltext, currentFulltext } from './fulltext.js';
export { screeningProgress, screeningCounts, listConflicts, type StageProgress, type ScreeningCounts, type ConflictEntry } from './progress.js';
export { agreement, agreementStats, type PairAgreement, type AgreementStats } from './agreement.js';
export { exportDecisions, importDecisions, parseRayyanNotes, NATIVE_HEADER, type ImportSummary } from './csv.js';
export { moveDecisionsToPrimary, restoreAfterSplit, type MoveResult } from './merge.js';
export { screeningDedupeHook } from './hook.js';
export { assertIntegrity, integrityProblems, prepareForScreening } from './integrity.js';
export { runScreeningStage, type ScreeningStageResult } from './stage.js';
export { ScreenSession, type SessionOptions, type SessionSummary } from './session.js';
