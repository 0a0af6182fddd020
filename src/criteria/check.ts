/**
 * `review criteria check`: apply the machine-checkable rules to the records
 * to screen. Each record a rule excludes is marked with the rule and its code
 * (PRISMA: "records marked as ineligible by automation tools"); a reviewer can
 * send it back to people (`review criteria override`), and a record any
 * reviewer has already decided is screened by people whatever the rules say.
 *
 * Idempotent: the marks are recomputed from the criteria and the records;
 * a check that changes nothing writes nothing.
 */
import type { DB } from '../store/db.js';
import { screenableSql } from '../screen/pool.js';
import { getReviewer } from '../screen/reviewers.js';
import { now, ScreeningError } from '../screen/types.js';
import type { Criteria } from './format.js';
import { applyRules, type RuleHit, type RuleInput } from './rules.js';

export interface CheckResult {
  checked: number;
  excluded: number;
  /** Marks added / removed by this check (0/0 = nothing changed). */
  added: number;
  removed: number;
  changed: boolean;
  byRule: Record<string, number>;
  /** Records a rule would exclude but people already decided or a reviewer overrode. */
  leftToPeople: number;
  checkId?: number;
}

export function criteriaCheck(db: DB, criteria: Criteria): CheckResult {
  return db.transaction(() => {
    const rows = db.prepare(`SELECT r.id, r.year, r.language, r.type FROM records r WHERE r.id IN (${screenableSql(db)}) ORDER BY r.id`)
      .all() as Array<RuleInput & { id: number }>;
    const hits = new Map<number, RuleHit>();
    for (const r of rows) {
      const hit = applyRules(criteria, r);
      if (hit) hits.set(r.id, hit);
    }
    const existing = new Map(
      (db.prepare('SELECT record_id AS id, rule, code, detail FROM auto_exclusions').all() as Array<RuleHit & { id: number }>)
        .map((e) => [e.id, e]),
    );
    const same = (a: RuleHit, b: RuleHit) => a.rule === b.rule && a.code === b.code && a.detail === b.detail;
    const toRemove = [...existing.keys()].filter((id) => !hits.has(id) || !same(hits.get(id)!, existing.get(id)!));
    const toAdd = [...hits.keys()].filter((id) => !existing.has(id) || !same(hits.get(id)!, existing.get(id)!));
    const lastSha = db.prepare('SELECT criteria_sha256 FROM criteria_checks ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
    const changed = toAdd.length > 0 || toRemove.length > 0 || lastSha !== criteria.sha256;
    const byRule: Record<string, number> = {};
    for (const h of hits.values()) byRule[`${h.rule} (${h.code})`] = (byRule[`${h.rule} (${h.code})`] ?? 0) + 1;
    const people = new Set(db.prepare(`SELECT record_id FROM current_decisions WHERE stage = 'title-abstract'
      UNION SELECT record_id FROM auto_overrides`).pluck().all() as number[]);
    const leftToPeople = [...hits.keys()].filter((id) => people.has(id)).length;
    const result: CheckResult = {
      checked: rows.length, excluded: hits.size, added: toAdd.length, removed: toRemove.length, changed, byRule, leftToPeople,
    };
    if (!changed) return result;
    const checkId = Number(db.prepare(`INSERT INTO criteria_checks (checked_at, criteria_file, criteria_sha256, rules, records_checked, excluded)
      VALUES (?, ?, ?, ?, ?, ?)`).run(now(), criteria.file, criteria.sha256, JSON.stringify(criteria.rules), rows.length, hits.size).lastInsertRowid);
    const del = db.prepare('DELETE FROM auto_exclusions WHERE record_id = ?');
    for (const id of toRemove) del.run(id);
    const ins = db.prepare('INSERT INTO auto_exclusions (record_id, check_id, rule, code, detail) VALUES (?, ?, ?, ?, ?)');
    for (const id of toAdd) {
      const h = hits.get(id)!;
      ins.run(id, checkId, h.rule, h.code, h.detail);
    }
    return { ...result, checkId };
  }).immediate();
}

/** A reviewer sends an automatically excluded record back to people (permanent, append-only). */
export function overrideAutoExclusion(db: DB, recordId: number, by: string, note?: string, options: { at?: string; source?: string } = {}):
  { changed: boolean } {
  const reviewer = getReviewer(db, by);
  return db.transaction(() => {
    const mark = db.prepare('SELECT code, detail FROM auto_exclusions WHERE record_id = ?').get(recordId);
    const already = db.prepare('SELECT 1 FROM auto_overrides WHERE record_id = ?').get(recordId) !== undefined;
    if (already) return { changed: false };
    if (!mark && !options.source?.startsWith('import')) {
      if (db.prepare('SELECT 1 FROM records WHERE id = ?').get(recordId) === undefined) {
        throw new ScreeningError(`no record with id ${recordId} (ids are listed by \`review records\`)`);
      }
      throw new ScreeningError(`record ${recordId} is not excluded by the criteria check (see \`review criteria check --list\`)`);
    }
    db.prepare('INSERT INTO auto_overrides (record_id, reviewer_id, note, overridden_at, source) VALUES (?, ?, ?, ?, ?)')
      .run(recordId, reviewer.id, note?.trim() || null, options.at ?? now(), options.source ?? 'override');
    return { changed: true };
  }).immediate();
}

export interface AutoExcludedRecord {
  recordId: number;
  title: string | null;
  year: number | null;
  language: string | null;
  type: string | null;
  rule: string;
  code: string;
  detail: string;
  overridden: boolean;
  decided: boolean;
}

export function listAutoExclusions(db: DB): AutoExcludedRecord[] {
  return (db.prepare(`
    SELECT a.record_id AS recordId, r.title, r.year, r.language, r.type, a.rule, a.code, a.detail,
      EXISTS (SELECT 1 FROM auto_overrides o WHERE o.record_id = a.record_id) AS overridden,
      EXISTS (SELECT 1 FROM current_decisions d WHERE d.record_id = a.record_id AND d.stage = 'title-abstract') AS decided
    FROM auto_exclusions a JOIN records r ON r.id = a.record_id ORDER BY a.record_id`).all() as Array<
    Omit<AutoExcludedRecord, 'overridden' | 'decided'> & { overridden: number; decided: number }
  >).map((r) => ({ ...r, overridden: r.overridden === 1, decided: r.decided === 1 }));
}
