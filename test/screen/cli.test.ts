import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildProgram } from '../../src/cli/program.js';
import { openDatabase } from '../../src/store/db.js';
import { DEFAULT_CRITERIA_PATH } from '../../src/criteria/format.js';
import { tempDir } from '../helpers/tmp.js';
import { seedRecords } from './helpers.js';

const BIN = resolve(__dirname, '../../bin/review.js');

/** Run `review …` in this process (as bin/review.js does, without paying a process start per command). */
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true)),
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (stdout += `${a.join(' ')}\n`)),
  ];
  process.exitCode = undefined;
  let code = 0;
  try {
    await buildProgram().exitOverride().parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    stderr += `review: ${(e as Error).message}\n`; // what src/cli/main.ts prints
    code = 1;
  } finally {
    for (const s of spies) s.mockRestore();
    process.exitCode = undefined;
  }
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

function workspace(records = 4) {
  const root = join(tempDir(), 'ws');
  mkdirSync(join(root, 'queries'), { recursive: true });
  copyFileSync(DEFAULT_CRITERIA_PATH, join(root, 'queries', 'criteria.conf'));
  const db = openDatabase(join(root, 'review.sqlite'));
  const ids = seedRecords(db, Array.from({ length: records }, (_, i) => ({ year: i === records - 1 ? 2009 : 2018 })), { path: 'imports/search.ris' });
  db.close();
  return { root, ids, review: (...args: string[]) => run([...args, '--dir', root]) };
}

describe('screening commands (end to end)', () => {
  it('reviewers, criteria check, decide, conflicts, resolve, agreement, history, status', async () => {
    const { ids, review } = workspace();
    expect((await review('reviewer', 'add', 'Sian Hughes', '--lead')).stdout).toContain('Added reviewer Sian Hughes (lead).');
    expect((await review('reviewer', 'add', 'Dafydd')).code).toBe(0);
    // Re-adding with --lead promotes: say so (it is a change), and say nothing changed only when nothing did.
    expect((await review('reviewer', 'add', 'Dafydd', '--lead')).stdout).toBe('Dafydd is now a lead.\n');
    expect((await review('reviewer', 'add', 'Dafydd', '--lead')).stdout).toBe('Dafydd is already a reviewer (lead); nothing changed.\n');
    expect((await review('reviewer', 'list', '--json')).json().map((r: { name: string }) => r.name)).toEqual(['Sian Hughes', 'Dafydd']);

    const check = (await review('criteria', 'check', '--json')).json();
    expect(check).toMatchObject({ checked: 4, excluded: 1, records: [{ recordId: ids[3], code: 'EX-DATE' }] });
    expect((await review('criteria', 'show')).stdout).toContain('EX-SETTING  Setting');

    expect((await review('decide', String(ids[0]), 'include', '--reviewer', 'Dafydd')).stdout).toContain(`Record ${ids[0]} at title/abstract: include by Dafydd.`);
    const second = (await review('decide', String(ids[0]), 'exclude', '--reviewer', 'Sian Hughes', '--reason', 'EX-SETTING', '--json')).json();
    expect(second.view).toMatchObject({ unblinded: true, outcome: 'conflict', others: [{ reviewer: 'Dafydd', decision: 'include' }] });
    // Dafydd's view of a record only Sian has decided shows nothing of hers.
    await review('decide', String(ids[1]), 'exclude', '--reviewer', 'Sian Hughes', '--reason', 'EX-OUTCOME');
    expect((await review('history', String(ids[1]), '--reviewer', 'Dafydd', '--json')).json()).toMatchObject({ decisions: [], hidden: 1 });
    expect((await review('history', String(ids[1]))).stdout).toContain('1 decision hidden');

    expect((await review('conflicts', '--json')).json().conflicts).toEqual([expect.objectContaining({ recordId: ids[0], kind: 'disagree' })]);
    expect((await review('resolve', String(ids[0]), 'include', '--by', 'Sian Hughes', '--reason', 'reports community outcomes')).stdout)
      .toContain(`Record ${ids[0]} at title/abstract resolved: include by Sian Hughes (consensus).`);
    expect((await review('conflicts')).stdout).toContain('No unresolved conflicts.');

    const agreement = (await review('agreement', '--json')).json();
    expect(agreement.pairs).toEqual([expect.objectContaining({ stage: 'title-abstract', reviewers: ['Sian Hughes', 'Dafydd'], n: 1, agreement: 0 })]);
    expect(Object.keys(agreement.pairs[0])).toEqual(expect.arrayContaining(['stage', 'reviewers', 'n', 'agreement', 'kappa', 'kappaCI', 'ac1', 'pabak']));

    const history = (await review('history', String(ids[0]), '--json')).json();
    expect(history.decisions.map((d: { reviewer: string; decision: string }) => `${d.reviewer}:${d.decision}`)).toEqual(['Dafydd:include', 'Sian Hughes:exclude']);
    expect(history.resolutions).toEqual([expect.objectContaining({ decision: 'include', by: 'Sian Hughes', note: 'reports community outcomes' })]);

    const status = (await review('status', '--json')).json();
    expect(status.screening.stages[0]).toMatchObject({ stage: 'title-abstract', records: 4, autoExcluded: 1, included: 1, conflicts: 1, unresolved: 0 });
    expect(status.screening.stages[0].reviewers).toEqual([
      { reviewer: 'Sian Hughes', screened: 2, remaining: 1, conflicts: 1, unresolved: 0 },
      { reviewer: 'Dafydd', screened: 1, remaining: 2, conflicts: 1, unresolved: 0 },
    ]);
    expect((await review('status')).stdout).toMatch(/Screening:[\s\S]*title-abstract\s+Dafydd\s+1\s+2\s+1\s+0/);
  });

  it('decide warns on stderr (and in --json) when the full-text report is marked not retrieved', async () => {
    const { ids, review } = workspace(2);
    await review('reviewer', 'add', 'alice');
    await review('reviewer', 'add', 'bob');
    await review('decide', String(ids[0]), 'include', '--reviewer', 'alice');
    await review('decide', String(ids[0]), 'include', '--reviewer', 'bob');
    const ft = await review('fulltext', String(ids[0]), '--not-retrieved', 'author did not reply');
    expect(ft.stderr).toBe('');
    expect(ft.code).toBe(0);
    const r = await review('decide', String(ids[0]), 'include', '--reviewer', 'alice', '--stage', 'full-text');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: record \d+'s report is marked not retrieved \(author did not reply\)/m);
    const again = (await review('decide', String(ids[0]), 'exclude', '--reviewer', 'alice', '--stage', 'full-text', '--reason', 'EX-SETTING', '--json')).json();
    expect(again.warnings).toEqual([expect.stringContaining('counts it as assessed')]);
  });

    it('fails with a clear message and a non-zero exit on bad input, writing nothing', async () => {
    const { root, ids, review } = workspace(2);
    await review('reviewer', 'add', 'alice');
    const cases: Array<[string[], RegExp]> = [
      [['decide', String(ids[0]), 'include', '--reviewer', 'eve'], /unknown reviewer "eve"/],
      [['decide', '999', 'include', '--reviewer', 'alice'], /record 999 cannot be screened/],
      [['decide', 'abc', 'include', '--reviewer', 'alice'], /"abc" is not a record id/],
      [['decide', String(ids[0]), 'exclude', '--reviewer', 'alice', '--reason', 'EX-WHAT'], /unknown reason "EX-WHAT"/],
      [['decide', String(ids[0]), 'include', '--reviewer', 'alice', '--stage', 'ft'], /not been included at title\/abstract/],
      [['resolve', String(ids[0]), 'include', '--by', 'alice'], /no unresolved conflict; say which stage/],
      // A wrong decision is reported as such, not as a missing --stage.
      [['resolve', String(ids[0]), 'maybe', '--by', 'alice', '--reason', 'x'], /a resolution settles the record: include or exclude/],
      [['resolve', String(ids[0]), 'inclde', '--by', 'alice', '--reason', 'x'], /unknown decision "inclde"/],
      [['reviewer', 'unblind', '--by', 'alice'], /alice is not a lead/],
      [['criteria', 'override', '999', '--by', 'alice'], /no record with id 999/],
      [['criteria', 'override', String(ids[0]), '--by', 'alice'], /is not excluded by the criteria check/],
      [['fulltext', String(ids[0]), '--retrieved', 'x.pdf'], /not been included at title\/abstract/],
    ];
    for (const [args, message] of cases) {
      const r = await review(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
    }
    const db = openDatabase(join(root, 'review.sqlite'));
    expect(db.prepare('SELECT COUNT(*) FROM decisions').pluck().get()).toBe(0);
    db.close();
    // The installed command: same message, exit code 1.
    const real = spawnSync(process.execPath, [BIN, 'decide', String(ids[0]), 'include', '--reviewer', 'eve', '--dir', root], { encoding: 'utf8' });
    expect(real.status).toBe(1);
    expect(real.stderr).toMatch(/^review: unknown reviewer "eve"/);
  });

  it('exports everything for a lead, withholds blinded decisions otherwise, and imports into a fresh workspace', async () => {
    const a = workspace(3);
    await a.review('reviewer', 'add', 'Lea', '--lead');
    await a.review('reviewer', 'add', 'alice');
    await a.review('decide', String(a.ids[0]), 'include', '--reviewer', 'alice');
    const out = join(a.root, 'decisions.csv');
    const blinded = await a.review('decisions', 'export');
    expect(blinded.stderr).toContain('1 blinded rows left out');
    expect(blinded.stdout).not.toContain(',alice,title-abstract,include');
    expect((await a.review('decisions', 'export', '--by', 'Lea', '--out', out)).stderr).toContain('wrote');
    expect(readFileSync(out, 'utf8')).toContain(',alice,title-abstract,include');

    const b = workspace(3);
    expect((await b.review('decisions', 'import', out, '--json')).json()).toMatchObject({ format: 'native', written: 3, byKind: { reviewer: 2, decision: 1 } });
    expect((await b.review('decisions', 'import', out)).stdout).toContain('0 written, 3 already there');
    expect((await b.review('status', '--json')).json().screening).toEqual((await a.review('status', '--json')).json().screening);
  });
});
