import { Option, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { failedChecks } from '../../prisma/checks.js';
import { compareReported, comparisonText, readReported } from '../../prisma/expect.js';
import { catalogue, languages, reasonLabel } from '../../prisma/i18n/index.js';
import { addManualEntry, listManualEntries, MANUAL_BOXES, withdrawManualEntry } from '../../prisma/manual.js';
import { criteriaOf } from '../../prisma/pipeline.js';
import {
  boxDescription, buildReport, FORMATS, provenanceText, renderPrisma, valueText, visibleBoxes, type PrismaFormat,
} from '../../prisma/report.js';
import { fail, openWorkspace, printJson, table, withWorkspace, type CommonOptions } from '../output.js';

interface PrismaOptions extends CommonOptions {
  format?: PrismaFormat;
  lang: string;
  out?: string;
  expect?: string;
  previous?: boolean;
  other?: boolean;
}

const EXTENSIONS: Record<string, PrismaFormat> = { '.svg': 'svg', '.html': 'html', '.htm': 'html', '.md': 'md', '.csv': 'csv', '.json': 'json' };

/**
 * The manual subcommands take --dir, --db and --json from `review prisma`
 * (commander hands options after the subcommand name to the parent that
 * defines them), so they read them with optsWithGlobals().
 */
function registerManual(prisma: Command): void {
  const manual = prisma
    .command('manual')
    .description('the counts that cannot be derived (records removed before import; a previous version\'s studies), as dated, attributed entries')
    .addHelpText('after', '\nExamples:\n' +
      '  $ review prisma manual add excluded_other 12 --database Scopus --reason "non-English records removed in Scopus before export" --by "Sian Hughes" --on 2023-02-15\n' +
      '  $ review prisma manual list');

  const add = manual
    .command('add')
    .description(`enter a count by hand: ${MANUAL_BOXES.join(', ')} (every other box is derived)`)
    .argument('<box>', `PRISMA box: ${MANUAL_BOXES.join(', ')}`)
    .argument('<n>', 'the count')
    .requiredOption('--reason <text>', 'why: what was removed or counted, and how the number is known')
    .requiredOption('--by <name>', 'who is entering it')
    .option('--on <YYYY-MM-DD>', 'when it happened (default: today)')
    .option('--database <name>', 'records removed before import: the database or register they came from (also counted as identified there)')
    .addOption(new Option('--method <arm>', 'records removed before import: their arm').choices(['database', 'register']));
  add
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', '\nRecords removed before import never reach the database, so the entry adds them to the identification\n' +
      'count of their database as well as to the removal box: the arrows still add up.\n\nExamples:\n' +
      '  $ review prisma manual add excluded_other 12 --database Scopus --reason "non-English, removed before export" --by "Sian Hughes" --on 2023-02-15\n' +
      '  $ review prisma manual add previous_studies 46 --reason "Figure 1 of the 2023 review" --by "Dafydd Evans"')
    .action((box: string, n: string, _local: unknown, cmd: Command) => {
      const options = cmd.optsWithGlobals<CommonOptions & { reason: string; by: string; on?: string; database?: string; method?: string }>();
      const { db } = openWorkspace(options);
      const entry = addManualEntry(db, { box, n, reason: options.reason, by: options.by, on: options.on, database: options.database, method: options.method });
      db.close();
      if (options.json) return printJson(entry);
      console.log(`entry #${entry.id}: ${entry.box} ${entry.n}${entry.database ? ` from ${entry.database}` : ''} (${entry.reason}), by ${entry.enteredBy} on ${entry.occurredOn}`);
    });

  const list = manual
    .command('list')
    .description('list the counts entered by hand, with who, when and why')
    .option('--all', 'include withdrawn entries');
  list
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', '\nExample:\n  $ review prisma manual list --all --json')
    .action((_local: unknown, cmd: Command) => {
      const options = cmd.optsWithGlobals<CommonOptions & { all?: boolean }>();
      const { db } = openWorkspace(options);
      const entries = listManualEntries(db, { all: options.all });
      db.close();
      if (options.json) return printJson(entries);
      if (entries.length === 0) return console.log('No counts entered by hand.');
      console.log(table(['#', 'box', 'n', 'database', 'why', 'by', 'on', 'withdrawn'], entries.map((e) => [
        e.id, e.box, e.n, e.database ?? '', e.reason, e.enteredBy, e.occurredOn, e.withdrawnAt ? `${e.withdrawnAt.slice(0, 10)} by ${e.withdrawnBy}: ${e.withdrawnReason}` : '',
      ])));
    });

  const withdraw = manual
    .command('withdraw')
    .description('withdraw a mistaken entry (it is kept, marked withdrawn, with who and why)')
    .argument('<id>', 'entry number (see `review prisma manual list`)')
    .requiredOption('--by <name>', 'who withdraws it')
    .requiredOption('--reason <text>', 'why');
  withdraw
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', '\nExample:\n  $ review prisma manual withdraw 3 --by "Sian Hughes" --reason "entered twice"')
    .action((id: string, _local: unknown, cmd: Command) => {
      const options = cmd.optsWithGlobals<CommonOptions & { by: string; reason: string }>();
      if (!/^\d+$/.test(id)) return fail(`entry id must be a number, got "${id}"`);
      const { db } = openWorkspace(options);
      const entry = withdrawManualEntry(db, Number(id), options.by, options.reason);
      db.close();
      if (options.json) return printJson(entry);
      console.log(`entry #${entry.id} withdrawn by ${entry.withdrawnBy}`);
    });
}

export function registerPrisma(program: Command): void {
  const command = program
    .command('prisma')
    .description('the PRISMA 2020 flow diagram, every box derived from the database, with its arithmetic checked')
    .addOption(new Option('-f, --format <format>', 'output format (default: from --out\'s extension, else a text summary)').choices([...FORMATS]))
    .addOption(new Option('--lang <lang>', 'language of the labels').choices(languages()).default('en'))
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option('--expect <file>', 'compare with reported figures (e.g. queries/prisma-reported.json); exit 0 only when they agree')
    .option('--previous', 'draw the updated-review variant (previous studies and totals) even when there are none')
    .option('--no-previous', 'never draw the previous-studies column')
    .option('--other', 'draw the other-methods arm even when it is empty')
    .option('--no-other', 'never draw the other-methods arm');
  withWorkspace(command)
    .addHelpText('after', '\nBoxes are named as the PRISMA2020 R package names them (--json, --format csv: its template, so the\n' +
      'diagram can be finished in that tool). A box whose stage has not run is n/a, never guessed. The command\n' +
      'says which box does not add up and why, and exits 1 when one does not.\n\nExamples:\n' +
      '  $ review prisma\n' +
      '  $ review prisma --out reports/prisma.svg --lang cy\n' +
      '  $ review prisma --format html --out reports/prisma.html\n' +
      '  $ review prisma --expect queries/prisma-reported.json\n' +
      '  $ review prisma --json')
    .action((options: PrismaOptions) => {
      const { ws, db } = openWorkspace(options);
      // Defining both --x and --no-x leaves the option undefined unless one is given.
      const variant = {
        ...(options.previous !== undefined ? { previous: options.previous } : {}),
        ...(options.other !== undefined ? { other: options.other } : {}),
      };
      const report = buildReport(db, { criteria: criteriaOf(ws), variant });
      db.close();
      const failed = failedChecks(report.checks);
      const m = catalogue(options.lang);

      if (options.expect) {
        const comparison = compareReported(report, readReported(options.expect), options.expect);
        const awaiting = (name: string) => {
          const p = report.provenance[name as keyof typeof report.provenance];
          return p?.kind === 'pending' ? p.awaiting : undefined;
        };
        if (options.json) printJson(comparison);
        else console.log(comparisonText(comparison, awaiting));
        for (const c of failed) process.stderr.write(`warning: ${c.box} does not add up: ${c.message}\n`);
        process.exitCode = comparison.agree ? 0 : 1;
        return;
      }

      const format = options.json ? 'json' : options.format ?? (options.out ? EXTENSIONS[extname(options.out).toLowerCase()] : undefined);
      if (options.out && !format) return fail(`cannot tell the format of ${options.out} from its extension: add --format ${FORMATS.join('|')}`);
      if (format) {
        const text = renderPrisma(report, format, options.lang);
        if (options.out) {
          writeFileSync(options.out, text);
          process.stderr.write(`wrote ${options.out}\n`);
        } else process.stdout.write(text);
      } else {
        console.log(`${m.title} (${ws.root})\n`);
        // A listed box shows its total, then one indented line per database or reason.
        const rows = visibleBoxes(report).flatMap((b) => {
          const v = report.counts[b];
          const list = Array.isArray(v) ? v : [];
          return [
            [b, Array.isArray(v) ? list.reduce((a, r) => a + r.n, 0) : valueText(m, report.counts, b), boxDescription(m, b, report.variant), provenanceText(m, report.provenance[b])],
            ...list.map((r) => [`  · ${b.endsWith('_excluded') ? reasonLabel(m, r.reason, r.label) : r.reason || m['source.not_stated']}`, r.n, '', '']),
          ];
        });
        console.log(table(['box', 'n', 'description', 'source'], rows));
        const skipped = report.checks.filter((c) => c.status === 'skipped').length;
        console.log(`\nConsistency: ${report.checks.length - failed.length - skipped} checks add up, ${failed.length} do not, ${skipped} not checked (n/a).`);
        console.log('\nWrite the diagram with --out reports/prisma.svg (or .html, .md, .csv, .json); --lang cy for Welsh.');
      }
      for (const c of failed) process.stderr.write(`${c.box} does not add up: ${c.message}\n`);
      if (failed.length) process.exitCode = 1;
    });
  registerManual(command);
}
