import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareReported, comparisonText, parseExpression, readReported } from '../../src/prisma/expect.js';
import { buildReport } from '../../src/prisma/report.js';
import { tempDir } from '../helpers/tmp.js';
import { scriptedReview } from './scripted.js';

const BIN = resolve(__dirname, '../../bin/review.js');
const REFERENCE = resolve(__dirname, '../../queries/prisma-reported.json');

/** The scripted review's true figures, in the reference file's shape. */
const figures = (screened: number) => ({
  review: 'scripted review',
  figures: [
    { id: 'screened-all', label: 'Records screened, all sources', reported: screened, derived: 'records_screened + other_records_screened' },
    { id: 'screened-databases', label: 'from databases', reported: 44, derived: 'records_screened' },
    { id: 'fulltext-assessed', label: 'Full texts assessed', reported: 16, derived: 'dbr_assessed + other_assessed' },
    { id: 'excluded', label: 'Full texts excluded', reported: 8, derived: 'dbr_excluded + other_excluded' },
    { id: 'included', label: 'Studies included', reported: 7, derived: 'new_studies' },
  ],
});

describe('--expect: reported vs derived', () => {
  it('the reference review\'s reported figures are in queries/: 718 = 641 + 77, 137, 46', () => {
    const file = readReported(REFERENCE);
    expect(file.figures.map((f) => [f.id, f.reported, f.derived])).toEqual([
      ['screened-all', 718, 'records_screened + other_records_screened'],
      ['screened-databases', 641, 'records_screened'],
      ['screened-other', 77, 'other_records_screened'],
      ['fulltext-assessed', 137, 'dbr_assessed + other_assessed'],
      ['included', 46, 'new_studies'],
    ]);
  });

  it('agrees when every figure is derived and equal; names the ones that differ or are n/a', () => {
    const s = scriptedReview();
    const report = buildReport(s.db, { criteria: s.criteria });
    expect(compareReported(report, figures(54)).agree).toBe(true);
    const bad = compareReported(report, figures(55));
    expect(bad.agree).toBe(false);
    expect(bad.figures[0]).toMatchObject({ status: 'differ', reported: 55, value: 54 });
    expect(comparisonText(bad)).toMatch(/Records screened, all sources\s+55\s+54\s+records_screened \+ other_records_screened\s+differs by -1/);

    const reference = compareReported(report, readReported(REFERENCE));
    expect(reference.figures.map((f) => [f.reported, f.value])).toEqual([[718, 54], [641, 44], [77, 10], [137, 16], [46, 7]]);
    expect(reference.agree).toBe(false);
  });

  it('a missing file is reported as missing, a broken one as not valid JSON', () => {
    const dir = tempDir();
    expect(() => readReported(join(dir, 'nope.json'))).toThrow(/nope\.json: cannot read it \(no such file\)/);
    writeFileSync(join(dir, 'bad.json'), '{"figures": [');
    expect(() => readReported(join(dir, 'bad.json'))).toThrow(/bad\.json: not valid JSON/);
  });

  it('an expression naming something that is not a box is rejected with its figure', () => {
    expect(() => parseExpression('records_screend + 2', 'figure screened')).toThrow(/figure screened: "records_screend" is not a PRISMA box/);
    expect(() => parseExpression('records_screened +', 'x')).toThrow(/incomplete/);
    expect(parseExpression('dbr_assessed − 3', 'x')).toEqual([{ sign: 1, name: 'dbr_assessed' }, { sign: -1, number: 3 }]);
  });

  it('review prisma --expect exits 0 only when the figures agree (end to end)', () => {
    const ws = tempDir();
    mkdirSync(join(ws, 'queries'));
    scriptedReview({ path: join(ws, 'review.sqlite') }).db.close();
    writeFileSync(join(ws, 'agree.json'), JSON.stringify(figures(54)));
    writeFileSync(join(ws, 'differ.json'), JSON.stringify(figures(718)));
    const elsewhere = tempDir(); // the working folder is not the workspace: every command must use --dir
    const review = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: elsewhere });
    const run = (file: string) => review(['prisma', '--dir', ws, '--expect', file]);
    const ok = run(join(ws, 'agree.json'));
    expect(ok.stdout).toContain('All 5 reported figures agree with the derived counts.');
    expect(ok.status).toBe(0);
    const no = run(join(ws, 'differ.json'));
    expect(no.stdout).toMatch(/Records screened, all sources\s+718\s+54 .*differs by -664/);
    expect(no.stdout).toContain('4 of 5 reported figures agree; 1 do not');
    expect(no.status).toBe(1);

    // The same database renders to a file, in Welsh, format from the extension.
    const out = join(ws, 'prisma.cy.svg');
    expect(review(['prisma', '--dir', ws, '--lang', 'cy', '--out', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Cyfeiriadau a sgriniwyd');

    // A manual entry after the subcommand name still goes to --dir's database (and nowhere else).
    const added = review(['prisma', 'manual', 'add', 'previous_studies', '46', '--reason', 'Figure 1', '--by', 'Sian Hughes', '--dir', ws, '--json']);
    expect(added.status).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 2, box: 'previous_studies', n: 46 });
    expect(existsSync(join(elsewhere, 'review.sqlite'))).toBe(false);
  });
});
