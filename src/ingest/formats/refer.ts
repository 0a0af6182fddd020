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
import { emptyRecord, error } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, normaliseDoi, oneLine, parseYear, pushUnique, splitList,
} from '../normalise.js';
import { OpenRecord, type TagValue, TagValues } from '../tagged.js';

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
    let rec: OpenRecord | null = null;
    let ordinal = 0;
    let lineNo = 0;

    const finish = (): ReadItem[] => {
      if (!rec) return [];
      ordinal += 1;
      const record = mapFields(rec.fields, rec.text(), rec.start);
      rec = null;
      return [{ kind: 'record', record }];
    };

    for (const line of lines) {
      lineNo += 1;
      if (line.trim() === '') {
        yield* finish();
        continue;
      }
      const m = TAG_LINE.exec(line);
      if (!rec) {
        rec = new OpenRecord(lineNo);
        if (!m) {
          yield error('refer/untagged-start', `line ${lineNo}: record ${ordinal + 1} starts with untagged text «${line.trim().slice(0, 60)}»; `
            + 'a Refer/EndNote record must start with a %-tag (e.g. %0 or %T)', { line: lineNo, record: ordinal + 1 });
        }
      }
      rec.add(line, m && [m[1], (m[2] ?? '').trim()]);
    }
    yield* finish();
    if (ordinal === 0) {
      yield error('refer/no-records', 'no Refer/EndNote records found: the file has no %-tagged lines', { line: lineNo });
    }
  },
};

function mapFields(fields: TagValue[], raw: string, line: number): BibRecord {
  const record = emptyRecord(raw, line);
  const tags = new TagValues(fields);

  const types = tags.takeAll('0');
  // EndNote reads the last %0 when a record has two (refer-bibix test 4: `%0 Serial` then `%0 Audio`).
  record.type = oneLine(types[types.length - 1]);
  types.slice(0, -1).forEach((t) => addExtra(record, '%0', t));

  record.title = cleanText(tags.take('T'));
  for (const a of tags.takeAll('A')) for (const name of a.split('\n')) pushUnique(record.authors, name);
  // %8 is EndNote's free-form date: sometimes complete (`March 1, 2022`), sometimes just `Apr`.
  const d8 = oneLine(tags.take('8'));
  const dD = oneLine(tags.take('D'));
  record.date = d8 && parseYear(d8) === undefined ? [dD, d8].filter(Boolean).join(' ') : d8 ?? dD;
  record.year = parseYear(dD) ?? parseYear(d8);
  // %J is the journal; %B (secondary title) is the book or proceedings title, and the
  // journal in exports that never write %J (AIS eLibrary).
  record.journal = cleanText(tags.take('J', 'B'));
  record.volume = oneLine(tags.take('V'));
  record.issue = oneLine(tags.take('N'));
  record.pages = oneLine(tags.take('P'));
  record.abstract = cleanText(tags.take('X'));
  record.language = oneLine(tags.take('G'));
  record.url = oneLine(tags.take('U'));
  record.sourceKey = oneLine(tags.take('M'));
  // %~ names the database, %W the database provider.
  record.database = oneLine(tags.take('~', 'W'));

  // %R is the DOI in EndNote, but other exporters put URNs and OAI ids there: keep those.
  const rValues = tags.takeAll('R');
  const doiIndex = rValues.findIndex((v) => normaliseDoi(v) !== undefined);
  if (doiIndex >= 0) record.doi = normaliseDoi(rValues[doiIndex]);
  rValues.forEach((v, i) => { if (i !== doiIndex) addExtra(record, '%R', v); });
  for (const v of tags.takeAll('K')) splitList(v, /\s*[\n;]\s*/).forEach((k) => pushUnique(record.keywords, k));
  for (const v of tags.takeAll('@')) if (!addStandardNumbers(record, v)) addExtra(record, '%@', v);

  for (const [tag, value] of tags.leftovers()) addExtra(record, `%${tag}`, value);
  return record;
}
