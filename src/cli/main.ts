/** Entry point of the `review` command (see program.ts for the commands). */
import { buildProgram } from './program.js';

// `review records | head`: the reader went away; stop quietly instead of a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

buildProgram()
  .parseAsync(process.argv)
  .catch((e: Error) => {
    process.stderr.write(`review: ${e.message}\n`);
    process.exitCode = 1;
  });
