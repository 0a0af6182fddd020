import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { ris } from './helpers.js';

const BIN = resolve(__dirname, '../../bin/review.js');

function review(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TITLE = 'Loneliness interventions delivered by community organisations: a systematic review';

describe('review dedupe (end to end)', () => {
  it('runs, reports JSON, lists uncertain pairs, decides, exports and imports CSV, undoes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'medline.ris'), ris([
      { id: 'PM1', title: TITLE, authors: ['Morgan, Huw', 'Rees, Gwen'], year: 2021, journal: 'Health & Place', volume: '70', start: '102', end: '118',
        doi: '10.99999/hp.2021.70.102' },
      { id: 'PM2', title: 'Time banking in Wales: outcomes for volunteers', authors: ['Lewis, Cerys'], year: 2017, journal: 'Voluntary Sector Review',
        volume: '8', start: '45', end: '60' },
    ], 'cmedm'));
    writeFileSync(join(dir, 'scopus.ris'), ris([
      { id: 'SC1', title: `${TITLE}.`, authors: ['H. Morgan', 'G. Rees'], year: 2021, journal: 'Health Place', volume: '70', start: '102', end: '18' },
      { id: 'SC2', title: 'Time banking in Wales: outcomes for volunteers', authors: ['Lewis, Cerys'], year: 2017, journal: 'Journal of Social Policy',
        volume: '46', start: '301', end: '320' },
    ], 'scopus'));
    expect(review(['import', 'medline.ris', 'scopus.ris'], dir).code).toBe(0);

    const run = review(['dedupe', '--json'], dir);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      recordsIn: 4, duplicatesRemoved: { total: 1, byDatabase: { Scopus: 1 } }, uncertainPairs: 1, groups: [['PM1', 'SC1']],
    });

    // `review status` counts the records per stage, de-duplication included.
    expect(JSON.parse(review(['status', '--json'], dir).stdout).stages).toEqual([
      { stage: 'imported', records: 4 }, { stage: 'after de-duplication', records: 3 },
    ]);

    const text = review(['dedupe'], dir);
    expect(text.stdout).toMatch(/up to date/);
    expect(text.stdout).toMatch(/1 uncertain pair waits for a person/);

    const listing = review(['dedupe', '--review'], dir);
    expect(listing.stdout).toMatch(/Pair \d+: score 0\.\d\d \(fuzzy\)/);
    expect(listing.stdout).toMatch(/journal\s+≠ Voluntary Sector Review\s+Journal of Social Policy/);
    // Where each record came from: its database, and its file (never a file path shown as the database).
    expect(listing.stdout).toMatch(/\n  database  [ ≠] \S/);
    expect(listing.stdout).toMatch(/\n  file      [ ≠] \S+\.(ris|csv|xml|txt)\s/);

    const records = JSON.parse(review(['records', '--json'], dir).stdout) as Array<{ sourceKey: string; id: number; duplicateOf: number | null }>;
    const id = (key: string) => records.find((r) => r.sourceKey === key)!.id;
    expect(records.find((r) => r.sourceKey === 'SC1')!.duplicateOf).toBe(id('PM1'));

    // Spreadsheet workflow: export, fill in, import.
    expect(review(['dedupe', 'export', 'pairs.csv'], dir).stdout).toMatch(/Wrote 1 uncertain pair to/);
    const csv = readFileSync(join(dir, 'pairs.csv'), 'utf8');
    writeFileSync(join(dir, 'pairs.csv'), csv.replace(/\r\n(\d+),,/, '\r\n$1,different,'));
    expect(review(['dedupe', 'import', 'pairs.csv'], dir).stdout).toMatch(/1 decision applied \(0 merges, 0 splits\), 0 rows left blank/);
    expect(JSON.parse(review(['dedupe', '--json'], dir).stdout).uncertainPairs).toBe(0);
    // A bad file changes nothing; --json still gives JSON, with the problems by line, and a failing exit code.
    writeFileSync(join(dir, 'bad.csv'), 'pair,decision,record_a,record_b\n1,perhaps,1,2\n');
    const badFile = review(['dedupe', 'import', 'bad.csv', '--json'], dir);
    expect(badFile.code).toBe(1);
    expect(JSON.parse(badFile.stdout)).toEqual({ applied: [], skipped: 0, errors: [{ line: 2, message: expect.stringMatching(/same.*different/) }] });
    expect(review(['dedupe', 'import', 'bad.csv'], dir).stderr).toMatch(/bad\.csv: 1 problem, nothing applied:\n {2}line 2:/);

    // Decide a pair by record ids, then undo the group.
    const decided = review(['dedupe', 'decide', `${id('PM2')}-${id('SC2')}`, 'same', '--note', 'checked the PDFs'], dir);
    expect(decided.stdout).toMatch(/same; merged into group 2/);
    const group = JSON.parse(review(['dedupe', 'groups', '2', '--json'], dir).stdout);
    expect(group).toMatchObject({ status: 'active', rule: 'person' });
    expect(review(['dedupe', 'undo', '2'], dir).stdout).toMatch(/Group 2: released records/);
    expect(JSON.parse(review(['dedupe', '--json', '--full'], dir).stdout).groups).toEqual([['PM1', 'SC1']]);

    const log = JSON.parse(review(['dedupe', 'history', '--json'], dir).stdout) as Array<{ action: string }>;
    expect(log.map((h) => h.action)).toEqual(expect.arrayContaining(['run', 'group', 'decide', 'undo']));

    const bad = review(['dedupe', 'decide', '999', 'same'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no pair 999/);

    // A --limit that is not a number: a user error, not a SQLite "datatype mismatch".
    for (const args of [['dedupe', 'groups', '--limit', 'x'], ['dedupe', 'history', '--limit', 'x'], ['dedupe', '--review', '--limit', 'x']]) {
      const r = review(args, dir);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain('--limit expects a whole number, got "x"');
    }
  });
});
