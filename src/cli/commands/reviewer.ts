import type { Command } from 'commander';
import { addReviewer, listReviewers, setBlinding } from '../../screen/reviewers.js';
import { optionalStage, openScreening, stageOption } from './screening-shared.js';
import { printJson, table, withWorkspace, type CommonOptions } from '../output.js';
import { STAGES } from '../../screen/types.js';

export function registerReviewer(program: Command): void {
  const reviewer = program
    .command('reviewer')
    .description('name the people who screen, make one the lead, and let the lead lift or restore blinding')
    .addHelpText('after', '\nExamples:\n  $ review reviewer add "Sian Hughes" --lead\n  $ review reviewer add "Dafydd Evans"\n  $ review reviewer list');

  withWorkspace(reviewer.command('add')
    .description('add a reviewer (names are unique, whatever their case); --lead makes them a lead (who may lift blinding)')
    .argument('<name>', 'the reviewer\'s name, as they will type it in --reviewer')
    .option('--lead', 'a lead: may lift blinding, export everything and see every history'))
    .addHelpText('after', '\nExample:\n  $ review reviewer add "Sian Hughes" --lead')
    .action((name: string, options: CommonOptions & { lead?: boolean }) => {
      const { db } = openScreening(options, { write: true });
      const { reviewer: r, created, promoted = false } = addReviewer(db, name, { lead: options.lead });
      db.close();
      if (options.json) return printJson({ ...r, created, promoted });
      console.log(created ? `Added reviewer ${r.name}${r.lead ? ' (lead)' : ''}.`
        : promoted ? `${r.name} is now a lead.` : `${r.name} is already a reviewer${r.lead ? ' (lead)' : ''}; nothing changed.`);
    });

  withWorkspace(reviewer.command('list', { isDefault: true }).description('list the reviewers'))
    .addHelpText('after', '\nExample:\n  $ review reviewer list --json')
    .action((options: CommonOptions) => {
      const { db } = openScreening(options);
      const all = listReviewers(db);
      db.close();
      if (options.json) return printJson(all);
      if (all.length === 0) return console.log('No reviewers yet: `review reviewer add <name>`.');
      console.log(table(['reviewer', 'role', 'added'], all.map((r) => [r.name, r.lead ? 'lead' : 'reviewer', r.addedAt])));
    });

  for (const [name, action, description] of [
    ['unblind', 'lift', 'the lead lifts blinding: reviewers see each other\'s decisions on records they have not decided'],
    ['blind', 'restore', 'the lead restores blinding (the default: nobody sees another\'s decision on a record before deciding it)'],
  ] as const) {
    withWorkspace(reviewer.command(name)
      .description(description)
      .requiredOption('--by <lead>', 'the lead doing it')
      .addOption(stageOption(`only this stage (default: ${STAGES.join(' and ')})`))
      .option('--note <text>', 'why'), { json: false })
      .addHelpText('after', `\nExample:\n  $ review reviewer ${name} --by "Sian Hughes" --stage title-abstract${action === 'lift' ? ' --note "calibration round"' : ''}`)
      .action((options: CommonOptions & { by: string; stage?: string; note?: string }) => {
        const { db } = openScreening(options, { write: true });
        const stage = optionalStage(options.stage);
        setBlinding(db, options.by, action, stage ? [stage] : [...STAGES], options.note);
        db.close();
        console.log(`Blinding ${action === 'lift' ? 'lifted' : 'restored'} for ${stage ?? STAGES.join(' and ')}.`);
      });
  }
}
