/**
 * The studies under extraction: the included studies (derived from
 * screening: records included at full text, reports linked to one study
 * counted once), plus studies named by hand before screening has included
 * them (`--study <record id>`) and new studies not yet in the database, from
 * a DOI or an RIS snippet (an update's newly found studies).
 */
import type { DB } from '../store/db.js';
import { parseText } from '../ingest/format.js';
import { ris } from '../ingest/formats/ris.js';
import { normaliseDoi } from '../ingest/normalise.js';
import { includedRecordIds } from '../prisma/derive.js';
import { primaryOf } from '../screen/pool.js';
import type { StoredRecord } from '../ingest/records.js';

export type StudyOrigin = 'screening' | 'record' | 'doi' | 'ris';

export interface Study {
  /** The id used in templates and CSVs: the record id, or `doi:…` / `new-<n>` for a study not in the database. */
  key: string;
  recordId: number | null;
  origin: StudyOrigin;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  /** Other records linked to this study as further reports of it. */
  reports: number[];
  /** The record comes from a previous version of the review (`review import --previous`). */
  previous: boolean;
  /** Included by screening (as opposed to named by hand). */
  included: boolean;
}

export class StudyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StudyError';
  }
}

/** The bibliographic columns a study shows, as stored (authors as JSON text). */
type BibColumns = Pick<StoredRecord, 'title' | 'year' | 'journal' | 'volume' | 'issue' | 'pages' | 'doi'> & { authors: string };

interface RecordRow extends BibColumns {
  id: number;
  previous: number;
}

/** Those columns as a study carries them. */
function bibliographic(r: BibColumns): Pick<Study, 'title' | 'authors' | 'year' | 'journal' | 'volume' | 'issue' | 'pages' | 'doi'> {
  return {
    title: r.title, authors: JSON.parse(r.authors) as string[], year: r.year, journal: r.journal,
    volume: r.volume, issue: r.issue, pages: r.pages, doi: r.doi,
  };
}

const RECORD_SQL = `SELECT r.id, r.title, r.authors, r.year, r.journal, r.volume, r.issue, r.pages, r.doi, f.previous
  FROM records r JOIN import_files f ON f.id = r.file_id WHERE r.id = ?`;

const now = () => new Date().toISOString();

/** The study a record belongs to: the record it is linked to as a further report, else itself. */
export function studyRecordOf(db: DB, recordId: number): number {
  const linked = db.prepare('SELECT study_record_id FROM study_links WHERE record_id = ?').pluck().get(recordId) as number | undefined;
  return linked ?? recordId;
}

function recordStudy(db: DB, recordId: number, origin: StudyOrigin, included: boolean): Study {
  const r = db.prepare(RECORD_SQL).get(recordId) as RecordRow | undefined;
  if (!r) throw new StudyError(`no record with id ${recordId} (ids are listed by \`review records\`)`);
  const reports = db.prepare('SELECT record_id FROM study_links WHERE study_record_id = ? ORDER BY record_id').pluck().all(recordId) as number[];
  return {
    key: String(recordId), recordId, origin, ...bibliographic(r), reports, previous: r.previous === 1, included,
  };
}

interface StudyRow extends BibColumns {
  id: number;
  key: string;
  record_id: number | null;
  origin: StudyOrigin;
}

/**
 * Every study under extraction, in a stable order (records by id, then the
 * studies added from snippets). Pure read: nothing is written.
 */
export function listStudies(db: DB): Study[] {
  const included = new Set((includedRecordIds(db) ?? []).map((id) => studyRecordOf(db, id)));
  const rows = db.prepare('SELECT * FROM extraction_studies ORDER BY id').all() as StudyRow[];
  const byRecord = new Map<number, Study>();
  for (const id of included) byRecord.set(id, recordStudy(db, id, 'screening', true));
  const snippets: Study[] = [];
  for (const row of rows) {
    if (row.record_id !== null) {
      if (!byRecord.has(row.record_id)) byRecord.set(row.record_id, recordStudy(db, row.record_id, row.origin, false));
    } else {
      snippets.push({
        key: row.key, recordId: null, origin: row.origin, ...bibliographic(row), reports: [], previous: false, included: false,
      });
    }
  }
  return [...[...byRecord.values()].sort((a, b) => a.recordId! - b.recordId!), ...snippets];
}

/** The study with this key, or undefined. */
export function findStudy(studies: Study[], key: string): Study | undefined {
  const k = key.trim();
  return studies.find((s) => s.key === k || (s.doi !== null && k.toLowerCase() === `doi:${s.doi}`));
}

/** The extraction_studies row of a study, created when it is first needed (import, or a study named by hand). */
export function ensureStudyRow(db: DB, study: Study, by?: string): number {
  const existing = db.prepare('SELECT id FROM extraction_studies WHERE key = ?').pluck().get(study.key) as number | undefined;
  if (existing !== undefined) return existing;
  return Number(db.prepare(`INSERT INTO extraction_studies (key, record_id, origin, title, authors, year, journal, volume, issue, pages, doi, added_by, added_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(study.key, study.recordId, study.origin, study.title, JSON.stringify(study.authors),
    study.year, study.journal, study.volume, study.issue, study.pages, study.doi, by ?? null, now()).lastInsertRowid);
}

/** Name records as studies to extract (before screening has included them, or in addition). */
export function addRecordStudies(db: DB, ids: Array<string | number>, by?: string): Study[] {
  const out: Study[] = [];
  db.transaction(() => {
    for (const raw of ids) {
      const text = String(raw).trim();
      if (!/^\d+$/.test(text)) throw new StudyError(`--study expects a record id (see \`review records\`), got "${text}"`);
      // A duplicate merged away, or a further report of a study, is extracted as that study.
      const id = studyRecordOf(db, primaryOf(db, Number(text)));
      const study = recordStudy(db, id, 'record', false);
      ensureStudyRow(db, study, by);
      out.push(study);
    }
  })();
  return out;
}

/** Add a new study from a DOI or an RIS snippet (one or more records); a record already in the database is used instead. */
export function addSnippetStudies(db: DB, input: { doi?: string; ris?: string }, by?: string): Study[] {
  const out: Study[] = [];
  const items: Array<Omit<Study, 'key' | 'recordId' | 'origin' | 'reports' | 'previous' | 'included'> & { origin: StudyOrigin; snippet: string }> = [];
  if (input.doi !== undefined) {
    const doi = normaliseDoi(input.doi);
    if (!doi) throw new StudyError(`"${input.doi}" is not a DOI (expected 10.xxxx/…)`);
    items.push({ origin: 'doi', snippet: input.doi, doi, title: null, authors: [], year: null, journal: null, volume: null, issue: null, pages: null });
  }
  if (input.ris !== undefined) {
    const parsed = parseText(ris, input.ris);
    if (parsed.errors.length) throw new StudyError(`RIS snippet: ${parsed.errors.map((e) => `line ${e.line ?? '?'}: ${e.message}`).join('; ')}`);
    if (parsed.records.length === 0) throw new StudyError('RIS snippet: no record found (a record runs from "TY  - " to "ER  - ")');
    for (const r of parsed.records) {
      items.push({
        origin: 'ris', snippet: r.raw, doi: r.doi ?? null, title: r.title ?? null, authors: r.authors, year: r.year ?? null,
        journal: r.journal ?? null, volume: r.volume ?? null, issue: r.issue ?? null, pages: r.pages ?? null,
      });
    }
  }
  db.transaction(() => {
    for (const item of items) {
      const match = item.doi ? db.prepare('SELECT id FROM records WHERE doi = ? ORDER BY id LIMIT 1').pluck().get(item.doi) as number | undefined : undefined;
      if (match !== undefined) {
        out.push(...addRecordStudies(db, [match], by));
        continue;
      }
      const same = db.prepare(`SELECT key FROM extraction_studies WHERE record_id IS NULL AND
        ((doi IS NOT NULL AND doi = ?) OR (doi IS NULL AND ? IS NULL AND lower(title) = lower(?) AND year IS ?))`).pluck()
        .get(item.doi, item.doi, item.title, item.year) as string | undefined;
      let key = same;
      if (!key) {
        key = item.doi ? `doi:${item.doi}` : `new-${(db.prepare('SELECT COUNT(*) FROM extraction_studies WHERE record_id IS NULL').pluck().get() as number) + 1}`;
        db.prepare(`INSERT INTO extraction_studies (key, record_id, origin, title, authors, year, journal, volume, issue, pages, doi, snippet, added_by, added_at)
          VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(key, item.origin, item.title, JSON.stringify(item.authors), item.year, item.journal,
          item.volume, item.issue, item.pages, item.doi, item.snippet, by ?? null, now());
      }
      out.push({ key, recordId: null, origin: item.origin, title: item.title, authors: item.authors, year: item.year, journal: item.journal,
        volume: item.volume, issue: item.issue, pages: item.pages, doi: item.doi, reports: [], previous: false, included: false });
    }
  })();
  return out;
}

/** Link a record to a study as a further report of it (PRISMA counts the study once). */
export function linkReport(db: DB, recordId: number, studyRecordId: number, by: string, note?: string): void {
  if (!by?.trim()) throw new StudyError('say who links them (--by <name>)');
  if (recordId === studyRecordId) throw new StudyError('a record cannot be a report of itself');
  for (const id of [recordId, studyRecordId]) {
    if (!db.prepare('SELECT 1 FROM records WHERE id = ?').get(id)) throw new StudyError(`no record with id ${id}`);
  }
  const chained = db.prepare('SELECT study_record_id FROM study_links WHERE record_id = ?').pluck().get(studyRecordId) as number | undefined;
  if (chained !== undefined) throw new StudyError(`record ${studyRecordId} is itself a report of study ${chained}: link to ${chained} instead`);
  const reports = db.prepare('SELECT COUNT(*) FROM study_links WHERE study_record_id = ?').pluck().get(recordId) as number;
  if (reports > 0) throw new StudyError(`record ${recordId} already stands for a study with ${reports} linked report(s): link those to ${studyRecordId} first`);
  db.prepare(`INSERT INTO study_links (record_id, study_record_id, linked_by, linked_at, note) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(record_id) DO UPDATE SET study_record_id = excluded.study_record_id, linked_by = excluded.linked_by,
      linked_at = excluded.linked_at, note = excluded.note`).run(recordId, studyRecordId, by.trim(), now(), note ?? null);
}

// ------------------------------------------------------------ citations

const surname = (author: string) => (author.includes(',') ? author.split(',')[0] : author.split(/\s+/).slice(-1)[0]).trim();

/** "Hughes et al. (2018)": the short form used in tables. */
export function shortCitation(s: Study): string {
  const names = s.authors.map(surname).filter(Boolean);
  const who = names.length === 0 ? (s.title ? s.title.split(/\s+/).slice(0, 4).join(' ') : s.key)
    : names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} and ${names[1]}` : `${names[0]} et al.`;
  return `${who} (${s.year ?? 'n.d.'})`;
}

/** The full reference pre-filled into the bibliographic field. */
export function fullCitation(s: Study): string {
  const parts: string[] = [];
  parts.push(`${s.authors.length ? s.authors.join('; ') : '[authors]'} (${s.year ?? 'n.d.'}).`);
  parts.push(s.title ? `${s.title.replace(/\.$/, '')}.` : '[title]');
  if (s.journal) {
    const vol = s.volume ? ` ${s.volume}${s.issue ? `(${s.issue})` : ''}` : '';
    parts.push(`${s.journal}${vol}${s.pages ? `: ${s.pages}` : ''}.`);
  }
  if (s.doi) parts.push(`doi:${s.doi}`);
  return parts.join(' ');
}
