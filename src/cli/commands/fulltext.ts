import type { Command } from 'commander';
import { allFulltext, recordFulltext } from '../../screen/fulltext.js';
import { stageStates } from '../../screen/state.js';
import { openScreening, recordId } from './screening-shared.js';
import { printJson, table, withWorkspace, type CommonOptions } from '../output.js';

const shorten = (s: string | null, n: number) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s ?? '');

export function registerFulltext(program: Command): void {
  const command = program
    .command('fulltext')
    .description('track full-text retrieval of the records included at title/abstract (without a record: list them)')
    .argument('[record]', 'record id')
    .option('--retrieved <path|url>', 'where the full text is')
    .option('--not-retrieved <why>', 'why it could not be obtained (PRISMA: reports not retrieved)')
    .option('--by <name>', 'who recorded it');
  withWorkspace(command)
    .addHelpText('after', '\nExamples:\n  $ review fulltext 42 --retrieved fulltexts/hughes-2018.pdf\n' +
      '  $ review fulltext 57 --not-retrieved "not held by any library; author did not reply"\n  $ review fulltext')
    .action((record: string | undefined, options: CommonOptions & { retrieved?: string; notRetrieved?: string; by?: string }) => {
      if (record === undefined) {
        const { db } = openScreening(options);
        const pool = [...stageStates(db, 'full-text').keys()];
        const states = allFulltext(db);
        const titles = db.prepare('SELECT title FROM records WHERE id = ?').pluck();
        const rows = pool.map((id) => ({ record: id, title: titles.get(id) as string | null, ...(states.get(id) ?? { status: 'not recorded' }) }));
        db.close();
        if (options.json) return printJson({ records: rows });
        if (rows.length === 0) return console.log('No record has been included at title/abstract yet.');
        console.log(table(['record', 'full text', 'where / why', 'title'],
          rows.map((r) => [r.record, r.status, 'location' in r ? r.location ?? r.reason ?? '' : '', shorten(r.title, 50)])));
        return;
      }
      const { db } = openScreening(options, { write: true });
      const r = recordFulltext(db, { recordId: recordId(record), retrieved: options.retrieved, notRetrieved: options.notRetrieved, by: options.by });
      db.close();
      if (options.json) return printJson({ changed: r.changed, ...r.state, warnings: r.warnings });
      for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      const s = r.state;
      console.log(`${r.changed ? 'Recorded' : 'Already recorded'}: record ${record} full text ${s.status === 'retrieved' ? `at ${s.location}` : `not retrieved (${s.reason})`}.`);
    });
}
