/**
 * Web of Science plain text ("Other file formats → Plain text"; also saved as
 * .ciw or .isi): two-letter tags at line start, continuation lines indented,
 * `PT` opens a record, `ER` closes it, an `FN`/`VR` header opens the file and
 * `EF` ends it.
 *
 * What the real exports in the corpus show, and so what is tolerated:
 * - header variants `FN Thomson Reuters Web of Science™`, `… Web of
 *   Knowledge`, `FN Clarivate Analytics Web of Science`, or no header at all
 *   (the file starts at `PT J` and has no `EF`);
 * - a tag run into its value (`AUGilles, H`, metaknowledge's testFile.isi):
 *   read as the tag, with a warning;
 * - continuation lines that lost their indentation (Zotero's test 7): joined
 *   to the previous field, with a warning;
 * - a field whose value starts on the next line (`AB ` then indented text).
 *
 * What is an error (the file is not a whole export, so importing it would
 * silently lose records):
 * - a file that opens with an `FN` header but never reaches `EF`: WoS writes
 *   `EF` after the last record, so its absence means the file was cut short
 *   or edited (this is what metaknowledge's badFile.isi is, and what
 *   metaknowledge itself rejects it for);
 * - a record not closed by `ER` before the next `PT`, before `EF`, or before
 *   the end of the file;
 * - tagged or other text between records (after one `ER`, before the next
 *   `PT`), i.e. a record whose `PT` line is missing;
 * - records after `EF`, or a second `FN` header before the first export's
 *   `EF` (one export appended to a truncated one).
 */
import type { FormatModule } from '../format.js';
import type { BibRecord, ReadItem, Severity } from '../record.js';
import { diagnostic, emptyRecord, warning } from '../record.js';
import {
  addExtra, cleanText, joinPages, normaliseDoi, normalisePmid, parseYear, pushUnique, splitList,
} from '../normalise.js';
import { TagValues } from '../tagged.js';
import { accessionDatabase } from '../databases.js';

// `s`: a value may hold U+2028/U+2029, which `.` would not match.
const TAG_LINE = /^([A-Z][A-Z0-9])(?: (.*))?$/s;
const RUN_IN_TAG = /^([A-Z][A-Z0-9])(\S.*)$/s;

/** Tags WoS is known to write (Core Collection, BIOSIS, CABI, Zoological Record, Derwent…). */
const KNOWN_TAGS = new Set(
  ('FN VR PT AU AF BA BF CA GP BE TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM RI OI FU FP FX '
    + 'CR NR TC Z9 Z8 ZB ZR ZS U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR DI DL D2 '
    + 'EA EY PG P2 WC WE SC GA PM OA HC HP DA UT ER EF AN TN ST BD OR PS NT CC MC MQ AE DG PC PL CN AW')
    .split(' '),
);

/** Tags that hold one value per line (authors, addresses, cited references, e-mails). */
const LINE_LIST_TAGS = new Set(['AU', 'AF', 'BA', 'BF', 'BE', 'CA', 'GP', 'CR', 'C1', 'C3', 'EM']);

interface Field {
  tag: string;
  lines: string[];
}

export const wos: FormatModule = {
  name: 'wos',
  label: 'Web of Science plain text (FN/VR/PT … ER/EF tagged; .txt, .ciw, .isi)',
  platform: 'Web of Science',
  sniff(head) {
    const text = head.replace(/^\s+/, '');
    if (/^FN [^\n]*\r?\n\s*VR \d/.test(text)) return 0.95;
    // Headerless files start straight at `PT J`; an `ER` line confirms the record structure.
    if (/^PT [A-Z]\s*$/m.test(text.split(/\r\n|\n|\r/, 1)[0]) && /^ER\s*$/m.test(text)) return 0.9;
    if (/^PT [A-Z]\s*$/m.test(text) && /^UT \S+/m.test(text)) return 0.6;
    return 0;
  },
  *read(lines) {
    const reader = new WosReader();
    for (const line of lines) yield* reader.line(line);
    yield* reader.end();
  },
};

type Place = 'start' | 'between' | 'record' | 'ended';

/** The reader's state machine: one call per line, each returning what that line completes. */
class WosReader {
  private lineNo = 0;
  private place: Place = 'start';
  /** The FN header of the export being read (undefined for headerless files). */
  private header?: { text: string; line: number };
  private expectVr = false;
  /** Line of the EF that ended the current export (0 while it has not ended). */
  private efLine = 0;
  private database?: string;
  private ordinal = 0;
  private lastErLine = 0;
  private fields: Field[] = [];
  private raw: string[] = [];
  private startLine = 0;
  private seen = new Set<string>();
  /** Lines of the open record that continue a field without being indented. */
  private unindented: number[] = [];
  private out: ReadItem[] = [];

  line(text: string): ReadItem[] {
    this.lineNo += 1;
    this.out = [];
    if (this.place === 'record') this.inRecord(text);
    else this.outsideRecord(text);
    return this.out;
  }

  end(): ReadItem[] {
    this.out = [];
    if (this.place === 'record') {
      this.problem('error', 'wos/missing-er', this.ordinal,
        `line ${this.lineNo} (end of file): record ${this.ordinal} (from line ${this.startLine}) has no closing ER line; the file is truncated`);
      this.closeRecord();
    }
    if (this.header && this.efLine === 0) {
      const after = this.ordinal > 0
        ? `after record ${this.ordinal} (closed by ER on line ${this.lastErLine}) the file just stops`
        : 'it holds no record at all';
      this.problem('error', 'wos/missing-ef', this.ordinal || undefined,
        `line ${this.lineNo} (end of file): no EF end-of-file line. The file opens with the Web of Science header `
        + `"${this.header.text}" (line ${this.header.line}), and such exports always end with EF, but ${after}: `
        + 'it was cut short or edited, so records may be missing');
    }
    return this.out;
  }

  private inRecord(text: string): void {
    const m = TAG_LINE.exec(text);
    if (m) {
      const tag = m[1];
      if (tag === 'ER') {
        this.raw.push(text);
        this.lastErLine = this.lineNo;
        this.closeRecord();
        return;
      }
      if (tag === 'PT' || tag === 'EF' || tag === 'FN') {
        this.problem('error', 'wos/missing-er', this.ordinal,
          `line ${this.lineNo}: record ${this.ordinal} (from line ${this.startLine}) is not closed by ER before this ${tag} line; `
          + 'the record was cut short or two records run together');
        this.closeRecord();
        this.outsideRecord(text);
        return;
      }
      this.addField(tag, m[2] ?? '', text);
      return;
    }
    if (text.trim() === '') {
      this.raw.push(text);
      this.problem('warning', 'wos/blank-line-in-record', this.ordinal,
        `line ${this.lineNo}: blank line inside record ${this.ordinal}; ignored`);
      return;
    }
    if (/^\s/.test(text)) {
      this.continueField(text);
      return;
    }
    const runIn = RUN_IN_TAG.exec(text);
    // `AUGilles, H`: a known tag not yet in this record, glued to its value.
    if (runIn && KNOWN_TAGS.has(runIn[1]) && !this.seen.has(runIn[1]) && runIn[1] !== 'ER') {
      this.problem('warning', 'wos/tag-run-into-value', this.ordinal,
        `line ${this.lineNo}: tag ${runIn[1]} has no space before its value ("${clip(text)}"); read as ${runIn[1]} "${clip(runIn[2])}"`);
      this.addField(runIn[1], runIn[2], text);
      return;
    }
    // Reported once per record, when it closes (Zotero's test 7 has 22 such lines in one record).
    this.unindented.push(this.lineNo);
    this.continueField(text);
  }

  private outsideRecord(text: string): void {
    if (text.trim() === '') return;
    const m = TAG_LINE.exec(text);
    const tag = m?.[1];
    const value = (m?.[2] ?? '').trim();
    const expectedVr = this.expectVr;
    this.expectVr = false;
    switch (tag) {
      case 'FN': return this.fileHeader(value);
      case 'VR':
        if (!expectedVr) this.problem('warning', 'wos/stray-vr', undefined, `line ${this.lineNo}: VR line not directly after an FN header; ignored`);
        return;
      case 'PT':
        if (expectedVr) this.problem('warning', 'wos/missing-vr', undefined, `line ${this.lineNo}: no VR line after the FN header on line ${this.header?.line}`);
        if (this.place === 'ended') {
          this.problem('error', 'wos/record-after-ef', this.ordinal + 1,
            `line ${this.lineNo}: record ${this.ordinal + 1} starts after the EF end-of-file line; the file was edited or several exports were joined without their headers`);
        }
        return this.openRecord(text);
      case 'ER':
        this.problem('warning', 'wos/stray-er', undefined, `line ${this.lineNo}: ER line outside any record; ignored`);
        return;
      case 'EF':
        if (this.place === 'ended') this.problem('warning', 'wos/repeated-ef', undefined, `line ${this.lineNo}: second EF line; ignored`);
        this.place = 'ended';
        this.efLine = this.lineNo;
        return;
      default:
        this.problem('error', tag ? 'wos/tag-outside-record' : 'wos/text-outside-record', this.ordinal || undefined,
          `line ${this.lineNo}: ${tag ? `tag ${tag}` : `text "${clip(text)}"`} outside any record (${this.whereOutside()}); `
          + 'a record has lost its PT line or the file was edited');
    }
  }

  private fileHeader(value: string): void {
    if (this.place === 'between' || (this.place === 'start' && this.header)) {
      this.problem('error', 'wos/unexpected-header', this.ordinal || undefined,
        `line ${this.lineNo}: a new FN header before the EF line that ends the export begun on line ${this.header?.line ?? 1}; `
        + 'an export was appended to a truncated one');
    } else if (this.place === 'ended') {
      this.problem('warning', 'wos/concatenated-exports', undefined,
        `line ${this.lineNo}: a second export (FN header) follows the EF line; read as one file`);
    }
    this.header = { text: value, line: this.lineNo };
    this.efLine = 0;
    this.place = 'start';
    this.expectVr = true;
    this.database = headerDatabase(value);
    this.out.push({ kind: 'meta', database: this.database });
  }

  private whereOutside(): string {
    if (this.ordinal === 0) return 'before the first PT line';
    if (this.place === 'ended') return 'after the EF end-of-file line';
    return `after the ER of record ${this.ordinal} on line ${this.lastErLine}, before the next PT`;
  }

  private openRecord(text: string): void {
    this.place = 'record';
    this.ordinal += 1;
    this.startLine = this.lineNo;
    this.fields = [];
    this.raw = [];
    this.seen = new Set();
    this.unindented = [];
    const m = TAG_LINE.exec(text);
    this.addField('PT', m?.[2] ?? '', text);
  }

  private closeRecord(): void {
    if (this.unindented.length) {
      const [first] = this.unindented;
      this.out.push(warning('wos/unindented-continuation', `record ${this.ordinal} (from line ${this.startLine}): ${this.unindented.length} `
        + `untagged line(s) without indentation, first on line ${first}; each read as a continuation of the field above it`,
      { line: first, record: this.ordinal }));
    }
    const record = mapRecord(this.fields, this.raw.join('\n'), this.startLine, this.database);
    this.out.push({ kind: 'record', record });
    this.fields = [];
    this.raw = [];
    this.place = 'between';
  }

  private addField(tag: string, value: string, text: string): void {
    this.raw.push(text);
    this.seen.add(tag);
    this.fields.push({ tag, lines: [value.trim()] });
  }

  private continueField(text: string): void {
    this.raw.push(text);
    const last = this.fields[this.fields.length - 1];
    last.lines.push(text.trim());
  }

  private problem(severity: Severity, code: string, record: number | undefined, message: string): void {
    this.out.push(diagnostic(severity, code, message, { line: this.lineNo, record }));
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `Thomson Reuters Web of Science™`, `Clarivate Analytics Web of Science` → the platform's name. */
function headerDatabase(fn: string): string | undefined {
  // Web of Knowledge was the platform's name until 2014; it is the same database family.
  if (/web of (science|knowledge)/i.test(fn)) return 'Web of Science';
  const name = fn.replace(/[™®]/g, '').replace(/^(thomson reuters|clarivate( analytics)?)\s+/i, '').trim();
  return name === '' ? undefined : name;
}

/** The values of a field: one per line for list tags (re-joining lines wrapped after `,`/`;`), else one text. */
function fieldValues(field: Field): string[] {
  const lines = field.lines.filter((l) => l !== '');
  if (!LINE_LIST_TAGS.has(field.tag)) return lines.length ? [lines.join(' ')] : [];
  const values: string[] = [];
  for (const line of lines) {
    const prev = values[values.length - 1];
    // Zoological Record wraps long addresses: `…Biol, Storrs,` + `CT, 06269, USA`.
    if (prev !== undefined && /[,;]$/.test(prev)) values[values.length - 1] = `${prev} ${line}`;
    else values.push(line);
  }
  return values;
}

/** A field as tag/value pairs; a field with no value keeps its tag's place (`TagValues`' keepEmptyTags). */
function valuesOf(field: Field): Array<[string, string]> {
  const values = fieldValues(field);
  return values.length ? values.map((v) => [field.tag, v]) : [[field.tag, '']];
}

/** `Stillman, Andrew N. (andrew.stillman@uconn.edu)` → `Stillman, Andrew N.` */
function cleanAuthor(name: string): string {
  return name.replace(/\s*\([^()]*@[^()]*\)\s*$/, '').trim();
}

/** PD and PY together, as Zotero does: `AUG 15` + `2002` → `AUG 15 2002`; `JAN 2013` + `2013` → `JAN 2013`. */
function combineDate(pd: string | undefined, py: string | undefined): string | undefined {
  if (pd && py && !pd.includes(py)) return `${pd} ${py}`;
  return pd || py;
}

function mapRecord(fields: Field[], raw: string, line: number, fileDatabase: string | undefined): BibRecord {
  const record = emptyRecord(raw, line);
  const tags = new TagValues(fields.flatMap(valuesOf), { keepEmptyTags: true });
  // A mapped tag is used as a whole: its further values (a second TI…) are not kept in `extra`.
  const take = (tag: string): string | undefined => tags.takeAll(tag)[0];

  record.type = take('DT') ?? tags.first('PT');
  record.title = cleanText(take('TI'));
  record.abstract = cleanText(tags.takeAll('AB').join('\n'));
  // Full names (AF) when given, as Zotero does; the abbreviated AU list then stays in extra.
  const authors = tags.has('AF') ? tags.takeAll('AF') : tags.takeAll('AU');
  record.authors = authors.map(cleanAuthor).filter((a) => a !== '');
  const py = take('PY');
  const pd = take('PD');
  record.year = parseYear(py) ?? parseYear(pd);
  record.date = combineDate(pd, py);
  record.journal = cleanText(take('SO'));
  record.volume = take('VL');
  record.issue = take('IS');
  record.pages = pagesOf(tags);
  record.doi = normaliseDoi(take('DI'));
  const ut = take('UT');
  record.sourceKey = ut;
  record.pmid = normalisePmid(take('PM')) ?? (ut?.startsWith('MEDLINE:') ? normalisePmid(ut.slice(8)) : undefined);
  for (const tag of ['SN', 'EI']) for (const v of tags.takeAll(tag)) splitList(v).forEach((s) => pushUnique(record.issn, s));
  for (const v of tags.takeAll('BN')) splitList(v).forEach((s) => pushUnique(record.isbn, s));
  for (const tag of ['DE', 'ID']) for (const v of tags.takeAll(tag)) splitList(v).forEach((s) => pushUnique(record.keywords, s));
  record.language = take('LA');
  record.database = accessionDatabase(ut, { unknownPrefix: true }) ?? fileDatabase;
  for (const [tag, value] of tags.leftovers()) addExtra(record, tag, value);
  return record;
}

/** BP–EP, else BIOSIS/Zoological Record's PS page span, else the article number. */
function pagesOf(tags: TagValues): string | undefined {
  const bp = tags.first('BP');
  const ep = tags.first('EP');
  if (bp || ep) {
    tags.takeAll('BP', 'EP');
    return joinPages(bp, ep);
  }
  for (const tag of ['PS', 'AR']) {
    const v = tags.takeAll(tag)[0];
    if (v) return v;
  }
  return undefined;
}
