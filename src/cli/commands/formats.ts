import type { Command } from 'commander';
import { FORMATS } from '../../ingest/formats/index.js';
import { printJson, table } from '../output.js';

export function registerFormats(program: Command): void {
  program
    .command('formats')
    .description('list the export formats `review import` reads (detected by content; force one with --format)')
    .option('--json', 'print machine-readable JSON')
    .addHelpText('after', '\nExample:\n  $ review formats')
    .action((options: { json?: boolean }) => {
      if (options.json) return printJson(FORMATS.map((f) => ({ name: f.name, label: f.label })));
      console.log(table(['format', 'what it reads'], FORMATS.map((f) => [f.name, f.label])));
    });
}
