/** Listing and showing imported records (`review records`). */
import type { DB } from '../store/db.js';
import { DATABASE_SHOWN } from './summary.js';

/**
 * The bibliographic columns of a stored record (`records` table), JSON lists
 * parsed: the shape later stages read records in. Stages pick the fields
 * they need (`Pick<StoredRecord, …>`) and add their own.
 */
export interface StoredRecord {
  id: number;
  sourceKey: string | null;
  database: string | null;
  type: string | null;
  title: string | null;
  abstract: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  pmid: string | null;
  issn: string[];
  isbn: string[];
  language: string | null;
  url: string | null;
}

export interface RecordFilter {
  database?: string;
  /** Substring of the imported file's path. */
  file?: string;
  /** Substring of title or abstract (case-insensitive). */
  text?: string;
  /** Only records with warnings. */
  warnings?: boolean;
  limit?: number;
  offset?: number;
}

export interface RecordRow {
  id: number;
  /** The record's own ID in its file (RIS ID/AN, CSV ID/EID, PMID, WoS UT…), else its ordinal in the file. */
  sourceKey: string;
  title: string | null;
  authors: string[];
  year: number | null;
  doi: string | null;
  pmid: string | null;
  database: string | null;
  file: string;
  ordinal: number;
  line: number;
  /** Set when de-duplication merged this record away: the id of the primary record it is a duplicate of. */
  duplicateOf: number | null;
  warnings?: Array<{ code: string; message: string }>;
}

export function listRecords(db: DB, filter: RecordFilter = {}): { total: number; rows: RecordRow[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.database) {
    // As `review status` names it, "(not stated)" included.
    where.push(`${DATABASE_SHOWN} = @database COLLATE NOCASE`);
    params.database = filter.database;
  }
  if (filter.file) {
    where.push("instr(f.path, @file) > 0");
    params.file = filter.file;
  }
  if (filter.text) {
    where.push("(r.title LIKE @text OR r.abstract LIKE @text)");
    params.text = `%${filter.text}%`;
  }
  if (filter.warnings) where.push('EXISTS (SELECT 1 FROM record_warnings w WHERE w.record_id = r.id)');
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT COUNT(*) FROM records r JOIN import_files f ON f.id = r.file_id ${clause}`)
    .pluck().get(params)) as number;
  const rows = db.prepare(`
    SELECT r.id, COALESCE(r.source_key, CAST(r.ordinal AS TEXT)) AS sourceKey, r.title, r.authors, r.year, r.doi, r.pmid, r.database,
           f.path AS file, r.ordinal, r.line, r.duplicate_of AS duplicateOf
    FROM records r JOIN import_files f ON f.id = r.file_id ${clause}
    ORDER BY r.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: filter.limit ?? -1, offset: filter.offset ?? 0 }) as Array<RecordRow & { authors: string }>;
  const warningsOf = db.prepare('SELECT code, message FROM record_warnings WHERE record_id = ? ORDER BY rowid');
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      authors: JSON.parse(r.authors) as string[],
      ...(filter.warnings ? { warnings: warningsOf.all(r.id) as RecordRow['warnings'] } : {}),
    })),
  };
}

/** Everything stored about one record, provenance and raw text included. */
export function showRecord(db: DB, id: number): Record<string, unknown> | undefined {
  const row = db.prepare(`
    SELECT r.*, f.path AS file, f.sha256 AS fileSha256, f.format, f.searched_on AS searchedOn, f.method,
           f.interface, f.imported_at AS importedAt
    FROM records r JOIN import_files f ON f.id = r.file_id WHERE r.id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  for (const key of ['authors', 'issn', 'isbn', 'keywords', 'extra']) row[key] = JSON.parse(row[key] as string);
  row.warnings = db.prepare('SELECT code, message FROM record_warnings WHERE record_id = ?').all(id);
  return row;
}
