import type { Command } from 'commander';
import { initWorkspace } from '../../workspace/workspace.js';
import { printJson } from '../output.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('scaffold a new review workspace: queries/ (default protocol files), imports/, reports/')
    .argument('<dir>', 'folder to create or complete (existing files are never overwritten)')
    .option('--json', 'print machine-readable JSON')
    .addHelpText('after', '\nExample:\n  $ review init ~/reviews/loneliness-update && cd ~/reviews/loneliness-update && review status')
    .action((dir: string, options: { json?: boolean }) => {
      const result = initWorkspace(dir);
      if (options.json) return printJson(result);
      console.log(`Workspace ready at ${result.root}`);
      for (const p of result.created) console.log(`  created ${p}`);
      for (const p of result.kept) console.log(`  kept    ${p} (already there)`);
      console.log('\nNext: put your database exports in imports/ and run `review run`.');
    });
}
