import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { openDatabase } from '../../src/store/db.js';
import { addReviewer } from '../../src/screen/reviewers.js';
import { stageStates } from '../../src/screen/state.js';
import { setup } from './helpers.js';

const ROOT = resolve(__dirname, '../..');
const WORKER = resolve(__dirname, 'fixtures/decide-worker.ts');
const N = 300;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('two reviewers screening at the same time on one database file', () => {
  it(`two processes writing ${N} decisions each (and the same ${N / 3} for a third reviewer) lose and duplicate none`, async () => {
    const { db, ids, path } = setup(N);
    addReviewer(db, 'carol');
    db.close();
    const [first, last] = [ids[0], ids[N - 1]];
    const shared = ids.filter((_, i) => i % 3 === 1).join(',');
    const startAt = String(Date.now() + 1500); // both processes loaded before either writes
    const [a, b] = await Promise.all([
      run([path, 'alice', startAt, String(first), String(last), shared]),
      run([path, 'bob', startAt, String(first), String(last), shared]),
    ]);
    expect(a.stderr + b.stderr).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    const ra = JSON.parse(a.stdout);
    const rb = JSON.parse(b.stdout);
    expect([ra.written, rb.written]).toEqual([N, N]);
    // Each of carol's decisions was written by exactly one of the two processes; the other saw it there.
    expect(ra.sharedWritten + rb.sharedWritten).toBe(N / 3);
    expect(ra.sharedUnchanged + rb.sharedUnchanged).toBe(N / 3);

    const check = openDatabase(path);
    const perKey = check.prepare(`SELECT v.name, d.record_id, COUNT(*) AS n FROM decisions d JOIN reviewers v ON v.id = d.reviewer_id
      GROUP BY v.name, d.record_id`).all() as Array<{ name: string; record_id: number; n: number }>;
    expect(perKey.every((k) => k.n === 1)).toBe(true);
    const count = (name: string) => perKey.filter((k) => k.name === name).length;
    expect([count('alice'), count('bob'), count('carol')]).toEqual([N, N, N / 3]);
    const states = [...stageStates(check, 'title-abstract').values()];
    expect(states.filter((s) => s.outcome === 'include').length + states.filter((s) => s.outcome === 'exclude').length).toBe(N - N / 3);
    expect(states.filter((s) => s.outcome === 'conflict').length).toBe(N / 3); // carol's unsure makes those a conflict
    expect(check.pragma('quick_check', { simple: true })).toBe('ok');
    // The writes really did interleave (the two processes took turns many times).
    const sources = check.prepare('SELECT source FROM decisions ORDER BY id').pluck().all() as string[];
    const switches = sources.filter((s, i) => i > 0 && s !== sources[i - 1]).length;
    expect(switches).toBeGreaterThan(20);
    check.close();
  }, 60_000);
});
