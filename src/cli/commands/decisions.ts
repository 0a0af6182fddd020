import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { exportDecisions, importDecisions } from '../../screen/csv.js';
import { getLead, blindingLifted } from '../../screen/reviewers.js';
import { stageStates } from '../../screen/state.js';
import { STAGES, type Stage } from '../../screen/types.js';
import { openScreening, stageOption } from './screening-shared.js';
import { printJson, withWorkspace, type CommonOptions } from '../output.js';

/** "label=CODE" pairs → map. */
function reasonMap(specs: string[] | undefined): Record<string, string> | undefined {
  if (!specs?.length) return undefined;
  const out: Record<string, string> = {};
  for (const s of specs) {
    const eq = s.lastIndexOf('=');
    if (eq <= 0) throw new Error(`--reason-map expects "label=CODE", got "${s}"`);
    out[s.slice(0, eq).trim()] = s.slice(eq + 1).trim();
  }
  return out;
}

export function registerDecisions(program: Command): void {
  const decisions = program
    .command('decisions')
    .description('decisions as plain-text CSV: import from a spreadsheet or Rayyan, export everything for archiving')
    .addHelpText('after', '\nExamples:\n  $ review decisions export --by "Sian Hughes" --out screening/decisions.csv\n' +
      '  $ review decisions import team-b.csv\n  $ review decisions import rayyan/articles.csv --reason-map "wrong population=EX-SETTING"');

  withWorkspace(decisions.command('import')
    .description('import decisions from CSV (native layout or a Rayyan export); validated first, nothing written on any error')
    .argument('<csv>', 'the file')
    .addOption(new Option('--format <format>', 'force the layout (default: detected)').choices(['native', 'rayyan']))
    .addOption(stageOption('Rayyan: the stage its decisions are for', 'title-abstract'))
    .option('--reason-map <label=CODE...>', 'Rayyan: map an exclusion reason to a criterion code (repeatable)'))
    .addHelpText('after', '\nNative layout (header): record,reviewer,stage,decision,reason,note,decided_at\n' +
      '  (optional: kind,method,record_key — what `review decisions export` writes). Rayyan: the articles.csv of a\n' +
      '  Rayyan export; rows are matched to records by DOI, PMID or title, reasons through the criteria\'s "alias:" lines.\n' +
      'Importing the same file twice changes nothing.\n\nExamples:\n  $ review decisions import spreadsheet.csv\n' +
      '  $ review decisions import articles.csv --format rayyan --reason-map "wrong setting=EX-SETTING"')
    .action((file: string, options: CommonOptions & { format?: 'native' | 'rayyan'; stage: string; reasonMap?: string[] }) => {
      const { db, criteria } = openScreening(options, { write: true });
      const summary = importDecisions(db, criteria, file, { format: options.format, stage: options.stage, reasonMap: reasonMap(options.reasonMap) });
      db.close();
      if (options.json) return printJson(summary);
      console.log(`${file} (${summary.format}): ${summary.rows} rows; ${summary.written} written, ${summary.unchanged} already there.`);
      for (const [kind, n] of Object.entries(summary.byKind)) console.log(`  ${kind}: ${n}`);
      if (summary.matchedBy) console.log(`  matched by ${Object.entries(summary.matchedBy).map(([k, n]) => `${k} ${n}`).join(', ') || '(none)'}`);
      if (summary.movedToPrimary) console.log(`  ${summary.movedToPrimary} rows named a merged-away duplicate: written to its primary record`);
      if (summary.remapped) console.log(`  ${summary.remapped} rows found by record_key under a different id than their record column`);
      if (summary.decidedNotRetrieved.length) {
        process.stderr.write(`warning: ${summary.decidedNotRetrieved.length} records decided at full text have reports marked not retrieved ` +
          `(${summary.decidedNotRetrieved.slice(0, 10).join(', ')}${summary.decidedNotRetrieved.length > 10 ? ', …' : ''}): PRISMA counts them as assessed; ` +
          'record their retrieval if the reports turned up (review fulltext <record> --retrieved <path|url>)\n');
      }
    });

  withWorkspace(decisions.command('export')
    .description('every decision, resolution, override, full-text state and reviewer as one CSV (to stdout or --out)')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--by <lead>', 'a lead: export everything, blinded decisions included'), { json: false })
    .addHelpText('after', '\nWithout --by, decisions still blinded (a record only one reviewer has decided, blinding not lifted)\n' +
      'are left out and counted on stderr. The file imports into a fresh database with identical counts.\n\nExample:\n' +
      '  $ review decisions export --by "Sian Hughes" --out screening/decisions.csv')
    .action((options: CommonOptions & { out?: string; by?: string }) => {
      const { db } = openScreening(options);
      if (options.by) getLead(db, options.by);
      let withhold: ((record: number, stage: Stage) => boolean) | undefined;
      if (!options.by) {
        // Blinded: a record/stage only one reviewer has decided (and nobody resolved), unless the lead lifted blinding.
        const open = new Map(STAGES.map((stage) => [stage, blindingLifted(db, stage) ? undefined : stageStates(db, stage)]));
        withhold = (record, stage) => {
          const states = open.get(stage);
          if (!states) return false;
          const state = states.get(record);
          return !state || (state.decisions.length < 2 && !state.resolution);
        };
      }
      const result = exportDecisions(db, { withhold });
      db.close();
      if (options.out) writeFileSync(options.out, result.csv);
      else process.stdout.write(result.csv);
      if (options.out) process.stderr.write(`wrote ${options.out}: ${result.rows} rows\n`);
      if (result.withheld) process.stderr.write(`${result.withheld} blinded rows left out (a lead can export them: --by <lead>)\n`);
    });
}
