import type { Command } from 'commander';
import { criteriaCheck, listAutoExclusions, overrideAutoExclusion } from '../../criteria/check.js';
import { describeCriteria } from '../../criteria/format.js';
import { openScreening, recordId } from './screening-shared.js';
import { printJson, table, withWorkspace, type CommonOptions } from '../output.js';

const shorten = (s: string | null, n: number) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s ?? '');

export function registerCriteria(program: Command): void {
  const criteria = program
    .command('criteria')
    .description('the eligibility criteria (queries/criteria.conf): show them, apply the automatic rules, override a rule')
    .addHelpText('after', '\nExamples:\n  $ review criteria show\n  $ review criteria check --list\n  $ review criteria override 42 --by "Sian Hughes" --note "year is the conference, paper is 2014"');

  withWorkspace(criteria.command('show', { isDefault: true }).description('print the criteria and their codes (and check the file is well formed)'))
    .addHelpText('after', '\nExample:\n  $ review criteria show --json')
    .action((options: CommonOptions) => {
      const { db, criteria: c } = openScreening(options);
      db.close();
      if (options.json) return printJson({ file: c.file, fallback: c.fallback, sha256: c.sha256, criteria: c.criteria, rules: c.rules, highlight: c.highlight });
      console.log(`${c.file}${c.fallback ? ' (the default: this workspace has no queries/criteria.conf)' : ''}\n`);
      console.log(describeCriteria(c));
    });

  withWorkspace(criteria.command('check')
    .description('apply the machine-checkable rules (years, languages, publication types); records they exclude are marked with the rule and code')
    .option('--list', 'list the records marked as ineligible'))
    .addHelpText('after', '\nRecords with no year or language are never excluded automatically. A record a reviewer has\n' +
      'already decided, or sent back with `review criteria override`, is screened by people.\n\nExample:\n  $ review criteria check --list')
    .action((options: CommonOptions & { list?: boolean }) => {
      const { db, criteria: c } = openScreening(options, { write: true });
      const result = criteriaCheck(db, c);
      const list = options.list || options.json ? listAutoExclusions(db) : [];
      db.close();
      if (options.json) return printJson({ file: c.file, ...result, records: list });
      console.log(`Checked ${result.checked} records against ${c.file}: ${result.excluded} marked as ineligible` +
        (result.leftToPeople ? ` (${result.leftToPeople} of them already with people: decided or overridden)` : '') + '.');
      for (const [rule, n] of Object.entries(result.byRule)) console.log(`  ${rule}: ${n}`);
      console.log(result.changed ? `Marks: ${result.added} added, ${result.removed} removed.` : 'Nothing changed.');
      if (options.list && list.length) {
        console.log('\n' + table(['record', 'year', 'language', 'type', 'code', 'why', 'status', 'title'],
          list.map((r) => [r.recordId, r.year ?? '', r.language ?? '', r.type ?? '', r.code, r.detail,
            r.overridden ? 'overridden' : r.decided ? 'decided by people' : 'excluded', shorten(r.title, 50)])));
      }
    });

  withWorkspace(criteria.command('override')
    .description('send a record the automatic check excluded back to people for screening (recorded, permanent)')
    .argument('<record>', 'record id')
    .requiredOption('--by <name>', 'the reviewer doing it')
    .option('--note <text>', 'why'))
    .addHelpText('after', '\nExample:\n  $ review criteria override 42 --by "Dafydd Evans" --note "2012 is the preprint; published 2014"')
    .action((record: string, options: CommonOptions & { by: string; note?: string }) => {
      const { db } = openScreening(options, { write: true });
      const result = overrideAutoExclusion(db, recordId(record), options.by, options.note);
      db.close();
      if (options.json) return printJson({ record: Number(record), ...result });
      console.log(result.changed ? `Record ${record} goes back to people for screening.` : `Record ${record} was already overridden; nothing changed.`);
    });
}
