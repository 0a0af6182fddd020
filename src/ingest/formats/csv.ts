/**
 * Delimited text (CSV, TSV, semicolon CSV): one engine shared by every
 * vendor profile (Scopus, Embase, Web of Science tab-delimited) and by the
 * generic `csv` format with its column mapping.
 *
 * Streaming: physical lines are joined into one logical row until the count
 * of quote characters is even (RFC 4180 quoting doubles embedded quotes, so
 * parity tells whether a quoted field is still open), logical rows are
 * collected into batches and every batch is parsed with csv-parse. Only
 * csv-parse splits fields; this file never tokenises CSV itself.
 *
 * Which column feeds which model field is DATA: an alias table (model field
 * → header names, first match wins, case- and space-insensitive) per profile,
 * overridable with `options.columns`.
 */
import { parse } from 'csv-parse/sync';
import type { FormatModule, ReadOptions } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord, error, warning } from '../record.js';
import {
  addExtra, cleanText, joinPages, normaliseDoi, normalisePmid, oneLine, parseYear, pushUnique, standardNumbers,
} from '../normalise.js';

/** Model fields a column can be mapped to (plus composite sources the engine takes apart). */
export const CSV_FIELDS = [
  'sourceKey', 'database', 'type', 'title', 'abstract', 'authors', 'year', 'date', 'journal',
  'volume', 'issue', 'pages', 'pageStart', 'pageEnd', 'articleNumber', 'doi', 'pmid', 'issn',
  'isbn', 'keywords', 'language', 'url',
  /** A whole citation in one cell (`Behav Ther. 2022 Mar;53(2):334-347.`), split by `citationPatterns`. */
  'citation',
  /** An OpenURL link resolver address whose query names doi, issn, volume, spage… */
  'openurl',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Model field → header names that feed it, in order of preference. */
export type AliasTable = Partial<Record<CsvField, string[]>>;

/** Everything that makes one delimited-text format different from another: data, not code. */
export interface DelimitedProfile {
  name: string;
  label: string;
  /** See FormatModule.platform. */
  platform?: string;
  aliases: AliasTable;
  /** Fixed delimiter; when absent it is sniffed from the header line (`,` `;` or tab). */
  delimiter?: string;
  /** False when the format never quotes fields, so `"` is an ordinary character (WoS tab-delimited). */
  quoting?: boolean;
  /** Database of every record in files of this format. */
  database?: string;
  /** Header signatures that name the database: every listed header present → that database. */
  signatures?: Array<{ database: string; headers: string[] }>;
  /** A record URL that names its database (Scopus links). */
  databaseFromUrl?: Array<{ pattern: RegExp; database: string }>;
  /** How keyword/subject cells are split when they are not `;`-separated lists. */
  keywordSeparator?: RegExp;
  /** Regexes with named groups (journal, year, date, volume, issue, pages) for the `citation` field. */
  citationPatterns?: RegExp[];
  sniff(head: string): number;
}

/** Rows per csv-parse call: large enough to be fast, small enough to keep memory flat. */
const BATCH_ROWS = 500;
/** A quoted field still open after this many lines means a stray quote, not a long field. */
const MAX_ROW_LINES = 50_000;

/** Build a FormatModule from a profile. */
export function delimitedFormat(profile: DelimitedProfile): FormatModule {
  return {
    name: profile.name,
    label: profile.label,
    platform: profile.platform,
    sniff: (head) => profile.sniff(head),
    read: (lines, options) => readDelimited(profile, lines, options),
  };
}

// ---------------------------------------------------------------------------
// Header sniffing helpers (shared by every profile's sniffer)

/** The first non-blank line of a file head. */
export function firstLine(head: string): string {
  for (const line of head.split(/\r\n|\n|\r/, 50)) {
    if (line.trim() !== '' && !/^sep=.$/i.test(line.trim())) return line;
  }
  return '';
}

/** The delimiter used most often outside quotes in a header line (`,` on a tie). */
export function sniffDelimiter(line: string): string {
  const bare = line.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    const n = bare.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Header names of a head's first line, parsed by csv-parse; [] when it does not parse. */
export function headerCells(head: string, delimiter?: string, quoting = true): string[] {
  const line = firstLine(head);
  if (line === '') return [];
  try {
    const rows = parse(line, {
      delimiter: delimiter ?? sniffDelimiter(line),
      quote: quoting ? '"' : false,
      relax_quotes: true,
      relax_column_count: true,
    });
    return (rows[0] ?? []).map((c) => c.trim());
  } catch {
    return [];
  }
}

/** Headers compare case- and space-insensitively. */
export function headerKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/** True when every name in `wanted` is among `cells` (compared by headerKey). */
export function hasHeaders(cells: string[], wanted: string[]): boolean {
  const keys = new Set(cells.map(headerKey));
  return wanted.every((w) => keys.has(headerKey(w)));
}

// ---------------------------------------------------------------------------
// Reader

interface LogicalRow {
  lines: string[];
  start: number;
}

interface Header {
  names: string[];
  /** Model field → column indexes, best first. */
  columns: Map<CsvField, number[]>;
  database?: string;
}

/** Reader state shared by the batch parser: data rows emitted so far. */
interface Progress {
  rows: number;
}

function* readDelimited(profile: DelimitedProfile, lines: Iterable<string>, options: ReadOptions): Generator<ReadItem> {
  let lineNo = 0;
  let pending: string[] = [];
  let pendingStart = 0;
  let quotes = 0;
  let delimiter = profile.delimiter;
  const quoting = profile.quoting !== false;
  let header: Header | undefined;
  let batch: LogicalRow[] = [];
  const progress: Progress = { rows: 0 };

  for (const line of lines) {
    lineNo += 1;
    if (pending.length === 0) {
      // Blank lines between rows are not rows (inside a quoted field they are kept below).
      if (line.trim() === '') continue;
      if (!header && !delimiter && /^sep=.$/i.test(line.trim())) {
        delimiter = line.trim().slice(4); // Excel's "sep=;" hint line
        continue;
      }
      pendingStart = lineNo;
    }
    pending.push(line);
    if (quoting) quotes += countQuotes(line);
    if (quotes % 2 === 1) {
      if (pending.length > MAX_ROW_LINES) {
        yield error('csv/unclosed-quote',
          `line ${pendingStart}: a quoted field opened in row ${progress.rows + batch.length + 1} is still open ` +
          `${MAX_ROW_LINES} lines later; the file has an unbalanced quote character`, { line: pendingStart });
        return;
      }
      continue;
    }
    const row: LogicalRow = { lines: pending, start: pendingStart };
    pending = [];
    quotes = 0;
    if (!header) {
      delimiter ??= sniffDelimiter(row.lines.join('\n'));
      const built = buildHeader(profile, row, delimiter, quoting, options);
      for (const d of built.diagnostics) yield d;
      if (!built.header) return;
      header = built.header;
      if (header.database) yield { kind: 'meta', database: header.database };
      continue;
    }
    batch.push(row);
    if (batch.length >= BATCH_ROWS) {
      yield* flush(profile, header, batch, delimiter!, quoting, progress);
      batch = [];
    }
  }
  if (pending.length > 0) {
    if (!header) {
      yield error('csv/unclosed-quote', `line ${pendingStart}: the header row opens a quoted field that is never closed`, { line: pendingStart });
      return;
    }
    // The file ends inside a quoted field: csv-parse reports it, located at the row's first line.
    batch.push({ lines: pending, start: pendingStart });
  }
  if (header && batch.length > 0) yield* flush(profile, header, batch, delimiter!, quoting, progress);
  if (!header) yield warning('csv/empty', 'the file is empty: no header row, no records');
}

function countQuotes(line: string): number {
  let n = 0;
  for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) n += 1;
  return n;
}

function parseOptions(delimiter: string, quoting: boolean) {
  return {
    delimiter,
    quote: quoting ? '"' : false,
    record_delimiter: '\n',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
  } as const;
}

/** csv-parse errors carry the 1-based line (within the parsed text) where they were raised. */
function errorLine(err: unknown): number {
  const lines = (err as { lines?: number }).lines;
  return typeof lines === 'number' && lines > 0 ? lines : 1;
}

function buildHeader(
  profile: DelimitedProfile, row: LogicalRow, delimiter: string, quoting: boolean, options: ReadOptions,
): { header?: Header; diagnostics: ReadItem[] } {
  const diagnostics: ReadItem[] = [];
  let cells: string[];
  try {
    cells = parse(row.lines.join('\n'), parseOptions(delimiter, quoting))[0] ?? [];
  } catch (err) {
    diagnostics.push(error('csv/bad-header', `line ${row.start}: the header row cannot be parsed as CSV: ${(err as Error).message}`, { line: row.start }));
    return { diagnostics };
  }
  const names = cells.map((c, i) => c.trim() || `column ${i + 1}`);
  // A trailing delimiter on the header line names no column.
  if (names.length > 1 && cells[cells.length - 1].trim() === '') names.pop();
  const byKey = new Map<string, number[]>();
  names.forEach((n, i) => {
    const key = headerKey(n);
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  const columns = new Map<CsvField, number[]>();
  for (const field of CSV_FIELDS) {
    const indexes: number[] = [];
    for (const alias of profile.aliases[field] ?? []) {
      for (const i of byKey.get(headerKey(alias)) ?? []) if (!indexes.includes(i)) indexes.push(i);
    }
    if (indexes.length > 0) columns.set(field, indexes);
  }
  // A user mapping replaces the aliases for the fields it names.
  for (const [field, name] of Object.entries(options.columns ?? {})) {
    if (!(CSV_FIELDS as readonly string[]).includes(field)) {
      diagnostics.push(error('csv/unknown-field',
        `column mapping names an unknown field "${field}"; fields are: ${CSV_FIELDS.join(', ')}`));
      continue;
    }
    const found = byKey.get(headerKey(name));
    if (!found) {
      diagnostics.push(error('csv/unknown-column',
        `column mapping ${field}=${name}: the header (line ${row.start}) has no column "${name}"; it has: ${names.join(', ')}`,
        { line: row.start }));
      continue;
    }
    columns.set(field as CsvField, found);
  }
  if (diagnostics.length > 0) return { diagnostics };
  const database = profile.database
    ?? profile.signatures?.find((s) => hasHeaders(names, s.headers))?.database;
  return { header: { names, columns, database }, diagnostics };
}

type ParsedWithInfo = Array<{ record: string[]; info: { lines: number } }>;

function* flush(
  profile: DelimitedProfile, header: Header, batch: LogicalRow[], delimiter: string, quoting: boolean,
  progress: Progress,
): Generator<ReadItem> {
  const options = parseOptions(delimiter, quoting);
  let parsed: string[][] | undefined;
  try {
    parsed = parse(batch.map((r) => r.lines.join('\n')).join('\n'), options);
  } catch {
    parsed = undefined; // located row by row below
  }
  if (parsed && parsed.length === batch.length) {
    for (let i = 0; i < batch.length; i += 1) yield* emitRow(profile, header, batch[i], parsed[i], progress);
    return;
  }
  // The batch failed (or its row count disagrees): parse each row alone to name the bad one.
  for (const row of batch) {
    let out: ParsedWithInfo;
    try {
      out = parse(row.lines.join('\n'), { ...options, info: true }) as unknown as ParsedWithInfo;
    } catch (err) {
      const stopped = row.start + errorLine(err) - 1;
      progress.rows += 1;
      yield error('csv/unparseable-row',
        `line ${row.start}: row ${progress.rows} cannot be parsed as CSV (csv-parse stopped at line ${stopped}: ` +
        `${(err as Error).message}); a quoted field opened on line ${row.start} is probably never closed`,
        { line: row.start, record: progress.rows });
      continue;
    }
    if (out.length > 1) {
      // A stray quote inside an unquoted field upset the parity count; csv-parse knows the real rows.
      yield warning('csv/stray-quote',
        `line ${row.start}: an unbalanced quote character inside a field; lines ${row.start}-` +
        `${row.start + row.lines.length - 1} hold ${out.length} rows`, { line: row.start, record: progress.rows + 1 });
    }
    let prev = 0;
    for (const { record, info } of out) {
      const sub: LogicalRow = { lines: row.lines.slice(prev, info.lines), start: row.start + prev };
      prev = info.lines;
      yield* emitRow(profile, header, sub, record, progress);
    }
  }
}

function* emitRow(
  profile: DelimitedProfile, header: Header, row: LogicalRow, cells: string[], progress: Progress,
): Generator<ReadItem> {
  progress.rows += 1;
  const ordinal = progress.rows;
  const width = header.names.length;
  let n = cells.length;
  // A trailing delimiter (WoS tab-delimited ends every row with a tab) adds one empty field.
  if (n === width + 1 && cells[n - 1].trim() === '') n = width;
  if (n !== width) {
    const what = n > width ? 'more' : 'fewer';
    yield warning('csv/field-count',
      `line ${row.start}: row ${ordinal} has ${n} fields, ${what} than the ${width} header columns` +
      (n > width ? '; the surplus fields are kept in extra as "column N"' : '; the missing fields are empty'),
      { line: row.start, record: ordinal });
  }
  if (cells.every((c) => c.trim() === '')) {
    yield warning('csv/empty-row', `line ${row.start}: row ${ordinal} has no values; skipped`, { line: row.start, record: ordinal });
    return;
  }
  yield { kind: 'record', record: mapRow(profile, header, cells, row) };
}

// ---------------------------------------------------------------------------
// Mapping one row into the record model

/** R's write.csv writes a missing value as NA (bibliometrix samples, R-processed exports). */
function present(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' || v === 'NA' ? undefined : v;
}

class RowView {
  readonly used = new Set<number>();
  /** Header of the column the last successful `take` read. */
  lastTaken?: string;
  constructor(private readonly header: Header, private readonly cells: string[]) {}

  /** The first column of `field` whose value converts; marks it used. */
  take<T>(field: CsvField, convert: (v: string) => T | undefined): T | undefined {
    for (const i of this.header.columns.get(field) ?? []) {
      const v = present(this.cells[i]);
      if (v === undefined) continue;
      const out = convert(v);
      if (out !== undefined) {
        this.used.add(i);
        this.lastTaken = this.header.names[i];
        return out;
      }
    }
    return undefined;
  }

  /** Every column of a list field; each column that yields values is marked used. */
  takeAll(field: CsvField, convert: (v: string) => string[]): string[] {
    const out: string[] = [];
    for (const i of this.header.columns.get(field) ?? []) {
      const v = present(this.cells[i]);
      if (v === undefined) continue;
      const values = convert(v);
      if (values.length > 0) {
        this.used.add(i);
        out.push(...values);
      }
    }
    return out;
  }

  /** Raw values of a composite field (citation, openurl): read, never marked used. */
  peek(field: CsvField): string[] {
    return (this.header.columns.get(field) ?? []).map((i) => present(this.cells[i])).filter((v): v is string => !!v);
  }

  unused(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    this.cells.forEach((cell, i) => {
      const v = present(cell);
      if (v !== undefined && !this.used.has(i)) out.push([this.header.names[i] ?? `column ${i + 1}`, v]);
    });
    return out;
  }
}

function mapRow(profile: DelimitedProfile, header: Header, cells: string[], row: LogicalRow): BibRecord {
  const record = emptyRecord(row.lines.join('\n'), row.start);
  const view = new RowView(header, cells);

  record.sourceKey = view.take('sourceKey', oneLine);
  record.type = view.take('type', oneLine);
  record.title = view.take('title', cleanText);
  record.abstract = view.take('abstract', cleanText);
  const authors = view.take('authors', (v) => {
    const split = splitAuthors(v);
    return split.authors.length > 0 ? split : undefined;
  });
  if (authors) {
    record.authors = authors.authors;
    // A heuristic split of run-together names: the cell as written stays beside it.
    if (authors.concatenated && view.lastTaken) addExtra(record, view.lastTaken, authors.raw);
  }
  record.date = view.take('date', oneLine);
  record.year = view.take('year', parseYear) ?? parseYear(record.date);
  if (record.date && record.year && parseYear(record.date) === undefined) record.date = `${record.date} ${record.year}`;
  record.journal = view.take('journal', cleanText);
  record.volume = view.take('volume', oneLine);
  record.issue = view.take('issue', oneLine);
  record.pages = view.take('pages', oneLine)
    ?? joinPages(view.take('pageStart', oneLine), view.take('pageEnd', oneLine))
    ?? view.take('articleNumber', oneLine);
  record.doi = view.take('doi', normaliseDoi);
  record.pmid = view.take('pmid', normalisePmid);
  for (const v of view.takeAll('issn', (cell) => standardNumbers(cell).issn)) pushUnique(record.issn, v);
  for (const v of view.takeAll('isbn', (cell) => standardNumbers(cell).isbn)) pushUnique(record.isbn, v);
  for (const v of view.takeAll('keywords', (s) => splitKeywords(s, profile.keywordSeparator))) pushUnique(record.keywords, v);
  record.language = view.take('language', oneLine);
  record.url = view.take('url', firstUrl);
  for (const citation of view.peek('citation')) fillFromCitation(record, citation, profile.citationPatterns ?? []);
  for (const link of view.peek('openurl')) fillFromOpenUrl(record, link);
  record.database = view.take('database', oneLine) ?? header.database ?? databaseFromUrl(profile, record.url);

  // Unmapped columns, values not chosen for a field, and surplus fields beyond the header ("column N").
  for (const [name, value] of view.unused()) addExtra(record, name, value);
  return record;
}

function databaseFromUrl(profile: DelimitedProfile, url: string | undefined): string | undefined {
  if (!url) return undefined;
  return profile.databaseFromUrl?.find((d) => d.pattern.test(url))?.database;
}

function firstUrl(value: string): string | undefined {
  return /\b(?:https?|ftp):\/\/\S+/i.exec(value)?.[0];
}

// ---------------------------------------------------------------------------
// Converters for delimited cells

/**
 * Python list literals as written by pandas (`['Marx, Karl', 'Lindgren, Astrid']`,
 * ASReview exports); undefined when the cell is not one.
 */
export function parseListLiteral(value: string): string[] | undefined {
  const v = value.trim();
  if (!/^\[.*\]$/s.test(v)) return undefined;
  const inner = v.slice(1, -1).trim();
  if (inner === '') return [];
  const items: string[] = [];
  const item = /\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while (end < inner.length && (m = item.exec(inner)) !== null) {
    items.push((m[1] ?? m[2]).replace(/\\(.)/g, '$1'));
    end = item.lastIndex;
  }
  return end >= inner.length ? items : undefined;
}

const INITIALS = /^\p{Lu}\.?(?:[\s.-]*\p{Lu}\.?)*$/u;
/** Given-name part after "Family,": initials, or one given name with optional initials. */
const GIVEN = /^(?:\p{Lu}\.?(?:[\s.-]*\p{Lu}\.?)*|\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}\.?)*)$/u;
const ENDS_WITH_INITIALS = /\s\p{Lu}{1,3}\.?$|\s(?:\p{Lu}\.){1,3}$/u;
/** PubMed's "Family INITIALS" names, and the last one with the list's closing period. */
const PUBMED_NAME = /^\S.*\s\p{Lu}{1,4}$/u;
const PUBMED_NAME_END = /^\S.*\s\p{Lu}{1,4}\.$/u;
/** Family-name particles that put a capital inside a name (McDonald, DeLuca), not a new author. */
const NAME_PREFIXES = new Set(['mc', 'mac', 'de', 'di', 'da', 'du', 'la', 'le', 'van', 'von', 'fitz', 'o', "o'", 'o’', 'st']);

/**
 * Split an author cell into names, each as written. Separators, in order:
 * newline, `;`, `|`, BibTeX ` and `, then `,` — where `Smith, J., Jones, A.B.`
 * (family, given pairs) is told apart from `Lim SM, Shiau CWC` and
 * `Joseph Rottman, Erran Carmel` (whole names). A cell with no separator at
 * all may hold run-together names (SpringerLink `Andy SmithTom Weber`, ASySD
 * `Adeli K.Lewis G. F.`): those are split where a lower-case letter or a
 * period meets a capitalised word, and `concatenated` says so.
 */
export function splitAuthors(value: string): { authors: string[]; concatenated: boolean; raw: string } {
  const raw = value;
  // Scopus "Author full names" follow each name with the author ID: "Liu, Fengyuan (60410297700)".
  const v = value.replace(/\s*\(\d{6,}\)/g, '').trim();
  const literal = parseListLiteral(v);
  let parts: string[];
  let concatenated = false;
  if (literal) parts = literal;
  else if (/[\n\r]/.test(v)) parts = v.split(/[\r\n]+/);
  else if (v.includes(';')) parts = v.split(';');
  else if (v.includes('|')) parts = v.split('|');
  else if (/\s+and\s+/.test(v)) parts = v.split(/\s+and\s+/);
  else if (v.includes(',')) parts = splitCommaAuthors(v);
  else {
    parts = splitConcatenated(v);
    concatenated = parts.length > 1;
  }
  const authors = parts.map(cleanAuthor).filter((a): a is string => a !== undefined);
  // PubMed ends its author list with a period ("Lim SM, Lau Y."): it belongs to the list, not the name.
  const last = authors.length - 1;
  if (last > 0 && PUBMED_NAME_END.test(authors[last]) && authors.slice(0, last).every((a) => PUBMED_NAME.test(a))) {
    authors[last] = authors[last].slice(0, -1);
  }
  return { authors, concatenated, raw };
}

function splitCommaAuthors(v: string): string[] {
  const pieces = v.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const pairs = pieces.length % 2 === 0 && pieces.every((p, i) => (i % 2 === 0
    ? !ENDS_WITH_INITIALS.test(p) && !INITIALS.test(p)
    : GIVEN.test(p)));
  if (!pairs) return pieces;
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += 2) out.push(`${pieces[i]}, ${pieces[i + 1]}`);
  return out;
}

/** Words that make a cell a group author, never run-together personal names ("The EuroQol Group"). */
const GROUP_WORDS = /\b(?:The|Group|Groups|Consortium|Collaboration|Collaborative|Committee|Society|Association|Investigators|Organi[sz]ation|Team|Network|Council|Study|Trialists|Working|Party|Institute|University|Foundation)\b/;
/** A personal name: two to four capitalised words or initials ("Andy Smith", "Adeli K.", "Lewis G. F."). */
const PERSONAL_NAME = /^\p{Lu}[\p{L}'’-]*\.?(?:\s+\p{Lu}[\p{L}'’-]*\.?){1,3}$/u;

function splitConcatenated(v: string): string[] {
  if (GROUP_WORDS.test(v)) return [v];
  const out: string[] = [];
  let start = 0;
  const boundary = /(?<=[\p{Ll}.])(?=\p{Lu}\p{Ll})/gu;
  for (const m of v.matchAll(boundary)) {
    const cut = m.index ?? 0;
    const before = v.slice(start, cut);
    const lastWord = before.split(/\s+/).pop() ?? '';
    // Only a segment that already is a whole name ("Andy Smith", "Adeli K.") ends an author.
    if (!/\s/.test(before.trim()) || NAME_PREFIXES.has(lastWord.toLowerCase())) continue;
    out.push(before);
    start = cut;
  }
  out.push(v.slice(start));
  // Every piece must look like a personal name, or the cell was one name with an inner capital.
  return out.every((p) => PERSONAL_NAME.test(p.trim())) ? out : [v];
}

function cleanAuthor(name: string): string | undefined {
  const a = name.replace(/\s+/g, ' ').trim();
  if (a === '' || /^\[no author/i.test(a) || a === 'NA') return undefined;
  return a;
}

/** Keywords: a list literal, else `;`-separated, else `|`, else the profile's separator. */
export function splitKeywords(value: string, separator?: RegExp): string[] {
  const literal = parseListLiteral(value);
  let parts: string[];
  if (literal) parts = literal;
  else if (value.includes(';')) parts = value.split(';');
  else if (value.includes('|')) parts = value.split('|');
  else if (separator) parts = value.split(separator);
  else parts = [value];
  return parts.map((k) => k.replace(/\s+/g, ' ').trim()).filter((k) => k !== '');
}

/** Generic citation shapes; profiles add their own. */
export const PUBMED_CITATION = /^(?<journal>[^.]+(?:\.[^.;:\d]+)*?)\.\s+(?<date>\d{4}(?:\s[A-Za-z]{3}(?:\s\d{1,2})?)?)(?:;(?<volume>[^(:;.\s]+)?(?:\((?<issue>[^)]+)\))?)?(?::(?<pages>[^.;\s]+))?/;

function fillFromCitation(record: BibRecord, citation: string, patterns: RegExp[]): void {
  for (const pattern of patterns) {
    const g = pattern.exec(citation.trim())?.groups;
    if (!g) continue;
    record.journal ??= cleanText(g.journal);
    record.date ??= g.date?.trim() || undefined;
    record.year ??= parseYear(g.year) ?? parseYear(g.date);
    record.volume ??= g.volume?.trim() || undefined;
    record.issue ??= g.issue?.trim() || undefined;
    record.pages ??= g.pages?.trim() || undefined;
    record.doi ??= normaliseDoi(/\bdoi:\s*(\S+)/i.exec(citation)?.[1]);
    return;
  }
}

/** OpenURL (Z39.88 key/value) link resolver addresses carry the citation as query parameters. */
function fillFromOpenUrl(record: BibRecord, link: string): void {
  let params: URLSearchParams;
  try {
    params = new URL(link).searchParams;
  } catch {
    return;
  }
  const get = (k: string): string | undefined => params.get(k)?.trim() || undefined;
  for (const id of [...params.getAll('id'), ...params.getAll('rft_id')]) {
    if (/^(?:info:)?doi[:/]/i.test(id)) record.doi ??= normaliseDoi(id.replace(/^(?:info:)?doi[:/]/i, ''));
    if (/^(?:info:)?pmid[:/]/i.test(id)) record.pmid ??= normalisePmid(id.replace(/^(?:info:)?pmid[:/]/i, ''));
  }
  for (const issn of [get('issn'), get('eissn')]) if (issn) for (const v of standardNumbers(issn).issn) pushUnique(record.issn, v);
  record.volume ??= get('volume');
  record.issue ??= get('issue');
  record.pages ??= get('pages') ?? joinPages(get('spage'), get('epage'));
  record.year ??= parseYear(get('date'));
  record.journal ??= cleanText(get('title') ?? get('jtitle'));
}

// ---------------------------------------------------------------------------
// The generic format

/** Headers seen in generic CSVs (PubMed, IEEE, Lens, OpenAlex, SpringerLink, ASReview, bib-dedupe…). */
export const GENERIC_ALIASES: AliasTable = {
  sourceKey: ['ID', 'record_id', 'key', 'Lens ID', 'EID', 'UT', 'Accession Number', 'PMID'],
  database: ['database', 'source_database'],
  type: ['type', 'ENTRYTYPE', 'type_of_reference', 'Publication Type', 'Document Type', 'Content Type', 'Item Type'],
  title: ['title', 'primary_title', 'Article Title', 'Document Title', 'Item Title', 'display_name', 'TI'],
  abstract: ['abstract', 'abstract note', 'Abstract Note', 'AB'],
  authors: ['authors', 'author_full', 'author', 'Author/s', 'first_authors', 'Author Names', 'Author full names', 'authorships.author.display_name', 'AU'],
  year: ['year', 'publication_year', 'Publication Year', 'PY', 'Year Published'],
  date: ['date', 'publication_date', 'Date Published', 'Publication Date'],
  journal: ['journal', 'Source title', 'Source Title', 'Publication Title', 'Publication', 'secondary_title', 'Journal/Book',
    'journal_title', 'container_title', 'booktitle', 'primary_location.source.display_name', 'SO'],
  volume: ['volume', 'Journal Volume', 'VL'],
  issue: ['issue', 'number', 'Issue Number', 'Journal Issue', 'IS'],
  pages: ['pages', 'Page Range'],
  pageStart: ['start_page', 'Start Page', 'Page start', 'BP'],
  pageEnd: ['end_page', 'End Page', 'Page end', 'EP'],
  articleNumber: ['Art. No.', 'Article Number', 'AR'],
  doi: ['doi', 'Item DOI', 'DI'],
  pmid: ['pmid', 'PubMed ID', 'pubmedID', 'pubmed_id', 'ids.pmid', 'PM'],
  issn: ['issn', 'ISSNs', 'eissn', 'primary_location.source.issn_l', 'SN'],
  isbn: ['isbn', 'ISBNs'],
  keywords: ['keywords', 'Author Keywords', 'Index Keywords', 'MeSH Terms', 'mesh', 'DE'],
  language: ['language', 'Language of Original Document', 'LA'],
  url: ['url', 'URL', 'External URL', 'link'],
  citation: ['Citation'],
};

/** Header sets that name the exporting database. */
const GENERIC_SIGNATURES: DelimitedProfile['signatures'] = [
  { database: 'PubMed', headers: ['PMID', 'Citation', 'First Author', 'Journal/Book'] },
  { database: 'Lens.org', headers: ['Lens ID'] },
  { database: 'OpenAlex', headers: ['id', 'authorships.author.display_name'] },
  { database: 'SpringerLink', headers: ['Item Title', 'Publication Title', 'Content Type'] },
  { database: 'IEEE Xplore', headers: ['Document Title', 'IEEE Terms'] },
];

const TITLE_KEYS = new Set((GENERIC_ALIASES.title ?? []).map(headerKey));
const KNOWN_KEYS = new Set(Object.values(GENERIC_ALIASES).flat().map(headerKey));

export const csv: FormatModule = delimitedFormat({
  name: 'csv',
  label: 'CSV/TSV/semicolon-separated table with a header row (PubMed, IEEE, Lens, OpenAlex, SpringerLink, ASReview…); --columns maps headers',
  aliases: GENERIC_ALIASES,
  signatures: GENERIC_SIGNATURES,
  citationPatterns: [PUBMED_CITATION],
  sniff(head) {
    const cells = headerCells(head);
    if (cells.length < 2) return 0;
    const keys = cells.map(headerKey);
    // Deliberately below every vendor signature: a header row is common to many tables.
    if (keys.some((k) => TITLE_KEYS.has(k))) return 0.45;
    return keys.filter((k) => KNOWN_KEYS.has(k)).length >= 2 ? 0.25 : 0;
  },
});
