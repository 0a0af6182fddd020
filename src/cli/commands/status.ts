import type { Command } from 'commander';
import { importSummary } from '../../ingest/summary.js';
import { provenanceHistory } from '../../ingest/provenance.js';
import { openWorkspace, printJson, table, withWorkspace, type CommonOptions } from '../output.js';
import { screeningProgress } from '../../screen/progress.js';
import { screeningProgressText } from './screening-shared.js';

export function registerStatus(program: Command): void {
  const command = program
    .command('status')
    .description('where the database is, and counts per database, per file and per stage');
  withWorkspace(command)
    .addHelpText('after', '\nExample:\n  $ review status --dir ~/reviews/loneliness-update')
    .action((options: CommonOptions) => {
      const { ws, db } = openWorkspace(options);
      const summary = importSummary(db);
      const stages = [{ stage: 'imported', records: summary.totals.records }];
      // Once de-duplication has run: the records left (merged-away duplicates are marked, never deleted).
      if (db.prepare("SELECT 1 FROM dedupe_history WHERE action = 'run' LIMIT 1").get()) {
        const unique = db.prepare('SELECT COUNT(*) FROM records WHERE duplicate_of IS NULL').pluck().get() as number;
        stages.push({ stage: 'after de-duplication', records: unique });
      }
      const screening = screeningProgress(db);
      const changes = provenanceHistory(db);
      if (options.json) return printJson({ workspace: ws.root, database: ws.database, ...summary, stages, screening, provenanceChanges: changes });
      console.log(`Workspace: ${ws.root}\nDatabase:  ${ws.database}\n`);
      if (summary.totals.files === 0) {
        console.log('Nothing imported yet: put exports in imports/ and run `review run` (or `review import <files>`).');
        return;
      }
      console.log('Records per database:');
      console.log(table(['database', 'arm', 'records'], summary.databases.map((d) => [d.database, d.method, d.records])));
      console.log('\nFiles:');
      console.log(table(
        ['file', 'format', 'database', 'searched', 'records', 'warnings'],
        summary.files.map((f) => [f.path, f.format, f.database ?? '', f.searchedOn ?? '', f.records, f.warnings]),
      ));
      if (changes.length > 0) {
        console.log(`\nProvenance changed after import (${changes.length}${changes.length > 10 ? ', the last 10' : ''}):`);
        console.log(table(['when', 'file', 'what', 'from', 'to', 'said in'],
          changes.slice(-10).map((c) => [c.at.slice(0, 16).replace('T', ' '), c.file, c.field, c.from ?? '', c.to ?? '', c.source])));
      }
      console.log('\nStages:');
      console.log(table(['stage', 'records'], stages.map((s) => [s.stage, s.records])));
      console.log(`\nScreening:\n${screeningProgressText(screening.stages)}`);
    });
}
