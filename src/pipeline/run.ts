/**
 * The main job (`npm start` = `review run`): every stage that exists, over a
 * workspace, end to end. Idempotent: a second run imports nothing new and
 * rewrites no report whose content is unchanged.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DB } from '../store/db.js';
import { expandPaths, importFile, type FileImportResult } from '../ingest/import.js';
import { importSummary } from '../ingest/summary.js';
import { importsJson, importsMarkdown } from '../report/imports.js';
import { IMPORTS_METADATA, readSources, sourceOptions, type Workspace } from '../workspace/workspace.js';

export interface ReportWrite {
  path: string;
  changed: boolean;
}

export interface RunResult {
  imports: FileImportResult[];
  reports: ReportWrite[];
  /** True when the run changed the database or any report. */
  changed: boolean;
  failed: boolean;
}

/** Write a file only when its content differs; say whether it did. */
export function writeIfChanged(path: string, content: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return false;
  writeFileSync(path, content);
  return true;
}

export function runPipeline(db: DB, ws: Workspace, onProgress?: (file: string, n: number) => void): RunResult {
  const sources = readSources(ws);
  const files = existsSync(ws.imports) ? expandPaths([ws.imports], (name) => IMPORTS_METADATA.has(name)) : [];
  const imports = files.map((file) => {
    const rel = relative(ws.imports, file).split('\\').join('/');
    return importFile(db, file, {
      ...sourceOptions(sources.get(rel)),
      workspace: ws.root,
      onProgress: onProgress ? (n) => onProgress(rel, n) : undefined,
    });
  });

  mkdirSync(ws.reports, { recursive: true });
  const summary = importSummary(db);
  const reports: ReportWrite[] = [
    { path: join(ws.reports, 'imports.md'), content: importsMarkdown(summary) },
    { path: join(ws.reports, 'imports.json'), content: importsJson(summary) },
  ].map(({ path, content }) => ({ path, changed: writeIfChanged(path, content) }));

  const changed = imports.some((r) => r.status === 'imported') || reports.some((r) => r.changed);
  return { imports, reports, changed, failed: imports.some((r) => r.status === 'failed') };
}
