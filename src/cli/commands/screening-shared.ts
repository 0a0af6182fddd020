/** What the screening commands share: opening a workspace for screening, stage options, progress tables. */
import { Option } from 'commander';
import { loadCriteria, type Criteria } from '../../criteria/format.js';
import type { StageProgress } from '../../screen/progress.js';
import { assertIntegrity, prepareForScreening } from '../../screen/integrity.js';
import { parseStage, STAGES, type Stage } from '../../screen/types.js';
// Registers the de-duplication hook for every `review` command (program.ts loads this module).
import '../../screen/hook.js';
import type { DB } from '../../store/db.js';
import type { Workspace } from '../../workspace/workspace.js';
import { openWorkspace, table, type CommonOptions } from '../output.js';

export interface Screening {
  ws: Workspace;
  db: DB;
  criteria: Criteria & { fallback: boolean };
}

/**
 * Open the workspace's database for screening and read its criteria.
 * `write`: the command records decisions, so check integrity first and make
 * commits durable and patient with a second writer.
 */
export function openScreening(options: CommonOptions, { write = false }: { write?: boolean } = {}): Screening {
  const { ws, db } = openWorkspace(options);
  if (write) {
    prepareForScreening(db);
    assertIntegrity(db);
  }
  const criteria = loadCriteria(ws.queries);
  if (criteria.fallback && write && !options.json) {
    process.stderr.write(`note: ${ws.queries}/criteria.conf not found; using the default criteria (${criteria.file})\n`);
  }
  return { ws, db, criteria };
}

export const stageOption = (description = 'screening stage: title-abstract (ta) or full-text (ft)', fallback?: Stage) => {
  const o = new Option('--stage <stage>', description);
  return fallback ? o.default(fallback) : o;
};

export function optionalStage(value: string | undefined): Stage | undefined {
  return value === undefined ? undefined : parseStage(value);
}

export const STAGE_NAMES = STAGES.join(', ');

export function recordId(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new Error(`"${value}" is not a record id (ids are listed by \`review records\`)`);
  return Number(value);
}

/** Screening progress as text tables (for `review status`). */
export function screeningProgressText(stages: StageProgress[]): string {
  const out: string[] = [];
  out.push(table(
    ['stage', 'records', 'auto-excluded', 'awaiting', 'included', 'excluded', 'conflicts', 'unresolved'],
    stages.map((s) => [s.stage, s.records, s.autoExcluded, s.pending, s.included, s.excluded, s.conflicts, s.unresolved]),
  ));
  const rows = stages.flatMap((s) => s.reviewers.map((r) => [s.stage, r.reviewer, r.screened, r.remaining, r.conflicts, r.unresolved]));
  if (rows.length) {
    out.push('', table(['stage', 'reviewer', 'screened', 'remaining', 'conflicts', 'unresolved'], rows));
  } else {
    out.push('', 'No reviewers yet: `review reviewer add <name>`, then `review screen --reviewer <name>`.');
  }
  const lifted = stages.filter((s) => s.blindingLifted).map((s) => s.stage);
  if (lifted.length) out.push('', `Blinding lifted by the lead for: ${lifted.join(', ')}`);
  return out.join('\n');
}

export const pct = (x: number | null) => (x === null || Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)}%`);
export const num = (x: number | null, digits = 3) => (x === null || Number.isNaN(x) ? '–' : x.toFixed(digits));
