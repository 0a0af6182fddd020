import { Option, type Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { loadForm, loadFrame } from '../../extract/form.js';
import { formatCellError, importExtraction } from '../../extract/import.js';
import { addRecordStudies, addSnippetStudies, linkReport, listStudies, shortCitation, type Study } from '../../extract/studies.js';
import { characteristicsTable, codingMatrix, renderTables, type Table, type TableFormat } from '../../extract/table.js';
import { renderTemplate, type TemplateFormat } from '../../extract/template.js';
import { currentValues, valueHistory } from '../../extract/values.js';
import { includedRecordIds } from '../../prisma/derive.js';
import { fail, openWorkspace, printJson, table, withWorkspace, type CommonOptions } from '../output.js';

const EXT: Record<string, TemplateFormat> = { '.csv': 'csv', '.md': 'md', '.html': 'html', '.htm': 'html' };

function output(text: string, out?: string): void {
  if (out) {
    writeFileSync(out, text);
    process.stderr.write(`wrote ${out}\n`);
  } else process.stdout.write(text);
}

interface TemplateOptions extends CommonOptions {
  study?: string[];
  doi?: string;
  ris?: string;
  onlyNew?: boolean;
  format?: TemplateFormat;
  out?: string;
  by?: string;
}

function registerTemplate(extract: Command): void {
  const command = extract
    .command('template')
    .description('an extraction template for the included studies (or the ones named), pre-filled with their bibliographic details')
    .option('--study <id...>', 'record ids to extract (before screening has included them, or in addition); added to the studies under extraction')
    .option('--doi <doi>', 'a new study not yet in the database, by its DOI')
    .option('--ris <file>', 'new studies not yet in the database, from an RIS snippet')
    .option('--only-new', 'only studies with nothing extracted yet (e.g. the new studies of an update)')
    .addOption(new Option('-f, --format <format>', 'csv (one row per study, one column per field), md (a form) or html (a form to print)').choices(['csv', 'md', 'html']))
    .option('-o, --out <file>', 'write to this file (format from its extension unless --format)')
    .option('--by <name>', 'who adds the studies named with --study/--doi/--ris');
  withWorkspace(command, { json: false })
    .addHelpText('after', '\nThe form is queries/extraction-form.json; its choice fields use the coding frames queries/frame-*.csv.\n' +
      'Fill in the CSV and bring it back with `review extract import`.\n\nExamples:\n' +
      '  $ review extract template --out extraction.csv\n' +
      '  $ review extract template --study 12 40 57 --format html --out forms.html\n' +
      '  $ review extract template --doi 10.1234/example.2024.001 --only-new --out update.csv')
    .action((options: TemplateOptions) => {
      const { ws, db } = openWorkspace(options);
      const form = loadForm(ws.queries);
      let studies: Study[];
      if (options.study || options.doi || options.ris) {
        studies = [
          ...(options.study ? addRecordStudies(db, options.study, options.by) : []),
          ...(options.doi || options.ris ? addSnippetStudies(db, { doi: options.doi, ris: options.ris ? readFileSync(options.ris, 'utf8') : undefined }, options.by) : []),
        ];
        const keys = new Set(studies.map((s) => s.key));
        studies = listStudies(db).filter((s) => keys.has(s.key));
      } else {
        studies = listStudies(db);
        if (studies.length === 0) {
          process.stderr.write(includedRecordIds(db) === undefined
            ? 'note: no included studies yet (full-text screening has not started): name studies with --study <record id>, or new ones with --doi/--ris\n'
            : 'note: full-text screening has not included any study yet\n');
        }
      }
      const values = currentValues(db);
      if (options.onlyNew) studies = studies.filter((s) => !values.has(s.key) && !s.previous);
      db.close();
      const format = options.format ?? (options.out ? EXT[extname(options.out).toLowerCase()] : undefined) ?? 'csv';
      output(renderTemplate(format, form, studies, values), options.out);
    });
}

function registerImportCmd(extract: Command): void {
  const command = extract
    .command('import')
    .description('bring a completed extraction CSV back into the database, validated; nothing is written if any cell is wrong')
    .argument('<csv>', 'a completed template (`review extract template`)')
    .option('--by <name>', 'who extracted the data (or an extracted_by column)');
  withWorkspace(command)
    .addHelpText('after', '\nEach changed value is stored as a new version (who, when); unchanged values are not written again.\n\nExamples:\n' +
      '  $ review extract import extraction.csv --by "Sian Hughes"\n' +
      '  $ review extract import extraction.csv --by "Sian Hughes" --json')
    .action((path: string, options: CommonOptions & { by?: string }) => {
      const { ws, db } = openWorkspace(options);
      const form = loadForm(ws.queries);
      const result = importExtraction(db, form, path, { by: options.by });
      db.close();
      if (options.json) printJson(result);
      else if (result.errors.length) {
        for (const e of result.errors) process.stderr.write(`error: ${formatCellError(path, e)}\n`);
        process.stderr.write(`       ${path}: not imported (nothing was written)\n`);
      } else {
        console.log(`${path}: ${result.valuesWritten} values written for ${result.studies} studies; ${result.unchanged} unchanged` +
          `${result.skipped.length ? `; ${result.skipped.length} rows with nothing extracted yet skipped (${result.skipped.join(', ')})` : ''}.`);
      }
      if (result.errors.length) process.exitCode = 1;
    });
}

interface TableOptions extends CommonOptions {
  kind: 'characteristics' | 'matrix' | 'all';
  frame?: string;
  format?: TableFormat;
  lang: string;
  out?: string;
}

function registerTable(extract: Command): void {
  const command = extract
    .command('table')
    .description('the characteristics-of-included-studies table and coding matrices (studies × categories of a frame, with counts)')
    .addOption(new Option('--kind <kind>', 'which table').choices(['characteristics', 'matrix', 'all']).default('all'))
    .option('--frame <name>', 'coding frame of the matrix (default: every frame the form uses), e.g. wcpp-factors, wcpp-models')
    .addOption(new Option('-f, --format <format>', 'md, html or csv (default: from --out, else md)').choices(['md', 'html', 'csv']))
    .addOption(new Option('--lang <lang>', 'labels of the coding frames').choices(['en', 'cy']).default('en'))
    .option('-o, --out <file>', 'write to this file');
  withWorkspace(command, { json: false })
    .addHelpText('after', '\nExamples:\n' +
      '  $ review extract table --out reports/included-studies.md\n' +
      '  $ review extract table --kind matrix --frame wcpp-factors --format csv --out factors.csv\n' +
      '  $ review extract table --kind matrix --frame wcpp-models --lang cy --format html --out modelau.html')
    .action((options: TableOptions) => {
      const { ws, db } = openWorkspace(options);
      const form = loadForm(ws.queries);
      const studies = listStudies(db);
      const values = currentValues(db);
      db.close();
      const frames = options.frame ? [loadFrame(ws.queries, options.frame)]
        : [...new Set(form.fields.map((f) => f.frame).filter((f): f is string => !!f))].map((n) => form.frames.get(n)!);
      const tables: Table[] = [
        ...(options.kind !== 'matrix' ? [characteristicsTable(form, studies, values, options.lang)] : []),
        ...(options.kind !== 'characteristics' ? frames.map((f) => codingMatrix(form, f, studies, values, options.lang)) : []),
      ];
      const ext = options.out ? extname(options.out).toLowerCase() : '';
      const format: TableFormat = options.format ?? (ext === '.csv' ? 'csv' : ext === '.html' || ext === '.htm' ? 'html' : 'md');
      if (format === 'csv' && tables.length > 1) return fail('a CSV holds one table: choose --kind characteristics, or --kind matrix --frame <name>');
      output(renderTables(tables, format, `Included studies (${studies.length})`), options.out);
    });
}

function registerStudies(extract: Command): void {
  const command = extract.command('studies').description('list the studies under extraction: included by screening, named by hand, or added from a DOI/RIS');
  withWorkspace(command)
    .addHelpText('after', '\nExample:\n  $ review extract studies --json')
    .action((options: CommonOptions) => {
      const { db } = openWorkspace(options);
      const studies = listStudies(db);
      const values = currentValues(db);
      db.close();
      if (options.json) return printJson(studies.map((s) => ({ ...s, fieldsExtracted: values.get(s.key)?.size ?? 0 })));
      if (studies.length === 0) return console.log('No studies under extraction yet.');
      console.log(table(['study', 'origin', 'citation', 'reports', 'fields extracted'], studies.map((s) => [
        s.key, s.origin, shortCitation(s), s.reports.length ? `+${s.reports.join(', ')}` : '', values.get(s.key)?.size ?? 0,
      ])));
    });
}

function registerLink(extract: Command): void {
  const command = extract
    .command('link')
    .description('link a record to a study as a further report of it (PRISMA counts the study once, and its reports)')
    .argument('<record>', 'the further report (record id)')
    .argument('<study>', 'the record that stands for the study')
    .requiredOption('--by <name>', 'who links them')
    .option('--note <text>', 'why');
  withWorkspace(command, { json: false })
    .addHelpText('after', '\nExample:\n  $ review extract link 57 12 --by "Sian Hughes" --note "2021 follow-up of the same partnership"')
    .action((record: string, study: string, options: CommonOptions & { by: string; note?: string }) => {
      if (!/^\d+$/.test(record) || !/^\d+$/.test(study)) return fail('record ids are numbers (see `review records`)');
      const { db } = openWorkspace(options);
      linkReport(db, Number(record), Number(study), options.by, options.note);
      db.close();
      console.log(`record ${record} is now a report of study ${study}`);
    });
}

function registerHistoryCmd(extract: Command): void {
  const command = extract.command('history').description('every version of every extracted value of a study (who, when)').argument('<study>', 'study id');
  withWorkspace(command)
    .addHelpText('after', '\nExample:\n  $ review extract history 12')
    .action((study: string, options: CommonOptions) => {
      const { db } = openWorkspace(options);
      const rows = valueHistory(db, study);
      db.close();
      if (options.json) return printJson(rows);
      if (rows.length === 0) return console.log(`nothing extracted for study ${study}`);
      console.log(table(['field', 'value', 'by', 'at'], rows.map((r) => [r.field, r.value.length > 60 ? `${r.value.slice(0, 59)}…` : r.value, r.extractedBy, r.extractedAt])));
    });
}

export function registerExtract(program: Command): void {
  const extract = program
    .command('extract')
    .description('data extraction: templates for the included studies, import of completed extraction, tables')
    .addHelpText('after', '\nExamples:\n' +
      '  $ review extract template --out extraction.csv\n' +
      '  $ review extract import extraction.csv --by "Sian Hughes"\n' +
      '  $ review extract table --out reports/included-studies.md');
  registerTemplate(extract);
  registerImportCmd(extract);
  registerTable(extract);
  registerStudies(extract);
  registerLink(extract);
  registerHistoryCmd(extract);
}
