/** Counts over the ingest tables: what `review status` and the import report show. */
import type { DB } from '../store/db.js';

export interface FileSummary {
  id: number;
  path: string;
  format: string;
  encoding: string;
  database: string | null;
  interface: string | null;
  searchedOn: string | null;
  method: string;
  previous: boolean;
  records: number;
  warnings: number;
  importedAt: string;
}

export interface DatabaseSummary {
  database: string;
  method: string;
  records: number;
}

export interface ImportSummary {
  files: FileSummary[];
  databases: DatabaseSummary[];
  totals: { files: number; records: number; recordsWithWarnings: number };
}

/**
 * The database a record is counted under, in SQL over `records r JOIN
 * import_files f`: the record's own, else the file's, else the platform it
 * was searched on, else "(not stated)". Every count and filter by database
 * (status, reports, de-duplication, `review records --database`) names
 * databases this one way.
 */
export const DATABASE_SHOWN = "COALESCE(r.database, f.database, f.interface, '(not stated)')";

export function importSummary(db: DB): ImportSummary {
  const files = (db.prepare(`
    SELECT f.id, f.path, f.format, f.encoding, f.database, f.interface, f.searched_on AS searchedOn, f.method,
           f.previous, f.record_count AS records, f.imported_at AS importedAt,
           (SELECT COUNT(DISTINCT w.record_id) FROM record_warnings w JOIN records r ON r.id = w.record_id
             WHERE r.file_id = f.id) AS warnings
    FROM import_files f ORDER BY f.path`).all() as Array<Omit<FileSummary, 'previous'> & { previous: number }>)
    .map((f) => ({ ...f, previous: f.previous === 1 }));
  const databases = db.prepare(`
    SELECT ${DATABASE_SHOWN} AS database, f.method, COUNT(*) AS records
    FROM records r JOIN import_files f ON f.id = r.file_id
    GROUP BY 1, 2 ORDER BY f.method, records DESC, database`).all() as DatabaseSummary[];
  const totals = db.prepare(`
    SELECT (SELECT COUNT(*) FROM import_files) AS files, (SELECT COUNT(*) FROM records) AS records,
           (SELECT COUNT(DISTINCT record_id) FROM record_warnings) AS recordsWithWarnings`).get() as ImportSummary['totals'];
  return { files, databases, totals };
}
