/**
 * `review`: the command-line interface. Commands are thin: parse arguments,
 * call a library function, print.
 */
import { Command } from 'commander';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerRecords } from './commands/records.js';
import { registerRun } from './commands/run.js';
import { registerStatus } from './commands/status.js';
import { registerFormats } from './commands/formats.js';

export function buildProgram(): Command {
  const program = new Command('review')
    .description(
      'An offline, reproducible pipeline for systematic reviews:\n' +
        'import → dedupe → search → screen → PRISMA → extraction, all in one SQLite database.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nExample:\n  $ review run            # the whole pipeline on the review in this folder\n  $ review import imports/cinahl.ris --database "CINAHL Complete" --searched 2023-02-14');
  registerInit(program);
  registerImport(program);
  registerFormats(program);
  registerRecords(program);
  registerStatus(program);
  registerRun(program);
  return program;
}

