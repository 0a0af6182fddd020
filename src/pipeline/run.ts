/**
 * The main job (`npm start` = `review run`): every stage over a workspace,
 * end to end — import, de-duplicate, run the documented search strings,
 * apply the machine-checkable criteria, then render the import report, the
 * search report, the PRISMA 2020 flow diagrams and the extraction outputs.
 * Idempotent: a second run imports nothing new, changes nothing in the
 * database and rewrites no report whose content is unchanged.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DB } from '../store/db.js';
import { expandPaths, importFile, type FileImportResult } from '../ingest/import.js';
import { importSummary } from '../ingest/summary.js';
import { importsJson, importsMarkdown } from '../report/imports.js';
import { searchMarkdown } from '../report/search.js';
import { runDedupe } from '../dedupe/index.js';
import type { DedupeRunResult } from '../dedupe/run.js';
import { lintQueries, runProtocol, type ProtocolSummary } from '../search/workspace.js';
import type { Finding } from '../search/diagnostics.js';
import { runScreeningStage, type ScreeningStageResult } from '../screen/stage.js';
import { importDecisions, type ImportSummary as DecisionsImport } from '../screen/csv.js';
import { loadCriteria } from '../criteria/format.js';
// Registers the hook that moves screening decisions to a duplicate group's primary.
import '../screen/hook.js';
import { writePrismaReports } from '../prisma/pipeline.js';
import { IMPORTS_METADATA, readSources, sourceOptions, type Workspace } from '../workspace/workspace.js';

export interface ReportWrite {
  path: string;
  changed: boolean;
}

export interface RunResult {
  imports: FileImportResult[];
  /** Rows of imports/sources.csv naming no file in imports/. */
  unmatchedSources: WorkspaceImport['unmatchedSources'];
  dedupe: DedupeRunResult;
  search: ProtocolSummary;
  lint: Finding[];
  /** The screening archive (screening/decisions.csv) replayed into the database, when the workspace has one. */
  decisions?: DecisionsImport;
  screening: ScreeningStageResult;
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

export interface WorkspaceImport {
  files: FileImportResult[];
  /**
   * Rows of imports/sources.csv whose provenance applies to nothing: they name
   * no file in imports/ (a typo, or a file moved away), or a file that is not
   * an export (README.md, sources.csv itself…).
   */
  unmatchedSources: Array<{ file: string; line: number; why: 'missing' | 'not an export' }>;
}

/** Stage 1: every file in imports/, with provenance from imports/sources.csv. */
export function importWorkspace(db: DB, ws: Workspace, onProgress?: (file: string, n: number) => void): WorkspaceImport {
  const sources = readSources(ws);
  const files = existsSync(ws.imports) ? expandPaths([ws.imports], (name) => IMPORTS_METADATA.has(name)) : [];
  const used = new Set<string>();
  const results = files.map((file) => {
    const rel = relative(ws.imports, file).split('\\').join('/');
    used.add(rel);
    // A row of sources.csv is its file's provenance, also after the import (see sourceOptions).
    return importFile(db, file, {
      ...sourceOptions(sources.get(rel)),
      workspace: ws.root,
      onProgress: onProgress ? (n) => onProgress(rel, n) : undefined,
    });
  });
  const unmatchedSources = [...sources.entries()].filter(([key]) => !used.has(key)).map(([key, row]) => ({
    file: row.file, line: row.line,
    why: existsSync(join(ws.imports, key)) ? 'not an export' as const : 'missing' as const,
  }));
  return { files: results, unmatchedSources };
}

/**
 * The team's screening decisions, archived in git as one CSV (`review decisions
 * export`), are replayed so that anyone can re-derive the counts. Importing
 * the same archive again writes nothing.
 */
export function importDecisionArchive(db: DB, ws: Workspace): DecisionsImport | undefined {
  const path = join(ws.screening, 'decisions.csv');
  if (!existsSync(path)) return undefined;
  return importDecisions(db, loadCriteria(ws.queries), path);
}

export function runPipeline(db: DB, ws: Workspace, onProgress?: (file: string, n: number) => void): RunResult {
  const { files: imports, unmatchedSources } = importWorkspace(db, ws, onProgress);
  const dedupe = runDedupe(db);
  const search = runProtocol(db, ws);
  const lint = lintQueries(ws);
  const decisions = importDecisionArchive(db, ws);
  const screening = runScreeningStage(db, ws);

  mkdirSync(ws.reports, { recursive: true });
  const summary = importSummary(db);
  const reports: ReportWrite[] = [
    { path: join(ws.reports, 'imports.md'), content: importsMarkdown(summary) },
    { path: join(ws.reports, 'imports.json'), content: importsJson(summary) },
    { path: join(ws.reports, 'search.md'), content: searchMarkdown(search, lint) },
  ].map(({ path, content }) => ({ path, changed: writeIfChanged(path, content) }));
  reports.push(...writePrismaReports(db, ws));

  const changed = imports.some((r) => r.status === 'imported' || r.provenanceChanges) || dedupe.changed || search.changed ||
    (decisions?.written ?? 0) > 0 || screening.changed || reports.some((r) => r.changed);
  return {
    imports, unmatchedSources, dedupe, search, lint, decisions, screening, reports, changed,
    failed: imports.some((r) => r.status === 'failed'),
  };
}
