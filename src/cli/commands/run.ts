import type { Command } from 'commander';
import { relative } from 'node:path';
import { runPipeline, type RunResult } from '../../pipeline/run.js';
import { located } from './import.js';
import { count } from '../../util/text.js';
import { openWorkspace, printJson, progress, withWorkspace, type CommonOptions } from '../output.js';

function printRun(result: RunResult, root: string, database: string): void {
  console.log(`Workspace ${root} (database ${relative(root, database) || database})\n`);
  console.log('1. Import');
  for (const r of result.imports) {
    if (r.status === 'imported') {
      const unnamed = r.method === 'database' || r.method === 'register' ? ', database not stated: name it in imports/sources.csv' : '';
      console.log(`   imported  ${r.path}: ${count(r.records, 'record')} (${r.format}${r.database ? `, ${r.database}` : unnamed})`);
    }
    else if (r.status === 'already-imported' && r.provenanceChanges) {
      console.log(`   updated   ${r.path}: provenance from imports/sources.csv: ${r.provenanceChanges.join('; ')}`);
    } else if (r.status === 'already-imported') {
      const copy = r.previousImport && r.previousImport.path !== r.path ? ` (same content as ${r.previousImport.path}: counted once)` : '';
      console.log(`   unchanged ${r.path}: already imported${copy}`);
    }
    else for (const e of r.errors) console.log(`   FAILED    ${located(r.path, e)}`);
  }
  if (result.imports.length === 0) console.log('   no files in imports/');
  for (const u of result.unmatchedSources) {
    const what = u.why === 'missing' ? 'which is not in imports/' : 'which review run does not import (it describes the exports)';
    console.log(`   warning   imports/sources.csv line ${u.line} names ${u.file}, ${what}: its provenance applies to nothing${u.why === 'missing' ? ' (a typo, or a file moved?)' : ''}`);
  }

  const d = result.dedupe;
  console.log('\n2. De-duplicate');
  console.log(`   ${d.recordsIn} records → ${d.uniqueRecords} unique; ${d.duplicatesRemoved.total} duplicates removed in ${d.groups.length} groups` +
    `${d.uncertainPairs ? `; ${count(d.uncertainPairs, 'uncertain pair')} ${d.uncertainPairs === 1 ? 'waits' : 'wait'} for a person (review dedupe --review)` : ''}${d.changed ? '' : ' (unchanged)'}`);

  console.log('\n3. Search strings (queries/)');
  for (const f of result.search.files) {
    const blocks = f.blocks.map((b) => `${b.block} ${b.hits}`).join(', ');
    console.log(`   ${f.file}: ${blocks}${f.combination ? `; combination ${f.combination.hits}` : ''}${f.evaluated ? '' : ' (unchanged)'}`);
  }
  // Notes (typographic characters read as plain ones) are not defects: count them apart, as `review query lint` does.
  const errors = result.lint.filter((f) => f.severity === 'error').length;
  const notes = result.lint.filter((f) => f.severity === 'info').length;
  console.log(`   ${result.lint.length - notes} defects in the documented strings (${errors} error${errors === 1 ? '' : 's'})${notes ? `, ${notes} notes` : ''}, ` +
    'kept verbatim: see reports/search.md');

  const s = result.screening;
  console.log('\n4. Criteria and screening');
  if (result.decisions) {
    const dec = result.decisions;
    console.log(`   screening/decisions.csv: ${dec.rows} rows, ${dec.written ? `${dec.written} written` : 'all already in the database'}`);
    if (dec.decidedNotRetrieved.length) {
      console.log(`   note: records ${dec.decidedNotRetrieved.join(', ')} were decided at full text but their reports are marked not retrieved ` +
        '(PRISMA counts them as assessed)');
    }
  }
  const withPeople = s.criteria.check.leftToPeople;
  console.log(`   criteria check: ${count(s.criteria.check.excluded, 'record')} marked ineligible by automation` +
    `${withPeople ? ` (${withPeople} of them with people: decided or overridden)` : ''}${s.changed ? '' : ' (unchanged)'}`);
  for (const st of s.stages) {
    console.log(`   ${st.stage}: ${st.records} records, ${st.included} included, ${st.excluded} excluded, ${st.pending} to screen${st.notRetrieved ? `, ${st.notRetrieved} not retrieved` : ''}, ${st.conflicts} conflicts (${st.unresolved} unresolved)`);
  }

  console.log('\n5. Reports');
  for (const r of result.reports) console.log(`   ${r.changed ? 'wrote    ' : 'unchanged'} ${relative(root, r.path)}`);
  console.log(result.changed ? '\nDone.' : '\nNothing changed: everything was already up to date.');
}

export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description('the main job: every pipeline stage over the workspace, end to end, writing reports/ (idempotent)');
  withWorkspace(command)
    .addHelpText(
      'after',
      '\nStages: import every file in imports/ (provenance from imports/sources.csv); de-duplicate; run the\n' +
        'search strings in queries/ and lint them; apply the machine-checkable criteria; write reports/\n' +
        '(imports, search, PRISMA 2020 in English and Welsh, extraction template, included studies).\n' +
        'A second run changes nothing and says so.\n\nExample:\n  $ review run --dir ~/reviews/loneliness-update',
    )
    .action((options: CommonOptions) => {
      const { ws, db } = openWorkspace(options);
      const bar = progress(!options.json);
      const result = runPipeline(db, ws, (file, n) => bar.update(file, n));
      bar.done();
      db.close();
      if (options.json) printJson(result);
      else printRun(result, ws.root, ws.database);
      if (result.failed) process.exitCode = 1;
    });
}
