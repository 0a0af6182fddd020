import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildProgram } from '../../src/cli/program.js';
import { tempDir } from '../helpers/tmp.js';

const ROOT = resolve(__dirname, '../..');
const q = (name: string) => join(ROOT, 'queries', name);

/** Run `review …` in this process (fast), capturing its output and exit code. */
async function review(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(`${a.join(' ')}\n`));
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(['node', 'review', ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { code, stdout: out.join(''), stderr: err.join('') };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('review query', () => {
  it('lint: the verbatim EBSCO file exits 1 on its unbalanced parenthesis, with a caret (real process)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/review.js'), 'query', 'lint', 'queries/ebsco.txt'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('queries/ebsco.txt:18:61: error unbalanced-parens [block B]: this "(" is never closed');
    expect(r.stdout).toContain(`\n    ${' '.repeat(60)}^\n`);
  });

  it('lint --json', async () => {
    const r = await review(['query', 'lint', q('scopus.txt'), '--json', '--dir', ROOT]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ rule: string; file: string }>).map((f) => `${f.file} ${f.rule}`)).toContain('queries/scopus.txt duplicate-term');
  });

  it('translate says on stderr when it had to repair the source (an unclosed parenthesis)', async () => {
    const r = await review(['query', 'translate', q('ebsco.txt'), '--to', 'scopus', '--dir', ROOT]);
    expect(r.stdout).toContain('(community W/2 (manag* OR run OR own* OR control* OR driven OR orient*))');
    expect(r.stderr).toContain('18:61: error unbalanced-parens [block B]: this "(" is never closed in the source; translated as read');
    const clean = await review(['query', 'translate', q('scopus.txt'), '--to', 'ovid', '--dir', ROOT]);
    expect(clean.stderr).not.toContain('error');
  });

  it('compare --json gives [{block, kind, a, b, message}]', async () => {
    const r = await review(['query', 'compare', q('ebsco.txt'), q('scopus.txt'), '--json', '--dir', ROOT]);
    const diffs = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(diffs[0]).sort()).toEqual(['a', 'b', 'block', 'kind', 'message']);
    expect(diffs.filter((d) => d.kind === 'distance-changed').map((d) => d.block)).toEqual(['E', 'F']);
    const text = await review(['query', 'compare', q('ebsco.txt'), q('ovid-spp.txt'), '--dir', ROOT]);
    expect(text.stdout).toContain('  distance-changed: N2 and ADJ2 look alike but count differently: N2 allows ≤2 words between, ADJ2 allows ≤1 word between');
    // A file against itself: its own defects are listed, but they are not differences.
    const same = await review(['query', 'compare', q('ebsco.txt'), q('ebsco.txt'), '--dir', ROOT]);
    expect(same.stdout).toMatch(/\nNo difference in meaning; 6 defect\(s\) in both versions\.\n$/);
  });

  it('parse prints the tree, or the located error with exit code 1', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.txt'), 'TS=(quantum AND dot OR spin))\n');
    const bad = await review(['query', 'parse', join(dir, 'bad.txt'), '--dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('1:29: error unbalanced-parens: this ")" closes no "("\n    TS=(quantum AND dot OR spin))\n    ' + ' '.repeat(28) + '^');
    const good = await review(['query', 'parse', q('scopus.txt'), '--dir', ROOT]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Block C. Sectorau eraill (line 20)\n  OR\n    NEAR ≤2 between, any order (w/2)');
  });

  it('translate writes the target dialect to stdout and the warnings to stderr', async () => {
    const t = await review(['query', 'translate', q('ovid-spp.txt'), '--to', 'scopus', '--dir', ROOT]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('(community W/1 (manag* OR run OR own* OR control* OR driven OR orient*))');
    expect(t.stderr).toContain('proximity-renumbered');
    expect((await review(['query', 'translate', q('ovid-spp.txt'), '--to', 'google', '--dir', ROOT])).code).toBe(1);
  });

  it('run and explain on a workspace', async () => {
    const dir = tempDir();
    const ws = join(dir, 'w');
    await review(['init', ws]);
    writeFileSync(join(ws, 'imports', 'hits.ris'), ['TY  - JOUR', 'TI  - Community action and wellbeing: a scoping review of local government partnership', 'AB  - Social networks, collective action and the voluntary sector.', 'ER  - ', ''].join('\n'));
    expect((await review(['import', join(ws, 'imports', 'hits.ris'), '--dir', ws, '--database', 'Scopus'])).code).toBe(0);
    const run = JSON.parse((await review(['query', 'run', '--dir', ws, '--json'])).stdout) as Array<{ file: string; combination: { hits: number } }>;
    expect(run.map((r) => [r.file, r.combination.hits])).toEqual([['queries/ebsco.txt', 1], ['queries/ovid-spp.txt', 1], ['queries/scopus.txt', 1]]);
    const text = (await review(['query', 'run', '--dir', ws])).stdout;
    expect(text).toContain('queries/scopus.txt (scopus): 1 record, fields title, abstract, keywords (unchanged since the last run)');
    const explain = await review(['query', 'explain', '1', join(ws, 'queries', 'scopus.txt'), '--dir', ws]);
    expect(explain.stdout).toContain('✓ C Sectorau eraill');
    expect(explain.stdout).toMatch(/proximity \(\(local OR city.*→ title @8: "local government"\n/);
    expect((await review(['query', 'explain', '99', '--dir', ws])).code).toBe(1);
  });
});
