/**
 * RIS, as written by EBSCOhost, Ovid, Scopus, Web of Science, Embase,
 * ProQuest, Dimensions, Lens, APA PsycNET, JSTOR and citation managers.
 *
 * Tolerated vendor quirks: a BOM or a `Provider:/Database:` preamble before
 * the first record; Ovid's record-number lines (`1.`) before `TY`; a single
 * space before the dash (`TY - JOUR`); `ER  -` with no trailing space;
 * untagged continuation lines (wrapped URLs, reference lists, MeSH terms one
 * per line) appended to the previous tag; a continuation line that merely
 * begins with the letters "ER"; records not closed by `ER` before the next
 * `TY`; values holding U+2028; what Ovid writes after a record's `ER` (an
 * `NL  -` journal abbreviation, a line of full-text links), which stays with
 * that record.
 *
 * Field choices follow Zotero's RIS import where it is right for real
 * exports: DA beats the deprecated Y1, and both beat PY; AU and A1 authors
 * keep file order; the container depends on TY (chapter: BT/T2 is the book;
 * book: BT is the title); SP may hold the whole range; EndNote's M1 issue.
 * Where Zotero is not, we differ on purpose: for journals JF beats T2
 * (EBSCOhost writes a translated title in T2), and C3 is not a conference's
 * proceedings title unless nothing else is (Web of Science RIS writes
 * organisations there). Every value not mapped stays in `extra`.
 */
import { textOfLines, type FormatModule } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord, warning } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, joinPages, normaliseDoi, normalisePmid, oneLine, parseYear, pushUnique,
} from '../normalise.js';
import { TagValues } from '../tagged.js';
import { accessionDatabase, databaseOfLink } from '../databases.js';

const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * `XX  - value` → [tag, value]; null for a continuation or other line.
 * Equivalent to /^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|\s*)$/s (one or two spaces
 * before the dash; after it a space and the value, or nothing but blanks).
 */
export function tagLine(line: string): [string, string] | null {
  const at = valueStart(line, 0, line.length);
  return at < 0 ? null : [line.slice(0, 2), line.slice(at)];
}

/**
 * Where the value of a tag line `text[start, end)` begins (`end` for an empty
 * value), or -1 when the line is not a tag line. Written with char codes on
 * the text itself: it runs on every line of every RIS file.
 */
function valueStart(text: string, start: number, end: number): number {
  if (end - start < 3) return -1;
  const c0 = text.charCodeAt(start);
  const c1 = text.charCodeAt(start + 1);
  if (!isUpper(c0) || !(isUpper(c1) || isDigit(c1)) || text.charCodeAt(start + 2) !== 32) return -1;
  let dash = start + 3;
  if (dash < end && text.charCodeAt(dash) === 32) dash += 1;
  if (dash >= end || text.charCodeAt(dash) !== 45) return -1;
  if (dash + 1 === end) return end;
  if (text.charCodeAt(dash + 1) === 32) return dash + 2;
  return text.slice(dash + 1, end).trim() === '' ? end : -1;
}

/** Two-letter tags as shared strings: one per tag, not one per line. */
const TAG_NAMES: string[] = [];
function tagName(text: string, at: number): string {
  const code = text.charCodeAt(at) * 128 + text.charCodeAt(at + 1);
  return (TAG_NAMES[code] ??= text.slice(at, at + 2));
}

const PREAMBLE_DATABASE = /^Database:\s*(.+)$/i;

/** The record being read: fields as parallel lists, and its text as pieces of the file's text. */
interface OpenRis {
  start: number;
  tags: string[];
  values: string[];
  /** The record's text from earlier pieces of the file. */
  rawParts: string[];
  /** Where the record's text begins in the current piece. */
  rawFrom: number;
}

/**
 * A record read up to its ER, held until the next record starts: Ovid writes
 * more of the record after the ER (an `NL  -` journal abbreviation, then a
 * "Link to the Ovid Full Text or citation: …" line), and those belong to it.
 */
interface ClosedRis {
  rec: OpenRis;
  raw: string;
  /** Untagged lines after the ER (kept in `extra` under TRAILER). */
  trailer: string[];
  /** Blank lines seen since the last line taken: part of the raw text only if another line is taken. */
  gap: string[];
  /** Trailer tags (TRAILER_TAGS) count as the record's only straight after the ER (no blank or untagged line between). */
  tagsAllowed: boolean;
}

/**
 * Tags a record may have after its ER: Ovid's `NL` (the journal's NLM
 * abbreviation). Any other tag there belongs to no record (a record whose TY
 * is missing): it is warned about, not added to the record before.
 */
const TRAILER_TAGS = new Set(['NL']);

/** The `extra` key for untagged text after a record's ER (Ovid's full-text and link-resolver links). */
export const TRAILER = 'after ER';
/**
 * Ovid's line of links after a record's ER ("Link to the Ovid Full Text or
 * citation: …Link to the External Link Resolver: …"). Other text between
 * records (JSTOR's and EndNote's `Provider:`/`Record #2 of 9` headers) is
 * about the next record or the file, not the last one.
 */
const OVID_LINKS = /^Link to the (?:Ovid Full Text|External Link Resolver)\b/;

/**
 * Reads RIS over the file's text, a piece at a time, walking each piece's
 * lines with indexOf: no string per line except the values themselves, and
 * a record's raw text is one slice of the file's text.
 */
class RisReader {
  private out: ReadItem[] = [];
  private rec: OpenRis | null = null;
  private closed: ClosedRis | null = null;
  private ordinal = 0;
  private lineNo = 0;
  private afterCR = false;
  private preambleDatabase: string | undefined;

  /** Read one piece (ending at a line break, except perhaps the last); returns what it yielded. */
  push(piece: string): ReadItem[] {
    let text = piece;
    if (this.afterCR && text.charCodeAt(0) === 10) text = text.slice(1);
    this.afterCR = false;
    // Every line break becomes LF, once per piece: CRLF (most exports), and a lone CR
    // (classic Mac files, WoS RIS between repeated tags) also ends a line. A CR ending
    // the piece may be the first half of a CRLF whose LF starts the next one.
    if (text.includes('\r')) {
      this.afterCR = text.charCodeAt(text.length - 1) === 13;
      text = text.replaceAll('\r\n', '\n');
      if (text.includes('\r')) text = text.replaceAll('\r', '\n');
    }
    const n = text.length;
    let s = 0;
    while (s < n) {
      let nl = text.indexOf('\n', s);
      if (nl < 0) nl = n;
      this.lineNo += 1;
      this.line(text, s, nl);
      s = nl + 1;
    }
    if (this.rec) {
      this.rec.rawParts.push(text.slice(this.rec.rawFrom));
      this.rec.rawFrom = 0;
    }
    return this.drain();
  }

  end(): ReadItem[] {
    if (this.rec) {
      this.out.push(warning('ris/missing-er', `the last record (from line ${this.rec.start}) has no closing ER line; kept it`,
        { line: this.lineNo, record: this.ordinal + 1 }));
      this.finish('', 0);
    }
    this.emitClosed();
    return this.drain();
  }

  private drain(): ReadItem[] {
    const items = this.out;
    this.out = [];
    return items;
  }

  private line(text: string, s: number, e: number): void {
    const at = valueStart(text, s, e);
    if (at >= 0) {
      this.tagLine(text, s, e, tagName(text, s), at);
      return;
    }
    const rec = this.rec;
    if (!rec) {
      const between = text.slice(s, e);
      const trimmed = between.trim();
      if (this.closed && this.trailerLine(between, trimmed)) return;
      this.emitClosed();
      const db = PREAMBLE_DATABASE.exec(trimmed);
      if (db) {
        this.preambleDatabase = db[1].trim();
        this.out.push({ kind: 'meta', database: this.preambleDatabase });
      }
      return; // Ovid record numbers, preambles, blank lines between records
    }
    // Untagged lines continue the field above; blank ones are only part of the raw text.
    const more = text.slice(s, e).trim();
    if (more === '') return;
    const last = rec.values.length - 1;
    rec.values[last] = rec.values[last] === '' ? more : `${rec.values[last]}\n${more}`;
  }

  /**
   * An untagged line after the last record's ER: a blank line is held (it joins
   * the raw text only if more of the record follows); Ovid's links are the
   * record's. Returns false when the line is not the closed record's.
   */
  private trailerLine(line: string, trimmed: string): boolean {
    const closed = this.closed!;
    if (trimmed === '') {
      closed.gap.push(line);
      closed.tagsAllowed = false;
      return true;
    }
    if (!OVID_LINKS.test(trimmed)) return false;
    this.extendClosed(line);
    closed.trailer.push(trimmed);
    closed.tagsAllowed = false;
    return true;
  }

  /** Add a line (and the blank lines before it) to the closed record's raw text. */
  private extendClosed(line: string): void {
    const closed = this.closed!;
    closed.raw += closed.gap.length === 0 ? `\n${line}` : `\n${closed.gap.join('\n')}\n${line}`;
    closed.gap = [];
  }

  private tagLine(text: string, s: number, e: number, tag: string, at: number): void {
    if (!this.rec && this.closed) {
      if (this.closed.tagsAllowed && TRAILER_TAGS.has(tag)) {
        // Ovid's `NL  -` straight after ER: a field of the record just closed.
        this.extendClosed(text.slice(s, e));
        this.closed.rec.tags.push(tag);
        this.closed.rec.values.push(at === e ? '' : text.slice(at, e).trim());
        return;
      }
      this.emitClosed();
    }
    if (tag === 'TY') {
      if (this.rec) {
        this.out.push(warning('ris/missing-er',
          `record ${this.ordinal + 1} (from line ${this.rec.start}) has no ER line before the next TY; closed it there`,
          { line: this.lineNo, record: this.ordinal + 1 }));
        this.finish(text, s);
        this.emitClosed();
      }
      this.rec = { start: this.lineNo, tags: [], values: [], rawParts: [], rawFrom: s };
    }
    if (!this.rec) {
      // ER with no open record (e.g. a stray repeated ER) or a tag before any TY.
      if (tag !== 'ER') {
        this.out.push(warning('ris/tag-outside-record',
          `line ${this.lineNo}: tag ${tag} appears outside any record (${this.ordinal ? `after the ER of record ${this.ordinal}` : 'before the first TY'}); ignored`,
          { line: this.lineNo }));
      }
      return;
    }
    if (tag === 'ER') {
      this.finish(text, e);
      return;
    }
    this.rec.tags.push(tag);
    this.rec.values.push(at === e ? '' : text.slice(at, e).trim());
  }

  /**
   * Close the open record; its text runs to `text[end]`, less the line break
   * that may end it there. It is yielded when the next record starts (see
   * ClosedRis), or at once when `end` is where that record starts.
   */
  private finish(text: string, end: number): void {
    const rec = this.rec!;
    let raw = rec.rawParts.length === 0 ? text.slice(rec.rawFrom, end) : rec.rawParts.join('') + text.slice(rec.rawFrom, end);
    if (raw.charCodeAt(raw.length - 1) === 10) raw = raw.slice(0, -1);
    this.ordinal += 1;
    this.rec = null;
    this.closed = { rec, raw, trailer: [], gap: [], tagsAllowed: true };
  }

  private emitClosed(): void {
    const closed = this.closed;
    if (!closed) return;
    this.closed = null;
    const record = mapFields(closed.rec.tags, closed.rec.values, closed.raw, closed.rec.start, this.preambleDatabase);
    for (const text of closed.trailer) addExtra(record, TRAILER, text);
    this.out.push({ kind: 'record', record });
  }
}

export const ris: FormatModule = {
  name: 'ris',
  label: 'RIS (EBSCOhost, Ovid, Scopus, Web of Science, Embase, ProQuest, Dimensions, Lens, Zotero, EndNote…)',
  sniff(head) {
    if (/^\s*TY {1,2}- ?\S/m.test(head)) {
      // Both RIS and Ovid/EndNote exports contain TY lines; an ER line makes it certain.
      return /^ER {1,2}-/m.test(head) ? 0.95 : 0.8;
    }
    return 0;
  },
  read(lines, options) {
    return ris.readText!(textOfLines(lines), options);
  },
  *readText(texts) {
    const reader = new RisReader();
    for (const text of texts) yield* reader.push(text);
    yield* reader.end();
  },
};

/** What kind of work a TY names, as far as the choice of title and container tags goes. */
type Kind = 'journal' | 'book' | 'chapter' | 'conference';
const KIND_OF_TYPE: Record<string, Kind> = {
  BOOK: 'book', EBOOK: 'book', EDBOOK: 'book', CLSWK: 'book',
  CHAP: 'chapter', ECHAP: 'chapter',
  CONF: 'conference', CPAPER: 'conference',
};

/**
 * Container ("journal") tags by kind, in order of preference.
 * - Journals: JF (full journal name) before T2, because EBSCOhost writes the
 *   English translation of a foreign-language title in T2 next to JF/JO.
 * - Chapters: BT or T2 is the book. Books: T2/T3 are the series (BT is the
 *   book's own title). Conference papers: T2 is the conference or proceedings
 *   (C3 only as a last resort: EndNote puts the proceedings title there, but
 *   Web of Science RIS uses C3 for organisation names).
 */
const CONTAINER_TAGS: Record<Kind, string[]> = {
  journal: ['JF', 'T2', 'JO', 'JA', 'J2', 'J1', 'BT', 'T3'],
  chapter: ['BT', 'T2', 'JF', 'JO', 'JA', 'J2', 'J1', 'T3'],
  conference: ['T2', 'BT', 'JF', 'JO', 'JA', 'J2', 'J1', 'T3'],
  book: ['T2', 'T3', 'JF', 'JO', 'JA', 'J2', 'J1'],
};
/** Date tags, most complete first: Zotero's rule that DA beats the deprecated Y1, and both beat PY (a year only). */
const DATE_TAGS = ['DA', 'Y1', 'PY'];
const COPYRIGHT_NOTICE = /^Copyright of .* is the property of /s;
/** An issue number as EndNote writes it in M1 (other vendors put addresses or references there). */
const SHORT_ISSUE = /^[\p{L}\p{N}][\p{L}\p{N} ./()-]{0,14}$/u;

/** One record's fields into the model; `fileDatabase` is what the file's preamble names, if anything. */
function mapFields(tagList: string[], values: string[], raw: string, line: number, fileDatabase?: string): BibRecord {
  const record = emptyRecord(raw, line);
  const tags = TagValues.fromLists(tagList, values);
  record.type = oneLine(tags.take('TY'));
  const kind = KIND_OF_TYPE[record.type?.toUpperCase() ?? ''] ?? 'journal';

  record.title = cleanText(tags.take(...(kind === 'book' ? ['TI', 'T1', 'CT', 'BT'] : ['TI', 'T1', 'CT'])));
  // EBSCOhost adds its copyright notice as a second AB; it is never the abstract.
  record.abstract = cleanText(tags.takeWhere(['AB', 'N2'], (v) => !COPYRIGHT_NOTICE.test(v)));
  // AU and A1 both name authors; keep them in file order, whichever tag each uses.
  for (let i = 0; i < tagList.length; i++) {
    if ((tagList[i] === 'AU' || tagList[i] === 'A1') && values[i] !== '') record.authors.push(oneLine(values[i]) as string);
  }
  tags.takeAll('AU');
  tags.takeAll('A1');
  const date = oneLine(tags.take(...DATE_TAGS));
  const yearText = oneLine(tags.takeWhere(DATE_TAGS, (v) => parseYear(v) !== undefined));
  record.year = parseYear(yearText);
  // Web of Science RIS writes the month alone in DA (`SEP`) and the year in PY: the date is both.
  record.date = date && yearText && parseYear(date) === undefined ? `${date} ${yearText}` : date;
  record.journal = containerOf(tags, kind);
  record.volume = oneLine(tags.take('VL'));
  record.issue = oneLine(tags.take('IS', 'CP'))
    // EndNote writes a journal's issue in M1; elsewhere M1 holds addresses, references or IDs.
    ?? (kind === 'journal' ? oneLine(tags.takeWhere(['M1'], (v) => SHORT_ISSUE.test(v.trim()))) : undefined);
  // Ovid writes "No Pagination Specified" as `SP  - No` + `EP  - Specified`: no pages (both stay in extra).
  if (!(/^no$/i.test(tags.all('SP')[0] ?? '') && /^specified$/i.test(tags.all('EP')[0] ?? ''))) {
    record.pages = pagesOf(oneLine(tags.take('SP')), oneLine(tags.take('EP')));
  }
  record.doi = normaliseDoi(tags.take('DO')) ?? doiFromLinks(tags);
  record.language = oneLine(tags.take('LA'));
  const urls = urlsOf(tags.take('UR'));
  record.url = urls[0];
  for (const more of urls.slice(1)) addExtra(record, 'UR', more);
  for (const k of tags.takeAll('KW')) for (const part of k.split(/\n|;/)) pushUnique(record.keywords, part);
  for (const sn of tags.takeAll('SN')) if (!addStandardNumbers(record, sn)) addExtra(record, 'SN', sn);
  const accession = tags.all('AN')[0] ?? accessionFromLinks(tags);
  record.sourceKey = oneLine(tags.take('ID', 'AN')) ?? accession;
  record.interface = platformOf(tags);
  // Web of Science RIS names no database, but its accession numbers do (`AN  - WOS:000082252000006`).
  // The database, by the evidence's strength: the record's own tags, its accession number, the file's preamble, its links.
  // DP names a platform as often as a database (`DP  - EBSCOhost`): a platform is the database
  // only when nothing else names one (the record's link, `db=psyh`, usually does).
  record.database = oneLine(tags.take('DB') ?? tags.takeWhere(['DP'], (v) => !HOSTS_ONLY.test(v.trim())))
    ?? accessionDatabase(tags.first('AN')) ?? accessionDatabase(record.sourceKey) ?? fileDatabase ?? databaseOfLinks(tags)
    ?? oneLine(tags.take('DP'));
  // In MEDLINE (PubMed, Ovid, EBSCOhost) the accession number is the PMID.
  if (accession && /pubmed|medline/i.test(`${tags.all('DB')[0] ?? ''} ${tags.all('DP')[0] ?? ''}`)) {
    record.pmid = normalisePmid(accession);
  }
  // Values not chosen for a field are kept: a second abstract, the journal abbreviation, further URLs…
  for (const [tag, value] of tags.leftovers()) addExtra(record, tag, value);
  return record;
}

/**
 * The links in one UR value. Its continuation lines are either a long URL
 * wrapped (joined back without the break) or further links, one per line
 * (Dimensions writes its record page, then the full text): a line that starts
 * a link starts a new one.
 */
function urlsOf(value: string | undefined): string[] {
  if (!value) return [];
  const urls: string[] = [];
  for (const line of value.split('\n')) {
    const part = line.replace(/\s+/g, '');
    if (part === '') continue;
    if (urls.length === 0 || /^(?:https?:|ftp:|www\.|doi:|<)/i.test(part)) urls.push(part);
    else urls[urls.length - 1] += part;
  }
  return urls;
}

const PLATFORMS = /^(EBSCOhost|Ovid(?: Technologies)?|OvidSP|ProQuest|Web of Science|Scopus|Embase\.com|JSTOR|Informit|Gale)$/i;
/** Platforms that host many databases and are none of them (Scopus, JSTOR, Web of Science are also databases). */
const HOSTS_ONLY = /^(EBSCOhost|Ovid(?: Technologies)?|OvidSP|ProQuest|Informit|Gale)$/i;

/**
 * The platform a record was found through: `DP  - EBSCOhost` next to the
 * database's own `DB  - psyh`; Ovid's database names (`DB  - Ovid MEDLINE(R)`).
 * (`DP` alone is the database, or in some exports a publication date: only
 * platform names count here.)
 */
function platformOf(tags: TagValues): string | undefined {
  const db = tags.first('DB');
  if (db && /^Ovid\b/i.test(db.trim())) return 'Ovid';
  const dp = tags.first('DP')?.trim();
  return dp && PLATFORMS.test(dp) ? dp.replace(/^(Ovid(?: Technologies)?|OvidSP)$/i, 'Ovid') : undefined;
}

/** The database a record's links name (Ovid's L2 `…&D=psyc16&…`, a Lens or Dimensions record page in UR). */
function databaseOfLinks(tags: TagValues): string | undefined {
  for (const tag of LINK_TAGS) {
    for (const v of tags.all(tag)) {
      for (const url of urlsOf(v)) {
        const database = databaseOfLink(url);
        if (database) return database;
      }
    }
  }
  return undefined;
}
const LINK_TAGS = ['UR', 'L2', 'L1', 'L3', 'LK'];

/** EBSCOhost and Ovid give the accession number only inside the record's link (`…&AN=150283836&…`). */
function accessionFromLinks(tags: TagValues): string | undefined {
  for (const tag of ['UR', 'L2']) {
    for (const v of tags.all(tag)) {
      const m = /[?&]AN=([^&\s]+)/.exec(v);
      if (m) return m[1];
    }
  }
  return undefined;
}

function containerOf(tags: TagValues, kind: Kind): string | undefined {
  const found = cleanText(tags.take(...CONTAINER_TAGS[kind]));
  if (found || kind !== 'conference' || tags.all('C3').length !== 1) return found;
  return cleanText(tags.take('C3'));
}

/** SP may already hold the whole range (`1885-1894`, Scopus chapters); otherwise join SP and EP. */
function pagesOf(sp: string | undefined, ep: string | undefined): string | undefined {
  if (sp && /[-\u2013]/.test(sp)) return sp;
  return joinPages(sp, ep);
}

/** Ovid, Lens and others put the DOI only in a link or note field. */
function doiFromLinks(tags: TagValues): string | undefined {
  for (const tag of ['M3', 'UR', 'L3', 'L2', 'L1', 'LK', 'N1']) {
    for (const v of tags.all(tag)) {
      // Links one by one (a wrapped one joined back); notes line by line, a DOI ending at a space.
      const candidates = LINK_TAGS.includes(tag) ? urlsOf(v) : v.split('\n');
      for (const text of candidates) {
        if (!/doi\.org\/|^\s*10\.\d{4,9}\/|\bdoi:\s*10\./i.test(text)) continue;
        const doi = normaliseDoi(text);
        if (doi) return doi;
      }
    }
  }
  return undefined;
}
