/** Entry point of the `review` command (see program.ts for the commands). */
import { buildProgram } from './program.js';

buildProgram()
  .parseAsync(process.argv)
  .catch((e: Error) => {
    process.stderr.write(`review: ${e.message}\n`);
    process.exitCode = 1;
  });
