import type { Command } from 'commander';
import { asReviewer, publicHistory } from '../../screen/blinding.js';
import { openScreening, recordId } from './screening-shared.js';
import { printJson, table, withWorkspace, type CommonOptions } from '../output.js';

export function registerHistory(program: Command): void {
  const command = program
    .command('history')
    .description('every decision ever made on a record, oldest first, with old → new (decisions are never deleted)')
    .argument('<record>', 'record id')
    .option('--reviewer <name>', 'as this reviewer: your own decisions, others\' once you have decided too')
    .option('--by <lead>', 'a lead: everything, blinded decisions included');
  withWorkspace(command)
    .addHelpText('after', '\nWithout --reviewer or --by, decisions on a stage still being screened blind are counted, not shown.\n\n' +
      'Examples:\n  $ review history 42\n  $ review history 42 --reviewer "Dafydd Evans" --json')
    .action((record: string, options: CommonOptions & { reviewer?: string; by?: string }) => {
      const { db, criteria } = openScreening(options);
      const id = recordId(record);
      if (db.prepare('SELECT 1 FROM records WHERE id = ?').get(id) === undefined) throw new Error(`no record with id ${id} (see \`review records\`)`);
      const h = options.reviewer && !options.by ? asReviewer(db, criteria, options.reviewer).history(id) : publicHistory(db, id, options.by);
      const resolutions = db.prepare(`SELECT x.stage, x.decision, x.reason, x.note, x.method, v.name AS "by", x.resolved_at AS "at", x.source
        FROM resolutions x JOIN reviewers v ON v.id = x.resolved_by WHERE x.record_id = ? ORDER BY x.resolved_at, x.id`).all(id) as Array<Record<string, string | null>>;
      const visibleStages = new Set(h.entries.map((e) => e.stage));
      const shownResolutions = options.by ? resolutions : resolutions.filter((r) => h.hidden === 0 || visibleStages.has(r.stage as never));
      db.close();
      if (options.json) return printJson({ record: id, decisions: h.entries, hidden: h.hidden, resolutions: shownResolutions });
      if (h.entries.length === 0 && h.hidden === 0) console.log(`Record ${id}: no decisions yet.`);
      else if (h.entries.length > 0) {
        console.log(table(['when', 'stage', 'reviewer', 'change', 'reason', 'note', 'how'],
          h.entries.map((e) => [e.decidedAt, e.stage, e.reviewer, e.previous ? `${e.previous} → ${e.decision}` : e.decision, e.reason ?? '',
            e.note ?? '', e.movedFrom ? `moved from record ${e.movedFrom}` : e.source])));
      }
      for (const r of shownResolutions) {
        console.log(`${r.at}  ${r.stage}  resolved ${r.decision}${r.reason ? ` (${r.reason})` : ''} by ${r.by}, ${r.method}${r.note ? ` — ${r.note}` : ''}`);
      }
      if (h.hidden) console.log(`\n${h.hidden} decision${h.hidden === 1 ? '' : 's'} hidden: blinded until the record is decided by both reviewers.`);
    });
}
