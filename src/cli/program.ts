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
import { registerDedupe } from './commands/dedupe.js';
import { registerQuery } from './commands/query.js';
import { registerReviewer } from './commands/reviewer.js';
import { registerCriteria } from './commands/criteria.js';
import { registerScreen } from './commands/screen.js';
import { registerDecide } from './commands/decide.js';
import { registerDecisions } from './commands/decisions.js';
import { registerConflicts } from './commands/conflicts.js';
import { registerResolve } from './commands/resolve.js';
import { registerFulltext } from './commands/fulltext.js';
import { registerAgreement } from './commands/agreement.js';
import { registerHistory } from './commands/history.js';
import { registerPrisma } from './commands/prisma.js';
import { registerExtract } from './commands/extract.js';

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
  registerDedupe(program);
  registerStatus(program);
  registerRun(program);
  registerQuery(program);
  registerReviewer(program);
  registerCriteria(program);
  registerScreen(program);
  registerDecide(program);
  registerDecisions(program);
  registerConflicts(program);
  registerResolve(program);
  registerFulltext(program);
  registerAgreement(program);
  registerHistory(program);
  registerPrisma(program);
  registerExtract(program);
  return program;
}

