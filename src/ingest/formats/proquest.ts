/**
 * ProQuest plain-text export ("Export/Save → Text only"): a report header
 * ("Report Information from ProQuest") and a table of contents, then one block
 * per document:
 *
 *     ____________________________________________________________
 *     Document 1 of 100
 *     <title as displayed>
 *     Author: Dorst, Chris
 *     http://search.proquest.com/docview/1548716365?accountid=14906
 *     Abstract: …
 *     Links: …
 *     Publication year: 2014
 *     ProQuest document ID: 1548716365
 *     …
 *     ____________________________________________________________
 *
 * and after the last document an optional "Bibliography" (the same records
 * again as citations, e.g. BibTeX) and a footer. Fields are `Label: value`
 * lines separated by blank lines; a value may continue over several lines and
 * paragraphs (abstracts, the second URL of `Links`). Only ProQuest's own field
 * labels start a field, so an abstract paragraph that opens with
 * `Results: …` stays part of the abstract.
 * Mixed CRLF/LF endings are handled before the reader.
 */
import type { FormatModule } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord, error, warning } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, joinPages, normaliseDoi, normalisePmid, oneLine, parseYear, pushUnique, splitList,
} from '../normalise.js';
import { dropTrailingBlankLines, TagValues } from '../tagged.js';

const DOCUMENT = /^Document (\d+) of (\d+)\s*$/;
const SEPARATOR = /^_{20,}\s*$/;
const LABEL_LINE = /^([A-Z][A-Za-z0-9 /&().,'-]{0,60}?):(?: (.*)|\s*)$/;

/** Field labels ProQuest writes (all databases: journals, dissertations, news, books, MEDLINE…). */
const LABELS = new Set([
  'Title', 'Author', 'Authors', 'Author e-mail address', 'Editor', 'Contributor', 'Corporate author', 'Abstract',
  'Translated abstract', 'Links', 'Publication title', 'Publication info', 'Volume', 'Issue', 'Pages', 'First page',
  'Last page', 'Number of pages', 'Publication year', 'Publication date', 'Year', 'Date', 'Dateline', 'Section',
  'Publisher', 'Place of publication', 'Country of publication', 'Publication subject', 'ISSN', 'e-ISSN', 'ISBN',
  'e-ISBN', 'CODEN', 'Source type', 'Language', 'Language of publication', 'Language of summary', 'Document type',
  'Document feature', 'Document note', 'DOI', 'Digital Object Identifier', 'ProQuest document ID', 'Document URL',
  'Copyright', 'Last updated', 'First available', 'Database', 'Subject', 'Subjects', 'MeSH', 'MeSH subject',
  'Major subject', 'Minor subject', 'Classification', 'Identifier / keyword', 'Keywords', 'Keyword', 'Location',
  'People', 'Company / organization', 'Substance', 'Accession number', 'PubMed ID', 'PMID', 'Update', 'Notes', 'Sponsor',
  'Conference title', 'Conference date', 'Conference location', 'Series', 'Series title', 'Edition', 'Advisor',
  'Committee member', 'Degree', 'Degree date', 'Department', 'Dissertation/thesis number', 'School code', 'Source',
  'University location', 'University/institution', 'Journal subset', 'Population group', 'Age group', 'Methodology',
  'Tests and measures', 'Grant number', 'Supplement', 'Part', 'Volume/issue', 'Credit', 'Illustration', 'Caption',
  'Affiliation', 'Author affiliation', 'Correspondence author', 'Peer reviewed', 'Scholarly', 'Other titles',
  'Alternate title', 'Original title', 'Distributor', 'Number of references', 'References',
]);
const LABEL_KEYS = new Set([...LABELS].map((l) => l.toLowerCase()));

export const proquest: FormatModule = {
  name: 'proquest-text',
  label: 'ProQuest plain-text export (Document N of M; Label: value fields)',
  platform: 'ProQuest',
  sniff(head) {
    const documents = /^Document \d+ of \d+\s*$/m.test(head);
    if (/^Report Information from ProQuest/m.test(head)) return 0.97;
    if (documents && /^ProQuest document ID: /m.test(head)) return 0.95;
    return documents ? 0.5 : 0;
  },
  *read(lines) {
    let doc: { fields: Array<[string, string[]]>; raw: string[]; start: number; heading?: string; url?: string } | null = null;
    let ordinal = 0;
    let lineNo = 0;
    let announced: number | undefined;

    const finish = function* (): Generator<ReadItem> {
      if (!doc) return;
      const d = doc;
      doc = null;
      // Each document names its own database (one export can mix several); there is no file-level one.
      yield { kind: 'record', record: mapFields(d.fields, d.heading, d.url, dropTrailingBlankLines(d.raw).join('\n'), d.start) };
    };

    for (const line of lines) {
      lineNo += 1;
      const header = DOCUMENT.exec(line);
      if (header) {
        yield* finish();
        ordinal += 1;
        announced ??= Number(header[2]);
        if (Number(header[1]) !== ordinal) {
          yield warning('proquest/document-number', `line ${lineNo}: header says document ${header[1]}, but it is document ${ordinal} in the file`,
            { line: lineNo, record: ordinal });
        }
        doc = { fields: [], raw: [line], start: lineNo };
        continue;
      }
      if (!doc) continue; // report header, table of contents, bibliography, footer
      if (SEPARATOR.test(line)) {
        yield* finish();
        continue;
      }
      doc.raw.push(line);
      const text = line.trim();
      if (text === '') continue;
      addLine(doc, text);
    }
    yield* finish();
    if (announced === undefined) {
      yield error('proquest/no-documents', 'no "Document N of M" blocks found: not a ProQuest plain-text export', { line: lineNo });
    } else if (ordinal !== announced) {
      yield warning('proquest/count', `the headers announce ${announced} documents but the file holds ${ordinal}; the export may be incomplete`,
        { line: lineNo, record: ordinal });
    }
  },
};

/** One non-blank line of a document: a labelled field, the heading, the document URL or a continuation. */
function addLine(doc: { fields: Array<[string, string[]]>; heading?: string; url?: string }, text: string): void {
  const m = LABEL_LINE.exec(text);
  if (m && LABEL_KEYS.has(m[1].toLowerCase())) {
    doc.fields.push([m[1], m[2] ? [m[2].trim()] : []]);
    return;
  }
  if (doc.heading === undefined && doc.fields.length === 0) {
    doc.heading = text; // the title as displayed, before the first field
    return;
  }
  // The document link is written unlabelled after the author line.
  if (doc.url === undefined && /^https?:\/\/\S*\/docview\/\S+$/.test(text)) {
    doc.url = text;
    return;
  }
  const last = doc.fields[doc.fields.length - 1];
  if (last) last[1].push(text);
}

/** ProQuest subject areas whose names contain a comma, so a comma-split must not cut them. */
const COMMA_SUBJECTS = ['Philosophy, religion and theology', 'Language, literature and linguistics'];

function mapFields(fields: Array<[string, string[]]>, heading: string | undefined, docUrl: string | undefined, raw: string, line: number): BibRecord {
  const record = emptyRecord(raw, line);
  // Labels are matched in lower case; `extra` keeps each label as first written.
  const labels = new Map<string, string>();
  for (const [label] of fields) if (!labels.has(label.toLowerCase())) labels.set(label.toLowerCase(), label);
  const tags = new TagValues(fields.map(([label, lines]) => [label.toLowerCase(), lines.join('\n').trim()]), { keepEmptyTags: true });

  record.title = cleanText(tags.take('title') ?? heading);
  if (heading && cleanText(heading) !== record.title) addExtra(record, 'Heading', heading);
  for (const v of tags.takeAll('author', 'authors')) splitList(v, /\s*[;\n]\s*/).forEach((a) => pushUnique(record.authors, a));
  record.abstract = cleanText(tags.take('abstract'));
  record.journal = cleanText(tags.take('publication title'));
  record.volume = oneLine(tags.take('volume'));
  record.issue = oneLine(tags.take('issue'));
  // `First page: n/a` is common in dissertations; such notes stay in `extra`.
  const page = (key: string): string | undefined => {
    const v = oneLine(tags.first(key));
    return v && !/^n\/?a$/i.test(v) ? v : undefined;
  };
  if (page('pages')) record.pages = oneLine(tags.take('pages'));
  else if (page('first page')) {
    record.pages = joinPages(page('first page'), page('last page'));
    tags.take('first page');
    if (page('last page')) tags.take('last page');
  }
  record.date = oneLine(tags.take('publication date', 'publication year', 'year', 'degree date'));
  const yearLabel = ['publication year', 'year'].find((l) => parseYear(tags.first(l)) !== undefined);
  record.year = yearLabel ? parseYear(tags.take(yearLabel)) : parseYear(record.date);
  record.doi = normaliseDoi(tags.take('doi', 'digital object identifier'));
  record.pmid = normalisePmid(tags.take('pubmed id', 'pmid'));
  record.language = oneLine(tags.take('language', 'language of publication'));
  record.type = oneLine(tags.take('document type'));
  record.sourceKey = oneLine(tags.take('proquest document id'));
  record.database = oneLine(tags.take('database'));
  record.url = oneLine(tags.take('document url')) ?? docUrl;
  if (docUrl && record.url !== docUrl) addExtra(record, 'Document URL', docUrl);
  for (const v of tags.takeAll('issn', 'e-issn', 'isbn', 'e-isbn')) if (!addStandardNumbers(record, v)) addExtra(record, 'ISSN/ISBN', v);
  for (const v of tags.takeAll('subject', 'subjects', 'mesh', 'mesh subject', 'major subject', 'minor subject')) {
    splitList(v, /\s*[;\n]\s*/).forEach((k) => pushUnique(record.keywords, k));
  }
  for (const v of tags.takeAll('identifier / keyword', 'keywords', 'keyword')) splitKeywords(v).forEach((k) => pushUnique(record.keywords, k));

  for (const [key, value] of tags.leftovers()) addExtra(record, labels.get(key) ?? key, value);
  return record;
}

/** `Identifier / keyword` is `;`-separated in journal records but `,`-separated in dissertations. */
function splitKeywords(value: string): string[] {
  if (value.includes(';')) return splitList(value, /\s*[;\n]\s*/);
  let text = value;
  COMMA_SUBJECTS.forEach((subject, i) => { text = text.split(subject).join(`\u0000${i}\u0000`); });
  return splitList(text, /\s*[,\n]\s*/).map((k) => k.replace(/\u0000(\d+)\u0000/g, (_, i: string) => COMMA_SUBJECTS[Number(i)]));
}
