/**
 * `review query explain <record>`: for one record, which terms of which block
 * matched, in which field, at which token positions — with the same compiled
 * evaluators `review query run` uses, in tracing mode.
 */
import { DEFAULT_RECORD_FIELDS, RECORD_FIELDS, type RecordField } from './fields.js';
import type { QueryDocument } from './protocol.js';
import type { DB } from '../store/db.js';
import { Compiler, FIELD_SHIFT, RecordMatches, type TraceEntry } from './evaluate/compile.js';
import { indexRecord, type RecordText, type TokenOrigin } from './evaluate/record.js';
import { parseKeywords } from './evaluate/run.js';

export interface MatchPlace {
  field: RecordField;
  /** 0-based token position in the field (keyword entries: position in the entry). */
  position: number;
  /** Keyword entry index, for the keywords field. */
  entry?: number;
  /** The record's text matched (folded: lower case, no diacritics). */
  text: string;
}

export interface TermMatch {
  kind: TraceEntry['kind'];
  query: string;
  places: MatchPlace[];
}

export interface BlockExplanation {
  block: string;
  title?: string;
  matched: boolean;
  matches: TermMatch[];
}

export interface DocumentExplanation {
  file: string;
  dialect: string;
  blocks: BlockExplanation[];
  combination: { text: string; matched: boolean } | null;
}

export interface RecordExplanation {
  record: { id: number; title: string | null; database: string | null };
  fields: RecordField[];
  documents: DocumentExplanation[];
}

export function explainRecord(db: DB, id: number, docs: QueryDocument[], fields: RecordField[] = DEFAULT_RECORD_FIELDS): RecordExplanation | undefined {
  const row = db.prepare('SELECT r.id, r.title, r.abstract, r.keywords, r.journal, COALESCE(r.database, f.database) AS database FROM records r JOIN import_files f ON f.id = r.file_id WHERE r.id = ?').get(id) as
    | { id: number; title: string | null; abstract: string | null; keywords: string; journal: string | null; database: string | null }
    | undefined;
  if (!row) return undefined;
  const record: RecordText = { id: row.id, title: row.title, abstract: row.abstract, journal: row.journal, keywords: parseKeywords(row.keywords) };
  return { record: { id: row.id, title: row.title, database: row.database }, fields, documents: explainText(record, docs, fields) };
}

/** Explain one record given as text (no database): the core of `explainRecord`, and what the tests use. */
export function explainText(record: RecordText, docs: QueryDocument[], fields: RecordField[] = DEFAULT_RECORD_FIELDS): DocumentExplanation[] {
  const compiler = new Compiler({ fields });
  const compiled = docs.map((d) => compiler.compile(d));
  const m = new RecordMatches();
  const origins = new Map<number, TokenOrigin>();
  indexRecord(record, compiler, m, origins);
  m.trace = [];
  return compiled.map((c) => {
    const blocks = c.blocks.map((b) => {
      const start = m.trace!.length;
      const matched = b.bool(m);
      const entries = m.trace!.slice(start).filter((t) => t.block === b.label);
      return { block: b.label, ...(b.title ? { title: b.title } : {}), matched, matches: entries.map((e) => toMatch(e, origins)) };
    });
    const combination = c.doc.kind === 'protocol' && c.search ? { text: c.doc.combination?.text ?? '', matched: c.search(m) } : null;
    return { file: c.doc.file, dialect: c.doc.dialect.name, blocks, combination };
  });
}

function toMatch(e: TraceEntry, origins: Map<number, TokenOrigin>): TermMatch {
  const places: MatchPlace[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < e.spans.length; i += 2) {
    const s = e.spans[i];
    const end = e.spans[i + 1];
    // The same place found twice (a term repeated in an OR-list) is shown once.
    if (seen.has(`${s}-${end}`)) continue;
    seen.add(`${s}-${end}`);
    const field = RECORD_FIELDS[s >>> FIELD_SHIFT];
    const words: string[] = [];
    for (let p = s; p <= end; p++) {
      const o = origins.get(p);
      if (o) words.push(o.token);
      else if (words.length) words.push('…');
    }
    const o = origins.get(s);
    const base = s & ((1 << FIELD_SHIFT) - 1);
    places.push({
      field, position: o?.word ?? base, ...(o?.entry !== undefined ? { entry: o.entry } : {}), text: words.join(' ').replace(/(… )+/g, '… '),
    });
  }
  return { kind: e.kind, query: e.query, places };
}
