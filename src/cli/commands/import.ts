import { Option, type Command } from 'commander';
import { FORMATS } from '../../ingest/formats/index.js';
import {
  expandPaths, importFile, METHODS, validateImportOptions, type FileImportResult, type ImportOptions, type Method,
} from '../../ingest/import.js';
import type { Diagnostic } from '../../ingest/record.js';
import { IMPORTS_METADATA } from '../../workspace/workspace.js';
import { fail, openWorkspace, printJson, progress, withWorkspace, type CommonOptions } from '../output.js';
import { count } from '../../util/text.js';

interface ImportCliOptions extends CommonOptions {
  format?: string;
  database?: string;
  interface?: string;
  searched?: string;
  method?: Method;
  previous?: boolean;
  column?: string[];
}

/** `--column title="Article Title"` → { title: 'Article Title' } */
function parseColumns(specs: string[] | undefined): Record<string, string> | undefined {
  if (!specs || specs.length === 0) return undefined;
  const columns: Record<string, string> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new Error(`--column expects field=Header, got "${spec}"`);
    columns[spec.slice(0, eq).trim()] = spec.slice(eq + 1).trim();
  }
  return columns;
}

export function located(path: string, d: Diagnostic): string {
  // Many readers' messages start with their line or record already ("line 416: tag AU …",
  // "record 3: <PubmedArticle> …"): do not say it twice.
  const says = (what: string) => d.message.startsWith(what) && !/\d/.test(d.message.charAt(what.length));
  const where = [
    d.line !== undefined && !says(`line ${d.line}`) ? `line ${d.line}` : '',
    d.record !== undefined && !says(`record ${d.record}`) ? `record ${d.record}` : '',
  ].filter(Boolean).join(', ');
  return `${path}${where ? `: ${where}` : ''}: ${d.message}`;
}

function printResult(r: FileImportResult, verbose: boolean): void {
  if (r.status === 'failed') {
    for (const e of r.errors) process.stderr.write(`error: ${located(r.path, e)}\n`);
    process.stderr.write(`       ${r.path}: not imported (nothing was written)\n`);
    return;
  }
  if (r.status === 'already-imported' && r.provenanceChanges) {
    console.log(`updated   ${r.path}: already imported (as ${r.previousImport?.path}); provenance updated: ${r.provenanceChanges.join('; ')}`);
    return;
  }
  if (r.status === 'already-imported') {
    console.log(`skipped   ${r.path}: already imported (same content as ${r.previousImport?.path}, ` +
      `imported ${r.previousImport?.importedAt}); nothing changed`);
    return;
  }
  const warn = r.warnings.length ? `, ${count(r.warnings.length, 'warning')}` : '';
  console.log(`imported  ${r.path}: ${count(r.records, 'record')}, ${r.format}${r.database ? `, ${r.database}` : ''}${warn}`);
  if (!r.database && (r.method === 'database' || r.method === 'register')) {
    console.log('  note: the file names no database, so PRISMA counts its records under "database not stated"; ' +
      'say which with --database (or in imports/sources.csv for review run)');
  }
  const shown = verbose ? r.warnings : r.warnings.slice(0, 5);
  for (const w of shown) console.log(`  warning: ${located(r.path, w)}`);
  if (shown.length < r.warnings.length) console.log(`  … ${r.warnings.length - shown.length} more (use --verbose)`);
}

export function registerImport(program: Command): void {
  const command = program
    .command('import')
    .description('import database exports (files or folders) into the review database, detecting each format by content')
    .argument('<paths...>', 'export files or folders')
    .addOption(new Option('-f, --format <name>', 'force a format instead of detecting it').choices(FORMATS.map((f) => f.name)))
    .option('--database <name>', 'database searched (default: what the file says, e.g. RIS DB tag)')
    .option('--interface <name>', 'platform searched through, e.g. EBSCOhost, Ovid')
    .option('--searched <YYYY-MM-DD>', 'date the search was run')
    // No default here: an unset --method must not count as given (it would reset a file's arm on re-import).
    .addOption(new Option('--method <arm>', 'PRISMA arm the records belong to (default: database)').choices([...METHODS]))
    .option('--previous', 'records of a previous version of the review (for an update)')
    .option('--column <field=Header...>', 'generic CSV: map a model field to a column header (repeatable)')
    .option('--verbose', 'list every warning');
  withWorkspace(command)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ review import imports/cinahl.ris --database "CINAHL Complete" --interface EBSCOhost --searched 2023-02-14\n' +
        '  $ review import exports/                   # every file in a folder (not README.md, sources.csv, EXPECTED.json)\n' +
        '  $ review import websites.csv --method website --column title="Report title"\n' +
        '  $ review import imports/pubmed.ris --database PubMed   # already imported: sets its database, imports nothing twice\n' +
        '\nRecords are read in one transaction per file: a malformed file is reported with its line and record and\n' +
        'nothing of it is written. Importing the same file again is a no-op, except that provenance flags\n' +
        '(--database, --interface, --searched, --method, --previous) are applied to it, and logged.\n' +
        'Run `review formats` for the formats.',
    )
    .action((paths: string[], options: ImportCliOptions & { verbose?: boolean }) => {
      const importOptions: ImportOptions = {
        format: options.format, database: options.database, interface: options.interface,
        searched: options.searched, method: options.method, previous: options.previous,
        columns: parseColumns(options.column),
      };
      validateImportOptions(importOptions);
      // In a folder, skip the files that describe the exports (imports/README.md, sources.csv,
      // EXPECTED.json), as `review run` does; a file named on the command line is always read.
      const files = expandPaths(paths, (name) => IMPORTS_METADATA.has(name));
      const { ws, db } = openWorkspace(options);
      const bar = progress(!options.json);
      const results = files.map((file) => {
        const r = importFile(db, file, { ...importOptions, workspace: ws.root, onProgress: (n) => bar.update(file, n) });
        bar.done();
        if (!options.json) printResult(r, options.verbose === true);
        return r;
      });
      db.close();
      if (options.json) {
        printJson({
          files: results.map((r) => ({
            path: r.path, status: r.status, format: r.format ?? null, database: r.database ?? null,
            records: r.records, warnings: r.warnings, errors: r.errors,
          })),
        });
      } else if (results.length > 1) {
        const n = (s: string) => results.filter((r) => r.status === s).length;
        console.log(`\n${n('imported')} imported, ${n('already-imported')} already imported, ${n('failed')} failed; ` +
          `${results.reduce((a, r) => a + (r.status === 'imported' ? r.records : 0), 0)} new records.`);
      }
      if (results.some((r) => r.status === 'failed')) {
        if (!options.json) fail('some files were not imported (see errors above)');
        process.exitCode = 1;
      }
    });
}
