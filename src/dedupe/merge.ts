/**
 * A duplicate group's primary record and merged fields. The primary is the
 * record screening sees: a record of the previous version of the review if
 * the group has one (it was screened last time), else one already screened,
 * else the group's current primary (so primaries do not jump between runs),
 * else the most complete record. Merged fields keep the most complete
 * abstract, every identifier and every source database; nothing is lost
 * because no record is changed.
 */
import type { DB } from '../store/db.js';
import type { StoredRecord } from '../ingest/records.js';
import { isPlaceholder, kindOf, kindsByDoi, titleParts, words, type Kind } from './normalise.js';

export interface MemberRow extends StoredRecord {
  previous: boolean;
  file: string;
  /** The primary this record is currently merged into (null when it is not merged away). */
  duplicateOf: number | null;
  /** Erratum, reply… or article: read from the title's markers and the type. */
  kind: Kind;
}

export interface MergedFields {
  primaryId: number;
  title: string | null;
  abstract: string | null;
  /** Which record the abstract came from. */
  abstractFrom: number | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  dois: string[];
  pmids: string[];
  issn: string[];
  isbn: string[];
  /** Every source database, each once, in member order. */
  databases: string[];
  sourceKeys: string[];
  /** Members that are notices about the article (errata, replies, retraction notices), kept visible. */
  notices: Array<{ recordId: number; kind: Kind }>;
  /** The group holds a record of the previous version of the review: screened last time. */
  previous: boolean;
}

const MEMBER_SQL = `
  SELECT r.id, r.source_key AS sourceKey, COALESCE(r.database, f.database) AS database, r.type, r.title, r.abstract,
         r.authors, r.year, r.journal, r.volume, r.issue, r.pages, r.doi, r.pmid, r.issn, r.isbn, r.language, r.url,
         f.previous, f.path AS file, r.duplicate_of AS duplicateOf
  FROM records r JOIN import_files f ON f.id = r.file_id WHERE r.id = ?`;

const statements = new WeakMap<DB, ReturnType<DB['prepare']>>();

export function loadMembers(db: DB, ids: number[]): MemberRow[] {
  let stmt = statements.get(db);
  if (!stmt) statements.set(db, (stmt = db.prepare(MEMBER_SQL)));
  return kindsByDoi(ids.map((id) => {
    const row = stmt.get(id) as Record<string, unknown> | undefined;
    if (!row) throw new Error(`record ${id} does not exist`);
    const m = {
      ...(row as unknown as MemberRow),
      authors: JSON.parse(row.authors as string) as string[],
      issn: JSON.parse(row.issn as string) as string[],
      isbn: JSON.parse(row.isbn as string) as string[],
      previous: row.previous === 1,
    };
    m.kind = kindOf(titleParts(m.title && !isPlaceholder(m.title) ? m.title : ''), m.type);
    return m;
  }), (m) => (m.title && !isPlaceholder(m.title) ? words(titleParts(m.title).text).join('') : ''));
}

/** How complete a record is: identifiers, an abstract, authors, a full citation. */
export function completeness(m: MemberRow): number {
  let s = 0;
  if (m.doi) s += 8;
  if (m.pmid) s += 4;
  if (m.abstract) s += 6 + Math.min(2, m.abstract.length / 1000);
  if (m.title && !isPlaceholder(m.title)) s += 5;
  if (m.authors.length > 0) s += 3;
  if (m.journal) s += 2;
  if (m.volume) s += 1;
  if (m.pages) s += 2;
  if (m.year !== null) s += 1;
  return s;
}

export interface PrimaryContext {
  /** Members with screening decisions. */
  screened?: Set<number>;
  /** The group's primary so far, if it had one. */
  current?: number;
}

/** The member screening should see (see the file comment for the order of preference). */
export function choosePrimary(members: MemberRow[], context: PrimaryContext = {}): number {
  let best = members[0];
  let bestKey: number[] = [];
  for (const m of members) {
    const key = [
      m.previous ? 1 : 0,
      context.screened?.has(m.id) ? 1 : 0,
      m.id === context.current ? 1 : 0,
      // An erratum or reply is never preferred to the article it concerns.
      m.kind === 'article' ? 1 : 0,
      completeness(m),
      -m.id,
    ];
    if (bestKey.length === 0 || compareKeys(key, bestKey) > 0) {
      best = m;
      bestKey = key;
    }
  }
  return best.id;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function pushUnique(list: string[], value: string | null | undefined): void {
  const v = value?.trim();
  if (v && !list.includes(v)) list.push(v);
}

export function mergeFields(members: MemberRow[], primaryId: number): MergedFields {
  const primary = members.find((m) => m.id === primaryId);
  if (!primary) throw new Error(`primary ${primaryId} is not a member`);
  // The primary first, then the others in import order.
  const ordered = [primary, ...members.filter((m) => m.id !== primaryId).sort((a, b) => a.id - b.id)];
  const first = <K extends keyof MemberRow>(key: K): MemberRow[K] | null => {
    for (const m of ordered) {
      const v = m[key];
      if (v !== null && v !== undefined && !(typeof v === 'string' && (v.trim() === '' || isPlaceholder(v)))) return v;
    }
    return null;
  };
  let abstractFrom: MemberRow | null = null;
  for (const m of ordered) if (m.abstract && (!abstractFrom || m.abstract.length > abstractFrom.abstract!.length)) abstractFrom = m;
  const authors = primary.authors.length > 0 ? primary.authors
    : ordered.reduce<string[]>((best, m) => (m.authors.length > best.length ? m.authors : best), []);
  const merged: MergedFields = {
    primaryId,
    title: first('title'),
    abstract: abstractFrom?.abstract ?? null,
    abstractFrom: abstractFrom?.id ?? null,
    authors,
    year: first('year'),
    journal: first('journal'),
    volume: first('volume'),
    issue: first('issue'),
    pages: first('pages'),
    dois: [],
    pmids: [],
    issn: [],
    isbn: [],
    databases: [],
    sourceKeys: [],
    notices: [],
    previous: members.some((m) => m.previous),
  };
  for (const m of ordered) {
    pushUnique(merged.dois, m.doi);
    pushUnique(merged.pmids, m.pmid);
    for (const x of m.issn) pushUnique(merged.issn, x);
    for (const x of m.isbn) pushUnique(merged.isbn, x);
    pushUnique(merged.databases, m.database);
    pushUnique(merged.sourceKeys, m.sourceKey);
    if (m.kind !== 'article') merged.notices.push({ recordId: m.id, kind: m.kind });
  }
  return merged;
}
