/**
 * Cochrane Library plain-text citation export ("Export selected citations →
 * Plain text"), for CDSR reviews and CENTRAL trials alike:
 *
 *     Record #1 of 271
 *     ID: CD009275
 *     AU: Han Shanshan
 *     TI: Different types of dietary advice …
 *     SO: Cochrane Database of Systematic Reviews
 *     YR: 2017
 *     KY: Caloric Restriction;Diabetes, Gestational [diet therapy];…;Humans[checkword]
 *
 * Tolerated: CR-only line endings and a BOM (handled before the reader), a
 * stray BOM in front of a later `Record #` header (files joined from several
 * downloads), untagged lines continuing the previous field.
 * Warned: record numbers out of sequence, and fewer/more records than the
 * headers' "of N" announce (an incomplete download).
 */
import type { FormatModule } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, normaliseDoi, normalisePmid, parseYear, pushUnique, splitList,
} from '../normalise.js';

const HEADER = /^\uFEFF?\s*Record #(\d+) of (\d+)\s*$/;
const TAG_LINE = /^([A-Z][A-Z0-9]{1,3}):(?: (.*)|\s*)$/;

export const cochrane: FormatModule = {
  name: 'cochrane',
  label: 'Cochrane Library plain-text export (Record #n of N; ID:/AU:/TI: tags)',
  sniff(head) {
    if (/^\uFEFF?Record #\d+ of \d+\s*[\r\n]+\s*(?:ID|AU|TI|US): /m.test(head)) return 0.95;
    return /^Record #\d+ of \d+\s*$/m.test(head) ? 0.4 : 0;
  },
  *read(lines) {
    let fields: Array<[string, string]> | null = null;
    let raw: string[] = [];
    let start = 0;
    let ordinal = 0;
    let lineNo = 0;
    let announced: number | undefined;
    let preambleReported = false;

    const finish = (): ReadItem[] => {
      if (!fields) return [];
      while (raw.length > 0 && raw[raw.length - 1].trim() === '') raw.pop();
      const record = mapFields(fields, raw.join('\n'), start);
      fields = null;
      raw = [];
      return [{ kind: 'record', record }];
    };

    for (const line of lines) {
      lineNo += 1;
      const header = HEADER.exec(line);
      if (header) {
        yield* finish();
        ordinal += 1;
        const [n, of] = [Number(header[1]), Number(header[2])];
        if (announced === undefined) {
          announced = of;
          yield { kind: 'meta', database: 'Cochrane Library' };
        }
        if (n !== ordinal) {
          yield warn('cochrane/record-number', lineNo, ordinal,
            `line ${lineNo}: header says record #${n}, but it is record ${ordinal} in the file`);
        }
        fields = [];
        raw = [line];
        start = lineNo;
        continue;
      }
      if (!fields) {
        if (line.trim() !== '' && !preambleReported) {
          preambleReported = true;
          yield warn('cochrane/text-before-first-record', lineNo, 0,
            `line ${lineNo}: text before the first "Record #n of N" header ignored: «${line.trim().slice(0, 60)}»`);
        }
        continue;
      }
      raw.push(line);
      if (line.trim() === '') continue;
      const m = TAG_LINE.exec(line);
      if (m) fields.push([m[1], (m[2] ?? '').trim()]);
      else if (fields.length > 0) {
        const last = fields[fields.length - 1];
        last[1] = last[1] === '' ? line.trim() : `${last[1]}\n${line.trim()}`;
      } else {
        yield warn('cochrane/untagged-line', lineNo, ordinal,
          `line ${lineNo}: untagged text right after the header of record ${ordinal}; kept only in the raw record`);
      }
    }
    yield* finish();
    if (announced === undefined) {
      yield {
        kind: 'diagnostic',
        diagnostic: { severity: 'error', code: 'cochrane/no-records', line: lineNo, message: 'no "Record #n of N" headers found: not a Cochrane Library export' },
      };
    } else if (ordinal !== announced) {
      yield warn('cochrane/count', lineNo, ordinal,
        `the headers announce ${announced} records but the file holds ${ordinal}; the download may be incomplete`);
    }
  },
};

function warn(code: string, line: number, record: number, message: string): ReadItem {
  return { kind: 'diagnostic', diagnostic: { severity: 'warning', code, line, record: record || undefined, message } };
}

/** Tags mapped into the model from their first value; AU, KY and SN use every value. */
const SINGLE = new Set(['ID', 'TI', 'SO', 'YR', 'VL', 'NO', 'PG', 'AB', 'DOI', 'US', 'PT', 'LA']);
const MULTI = new Set(['AU', 'KY', 'SN']);

function mapFields(fields: Array<[string, string]>, raw: string, line: number): BibRecord {
  const record = emptyRecord(raw, line);
  const byTag = new Map<string, string[]>();
  for (const [tag, value] of fields) {
    if (value === '') continue;
    const list = byTag.get(tag);
    if (list) list.push(value);
    else byTag.set(tag, [value]);
  }
  const first = (tag: string): string | undefined => oneLine(byTag.get(tag)?.[0]);

  record.sourceKey = first('ID');
  for (const a of byTag.get('AU') ?? []) pushUnique(record.authors, oneLine(a));
  record.title = cleanText(first('TI'));
  record.journal = cleanText(first('SO'));
  record.date = first('YR');
  record.year = parseYear(first('YR'));
  record.volume = first('VL');
  record.issue = first('NO');
  record.pages = first('PG');
  record.abstract = cleanText(byTag.get('AB')?.[0]);
  record.doi = normaliseDoi(first('DOI'));
  record.url = first('US');
  // CENTRAL writes `PM: PUBMED 12345678`.
  record.pmid = normalisePmid(first('PM')?.replace(/^PUBMED:?\s*/i, ''));
  record.type = first('PT');
  record.language = first('LA');
  for (const sn of byTag.get('SN') ?? []) if (!addStandardNumbers(record, sn)) addExtra(record, 'SN', sn);
  // `[checkword]` marks MeSH check tags (Humans, Female…): a marker, not part of the term.
  for (const ky of byTag.get('KY') ?? []) {
    splitList(ky).forEach((k) => pushUnique(record.keywords, k.replace(/\s*\[checkword\]$/i, '')));
  }
  record.database = databaseOf(record);

  for (const [tag, values] of byTag) {
    const used = MULTI.has(tag) ? Infinity : SINGLE.has(tag) || (tag === 'PM' && record.pmid) ? 1 : 0;
    values.slice(used).forEach((v) => addExtra(record, tag, v));
  }
  return record;
}

/** CDSR reviews have `CD…` IDs and the CDSR as source; CENTRAL trials have `CN-…` IDs. */
function databaseOf(record: BibRecord): string {
  if (/^CN-\d/.test(record.sourceKey ?? '')) return 'CENTRAL';
  if (/^CD\d/.test(record.sourceKey ?? '') || /Cochrane Database of Systematic Reviews/i.test(record.journal ?? '')) return 'CDSR';
  return 'Cochrane Library';
}

function oneLine(value: string | undefined): string | undefined {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : undefined;
}
