/**
 * BibTeX, as written by Scopus, Web of Science, EBSCOhost, ProQuest, ACM,
 * dblp, Europe PMC, Wiley, Taylor & Francis, JabRef, Zotero and CoLRev.
 *
 * Entries are `@type{key, field = {value}, field = "value", field = 123}` (or
 * with parentheses). Values may nest braces, be concatenated with `#` and
 * use `@string` macros; `@comment`, `@string` and `@preamble` are not records.
 * LaTeX (`{\"u}`, `\'e`, `{\ss}`, `--`) is converted to Unicode in the mapped
 * fields; `raw` and `extra` keep the text as written.
 *
 * Tolerated vendor quirks: a BOM followed by blank lines (WoS), a space before
 * the key (`@inproceedings{ WOS:…`) or before the brace (`@article {PMID:…`,
 * Europe PMC), capitalised field names, a trailing comma before the closing
 * brace, URLs padded with blank lines inside the braces (Taylor & Francis).
 */
import type { FormatModule } from '../format.js';
import type { BibRecord, Diagnostic, ReadItem } from '../record.js';
import { diagnostic, emptyRecord } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, normaliseDoi, normalisePmid, parseYear, pushUnique, splitList,
} from '../normalise.js';
import { latexToUnicode, unescapeLatexUrl } from './bibtex-latex.js';
import { databaseOfLink } from '../databases.js';

const KNOWN_TYPES = 'article|book|booklet|conference|inbook|incollection|inproceedings|manual|mastersthesis|misc|'
  + 'online|phdthesis|proceedings|report|techreport|thesis|unpublished|collection|dataset|electronic|patent|'
  + 'periodical|software|www|string|comment|preamble';
/** Start of an entry: `@type{` or `@type(` at the start of a line. */
const ENTRY_START = /^\s*@\s*([A-Za-z][\w-]*)\s*([{(])/;
/** A line that clearly opens a new entry (used to notice an entry left unclosed). */
const NEW_ENTRY_LINE = new RegExp(`^@\\s*(?:${KNOWN_TYPES})\\s*[{(]`, 'i');
const NOT_RECORDS = new Set(['comment', 'string', 'preamble']);

/** BibTeX's predefined month macros. */
const MONTHS: Record<string, string> = {
  jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June',
  jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December',
};

export const bibtex: FormatModule = {
  name: 'bibtex',
  label: 'BibTeX (Scopus, Web of Science, EBSCOhost, ProQuest, ACM, dblp, Europe PMC, publishers, JabRef, Zotero)',
  sniff(head) {
    if (new RegExp(`^\\s*@\\s*(?:${KNOWN_TYPES})\\s*[{(]`, 'im').test(head)) return 0.95;
    // An unknown entry type still looks like BibTeX when a key and a field follow.
    if (/^\s*@\s*[A-Za-z]+\s*[{(][^,\s]*,\s*$\s*[\w-]+\s*=/m.test(head)) return 0.7;
    return 0;
  },
  *read(lines) {
    const macros = new Map<string, string>(Object.entries(MONTHS));
    let entry: string[] | null = null;
    let scanner = new EntryScanner();
    let startLine = 0;
    let ordinal = 0;
    let lineNo = 0;

    const finish = function* (closedAt: number | undefined, lastLine: number): Generator<ReadItem> {
      const text = (entry ?? []).join('\n');
      entry = null;
      const parsed = readEntry(text, startLine, closedAt, scanner, lastLine);
      if (!parsed) return;
      const isRecord = !NOT_RECORDS.has(parsed.type);
      if (isRecord) ordinal += 1;
      for (const d of parsed.problems) yield located(d, isRecord ? ordinal : undefined);
      if (parsed.type === 'string') {
        for (const f of parsed.fields) macros.set(f.name.toLowerCase(), resolve(f, macros, []));
        return;
      }
      if (!isRecord) return;
      const problems: Diagnostic[] = [];
      const record = mapEntry(parsed, macros, problems, text, startLine);
      for (const d of problems) yield located(d, ordinal);
      yield { kind: 'record', record };
    };

    for (const text of lines) {
      lineNo += 1;
      const line = lineNo === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      // A new entry while one is still open: the open one has unbalanced braces.
      if (entry && NEW_ENTRY_LINE.test(line)) yield* finish(undefined, lineNo - 1);
      let first = false;
      if (!entry) {
        if (!ENTRY_START.test(line)) continue; // text between entries is a comment in BibTeX
        entry = [];
        scanner = new EntryScanner();
        startLine = lineNo;
        first = true;
      }
      entry.push(line);
      if (scanner.feed(line, first)) yield* finish(lineNo, lineNo);
    }
    if (entry) yield* finish(undefined, lineNo);
  },
};

/** A problem the entry parser or the mapping found, now that the entry's record number is known. */
function located(d: Diagnostic, record: number | undefined): ReadItem {
  return diagnostic(d.severity, d.code, d.message, { line: d.line, record });
}

/**
 * Finds where an entry ends while its lines stream in: at the end of a line
 * where the braces opened by `@type{` are all closed again, or for `@type(`
 * after a `)` outside braces and quotes. Escaped braces (`\{`) are text.
 */
class EntryScanner {
  depth = 0;
  private paren = false;
  private inQuote = false;
  private closed = false;

  /** Feed one line; true once the entry is complete. */
  feed(line: string, first: boolean): boolean {
    let i = 0;
    if (first) {
      const head = ENTRY_START.exec(line);
      if (!head) return true;
      i = head[0].length;
      if (head[2] === '{') this.depth = 1;
      else this.paren = true;
    }
    for (; i < line.length; i += 1) {
      const c = line[i];
      if (c === '\\') i += 1;
      else if (c === '{') this.depth += 1;
      else if (c === '}') this.depth -= 1;
      else if (this.paren && this.depth === 0) {
        if (c === '"') this.inQuote = !this.inQuote;
        else if (c === ')' && !this.inQuote) this.closed = true;
      }
    }
    // Judged at the end of the line, so that junk like `x}, y}, {z {w` inside one
    // value (EBSCOhost keyword fields scraped from web pages) does not end the entry.
    return this.paren ? this.closed : this.depth <= 0;
  }
}

/**
 * Parse an entry strictly; when its braces do not balance or the strict
 * parse fails, fall back to reading it one `name = value` line at a time and
 * say so. `closedAt` is the line where the entry closed (undefined: never).
 */
function readEntry(text: string, startLine: number, closedAt: number | undefined, scanner: EntryScanner,
  lastLine: number): Entry | undefined {
  const strict = new EntryParser(text, startLine).parse();
  if (!strict) return undefined;
  const strictFailed = strict.problems.some((p) => p.severity === 'error');
  if (closedAt !== undefined && !strictFailed) return strict;
  if (NOT_RECORDS.has(strict.type)) {
    if (closedAt === undefined) {
      strict.problems.push({
        severity: 'warning', code: 'bibtex/unclosed-entry', line: startLine,
        message: `the @${strict.type} from line ${startLine} is not closed before line ${lastLine + 1}; skipped it`,
      });
    }
    return strict;
  }
  const lenient = lenientEntry(text, startLine, strict);
  const where = closedAt === undefined
    ? `its braces do not balance (${scanner.depth} left open at line ${lastLine})`
    : strict.problems.filter((p) => p.severity === 'error').map((p) => p.message).join('; ');
  const unbalanced = lenient.fields.filter((f) => f.unbalanced).map((f) => `"${f.name}" (line ${f.line})`);
  // An entry whose last line is its closing brace is complete, just unbalanced inside;
  // otherwise (e.g. a file cut off mid-entry) it is malformed.
  const looksClosed = /^\s*[})]\s*$/.test(text.trimEnd().split('\n').pop() ?? '');
  const recovered = lenient.fields.length > 0 && looksClosed;
  lenient.problems.push({
    severity: recovered ? 'warning' : 'error',
    code: closedAt === undefined ? 'bibtex/unbalanced-braces' : 'bibtex/malformed-entry',
    line: startLine,
    message: `entry from line ${startLine}: ${where}`
      + (unbalanced.length ? `; unbalanced braces in field ${unbalanced.join(', ')}` : '')
      + (recovered ? '; read it one "name = value" line at a time instead' : '; could not read it reliably'),
  });
  return lenient;
}

/* ---------- parsing one entry's text ---------- */

/** One piece of a value: literal text (from braces, quotes or a number) or a macro name. */
type Piece = { text: string } | { macro: string };

interface Field {
  name: string;
  pieces: Piece[];
  /** 1-based file line where the field starts. */
  line: number;
  /** Set by the line-by-line fallback when the value's braces do not balance. */
  unbalanced?: boolean;
}

interface Entry {
  type: string;
  key?: string;
  fields: Field[];
  problems: Diagnostic[];
}

class EntryParser {
  pos = 0;
  readonly problems: Diagnostic[] = [];

  constructor(readonly text: string, readonly startLine: number) {}

  lineAt(pos = this.pos): number {
    let n = this.startLine;
    for (let i = 0; i < pos && i < this.text.length; i += 1) if (this.text[i] === '\n') n += 1;
    return n;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos += 1;
  }

  problem(severity: Diagnostic['severity'], code: string, message: string, pos = this.pos): void {
    const line = this.lineAt(pos);
    this.problems.push({ severity, code, line, message: `line ${line}: ${message}` });
  }

  /** `{…}` with nested braces; returns the inside. */
  braced(): string | undefined {
    const start = this.pos;
    let depth = 0;
    for (; this.pos < this.text.length; this.pos += 1) {
      const c = this.text[this.pos];
      if (c === '\\') this.pos += 1;
      else if (c === '{') depth += 1;
      else if (c === '}' && --depth === 0) {
        this.pos += 1;
        return this.text.slice(start + 1, this.pos - 1);
      }
    }
    this.problem('error', 'bibtex/unclosed-value', 'a braced value is never closed', start);
    return undefined;
  }

  /** `"…"`: ends at the first `"` outside braces. */
  quoted(): string | undefined {
    const start = this.pos;
    let depth = 0;
    for (this.pos += 1; this.pos < this.text.length; this.pos += 1) {
      const c = this.text[this.pos];
      if (c === '\\') this.pos += 1;
      else if (c === '{') depth += 1;
      else if (c === '}') depth -= 1;
      else if (c === '"' && depth === 0) {
        this.pos += 1;
        return this.text.slice(start + 1, this.pos - 1);
      }
    }
    this.problem('error', 'bibtex/unclosed-value', 'a quoted value is never closed', start);
    return undefined;
  }

  /** A value: pieces joined by `#`. */
  value(): Piece[] | undefined {
    const pieces: Piece[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '{' || c === '"') {
        const text = c === '{' ? this.braced() : this.quoted();
        if (text === undefined) return undefined;
        pieces.push({ text });
      } else {
        const m = /^[^\s,#{}()"=]+/.exec(this.text.slice(this.pos, this.pos + 200));
        if (!m) {
          this.problem('error', 'bibtex/missing-value', `expected a value, found ${describe(c)}`);
          return undefined;
        }
        this.pos += m[0].length;
        pieces.push(/^\d+$/.test(m[0]) ? { text: m[0] } : { macro: m[0] });
      }
      this.skipSpace();
      if (this.text[this.pos] !== '#') return pieces;
      this.pos += 1;
    }
  }

  parse(): Entry | undefined {
    const head = /^\s*@\s*([A-Za-z][\w-]*)\s*([{(])/.exec(this.text);
    if (!head) return undefined;
    const type = head[1].toLowerCase();
    const close = head[2] === '{' ? '}' : ')';
    this.pos = head[0].length;
    const entry: Entry = { type, fields: [], problems: this.problems };
    if (type === 'comment' || type === 'preamble') return entry;
    if (type !== 'string') {
      // Keys run to the comma; Scopus writes keys with a space (`{Conference paper2022775,`).
      const key = /^[^,{}()\n]*/.exec(this.text.slice(this.pos, this.pos + 1000))?.[0] ?? '';
      this.pos += key.length;
      entry.key = key.trim() || undefined;
      if (!entry.key) this.problem('warning', 'bibtex/missing-key', `the @${type} entry has no citation key`);
    }
    this.fields(entry, close);
    return entry;
  }

  fields(entry: Entry, close: string): void {
    for (;;) {
      this.skipSpace();
      while (this.text[this.pos] === ',') {
        this.pos += 1;
        this.skipSpace();
      }
      if (this.pos >= this.text.length || this.text[this.pos] === close) return;
      const start = this.pos;
      // Names run to the "="; Scopus writes names with a space (`funding_text 1={…}`).
      const written = /^[^=,{}()"#\n]+/.exec(this.text.slice(this.pos, this.pos + 200))?.[0];
      const name = written?.trim();
      if (!written || !name) {
        this.problem('error', 'bibtex/bad-field', `expected a field name, found ${describe(this.text[this.pos])}`);
        return;
      }
      this.pos += written.length;
      this.skipSpace();
      if (this.text[this.pos] !== '=') {
        this.problem('error', 'bibtex/bad-field', `field "${name}" has no "=" after its name`);
        return;
      }
      this.pos += 1;
      const pieces = this.value();
      if (!pieces) return;
      entry.fields.push({ name, pieces, line: this.lineAt(start) });
      this.skipSpace();
      const next = this.text[this.pos];
      if (next !== ',' && next !== close && next !== undefined) {
        this.problem('error', 'bibtex/bad-field', `expected "," or "${close}" after field "${name}", found ${describe(next)}`);
        return;
      }
    }
  }
}

function describe(c: string | undefined): string {
  return c === undefined ? 'the end of the entry' : `"${c}"`;
}

/** `name = ` at the start of a line, for the line-by-line fallback. */
const FIELD_LINE = /^\s*([A-Za-z][\w.:-]*(?: \d+)?)\s*=\s*/;

/**
 * Read an entry whose braces do not balance one field per `name = value`
 * line: a value runs until the next such line or the entry's closing brace.
 */
function lenientEntry(text: string, startLine: number, strict: Entry): Entry {
  const entry: Entry = { type: strict.type, key: strict.key, fields: [], problems: [] };
  const lines = text.split('\n');
  // The closing delimiter: a line of its own, or the end of the last line.
  let last = lines.length - 1;
  while (last > 0 && lines[last].trim() === '') last -= 1;
  if (/^\s*[})]\s*$/.test(lines[last])) lines.length = last;
  else lines[last] = lines[last].replace(/[})]\s*$/, '');
  // The first line holds `@type{key,` and possibly a first field.
  lines[0] = lines[0].replace(/^\s*@\s*[A-Za-z][\w-]*\s*[{(][^,\n]*,?/, '');
  let current: { name: string; line: number; parts: string[] } | undefined;
  const flush = (): void => {
    if (current) entry.fields.push(lenientField(current.name, current.line, current.parts.join('\n')));
  };
  lines.forEach((line, i) => {
    const m = FIELD_LINE.exec(line);
    if (m) {
      flush();
      current = { name: m[1], line: startLine + i, parts: [line.slice(m[0].length)] };
    } else if (current) {
      current.parts.push(line);
    }
  });
  flush();
  return entry;
}

function lenientField(name: string, line: number, written: string): Field {
  let value = written.trim().replace(/,$/, '').trim();
  if (value.startsWith('{') && value.endsWith('}')) value = value.slice(1, -1);
  else if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  else if (/^[^\s,#{}()"=]+$/.test(value) && !/^\d+$/.test(value)) return { name, line, pieces: [{ macro: value }] };
  let depth = 0;
  for (let i = 0; i < value.length; i += 1) {
    if (value[i] === '\\') i += 1;
    else if (value[i] === '{') depth += 1;
    else if (value[i] === '}') depth -= 1;
  }
  return { name, line, pieces: [{ text: value }], unbalanced: depth !== 0 };
}

/** A field's value with macros expanded; undefined macros are reported and kept by name. */
function resolve(field: Field, macros: Map<string, string>, problems: Diagnostic[]): string {
  return field.pieces.map((p) => {
    if ('text' in p) return p.text;
    const value = macros.get(p.macro.toLowerCase());
    if (value !== undefined) return value;
    problems.push({
      severity: 'warning', code: 'bibtex/undefined-macro', line: field.line,
      message: `line ${field.line}: field "${field.name}" uses the undefined @string macro "${p.macro}"; kept its name`,
    });
    return p.macro;
  }).join('');
}

/* ---------- mapping into the record model ---------- */

const KEYWORD_FIELDS = ['keywords', 'author_keywords', 'keyword'];
const ISSUE_FIELDS = ['number', 'issue'];
const ARTICLE_NUMBER_FIELDS = ['art_number', 'article-number', 'articleno', 'eid'];

/** An entry's fields by lower-case name, remembering which were mapped. */
class EntryFields {
  private readonly byName = new Map<string, Array<{ name: string; value: string }>>();
  private readonly used = new Set<string>();

  constructor(private readonly record: BibRecord) {}

  add(name: string, value: string): void {
    const lower = name.toLowerCase();
    const list = this.byName.get(lower);
    if (list) list.push({ name, value });
    else this.byName.set(lower, [{ name, value }]);
  }

  /** The first value, marking the field mapped; a repeated field's later values go to extra. */
  take(lower: string): string | undefined {
    if (this.used.has(lower)) return this.peek(lower);
    this.used.add(lower);
    const list = this.byName.get(lower);
    list?.slice(1).forEach((f) => addExtra(this.record, f.name, f.value));
    return list?.[0]?.value;
  }

  /** The first value with LaTeX converted. */
  text(lower: string): string | undefined {
    return tex(this.take(lower));
  }

  peek(lower: string): string | undefined {
    return this.byName.get(lower)?.[0]?.value;
  }

  has(lower: string): boolean {
    return this.byName.has(lower);
  }

  /** Keep a value in extra under the field's name as written. */
  keep(lower: string, value: string): void {
    addExtra(this.record, this.byName.get(lower)?.[0]?.name ?? lower, value);
  }

  /** Every field no mapping took, into extra. */
  keepUnmapped(): void {
    for (const [lower, list] of this.byName) {
      if (!this.used.has(lower)) list.forEach((f) => addExtra(this.record, f.name, f.value));
    }
  }
}

function mapEntry(entry: Entry, macros: Map<string, string>, problems: Diagnostic[], raw: string, line: number): BibRecord {
  const record = emptyRecord(raw, line);
  const fields = new EntryFields(record);
  for (const field of entry.fields) {
    const value = resolve(field, macros, problems).replace(/\s+/g, ' ').trim();
    if (value !== '') fields.add(field.name, value);
  }
  record.type = entry.type;
  record.sourceKey = entry.key;
  record.title = cleanText(fields.text('title'));
  record.abstract = cleanText(fields.text('abstract'));
  for (const a of splitAuthors(fields.take('author'))) record.authors.push(a);
  const year = fields.take('year');
  const month = fields.text('month');
  const date = fields.text('date');
  record.year = parseYear(year) ?? parseYear(date);
  record.date = date ?? ([year, month].filter(Boolean).join(' ') || undefined);
  mapJournal(record, fields);
  record.volume = fields.text('volume');
  record.issue = firstOf(fields, ISSUE_FIELDS);
  mapPages(record, fields);
  mapIdentifiers(record, fields);
  for (const f of KEYWORD_FIELDS) for (const k of splitKeywords(fields.text(f))) pushUnique(record.keywords, k);
  record.language = fields.text('language');
  record.pmid = normalisePmid(fields.take('pmid')) ?? pmidFromNote(fields.peek('note')) ?? pmidFromKey(entry.key);
  record.database = databaseOf(fields, record);
  fields.keepUnmapped();
  return record;
}

/** The first of several candidate fields; a different value in another is kept in extra. */
function firstOf(fields: EntryFields, names: string[]): string | undefined {
  let chosen: string | undefined;
  for (const name of names) {
    const value = fields.text(name);
    if (value === undefined) continue;
    if (chosen === undefined) chosen = value;
    else if (value !== chosen) fields.keep(name, value);
  }
  return chosen;
}

/** `journal` for articles; `booktitle` for chapters and papers in proceedings. */
function mapJournal(record: BibRecord, fields: EntryFields): void {
  record.journal = cleanText(firstOf(fields, ['journal', 'journaltitle']));
  const booktitle = fields.take('booktitle');
  if (booktitle === undefined) return;
  if (record.journal === undefined) record.journal = cleanText(tex(booktitle));
  else fields.keep('booktitle', booktitle);
}

/** `1--20`, `123–456`, `1 - 10` → `1-20`; with no pages, an article number stands in (Scopus `art_number`). */
function mapPages(record: BibRecord, fields: EntryFields): void {
  record.pages = fields.text('pages')?.replace(/\s*[-\u2010-\u2015]+\s*/g, '-');
  for (const name of ARTICLE_NUMBER_FIELDS) {
    const value = fields.text(name);
    if (value === undefined) continue;
    if (record.pages === undefined) record.pages = value;
    else if (value !== record.pages) fields.keep(name, value);
  }
}

function mapIdentifiers(record: BibRecord, fields: EntryFields): void {
  const doi = fields.take('doi');
  record.doi = doi ? normaliseDoi(unescapeLatexUrl(doi)) : undefined;
  if (doi && !record.doi) fields.keep('doi', doi);
  const url = fields.take('url');
  record.url = url ? unescapeLatexUrl(url).replace(/\s+/g, '') : undefined;
  for (const name of ['issn', 'eissn', 'isbn']) {
    const value = fields.take(name);
    if (value && !addStandardNumbers(record, tex(value) ?? '')) fields.keep(name, value);
  }
}

function tex(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = latexToUnicode(value).replace(/\s+/g, ' ').trim();
  return v === '' ? undefined : v;
}

/** `A and B and {Barnes and Noble}`: split on ` and ` outside braces; `others` means et al. */
function splitAuthors(value: string | undefined): string[] {
  if (!value) return [];
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (c === '\\') i += 1;
    else if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    else if (depth === 0 && /\s/.test(c)) {
      const m = /^\s+and\s+/i.exec(value.slice(i));
      if (m) {
        names.push(value.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  names.push(value.slice(start));
  return names.map((n) => tex(n)).filter((n): n is string => n !== undefined && n.toLowerCase() !== 'others');
}

/** Keywords are `;`-separated (Scopus) or `,`-separated (most others). */
function splitKeywords(value: string | undefined): string[] {
  if (!value) return [];
  return value.includes(';') ? splitList(value) : splitList(value, /\s*,\s*/);
}

/** Taylor & Francis write `note = {PMID: 33355555}`. */
function pmidFromNote(note: string | undefined): string | undefined {
  const m = note ? /\bPMID:?\s*(\d{1,9})\b/i.exec(note) : null;
  return m ? m[1] : undefined;
}

/** Europe PMC keys its entries `PMID:18888888`. */
function pmidFromKey(key: string | undefined): string | undefined {
  const m = key ? /^PMID:(\d{1,9})$/i.exec(key) : null;
  return m ? m[1] : undefined;
}

/**
 * The database, where the entry says it: Scopus writes `source = {Scopus}`;
 * Web of Science `Unique-ID = {WOS:…}` and `Web-of-Science-Categories`; dblp
 * `bibsource = {dblp …}`; EBSCOhost entries link to their database
 * (`db=bth`); Europe PMC entries back to it. ProQuest links name only the
 * platform. Otherwise unset.
 */
function databaseOf(fields: EntryFields, record: BibRecord): string | undefined {
  const source = fields.peek('source');
  if (source && /^(scopus|web of science|pubmed|medline|embase)$/i.test(source)) return fields.take('source');
  if (/^WOS:/i.test(fields.peek('unique-id') ?? '') || fields.has('web-of-science-categories')) return 'Web of Science';
  if (/\bdblp\b/i.test(fields.peek('bibsource') ?? '')) return 'dblp';
  const url = record.url ?? '';
  // EBSCOhost is the platform; its links name the database (`db=bth`), when they do.
  if (/^https?:\/\/search\.ebscohost\.com\//i.test(url)) {
    record.interface = 'EBSCOhost';
    return databaseOfLink(url);
  }
  // ProQuest too is a platform, and its links (`docview/…`) do not name the database.
  if (/^https?:\/\/(?:www\.)?proquest\.com\//i.test(url)) {
    record.interface = 'ProQuest';
    return undefined;
  }
  if (/^https?:\/\/(?:www\.)?europepmc\.org\//i.test(url)) return 'Europe PMC';
  return undefined;
}
