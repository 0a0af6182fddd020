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
import { emptyRecord, error, warning } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, normaliseDoi, normalisePmid, oneLine, parseYear, pushUnique, splitList,
} from '../normalise.js';
import { dropTrailingBlankLines, OpenRecord, type TagValue, TagValues } from '../tagged.js';

const HEADER = /^\uFEFF?\s*Record #(\d+) of (\d+)\s*$/;
const TAG_LINE = /^([A-Z][A-Z0-9]{1,3}):(?: (.*)|\s*)$/;

export const cochrane: FormatModule = {
  name: 'cochrane',
  label: 'Cochrane Library plain-text export (Record #n of N; ID:/AU:/TI: tags)',
  platform: 'Cochrane Library',
  sniff(head) {
    if (/^\uFEFF?Record #\d+ of \d+\s*[\r\n]+\s*(?:ID|AU|TI|US): /m.test(head)) return 0.95;
    return /^Record #\d+ of \d+\s*$/m.test(head) ? 0.4 : 0;
  },
  *read(lines) {
    let rec: OpenRecord | null = null;
    let ordinal = 0;
    let lineNo = 0;
    let announced: number | undefined;
    let preambleReported = false;

    const finish = (): ReadItem[] => {
      if (!rec) return [];
      dropTrailingBlankLines(rec.raw);
      const record = mapFields(rec.fields, rec.text(), rec.start);
      rec = null;
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
          yield warning('cochrane/record-number', `line ${lineNo}: header says record #${n}, but it is record ${ordinal} in the file`,
            { line: lineNo, record: ordinal });
        }
        rec = new OpenRecord(lineNo);
        rec.raw.push(line); // the header: part of the record's text, not a field
        continue;
      }
      if (!rec) {
        if (line.trim() !== '' && !preambleReported) {
          preambleReported = true;
          yield warning('cochrane/text-before-first-record',
            `line ${lineNo}: text before the first "Record #n of N" header ignored: «${line.trim().slice(0, 60)}»`, { line: lineNo });
        }
        continue;
      }
      if (line.trim() === '') {
        rec.raw.push(line);
        continue;
      }
      const m = TAG_LINE.exec(line);
      if (!rec.add(line, m && [m[1], (m[2] ?? '').trim()])) {
        yield warning('cochrane/untagged-line',
          `line ${lineNo}: untagged text right after the header of record ${ordinal}; kept only in the raw record`, { line: lineNo, record: ordinal });
      }
    }
    yield* finish();
    if (announced === undefined) {
      yield error('cochrane/no-records', 'no "Record #n of N" headers found: not a Cochrane Library export', { line: lineNo });
    } else if (ordinal !== announced) {
      yield warning('cochrane/count', `the headers announce ${announced} records but the file holds ${ordinal}; the download may be incomplete`,
        { line: lineNo, record: ordinal || undefined });
    }
  },
};

function mapFields(fields: TagValue[], raw: string, line: number): BibRecord {
  const record = emptyRecord(raw, line);
  const tags = new TagValues(fields);
  const take = (tag: string): string | undefined => oneLine(tags.take(tag));

  record.sourceKey = take('ID');
  for (const a of tags.takeAll('AU')) pushUnique(record.authors, oneLine(a));
  record.title = cleanText(take('TI'));
  record.journal = cleanText(take('SO'));
  record.date = take('YR');
  record.year = parseYear(record.date);
  record.volume = take('VL');
  record.issue = take('NO');
  record.pages = take('PG');
  record.abstract = cleanText(tags.take('AB'));
  record.doi = normaliseDoi(take('DOI'));
  record.url = take('US');
  // CENTRAL writes `PM: PUBMED 12345678`; a PM that is no PMID stays in `extra`.
  record.pmid = normalisePmid(oneLine(tags.first('PM'))?.replace(/^PUBMED:?\s*/i, ''));
  if (record.pmid) tags.take('PM');
  record.type = take('PT');
  record.language = take('LA');
  for (const sn of tags.takeAll('SN')) if (!addStandardNumbers(record, sn)) addExtra(record, 'SN', sn);
  // `[checkword]` marks MeSH check tags (Humans, Female…): a marker, not part of the term.
  for (const ky of tags.takeAll('KY')) {
    splitList(ky).forEach((k) => pushUnique(record.keywords, k.replace(/\s*\[checkword\]$/i, '')));
  }
  record.database = databaseOf(record);

  for (const [tag, value] of tags.leftovers()) addExtra(record, tag, value);
  return record;
}

/** CDSR reviews have `CD…` IDs and the CDSR as source; CENTRAL trials have `CN-…` IDs. */
function databaseOf(record: BibRecord): string {
  if (/^CN-\d/.test(record.sourceKey ?? '')) return 'CENTRAL';
  if (/^CD\d/.test(record.sourceKey ?? '') || /Cochrane Database of Systematic Reviews/i.test(record.journal ?? '')) return 'CDSR';
  return 'Cochrane Library';
}
