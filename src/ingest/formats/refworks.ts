/**
 * RefWorks tagged format ("Export → RefWorks Tagged Format"): `RT Journal
 * Article` opens a record, then one `XX value` field per line (`A1`, `T1`,
 * `JF`, `YR`, `SP`/`OP`, `K1`…), records separated by blank lines.
 *
 * Tolerated: the optional export preamble (`Refworks Export Tagged Format`,
 * the tag legend, font legend, `BEGIN EXPORTED REFERENCES`) before the first
 * `RT`; several blank lines between records; longer tags (`PMID`, `PMCID`,
 * `U10`); untagged lines continuing the previous field. Only the tags in
 * RefWorks' own legend count as tags, so a continuation line that happens to
 * start with two capitals and a space (`IN this study…`) stays text.
 */
import type { FormatModule } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord, error, warning } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, joinPages, normaliseDoi, normalisePmid, oneLine, parseYear, pushUnique, splitList,
} from '../normalise.js';
import { OpenRecord, type TagValue, TagValues } from '../tagged.js';

/** The tags of RefWorks' export legend. */
const TAGS = new Set(
  ('RT SR ID A1 T1 JF JO YR FD VO IS SP OP K1 AB NO A2 T2 ED PB PP A3 A4 A5 A6 T3 SN AV AD AN LA CL SF OT LK '
    + 'DO CN DB DS IP RD ST UL SL LL CR WT WV WP OL PMID PMCID').split(' '),
);
const TAG_LINE = /^([A-Z][A-Z0-9]{1,4})(?: (.*)|\s*)$/;

function tagOf(line: string): [string, string] | undefined {
  const m = TAG_LINE.exec(line);
  if (!m) return undefined;
  const tag = m[1];
  // U1…U15 (user fields) are numbered without limit in the legend.
  return TAGS.has(tag) || /^U\d{1,2}$/.test(tag) ? [tag, (m[2] ?? '').trim()] : undefined;
}

export const refworks: FormatModule = {
  name: 'refworks',
  label: 'RefWorks tagged format (RT/A1/T1/JF/YR …)',
  sniff(head) {
    if (/^Refworks Export Tagged Format/im.test(head) && /^RT \S/m.test(head)) return 0.97;
    // RefWorks records open with `RT`; WoS (`PT J`) and RIS (`TY  -`) never write it.
    if (/^RT \S/m.test(head) && /^(A1|T1|JF|YR|SR) \S/m.test(head)) return 0.93;
    return 0;
  },
  *read(lines) {
    let rec: OpenRecord | null = null;
    let ordinal = 0;
    let lineNo = 0;
    let strayReported = false;
    let textReported = false;

    const finish = (): ReadItem[] => {
      if (!rec) return [];
      const record = mapFields(rec.fields, rec.text(), rec.start);
      rec = null;
      return [{ kind: 'record', record }];
    };

    for (const line of lines) {
      lineNo += 1;
      const tagged = tagOf(line);
      if (tagged?.[0] === 'RT') {
        yield* finish();
        ordinal += 1;
        rec = new OpenRecord(lineNo);
      }
      if (!rec) {
        // Preamble (legend) lines are free text; a field tag there means a record lost its RT line.
        if (tagged && !strayReported && ordinal > 0) {
          strayReported = true;
          yield error('refworks/missing-rt', `line ${lineNo}: field ${tagged[0]} after record ${ordinal} ended, with no RT line opening a new record`,
            { line: lineNo, record: ordinal + 1 });
        } else if (!tagged && ordinal > 0 && line.trim() !== '' && !textReported) {
          textReported = true;
          yield warning('refworks/text-between-records', `line ${lineNo}: untagged text after record ${ordinal} ended (after a blank line); ignored`,
            { line: lineNo, record: ordinal });
        }
        continue;
      }
      if (line.trim() === '') {
        yield* finish();
        continue;
      }
      rec.add(line, tagged);
    }
    yield* finish();
    if (ordinal === 0) {
      yield error('refworks/no-records', 'no RefWorks records found: the file has no `RT` line', { line: lineNo });
    }
  },
};

function mapFields(fields: TagValue[], raw: string, line: number): BibRecord {
  const record = emptyRecord(raw, line);
  const tags = new TagValues(fields);
  const take = (...tagList: string[]): string | undefined => oneLine(tags.take(...tagList));

  record.type = take('RT');
  record.title = cleanText(take('T1'));
  for (const a of tags.takeAll('A1')) pushUnique(record.authors, oneLine(a));
  // Journal articles name the journal in JF (JO = abbreviation); chapters name the book in T2.
  record.journal = cleanText(take('JF', 'JO', 'T2'));
  const yr = take('YR');
  const fd = take('FD');
  record.year = parseYear(yr) ?? parseYear(fd);
  record.date = [yr, fd].filter(Boolean).join(' ') || undefined;
  record.volume = take('VO');
  record.issue = take('IS');
  // OP ("other pages") is the end page when SP is a bare start page.
  const sp = take('SP');
  const op = oneLine(tags.first('OP'));
  if (sp && op && /^\d+$/.test(sp) && /^\d+$/.test(op)) record.pages = joinPages(sp, take('OP'));
  else record.pages = sp ?? take('OP');
  record.abstract = cleanText(take('AB'));
  record.language = take('LA');
  record.url = take('UL', 'LK');
  // A DO or PMID value that is not one stays in `extra`.
  const doi = normaliseDoi(oneLine(tags.first('DO')));
  record.doi = doi ?? doiFromNotes(tags);
  if (doi) tags.take('DO');
  record.pmid = normalisePmid(oneLine(tags.first('PMID')));
  if (record.pmid) tags.take('PMID');
  // ID is RefWorks' own reference number: the record's key in this file.
  record.sourceKey = take('ID', 'AN');
  record.database = take('DB', 'DS');
  for (const k of tags.takeAll('K1')) splitList(k, /\s*\n\s*/).forEach((v) => pushUnique(record.keywords, v));
  for (const sn of tags.takeAll('SN')) if (!addStandardNumbers(record, sn)) addExtra(record, 'SN', sn);

  for (const [tag, value] of tags.leftovers()) addExtra(record, tag, value);
  return record;
}

/** RefWorks often has the DOI only in a note (`NO doi: 10.1086/374030`) or a link. */
function doiFromNotes(tags: TagValues): string | undefined {
  for (const v of tags.all('NO')) {
    const m = /\bdoi:\s*(10\.\S+)/i.exec(v);
    if (m) return normaliseDoi(m[1]);
  }
  for (const tag of ['LK', 'UL']) {
    for (const v of tags.all(tag)) if (/doi\.org\/|\/doi\/(?:abs\/|full\/)?10\./i.test(v)) return normaliseDoi(v.replace(/^.*?(?=10\.\d)/, ''));
  }
  return undefined;
}
