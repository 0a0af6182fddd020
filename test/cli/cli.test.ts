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
    expect(first.stdout).toMatch(/imported\s+imports\/hits\.ris: 1 records/);
    const report = readFileSync(join(ws, 'reports', 'imports.md'), 'utf8');
    expect(report).toContain('| Social Policy and Practice | database | 1 |');

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

describe('README', () => {
  it('documents every registered format and every command', async () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const { FORMATS } = await import('../../src/ingest/formats/index.js');
    for (const f of FORMATS) expect(readme, `format ${f.name}`).toContain(`\`${f.name}\``);
    for (const c of buildProgram().commands) expect(readme, `command ${c.name()}`).toContain(`review ${c.name()}`);
  });
});
