/**
 * Refer / EndNote tagged ("EndNote export", `.enl`, `.txt`; also Citavi,
 * AIS eLibrary, BIBSYS and Wanfang write it): one field per line as `%X value`,
 * records separated by blank lines.
 *
 * Tolerated quirks seen in real exports: records without a `%0` type line
 * (AIS eLibrary, BIBSYS); a record with two `%0` lines (the last one wins, as
 * in EndNote); the same tag twice with the journal in two scripts (Wanfang's
 * Chinese then English `%J`: the first is the journal, the other kept in
 * `extra`); untagged lines continuing the previous field; several blank lines
 * between records; no newline at the end.
 */
import type { FormatModule } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, normaliseDoi, parseYear, pushUnique, splitList,
} from '../normalise.js';

/** `%` + one tag character + a space (or the end of the line). */
const TAG_LINE = /^%([A-Z0-9@!#$&()*+<>[\]=~^|?])(?: (.*)|\s*)$/;

export const refer: FormatModule = {
  name: 'refer',
  label: 'Refer / EndNote tagged (%0 %T %A … ; .enl, .txt)',
  sniff(head) {
    const tagged = head.match(/^%[A-Z0-9@!#$&()*+<>[\]=~^|?] \S/gm)?.length ?? 0;
    if (/^%0 \S/m.test(head) && tagged >= 2) return 0.95;
    if (/^%[TA] \S/m.test(head) && tagged >= 3) return 0.9;
    return 0;
  },
  *read(lines) {
    let fields: Array<[string, string]> = [];
    let raw: string[] = [];
    let start = 0;
    let ordinal = 0;
    let lineNo = 0;

    const finish = (): ReadItem[] => {
      if (raw.length === 0) return [];
      const items: ReadItem[] = [];
      ordinal += 1;
      items.push({ kind: 'record', record: mapFields(fields, raw.join('\n'), start) });
      fields = [];
      raw = [];
      return items;
    };

    for (const line of lines) {
      lineNo += 1;
      if (line.trim() === '') {
        yield* finish();
        continue;
      }
      const m = TAG_LINE.exec(line);
      if (raw.length === 0) {
        start = lineNo;
        if (!m) {
          yield {
            kind: 'diagnostic',
            diagnostic: {
              severity: 'error', code: 'refer/untagged-start', line: lineNo, record: ordinal + 1,
              message: `line ${lineNo}: record ${ordinal + 1} starts with untagged text «${line.trim().slice(0, 60)}»; `
                + 'a Refer/EndNote record must start with a %-tag (e.g. %0 or %T)',
            },
          };
        }
      }
      raw.push(line);
      if (m) fields.push([m[1], (m[2] ?? '').trim()]);
      else if (fields.length > 0) {
        const last = fields[fields.length - 1];
        last[1] = last[1] === '' ? line.trim() : `${last[1]}\n${line.trim()}`;
      }
    }
    yield* finish();
    if (ordinal === 0) {
      yield {
        kind: 'diagnostic',
        diagnostic: { severity: 'error', code: 'refer/no-records', line: lineNo, message: 'no Refer/EndNote records found: the file has no %-tagged lines' },
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
  // tag → how many of its leading values went into the model; the rest go to `extra`.
  const consumed = new Map<string, number>([['A', Infinity], ['K', Infinity], ['@', Infinity], ['R', Infinity]]);
  const take = (tag: string | undefined): string | undefined => {
    if (!tag || !byTag.has(tag)) return undefined;
    consumed.set(tag, 1);
    return byTag.get(tag)?.[0];
  };
  const has = (tag: string): string | undefined => (byTag.has(tag) ? tag : undefined);

  const types = byTag.get('0') ?? [];
  // EndNote reads the last %0 when a record has two (refer-bibix test 4: `%0 Serial` then `%0 Audio`).
  record.type = oneLine(types[types.length - 1]);
  types.slice(0, -1).forEach((t) => addExtra(record, '%0', t));
  consumed.set('0', Infinity);

  record.title = cleanText(take('T'));
  for (const a of byTag.get('A') ?? []) for (const name of a.split('\n')) pushUnique(record.authors, name);
  // %8 is EndNote's free-form date: sometimes complete (`March 1, 2022`), sometimes just `Apr`.
  const d8 = oneLine(take('8'));
  const dD = oneLine(take('D'));
  record.date = d8 && parseYear(d8) === undefined ? [dD, d8].filter(Boolean).join(' ') : d8 ?? dD;
  record.year = parseYear(dD) ?? parseYear(d8);
  // %J is the journal; %B (secondary title) is the book or proceedings title, and the
  // journal in exports that never write %J (AIS eLibrary).
  record.journal = cleanText(take(has('J') ?? has('B')));
  record.volume = oneLine(take('V'));
  record.issue = oneLine(take('N'));
  record.pages = oneLine(take('P'));
  record.abstract = cleanText(take('X'));
  record.language = oneLine(take('G'));
  record.url = oneLine(take('U'));
  record.sourceKey = oneLine(take('M'));
  // %~ names the database, %W the database provider.
  record.database = oneLine(take(has('~') ?? has('W')));

  // %R is the DOI in EndNote, but other exporters put URNs and OAI ids there: keep those.
  const rValues = byTag.get('R') ?? [];
  const doiIndex = rValues.findIndex((v) => normaliseDoi(v) !== undefined);
  if (doiIndex >= 0) record.doi = normaliseDoi(rValues[doiIndex]);
  rValues.forEach((v, i) => { if (i !== doiIndex) addExtra(record, '%R', v); });
  for (const v of byTag.get('K') ?? []) splitList(v, /\s*[\n;]\s*/).forEach((k) => pushUnique(record.keywords, k));
  for (const v of byTag.get('@') ?? []) if (!addStandardNumbers(record, v)) addExtra(record, '%@', v);

  for (const [tag, values] of byTag) values.slice(consumed.get(tag) ?? 0).forEach((v) => addExtra(record, `%${tag}`, v));
  return record;
}

function oneLine(value: string | undefined): string | undefined {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : undefined;
}
