/**
 * MEDLINE / nbib tagged text, as written by PubMed ("Send to: Citation
 * manager", "Format: PubMed"), ERIC and Ovid's MEDLINE display.
 *
 * A tag is up to four characters padded to four, then `- ` (`PMID- `,
 * `AU  - `); ERIC writes its four-letter tags with one more space
 * (`ISSN - `). Continuation lines are indented six spaces. Records are
 * separated by blank lines; files often start with one. PubMed records begin
 * with `PMID-`, ERIC records (which have no PMID) with `OWN - ERIC`.
 */
import type { FormatModule } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord, error, warning } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, expandPageRange, normaliseDoi, normalisePmid, parseYear, pushUnique,
} from '../normalise.js';
import { OpenRecord, type TagValue, TagValues } from '../tagged.js';

/** Tag + padding ends at column 4 (`PMID-`, `AU  -`), or 5 for ERIC's `ISSN -`. */
const TAG_LINE = /^([A-Z][A-Z0-9]{0,3})( *)-(?: (.*)|\s*)$/;
const CONTINUATION = /^\s+\S/;

function tagOf(line: string): [string, string] | undefined {
  const m = TAG_LINE.exec(line);
  if (!m) return undefined;
  const [, tag, pad, value = ''] = m;
  const width = tag.length + pad.length;
  if (width !== 4 && !(width === 5 && tag.length === 4)) return undefined;
  return [tag, value];
}

/** Tags that exist only in MEDLINE-style files (RIS and WoS tags are two characters). */
const MEDLINE_ONLY_TAGS = /^(?:PMID|OWN |STAT|FAU |DCOM|JID |EDAT|MHDA|CRDT|PHST|PST |OID |AID |LID |BTI |AUID|PMC |DEP |OTO )- /gm;

export const medline: FormatModule = {
  name: 'medline',
  label: 'MEDLINE / nbib tagged text (PubMed "PubMed" format, ERIC, Ovid MEDLINE display)',
  sniff(head) {
    // RIS shares two-letter tags such as `TI  - `; a TY line means RIS, never MEDLINE.
    if (/^\s*TY {1,2}- ?\S/m.test(head)) return 0;
    if (/^PMID- ?\d/m.test(head)) return 0.95;
    const distinct = new Set((head.match(MEDLINE_ONLY_TAGS) ?? []).map((t) => t.trim()));
    if (/^OWN - /m.test(head) && /^TI {2}- /m.test(head)) return 0.9;
    if (distinct.size >= 3) return 0.85;
    return distinct.size > 0 ? 0.3 : 0;
  },
  *read(lines) {
    let rec: OpenRecord | null = null;
    let ordinal = 0;
    let lineNo = 0;

    let lastStart = 0;
    let lastHadPt = false;
    let recordsWithPt = 0;

    const finish = (): ReadItem[] => {
      if (!rec) return [];
      ordinal += 1;
      lastStart = rec.start;
      lastHadPt = rec.fields.some(([tag]) => tag === 'PT');
      if (lastHadPt) recordsWithPt += 1;
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
      const tagged = tagOf(line);
      if (tagged) {
        const [tag, value] = tagged;
        if (tag === 'PMID' && rec && rec.fields.some(([t]) => t === 'PMID')) {
          yield warning('medline/missing-blank-line',
            `line ${lineNo}: a new PMID starts before the blank line that should end record ${ordinal + 1} (from line ${rec.start}); split the records there`,
            { line: lineNo, record: ordinal + 1 });
          yield* finish();
        }
        rec ??= new OpenRecord(lineNo);
        rec.add(line, [tag, value.trim()]);
        continue;
      }
      if (!rec) {
        yield warning('medline/untagged-line', `line ${lineNo}: text outside any record (no tag such as "PMID- " before it); ignored`,
          { line: lineNo });
        continue;
      }
      if (!CONTINUATION.test(line)) {
        yield warning('medline/untagged-line',
          `line ${lineNo}: record ${ordinal + 1} has an untagged, unindented line; read it as a continuation of ${rec.fields[rec.fields.length - 1][0]}`,
          { line: lineNo, record: ordinal + 1 });
      }
      rec.add(line, null, ' ');
    }
    yield* finish();
    // PubMed and ERIC give every record a publication type (PT), late in the record: a
    // final record without one, after records that all have it, was cut off
    // (e.g. metaknowledge_medline_test.medline ends inside a title).
    if (ordinal > 1 && !lastHadPt && recordsWithPt === ordinal - 1) {
      yield warning('medline/truncated-record',
        `record ${ordinal} (from line ${lastStart}) has no PT (publication type) line, unlike every other record: the file looks truncated at line ${lineNo}`,
        { line: lastStart, record: ordinal });
    }
    if (ordinal === 0) {
      yield error('medline/no-records', 'no MEDLINE-tagged record (lines like "PMID- 12345" or "TI  - Title") found in the file', { line: lineNo });
    }
  },
};

/** Tags mapped into the model as a whole (everything else goes to `extra` under its tag). */
const MAPPED = new Set([
  'PMID', 'TI', 'BTI', 'AB', 'FAU', 'AU', 'CN', 'DP', 'JT', 'TA', 'VI', 'IP', 'PG', 'LID', 'AID', 'IS', 'ISSN',
  'ISBN', 'OT', 'MH', 'LA', 'PT', 'DB',
]);

function mapFields(fields: TagValue[], raw: string, line: number): BibRecord {
  const record = emptyRecord(raw, line);
  const tags = new TagValues(fields);
  const eric = tags.first('OWN') === 'ERIC';
  const kept = new Set<string>(); // mapped tags whose values must also stay in extra

  record.pmid = normalisePmid(tags.first('PMID'));
  record.sourceKey = tags.first('PMID') ?? (eric ? tags.first('OID') : undefined);
  record.database = tags.first('DB') ?? (eric ? 'ERIC' : tags.has('PMID') ? 'PubMed' : undefined);

  // A book chapter has TI (chapter) + BTI (its book, the container); a whole book only BTI.
  record.title = cleanText(tags.first('TI') ?? tags.first('BTI'));
  record.abstract = cleanText(tags.first('AB'));
  mapAuthors(fields, record);
  record.date = tags.first('DP');
  record.year = parseYear(tags.first('DP'));
  record.journal = journalOf(tags, eric) ?? (tags.first('TI') ? cleanText(tags.first('BTI')) : undefined);
  if (record.journal !== tags.first('JT')) kept.add('JT'); // e.g. ERIC reports: JT names the publisher
  if (record.journal !== tags.first('TA')) kept.add('TA'); // the abbreviation, beside JT
  record.volume = tags.first('VI');
  record.issue = tags.first('IP');
  record.pages = expandPageRange(tags.first('PG'));

  for (const tag of ['LID', 'AID']) mapLocators(record, tag, tags.all(tag), eric);
  // Without PG, an article number is only given as the pii (`1042 [pii]`, `e42692 [pii]`);
  // Elsevier piis (`S0033-3506(15)00037-2`) are not page numbers.
  record.pages ??= [...tags.all('LID'), ...tags.all('AID')]
    .map((v) => /^([A-Za-z]?\d+) \[pii\]$/.exec(v)?.[1])
    .find((v) => v !== undefined);
  for (const tag of ['IS', 'ISSN', 'ISBN']) {
    // ERIC prefixes the number: `EISSN-2375-5636`, `ISBN-978-1-5985-7192-9`.
    for (const v of tags.all(tag)) if (!addStandardNumbers(record, v.replace(/\b[EP]?IS[SB]N-/g, ''))) addExtra(record, tag, v);
  }
  for (const k of [...tags.all('OT'), ...tags.all('MH')]) pushUnique(record.keywords, k);
  kept.add('MH'); // MeSH headings stay recognisable as such
  tags.all('LA').forEach((lang, i) => (i === 0 ? (record.language = lang) : addExtra(record, 'LA', lang)));
  record.type = tags.first('PT');
  tags.all('PT').slice(1).forEach((pt) => addExtra(record, 'PT', pt));

  for (const tag of MAPPED) if (!kept.has(tag)) tags.takeAll(tag);
  for (const [tag, value] of tags.leftovers()) addExtra(record, tag, value);
  return record;
}

/**
 * FAU (full names) is preferred; AU (initials) is used when a record has no
 * FAU (older records, ERIC). CN group authors keep their place in the list.
 * Old records end a truncated AU list with `AU  - et al.`: not an author.
 */
function mapAuthors(fields: TagValue[], record: BibRecord): void {
  const hasFull = fields.some(([tag, value]) => tag === 'FAU' && value !== '');
  const nameTag = hasFull ? 'FAU' : 'AU';
  for (const [tag, value] of fields) {
    if (value === '' || (tag !== nameTag && tag !== 'CN')) continue;
    if (/^et al\.?$/i.test(value)) addExtra(record, tag, value);
    else record.authors.push(value);
  }
  if (hasFull) for (const [tag, value] of fields) if (tag === 'AU' && value !== '') addExtra(record, 'AU', value);
}

/**
 * JT (full title) or TA (abbreviation). ERIC writes the publisher in JT for
 * documents (ED numbers); its journal articles have EJ numbers or the
 * "Journal Articles" publication type.
 */
function journalOf(tags: TagValues, eric: boolean): string | undefined {
  const jt = tags.first('JT');
  if (eric) {
    const journalArticle = /^EJ/i.test(tags.first('OID') ?? '') || tags.all('PT').some((pt) => /journal articles/i.test(pt));
    return journalArticle ? jt : undefined;
  }
  return jt ?? tags.first('TA');
}

/**
 * LID/AID carry `10.xxx [doi]`, `S0033-… [pii]`, `NBK1826 [bookaccession]`;
 * ERIC puts links there instead (`http://dx.doi.org/…`, the ERIC landing
 * page). Values that are neither the DOI nor ERIC's landing page stay in
 * `extra` under their tag.
 */
function mapLocators(record: BibRecord, tag: string, values: string[], eric: boolean): void {
  for (const value of values) {
    const typed = /^(.*?)\s*\[([a-z-]+)\]$/i.exec(value);
    const id = typed ? typed[1] : value;
    const isDoi = typed ? typed[2].toLowerCase() === 'doi' : eric && /doi\.org\//i.test(id);
    const doi = isDoi ? normaliseDoi(id) : undefined;
    if (doi && (!record.doi || record.doi === doi)) {
      record.doi = doi;
    } else if (eric && !record.url && /^https?:\/\/(?:www\.)?eric\.ed\.gov\//i.test(id)) {
      record.url = id;
    } else {
      addExtra(record, tag, value);
    }
  }
}
