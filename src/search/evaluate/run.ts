/**
 * Evaluating query documents against the imported records and storing the
 * hits per record and block (tables search_runs, search_blocks, search_hits).
 *
 * Records are read in pages by id (memory stays flat at 100k records); every
 * document is compiled into one shared matcher, so a record is tokenised once
 * for all of them. A document whose text, searched fields and record set are
 * unchanged since its last run is not evaluated again.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../diagnostics.js';
import { DEFAULT_RECORD_FIELDS, type RecordField } from '../fields.js';
import { documentFindings, type QueryDocument } from '../protocol.js';
import type { DialectName } from '../syntax.js';
import type { DB } from '../../store/db.js';
import { Compiler, RecordMatches, type CompiledDocument } from './compile.js';
import { indexRecord, type RecordText } from './record.js';

export const COMBINATION = 'combination';

export interface EvaluateOptions {
  fields?: RecordField[];
  /** Evaluate even when an up-to-date run exists. */
  force?: boolean;
  onProgress?: (records: number) => void;
  /** Records per page read from the database. */
  pageSize?: number;
}

export interface BlockCount {
  block: string;
  title: string | null;
  hits: number;
}

export interface DatabaseCount {
  database: string;
  records: number;
  blocks: Record<string, number>;
}

export interface RunSummary {
  runId: number;
  file: string;
  dialect: string;
  fields: RecordField[];
  records: number;
  blocks: BlockCount[];
  combination: { text: string; from: string; hits: number } | null;
  perDatabase: DatabaseCount[];
  notes: Finding[];
  seconds: number;
  /** False when an up-to-date stored run was reused. */
  evaluated: boolean;
}

interface RunRow {
  id: number;
  query_file: string;
  query_sha256: string;
  fields: string;
  records: number;
  max_record_id: number | null;
  combination: string | null;
  combination_from: string | null;
  seconds: number;
  dialect: string;
}

export function documentSha(doc: QueryDocument): string {
  const h = createHash('sha256').update(doc.lines.join('\n'));
  // A borrowed combination is part of what was evaluated.
  if (doc.combination && doc.combination.from !== doc.file) h.update(`\u0000${doc.combination.text}`);
  return h.digest('hex');
}

/** Evaluate documents (reusing up-to-date runs) and return one summary each, in order. */
export function evaluateDocuments(db: DB, docs: QueryDocument[], options: EvaluateOptions = {}): RunSummary[] {
  const fields = options.fields ?? DEFAULT_RECORD_FIELDS;
  const stat = db.prepare('SELECT COUNT(*) AS n, MAX(id) AS max FROM records').get() as { n: number; max: number | null };
  const fieldsJson = JSON.stringify(fields);
  const previous = db.prepare('SELECT * FROM search_runs WHERE query_file = ? ORDER BY id DESC LIMIT 1');
  const todo: QueryDocument[] = [];
  const reused = new Map<QueryDocument, number>();
  for (const doc of docs) {
    const row = previous.get(doc.file) as RunRow | undefined;
    const fresh = row && row.query_sha256 === documentSha(doc) && row.fields === fieldsJson && row.records === stat.n && row.max_record_id === stat.max;
    if (fresh && !options.force) reused.set(doc, row.id);
    else todo.push(doc);
  }
  const compiler = new Compiler({ fields });
  const compiled = todo.map((d) => compiler.compile(d));
  const runIds = new Map<QueryDocument, number>();
  const seconds = todo.length ? evaluate(db, compiler, compiled, stat, fieldsJson, runIds, options) : 0;
  return docs.map((doc) => {
    const id = reused.get(doc) ?? runIds.get(doc)!;
    // Parse errors first (a block evaluated as recovered, e.g. with an unclosed group closed at its end), then what the evaluation approximates.
    const errors = documentFindings(doc).filter((f) => f.severity === 'error');
    const notes = [...errors, ...(compiled.find((c) => c.doc === doc)?.notes ?? new Compiler({ fields }).compile(doc).notes)];
    const summary = summaryOf(db, id);
    return { ...summary, notes, evaluated: !reused.has(doc), seconds: reused.has(doc) ? summary.seconds : seconds };
  });
}

function evaluate(
  db: DB,
  compiler: Compiler,
  compiled: CompiledDocument[],
  stat: { n: number; max: number | null },
  fieldsJson: string,
  runIds: Map<QueryDocument, number>,
  options: EvaluateOptions,
): number {
  const started = performance.now();
  const now = new Date().toISOString();
  const insertRun = db.prepare(`INSERT INTO search_runs (query_file, query_sha256, dialect, fields, combination, combination_from, records, max_record_id, seconds, evaluated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`);
  const forFile = 'SELECT id FROM search_runs WHERE query_file = ?';
  const deleteResults = db.prepare(`DELETE FROM search_results WHERE run_id IN (${forFile})`);
  const deleteBlocks = db.prepare(`DELETE FROM search_blocks WHERE run_id IN (${forFile})`);
  const deleteCounts = db.prepare(`DELETE FROM search_database_counts WHERE run_id IN (${forFile})`);
  const deleteRuns = db.prepare('DELETE FROM search_runs WHERE query_file = ?');
  db.transaction(() => {
    for (const c of compiled) {
      deleteResults.run(c.doc.file);
      deleteBlocks.run(c.doc.file);
      deleteCounts.run(c.doc.file);
      deleteRuns.run(c.doc.file);
      const comb = c.doc.combination;
      const id = insertRun.run(c.doc.file, documentSha(c.doc), c.doc.dialect.name, fieldsJson, comb?.text ?? (c.doc.kind === 'strategy' ? (c.doc.final ?? null) : null), comb?.from ?? null, stat.n, stat.max, now).lastInsertRowid;
      runIds.set(c.doc, Number(id));
    }
  })();
  const counts = compiled.map((c) => new Map<string, number>([...c.blocks.map((b) => [b.label, 0] as const), [COMBINATION, 0]]));
  const ids = compiled.map((c) => runIds.get(c.doc)!);
  const insertResults = batchInsert(db, 'INSERT INTO search_results (run_id, record_id, blocks, retrieved) VALUES', 4);
  const page = db.prepare(`SELECT r.id, r.title, r.abstract, r.keywords, r.journal, ${DB_NAME} AS database
    FROM records r JOIN import_files f ON f.id = r.file_id WHERE r.id > ? ORDER BY r.id LIMIT ?`);
  // Per database: records evaluated and hits per block, for each document.
  const perDb = compiled.map(() => new Map<string, { records: number; hits: Record<string, number> }>());
  const size = options.pageSize ?? 5000;
  const m = new RecordMatches();
  let last = 0;
  let seen = 0;
  for (;;) {
    const rows = page.all(last, size) as Array<{ id: number; title: string | null; abstract: string | null; keywords: string; journal: string | null; database: string }>;
    if (rows.length === 0) break;
    const results: Array<number | string | null> = [];
    for (const row of rows) {
      const r: RecordText = { id: row.id, title: row.title, abstract: row.abstract, journal: row.journal, keywords: parseKeywords(row.keywords) };
      indexRecord(r, compiler, m, undefined);
      compiled.forEach((c, k) => {
        const count = counts[k];
        let d = perDb[k].get(row.database);
        if (!d) perDb[k].set(row.database, (d = { records: 0, hits: Object.fromEntries([...count.keys()].map((b) => [b, 0])) }));
        d.records++;
        const matched: string[] = [];
        for (const b of c.blocks) {
          if (b.bool(m)) {
            matched.push(b.label);
            count.set(b.label, count.get(b.label)! + 1);
            d.hits[b.label]++;
          }
        }
        let retrieved: number | null = null;
        if (c.search) {
          retrieved = c.search(m) ? 1 : 0;
          if (retrieved) {
            count.set(COMBINATION, count.get(COMBINATION)! + 1);
            d.hits[COMBINATION]++;
          }
        }
        results.push(ids[k], r.id, JSON.stringify(matched), retrieved);
      });
    }
    db.transaction(() => insertResults(results))();
    last = rows[rows.length - 1].id;
    seen += rows.length;
    options.onProgress?.(seen);
  }
  const seconds = (performance.now() - started) / 1000;
  const insertBlock = db.prepare('INSERT INTO search_blocks (run_id, block, title, query, hits) VALUES (?, ?, ?, ?, ?)');
  const setSeconds = db.prepare('UPDATE search_runs SET seconds = ? WHERE id = ?');
  const insertCounts = db.prepare('INSERT INTO search_database_counts (run_id, database, records, hits) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    compiled.forEach((c, k) => {
      for (const b of c.doc.blocks) insertBlock.run(ids[k], b.label, b.title ?? null, b.source.text.trim(), counts[k].get(b.label) ?? 0);
      if (c.search) insertBlock.run(ids[k], COMBINATION, null, c.doc.combination?.text ?? c.doc.final ?? '', counts[k].get(COMBINATION) ?? 0);
      for (const [database, d] of perDb[k]) {
        if (!c.search) delete d.hits[COMBINATION];
        insertCounts.run(ids[k], database, d.records, JSON.stringify(d.hits));
      }
      setSeconds.run(seconds, ids[k]);
    });
  })();
  return seconds;
}

/** Insert many rows with multi-row statements (hundreds of thousands of hits per run). */
function batchInsert(db: DB, head: string, width: number, rowsPerStatement = 200): (flat: Array<number | string | null>) => void {
  const tuple = `(${Array(width).fill('?').join(', ')})`;
  const many = db.prepare(`${head} ${Array(rowsPerStatement).fill(tuple).join(', ')}`);
  const one = db.prepare(`${head} ${tuple}`);
  const chunk = width * rowsPerStatement;
  return (flat) => {
    let i = 0;
    for (; i + chunk <= flat.length; i += chunk) many.run(flat.slice(i, i + chunk));
    for (; i < flat.length; i += width) one.run(flat.slice(i, i + width));
  };
}

export function parseKeywords(json: string | null): string[] {
  if (!json || json === '[]') return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

const DB_NAME = "COALESCE(r.database, f.database, '(database not named)')";

/** A stored run's counts: per block, the combination, per database. */
export function summaryOf(db: DB, runId: number): Omit<RunSummary, 'notes' | 'evaluated'> {
  const run = db.prepare('SELECT * FROM search_runs WHERE id = ?').get(runId) as RunRow;
  const blocks = db.prepare('SELECT block, title, hits FROM search_blocks WHERE run_id = ? ORDER BY rowid').all(runId) as BlockCount[];
  const comb = blocks.find((b) => b.block === COMBINATION);
  const perDatabase: DatabaseCount[] = (db.prepare('SELECT database, records, hits FROM search_database_counts WHERE run_id = ? ORDER BY database').all(runId) as Array<{ database: string; records: number; hits: string }>)
    .map((d) => ({ database: d.database, records: d.records, blocks: JSON.parse(d.hits) as Record<string, number> }));
  return {
    runId,
    file: run.query_file,
    dialect: run.dialect,
    fields: JSON.parse(run.fields) as RecordField[],
    records: run.records,
    blocks: blocks.filter((b) => b.block !== COMBINATION),
    combination: comb ? { text: run.combination ?? '', from: run.combination_from ?? run.query_file, hits: comb.hits } : null,
    perDatabase,
    seconds: run.seconds,
  };
}

/** Which imported files came through the interface a dialect is written for. */
const INTERFACES: Record<DialectName, { iface: RegExp; databases: RegExp }> = {
  ebsco: { iface: /ebsco/i, databases: /psycinfo|cinahl|academic search|socindex|econlit|eric|business source|criminal justice/i },
  ovid: { iface: /ovid/i, databases: /social policy and practice|embase/i },
  scopus: { iface: /scopus/i, databases: /^scopus$/i },
  wos: { iface: /web of science|clarivate/i, databases: /web of science|citation index/i },
  pubmed: { iface: /pubmed|ncbi|entrez/i, databases: /^pubmed$/i },
};

export interface MissedRecord {
  id: number;
  title: string | null;
  database: string;
  file: string;
}

/**
 * Records exported from the interface a run's strings are written for that
 * its combination does not retrieve: a check of the export, or a sign the
 * database matched on fields the export does not carry.
 */
export function notRetrieved(db: DB, runId: number, limit = -1): MissedRecord[] {
  const run = db.prepare('SELECT dialect FROM search_runs WHERE id = ?').get(runId) as { dialect: DialectName } | undefined;
  if (!run) return [];
  const target = INTERFACES[run.dialect];
  const rows = db.prepare(`SELECT r.id, r.title, ${DB_NAME} AS database, f.path AS file, f.interface AS interface
    FROM search_results s JOIN records r ON r.id = s.record_id JOIN import_files f ON f.id = r.file_id
    WHERE s.run_id = ? AND s.retrieved = 0
    ORDER BY r.id`).all(runId) as Array<MissedRecord & { interface: string | null }>;
  const out = rows
    .filter((r) => (r.interface ? target.iface.test(r.interface) : target.databases.test(r.database)))
    .map(({ interface: _i, ...r }) => r);
  return limit >= 0 ? out.slice(0, limit) : out;
}
