/**
 * `review extract import <csv>`: completed extraction back into SQLite. The
 * whole file is validated first — unknown study, unknown column, unknown
 * choice, a bad number or yes/no, a missing required field — and every
 * problem is reported with its cell (spreadsheet reference, study, column);
 * if there is any, nothing is written. Otherwise each changed value is
 * appended as a new version (who, when); unchanged values write nothing, so
 * importing the same file twice is a no-op.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { DB } from '../store/db.js';
import { BY_COLUMN, formColumns, STUDY_COLUMN, type Form, type FormField } from './form.js';
import { ensureStudyRow, findStudy, listStudies, type Study } from './studies.js';
import { canonicalValue, currentValues } from './values.js';

export interface CellError {
  /** Spreadsheet reference, e.g. "D4". */
  cell: string;
  line: number;
  study?: string;
  column: string;
  message: string;
}

export interface ExtractionImportResult {
  path: string;
  rows: number;
  /** Rows with nothing extracted yet (every field but the pre-filled ones empty): skipped. */
  skipped: string[];
  studies: number;
  valuesWritten: number;
  unchanged: number;
  errors: CellError[];
  importId?: number;
}

export interface ExtractionImportOptions {
  by?: string;
  /** ISO 8601 time to record (tests); default now. */
  at?: string;
}

/** "A", "B", … "Z", "AA": the spreadsheet column letter of a 0-based index. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function formatCellError(path: string, e: CellError): string {
  return `${path}: cell ${e.cell} (${e.study ? `study ${e.study}, ` : ''}column "${e.column}"): ${e.message}`;
}

interface Parsed {
  header: string[];
  rows: Array<{ cells: string[]; line: number }>;
}

function parse(text: string): Parsed {
  const records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  if (records.length === 0) return { header: [], rows: [] };
  const [head, ...rest] = records;
  return { header: head.record.map((h) => h.trim()), rows: rest.map((r) => ({ cells: r.record, line: r.info.lines })) };
}

export function importExtraction(db: DB, form: Form, path: string, options: ExtractionImportOptions = {}): ExtractionImportResult {
  const bytes = readFileSync(path);
  const { header, rows } = parse(bytes.toString('utf8'));
  const result: ExtractionImportResult = { path, rows: rows.length, skipped: [], studies: 0, valuesWritten: 0, unchanged: 0, errors: [] };
  const err = (col: number, line: number, column: string, message: string, study?: string) =>
    result.errors.push({ cell: `${columnLetter(col)}${line}`, line, column, message, ...(study ? { study } : {}) });

  // Header: the study column, known columns only, every required field present.
  const columns = formColumns(form);
  const byName = new Map(columns.map((c) => [c.column, c]));
  const studyCol = header.indexOf(STUDY_COLUMN);
  const byCol = header.indexOf(BY_COLUMN);
  if (studyCol < 0) err(0, 1, STUDY_COLUMN, `no "${STUDY_COLUMN}" column: the first column of a template names each row's study`);
  header.forEach((h, i) => {
    if (i === studyCol || i === byCol) return;
    if (!byName.has(h)) err(i, 1, h, `unknown column "${h}": not a field of form ${form.name} (fields: ${columns.map((c) => c.column).join(', ')})`);
    else if (header.indexOf(h) !== i) err(i, 1, h, `column "${h}" appears twice`);
  });
  for (const f of form.fields) if (f.required && !header.includes(f.id)) err(header.length, 1, f.id, `required field "${f.id}" (${f.label}) has no column`);
  if (!options.by?.trim() && byCol < 0) err(0, 1, BY_COLUMN, `say who extracted the data: --by <name>, or an "${BY_COLUMN}" column`);
  if (result.errors.length) return result;

  // Rows.
  const studies = listStudies(db);
  const prefilled = new Set(form.fields.filter((f) => f.prefill).map((f) => f.id));
  const pending: Array<{ study: Study; by: string; values: Array<{ column: string; value: string }> }> = [];
  const seen = new Map<string, number>();
  for (const { cells, line } of rows) {
    const key = (cells[studyCol] ?? '').trim();
    if (key === '') {
      err(studyCol, line, STUDY_COLUMN, 'no study id');
      continue;
    }
    const study = findStudy(studies, key);
    if (!study) {
      err(studyCol, line, STUDY_COLUMN, `unknown study "${key}": not among the studies under extraction ` +
        `(the included studies, and those added with \`review extract template --study <id> | --doi | --ris\`)`, key);
      continue;
    }
    if (seen.has(study.key)) {
      err(studyCol, line, STUDY_COLUMN, `study ${study.key} is also on line ${seen.get(study.key)}: one row per study`, study.key);
      continue;
    }
    seen.set(study.key, line);
    const filled = header.some((h, i) => i !== studyCol && i !== byCol && !prefilled.has(h) && (cells[i] ?? '').trim() !== '');
    if (!filled) {
      result.skipped.push(study.key);
      continue;
    }
    const values: Array<{ column: string; value: string }> = [];
    header.forEach((h, i) => {
      if (i === studyCol || i === byCol) return;
      const { field, notes } = byName.get(h)!;
      const v = canonicalValue(form, field as FormField, cells[i] ?? '', notes);
      if ('error' in v) err(i, line, h, v.error, study.key);
      else if (!notes && field.required && v.value === '') err(i, line, h, `required field "${field.label}" is empty`, study.key);
      else values.push({ column: h, value: v.value });
    });
    const by = (byCol >= 0 ? (cells[byCol] ?? '').trim() : '') || options.by?.trim() || '';
    if (!by) err(byCol, line, BY_COLUMN, `who extracted this row? (empty "${BY_COLUMN}" and no --by)`, study.key);
    pending.push({ study, by, values });
  }
  if (result.errors.length) return result;

  // Write: one transaction, only what changed.
  const at = options.at ?? new Date().toISOString();
  const current = currentValues(db);
  db.transaction(() => {
    const changes = pending.map((p) => ({ ...p, values: p.values.filter((v) => (current.get(p.study.key)?.get(v.column) ?? '') !== v.value) }));
    result.unchanged = pending.reduce((a, p) => a + p.values.length, 0) - changes.reduce((a, p) => a + p.values.length, 0);
    result.studies = changes.filter((p) => p.values.length > 0).length;
    if (result.studies === 0) return;
    const importId = Number(db.prepare(`INSERT INTO extraction_imports (path, sha256, form, rows, values_written, imported_by, imported_at)
      VALUES (?, ?, ?, ?, 0, ?, ?)`).run(path, createHash('sha256').update(bytes).digest('hex'), `${form.name}@${form.version}`, rows.length,
      options.by?.trim() || '(per row)', at).lastInsertRowid);
    const insert = db.prepare('INSERT INTO extraction_values (study_id, field, value, extracted_by, extracted_at, import_id) VALUES (?, ?, ?, ?, ?, ?)');
    for (const p of changes) {
      if (p.values.length === 0) continue;
      const studyId = ensureStudyRow(db, p.study, p.by);
      for (const v of p.values) insert.run(studyId, v.column, v.value, p.by, at, importId);
      result.valuesWritten += p.values.length;
    }
    db.prepare('UPDATE extraction_imports SET values_written = ? WHERE id = ?').run(result.valuesWritten, importId);
    result.importId = importId;
  })();
  return result;
}
