import type { Command } from 'commander';
import { asReviewer } from '../../screen/blinding.js';
import { parseDecision, parseStage, stageLabel } from '../../screen/types.js';
import { openScreening, recordId, stageOption } from './screening-shared.js';
import { printJson, withWorkspace, type CommonOptions } from '../output.js';

interface DecideOptions extends CommonOptions {
  reviewer: string;
  stage: string;
  reason?: string;
  note?: string;
}

export function registerDecide(program: Command): void {
  const command = program
    .command('decide')
    .description('record one reviewer\'s decision on one record (the scriptable form of `review screen`)')
    .argument('<record>', 'record id (see `review records`)')
    .argument('<decision>', 'include, exclude or unsure')
    .requiredOption('--reviewer <name>', 'who decides (see `review reviewer list`)')
    .addOption(stageOption(undefined, 'title-abstract'))
    .option('--reason <code>', 'criterion code, e.g. EX-SETTING (required to exclude at full text)')
    .option('--note <text>', 'a note kept with the decision');
  withWorkspace(command)
    .addHelpText('after', '\nDeciding again adds a new decision; the earlier one stays in `review history`.\n' +
      'Other reviewers\' decisions on the record are shown only once you have decided it.\n\nExamples:\n' +
      '  $ review decide 42 exclude --reviewer "Dafydd Evans" --reason EX-SETTING --note "hospital discharge"\n' +
      '  $ review decide 17 include --reviewer "Sian Hughes" --stage full-text')
    .action((record: string, decision: string, options: DecideOptions) => {
      const { db, criteria } = openScreening(options, { write: true });
      const stage = parseStage(options.stage);
      const scope = asReviewer(db, criteria, options.reviewer);
      const r = scope.decide(recordId(record), stage, parseDecision(decision), { reason: options.reason, note: options.note, source: 'decide' });
      db.close();
      if (options.json) {
        return printJson({ record: Number(record), stage, reviewer: scope.reviewer.name, changed: r.changed, previous: r.previous?.decision ?? null, view: r.view, warnings: r.warnings });
      }
      for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      const mine = r.view.mine!;
      const what = `${mine.decision}${mine.reason ? ` (${mine.reason})` : ''}`;
      if (!r.changed) console.log(`Record ${record} at ${stageLabel(stage)}: already ${what} by ${scope.reviewer.name}; nothing changed.`);
      else if (r.previous && r.previous.decision === mine.decision) console.log(`Record ${record} at ${stageLabel(stage)}: ${scope.reviewer.name} still ${what}, reason or note updated.`);
      else if (r.previous && r.previous.decision !== 'withdrawn') console.log(`Record ${record} at ${stageLabel(stage)}: ${scope.reviewer.name} changed ${r.previous.decision} → ${what}.`);
      else console.log(`Record ${record} at ${stageLabel(stage)}: ${what} by ${scope.reviewer.name}.`);
      if (r.view.others.length) {
        console.log(`Other reviewers: ${r.view.others.map((o) => `${o.reviewer} ${o.decision}${o.reason ? ` (${o.reason})` : ''}`).join('; ')}` +
          (r.view.outcome === 'conflict' ? ' — a conflict (see `review conflicts`)' : ''));
      }
    });
}
