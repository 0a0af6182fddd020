/**
 * The state of de-duplication as counts, all SQL over the stored groups:
 * what `review dedupe --json` reports and PRISMA's "duplicate records
 * removed" reads.
 */
import type { DB } from '../store/db.js';
import { DATABASE_SHOWN } from '../ingest/summary.js';

export interface DedupeSummary {
  /** Records in the library. */
  recordsIn: number;
  /** Records left after removing duplicates (primaries and unique records). */
  uniqueRecords: number;
  duplicatesRemoved: {
    total: number;
    /**
     * Merged-away records by the database they came from, named as `review status` names it: the
     * record's database, else the file's, else its interface, else "(not stated)".
     */
    byDatabase: Record<string, number>;
  };
  /** Uncertain pairs waiting for a person (`review dedupe --review`). */
  uncertainPairs: number;
  /**
   * Duplicate groups, each an array of member sourceKeys as `review records` gives them (the record's own
   * ID in its file, else its ordinal there), primary first.
   */
  groups: string[][];
  /** Records of a previous version of the review, and new records found to duplicate them (screened last time). */
  previousReview: { records: number; matchedByNewRecords: number };
  /** Screened records merged away whose decisions disagreed with the primary's (see screening.ts). */
  screeningConflicts: number;
  /** Groups holding a retraction notice or expression of concern: check the article before screening it. */
  retractionGroups: number[];
}

/** SQL: uncertain pairs with no decision whose records are not (yet) in one group. */
export const OPEN_UNCERTAIN_SQL = `
  FROM dedupe_pairs p
  JOIN records ra ON ra.id = p.record_a
  JOIN records rb ON rb.id = p.record_b
  WHERE p.outcome = 'uncertain'
    AND NOT EXISTS (SELECT 1 FROM dedupe_decisions d WHERE d.record_a = p.record_a AND d.record_b = p.record_b)
    AND COALESCE(ra.duplicate_of, ra.id) <> COALESCE(rb.duplicate_of, rb.id)`;

export function dedupeSummary(db: DB): DedupeSummary {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const recordsIn = count('SELECT COUNT(*) FROM records');
  const removed = count('SELECT COUNT(*) FROM records WHERE duplicate_of IS NOT NULL');
  const byDatabase: Record<string, number> = {};
  for (const row of db.prepare(`SELECT ${DATABASE_SHOWN} AS database, COUNT(*) AS n
      FROM records r JOIN import_files f ON f.id = r.file_id WHERE r.duplicate_of IS NOT NULL
      GROUP BY 1 ORDER BY 2 DESC, 1`).all() as Array<{ database: string; n: number }>) {
    byDatabase[row.database] = row.n;
  }
  const members = db.prepare(`SELECT g.id AS groupId, COALESCE(r.source_key, CAST(r.ordinal AS TEXT)) AS key
      FROM dedupe_groups g JOIN dedupe_members m ON m.group_id = g.id AND m.removed_at IS NULL
      JOIN records r ON r.id = m.record_id
      WHERE g.status = 'active' ORDER BY g.id, r.id <> g.primary_id, r.id`).raw().all() as Array<[number, string]>;
  const groups: string[][] = [];
  let current = -1;
  for (const [g, key] of members) {
    if (g !== current) {
      groups.push([]);
      current = g;
    }
    groups[groups.length - 1].push(key);
  }
  return {
    recordsIn,
    uniqueRecords: recordsIn - removed,
    duplicatesRemoved: { total: removed, byDatabase },
    uncertainPairs: count(`SELECT COUNT(*) ${OPEN_UNCERTAIN_SQL}`),
    groups,
    previousReview: {
      records: count('SELECT COUNT(*) FROM records r JOIN import_files f ON f.id = r.file_id WHERE f.previous = 1'),
      matchedByNewRecords: count(`SELECT COUNT(*) FROM records r JOIN import_files f ON f.id = r.file_id
        WHERE f.previous = 0 AND r.duplicate_of IN (SELECT p.id FROM records p JOIN import_files pf ON pf.id = p.file_id WHERE pf.previous = 1)`),
    },
    screeningConflicts: count("SELECT COUNT(*) FROM dedupe_history WHERE action = 'screening-conflict'"),
    retractionGroups: db.prepare(`SELECT DISTINCT g.id FROM dedupe_groups g, json_each(g.merged, '$.notices') n
      WHERE g.status = 'active' AND json_extract(n.value, '$.kind') = 'retraction-notice' ORDER BY g.id`).pluck().all() as number[],
  };
}
