import { Option, type Command } from 'commander';
import { readQueries } from '../../search/workspace.js';
import { searchTerms } from '../../search/terms.js';
import { ScreenSession } from '../../screen/session.js';
import { runTerminalSession } from '../../screen/terminal.js';
import { parseStage, stageLabel } from '../../screen/types.js';
import { openScreening, stageOption } from './screening-shared.js';
import { withWorkspace, type CommonOptions } from '../output.js';

interface ScreenOptions extends CommonOptions {
  reviewer: string;
  stage: string;
  order: 'import' | 'random';
  seed?: string;
}

export function registerScreen(program: Command): void {
  const command = program
    .command('screen')
    .description('screen records interactively in the terminal, one at a time, keyboard-driven and resumable')
    .requiredOption('--reviewer <name>', 'who is screening (see `review reviewer list`)')
    .addOption(stageOption(undefined, 'title-abstract'))
    .addOption(new Option('--order <order>', 'record order: import order, or a random order fixed by a seed').choices(['import', 'random']).default('import'))
    .option('--seed <n>', 'seed of the random order (default: your last one, so resuming keeps the order)');
  withWorkspace(command, { json: false })
    .addHelpText('after', '\nKeys: i include · e exclude (then the reason code by number) · u unsure · s skip · b back · n note ·\n' +
      'c criteria · ? help · q quit. Every decision is saved the moment you press its key; quit and come back\n' +
      'at any time. You never see another reviewer\'s decision on a record before deciding it yourself.\n\nExamples:\n' +
      '  $ review screen --reviewer "Dafydd Evans"\n' +
      '  $ review screen --reviewer "Sian Hughes" --stage full-text --order random --seed 7')
    .action(async (options: ScreenOptions) => {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new Error('`review screen` needs an interactive terminal; in scripts use `review decide` or `review decisions import`');
      }
      const { ws, db, criteria } = openScreening(options, { write: true });
      if (options.seed !== undefined && !/^\d+$/.test(options.seed)) throw new Error(`--seed must be a whole number, got "${options.seed}"`);
      const session = new ScreenSession({
        db, criteria, reviewer: options.reviewer, stage: parseStage(options.stage), order: options.order,
        seed: options.seed !== undefined ? Number(options.seed) : undefined,
        color: process.stdout.isTTY === true && !process.env.NO_COLOR,
        searchTerms: searchTerms(readQueries(ws)),
      });
      try {
        const summary = await runTerminalSession(session);
        console.log(`${summary.reviewer}: ${summary.decided} decision${summary.decided === 1 ? '' : 's'} at ${stageLabel(summary.stage)} ` +
          `in ${summary.minutes.toFixed(1)} min; ${summary.remaining} left for you. Resume with the same command.`);
      } finally {
        session.end();
        db.close();
      }
    });
}
