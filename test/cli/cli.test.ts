import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
import { tempDir } from '../helpers/tmp.js';

const BIN = resolve(__dirname, '../../bin/review.js');

function review(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const RIS = ['TY  - JOUR', 'TI  - Neighbourhood networks in Wales', 'AU  - Hughes, Sian', 'PY  - 2018',
  'DO  - https://doi.org/10.99999/NN.2018', 'ER  - ', ''].join('\n');

describe('every command teaches', () => {
  const walk = (c: Command): Command[] => [c, ...c.commands.flatMap(walk)];
  for (const command of walk(buildProgram()).slice(1)) {
    it(`${command.name()} has a description and an example in --help`, () => {
      expect(command.description().length).toBeGreaterThan(10);
      let help = '';
      command.configureOutput({ writeOut: (s) => (help += s) });
      command.outputHelp();
      expect(help).toMatch(/Examples?:\n\s+\$ review /);
    });
  }
});

describe('review CLI (end to end)', () => {
  it('init, run twice (idempotent), status, records, import --json', () => {
    const dir = tempDir();
    const ws = join(dir, 'my-review');
    expect(review(['init', ws], dir).code).toBe(0);
    expect(existsSync(join(ws, 'queries', 'ebsco.txt'))).toBe(true);
    writeFileSync(join(ws, 'imports', 'hits.ris'), RIS);
    writeFileSync(join(ws, 'imports', 'sources.csv'), 'file,database,interface,searched,method\nhits.ris,Social Policy and Practice,Ovid,2023-02-10,database\n');

    const first = review(['run', '--dir', ws], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/imported\s+imports\/hits\.ris: 1 record \(/);
    const report = readFileSync(join(ws, 'reports', 'imports.md'), 'utf8');
    // The warnings counted are records' (not files'): say so.
    expect(report).toMatch(/^1 record from 1 file \(\d+ records? with warnings: see/m);
    expect(report).toContain('| Social Policy and Practice | database | 1 |');

    // Defects as `review query lint` counts them: errors and warnings; notes apart.
    const lint = JSON.parse(review(['query', 'lint', '--dir', ws, '--json'], dir).stdout) as Array<{ severity: string }>;
    const notes = lint.filter((f) => f.severity === 'info').length;
    expect(notes).toBeGreaterThan(0);
    const errors = lint.filter((f) => f.severity === 'error').length;
    expect(first.stdout).toContain(`   ${lint.length - notes} defects in the documented strings (${errors} error${errors === 1 ? '' : 's'}), ${notes} notes,`);

    const second = review(['run', '--dir', ws], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing changed');

    const status = JSON.parse(review(['status', '--dir', ws, '--json'], dir).stdout);
    expect(status.database).toBe(join(ws, 'review.sqlite'));
    expect(status.files[0]).toMatchObject({ path: 'imports/hits.ris', searchedOn: '2023-02-10', records: 1 });

    const records = JSON.parse(review(['records', '--dir', ws, '--json'], dir).stdout);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: 1, title: 'Neighbourhood networks in Wales', doi: '10.99999/nn.2018', year: 2018 });

    const again = review(['import', join(ws, 'imports', 'hits.ris'), '--dir', ws, '--json'], dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({ status: 'already-imported', records: 1, format: 'ris' });
  });

  it('exits non-zero with a located error when a file fails, and writes nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'not an export\n');
    const r = review(['import', 'notes.txt', '--json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.files[0].status).toBe('failed');
    expect(out.files[0].errors[0].message).toMatch(/cannot tell which export format/);
    expect(JSON.parse(review(['status', '--json'], dir).stdout).totals.records).toBe(0);
  });

  it('rejects a badly written search date before importing anything', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hits.ris'), RIS);
    const r = review(['import', 'hits.ris', '--searched', '10/02/2023'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/YYYY-MM-DD/);
  });
});

describe('review run: criteria check', () => {
  it('says how many of the records automation marked are with people (decided or overridden)', () => {
    const dir = tempDir();
    const ws = join(dir, 'ws');
    expect(review(['init', ws], dir).code).toBe(0);
    writeFileSync(join(ws, 'imports', 'hits.ris'), RIS + RIS.replace('Neighbourhood networks', 'Old networks').replace('2018', '2009').replace('NN.2018', 'NN.2009'));
    expect(review(['run', '--dir', ws], dir).stdout).toMatch(/criteria check: 1 record marked ineligible by automation\n/);
    expect(review(['reviewer', 'add', 'Sian Hughes', '--dir', ws], dir).code).toBe(0);
    expect(review(['criteria', 'override', '2', '--by', 'Sian Hughes', '--dir', ws], dir).code).toBe(0);
    expect(review(['run', '--dir', ws], dir).stdout)
      .toContain('criteria check: 1 record marked ineligible by automation (1 of them with people: decided or overridden)');
  });
});

describe('located import messages', () => {
  it('names the line and the record once when the reader\'s message already starts with them', async () => {
    const { located } = await import('../../src/cli/commands/import.js');
    expect(located('a.isi', { severity: 'warning', code: 'wos/x', line: 416, record: 6, message: 'line 416: tag AU has no space' }))
      .toBe('a.isi: record 6: line 416: tag AU has no space');
    expect(located('a.isi', { severity: 'warning', code: 'wos/x', line: 41, record: 6, message: 'line 416: something else' }))
      .toBe('a.isi: line 41, record 6: line 416: something else');
    expect(located('a.ris', { severity: 'error', code: 'ris/x', line: 3, message: 'untagged line' })).toBe('a.ris: line 3: untagged line');
    expect(located('a.xml', { severity: 'error', code: 'pubmed/x', line: 4, record: 1, message: 'record 1: <PubmedArticle> opened at line 4 is not closed' }))
      .toBe('a.xml: line 4: record 1: <PubmedArticle> opened at line 4 is not closed');
    expect(located('a.xml', { severity: 'error', code: 'pubmed/x', line: 4, record: 1, message: 'record 12: no PMID' }))
      .toBe('a.xml: line 4, record 1: record 12: no PMID');
  });
});

describe('a mistyped --dir', () => {
  it('is an error, not a new empty review created on the spot', () => {
    const dir = tempDir();
    const r = review(['status', '--dir', 'no-such-review'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no review workspace at');
    expect(existsSync(join(dir, 'no-such-review'))).toBe(false);
  });
});

describe('review records', () => {
  it('rejects a --limit or --offset that is not a whole number, instead of a SQLite error', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hits.ris'), RIS);
    expect(review(['import', 'hits.ris'], dir).code).toBe(0);
    const bad = review(['records', '--limit', 'ten'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--limit expects a whole number, got "ten"');
    expect(review(['records', '--offset', '-1'], dir).stderr).toContain('--offset expects a whole number');
    expect(review(['records', '--limit', '1', '--offset', '0'], dir).code).toBe(0);
  });
});

describe('piping into head', () => {
  it('stops quietly when the reader closes the pipe (no EPIPE stack trace)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'lines.txt'), Array.from({ length: 3000 }, (_, i) => `${i + 1}. term${i + 1}`).join('\n'));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" query parse lines.txt | head -1`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toMatch(/strategy of 3000 lines/);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });
});

describe('README', () => {
  it('documents every registered format and every command', async () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const { FORMATS } = await import('../../src/ingest/formats/index.js');
    for (const f of FORMATS) expect(readme, `format ${f.name}`).toContain(`\`${f.name}\``);
    for (const c of buildProgram().commands) expect(readme, `command ${c.name()}`).toContain(`review ${c.name()}`);
  });
});
