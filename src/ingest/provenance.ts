/**
 * A file's provenance: the database and platform searched, the search date,
 * the PRISMA arm. It is what a person gives (`review import` flags, a row of
 * imports/sources.csv) over what the file and its records say. Both the
 * import and a later change of what was given (a row added to sources.csv,
 * the file imported again with --database) derive it the same way, here; a
 * change rewrites the file's row and its records' database, and is logged in
 * `provenance_changes` (append-only).
 */
import type { DB } from '../store/db.js';
import { canonicalDatabase, databaseOfLink, platformOfDatabase } from './databases.js';
import { readText, type FileScan } from './decode.js';
import { readItems, type FormatModule } from './format.js';
import { formatByName } from './formats/index.js';
import type { BibRecord } from './record.js';

export const METHODS = ['database', 'register', 'website', 'organisation', 'citation'] as const;
export type Method = (typeof METHODS)[number];

/** What a person said about a file. Absent keys: they said nothing (the file decides). */
export interface GivenProvenance {
  database?: string;
  interface?: string;
  searched?: string;
  method?: Method;
  previous?: boolean;
}

/** The provenance keys of import options that a person set. */
export function givenOf(options: GivenProvenance): GivenProvenance {
  const given: GivenProvenance = {};
  if (options.database) given.database = options.database;
  if (options.interface) given.interface = options.interface;
  if (options.searched) given.searched = options.searched;
  if (options.method) given.method = options.method;
  if (options.previous) given.previous = true;
  return given;
}

/** A stable text of what was given, for storing and comparing. */
export function givenText(given: GivenProvenance): string {
  const keys = (Object.keys(given) as Array<keyof GivenProvenance>).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, given[k]])));
}

/**
 * The databases of a file's records and of the file, as its items stream by:
 * what the person gave wins; else the record's own (its tags, accession
 * number, link to a database's record page) or the file header's.
 */
export class ProvenanceTracker {
  private headerDatabase: string | undefined;
  private readonly databases = new Set<string>();
  private readonly platforms = new Set<string>();
  private records = 0;
  private named = 0;

  constructor(
    private readonly given: GivenProvenance,
    private readonly format: FormatModule,
  ) {}

  /** The file header named a database (WoS `FN`, a `Database:` preamble). */
  header(database: string | undefined): void {
    this.headerDatabase = canonicalDatabase(database) ?? this.headerDatabase;
  }

  /** A record's database. */
  record(r: BibRecord): string | null {
    const database = this.given.database ?? canonicalDatabase(r.database ?? this.headerDatabase ?? databaseOfLink(r.url)) ?? null;
    this.records += 1;
    if (database) {
      this.databases.add(database);
      this.named += 1;
    }
    if (r.interface) this.platforms.add(r.interface);
    return database;
  }

  /**
   * The file's database: as given, as its header says, or the only one its
   * records name, when at least half of them name it. The records that name
   * none are counted under the file's database, which is right for one
   * database's export missing a tag here and there, and wrong for a library
   * merged from many (a Rayyan or EndNote export where 3 of 19 records say
   * Web of Science): there the file names no database.
   */
  fileDatabase(): string | null {
    const only = this.databases.size === 1 && this.named * 2 >= this.records ? [...this.databases][0] : null;
    return this.given.database ?? this.headerDatabase ?? only;
  }

  /** Every database its records name, for display ("A; B"). */
  recordDatabases(): string[] {
    return [...this.databases].sort();
  }

  /** Its platform (PRISMA-S): as given, the one its records all name, the format's only one, or its database's only one. */
  platform(): string | null {
    return this.given.interface ?? (this.platforms.size === 1 ? [...this.platforms][0] : this.format.platform)
      ?? platformOfDatabase(this.fileDatabase()) ?? null;
  }
}

/** A file's stored provenance row. */
export interface FileProvenance {
  id: number;
  database: string | null;
  interface: string | null;
  searchedOn: string | null;
  method: Method;
  previous: boolean;
  given: string | null;
}

export function fileProvenance(db: DB, fileId: number): FileProvenance {
  const row = db.prepare(`SELECT id, database, interface, searched_on AS searchedOn, method, previous, given
    FROM import_files WHERE id = ?`).get(fileId) as Omit<FileProvenance, 'previous'> & { previous: number };
  return { ...row, previous: row.previous === 1 };
}

/** What re-deriving a file's provenance gives: the file's fields and each record's database, by ordinal. */
export interface DerivedProvenance {
  database: string | null;
  interface: string | null;
  searchedOn: string | null;
  method: Method;
  previous: boolean;
  recordDatabases: Array<string | null>;
}

/**
 * Apply re-derived provenance to a file and its records, logging every field
 * that changes. Returns the changes in words ("database: (none) → PubMed").
 */
export function applyProvenance(db: DB, file: FileProvenance, given: GivenProvenance, derived: DerivedProvenance,
  source: 'import' | 'sources.csv'): string[] {
  const at = new Date().toISOString();
  const log = db.prepare('INSERT INTO provenance_changes (file_id, field, old_value, new_value, source, changed_at) VALUES (?, ?, ?, ?, ?, ?)');
  const changes: string[] = [];
  const fields: Array<[string, string | null, string | null]> = [
    ['database', file.database, derived.database],
    ['interface', file.interface, derived.interface],
    ['searched_on', file.searchedOn, derived.searchedOn],
    ['method', file.method, derived.method],
    ['previous', String(file.previous), String(derived.previous)],
  ];
  for (const [field, before, after] of fields) {
    if (before === after) continue;
    log.run(file.id, field, before, after, source, at);
    changes.push(`${field.replace('_on', '')}: ${before ?? '(none)'} → ${after ?? '(none)'}`);
  }
  db.prepare(`UPDATE import_files SET database = ?, interface = ?, searched_on = ?, method = ?, previous = ?, given = ? WHERE id = ?`)
    .run(derived.database, derived.interface, derived.searchedOn, derived.method, derived.previous ? 1 : 0, givenText(given), file.id);

  const current = db.prepare('SELECT ordinal, database FROM records WHERE file_id = ? ORDER BY ordinal').all(file.id) as
    Array<{ ordinal: number; database: string | null }>;
  const update = db.prepare('UPDATE records SET database = ? WHERE file_id = ? AND ordinal = ?');
  const moved = new Map<string, number>();
  for (const r of current) {
    const after = derived.recordDatabases[r.ordinal - 1] ?? null;
    if (after === r.database) continue;
    update.run(after, file.id, r.ordinal);
    const key = `${r.database ?? '(none)'} → ${after ?? '(none)'}`;
    moved.set(key, (moved.get(key) ?? 0) + 1);
  }
  for (const [change, n] of moved) {
    const [before, after] = change.split(' → ');
    log.run(file.id, 'records.database', `${n} records: ${before}`, after, source, at);
    changes.push(`${n} records' database: ${change}`);
  }
  return changes;
}

/** What a person says about a file already imported, and where they say it. */
export interface ProvenanceRequest {
  given: GivenProvenance;
  /** Flags add to what was given before; a row of imports/sources.csv replaces the keys its file has columns for. */
  from: 'flags' | 'sources.csv';
  /** sources.csv: the provenance keys its header has columns for (the others keep what was given before). */
  stated?: Array<keyof GivenProvenance>;
  /** --column mapping given now (else the one stored with the import). */
  columns?: Record<string, string>;
}

/** The stored row of a file imported before. */
export interface ImportedFile {
  id: number;
  path: string;
  format: string;
  records: number;
  columns: string | null;
}

/** What each record and the file say about their database, read from the file again. */
type Claim = { kind: 'header'; database?: string } | { kind: 'record'; record: BibRecord };

function readClaims(path: string, scan: FileScan, format: FormatModule, columns: Record<string, string> | undefined): Claim[] {
  const claims: Claim[] = [];
  for (const item of readItems(format, readText(path, scan.encoding, scan.bomLength), { columns })) {
    if (item.kind === 'meta') claims.push({ kind: 'header', database: item.database });
    else if (item.kind === 'record') claims.push({ kind: 'record', record: item.record });
  }
  return claims;
}

function derive(claims: Claim[], given: GivenProvenance, format: FormatModule): DerivedProvenance {
  const tracker = new ProvenanceTracker(given, format);
  const recordDatabases: Array<string | null> = [];
  for (const c of claims) {
    if (c.kind === 'header') tracker.header(c.database);
    else recordDatabases.push(tracker.record(c.record));
  }
  return {
    database: tracker.fileDatabase(), interface: tracker.platform(), searchedOn: given.searched ?? null,
    method: given.method ?? 'database', previous: given.previous ?? false, recordDatabases,
  };
}

/**
 * What was given for a file imported before provenance was recorded (007):
 * whatever its row holds that the file alone would not give.
 */
function inferGiven(file: FileProvenance, bare: DerivedProvenance): GivenProvenance {
  const given: GivenProvenance = {};
  if (file.database !== null && file.database !== bare.database) given.database = file.database;
  if (file.interface !== null && file.interface !== bare.interface) given.interface = file.interface;
  if (file.searchedOn !== null) given.searched = file.searchedOn;
  if (file.method !== 'database') given.method = file.method;
  if (file.previous) given.previous = true;
  return given;
}

const KEYS: Array<keyof GivenProvenance> = ['database', 'interface', 'searched', 'method', 'previous'];

/**
 * A file imported before, with what a person says about its provenance now:
 * when that differs from what was given, re-derive the file's and its
 * records' provenance from the file itself, as an import with the new
 * options would, and apply the difference (logged). Returns the changes.
 */
export function reconcileProvenance(db: DB, path: string, scan: FileScan, imported: ImportedFile, request: ProvenanceRequest): string[] {
  const file = fileProvenance(db, imported.id);
  const asked = request.given;
  if (file.given === null && Object.keys(asked).length === 0) return [];
  const stored = file.given === null ? undefined : (JSON.parse(file.given) as GivenProvenance);
  const wantedFrom = (before: GivenProvenance): GivenProvenance => {
    if (request.from === 'flags') return { ...before, ...asked };
    const stated = new Set(request.stated ?? KEYS);
    const kept = Object.fromEntries(Object.entries(before).filter(([k]) => !stated.has(k as keyof GivenProvenance)));
    return { ...kept, ...asked };
  };
  if (stored && givenText(wantedFrom(stored)) === file.given) return [];

  const format = formatByName(imported.format);
  if (!format) throw new Error(`unknown format "${imported.format}"`);
  const columns = request.columns ?? (imported.columns ? (JSON.parse(imported.columns) as Record<string, string>) : undefined);
  const claims = readClaims(path, scan, format, columns);
  const records = claims.filter((c) => c.kind === 'record').length;
  if (records !== imported.records) throw new Error(`reading it again gave ${records} records, not the ${imported.records} imported`);
  const before = stored ?? inferGiven(file, derive(claims, {}, format));
  const wanted = wantedFrom(before);
  return db.transaction(() => applyProvenance(db, file, wanted, derive(claims, wanted, format), request.from === 'sources.csv' ? 'sources.csv' : 'import'))();
}

export interface ProvenanceChange {
  at: string;
  file: string;
  field: string;
  from: string | null;
  to: string | null;
  source: string;
}

/** Every change of a file's provenance after its import, oldest first. */
export function provenanceHistory(db: DB): ProvenanceChange[] {
  return db.prepare(`SELECT c.changed_at AS at, f.path AS file, c.field, c.old_value AS "from", c.new_value AS "to", c.source
    FROM provenance_changes c JOIN import_files f ON f.id = c.file_id ORDER BY c.id`).all() as ProvenanceChange[];
}
