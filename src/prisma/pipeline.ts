/**
 * What `review run` writes for PRISMA and extraction: the flow diagram in
 * English (SVG, HTML) and Welsh (SVG), the extraction template for the
 * included studies and the table of included studies. A file is written only
 * when its content changed, so a second run rewrites nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../store/db.js';
import type { Workspace } from '../workspace/workspace.js';
import { loadCriteria, type Criteria } from '../criteria/format.js';
import { loadForm } from '../extract/form.js';
import { listStudies } from '../extract/studies.js';
import { characteristicsTable, codingMatrix, renderTables } from '../extract/table.js';
import { templateCsv } from '../extract/template.js';
import { currentValues } from '../extract/values.js';
import { buildReport, prismaHtml, prismaSvg } from './report.js';

export interface ReportWrite {
  path: string;
  changed: boolean;
}

function writeIfChanged(path: string, content: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return false;
  writeFileSync(path, content);
  return true;
}

export function criteriaOf(ws: Workspace): Criteria | undefined {
  try {
    return loadCriteria(ws.queries);
  } catch {
    // A broken criteria file is reported by the screening commands; here it only costs reason labels.
    return undefined;
  }
}

/** The contents of the PRISMA and extraction reports, by file name under reports/. */
export function prismaReportFiles(db: DB, ws: Workspace): Record<string, string> {
  const report = buildReport(db, { criteria: criteriaOf(ws) });
  const form = loadForm(ws.queries);
  const studies = listStudies(db);
  const values = currentValues(db);
  const frames = [...new Set(form.fields.map((f) => f.frame).filter((f): f is string => !!f))].map((name) => form.frames.get(name)!);
  return {
    'prisma.svg': prismaSvg(report, 'en'),
    'prisma.html': prismaHtml(report, 'en'),
    'prisma.cy.svg': prismaSvg(report, 'cy'),
    'extraction-template.csv': templateCsv(form, studies, values),
    'included-studies.md': renderTables(
      [characteristicsTable(form, studies, values), ...frames.map((f) => codingMatrix(form, f, studies, values))],
      'md',
      `Included studies (${studies.length})`,
    ),
  };
}

/** Write the PRISMA and extraction reports of a workspace into its reports/ folder. */
export function writePrismaReports(db: DB, ws: Workspace): ReportWrite[] {
  mkdirSync(ws.reports, { recursive: true });
  return Object.entries(prismaReportFiles(db, ws)).map(([name, content]) => {
    const path = join(ws.reports, name);
    return { path, changed: writeIfChanged(path, content) };
  });
}
