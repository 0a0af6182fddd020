/**
 * `review dedupe`: compare the records not compared before against the whole
 * library (or everything, with `full`), store the scored pairs, and bring the
 * duplicate groups up to date, in one transaction. A run with nothing new to
 * compare writes nothing.
 *
 * Options stick: a run starts from the options of the last run, so a policy
 * chosen once (`--preprints uncertain`) holds for later runs and for
 * `review run`. Changing an option re-compares everything, since pairs judged
 * under the old options may now be judged differently.
 */
import type { DB } from '../store/db.js';
import { runEngine, type ScoredPair } from './engine.js';
import type { DedupeInput } from './normalise.js';
import { DEFAULT_OPTIONS, resolveOptions, type DedupeOptions } from './options.js';
import { GroupStore, latestDecisions, now, openGroups, type JoinInfo } from './store.js';
import { dedupeSummary, type DedupeSummary } from './summary.js';

export interface DedupeRunInfo {
  /** 'up-to-date': nothing new to compare, nothing written. */
  mode: 'full' | 'incremental' | 'up-to-date';
  /** Why a full run: asked for, first run, or options changed. */
  reason?: string;
  recordsNew: number;
  candidates: number;
  compared: number;
  duplicatePairs: number;
  uncertainPairs: number;
  groupsCreated: number;
  groupsChanged: number;
  seconds: number;
  options: DedupeOptions;
}

export interface DedupeRunResult extends DedupeSummary {
  run: DedupeRunInfo;
  /** True when the run changed the database. */
  changed: boolean;
}

/** The options of the last run, if any. */
export function lastOptions(db: DB): Partial<DedupeOptions> {
  const json = db.prepare('SELECT options FROM dedupe_runs ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
  return json ? (JSON.parse(json) as Partial<DedupeOptions>) : {};
}

const OPTION_KEYS = ['certain', 'uncertain', 'notices', 'preprints', 'conferenceAbstracts', 'versions'] as const;

const RECORDS_SQL = `
  SELECT r.id, r.source_key AS sourceKey, COALESCE(r.database, f.database) AS database, r.type, r.title,
         COALESCE(length(r.abstract), 0) AS abstractLength, r.authors, r.year, r.journal, r.volume, r.issue, r.pages,
         r.doi, r.pmid, f.previous, s.record_id IS NOT NULL AS seen
  FROM records r JOIN import_files f ON f.id = r.file_id LEFT JOIN dedupe_seen s ON s.record_id = r.id
  ORDER BY r.id`;

/** SQLite page cache for a run, in KiB: a run reads and marks records all over the table (the default 2 MB thrashes). */
const RUN_CACHE_KIB = 64 * 1024;

/** Run de-duplication over the review database; returns the summary `review dedupe --json` prints. */
export function runDedupe(db: DB, requested: Partial<DedupeOptions> = {}): DedupeRunResult {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${RUN_CACHE_KIB}`);
  try {
    return run(db, requested);
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
}

function run(db: DB, requested: Partial<DedupeOptions>): DedupeRunResult {
  const started = now();
  const t0 = performance.now();
  const previous = lastOptions(db);
  const options = resolveOptions({ ...previous, ...requested, full: requested.full ?? false });
  const hasRun = Object.keys(previous).length > 0;
  const optionsChanged = hasRun && OPTION_KEYS.some((k) => (previous[k] ?? DEFAULT_OPTIONS[k]) !== options[k]);
  const full = options.full || optionsChanged || !hasRun;

  // Rows become the engine's records in place (a library can hold 100k records or more).
  const rows = db.prepare(RECORDS_SQL).all() as Array<Record<string, unknown>>;
  const records = rows as unknown as DedupeInput[];
  const isNew = new Uint8Array(rows.length);
  const index = new Map<number, number>();
  let recordsNew = 0;
  let unseen = 0;
  rows.forEach((r, i) => {
    r.authors = JSON.parse(r.authors as string) as string[];
    r.previous = r.previous === 1;
    index.set(r.id as number, i);
    if (!r.seen) unseen++;
    if (full || !r.seen) {
      isNew[i] = 1;
      recordsNew++;
    }
    delete r.seen;
  });
  const info: DedupeRunInfo = {
    mode: full ? 'full' : 'incremental',
    reason: options.full ? 'asked for' : optionsChanged ? 'options changed' : !hasRun ? 'first run' : undefined,
    recordsNew, candidates: 0, compared: 0, duplicatePairs: 0, uncertainPairs: 0, groupsCreated: 0, groupsChanged: 0,
    seconds: 0, options,
  };
  if (recordsNew === 0 || (!full && unseen === 0)) {
    info.mode = 'up-to-date';
    info.seconds = (performance.now() - t0) / 1000;
    return { ...dedupeSummary(db), run: info, changed: false };
  }

  const idx = (id: number) => index.get(id)!;
  const decisions = latestDecisions(db).filter((d) => index.has(d.a) && index.has(d.b));
  const same = decisions.filter((d) => d.decision === 'same').map((d): [number, number] => [idx(d.a), idx(d.b)]);
  const different = decisions.filter((d) => d.decision === 'different').map((d): [number, number] => [idx(d.a), idx(d.b)]);
  const existing = openGroups(db);
  const result = runEngine({
    records, options, isNew: (i) => isNew[i] === 1, same, different,
    groups: [...existing.values()].map((g) => g.map(idx)),
  });
  Object.assign(info, {
    candidates: result.candidates, compared: result.compared,
    duplicatePairs: result.duplicates.length, uncertainPairs: result.uncertain.length,
  });

  db.transaction(() => {
    const id = Number(db.prepare(`INSERT INTO dedupe_runs (started_at, finished_at, mode, options, records_in, records_new,
      candidates, compared, duplicates, uncertain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      started, started, info.mode, JSON.stringify(Object.fromEntries(OPTION_KEYS.map((k) => [k, options[k]]))),
      records.length, recordsNew, info.candidates, info.compared, info.duplicatePairs, info.uncertainPairs,
    ).lastInsertRowid);
    storePairs(db, id, records, [...result.duplicates, ...result.uncertain], full);

    // Groups: each component the engine found becomes (or stays) one group.
    const store = new GroupStore(db, id);
    const joins = joinInfo(records, result.duplicates, same);
    const groupOfRecord = new Map<number, number>();
    for (const [g, members] of existing) for (const m of members) groupOfRecord.set(m, g);
    for (const component of result.groups) {
      const ids = component.map((i) => records[i].id);
      const groupIds = new Set(ids.map((r) => groupOfRecord.get(r)));
      const unchanged = groupIds.size === 1 && !groupIds.has(undefined) && existing.get([...groupIds][0]!)!.length === ids.length;
      if (unchanged) continue;
      const change = store.unite(ids, joins);
      if (change.created) info.groupsCreated++;
      else info.groupsChanged++;
    }
    const markSeen = db.prepare('INSERT INTO dedupe_seen (record_id, run_id) VALUES (?, ?) ON CONFLICT(record_id) DO UPDATE SET run_id = excluded.run_id');
    for (let i = 0; i < records.length; i++) if (isNew[i]) markSeen.run(records[i].id, id);
    info.seconds = (performance.now() - t0) / 1000;
    db.prepare('UPDATE dedupe_runs SET finished_at = ? WHERE id = ?').run(now(), id);
    store.log('run', null, null, {
      mode: info.mode, reason: info.reason, recordsNew, duplicatePairs: info.duplicatePairs, uncertainPairs: info.uncertainPairs,
      groupsCreated: info.groupsCreated, groupsChanged: info.groupsChanged,
    });
  })();
  return { ...dedupeSummary(db), run: info, changed: true };
}

/** How each grouped record was matched: its strongest duplicate pair, or a person's decision. */
function joinInfo(records: DedupeInput[], duplicates: ScoredPair[], same: Array<[number, number]>): Map<number, JoinInfo> {
  const joins = new Map<number, JoinInfo>();
  const offer = (i: number, j: number, rule: string, score: number) => {
    const id = records[i].id;
    const cur = joins.get(id);
    if (!cur || (cur.score ?? 0) < score) joins.set(id, { rule, score, matchedWith: records[j].id });
  };
  for (const [i, j] of same) {
    offer(i, j, 'person', 1);
    offer(j, i, 'person', 1);
  }
  for (const d of duplicates) {
    offer(d.i, d.j, d.rule, d.score);
    offer(d.j, d.i, d.rule, d.score);
  }
  return joins;
}

/** Keep the duplicate and uncertain pairs found (a full run also forgets pairs no longer found). */
function storePairs(db: DB, runId: number, records: DedupeInput[], pairs: ScoredPair[], full: boolean): void {
  const t = now();
  const upsert = db.prepare(`INSERT INTO dedupe_pairs (record_a, record_b, outcome, score, rule, evidence, run_id, scored_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(record_a, record_b) DO UPDATE SET outcome = excluded.outcome, score = excluded.score, rule = excluded.rule,
      evidence = excluded.evidence, run_id = excluded.run_id, scored_at = excluded.scored_at`);
  const found = new Set<string>();
  for (const p of pairs) {
    const a = Math.min(records[p.i].id, records[p.j].id);
    const b = Math.max(records[p.i].id, records[p.j].id);
    found.add(`${a},${b}`);
    upsert.run(a, b, p.outcome, p.score, p.rule, JSON.stringify(p.evidence), runId, t);
  }
  if (full) {
    const remove = db.prepare('DELETE FROM dedupe_pairs WHERE id = ?');
    for (const row of db.prepare('SELECT id, record_a AS a, record_b AS b FROM dedupe_pairs').all() as Array<{ id: number; a: number; b: number }>) {
      if (!found.has(`${row.a},${row.b}`)) remove.run(row.id);
    }
  }
}
