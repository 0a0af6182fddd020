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
 * `TY`; values holding U+2028.
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
import type { FormatModule } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord, warning } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, joinPages, normaliseDoi, normalisePmid, oneLine, parseYear, pushUnique,
} from '../normalise.js';
import { OpenRecord, TagValues } from '../tagged.js';

const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * `XX  - value` → [tag, value]; null for a continuation or other line.
 * Equivalent to /^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|\s*)$/s (one or two spaces
 * before the dash; after it a space and the value, or nothing but blanks),
 * written with char codes because it runs on every line of every RIS file.
 */
export function tagLine(line: string): [string, string] | null {
  if (line.length < 3) return null;
  const c0 = line.charCodeAt(0);
  const c1 = line.charCodeAt(1);
  if (!isUpper(c0) || !(isUpper(c1) || isDigit(c1)) || line.charCodeAt(2) !== 32) return null;
  let dash = 3;
  if (line.charCodeAt(3) === 32) dash = 4;
  if (line.charCodeAt(dash) !== 45) return null;
  const tag = line.slice(0, 2);
  if (dash + 1 === line.length) return [tag, ''];
  if (line.charCodeAt(dash + 1) === 32) return [tag, line.slice(dash + 2)];
  return line.slice(dash + 1).trim() === '' ? [tag, ''] : null;
}
const PREAMBLE_DATABASE = /^Database:\s*(.+)$/i;

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
  *read(lines) {
    let rec: OpenRecord | null = null;
    let ordinal = 0;
    let lineNo = 0;
    let preambleDatabase: string | undefined;

    const finish = (): ReadItem[] => {
      if (!rec) return [];
      ordinal += 1;
      const record = mapFields(rec.fields, rec.text(), rec.start);
      if (!record.database && preambleDatabase) record.database = preambleDatabase;
      rec = null;
      return [{ kind: 'record', record }];
    };

    for (const line of lines) {
      lineNo += 1;
      const m = tagLine(line);
      if (m) {
        const [tag, value] = m;
        if (tag === 'TY') {
          if (rec) {
            yield warning('ris/missing-er', `record ${ordinal + 1} (from line ${rec.start}) has no ER line before the next TY; closed it there`,
              { line: lineNo, record: ordinal + 1 });
            yield* finish();
          }
          rec = new OpenRecord(lineNo);
        }
        if (!rec) {
          // ER with no open record (e.g. a stray repeated ER) or a tag before any TY.
          if (tag !== 'ER') {
            yield warning('ris/tag-outside-record',
              `line ${lineNo}: tag ${tag} appears outside any record (${ordinal ? `after the ER of record ${ordinal}` : 'before the first TY'}); ignored`,
              { line: lineNo });
          }
          continue;
        }
        if (tag === 'ER') {
          rec.raw.push(line);
          yield* finish();
          continue;
        }
        rec.add(line, [tag, value.trim()]);
        continue;
      }
      if (!rec) {
        const db = PREAMBLE_DATABASE.exec(line.trim());
        if (db) {
          preambleDatabase = db[1].trim();
          yield { kind: 'meta', database: preambleDatabase };
        }
        continue; // Ovid record numbers, preambles, blank lines between records
      }
      // Untagged lines continue the field above; blank ones are kept only in the raw text.
      if (line.trim() === '') rec.raw.push(line);
      else rec.add(line);
    }
    if (rec) {
      yield warning('ris/missing-er', `the last record (from line ${rec.start}) has no closing ER line; kept it`,
        { line: lineNo, record: ordinal + 1 });
      yield* finish();
    }
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

function mapFields(fields: Array<[string, string]>, raw: string, line: number): BibRecord {
  const record = emptyRecord(raw, line);
  const tags = new TagValues(fields);
  record.type = oneLine(tags.take('TY'));
  const kind = KIND_OF_TYPE[record.type?.toUpperCase() ?? ''] ?? 'journal';

  record.title = cleanText(tags.take(...(kind === 'book' ? ['TI', 'T1', 'CT', 'BT'] : ['TI', 'T1', 'CT'])));
  // EBSCOhost adds its copyright notice as a second AB; it is never the abstract.
  record.abstract = cleanText(tags.takeWhere(['AB', 'N2'], (v) => !COPYRIGHT_NOTICE.test(v)));
  // AU and A1 both name authors; keep them in file order, whichever tag each uses.
  record.authors = fields.filter(([t, v]) => (t === 'AU' || t === 'A1') && v !== '').map(([, v]) => oneLine(v) as string);
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
  record.url = oneLine(tags.take('UR'))?.replace(/\s+/g, '');
  for (const k of tags.takeAll('KW')) for (const part of k.split(/\n|;/)) pushUnique(record.keywords, part);
  for (const sn of tags.takeAll('SN')) if (!addStandardNumbers(record, sn)) addExtra(record, 'SN', sn);
  const accession = tags.all('AN')[0] ?? accessionFromLinks(tags);
  record.sourceKey = oneLine(tags.take('ID', 'AN')) ?? accession;
  record.database = oneLine(tags.take('DB', 'DP'));
  // In MEDLINE (PubMed, Ovid, EBSCOhost) the accession number is the PMID.
  if (accession && /pubmed|medline/i.test(`${tags.all('DB')[0] ?? ''} ${tags.all('DP')[0] ?? ''}`)) {
    record.pmid = normalisePmid(accession);
  }
  // Values not chosen for a field are kept: a second abstract, the journal abbreviation, further URLs…
  for (const [tag, value] of tags.leftovers()) addExtra(record, tag, value);
  return record;
}

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
      if (/doi\.org\/|^\s*10\.\d{4,9}\/|\bdoi:\s*10\./i.test(v)) {
        const doi = normaliseDoi(v.replace(/\s+/g, ''));
        if (doi) return doi;
      }
    }
  }
  return undefined;
}
