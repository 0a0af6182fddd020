/**
 * Decisions as plain-text CSV: export everything (for archiving in git and
 * reproducing the counts), import the native layout or a Rayyan export.
 *
 * Native layout, one row per event, in time order:
 *
 *   record,reviewer,stage,decision,reason,note,decided_at,kind,method,record_key
 *
 * The first seven columns are all a spreadsheet needs (kind defaults to
 * `decision`). The rest make the file a complete archive:
 * - kind `decision`:   a reviewer's decision (include/exclude/unsure; `withdrawn` = taken back by the tool)
 * - kind `resolution`: reviewer = who resolved, decision include/exclude, method consensus/third-reviewer/lead
 * - kind `override`:   reviewer sent an automatically excluded record back to people (decision `override`)
 * - kind `fulltext`:   decision `retrieved` (note = path or URL) or `not-retrieved` (note = why)
 * - kind `reviewer`:   declares a reviewer (decision `lead` or `reviewer`), so a fresh database can take the file
 * - kind `blinding`:   the lead lifted (`lift`) or restored (`restore`) blinding for the stage
 * - kind `merge`:      de-duplication merged the record keyed in `note` into this one (`merge`),
 *                      or undid it (`split`); replayed so merge conflicts come back too
 * `record_key` = `<imported file path>#<record ordinal>`: the record in any database
 * built from the same files, whatever ids it was given (it wins over `record`).
 * A row with a record_key is an archived event: it is restored on that very
 * record as it was (not moved to a primary, not re-checked against the
 * screening pool, which it was checked against when it was made).
 *
 * An import is validated first (unknown record, reviewer, stage, decision or
 * code → an error naming the line) and then written in one transaction:
 * any error, nothing written. Rows already in the database are skipped, so
 * importing the same file twice changes nothing.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DB } from '../store/db.js';
import { readCsvTable } from '../util/csv-table.js';
import { criterionFor, type Criteria } from '../criteria/format.js';
import { overrideAutoExclusion } from '../criteria/check.js';
import { normaliseDoi, normalisePmid } from '../ingest/normalise.js';
import {
  appendDecision, appendResolution, parseTimestamp, requireInPool, validateDecision, validateResolution,
  type ValidDecision, type ValidResolution,
} from './decisions.js';
import { currentFulltext, recordFulltext } from './fulltext.js';
import { isScreenable, primaryOf } from './pool.js';
import { moveDecisionsToPrimary, restoreAfterSplit } from './merge.js';
import { addReviewer, findReviewer, getReviewer, setBlinding } from './reviewers.js';
import { now, parseStage, ScreeningError, type Stage } from './types.js';

export const NATIVE_HEADER = ['record', 'reviewer', 'stage', 'decision', 'reason', 'note', 'decided_at', 'kind', 'method', 'record_key'] as const;
const KINDS = ['decision', 'resolution', 'override', 'fulltext', 'reviewer', 'blinding', 'merge'] as const;
type Kind = (typeof KINDS)[number];

// ---------------------------------------------------------------- export

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Array<Array<string | number | null | undefined>>): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

interface ExportRow {
  record: number | null;
  reviewer: string | null;
  stage: string | null;
  decision: string;
  reason: string | null;
  note: string | null;
  at: string;
  kind: Kind;
  method: string | null;
  key: string | null;
  order: number;
  id: number;
}

const KEY = `(SELECT f.path || '#' || r.ordinal FROM records r JOIN import_files f ON f.id = r.file_id WHERE r.id = x.record_id)`;

/**
 * Every decision, resolution, override, full-text state, reviewer and
 * blinding event as native CSV. `blinded`: record/stage pairs to leave out
 * (exporting without a lead's authority, see the CLI).
 */
export function exportDecisions(db: DB, options: { withhold?: (recordId: number, stage: Stage) => boolean } = {}):
  { csv: string; rows: number; withheld: number } {
  const rows: ExportRow[] = [];
  const push = (sql: string, kind: Kind, order: number) => {
    for (const r of db.prepare(sql).all() as Array<Omit<ExportRow, 'kind' | 'order'>>) rows.push({ ...r, kind, order });
  };
  push(`SELECT NULL AS record, name AS reviewer, NULL AS stage, CASE lead WHEN 1 THEN 'lead' ELSE 'reviewer' END AS decision,
    NULL AS reason, NULL AS note, added_at AS at, NULL AS method, NULL AS "key", id FROM reviewers`, 'reviewer', 0);
  push(`SELECT x.record_id AS record, v.name AS reviewer, x.stage, x.decision, x.reason, x.note, x.decided_at AS at,
    NULL AS method, ${KEY} AS "key", x.id FROM decisions x JOIN reviewers v ON v.id = x.reviewer_id`, 'decision', 2);
  push(`SELECT x.record_id AS record, v.name AS reviewer, x.stage, x.decision, x.reason, x.note, x.resolved_at AS at,
    x.method, ${KEY} AS "key", x.id FROM resolutions x JOIN reviewers v ON v.id = x.resolved_by`, 'resolution', 3);
  push(`SELECT x.record_id AS record, v.name AS reviewer, 'title-abstract' AS stage, 'override' AS decision, NULL AS reason,
    x.note, x.overridden_at AS at, NULL AS method, ${KEY} AS "key", x.id FROM auto_overrides x JOIN reviewers v ON v.id = x.reviewer_id`, 'override', 1);
  push(`SELECT x.record_id AS record, v.name AS reviewer, 'full-text' AS stage, x.status AS decision, NULL AS reason,
    COALESCE(x.location, x.reason) AS note, x.recorded_at AS at, NULL AS method, ${KEY} AS "key", x.id
    FROM fulltext x LEFT JOIN reviewers v ON v.id = x.reviewer_id`, 'fulltext', 4);
  push(`SELECT NULL AS record, v.name AS reviewer, x.stage, x.action AS decision, NULL AS reason, x.note, x.at,
    NULL AS method, NULL AS "key", x.id FROM blinding_events x JOIN reviewers v ON v.id = x.reviewer_id`, 'blinding', 5);
  const moveKey = (col: string) => `(SELECT f.path || '#' || r.ordinal FROM records r JOIN import_files f ON f.id = r.file_id WHERE r.id = x.${col})`;
  push(`SELECT x.to_record AS record, NULL AS reviewer, NULL AS stage, 'merge' AS decision, NULL AS reason, ${moveKey('from_record')} AS note,
    x.moved_at AS at, NULL AS method, ${moveKey('to_record')} AS "key", x.id FROM decision_moves x`, 'merge', 6);
  push(`SELECT x.to_record AS record, NULL AS reviewer, NULL AS stage, 'split' AS decision, NULL AS reason, ${moveKey('from_record')} AS note,
    x.undone_at AS at, NULL AS method, ${moveKey('to_record')} AS "key", x.id FROM decision_moves x WHERE x.undone_at IS NOT NULL`, 'merge', 7);
  let withheld = 0;
  const kept = rows.filter((r) => {
    if (!options.withhold || r.record === null || (r.kind !== 'decision' && r.kind !== 'resolution')) return true;
    const hide = options.withhold(r.record, r.stage as Stage);
    if (hide) withheld++;
    return !hide;
  });
  // Reviewers first; then by time, kind and id, so an import replays events in their order.
  kept.sort((a, b) => (a.kind === 'reviewer' ? 0 : 1) - (b.kind === 'reviewer' ? 0 : 1) || a.at.localeCompare(b.at) ||
    a.order - b.order || a.id - b.id);
  const csv = toCsv([
    [...NATIVE_HEADER],
    ...kept.map((r) => [r.record, r.reviewer, r.stage, r.decision, r.reason, r.note, r.at, r.kind, r.method, r.key]),
  ]);
  return { csv, rows: kept.length, withheld };
}

// ---------------------------------------------------------------- import

export interface ImportProblem {
  line: number;
  message: string;
}

export class DecisionsImportError extends ScreeningError {
  constructor(
    readonly file: string,
    readonly problems: ImportProblem[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing imported:\n` +
      problems.slice(0, 20).map((p) => `  line ${p.line}: ${p.message}`).join('\n') +
      (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''));
  }
}

export interface ImportSummary {
  file: string;
  format: 'native' | 'rayyan';
  rows: number;
  written: number;
  unchanged: number;
  byKind: Record<string, number>;
  /** Rows whose record had been merged into another (written to the primary). */
  movedToPrimary: number;
  /** Rows whose record_key named a different id than their `record` column. */
  remapped: number;
  /** Archived rows on records that are merged away in this database (history only, they count for nothing). */
  onMergedAway: number;
  /** Rayyan: how rows were matched to records. */
  matchedBy?: Record<string, number>;
  /** Records given a full-text decision by this import whose report is marked not retrieved (PRISMA counts them as assessed). */
  decidedNotRetrieved: number[];
}

export interface ImportOptions {
  format?: 'native' | 'rayyan';
  /** Rayyan: the stage its decisions belong to (default title-abstract). */
  stage?: Stage | string;
  /** Rayyan: exclusion reason label → criterion code, beyond the criteria's aliases. */
  reasonMap?: Record<string, string>;
}

/** One planned write, validated as far as possible before anything is written. */
type Planned =
  | { kind: 'decision'; line: number; value: ValidDecision; archive: boolean }
  | { kind: 'resolution'; line: number; value: ValidResolution; archive: boolean }
  | { kind: 'merge'; line: number; from: number; to: number; action: 'merge' | 'split'; at: string }
  | { kind: 'override'; line: number; recordId: number; reviewer: string; note: string | null; at: string }
  | { kind: 'fulltext'; line: number; recordId: number; reviewer: string | null; status: string; note: string | null; at: string; archive: boolean }
  | { kind: 'blinding'; line: number; reviewer: string; stage: Stage; action: 'lift' | 'restore'; note: string | null; at: string };

/** The header (lower case), the rows, and the line of the file each row starts on. */
function readTable(text: string): { header: string[]; rows: string[][]; lines: number[] } {
  const table = readCsvTable(text);
  return { header: table.header.map((h) => h.trim().toLowerCase()), rows: table.rows.map((r) => r.cells), lines: table.rows.map((r) => r.line) };
}

export function detectFormat(header: string[], rows: string[][]): 'native' | 'rayyan' | undefined {
  if (['record', 'reviewer', 'stage', 'decision'].every((h) => header.includes(h))) return 'native';
  const notes = header.indexOf('notes');
  if (notes >= 0 && rows.some((r) => /RAYYAN-INCLUSION/.test(r[notes] ?? ''))) return 'rayyan';
  return undefined;
}

/** Import decisions from a CSV file (native layout or a Rayyan export). */
export function importDecisions(db: DB, criteria: Criteria, path: string, options: ImportOptions = {}): ImportSummary {
  const { header, rows, lines } = readTable(readFileSync(path, 'utf8'));
  const format = options.format ?? detectFormat(header, rows);
  if (!format) {
    throw new ScreeningError(`${path}: not a decisions file: expected the header ${NATIVE_HEADER.slice(0, 7).join(',')} ` +
      '(or a Rayyan export with RAYYAN-INCLUSION notes)');
  }
  const file = basename(path);
  const summary: ImportSummary = { file: path, format, rows: rows.length, written: 0, unchanged: 0, byKind: {}, movedToPrimary: 0, remapped: 0, onMergedAway: 0, decidedNotRetrieved: [] };
  // One IMMEDIATE transaction: reviewers the file declares are added first (so later rows can
  // name them), every row is validated, then written; any problem rolls everything back.
  db.transaction(() => {
    const planned = format === 'native'
      ? planNative(db, criteria, header, rows, lines, file, summary, path)
      : planRayyan(db, criteria, header, rows, lines, file, summary, path, options);
    const problems: ImportProblem[] = [];
    const seen = new Map<string, number>();
    const decidedAtFullText = new Set<number>();
    for (const p of planned) {
      try {
        // The n-th identical row of the file is written only if fewer than n are already there.
        const signature = JSON.stringify(p, (k, v) => (k === 'line' ? undefined : k === 'reviewer' && v && typeof v === 'object' ? v.id : v));
        const occurrence = (seen.get(signature) ?? 0) + 1;
        seen.set(signature, occurrence);
        const changed = writePlanned(db, p, occurrence);
        if (changed) {
          summary.written++;
          summary.byKind[p.kind] = (summary.byKind[p.kind] ?? 0) + 1;
          if (p.kind === 'decision' && p.value.stage === 'full-text' && p.value.decision !== 'withdrawn') decidedAtFullText.add(p.value.recordId);
        } else summary.unchanged++;
      } catch (e) {
        if (!(e instanceof ScreeningError)) throw e;
        problems.push({ line: p.line, message: e.message });
      }
    }
    if (problems.length) throw new DecisionsImportError(path, problems);
    // As `review decide` warns: decided at full text, yet (after the whole file) marked not retrieved.
    const decided = db.prepare("SELECT 1 FROM current_decisions WHERE record_id = ? AND stage = 'full-text' LIMIT 1");
    summary.decidedNotRetrieved = [...decidedAtFullText]
      .filter((id) => currentFulltext(db, id)?.status === 'not-retrieved' && decided.get(id) !== undefined).sort((a, b) => a - b);
  }).immediate();
  return summary;
}

function writePlanned(db: DB, p: Planned, occurrence: number): boolean {
  switch (p.kind) {
    case 'decision':
      if (!p.archive && p.value.decision !== 'withdrawn') requireInPool(db, p.value.recordId, p.value.stage);
      return appendDecision(db, p.value, occurrence).changed;
    case 'resolution':
      if (!p.archive) requireInPool(db, p.value.recordId, p.value.stage);
      return appendResolution(db, p.value, occurrence).changed;
    case 'merge': {
      // Replayed once: a move (or its undoing) already recorded at that time is not replayed again.
      const at = p.action === 'merge' ? 'moved_at' : 'undone_at';
      if (db.prepare(`SELECT 1 FROM decision_moves WHERE from_record = ? AND to_record = ? AND ${at} = ?`).get(p.from, p.to, p.at)) return false;
      if (p.action === 'merge') return moveDecisionsToPrimary(db, p.from, p.to, { at: p.at }).moveId !== undefined;
      if (!db.prepare('SELECT 1 FROM decision_moves WHERE from_record = ? AND to_record = ? AND undone_at IS NULL').get(p.from, p.to)) return false;
      restoreAfterSplit(db, p.from, p.to, { at: p.at });
      return true;
    }
    case 'override':
      return overrideAutoExclusion(db, p.recordId, p.reviewer, p.note ?? undefined, { at: p.at, source: 'import' }).changed;
    case 'fulltext': {
      const location = p.status === 'retrieved' ? p.note : null;
      const reason = p.status === 'retrieved' ? null : p.note;
      // The same event already there (same time too): not added twice.
      if ((db.prepare('SELECT COUNT(*) FROM fulltext WHERE record_id = ? AND status = ? AND location IS ? AND reason IS ? AND recorded_at = ?')
        .pluck().get(p.recordId, p.status, location, reason, p.at) as number) >= occurrence) return false;
      if (!p.archive) {
        return recordFulltext(db, {
          recordId: p.recordId, by: p.reviewer ?? undefined, recordedAt: p.at, source: 'import',
          ...(p.status === 'retrieved' ? { retrieved: p.note ?? '' } : { notRetrieved: p.note ?? '' }),
        }).changed;
      }
      const reviewer = p.reviewer ? getReviewer(db, p.reviewer).id : null;
      db.prepare('INSERT INTO fulltext (record_id, status, location, reason, reviewer_id, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(p.recordId, p.status, location, reason, reviewer, p.at, 'import');
      return true;
    }
    case 'blinding': {
      if ((db.prepare('SELECT COUNT(*) FROM blinding_events WHERE stage = ? AND action = ? AND at = ?').pluck().get(p.stage, p.action, p.at) as number) >= occurrence) return false;
      const before = db.prepare('SELECT COUNT(*) FROM blinding_events').pluck().get() as number;
      setBlinding(db, p.reviewer, p.action, [p.stage], p.note ?? undefined, p.at);
      return (db.prepare('SELECT COUNT(*) FROM blinding_events').pluck().get() as number) > before;
    }
  }
}

/**
 * The record a `record_key` names: the file imported under that path, else —
 * when the archive is replayed where the exports sit elsewhere (another
 * machine, a file imported from outside the workspace) — the one imported
 * file with the same file name. Two files of that name: no guess.
 */
function recordByKey(db: DB, path: string, ordinal: number): number | undefined {
  const byPath = db.prepare('SELECT r.id FROM records r JOIN import_files f ON f.id = r.file_id WHERE f.path = ? AND r.ordinal = ?');
  const exact = byPath.pluck().get(path, ordinal) as number | undefined;
  if (exact !== undefined) return exact;
  const name = path.split(/[\\/]/).pop()!;
  const sameName = (db.prepare('SELECT path FROM import_files').pluck().all() as string[])
    .filter((p) => p.split(/[\\/]/).pop() === name);
  return sameName.length === 1 ? (byPath.pluck().get(sameName[0], ordinal) as number | undefined) : undefined;
}

/** A record id from the `record` and `record_key` columns (key wins), mapped to its primary if merged. */
function resolveRecord(db: DB, idText: string, key: string, summary: ImportSummary): number {
  let id: number | undefined;
  if (key) {
    const hash = key.lastIndexOf('#');
    const path = key.slice(0, hash);
    const ordinal = Number(key.slice(hash + 1));
    id = hash > 0 && Number.isInteger(ordinal) ? recordByKey(db, path, ordinal) : undefined;
    if (id === undefined) throw new ScreeningError(`record_key "${key}" names no imported record (file path as imported, #ordinal)`);
    if (idText && Number(idText) !== id) summary.remapped++;
  } else {
    if (!/^\d+$/.test(idText)) throw new ScreeningError(`record "${idText}" is not a record id (see \`review records\`)`);
    id = Number(idText);
    if (db.prepare('SELECT 1 FROM records WHERE id = ?').get(id) === undefined) throw new ScreeningError(`unknown record ${id} (see \`review records\`)`);
  }
  if (key) {
    if (primaryOf(db, id) !== id) summary.onMergedAway++;
    return id; // an archived event stays on its record
  }
  const primary = primaryOf(db, id);
  if (primary !== id) summary.movedToPrimary++;
  return primary;
}

function planNative(db: DB, criteria: Criteria, header: string[], rows: string[][], lines: number[], file: string, summary: ImportSummary, path: string): Planned[] {
  const col = (name: string) => header.indexOf(name);
  const missing = ['record', 'reviewer', 'stage', 'decision'].filter((h) => col(h) < 0);
  if (missing.length) throw new ScreeningError(`${path}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const get = (row: string[], name: string) => (col(name) >= 0 ? (row[col(name)] ?? '').trim() : '');
  const planned: Planned[] = [];
  const problems: ImportProblem[] = [];
  const attempt = (line: number, f: () => void) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof ScreeningError)) throw e;
      problems.push({ line, message: e.message });
    }
  };
  // Reviewers the file declares first, so that the rows naming them validate.
  rows.forEach((row, i) => attempt(lines[i], () => {
    if (get(row, 'kind').toLowerCase() !== 'reviewer') return;
    const role = get(row, 'decision').toLowerCase();
    if (role !== 'lead' && role !== 'reviewer' && role !== '') throw new ScreeningError(`a reviewer row says lead or reviewer, not "${role}"`);
    const before = findReviewer(db, get(row, 'reviewer'));
    const addedAt = get(row, 'decided_at') ? parseTimestamp(get(row, 'decided_at')) : undefined;
    const { created } = addReviewer(db, get(row, 'reviewer'), { lead: role === 'lead', addedAt });
    if (created || (role === 'lead' && before && !before.lead)) {
      summary.written++;
      summary.byKind.reviewer = (summary.byKind.reviewer ?? 0) + 1;
    } else summary.unchanged++;
  }));
  rows.forEach((row, i) => attempt(lines[i], () => {
    const line = lines[i];
    const kind = (get(row, 'kind').toLowerCase() || 'decision') as Kind;
    if (!KINDS.includes(kind)) throw new ScreeningError(`unknown kind "${kind}": ${KINDS.join(', ')}`);
    if (kind === 'reviewer') return;
    const reviewer = get(row, 'reviewer');
    const at = get(row, 'decided_at') ? parseTimestamp(get(row, 'decided_at')) : now();
    const note = get(row, 'note') || null;
    if ((kind !== 'fulltext' && kind !== 'merge') || reviewer) getReviewer(db, reviewer);
    if (kind === 'blinding') {
      const action = get(row, 'decision').toLowerCase();
      if (action !== 'lift' && action !== 'restore') throw new ScreeningError(`a blinding row says lift or restore, not "${action}"`);
      planned.push({ kind, line, reviewer, stage: parseStage(get(row, 'stage')), action, note, at });
      return;
    }
    const archive = get(row, 'record_key') !== '';
    if (kind === 'merge') {
      const action = get(row, 'decision').toLowerCase();
      if (action !== 'merge' && action !== 'split') throw new ScreeningError(`a merge row says merge or split, not "${action}"`);
      const to = resolveRecord(db, get(row, 'record'), get(row, 'record_key'), summary);
      const from = resolveRecord(db, '', get(row, 'note'), summary);
      planned.push({ kind, line, from, to, action, at });
      return;
    }
    const recordId = resolveRecord(db, get(row, 'record'), get(row, 'record_key'), summary);
    if (kind === 'override') {
      planned.push({ kind, line, recordId, reviewer, note, at });
    } else if (kind === 'fulltext') {
      const status = get(row, 'decision').toLowerCase();
      if (status !== 'retrieved' && status !== 'not-retrieved') throw new ScreeningError(`a fulltext row says retrieved or not-retrieved, not "${status}"`);
      if (!note) throw new ScreeningError('a fulltext row needs the path/URL or the reason in "note"');
      planned.push({ kind, line, recordId, reviewer: reviewer || null, status, note, at, archive });
    } else if (kind === 'resolution') {
      const decision = get(row, 'decision').toLowerCase();
      const value = decision === 'withdrawn'
        ? { ...validateResolution(db, criteria, { recordId, by: reviewer, stage: get(row, 'stage'), decision: 'include', note: 'withdrawn', method: get(row, 'method') || 'consensus', resolvedAt: at }), decision: 'withdrawn' as const, reason: null, note }
        : validateResolution(db, criteria, {
          recordId, by: reviewer, stage: get(row, 'stage'), decision, reason: get(row, 'reason'), note,
          method: get(row, 'method') || 'consensus', resolvedAt: at, source: `import:${file}`,
        });
      planned.push({ kind, line, value: { ...value, source: `import:${file}` }, archive });
    } else {
      const decision = get(row, 'decision').toLowerCase();
      const value = decision === 'withdrawn'
        ? { ...validateDecision(db, criteria, { recordId, reviewer, stage: get(row, 'stage'), decision: 'unsure', decidedAt: at }), decision: 'withdrawn' as const, reason: null, note }
        : validateDecision(db, criteria, {
          recordId, reviewer, stage: get(row, 'stage'), decision, reason: get(row, 'reason'), note, decidedAt: at,
        });
      planned.push({ kind, line, value: { ...value, source: `import:${file}` }, archive });
    }
  }));
  if (problems.length) throw new DecisionsImportError(path, problems);
  return planned;
}

// ---------------------------------------------------------------- Rayyan

export interface RayyanNotes {
  /** Reviewer name → Included / Excluded / Maybe. */
  inclusion: Record<string, string>;
  labels: string[];
  reasons: string[];
  userNotes: Record<string, string[]>;
}

/** Rayyan's `notes` field: `RAYYAN-INCLUSION: {"A"=>"Included", …} | RAYYAN-LABELS: … | RAYYAN-EXCLUSION-REASONS: … | USER-NOTES: {…}`. */
export function parseRayyanNotes(notes: string): RayyanNotes {
  const out: RayyanNotes = { inclusion: {}, labels: [], reasons: [], userNotes: {} };
  const inclusion = /RAYYAN-INCLUSION:\s*\{(.*?)\}/.exec(notes);
  if (inclusion) for (const m of inclusion[1].matchAll(/"((?:[^"\\]|\\.)*)"\s*=>\s*"((?:[^"\\]|\\.)*)"/g)) out.inclusion[m[1]] = m[2];
  const list = (tag: string) => {
    const m = new RegExp(`${tag}:\\s*([^|]*)`).exec(notes);
    return m ? m[1].split(',').map((s) => s.trim()).filter(Boolean) : [];
  };
  out.labels = list('RAYYAN-LABELS');
  out.reasons = list('RAYYAN-EXCLUSION-REASONS');
  const user = /USER-NOTES:\s*\{(.*)\}/.exec(notes);
  if (user) {
    for (const m of user[1].matchAll(/"((?:[^"\\]|\\.)*)"\s*=>\s*\[(.*?)\]/g)) {
      out.userNotes[m[1]] = [...m[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]);
    }
  }
  return out;
}

const normTitle = (t: string) => t.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();

interface Matcher {
  match(row: { doi?: string; pmid?: string; title?: string; year?: string }): { id: number; by: string } | { error: string };
}

/** Match Rayyan rows to records: DOI, then PMID, then exact normalised title (and year when given). */
function recordMatcher(db: DB): Matcher {
  const byDoi = new Map<string, Set<number>>();
  const byPmid = new Map<string, Set<number>>();
  const byTitle = new Map<string, Set<number>>();
  const years = new Map<number, number | null>();
  const add = (m: Map<string, Set<number>>, k: string | undefined | null, id: number) => {
    if (!k) return;
    if (!m.has(k)) m.set(k, new Set());
    m.get(k)!.add(id);
  };
  for (const r of db.prepare('SELECT id, doi, pmid, title, year FROM records').all() as Array<{ id: number; doi: string | null; pmid: string | null; title: string | null; year: number | null }>) {
    const id = primaryOf(db, r.id);
    if (!isScreenable(db, id)) continue;
    add(byDoi, r.doi, id);
    add(byPmid, r.pmid, id);
    add(byTitle, r.title ? normTitle(r.title) : null, id);
    years.set(id, r.year);
  }
  const one = (set: Set<number> | undefined, by: string) => {
    if (!set || set.size === 0) return undefined;
    if (set.size > 1) return { error: `matches ${set.size} records by ${by} (${[...set].join(', ')}): add a "record" column to say which` };
    return { id: [...set][0], by };
  };
  return {
    match(row) {
      const doi = normaliseDoi(row.doi);
      const pmid = normalisePmid(row.pmid);
      const hit = (doi ? one(byDoi.get(doi), 'doi') : undefined) ?? (pmid ? one(byPmid.get(pmid), 'pmid') : undefined);
      if (hit) return hit;
      if (row.title) {
        let set = byTitle.get(normTitle(row.title));
        const year = Number(row.year);
        if (set && set.size > 1 && Number.isInteger(year) && year > 0) set = new Set([...set].filter((id) => years.get(id) === year));
        const t = one(set, 'title');
        if (t) return t;
      }
      return { error: `matches no record to screen (by DOI, PMID or title${row.title ? `: "${row.title.slice(0, 60)}"` : ''})` };
    },
  };
}

const RAYYAN_DECISION: Record<string, string> = { included: 'include', excluded: 'exclude', maybe: 'unsure' };

function planRayyan(db: DB, criteria: Criteria, header: string[], rows: string[][], lines: number[], file: string, summary: ImportSummary, path: string,
  options: ImportOptions): Planned[] {
  const stage = parseStage(typeof options.stage === 'string' ? options.stage : undefined, 'title-abstract');
  const col = (...names: string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  const c = { notes: col('notes'), record: col('record'), doi: col('doi'), pmid: col('pubmed_id', 'pmid'), title: col('title'), year: col('year') };
  const get = (row: string[], i: number) => (i >= 0 ? (row[i] ?? '').trim() : '');
  const reasonMap = new Map(Object.entries(options.reasonMap ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const matcher = recordMatcher(db);
  summary.matchedBy = {};
  const planned: Planned[] = [];
  const problems: ImportProblem[] = [];
  const unmapped = new Set<string>();
  rows.forEach((row, i) => {
    const line = lines[i];
    try {
      const notes = parseRayyanNotes(get(row, c.notes));
      if (Object.keys(notes.inclusion).length === 0) return; // not screened in Rayyan
      let recordId: number;
      if (get(row, c.record)) recordId = resolveRecord(db, get(row, c.record), '', summary);
      else {
        const m = matcher.match({ doi: get(row, c.doi), pmid: get(row, c.pmid), title: get(row, c.title), year: get(row, c.year) });
        if ('error' in m) throw new ScreeningError(`Rayyan row ${m.error}`);
        recordId = m.id;
        summary.matchedBy![m.by] = (summary.matchedBy![m.by] ?? 0) + 1;
      }
      // Rayyan gives exclusion reasons per record, not per reviewer: each excluding reviewer gets the
      // first reason (in criteria order) and the full list goes in the note.
      const codes: string[] = [];
      for (const label of notes.reasons) {
        const mapped = reasonMap.get(label.toLowerCase()) ?? label;
        const crit = criterionFor(criteria, mapped);
        if (crit) codes.push(crit.code);
        else unmapped.add(label);
      }
      const order = criteria.criteria.map((x) => x.code);
      codes.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      for (const [name, verdict] of Object.entries(notes.inclusion)) {
        const decision = RAYYAN_DECISION[verdict.toLowerCase()];
        if (!decision) throw new ScreeningError(`Rayyan decision "${verdict}" for ${name}: expected Included, Excluded or Maybe`);
        const parts = [
          ...(notes.userNotes[name] ?? []),
          ...(notes.labels.length ? [`Rayyan labels: ${notes.labels.join(', ')}`] : []),
          ...(decision !== 'include' && notes.reasons.length ? [`Rayyan reasons: ${notes.reasons.join(', ')}`] : []),
        ];
        planned.push({
          kind: 'decision', line, archive: false,
          value: validateDecision(db, criteria, {
            recordId, reviewer: name, stage, decision, reason: decision !== 'include' ? codes[0] ?? null : null,
            note: parts.join(' | ') || null, source: `import:${file}`,
          }),
        });
      }
    } catch (e) {
      if (!(e instanceof ScreeningError)) throw e;
      problems.push({ line, message: e.message });
    }
  });
  if (unmapped.size) {
    problems.push({
      line: 0,
      message: `Rayyan exclusion reason${unmapped.size > 1 ? 's' : ''} ${[...unmapped].map((u) => `"${u}"`).join(', ')} match no criterion code: ` +
        `add them as "alias:" lines in ${criteria.file || 'the criteria file'} or map them with --reason-map "label=CODE"`,
    });
  }
  if (problems.length) throw new DecisionsImportError(path, problems);
  return planned;
}

