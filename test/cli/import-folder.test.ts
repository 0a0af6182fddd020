/**
 * `review import <folder>` on a workspace's own imports/ folder (the README's
 * `review import imports/ --json`): the files that describe the exports
 * (README.md, sources.csv, EXPECTED.json) are not exports, and must not make
 * the import fail. Named explicitly, a file is still read whatever its name.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../helpers/tmp.js';

const BIN = resolve(__dirname, '../../bin/review.js');
const SAMPLE = resolve(__dirname, '../../imports');

function review(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const RIS = ['TY  - JOUR', 'TI  - Neighbourhood networks in Wales', 'AU  - Hughes, Sian', 'PY  - 2018',
  'DO  - 10.99999/nn.2018', 'ER  - ', ''].join('\n');

describe('review import <folder>', () => {
  it('skips the workspace metadata files of a folder (README.md, sources.csv, EXPECTED.json) and exits 0', () => {
    const dir = tempDir();
    const ws = join(dir, 'ws');
    expect(review(['init', ws], dir).code).toBe(0); // writes imports/README.md
    writeFileSync(join(ws, 'imports', 'hits.ris'), RIS);
    // The sample's own metadata files: its README mentions <PubmedArticle>, EXPECTED.json is JSON.
    for (const name of ['README.md', 'sources.csv', 'EXPECTED.json']) copyFileSync(join(SAMPLE, name), join(ws, 'imports', name));

    const r = review(['import', 'imports', '--json'], ws);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout).files as Array<{ path: string; status: string; records: number }>;
    expect(files.map((f) => [f.path, f.status, f.records])).toEqual([[join('imports', 'hits.ris'), 'imported', 1]]);
  });

  it('still reads a file named on the command line, whatever its name', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sources.csv'), 'ID,title,author,year,doi\n1,Community anchors,"Hughes, S",2019,10.99999/ca.2019\n');
    const r = review(['import', 'sources.csv', '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ path: 'sources.csv', status: 'imported', records: 1 });
  });

  it('says how to name the database of a database search whose file names none (not for other sources)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hits.ris'), RIS);
    writeFileSync(join(dir, 'web.ris'), RIS.replace('Neighbourhood', 'Community'));
    expect(review(['import', 'hits.ris'], dir).stdout).toMatch(/note: the file names no database.*--database/);
    expect(review(['import', 'web.ris', '--method', 'website'], dir).stdout).not.toMatch(/names no database/);
    writeFileSync(join(dir, 'cinahl.ris'), RIS.replace('Neighbourhood', 'Village'));
    const named = review(['import', 'cinahl.ris', '--database', 'CINAHL'], dir);
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/imported .*CINAHL/);
    expect(named.stdout).not.toMatch(/names no database/);
  });
});
