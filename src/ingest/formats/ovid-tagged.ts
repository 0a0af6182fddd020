/**
 * Ovid native export (Embase, PsycINFO, BIOSIS, Zoological Record,
 * Journals@Ovid, Books@Ovid, IPSA… as saved from OvidSP with the "Citavi",
 * "EndNote" or plain display options — not Ovid's RIS, which `ris` reads).
 *
 * Each record opens with a result-number marker, `<3001. >` (or `<8>` in the
 * labelled display); numbering starts wherever the saved range starts. Two
 * field layouts exist:
 * - tagged: `AU  - Smith, J.` lines; a value continues on untagged lines
 *   (indented, or not: BIOSIS's `Series Information:` line), possibly across
 *   blank lines (PsycINFO `IN`/`RF`, Zoological Record `DE`/`SY`);
 * - labelled: an unindented label line (`Accession Number`, `Author`) with the
 *   value on the indented lines below it.
 *
 * Tolerated variants seen in real exports: every line indented by one space
 * (PsycINFO), a one-space separator (`VN - `), no `DB` line, multi-letter tags
 * (`SCORE  -`), CRLF. Journal, volume, issue and pages are taken from `JN`/
 * `VO`/`IP`/`PG` when the database writes them, otherwise parsed out of the
 * `SO` citation (whose layout differs per database); `SO` itself is always
 * kept in `extra`.
 */
import type { FormatModule } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord, error, warning } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, normaliseDoi, normalisePmid, oneLine, parseYear, pushUnique, splitList,
} from '../normalise.js';
import { dropTrailingBlankLines, TagValues } from '../tagged.js';

const MARKER = /^\s*<\s*(\d+)\s*(?:\.\s*)?>\s*$/;
const TAG_LINE = /^ ?([A-Z][A-Z0-9]{1,5}) {1,2}-(?: (.*)|\s*)$/;

/** Labels of the labelled layout → the tag the tagged layout uses for the same field. */
const LABELS: Record<string, string> = {
  'accession number': 'AN', 'unique identifier': 'UI', author: 'AU', authors: 'AU',
  'authors full name': 'FA', editor: 'ED', editors: 'ED', institution: 'IN', title: 'TI', source: 'SO',
  abstract: 'AB', 'author keywords': 'KW', keywords: 'KW', 'keyword heading': 'KW', language: 'LG',
  'document type': 'DT', 'publication type': 'PT', issn: 'IS', 'issn print': 'IS', 'issn electronic': 'ES',
  isbn: 'IB', 'doi number': 'DO', 'digital object identifier': 'DO', doi: 'DO', database: 'DB',
  'year of publication': 'YR', 'publication year': 'YR', 'date of publication': 'DP', 'journal name': 'JN',
  volume: 'VO', issue: 'IP', 'issue/part': 'IP', pagination: 'PG', page: 'PG', pages: 'PG',
  'pubmed identifier': 'PM', 'pubmed id': 'PM', 'mesh subject headings': 'MH', 'subject headings': 'MH',
  'version id': 'VN', url: 'UR', 'link to the ovid full text or citation': 'XL', score: 'SCORE',
};

/** A field: its tag (labels are translated to tags), its lines, and the label as written if any. */
type Field = [key: string, lines: string[], label?: string];

interface Pending {
  ordinal: number;
  line: number;
  raw: string[];
  fields: Field[];
  layout?: 'tagged' | 'labelled';
}

export const ovidTagged: FormatModule = {
  name: 'ovid-tagged',
  label: 'Ovid native tagged/labelled export (<N. > records; Embase, PsycINFO, BIOSIS… via OvidSP)',
  platform: 'Ovid',
  sniff(head) {
    const markers = /^\s*<\s*\d+\s*\.?\s*>\s*$/m.test(head);
    if (/^\s*VN {1,2}- Ovid Technologies/m.test(head)) return markers ? 0.97 : 0.9;
    if (!markers) return 0;
    if (/^ ?[A-Z][A-Z0-9]{1,3} {1,2}- \S/m.test(head)) return 0.9;
    if (/^(Accession Number|Unique Identifier|Author|Title|Source)\s*\r?\n[ \t]+\S/m.test(head)) return 0.9;
    return 0.3;
  },
  *read(lines) {
    let rec: Pending | null = null;
    let ordinal = 0;
    let lineNo = 0;

    const finish = function* (): Generator<ReadItem> {
      if (!rec) return;
      const r = rec;
      rec = null;
      dropTrailingBlankLines(r.raw);
      if (r.fields.length === 0) {
        yield warning('ovid/empty-record', `record ${r.ordinal} (marker on line ${r.line}) has no fields; skipped`,
          { line: r.line, record: r.ordinal });
        return;
      }
      // Each record names its database in `DB` (a multi-file search mixes several); no file-level meta.
      yield { kind: 'record', record: mapFields(r.fields, r.raw.join('\n'), r.line) };
    };

    for (const line of lines) {
      lineNo += 1;
      if (MARKER.test(line)) {
        yield* finish();
        ordinal += 1;
        rec = { ordinal, line: lineNo, raw: [line], fields: [] };
        continue;
      }
      if (!rec) {
        if (line.trim() === '') continue;
        if (!TAG_LINE.test(line)) continue; // text before the first record (none in real exports)
        ordinal += 1;
        yield warning('ovid/missing-marker', `line ${lineNo}: field before any <N. > record marker; read it as the start of record ${ordinal}`,
          { line: lineNo, record: ordinal });
        rec = { ordinal, line: lineNo, raw: [], fields: [] };
      }
      rec.raw.push(line);
      // Blank lines inside a record separate paragraphs of one value (PsycINFO IN, Zoological Record SY).
      if (line.trim() === '') continue;
      const item = addLine(rec, line, lineNo);
      if (item) yield item;
    }
    yield* finish();
    if (ordinal === 0) {
      yield error('ovid/no-records', 'no Ovid records found: the file has no <N. > record markers and no tagged fields', { line: lineNo });
    }
  },
};

/** Add one non-blank line of a record to its fields, deciding the layout on the first one. */
function addLine(rec: Pending, line: string, lineNo: number): ReadItem | undefined {
  const tag = TAG_LINE.exec(line);
  rec.layout ??= tag ? 'tagged' : 'labelled';
  const last = rec.fields[rec.fields.length - 1];
  if (rec.layout === 'tagged') {
    if (tag) rec.fields.push([tag[1], [(tag[2] ?? '').trim()]]);
    else if (last) last[1].push(line.trim());
    return undefined;
  }
  if (!/^\s/.test(line)) {
    const label = line.trim();
    rec.fields.push([LABELS[label.toLowerCase()] ?? label, [], label]);
    return undefined;
  }
  if (last) {
    last[1].push(line.trim());
    return undefined;
  }
  return warning('ovid/value-without-label', `line ${lineNo}: indented value before any field label in record ${rec.ordinal}; ignored`,
    { line: lineNo, record: rec.ordinal });
}

/** A field's lines as one value, joined by newlines. */
function joined(lines: string[]): string {
  return lines.join('\n').trim();
}

/** Tags this module maps into the model; everything else goes to `extra`. */
const MAPPED = new Set([
  'TI', 'AU', 'FA', 'AB', 'YR', 'DP', 'JN', 'JT', 'VO', 'VI', 'IP', 'PG', 'DO', 'DI', 'PM', 'LG', 'KW',
  'ID', 'MH', 'AN', 'UI', 'DB', 'PT', 'DT', 'UR', 'XL', 'IS', 'ES', 'IT', 'IB',
]);
/** Mapped tags whose first value is used and whose further values go to `extra`. */
const SINGLE = new Set(['TI', 'AB', 'PT', 'DT', 'UR', 'XL', 'JN', 'JT', 'DO', 'DI', 'DB', 'AN', 'PG', 'VO', 'IP']);

/** A record's values by tag (each field's lines joined), with the labels as written and the mapped tags not used after all. */
class Values extends TagValues {
  /** Mapped tags whose values must still be kept in `extra` (not used after all). */
  readonly unused = new Set<string>();
  /** tag → the label the labelled layout wrote for it, so `extra` keeps the original name. */
  readonly labels = new Map<string, string>();

  constructor(fields: Field[]) {
    super(fields.map(([tag, lines]) => [tag, joined(lines)]));
    for (const [tag, , label] of fields) if (label) this.labels.set(tag, label);
  }
}

function mapFields(fields: Field[], raw: string, line: number): BibRecord {
  const record = emptyRecord(raw, line);
  const v = new Values(fields);
  record.database = oneLine(v.first('DB'));
  record.sourceKey = accession(v.first('AN', 'UI'));
  record.type = oneLine(v.first('PT', 'DT'))?.replace(/\.$/, '');
  record.title = ovidTitle(v.first('TI'));
  record.abstract = cleanText(v.first('AB'));
  // `FA` (full names) is the better author list where a database writes both.
  const authorTag = v.has('FA') ? 'FA' : 'AU';
  for (const value of v.all(authorTag)) for (const a of splitNames(value)) record.authors.push(cleanAuthor(a));
  if (authorTag === 'FA' && v.has('AU')) v.unused.add('AU');
  mapCitation(record, v);
  mapIdentifiers(record, v);
  // Mark what the model used: a SINGLE tag's first value (DT only without PT, XL only without UR),
  // every value of the other mapped tags. The rest is kept: further publication types, links, a second title…
  const firstUsed = (tag: string): boolean => (tag === 'DT' ? !v.has('PT') : tag !== 'XL' || !v.has('UR'));
  for (const tag of MAPPED) {
    if (v.unused.has(tag)) continue;
    if (!SINGLE.has(tag)) v.takeAll(tag);
    else if (firstUsed(tag)) v.take(tag);
  }
  for (const [tag, value] of v.leftovers()) addExtra(record, v.labels.get(tag) ?? tag, value);
  return record;
}

/** Journal, volume, issue, pages and date: own fields where the database writes them, else from `SO`. */
function mapCitation(record: BibRecord, v: Values): void {
  const so = v.first('SO');
  const kinds = [...v.all('PT'), ...v.all('DT')].join(' ');
  const chapter = /\[Ed(?:itor|s?\.)?\b[^\]]*\]/.test(so ?? '') || /chapter/i.test(kinds);
  const cited = chapter ? parseBookSource(so ?? v.first('BT')) : parseSource(so);
  record.journal = oneLine(v.first('JN', 'JT')) ?? cited.journal;
  record.volume = oneLine(v.first('VO', 'VI')) ?? cited.volume;
  record.issue = oneLine(v.first('IP')) ?? cited.issue;
  const pg = pagesOrUndefined(v.first('PG'));
  record.pages = pg ?? cited.pages;
  if (v.has('PG') && !pg) v.unused.add('PG'); // `No Pagination Specified`
  const dp = oneLine(v.first('DP'));
  record.date = dp ?? cited.date ?? oneLine(v.first('YR'));
  record.year = parseYear(v.first('YR')) ?? parseYear(dp) ?? parseYear(cited.date);
}

function mapIdentifiers(record: BibRecord, v: Values): void {
  record.doi = normaliseDoi(v.first('DO', 'DI'));
  const ui = normalisePmid(v.first('UI'));
  // `UI` is the PMID only in MEDLINE; Embase and others use it for their own accession number.
  record.pmid = normalisePmid(v.first('PM')) ?? (/medline|pubmed/i.test(record.database ?? '') ? ui : undefined);
  if (v.has('AN') && !(record.pmid && record.pmid === ui)) v.unused.add('UI');
  record.language = oneLine(v.first('LG'))?.replace(/\.$/, '');
  record.url = oneLine(v.first('UR')) ?? oneLine(v.first('XL'));
  for (const tag of ['IS', 'ES', 'IT', 'IB']) {
    for (const value of v.all(tag)) if (!addStandardNumbers(record, value)) addExtra(record, v.labels.get(tag) ?? tag, value);
  }
  for (const value of v.all('KW')) splitList(value, /\s*[;\n]\s*/).forEach((k) => pushUnique(record.keywords, k.replace(/\.$/, '')));
  // PsycINFO's `ID` (identifiers) is comma-separated free text.
  for (const value of v.all('ID')) splitList(value, /\s*[,;\n]\s*/).forEach((k) => pushUnique(record.keywords, k));
  for (const value of v.all('MH')) for (const k of value.split('\n')) pushUnique(record.keywords, k.replace(/^\*/, ''));
}

/** `Peer Reviewed Journal: 2015-33942-012.` → `2015-33942-012`; Ovid ends accession numbers with a period. */
function accession(value: string | undefined): string | undefined {
  const v = oneLine(value)?.replace(/\.$/, '');
  if (!v) return undefined;
  const labelled = /^[A-Za-z][A-Za-z ]+:\s*(\S+)$/.exec(v);
  return labelled ? labelled[1] : v;
}

/**
 * Ovid appends a document-type note to titles (`….  [Article]`, `…. [References].`,
 * `….[Review]`) and Journals@Ovid wraps some titles in quotes. A title that is
 * itself in brackets (a translated title) is kept.
 */
function ovidTitle(value: string | undefined): string | undefined {
  let t = oneLine(value);
  if (!t) return undefined;
  t = t.replace(/(?<=\.)\s*\[[A-Z][A-Za-z &/-]{2,40}\]\.?$/, '');
  const quoted = /^"([^"]+)"\.?$/.exec(t);
  if (quoted) t = quoted[1];
  return cleanText(t);
}

/**
 * `AU` holds one name per line; `ED` and the labelled `Author` list several,
 * `;`-separated. Bracketed notes (`[Author, Reprint Author; E-mail: …]`) go
 * first, since they contain semicolons too.
 */
function splitNames(value: string): string[] {
  return splitList(value.replace(/\s*\[[^\]]*\]/g, ''), /\s*[;\n]\s*/);
}

const DEGREE = new RegExp(String.raw`,?\s+(?:M\.?D|Ph\.?D|D\.?Phil|MPH|MSc|BSc|MBBS|MBChB|MB|BCh|ChB|MA|BA|MS|BS|RN|BSN|MSN|DNP|PharmD|DrPH|DDS|DMD|MBA|MEd|EdD|PsyD|DSc|FACSM|FACS|FACP|FAAN|FAAP|FRCP|FRCS|FRCPC|FRACP|MRCP|MRCS|CNM|CRNA)\.?$`);
const MARKERS = /\s+[\d,+*\u2020\u2021\u00a7#]+$/;

/**
 * An Ovid author as a name: a role/e-mail note in brackets, affiliation
 * markers (`1,2,+`, `*`) and trailing degrees (`MD, PhD`) are dropped; the raw
 * text keeps them. A "degree" directly after the comma is the given name's
 * initials (`Shedko, MB`) and stays.
 */
function cleanAuthor(value: string): string {
  let a = value.replace(/\s*\[.*$/, '').trim();
  for (let changed = true; changed;) {
    changed = false;
    const next = a.replace(MARKERS, '').trim();
    const degree = DEGREE.exec(next);
    const without = degree ? next.slice(0, degree.index).trim() : next;
    const keepsGiven = /,\s*\S/.test(without) || !next.includes(',');
    const result = degree && keepsGiven ? without : next;
    if (result !== a) {
      a = result;
      changed = true;
    }
  }
  return a.replace(/,$/, '');
}

interface Cited {
  journal?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  date?: string;
}

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Spring|Summer|Fall|Autumn|Winter)\.?`;

/** `SO` layouts by database, most specific first. Each returns undefined when it does not apply. */
const SOURCE_LAYOUTS: Array<(so: string) => Cited | undefined> = [
  // PsycINFO: `Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634.`
  (so) => {
    const m = /^(.+?)\.\s+Vol\.?\s*([^(,]+?)\s*(?:\((.*)\))?\s*,\s*(.*?),?\s*pp\.\s*(.+?)\.?$/.exec(so);
    return m ? { journal: m[1], volume: m[2], issue: m[3], date: m[4], pages: m[5] } : undefined;
  },
  // Zoological Record: `Hydrobiologia. 2007 15 June; 584(1): 433-441.`
  (so) => {
    const m = /^(.+?)\.\s+(\d{4}(?:[^;]*?))\s*;\s*(?:([^:(;]+?)\s*(?:\(([^)]+)\))?:\s*)?(.+?)\.*$/.exec(so);
    return m ? { journal: m[1], date: m[2], volume: m[3], issue: m[4], pages: m[5] } : undefined;
  },
  // Journals@Ovid: `Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653`
  (so) => {
    const re = new RegExp(String.raw`^(.+?)\s+((?:(?:${MONTH}|\d{1,2})[\s/-]+)*)(\d{4});\s*([^:(]*?)\s*(?:\((.+?)\))?(?::\s*(.+?))?\.?$`);
    const m = re.exec(so);
    return m ? { journal: m[1], volume: m[4], issue: m[5], pages: m[6], date: `${m[2]}${m[3]}`.trim() } : undefined;
  },
  // Embase: `BMC Proceedings. Conference: … 12 (Supplement 3) (no pagination), 2018. Date of Publication: 2018.`
  (so) => {
    const m = /^(.+?)\.\s+([A-Za-z]?\d+[A-Za-z]*)\s*(?:\(([^)]*)\))?\s*\((?:pp\s*([^)]+)|no pagination)\),\s*(\d{4})(.*)$/.exec(so);
    if (!m) return undefined;
    const published = /Date of Publication:\s*([^.]+)/.exec(m[6])?.[1];
    const article = /Article Number:\s*([^.\s]+)/.exec(m[6])?.[1];
    return { journal: m[1].replace(/\.\s+Conference:.*$/, ''), volume: m[2], issue: m[3], pages: m[4] ?? article, date: published ?? m[5] };
  },
  // BIOSIS: `Forest Ecology & Management. 201(2-3):327-334, November 15, 2004.`
  (so) => {
    const m = /^(.+?)\.\s+([A-Za-z]?\d+[A-Za-z]?)\s*(?:\(([^)]+)\))?(?::\s*([^,]+))?,\s*(.+?)\.?$/.exec(so);
    return m ? { journal: m[1], volume: m[2], issue: m[3], pages: m[4], date: m[5] } : undefined;
  },
  // IPSA: `Journal of Political Studies 12, Winter 2007: 7-14.`, `… Affairs, 2013(1): 3-28.`
  (so) => {
    const re = new RegExp(String.raw`^(.+?)(?:\s+(\d+))?,\s*((?:${MONTH}\s+)?\d{4})(?:\(([^)]+)\))?:\s*(.+?)\.?$`);
    const m = re.exec(so);
    return m ? { journal: m[1], volume: m[2], date: m[3], issue: m[4], pages: m[5] } : undefined;
  },
];

/** Journal, volume, issue, pages and date out of an Ovid `SO` citation. */
export function parseSource(value: string | undefined): Cited {
  // Only the first line is the citation (BIOSIS continues with `Series Information:`).
  const so = value?.split('\n')[0].trim();
  if (!so) return {};
  for (const layout of SOURCE_LAYOUTS) {
    const c = layout(so);
    if (c) return tidy(c);
  }
  return {};
}

/**
 * Book chapters: the container is the book title after the editors —
 * `Kamp, R. [Editor]. Methods in proteome analysis.:371-397, 2004.`,
 * `Neenan, M. [Ed]; … (2012). Cognitive coaching in practice. (pp. 11-31). …`,
 * or a bracketed translated title (Zoological Record `BT`, whose chapter
 * pages follow `Chapter pagination:`).
 */
export function parseBookSource(value: string | undefined): Cited {
  const so = value?.split('\n')[0].trim();
  if (!so) return {};
  const editors = /^.*\[Ed(?:itor|s?\.)?\b[^\]]*\][.,;\s]*/.exec(so);
  const rest = (editors ? so.slice(editors[0].length) : so).replace(/^\(\d{4}\)\.\s*/, '');
  const bracketed = /^\[([^\]]+)\]/.exec(rest);
  const journal = bracketed ? `[${bracketed[1]}]` : /^(.+?)\.(?=:|\s*\(pp|\s|$)/.exec(rest)?.[1];
  const pages = /Chapter pagination:\s*([^\s.]+)/.exec(so)?.[1]
    ?? /\(pp\.\s*([^)]+)\)/.exec(so)?.[1]
    ?? (bracketed ? undefined : /\.:\s*([^,\s]+)/.exec(so)?.[1]);
  return tidy({ journal, pages, date: /\b(\d{4})\b/.exec(rest)?.[1] });
}

function tidy(c: Cited): Cited {
  return {
    journal: oneLine(c.journal),
    volume: oneLine(c.volume),
    issue: oneLine(c.issue),
    pages: pagesOrUndefined(c.pages),
    date: oneLine(c.date)?.replace(/\.$/, ''),
  };
}

/** Page ranges and article numbers; notes such as `No Pagination Specified` or `9pp` are not pages. */
function pagesOrUndefined(value: string | undefined): string | undefined {
  const v = oneLine(value)?.replace(/\.$/, '');
  return v && /^[A-Za-z]{0,2}\d+[A-Za-z]?(?:\s*[-–]\s*[A-Za-z]{0,2}\d+[A-Za-z]?)?(?:,\s*[A-Za-z]?\d+(?:-\d+)?)*$/.test(v) ? v : undefined;
}
