import type { Command } from 'commander';
import { listRecords, showRecord } from '../../ingest/records.js';
import { fail, openWorkspace, printJson, table, withWorkspace, type CommonOptions } from '../output.js';

interface RecordsOptions extends CommonOptions {
  database?: string;
  file?: string;
  search?: string;
  warnings?: boolean;
  limit?: string;
  offset?: string;
}

const shorten = (s: string | null, n: number) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s ?? '');

export function registerRecords(program: Command): void {
  const command = program
    .command('records')
    .description('list, filter or show imported records')
    .argument('[id]', 'show everything stored about one record (provenance, unmapped fields, raw text)')
    .option('--database <name>', 'only records from this database, as `review status` names it (any case; "(not stated)" for none)')
    .option('--file <text>', 'only records from files whose path contains this text')
    .option('--search <text>', 'only records whose title or abstract contains this text')
    .option('--warnings', 'only records imported with warnings (no title, no DOI/PMID…), with the warnings')
    .option('--limit <n>', 'at most n records (text output defaults to 50)')
    .option('--offset <n>', 'skip the first n records', '0');
  withWorkspace(command)
    .addHelpText('after', '\nExamples:\n  $ review records --database Scopus --limit 10\n  $ review records --warnings --json\n  $ review records 42')
    .action((id: string | undefined, options: RecordsOptions) => {
      const { db } = openWorkspace(options);
      if (id !== undefined) {
        const record = /^\d+$/.test(id) ? showRecord(db, Number(id)) : undefined;
        if (!record) return fail(`no record with id ${id} (ids are listed by \`review records\`)`);
        if (options.json) return printJson(record);
        for (const [k, v] of Object.entries(record)) {
          if (k === 'raw') continue;
          console.log(`${k.padEnd(12)} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
        }
        console.log(`\n--- raw record as exported ---\n${record.raw as string}`);
        return;
      }
      for (const [name, v] of [['--limit', options.limit], ['--offset', options.offset]] as const) {
        if (v !== undefined && !/^\d+$/.test(v)) return fail(`${name} expects a whole number, got "${v}"`);
      }
      const limit = options.limit !== undefined ? Number(options.limit) : options.json ? undefined : 50;
      const { total, rows } = listRecords(db, {
        database: options.database, file: options.file, text: options.search, warnings: options.warnings,
        limit, offset: Number(options.offset ?? 0),
      });
      if (options.json) return printJson(rows);
      console.log(table(
        ['id', 'year', 'database', 'title', ...(options.warnings ? ['warnings'] : [])],
        rows.map((r) => [r.id, r.year ?? '', shorten(r.database, 22), shorten(r.title, 70),
          ...(options.warnings ? [(r.warnings ?? []).map((w) => w.code).join(', ')] : [])]),
      ));
      console.log(`\n${rows.length} of ${total} records shown${rows.length < total ? ' (use --limit/--offset for more)' : ''}.`);
    });
}
