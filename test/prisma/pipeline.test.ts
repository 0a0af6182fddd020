import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { writePrismaReports } from '../../src/prisma/pipeline.js';
import { listStudies } from '../../src/extract/studies.js';
import { initWorkspace, workspaceAt } from '../../src/workspace/workspace.js';
import { tempDir } from '../helpers/tmp.js';
import { scriptedReview } from './scripted.js';

describe('writePrismaReports (the end of `review run`)', () => {
  it('writes the diagram (en, cy), the extraction template and the included studies; a second run rewrites nothing', () => {
    const dir = join(tempDir(), 'ws');
    initWorkspace(dir);
    const ws = workspaceAt(dir);
    const s = scriptedReview({ path: ws.database });
    const first = writePrismaReports(s.db, ws);
    expect(first.map((r) => [r.path.slice(ws.reports.length + 1), r.changed])).toEqual([
      ['prisma.svg', true], ['prisma.html', true], ['prisma.cy.svg', true], ['extraction-template.csv', true], ['included-studies.md', true],
    ]);
    expect(writePrismaReports(s.db, ws).every((r) => !r.changed)).toBe(true);

    expect(readFileSync(join(ws.reports, 'prisma.svg'), 'utf8')).toContain('Records screened (databases and registers): 44.');
    expect(readFileSync(join(ws.reports, 'prisma.cy.svg'), 'utf8')).toContain('Cyfeiriadau a sgriniwyd (cronfeydd data a chofrestrau): 44.');
    expect(readFileSync(join(ws.reports, 'prisma.html'), 'utf8')).toContain('Every arrow adds up.');

    // Included studies come from screening: 8 included reports, two of them one study.
    const included = listStudies(s.db);
    expect(included).toHaveLength(7);
    expect(included.every((x) => x.origin === 'screening' && x.included)).toBe(true);
    expect(included.find((x) => x.reports.length > 0)!.reports).toHaveLength(1);
    const template = parse(readFileSync(join(ws.reports, 'extraction-template.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(template.map((r) => r.study)).toEqual(included.map((x) => x.key));
    expect(readFileSync(join(ws.reports, 'included-studies.md'), 'utf8')).toMatch(/^# Included studies \(7\)\n\n## Characteristics of included studies\n\n_No extracted studies yet._/);
  });
});
