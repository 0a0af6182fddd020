import { Option, type Command } from 'commander';
import {
  decidePair, DedupeError, DedupeImportError, exportUncertain, history, importDecisions, listGroups, listUncertain, parseDecision, runDedupe,
  showGroup, TRAP_POLICIES, undoGroup, type DedupeOptions, type PairView, type TrapPolicy,
} from '../../dedupe/index.js';
import { fail, openWorkspace, printJson, table, withWorkspace, type CommonOptions } from '../output.js';
import { count } from '../../util/text.js';

interface DedupeCliOptions extends CommonOptions {
  full?: boolean;
  review?: boolean;
  limit?: string;
  certain?: string;
  uncertain?: string;
  notices?: TrapPolicy;
  preprints?: TrapPolicy;
  conferenceAbstracts?: TrapPolicy;
  versions?: TrapPolicy;
}

const n = (x: number) => x.toLocaleString('en-GB');

function score(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new DedupeError(`${flag} must be a score between 0 and 1, got "${value}"`);
  return v;
}

function whole(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new DedupeError(`${flag} expects a whole number, got "${value}"`);
  return Number(value);
}

/**
 * A subcommand's options. Commander lets `review dedupe` claim the options it
 * shares with its subcommands (--dir, --db, --json, --limit) wherever they are
 * written, so take those from the parent when they were given there.
 */
function optionsOf<T>(command: Command): T {
  const out: Record<string, unknown> = { ...command.opts() };
  const parent = command.parent;
  if (parent) {
    const given = parent.opts();
    for (const key of Object.keys(given)) if (parent.getOptionValueSource(key) === 'cli') out[key] = given[key];
  }
  return out as T;
}

/** Run a library call; print user errors (bad pair, unknown group) without a stack. */
function guarded(action: () => void): void {
  try {
    action();
  } catch (e) {
    if (e instanceof DedupeError) fail(e.message);
    else throw e;
  }
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word.length > width ? word.slice(0, width - 1) + '…' : word;
  }
  if (line) out.push(line);
  return out.length ? out : [''];
}

/** Two records side by side, field by field. */
function sideBySide(p: PairView): string {
  const width = 46;
  const fields: Array<[string, (r: PairView['a']) => string]> = [
    ['record', (r) => `${r.id}${r.sourceKey ? ` (${r.sourceKey})` : ''}`],
    ['title', (r) => r.title ?? ''],
    ['authors', (r) => (r.authors.length > 6 ? [...r.authors.slice(0, 6), `… ${r.authors.length} in all`] : r.authors).join('; ')],
    ['year', (r) => String(r.year ?? '')],
    ['journal', (r) => r.journal ?? ''],
    ['vol/pages', (r) => [r.volume, r.issue && `(${r.issue})`, r.pages && `: ${r.pages}`].filter(Boolean).join(' ')],
    ['doi', (r) => r.doi ?? ''],
    ['pmid', (r) => r.pmid ?? ''],
    ['database', (r) => r.database ?? '(not stated)'],
    // A long path keeps its end: the file's name says more than the folders above it.
    ['file', (r) => (r.file && r.file.length > width ? `…${r.file.slice(r.file.length - width + 1)}` : r.file ?? '')],
  ];
  const lines = [`Pair ${p.pair}: score ${p.score.toFixed(2)} (${p.rule})`];
  for (const [label, get] of fields) {
    const left = wrap(get(p.a), width);
    const right = wrap(get(p.b), width);
    if (left.join('') === '' && right.join('') === '') continue;
    const mark = get(p.a).toLowerCase() === get(p.b).toLowerCase() ? ' ' : '≠';
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      lines.push(`  ${i === 0 ? label.padEnd(10) : ' '.repeat(10)}${i === 0 ? mark : ' '} ${(left[i] ?? '').padEnd(width)}  ${right[i] ?? ''}`);
    }
  }
  lines.push(`  why: ${p.why}`);
  lines.push(`  evidence: ${p.evidence.join(', ')}`);
  lines.push(`  → review dedupe decide ${p.pair} same   |   review dedupe decide ${p.pair} different`);
  return lines.join('\n');
}

function printReview(pairs: PairView[], total: number): void {
  if (total === 0) {
    console.log('No uncertain pairs are waiting for a decision.');
    return;
  }
  console.log(pairs.map(sideBySide).join('\n\n'));
  console.log(`\n${pairs.length} of ${total} uncertain pairs shown${pairs.length < total ? ' (use --limit for more, or export them: review dedupe export pairs.csv)' : ''}.`);
}

export function registerDedupe(program: Command): void {
  const policy = (flag: string, what: string) =>
    new Option(`${flag} <policy>`, `${what}; sticks for later runs`).choices(TRAP_POLICIES);
  const dedupe = program
    .command('dedupe')
    .description('find duplicate records within and across imports: merge the certain ones, list the uncertain ones for a person')
    .option('--full', 'compare every record again, not only those imported since the last run')
    .option('--review', 'list the uncertain pairs side by side (nothing is run)')
    .option('--limit <n>', 'with --review: at most n pairs', '20')
    .option('--certain <score>', 'score (0–1) from which a pair is a certain duplicate (default 0.95; sticks)')
    .option('--uncertain <score>', 'score (0–1) from which a pair is uncertain, below --certain (default 0.5; sticks)')
    .addOption(policy('--notices', 'an erratum, correction, retraction notice or reply vs the article it concerns (default duplicate)'))
    .addOption(policy('--preprints', 'a preprint vs its published version (default distinct)'))
    .addOption(policy('--conference-abstracts', 'a conference abstract or paper vs the journal article (default distinct)'))
    .addOption(policy('--versions', 'versions of one work: DOIs differing by .pubN, one Cochrane review number (default duplicate)'));
  withWorkspace(dedupe)
    .addHelpText('after', [
      '',
      'Exact keys first (DOI, PMID), then fuzzy matching on title, authors, year (±1), journal, volume and pages.',
      'Each pair is a certain duplicate (merged into a group with one primary record), distinct, or uncertain',
      '(left for a person). Records are never deleted: merged-away records are marked (`review records --json`',
      'shows duplicateOf). Re-running compares only records imported since the last run.',
      '',
      'Examples:',
      '  $ review dedupe                          # merge certain duplicates, report counts',
      '  $ review dedupe --json                   # recordsIn, duplicatesRemoved, uncertainPairs, groups',
      '  $ review dedupe --review                 # uncertain pairs side by side',
      '  $ review dedupe decide 17 same           # or: review dedupe decide 12-57 different',
      '  $ review dedupe export pairs.csv         # fill in the decision column, then: review dedupe import pairs.csv',
      '  $ review dedupe undo 4                   # split group 4',
      '  $ review dedupe --preprints uncertain    # let a person decide on preprint/published pairs',
    ].join('\n'))
    .action((options: DedupeCliOptions) => guarded(() => {
      const { db } = openWorkspace(options);
      try {
        if (options.review) {
          const all = listUncertain(db);
          const limit = whole(options.limit ?? '20', '--limit');
          const shown = all.slice(0, limit > 0 ? limit : undefined);
          if (options.json) return printJson(shown);
          return printReview(shown, all.length);
        }
        const requested: Partial<DedupeOptions> = {
          full: options.full, certain: score(options.certain, '--certain'), uncertain: score(options.uncertain, '--uncertain'),
          notices: options.notices, preprints: options.preprints, conferenceAbstracts: options.conferenceAbstracts,
          versions: options.versions,
        };
        const result = runDedupe(db, requested);
        if (options.json) return printJson(result);
        const r = result.run;
        const how = r.mode === 'up-to-date' ? 'up to date: no new records since the last run'
          : `${r.mode}${r.reason ? ` (${r.reason})` : ''}: ${n(r.recordsNew)} records compared against ${n(result.recordsIn)}, ` +
            `${n(r.compared)} candidate pairs scored in ${r.seconds.toFixed(1)} s`;
        console.log(`De-duplication ${how}\n`);
        const byDb = Object.entries(result.duplicatesRemoved.byDatabase).map(([d, k]) => `${d} ${n(k)}`).join(', ');
        console.log(table(['', 'records'], [
          ['records in', result.recordsIn],
          ['duplicates removed', result.duplicatesRemoved.total],
          ['unique records', result.uniqueRecords],
          ['duplicate groups', result.groups.length],
          ['uncertain pairs', result.uncertainPairs],
        ]));
        if (byDb) console.log(`\nRemoved per database: ${byDb}`);
        if (r.mode !== 'up-to-date') console.log(`This run: ${n(r.groupsCreated)} new groups, ${n(r.groupsChanged)} groups grown or joined.`);
        if (result.previousReview.records > 0) {
          console.log(`Previous review: ${n(result.previousReview.records)} records; ${n(result.previousReview.matchedByNewRecords)} new records ` +
            'duplicate them (screened last time).');
        }
        if (result.retractionGroups.length > 0) {
          console.log(`Groups holding a retraction notice (check before screening): ${result.retractionGroups.join(', ')}.`);
        }
        if (result.screeningConflicts > 0) console.log(`Screening conflicts from merges: ${result.screeningConflicts} (see review dedupe history).`);
        if (result.uncertainPairs > 0) {
          console.log(`\n${count(result.uncertainPairs, 'uncertain pair')} ${result.uncertainPairs === 1 ? 'waits' : 'wait'} for a person: review dedupe --review ` +
            '(or review dedupe export pairs.csv).');
        }
      } finally {
        db.close();
      }
    }));

  const decide = dedupe
    .command('decide')
    .description('decide an uncertain pair (or any two records): same merges them, different keeps them apart')
    .argument('<pair>', 'pair id from --review, or two record ids such as 12-57')
    .argument('<decision>', 'same or different')
    .option('--note <text>', 'why (kept with the decision)');
  withWorkspace(decide)
    .addHelpText('after', '\nDecisions are kept (append-only) and every later run respects them.\n\nExamples:\n' +
      '  $ review dedupe decide 17 same\n  $ review dedupe decide 12-57 different --note "protocol vs results paper"')
    .action((pair: string, decision: string, _o: unknown, command: Command) => guarded(() => {
      const options = optionsOf<CommonOptions & { note?: string }>(command);
      const { db } = openWorkspace(options);
      try {
        const r = decidePair(db, pair, parseDecision(decision), { note: options.note });
        if (options.json) return printJson(r);
        const what = r.effect === 'merged' ? `merged into group ${r.groupId}` : r.effect === 'split' ? `split out of group ${r.groupId}`
          : 'recorded (the groups already agreed)';
        console.log(`Records ${r.a} and ${r.b}: ${r.decision}; ${what}.`);
      } finally {
        db.close();
      }
    }));

  const undo = dedupe
    .command('undo')
    .description('split a duplicate group (or take one record out of it); its records are kept apart from then on')
    .argument('<group>', 'group id (see review dedupe groups)')
    .option('--record <id>', 'take only this record out of the group')
    .option('--note <text>', 'why');
  withWorkspace(undo)
    .addHelpText('after', '\nTo keep some of its records together afterwards: review dedupe decide <a>-<b> same.\n\nExamples:\n' +
      '  $ review dedupe undo 4\n  $ review dedupe undo 4 --record 57')
    .action((group: string, _o: unknown, command: Command) => guarded(() => {
      const options = optionsOf<CommonOptions & { record?: string; note?: string }>(command);
      if (!/^\d+$/.test(group)) throw new DedupeError(`group must be a number, got "${group}"`);
      if (options.record !== undefined && !/^\d+$/.test(options.record)) throw new DedupeError(`--record must be a record id, got "${options.record}"`);
      const { db } = openWorkspace(options);
      try {
        const r = undoGroup(db, Number(group), { record: options.record === undefined ? undefined : Number(options.record), note: options.note });
        if (options.json) return printJson(r);
        console.log(`Group ${r.groupId}: released record${r.released.length > 1 ? 's' : ''} ${r.released.join(', ')}.`);
      } finally {
        db.close();
      }
    }));

  const exp = dedupe
    .command('export')
    .description('write the uncertain pairs to a CSV file, side by side, with an empty decision column to fill in')
    .argument('<file>', 'CSV file to write');
  withWorkspace(exp, { json: false })
    .addHelpText('after', '\nExample:\n  $ review dedupe export pairs.csv   # then fill in decision (same/different) and: review dedupe import pairs.csv')
    .action((file: string, _o: unknown, command: Command) => guarded(() => {
      const { db } = openWorkspace(optionsOf<CommonOptions>(command));
      try {
        console.log(`Wrote ${count(exportUncertain(db, file), 'uncertain pair')} to ${file}.`);
      } finally {
        db.close();
      }
    }));

  const imp = dedupe
    .command('import')
    .description('apply the decisions filled in a CSV file written by review dedupe export (blank rows are skipped; a file with any bad row changes nothing)')
    .argument('<file>', 'CSV file');
  withWorkspace(imp)
    .addHelpText('after', '\nExample:\n  $ review dedupe import pairs.csv')
    .action((file: string, _o: unknown, command: Command) => guarded(() => {
      const options = optionsOf<CommonOptions>(command);
      const { db } = openWorkspace(options);
      try {
        let r;
        try {
          r = importDecisions(db, file);
        } catch (e) {
          // Scripts get the problems as JSON too (and the exit code says it failed).
          if (!(e instanceof DedupeImportError && options.json)) throw e;
          process.exitCode = 1;
          return printJson({ applied: [], skipped: 0, errors: e.problems });
        }
        if (options.json) return printJson(r);
        const merged = r.applied.filter((a) => a.effect === 'merged').length;
        const split = r.applied.filter((a) => a.effect === 'split').length;
        console.log(`${count(r.applied.length, 'decision')} applied (${count(merged, 'merge')}, ${count(split, 'split')}), ${count(r.skipped, 'row')} left blank.`);
      } finally {
        db.close();
      }
    }));

  const groups = dedupe
    .command('groups')
    .description('list duplicate groups (weakest link first) or show one: members, how each joined, merged fields, history')
    .argument('[group]', 'a group id to show in full')
    .option('--limit <n>', 'at most n groups', '50');
  withWorkspace(groups)
    .addHelpText('after', '\nExamples:\n  $ review dedupe groups\n  $ review dedupe groups 4 --json')
    .action((group: string | undefined, _o: unknown, command: Command) => guarded(() => {
      const options = optionsOf<CommonOptions & { limit: string }>(command);
      const { db } = openWorkspace(options);
      try {
        if (group !== undefined) {
          const g = /^\d+$/.test(group) ? showGroup(db, Number(group)) : undefined;
          if (!g) throw new DedupeError(`no group ${group}`);
          if (options.json) return printJson(g);
          console.log(`Group ${g.id} (${g.status}): primary record ${g.primaryId}; rule ${g.rule}; weakest score ${g.score?.toFixed(2) ?? '–'}`);
          console.log(table(['record', 'source key', 'database', 'joined by', 'score', 'matched', 'removed'],
            g.members.map((m) => [m.recordId, m.sourceKey ?? '', m.database ?? '', m.rule, m.score?.toFixed(2) ?? '', m.matchedWith ?? '',
              m.removedAt ? `${m.removedWhy} ${m.removedAt}` : ''])));
          console.log(`\nHistory:\n${g.history.map((h) => `  ${h.at}  ${h.action}  ${JSON.stringify(h.detail)}`).join('\n')}`);
          return;
        }
        const rows = listGroups(db, whole(options.limit, '--limit'));
        if (options.json) return printJson(rows);
        console.log(table(['group', 'size', 'rule', 'score', 'primary', 'title'],
          rows.map((r) => [r.id, r.size, r.rule, r.score?.toFixed(2) ?? '', r.primaryId, (r.title ?? '').slice(0, 60)])));
      } finally {
        db.close();
      }
    }));

  const hist = dedupe
    .command('history')
    .description('the append-only log of everything de-duplication did: runs, merges, decisions, undos')
    .option('--limit <n>', 'the last n entries', '50');
  withWorkspace(hist)
    .addHelpText('after', '\nExample:\n  $ review dedupe history --limit 20')
    .action((_o: unknown, command: Command) => guarded(() => {
      const options = optionsOf<CommonOptions & { limit: string }>(command);
      const { db } = openWorkspace(options);
      try {
        const rows = history(db, whole(options.limit, '--limit'));
        if (options.json) return printJson(rows);
        console.log(table(['at', 'action', 'group', 'record', 'detail'],
          rows.map((h) => [h.at, h.action, h.groupId ?? '', h.recordId ?? '', JSON.stringify(h.detail).slice(0, 80)])));
      } finally {
        db.close();
      }
    }));
}
