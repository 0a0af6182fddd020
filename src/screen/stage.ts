/**
 * The screening stage of `review run`: apply the machine-checkable criteria
 * (idempotent) and summarise where screening stands. People screen with
 * `review screen` / `review decide`; the pipeline never decides for them.
 */
import type { DB } from '../store/db.js';
import type { Workspace } from '../workspace/workspace.js';
import { criteriaCheck, type CheckResult } from '../criteria/check.js';
import { loadCriteria } from '../criteria/format.js';
import { screeningCounts, screeningProgress, type ScreeningCounts, type StageProgress } from './progress.js';
// Registers the de-duplication hook (merges move decisions to the primary) wherever the pipeline runs.
import './hook.js';

export interface ScreeningStageResult {
  criteria: {
    /** The criteria file used (the project's default when the workspace has none). */
    file: string;
    fallback: boolean;
    check: CheckResult;
  };
  stages: StageProgress[];
  counts: ScreeningCounts;
  /** True when the criteria check changed the database. */
  changed: boolean;
}

export function runScreeningStage(db: DB, ws: Workspace): ScreeningStageResult {
  const criteria = loadCriteria(ws.queries);
  const check = criteriaCheck(db, criteria);
  return {
    criteria: { file: criteria.file, fallback: criteria.fallback, check },
    stages: screeningProgress(db).stages,
    counts: screeningCounts(db, criteria),
    changed: check.changed,
  };
}
