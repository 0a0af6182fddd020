import { Option, type Command } from 'commander';
import { resolveRecord } from '../../screen/decisions.js';
import { recordState } from '../../screen/state.js';
import { parseDecision, RESOLUTION_METHODS, STAGES, ScreeningError, stageLabel, type Stage } from '../../screen/types.js';
import { openScreening, optionalStage, recordId, stageOption } from './screening-shared.js';
import { printJson, withWorkspace, type CommonOptions } from '../output.js';
import type { DB } from '../../store/db.js';

interface ResolveOptions extends CommonOptions {
  by: string;
  stage?: string;
  reason?: string;
  note?: string;
  method: string;
}

/** Without --stage: the one stage where the record is an unresolved conflict. */
function stageToResolve(db: DB, id: number): Stage {
  const open = STAGES.filter((s) => recordState(db, id, s).state?.outcome === 'conflict');
  if (open.length === 1) return open[0];
  throw new ScreeningError(open.length === 0
    ? `record ${id} has no unresolved conflict; say which stage to resolve with --stage`
    : `record ${id} is a conflict at both stages; say which with --stage`);
}

export function registerResolve(program: Command): void {
  const command = program
    .command('resolve')
    .description('settle a record (typically a conflict): include or exclude, who decided, why, and how')
    .argument('<record>', 'record id')
    .argument('<decision>', 'include or exclude')
    .requiredOption('--by <name>', 'who resolved it (a registered reviewer)')
    .addOption(stageOption('the stage (default: the one where the record is in conflict)'))
    .option('--reason <code|text>', 'a criterion code (required to exclude at full text), or why in words')
    .option('--note <text>', 'why, in words')
    .addOption(new Option('--method <method>', 'how it was settled').choices([...RESOLUTION_METHODS]).default('consensus'));
  withWorkspace(command)
    .addHelpText('after', '\nA resolution is final for the record at that stage; resolving again adds a new resolution (see `review history`).\n\n' +
      'Examples:\n  $ review resolve 42 exclude --by "Sian Hughes" --reason EX-SETTING --note "agreed at team meeting 3 May"\n' +
      '  $ review resolve 17 include --by "Megan Rees" --method third-reviewer --reason "reports community outcomes"')
    .action((record: string, decision: string, options: ResolveOptions) => {
      const { db, criteria } = openScreening(options, { write: true });
      const id = recordId(record);
      // A wrong decision is the error to report, before looking for the stage in conflict.
      if (parseDecision(decision) === 'unsure') throw new ScreeningError('a resolution settles the record: include or exclude');
      const stage = optionalStage(options.stage) ?? stageToResolve(db, id);
      const r = resolveRecord(db, criteria, { recordId: id, by: options.by, stage, decision, reason: options.reason, note: options.note, method: options.method });
      db.close();
      if (options.json) return printJson({ record: id, stage, changed: r.changed, resolution: { ...r.resolution, by: r.resolution.by.name } });
      const what = `${r.resolution.decision}${r.resolution.reason ? ` (${r.resolution.reason})` : ''}`;
      console.log(r.changed
        ? `Record ${id} at ${stageLabel(stage)} resolved: ${what} by ${r.resolution.by.name} (${r.resolution.method}).`
        : `Record ${id} at ${stageLabel(stage)} was already resolved ${what}; nothing changed.`);
    });
}
