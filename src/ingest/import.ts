/**
 * Import export files into the review database: detect the format by
 * content, stream the records in, and keep full provenance. One transaction
 * per file: a file with an error changes nothing.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { DB } from '../store/db.js';
import { readItems, type FormatModule } from './format.js';
import { detectFormat, formatByName, FORMATS } from './formats/index.js';
import { readText, scanFile } from './decode.js';
import { textFileProblem } from './not-exports.js';
import {
  fileProvenance, givenOf, givenText, ProvenanceTracker, reconcileProvenance, type ImportedFile,
} from './provenance.js';
import type { BibRecord, Diagnostic } from './record.js';

import { METHODS, type Method } from './provenance.js';

export { METHODS, type Method };

export interface ImportOptions {
  /** Force a format instead of detecting it. */
  format?: string;
  /** Database searched, when the file does not say (or to override it). */
  database?: string;
  /** Interface/platform searched through (EBSCOhost, Ovid…). */
  interface?: string;
  /** Search date, YYYY-MM-DD. */
  searched?: string;
  /** PRISMA arm; default 'database'. */
  method?: Method;
  /** Records of a previous version of the review. */
  previous?: boolean;
  /** Generic CSV column mapping: model field → header. */
  columns?: Record<string, string>;
  /** Workspace root: stored paths are relative to it when inside it. */
  workspace?: string;
  /**
   * Where the provenance options (database, interface, searched, method,
   * previous) come from, for a file already imported: command-line flags add
   * to what was given before; a row of imports/sources.csv is the whole of it.
   */
  provenanceFrom?: 'flags' | 'sources.csv';
  /** With provenanceFrom 'sources.csv': the provenance keys the file has columns for. */
  provenanceStated?: Array<'database' | 'interface' | 'searched' | 'method' | 'previous'>;
  /** Called every ~1,000 records with bytes read so far, for a progress bar. */
  onProgress?: (recordsRead: number) => void;
}

export type ImportStatus = 'imported' | 'already-imported' | 'failed';

export interface FileImportResult {
  path: string;
  status: ImportStatus;
  format?: string;
  database?: string;
  /** The PRISMA arm the file's records count in. */
  method?: Method;
  records: number;
  warnings: Diagnostic[];
  errors: Diagnostic[];
  sha256?: string;
  /** For already-imported files: the earlier import it matches. */
  previousImport?: { path: string; importedAt: string };
  /** For already-imported files: what changed in its provenance ("database: (none) → PubMed"). */
  provenanceChanges?: string[];
}

/** Raised inside the file's transaction to roll it back. */
class FileRejected extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real YYYY-MM-DD date (not 2023-02-30). */
export function isCalendarDate(s: string): boolean {
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

export function validateImportOptions(options: ImportOptions): void {
  if (options.format && !formatByName(options.format)) {
    throw new Error(`unknown format "${options.format}"; known formats: ${FORMATS.map((f) => f.name).join(', ')}`);
  }
  // Date.parse rolls 2023-02-30 over to 2 March: require the date to round-trip.
  if (options.searched && (!DATE.test(options.searched) || !isCalendarDate(options.searched))) {
    throw new Error(`--searched must be a date written YYYY-MM-DD, got "${options.searched}"`);
  }
  if (options.method && !METHODS.includes(options.method)) {
    throw new Error(`--method must be one of ${METHODS.join(', ')}, got "${options.method}"`);
  }
}

/** Expand directories (recursively, sorted, hidden files skipped) into files. */
export function expandPaths(paths: string[], skip: (name: string) => boolean = () => false): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) throw new Error(`${p}: no such file or directory`);
    if (st.isDirectory()) {
      const children = readdirSync(p).filter((n) => !n.startsWith('.') && !skip(n)).sort();
      files.push(...expandPaths(children.map((n) => join(p, n)), skip));
    } else {
      files.push(p);
    }
  }
  return files;
}

function storedPath(path: string, workspace?: string): string {
  const abs = resolve(path);
  if (workspace) {
    const rel = relative(resolve(workspace), abs);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split('\\').join('/');
  }
  return abs;
}

/** Record-level checks every format shares. */
function recordWarnings(record: BibRecord): Array<{ code: string; message: string }> {
  const warnings: Array<{ code: string; message: string }> = [];
  if (!record.title) warnings.push({ code: 'record/no-title', message: 'record has no title' });
  if (!record.doi && !record.pmid) {
    warnings.push({
      code: 'record/no-identifier',
      message: 'record has neither a DOI nor a PMID; de-duplication will rely on title, authors and year',
    });
  }
  return warnings;
}

export function importFile(db: DB, path: string, options: ImportOptions = {}): FileImportResult {
  const shown = storedPath(path, options.workspace);
  const result: FileImportResult = { path: shown, status: 'failed', method: options.method ?? 'database', records: 0, warnings: [], errors: [] };
  const fail = (message: string, extra: Partial<Diagnostic> = {}): FileImportResult => {
    result.errors.push({ severity: 'error', code: 'import/failed', message, ...extra });
    return result;
  };
  let scan;
  try {
    scan = scanFile(path);
  } catch (e) {
    return fail(`cannot read file: ${(e as Error).message}`);
  }
  result.sha256 = scan.sha256;
  const earlier = db
    .prepare('SELECT id, path, imported_at AS importedAt, format, record_count AS records, columns FROM import_files WHERE sha256 = ?')
    .get(scan.sha256) as (ImportedFile & { importedAt: string }) | undefined;
  if (earlier) {
    result.status = 'already-imported';
    result.previousImport = { path: earlier.path, importedAt: earlier.importedAt };
    result.format = earlier.format;
    result.records = earlier.records;
    try {
      const changes = provenanceAsked(earlier, shown, options)
        ? reconcileProvenance(db, path, scan, earlier, {
          given: givenOf(options), from: options.provenanceFrom ?? 'flags', stated: options.provenanceStated, columns: options.columns,
        })
        : [];
      if (changes.length > 0) result.provenanceChanges = changes;
    } catch (e) {
      result.status = 'failed';
      return fail(`already imported, but its provenance could not be updated (nothing was changed): ${(e as Error).message}`);
    }
    const stored = fileProvenance(db, earlier.id);
    result.database = stored.database ?? undefined;
    result.method = stored.method;
    return result;
  }
  if (scan.bytes === 0) return fail('the file is empty');
  if (scan.binary) return fail(scan.binary, { code: 'import/not-an-export' });
  // `--column field=Header` names a generic CSV's headers: a table nothing else recognises is read as one.
  const format: FormatModule | undefined = options.format ? formatByName(options.format)
    : detectFormat(scan.head) ?? (options.columns ? formatByName('csv') : undefined);
  if (!format) {
    const problem = textFileProblem(scan.head);
    if (problem) return fail(problem, { code: 'import/not-an-export' });
    return fail(
      `cannot tell which export format this is (first line: ${JSON.stringify(scan.head.split(/\r\n|\n|\r/)[0]?.slice(0, 80))}); ` +
        `name it with --format (${FORMATS.map((f) => f.name).join(', ')})`,
    );
  }
  result.format = format.name;

  const insertFile = db.prepare(`INSERT INTO import_files
    (path, sha256, bytes, format, encoding, database, interface, searched_on, method, previous, record_count, imported_at, given, columns)
    VALUES (@path, @sha256, @bytes, @format, @encoding, @database, @interface, @searched, @method, @previous, 0, @importedAt, @given, @columns)`);
  const insertRecord = db.prepare(`INSERT INTO records
    (file_id, ordinal, line, source_key, database, type, title, abstract, authors, year, date, journal, volume,
     issue, pages, doi, pmid, issn, isbn, keywords, language, url, extra, raw)
    VALUES (@fileId, @ordinal, @line, @sourceKey, @database, @type, @title, @abstract, @authors, @year, @date,
     @journal, @volume, @issue, @pages, @doi, @pmid, @issn, @isbn, @keywords, @language, @url, @extra, @raw)`);
  const insertWarning = db.prepare('INSERT INTO record_warnings (record_id, code, message) VALUES (?, ?, ?)');
  const insertDiagnostic = db.prepare(
    'INSERT INTO import_diagnostics (file_id, severity, code, line, record, message) VALUES (?, ?, ?, ?, ?, ?)',
  );

  try {
    db.transaction(() => {
      const fileId = Number(insertFile.run({
        path: shown, sha256: scan.sha256, bytes: scan.bytes, format: format.name, encoding: scan.encoding,
        database: options.database ?? null, interface: options.interface ?? null, searched: options.searched ?? null,
        method: options.method ?? 'database', previous: options.previous ? 1 : 0, importedAt: new Date().toISOString(),
        given: givenText(givenOf(options)), columns: options.columns ? JSON.stringify(options.columns) : null,
      }).lastInsertRowid);
      const provenance = new ProvenanceTracker(givenOf(options), format);
      let ordinal = 0;
      const text = readText(path, scan.encoding, scan.bomLength);
      for (const item of readItems(format, text, { columns: options.columns })) {
        if (item.kind === 'meta') {
          provenance.header(item.database);
        } else if (item.kind === 'diagnostic') {
          const d = item.diagnostic;
          if (d.severity === 'error') {
            result.errors.push(d);
            throw new FileRejected(d.message);
          }
          result.warnings.push(d);
          insertDiagnostic.run(fileId, d.severity, d.code, d.line ?? null, d.record ?? null, d.message);
        } else {
          ordinal += 1;
          const r = item.record;
          const database = provenance.record(r);
          const recordId = Number(insertRecord.run({
            fileId, ordinal, line: r.line, sourceKey: r.sourceKey ?? null, database,
            type: r.type ?? null, title: r.title ?? null, abstract: r.abstract ?? null,
            authors: JSON.stringify(r.authors), year: r.year ?? null, date: r.date ?? null,
            journal: r.journal ?? null, volume: r.volume ?? null, issue: r.issue ?? null, pages: r.pages ?? null,
            doi: r.doi ?? null, pmid: r.pmid ?? null, issn: JSON.stringify(r.issn), isbn: JSON.stringify(r.isbn),
            keywords: JSON.stringify(r.keywords), language: r.language ?? null, url: r.url ?? null,
            extra: JSON.stringify(r.extra), raw: r.raw,
          }).lastInsertRowid);
          for (const w of recordWarnings(r)) insertWarning.run(recordId, w.code, w.message);
          if (options.onProgress && ordinal % 1000 === 0) options.onProgress(ordinal);
        }
      }
      if (ordinal === 0) {
        const d: Diagnostic = {
          severity: 'error', code: 'import/no-records',
          message: `no ${format.label.split(' (')[0]} records found in the file`,
        };
        result.errors.push(d);
        throw new FileRejected(d.message);
      }
      const database = provenance.fileDatabase();
      db.prepare('UPDATE import_files SET record_count = ?, database = ?, interface = ? WHERE id = ?')
        .run(ordinal, database, provenance.platform(), fileId);
      result.records = ordinal;
      const named = provenance.recordDatabases();
      result.database = database ?? (named.length > 1 ? named.join('; ') : undefined);
    })();
    result.status = 'imported';
  } catch (e) {
    if (!(e instanceof FileRejected)) {
      result.errors.push({ severity: 'error', code: 'import/failed', message: (e as Error).message });
    }
    result.status = 'failed';
    result.records = 0;
    hintDetectedFormat(result, format, scan.head, options);
  }
  return result;
}

/** A file that failed under a forced format but reads as another format: say so in its first error. */
function hintDetectedFormat(result: FileImportResult, forced: FormatModule, head: string, options: ImportOptions): void {
  const detected = options.format ? detectFormat(head) : undefined;
  const first = result.errors[0];
  if (!detected || detected.name === forced.name || !first) return;
  const fix = options.provenanceFrom === 'sources.csv' ? 'check the format column of imports/sources.csv' : 'try without --format';
  result.errors[0] = { ...first, message: `${first.message} (the file looks like ${detected.label.split(' (')[0]}: ${fix})` };
}

/**
 * Whether a re-import speaks about the provenance of the file imported
 * before: flags always do; a row of sources.csv only for the file at its own
 * path (the same bytes elsewhere, e.g. a copy, are not what the row describes).
 */
function provenanceAsked(earlier: ImportedFile, shown: string, options: ImportOptions): boolean {
  return options.provenanceFrom !== 'sources.csv' || earlier.path === shown;
}

/** Import files and directories; each file in its own transaction. */
export function importPaths(db: DB, paths: string[], options: ImportOptions = {}): FileImportResult[] {
  validateImportOptions(options);
  return expandPaths(paths).map((file) => importFile(db, file, options));
}

/** Human-readable location of a diagnostic: `file:line (record n)`. */
export function describeDiagnostic(path: string, d: Diagnostic): string {
  const where = [d.line ? `line ${d.line}` : '', d.record ? `record ${d.record}` : ''].filter(Boolean).join(', ');
  return `${basename(path) === path ? path : path}${where ? ` (${where})` : ''}: ${d.message}`;
}
