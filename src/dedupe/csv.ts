/**
 * Uncertain pairs as a spreadsheet: export them side by side with an empty
 * `decision` column, fill it in (same / different) in any spreadsheet tool,
 * and import the file back. Rows are matched by their two record ids, so a
 * file stays valid across later runs; rows left blank are skipped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readCsvTable, rowObject } from '../util/csv-table.js';
import type { DB } from '../store/db.js';
import { decidePair, DedupeError, listUncertain, parseDecision, type DecideResult } from './review.js';

const FIELDS = ['title', 'authors', 'year', 'journal', 'volume', 'issue', 'pages', 'doi', 'pmid', 'database', 'sourceKey'] as const;

export const CSV_HEADER = ['pair', 'decision', 'score', 'rule', 'record_a', 'record_b',
  ...FIELDS.flatMap((f) => [`a_${f}`, `b_${f}`]), 'evidence', 'why'];

function cell(value: unknown): string {
  const s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write the undecided uncertain pairs to `path`; returns how many. */
export function exportUncertain(db: DB, path: string): number {
  const pairs = listUncertain(db);
  const lines = [CSV_HEADER.join(',')];
  for (const p of pairs) {
    const row: unknown[] = [p.pair, '', p.score.toFixed(3), p.rule, p.a.id, p.b.id];
    for (const f of FIELDS) row.push(p.a[f], p.b[f]);
    row.push(p.evidence.join('; '), p.why);
    lines.push(row.map(cell).join(','));
  }
  // A BOM so spreadsheet tools read the file as UTF-8.
  writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`);
  return pairs.length;
}

export interface ImportDecisionsResult {
  applied: DecideResult[];
  skipped: number;
}

/** A decisions file with problems: nothing in it was applied. */
export class DedupeImportError extends DedupeError {
  constructor(
    readonly file: string,
    readonly problems: Array<{ line: number; message: string }>,
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing applied:\n` +
      problems.slice(0, 20).map((p) => `  line ${p.line}: ${p.message}`).join('\n') +
      (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''));
    this.name = 'DedupeImportError';
  }
}

/**
 * Read a filled-in export and apply every decision in it, all or nothing:
 * one transaction for the file, so a bad row (an unknown decision, a record
 * that does not exist, a merge a person's earlier "different" forbids)
 * leaves the library as it was, and every problem is listed by line.
 */
export function importDecisions(db: DB, path: string): ImportDecisionsResult {
  const table = readCsvTable(readFileSync(path), { trim: true });
  const rows = table.rows.map((row) => ({ cells: rowObject(table.header, row), line: row.line }));
  if (rows.length > 0 && !['decision', 'record_a', 'record_b'].every((h) => table.header.includes(h))) {
    throw new DedupeError(`${path}: expected columns decision, record_a and record_b (as written by \`review dedupe export\`)`);
  }
  const source = `csv:${basename(path)}`;
  const result: ImportDecisionsResult = { applied: [], skipped: 0 };
  const problems: Array<{ line: number; message: string }> = [];
  const applyAll = db.transaction(() => {
    rows.forEach((row) => {
      if (!row.cells.decision) {
        result.skipped++;
        return;
      }
      try {
        const decision = parseDecision(row.cells.decision);
        if (!/^\d+$/.test(row.cells.record_a ?? '') || !/^\d+$/.test(row.cells.record_b ?? '')) throw new DedupeError('record_a and record_b must be record ids');
        result.applied.push(decidePair(db, `${row.cells.record_a}-${row.cells.record_b}`, decision, { source, note: row.cells.note || undefined }));
      } catch (e) {
        problems.push({ line: row.line, message: (e as Error).message });
      }
    });
    if (problems.length > 0) throw new DedupeImportError(path, problems);
  });
  applyAll();
  return result;
}
