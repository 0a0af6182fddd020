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
import { emptyRecord } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, joinPages, normaliseDoi, normalisePmid, parseYear, pushUnique, splitList,
} from '../normalise.js';

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
    let fields: Array<[string, string]> | null = null;
    let raw: string[] = [];
    let start = 0;
    let ordinal = 0;
    let lineNo = 0;
    let strayReported = false;
    let textReported = false;

    const finish = (): ReadItem[] => {
      if (!fields) return [];
      const record = mapFields(fields, raw.join('\n'), start);
      fields = null;
      raw = [];
      return [{ kind: 'record', record }];
    };

    for (const line of lines) {
      lineNo += 1;
      const tagged = tagOf(line);
      if (tagged?.[0] === 'RT') {
        yield* finish();
        ordinal += 1;
        fields = [];
        start = lineNo;
      }
      if (!fields) {
        // Preamble (legend) lines are free text; a field tag there means a record lost its RT line.
        if (tagged && !strayReported && ordinal > 0) {
          strayReported = true;
          yield {
            kind: 'diagnostic',
            diagnostic: {
              severity: 'error', code: 'refworks/missing-rt', line: lineNo, record: ordinal + 1,
              message: `line ${lineNo}: field ${tagged[0]} after record ${ordinal} ended, with no RT line opening a new record`,
            },
          };
        } else if (!tagged && ordinal > 0 && line.trim() !== '' && !textReported) {
          textReported = true;
          yield {
            kind: 'diagnostic',
            diagnostic: {
              severity: 'warning', code: 'refworks/text-between-records', line: lineNo, record: ordinal,
              message: `line ${lineNo}: untagged text after record ${ordinal} ended (after a blank line); ignored`,
            },
          };
        }
        continue;
      }
      if (line.trim() === '') {
        yield* finish();
        continue;
      }
      raw.push(line);
      if (tagged) fields.push(tagged);
      else if (fields.length > 0) {
        const last = fields[fields.length - 1];
        last[1] = last[1] === '' ? line.trim() : `${last[1]}\n${line.trim()}`;
      }
    }
    yield* finish();
    if (ordinal === 0) {
      yield {
        kind: 'diagnostic',
        diagnostic: { severity: 'error', code: 'refworks/no-records', line: lineNo, message: 'no RefWorks records found: the file has no `RT` line' },
      };
    }
  },
};

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
  const firstOf = (...tags: string[]): string | undefined => tags.find((t) => byTag.has(t));
  // tag → how many of its leading values went into the model; the rest go to `extra`.
  const consumed = new Map<string, number>([['A1', Infinity], ['K1', Infinity], ['SN', Infinity]]);
  const take = (tag: string | undefined): string | undefined => {
    if (!tag) return undefined;
    consumed.set(tag, 1);
    return first(tag);
  };

  record.type = take('RT');
  record.title = cleanText(take('T1'));
  for (const a of byTag.get('A1') ?? []) pushUnique(record.authors, oneLine(a));
  // Journal articles name the journal in JF (JO = abbreviation); chapters name the book in T2.
  record.journal = cleanText(take(firstOf('JF', 'JO', 'T2')));
  const yr = take('YR');
  const fd = take('FD');
  record.year = parseYear(yr) ?? parseYear(fd);
  record.date = [yr, fd].filter(Boolean).join(' ') || undefined;
  record.volume = take('VO');
  record.issue = take('IS');
  // OP ("other pages") is the end page when SP is a bare start page.
  const sp = take('SP');
  const op = first('OP');
  if (sp && op && /^\d+$/.test(sp) && /^\d+$/.test(op)) {
    record.pages = joinPages(sp, op);
    consumed.set('OP', 1);
  } else record.pages = sp ?? take('OP');
  record.abstract = cleanText(take('AB'));
  record.language = take('LA');
  record.url = take(firstOf('UL', 'LK'));
  const doi = normaliseDoi(first('DO'));
  record.doi = doi ?? doiFromNotes(byTag);
  if (doi) consumed.set('DO', 1);
  record.pmid = normalisePmid(first('PMID'));
  if (record.pmid) consumed.set('PMID', 1);
  // ID is RefWorks' own reference number: the record's key in this file.
  record.sourceKey = take(firstOf('ID', 'AN'));
  record.database = take(firstOf('DB', 'DS'));
  for (const k of byTag.get('K1') ?? []) splitList(k, /\s*\n\s*/).forEach((v) => pushUnique(record.keywords, v));
  for (const sn of byTag.get('SN') ?? []) if (!addStandardNumbers(record, sn)) addExtra(record, 'SN', sn);

  for (const [tag, values] of byTag) values.slice(consumed.get(tag) ?? 0).forEach((v) => addExtra(record, tag, v));
  return record;
}

/** RefWorks often has the DOI only in a note (`NO doi: 10.1086/374030`) or a link. */
function doiFromNotes(byTag: Map<string, string[]>): string | undefined {
  for (const v of byTag.get('NO') ?? []) {
    const m = /\bdoi:\s*(10\.\S+)/i.exec(v);
    if (m) return normaliseDoi(m[1]);
  }
  for (const tag of ['LK', 'UL']) {
    for (const v of byTag.get(tag) ?? []) if (/doi\.org\/|\/doi\/(?:abs\/|full\/)?10\./i.test(v)) return normaliseDoi(v.replace(/^.*?(?=10\.\d)/, ''));
  }
  return undefined;
}

function oneLine(value: string | undefined): string | undefined {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : undefined;
}
