import type { Command } from 'commander';
import { listConflicts } from '../../screen/progress.js';
import { openScreening, optionalStage, stageOption } from './screening-shared.js';
import { printJson, withWorkspace, type CommonOptions } from '../output.js';

export function registerConflicts(program: Command): void {
  const command = program
    .command('conflicts')
    .description('records whose two decisions disagree (include vs exclude, or an unsure), waiting for a resolution')
    .addOption(stageOption('only this stage'))
    .option('--all', 'also the conflicts already resolved');
  withWorkspace(command)
    .addHelpText('after', '\nA duplicate merged into a record a reviewer had decided differently is listed too (kind duplicate-merge).\n' +
      'Settle each with `review resolve`.\n\nExamples:\n  $ review conflicts\n  $ review conflicts --stage full-text --all --json')
    .action((options: CommonOptions & { stage?: string; all?: boolean }) => {
      const { db } = openScreening(options);
      const conflicts = listConflicts(db, { stage: optionalStage(options.stage), all: options.all });
      db.close();
      if (options.json) return printJson({ conflicts });
      if (conflicts.length === 0) return console.log(options.all ? 'No conflicts.' : 'No unresolved conflicts.');
      for (const c of conflicts) {
        console.log(`record ${c.recordId} · ${c.stage} · ${c.kind}${c.resolved ? ' · resolved' : ''}: ${c.title ?? '(no title)'}${c.year ? ` (${c.year})` : ''}`);
        for (const d of c.decisions) console.log(`    ${d.reviewer}: ${d.decision}${d.reason ? ` (${d.reason})` : ''}${d.note ? ` — ${d.note}` : ''}`);
        if (c.blinded) console.log('    (decisions blinded: only one reviewer has decided this record)');
        for (const m of c.merges) console.log(`    merged from record ${m.from}: ${m.reviewer ?? 'resolution'} said ${m.kept} here and ${m.other} there`);
        if (c.resolution) console.log(`    resolved: ${c.resolution.decision}${c.resolution.reason ? ` (${c.resolution.reason})` : ''} by ${c.resolution.by}, ${c.resolution.method}${c.resolution.note ? ` — ${c.resolution.note}` : ''}`);
      }
      const open = conflicts.filter((c) => !c.resolved).length;
      console.log(`\n${open} unresolved${options.all ? `, ${conflicts.length - open} resolved` : ''}. Resolve with: review resolve <record> include|exclude --by <name> --reason …`);
    });
}
