import type { Command } from 'commander';
import { runPipeline } from '../../pipeline/run.js';
import { located } from './import.js';
import { openWorkspace, printJson, progress, withWorkspace, type CommonOptions } from '../output.js';
import { relative } from 'node:path';

export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description('the main job: every pipeline stage over the workspace, end to end, writing reports/ (idempotent)');
  withWorkspace(command)
    .addHelpText('after', '\nStages so far: import every file in imports/ (provenance from imports/sources.csv), then write\nreports/imports.md and reports/imports.json. A second run changes nothing and says so.\n\nExample:\n  $ review run --dir ~/reviews/loneliness-update')
    .action((options: CommonOptions) => {
      const { ws, db } = openWorkspace(options);
      const bar = progress(!options.json);
      const result = runPipeline(db, ws, (file, n) => bar.update(file, n));
      bar.done();
      db.close();
      if (options.json) {
        printJson(result);
      } else {
        console.log(`Workspace ${ws.root} (database ${relative(ws.root, ws.database) || ws.database})\n`);
        console.log('1. Import');
        for (const r of result.imports) {
          if (r.status === 'imported') console.log(`   imported  ${r.path}: ${r.records} records (${r.format}${r.database ? `, ${r.database}` : ''})`);
          else if (r.status === 'already-imported') console.log(`   unchanged ${r.path}: already imported`);
          else for (const e of r.errors) console.log(`   FAILED    ${located(r.path, e)}`);
        }
        if (result.imports.length === 0) console.log('   no files in imports/');
        console.log('\nReports');
        for (const r of result.reports) console.log(`   ${r.changed ? 'wrote    ' : 'unchanged'} ${relative(ws.root, r.path)}`);
        console.log(result.changed ? '\nDone.' : '\nNothing changed: everything was already up to date.');
      }
      if (result.failed) process.exitCode = 1;
    });
}
