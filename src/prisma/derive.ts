/**
 * Derive every PRISMA 2020 box from the review database.
 *
 * - Identification: records per database/register and per other method, from
 *   `import_files`/`records` (migration 001), plus records removed before
 *   import (the only hand-entered removals, migration 005).
 * - Duplicates: records merged away by de-duplication (migration 002), via
 *   the screening pool (`screen/pool.ts` is the one place that knows how
 *   dedupe marks records).
 * - Screening, retrieval, eligibility, inclusion: the screening library's
 *   record states (migration 004: decisions, resolutions, automatic criteria
 *   marks, full-text retrieval), split by PRISMA arm (the method of the file
 *   each record came from).
 * - Studies vs reports: `study_links` (migration 006) links several reports
 *   to one study.
 *
 * A stage that has not been run leaves its boxes undefined ("n/a", with what
 * it awaits), never 0 and never a guess.
 */
import type { DB } from '../store/db.js';
import type { Criteria } from '../criteria/format.js';
import { screenableSql } from '../screen/pool.js';
import { stageStates, type RecordState } from '../screen/state.js';
import { allFulltext } from '../screen/fulltext.js';
import { exclusionReason } from '../screen/progress.js';
import { sumKnown, type BoxName, type PrismaCounts, type Provenance, type Reason } from './boxes.js';
import { listManualEntries, type ManualEntry } from './manual.js';

export type PendingStage = 'dedupe' | 'screening' | 'automation' | 'fulltext' | 'previous';

/** Quantities the reference review reports that are not boxes of the PRISMA 2020 template. */
export interface ExtraCounts {
  /** Records identified by other methods that were screened at title/abstract (the reference review's "77 from other sources"). */
  other_records_screened?: number;
}

export interface Derivation {
  counts: PrismaCounts;
  provenance: Partial<Record<BoxName, Provenance>>;
  extras: ExtraCounts;
  /** Records still pending or in unresolved conflict, per stage (explains arithmetic that does not add up yet). */
  open: { titleAbstract?: number; fullText?: number };
  manual: ManualEntry[];
}

type Arm = 'dbr' | 'other';
const armOf = (method: string): Arm => (method === 'database' || method === 'register' ? 'dbr' : 'other');

function tableExists(db: DB, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?").get(name) !== undefined;
}

function any(db: DB, sql: string, ...params: unknown[]): boolean {
  return db.prepare(sql).get(...params) !== undefined;
}

// ------------------------------------------------------------ identification

interface SourceCount {
  name: string;
  method: string;
  n: number;
}

function identification(db: DB): SourceCount[] {
  return db.prepare(`
    SELECT COALESCE(r.database, f.database, f.interface, '') AS name, f.method, COUNT(*) AS n
    FROM records r JOIN import_files f ON f.id = r.file_id
    WHERE f.previous = 0
    GROUP BY 1, 2 ORDER BY n DESC, name`).all() as SourceCount[];
}

/** Per-database list of an arm, with records removed before import added to their database. */
function sourceList(sources: SourceCount[], method: 'database' | 'register', removals: ManualEntry[]): Reason[] {
  const byName = new Map<string, number>();
  for (const s of sources) if (s.method === method) byName.set(s.name, (byName.get(s.name) ?? 0) + s.n);
  for (const e of removals) if (e.method === method) byName.set(e.database ?? '', (byName.get(e.database ?? '') ?? 0) + e.n);
  return [...byName].map(([reason, n]) => ({ reason, n })).sort((a, b) => b.n - a.n || a.reason.localeCompare(b.reason));
}

// ------------------------------------------------------------ records and arms

/** The PRISMA arm of every record of the current search (not of a previous version). */
function armsOfRecords(db: DB): Map<number, Arm> {
  const rows = db.prepare(`SELECT r.id, f.method FROM records r JOIN import_files f ON f.id = r.file_id WHERE f.previous = 0`)
    .all() as Array<{ id: number; method: string }>;
  return new Map(rows.map((r) => [r.id, armOf(r.method)]));
}

function poolIds(db: DB): Set<number> {
  return new Set(db.prepare(screenableSql(db)).pluck().all() as number[]);
}

/** De-duplication has run at least once (before that, "duplicates removed" is unknown, not 0). */
function dedupeHasRun(db: DB): boolean {
  return tableExists(db, 'dedupe_runs') && any(db, 'SELECT 1 FROM dedupe_runs LIMIT 1');
}

/**
 * Whether a screening stage has begun (any decision or resolution). The
 * screening tables are checked for first: their schema (migration 004) is
 * still settling, and a missing table means "not derivable yet", never 0.
 */
function stageStarted(db: DB, stage: 'title-abstract' | 'full-text'): boolean {
  if (!tableExists(db, 'decisions') || !tableExists(db, 'resolutions')) return false;
  return any(db, 'SELECT 1 FROM decisions WHERE stage = ? LIMIT 1', stage) || any(db, 'SELECT 1 FROM resolutions WHERE stage = ? LIMIT 1', stage);
}

function fulltextRecorded(db: DB): boolean {
  return tableExists(db, 'fulltext') && any(db, 'SELECT 1 FROM fulltext LIMIT 1');
}

/**
 * TODO(previous version in the database): studies included in the previous
 * version of the review cannot be derived yet — records imported with
 * `--previous` carry no screening outcome (the screening pool leaves them
 * out). Until the previous version's decisions can be imported, these boxes
 * come from manual entries (`review prisma manual add previous_studies …`).
 */
function todoPreviousIncludedFromDatabase(_db: DB): { studies?: number; reports?: number } {
  return {};
}

// ------------------------------------------------------------ derivation

export interface DeriveOptions {
  /** Exclusion reasons are ordered and labelled as in the criteria file. */
  criteria?: Criteria;
}

export function derivePrisma(db: DB, options: DeriveOptions = {}): Derivation {
  const counts: PrismaCounts = {};
  const provenance: Partial<Record<BoxName, Provenance>> = {};
  const extras: ExtraCounts = {};
  const open: Derivation['open'] = {};
  const manual = listManualEntries(db);
  const entries = (box: string) => manual.filter((e) => e.box === box);
  const ids = (es: ManualEntry[]) => es.map((e) => e.id);
  const derived = (box: BoxName, from: string, es: ManualEntry[] = []) => {
    provenance[box] = es.length ? { kind: 'derived+manual', from, entries: ids(es) } : { kind: 'derived', from };
  };
  const pending = (box: BoxName, awaiting: PendingStage) => {
    provenance[box] = { kind: 'pending', awaiting };
  };

  // Identification.
  const sources = identification(db);
  const removals = manual.filter((e) => e.method !== null);
  const methodTotal = (m: string) => sources.filter((s) => s.method === m).reduce((a, s) => a + s.n, 0);
  const removedFrom = (m: string) => removals.filter((e) => e.method === m);
  counts.database_specific_results = sourceList(sources, 'database', removals);
  counts.database_results = methodTotal('database') + removedFrom('database').reduce((a, e) => a + e.n, 0);
  counts.register_specific_results = sourceList(sources, 'register', removals);
  counts.register_results = methodTotal('register') + removedFrom('register').reduce((a, e) => a + e.n, 0);
  derived('database_results', 'records imported from database searches, plus records removed before import', removedFrom('database'));
  derived('database_specific_results', 'records per database (record DB field, else the file\'s database or interface)', removedFrom('database'));
  derived('register_results', 'records imported from register searches, plus records removed before import', removedFrom('register'));
  derived('register_specific_results', 'records per register', removedFrom('register'));
  counts.website_results = methodTotal('website');
  counts.organisation_results = methodTotal('organisation');
  counts.citations_results = methodTotal('citation');
  derived('website_results', 'records imported with method website');
  derived('organisation_results', 'records imported with method organisation');
  derived('citations_results', 'records imported with method citation');

  // Removed before screening.
  const arms = armsOfRecords(db);
  const pool = poolIds(db);
  const inArm = (arm: Arm) => [...arms].filter(([, a]) => a === arm).map(([id]) => id);
  if (dedupeHasRun(db)) {
    counts.duplicates = inArm('dbr').filter((id) => !pool.has(id)).length;
    derived('duplicates', 'database/register records merged away by de-duplication');
  } else pending('duplicates', 'dedupe');

  const otherRemovals = entries('excluded_other');
  counts.excluded_other = otherRemovals.reduce((a, e) => a + e.n, 0);
  provenance.excluded_other = otherRemovals.length ? { kind: 'manual', entries: ids(otherRemovals) } : { kind: 'derived', from: 'no records were recorded as removed before import' };

  // Title/abstract screening.
  const taStarted = stageStarted(db, 'title-abstract');
  const autoRan = tableExists(db, 'criteria_checks') && any(db, 'SELECT 1 FROM criteria_checks LIMIT 1');
  const autoEntries = entries('excluded_automatic');
  const ta = taStarted || autoRan ? [...stageStates(db, 'title-abstract').values()] : [];
  const taArm = (arm: Arm, f: (s: RecordState) => boolean) => ta.filter((s) => arms.get(s.recordId) === arm && f(s)).length;
  if (taStarted || autoRan) {
    counts.excluded_automatic = taArm('dbr', (s) => s.outcome === 'auto-excluded') + autoEntries.reduce((a, e) => a + e.n, 0);
    derived('excluded_automatic', 'records the criteria check marked ineligible and nobody sent back to screening', autoEntries);
  } else pending('excluded_automatic', 'automation');

  if (taStarted) {
    counts.records_screened = taArm('dbr', (s) => s.outcome !== 'auto-excluded');
    counts.records_excluded = taArm('dbr', (s) => s.outcome === 'exclude');
    counts.dbr_sought_reports = taArm('dbr', (s) => s.outcome === 'include');
    counts.other_sought_reports = taArm('other', (s) => s.outcome === 'include');
    extras.other_records_screened = taArm('other', (s) => s.outcome !== 'auto-excluded');
    // Explains the database/register arm's screening → retrieval check, so counted in that arm only.
    open.titleAbstract = taArm('dbr', (s) => s.outcome === 'pending' || s.outcome === 'conflict');
    derived('records_screened', 'de-duplicated database/register records in title/abstract screening (not excluded by automation)');
    derived('records_excluded', 'database/register records excluded at title/abstract (agreement or resolution)');
    derived('dbr_sought_reports', 'database/register records included at title/abstract');
    derived('other_sought_reports', 'other-methods records included at title/abstract');
  } else {
    for (const b of ['records_screened', 'records_excluded', 'dbr_sought_reports', 'other_sought_reports'] as const) pending(b, 'screening');
  }

  // Full text: retrieval, eligibility, inclusion.
  const ftStarted = stageStarted(db, 'full-text') || fulltextRecorded(db);
  const ftBoxes = ['dbr_notretrieved_reports', 'dbr_assessed', 'dbr_excluded', 'other_notretrieved_reports', 'other_assessed', 'other_excluded', 'new_studies', 'new_reports'] as const;
  if (taStarted && ftStarted) {
    const ft = [...stageStates(db, 'full-text').values()];
    const retrieval = allFulltext(db);
    const notRetrieved = (s: RecordState) => retrieval.get(s.recordId)?.status === 'not-retrieved' && s.decisions.length === 0 && !s.resolution;
    const order = options.criteria?.criteria.map((c) => c.code) ?? [];
    const label = (code: string) => options.criteria?.criteria.find((c) => c.code === code)?.element;
    for (const arm of ['dbr', 'other'] as const) {
      const mine = ft.filter((s) => arms.get(s.recordId) === arm);
      const assessed = mine.filter((s) => !notRetrieved(s));
      const reasons = new Map<string, number>();
      for (const s of assessed.filter((x) => x.outcome === 'exclude')) {
        const r = exclusionReason(s, order) ?? '';
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
      const rank = (c: string) => (order.indexOf(c) < 0 ? order.length : order.indexOf(c));
      const list: Reason[] = [...reasons].map(([reason, n]) => ({ reason, n, ...(label(reason) ? { label: label(reason) } : {}) }))
        .sort((a, b) => rank(a.reason) - rank(b.reason) || a.reason.localeCompare(b.reason));
      counts[`${arm}_notretrieved_reports`] = mine.length - assessed.length;
      counts[`${arm}_assessed`] = assessed.length;
      counts[`${arm}_excluded`] = list;
      derived(`${arm}_notretrieved_reports`, `${arm === 'dbr' ? 'database/register' : 'other-methods'} reports recorded as not retrieved (review fulltext --not-retrieved)`);
      derived(`${arm}_assessed`, `${arm === 'dbr' ? 'database/register' : 'other-methods'} reports in full-text screening`);
      derived(`${arm}_excluded`, 'reports excluded at full text, by the criterion code of the resolution or the reviewers');
    }
    const included = ft.filter((s) => !notRetrieved(s) && s.outcome === 'include').map((s) => s.recordId);
    counts.new_reports = included.length;
    counts.new_studies = countStudies(db, included);
    open.fullText = ft.filter((s) => !notRetrieved(s) && (s.outcome === 'pending' || s.outcome === 'conflict')).length;
    derived('new_reports', 'reports included at full text');
    derived('new_studies', 'included reports, counting reports linked to one study once (review extract link)');
  } else {
    for (const b of ftBoxes) pending(b, taStarted ? 'fulltext' : 'screening');
  }

  // Previous version (updated reviews).
  const previousFiles = any(db, 'SELECT 1 FROM import_files WHERE previous = 1 LIMIT 1');
  const fromDb = todoPreviousIncludedFromDatabase(db);
  for (const [box, value] of [['previous_studies', fromDb.studies], ['previous_reports', fromDb.reports]] as const) {
    const es = entries(box);
    if (es.length) {
      counts[box] = es.reduce((a, e) => a + e.n, 0);
      provenance[box] = { kind: 'manual', entries: ids(es) };
    } else if (value !== undefined) {
      counts[box] = value;
      derived(box, 'studies included in the previous version');
    } else if (previousFiles) {
      pending(box, 'previous');
    } else {
      counts[box] = 0;
      derived(box, 'no previous version of the review is recorded');
    }
  }
  counts.total_studies = sumKnown(counts.previous_studies, counts.new_studies);
  counts.total_reports = sumKnown(counts.previous_reports, counts.new_reports);
  if (counts.total_studies !== undefined) derived('total_studies', 'previous_studies + new_studies');
  else pending('total_studies', provenance.new_studies?.kind === 'pending' ? (provenance.new_studies as { awaiting: PendingStage }).awaiting : 'previous');
  if (counts.total_reports !== undefined) derived('total_reports', 'previous_reports + new_reports');
  else pending('total_reports', provenance.new_reports?.kind === 'pending' ? (provenance.new_reports as { awaiting: PendingStage }).awaiting : 'previous');

  return { counts, provenance, extras, open, manual };
}

/**
 * Records included at full text (reports of included studies), or undefined
 * while full-text screening has not started (nothing is included yet).
 */
export function includedRecordIds(db: DB): number[] | undefined {
  if (!stageStarted(db, 'title-abstract') || !(stageStarted(db, 'full-text') || fulltextRecorded(db))) return undefined;
  const retrieval = allFulltext(db);
  return [...stageStates(db, 'full-text').values()]
    .filter((s) => s.outcome === 'include' && !(retrieval.get(s.recordId)?.status === 'not-retrieved' && s.decisions.length === 0 && !s.resolution))
    .map((s) => s.recordId);
}

/** Included reports grouped into studies: a report linked to a study counts once, with its study. */
export function countStudies(db: DB, includedRecords: number[]): number {
  if (!tableExists(db, 'study_links')) return includedRecords.length;
  const link = db.prepare('SELECT study_record_id FROM study_links WHERE record_id = ?').pluck();
  const studies = new Set<number>();
  for (const id of includedRecords) studies.add((link.get(id) as number | undefined) ?? id);
  return studies.size;
}
