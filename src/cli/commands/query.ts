import type { Command } from 'commander';
import { resolve } from 'node:path';
import { compareDocuments } from '../../search/compare.js';
import { DIALECTS, dialectByName } from '../../search/dialects/index.js';
import { formatFinding, hasErrors, sortFindings, type Finding } from '../../search/diagnostics.js';
import { notRetrieved, type RunSummary } from '../../search/evaluate/run.js';
import { evaluateDocuments } from '../../search/evaluate/run.js';
import { explainRecord } from '../../search/explain.js';
import { DEFAULT_RECORD_FIELDS, RECORD_FIELDS, type RecordField } from '../../search/fields.js';
import { describeDocument, documentJson, formatTree } from '../../search/format.js';
import { lintDocument, lintJson, RULES } from '../../search/lint/index.js';
import { documentFindings, readQueryFile, type QueryDocument } from '../../search/protocol.js';
import { translateDocument } from '../../search/translate.js';
import { displayPath, queryFiles, readQueries } from '../../search/workspace.js';
import { workspaceAt } from '../../workspace/workspace.js';
import { fail, openWorkspace, printJson, progress, table, withWorkspace, type CommonOptions } from '../output.js';
import { count } from '../../util/text.js';

interface QueryOptions extends CommonOptions {
  dialect?: string;
}

const DIALECT_HELP = `dialect (${Object.keys(DIALECTS).join(', ')}); default: from the file's heading, name or operators`;

/** Read the files named (or every queries/*.txt of the workspace), names relative to the workspace. */
function documents(files: string[], options: QueryOptions): QueryDocument[] {
  const ws = workspaceAt(options.dir, options.db);
  if (options.dialect && !dialectByName(options.dialect)) throw new Error(`unknown dialect "${options.dialect}" (known: ${Object.keys(DIALECTS).join(', ')})`);
  const paths = files.length ? files.map((f) => resolve(f)) : queryFiles(ws);
  if (paths.length === 0) throw new Error(`no query files: name one, or put *.txt files in ${ws.queries}`);
  return readQueries(ws, paths, options.dialect ? dialectByName(options.dialect)!.name : undefined);
}

const lineOf = (doc: QueryDocument) => (n: number) => doc.lines[n - 1];

function printFindings(doc: QueryDocument, findings: Finding[], notes: boolean): void {
  for (const f of findings) if (notes || f.severity !== 'info') console.log(formatFinding(f, lineOf(doc)));
}

function tally(findings: Finding[]): string {
  const n = (s: string) => findings.filter((f) => f.severity === s).length;
  return `${n('error')} error(s), ${n('warning')} warning(s), ${n('info')} note(s)`;
}

export function registerQuery(program: Command): void {
  const query = program
    .command('query')
    .description('the documented search strings: parse, lint, translate, compare, and run them offline against the imported records')
    .addHelpText('after', `
Dialects: ${Object.values(DIALECTS).map((d) => `${d.name} (${d.label})`).join(', ')}.
Files may be protocol block files (queries/*.txt: "A. Title" lines, then the string;
an optional combination line "A + (B neu C) + D"), line-numbered strategies, or one query.

Examples:
  $ review query lint                                  # every file in queries/
  $ review query compare queries/ebsco.txt queries/scopus.txt
  $ review query translate queries/ebsco.txt --to ovid
  $ review query run && review query explain 42`);

  const parse = query.command('parse').description('print the parsed tree of a query file, or its located errors (exit code 1)').argument('<file>', 'query file');
  withWorkspace(parse)
    .option('--dialect <name>', DIALECT_HELP)
    .option('--notes', 'also print notes (typographic characters, skipped annotations)')
    .addHelpText('after', `
Precedence, as implemented per dialect:
${Object.values(DIALECTS).map((d) => `  ${d.name.padEnd(7)} ${d.grammar.precedence}; ${d.grammar.proximity}`).join('\n')}

Example:
  $ review query parse queries/scopus.txt
  $ review query parse strategy.txt --dialect ovid --json`)
    .action((file: string, options: QueryOptions & { notes?: boolean }) => {
      const [doc] = documents([file], options);
      const findings = sortFindings(documentFindings(doc));
      if (options.json) printJson(documentJson(doc));
      else {
        console.log(describeDocument(doc));
        for (const b of doc.blocks) {
          console.log(`\n${doc.kind === 'protocol' ? `Block ${b.label}${b.title ? `. ${b.title}` : ''}` : b.label === 'query' ? 'Query' : `Line ${b.label}`} (line ${b.line})`);
          console.log(b.ast ? formatTree(b.ast, '  ') : '  (nothing could be read)');
        }
        if (doc.combination) console.log(`\nCombination (line ${doc.combination.line}${doc.combination.from !== doc.file ? ` of ${doc.combination.from}` : ''}): ${doc.combination.text}\n${doc.combination.ast ? formatTree(doc.combination.ast, '  ') : ''}`);
        if (findings.length) console.log('');
        printFindings(doc, findings, options.notes === true);
      }
      if (hasErrors(findings)) process.exitCode = 1;
    });

  const lint = query.command('lint').description('check query files for defects (rules below); never rewrites them').argument('[files...]', 'query files (default: every queries/*.txt)');
  withWorkspace(lint)
    .option('--dialect <name>', DIALECT_HELP)
    .option('--notes', 'also print notes (typographic characters, skipped annotations)')
    .addHelpText('after', `
Rules:
${RULES.map((r) => `  ${r.id.padEnd(22)} ${r.description}`).join('\n')}

Exit code 1 when any finding is an error. --json gives [{file, rule, severity, block, line, column, message, fix}].

Example:
  $ review query lint
  $ review query lint queries/ebsco.txt --json`)
    .action((files: string[], options: QueryOptions & { notes?: boolean }) => {
      const docs = documents(files, options);
      const all: Finding[] = [];
      for (const doc of docs) {
        const findings = lintDocument(doc);
        all.push(...findings);
        if (!options.json) {
          console.log(`${describeDocument(doc)}: ${tally(findings)}`);
          printFindings(doc, findings, options.notes === true);
          console.log('');
        }
      }
      if (options.json) printJson(lintJson(all));
      if (hasErrors(all)) process.exitCode = 1;
    });

  const translate = query
    .command('translate')
    .description('translate a query file into another dialect, warning wherever the meaning cannot be kept')
    .argument('<file>', 'query file')
    .requiredOption('--to <dialect>', `target dialect (${Object.keys(DIALECTS).join(', ')})`);
  withWorkspace(translate)
    .option('--dialect <name>', `source ${DIALECT_HELP}`)
    .addHelpText('after', `
The translation goes to stdout, the warnings to stderr (--json: {from, to, text, blocks, warnings}).
Proximity keeps its meaning, not its number: EBSCO N2 = Ovid ADJ3 = Scopus W/2 = WoS NEAR/2.

Example:
  $ review query translate queries/ebsco.txt --to scopus > ebsco-as-scopus.txt`)
    .action((file: string, options: QueryOptions & { to: string }) => {
      const to = dialectByName(options.to);
      if (!to) return fail(`unknown dialect "${options.to}" (known: ${Object.keys(DIALECTS).join(', ')})`);
      const [doc] = documents([file], options);
      const t = translateDocument(doc, to);
      if (options.json) printJson(t);
      else {
        process.stdout.write(t.text);
        // Errors in the source (an unclosed "(") were repaired to translate it: say so, or the guess passes unseen.
        for (const e of sortFindings(documentFindings(doc)).filter((f) => f.severity === 'error')) {
          process.stderr.write(`${formatFinding({ ...e, message: `${e.message} in the source; translated as read (see review query parse)` })}\n`);
        }
        for (const w of t.warnings) process.stderr.write(`${formatFinding(w)}\n`);
      }
      if (doc.blocks.some((b) => !b.ast)) process.exitCode = 1;
    });

  const compare = query
    .command('compare')
    .description('where two documented versions of the same protocol differ in meaning, block by block')
    .argument('<fileA>', 'first version')
    .argument('<fileB>', 'second version');
  withWorkspace(compare)
    .addHelpText('after', `
Kinds: proximity-vs-boolean, distance-changed, order-changed, term-only-in-a/b, implicit-phrase,
field-changed, operator-changed, phrase-changed, unbalanced-parens, duplicate-term, combination-….
--json gives [{block, kind, a, b, message}].

Example:
  $ review query compare queries/ebsco.txt queries/scopus.txt`)
    .action((fileA: string, fileB: string, options: QueryOptions) => {
      // As written: a file without a combination line does not borrow one here (that is a difference to show).
      const ws = workspaceAt(options.dir, options.db);
      const docs = [fileA, fileB].map((f) => readQueryFile(resolve(f), { name: displayPath(ws, resolve(f)), dialect: options.dialect }));
      const diffs = compareDocuments(docs[0], docs[1]);
      if (options.json) return printJson(diffs);
      console.log(`A = ${describeDocument(docs[0])}\nB = ${describeDocument(docs[1])}\n`);
      if (diffs.length === 0) return console.log('No difference in meaning.');
      let block = '';
      for (const d of diffs) {
        if (d.block !== block) console.log(`${block ? '\n' : ''}Block ${(block = d.block)}`);
        console.log(`  ${d.kind}: ${d.message}`);
        if (d.a && d.kind !== 'duplicate-term') console.log(`      A: ${d.a}`);
        if (d.b && d.kind !== 'duplicate-term') console.log(`      B: ${d.b}`);
      }
      // A defect both versions share (the same repeated term, parentheses unbalanced in both) is not a difference.
      const shared = diffs.filter((d) => (d.kind === 'duplicate-term' || d.kind === 'unbalanced-parens') && d.a && d.b).length;
      const meaning = diffs.length - shared;
      console.log(`\n${meaning ? `${meaning} difference(s)` : 'No difference in meaning'}${shared ? `; ${shared} defect(s) in both versions` : ''}.`);
    });

  const run = query
    .command('run')
    .description('evaluate the query files against the imported records; store hits per record and block')
    .argument('[files...]', 'query files (default: every queries/*.txt)');
  withWorkspace(run)
    .option('--dialect <name>', DIALECT_HELP)
    .option('--fields <list>', `record fields searched when a term names none (${RECORD_FIELDS.join(', ')})`, DEFAULT_RECORD_FIELDS.join(','))
    .option('--force', 'evaluate again even when nothing changed')
    .option('--missed', 'list every record of the file\'s own interface its combination does not retrieve')
    .addHelpText('after', `
Tokenisation: case- and diacritic-insensitive; hyphens, slashes and punctuation separate words
("place-based" = "place based"); proximity counts the words between two matches in one field.

Example:
  $ review query run
  $ review query run queries/scopus.txt --fields title,abstract --missed --json`)
    .action((files: string[], options: QueryOptions & { fields: string; force?: boolean; missed?: boolean }) => {
      const fields = options.fields.split(',').map((f) => f.trim()) as RecordField[];
      const bad = fields.filter((f) => !RECORD_FIELDS.includes(f));
      if (bad.length) return fail(`unknown field ${bad.join(', ')} (known: ${RECORD_FIELDS.join(', ')})`);
      const docs = documents(files, options);
      const { db } = openWorkspace(options);
      const bar = progress(!options.json);
      const runs = evaluateDocuments(db, docs, { fields, force: options.force, onProgress: (n) => bar.update('search', n) });
      bar.done();
      const withMissed = runs.map((r) => ({ ...r, notRetrieved: notRetrieved(db, r.runId, options.missed ? -1 : 20) }));
      db.close();
      if (options.json) return printJson(withMissed);
      for (const r of withMissed) printRun(r, options.missed === true);
    });

  const explain = query
    .command('explain')
    .description('which terms of which block matched one record, in which field, at which positions')
    .argument('<record>', 'record id (from `review records`)')
    .argument('[files...]', 'query files (default: every queries/*.txt)');
  withWorkspace(explain)
    .option('--dialect <name>', DIALECT_HELP)
    .option('--fields <list>', 'record fields searched when a term names none', DEFAULT_RECORD_FIELDS.join(','))
    .addHelpText('after', '\nExample:\n  $ review query explain 42\n  $ review query explain 42 queries/ebsco.txt --json')
    .action((id: string, files: string[], options: QueryOptions & { fields: string }) => {
      const docs = documents(files, options);
      const { db } = openWorkspace(options);
      const fields = options.fields.split(',').map((f) => f.trim()) as RecordField[];
      const e = /^\d+$/.test(id) ? explainRecord(db, Number(id), docs, fields) : undefined;
      db.close();
      if (!e) return fail(`no record with id ${id} (ids are listed by \`review records\`)`);
      if (options.json) return printJson(e);
      console.log(`Record ${e.record.id}: ${e.record.title ?? '(no title)'}${e.record.database ? ` [${e.record.database}]` : ''}\nFields searched by default: ${e.fields.join(', ')}`);
      for (const d of e.documents) {
        console.log(`\n${d.file} (${d.dialect})`);
        for (const b of d.blocks) {
          console.log(`  ${b.matched ? '✓' : '✗'} ${b.block}${b.title ? ` ${b.title}` : ''}`);
          for (const m of b.matches) {
            const where = m.places.slice(0, 4).map((p) => `${p.field}${p.entry !== undefined ? ` #${p.entry + 1}` : ''} @${p.position}: "${p.text}"`).join('; ');
            console.log(`      ${m.kind === 'near' ? 'proximity ' : m.kind === 'heading' ? 'heading ' : ''}${m.query.replace(/\s+/g, ' ').slice(0, 80)} → ${where}${m.places.length > 4 ? ` (+${m.places.length - 4} more)` : ''}`);
          }
        }
        if (d.combination) console.log(`  ${d.combination.matched ? '✓' : '✗'} combination ${d.combination.text}`);
      }
    });
}

function printRun(r: RunSummary & { notRetrieved: Array<{ id: number; title: string | null; database: string }> }, all: boolean): void {
  console.log(`${r.file} (${r.dialect}): ${count(r.records, 'record')}, fields ${r.fields.join(', ')}${r.evaluated ? `, ${r.seconds.toFixed(2)} s` : ' (unchanged since the last run)'}`);
  const rows: Array<Array<string | number>> = r.blocks.map((b) => [b.block, b.title ?? '', b.hits]);
  if (r.combination) rows.push(['=', `${r.combination.text}${r.combination.from !== r.file ? ` (from ${r.combination.from})` : ''}`, r.combination.hits]);
  console.log(table(['block', 'title', 'hits'], rows));
  if (r.perDatabase.length > 1 || (r.perDatabase[0] && r.combination)) {
    const cols = [...r.blocks.map((b) => b.block), ...(r.combination ? ['combination'] : [])];
    console.log(`\nPer database:\n${table(['database', 'records', ...cols.map((c) => (c === 'combination' ? '=' : c))], r.perDatabase.map((d) => [d.database, d.records, ...cols.map((c) => d.blocks[c] ?? 0)]))}`);
  }
  for (const n of r.notes) if (n.severity !== 'info') console.log(`${n.severity === 'error' ? 'error' : 'note'}: ${n.block ? `block ${n.block}, ` : ''}line ${n.line}, column ${n.column}: ${n.message}`);
  if (r.notRetrieved.length) {
    console.log(`\nRecords from this interface the combination does not retrieve${all ? '' : ' (first 20; --missed for all)'}:`);
    for (const m of r.notRetrieved) console.log(`  ${m.id}  ${m.database}  ${(m.title ?? '').slice(0, 90)}`);
  }
  console.log('');
}
