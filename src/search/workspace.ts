/**
 * The search stage over a workspace: the documented strings in `queries/`
 * evaluated against the imported records (`runProtocol`), and linted
 * (`lintQueries`). Both are what `review run` calls.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DB } from '../store/db.js';
import type { Workspace } from '../workspace/workspace.js';
import { sortFindings, type Finding } from './diagnostics.js';
import { evaluateDocuments, notRetrieved, type EvaluateOptions, type MissedRecord, type RunSummary } from './evaluate/run.js';
import { lintDocument } from './lint/index.js';
import { readQueryFile, type QueryDocument } from './protocol.js';

/** The query files of a workspace: `queries/*.txt`, in name order. */
export function queryFiles(ws: Workspace): string[] {
  if (!existsSync(ws.queries)) return [];
  return readdirSync(ws.queries)
    .filter((f) => f.toLowerCase().endsWith('.txt'))
    .sort()
    .map((f) => join(ws.queries, f));
}

/** Read query files, naming them relative to the workspace, and let files without a combination borrow a sibling's. */
export function readQueries(ws: Workspace, paths: string[] = queryFiles(ws), dialect?: string): QueryDocument[] {
  const docs = paths.map((p) => readQueryFile(p, { name: displayPath(ws, p), dialect }));
  return borrowCombinations(docs);
}

export function displayPath(ws: Workspace, path: string): string {
  const rel = relative(ws.root, path).split('\\').join('/');
  return rel.startsWith('..') ? path : rel;
}

/**
 * The reference review prints its combination (`A + (B neu C) + D + (E neu F)
 * + G`) once, after the Scopus strings; the EBSCO and Ovid versions use the
 * same blocks. A protocol file without a combination line borrows the first
 * one found in a sibling file whose blocks it has (recorded in `from`).
 */
export function borrowCombinations(docs: QueryDocument[]): QueryDocument[] {
  return docs.map((doc) => {
    if (doc.kind !== 'protocol' || doc.combination) return doc;
    const labels = new Set(doc.blocks.map((b) => b.label));
    const donor = docs.find((d) => d !== doc && d.combination && refs(d.combination.ast).every((l) => labels.has(l)));
    return donor ? { ...doc, combination: { ...donor.combination!, findings: [] } } : doc;
  });
}

function refs(n: QueryDocument['blocks'][number]['ast']): string[] {
  if (!n) return [];
  if (n.kind === 'ref') return [n.label];
  if (n.kind === 'and' || n.kind === 'or') return n.children.flatMap(refs);
  return [];
}

export interface ProtocolFileSummary extends RunSummary {
  /** Records from this file's own interface that its combination does not retrieve (first 100). */
  notRetrieved: MissedRecord[];
  notRetrievedCount: number;
}

export interface ProtocolSummary {
  files: ProtocolFileSummary[];
  /** True when any file was evaluated (rather than an up-to-date run reused). */
  changed: boolean;
}

/**
 * Evaluate the workspace's `queries/` protocol against the imported records:
 * hits per block, per combination and per database, stored per record and
 * block. Idempotent: an unchanged file over unchanged records is not re-run.
 */
export function runProtocol(db: DB, ws: Workspace, options: EvaluateOptions = {}): ProtocolSummary {
  const docs = readQueries(ws);
  const runs = evaluateDocuments(db, docs, options);
  const files = runs.map((r) => {
    const missed = notRetrieved(db, r.runId);
    return { ...r, notRetrieved: missed.slice(0, 100), notRetrievedCount: missed.length };
  });
  return { files, changed: runs.some((r) => r.evaluated) };
}

/** Lint findings for every file in `queries/` (sorted by file, line, column). */
export function lintQueries(ws: Workspace): Finding[] {
  return sortFindings(readQueries(ws).flatMap((d) => lintDocument(d)));
}
