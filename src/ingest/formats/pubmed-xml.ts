/**
 * PubMed XML (`efetch` / "Send to: File → XML"): a `<PubmedArticleSet>` of
 * `<PubmedArticle>` and `<PubmedBookArticle>` records, DTDs from 2012
 * (`<DateCreated>`, bare `<Affiliation>`) to 2025, pretty-printed or with the
 * whole set on one line.
 *
 * Streaming: the reader cuts the text of one article at a time out of the
 * lines (a single line may hold many articles, an article may span hundreds
 * of lines) and hands only that chunk to fast-xml-parser. Elements that may
 * carry inline markup (`<i>`, `<sup>`, MathML…) are parser stop nodes, so
 * their raw inner text is kept whole and cleaned by `cleanText` instead of
 * being split around the inline tags.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FormatModule } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord, error, warning } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, expandPageRange, normaliseDoi, normalisePmid, parseYear, pushUnique,
} from '../normalise.js';

/** Elements whose content is mixed text + inline markup. */
const TEXT_ELEMENTS = [
  'ArticleTitle', 'VernacularTitle', 'BookTitle', 'CollectionTitle', 'SectionTitle', 'AbstractText',
  'CopyrightInformation', 'Keyword', 'Affiliation', 'CollectiveName', 'Citation', 'GeneralNote',
  'CoiStatement', 'Title', 'RefSource',
];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded once, by cleanText, for stop nodes and plain nodes alike.
  processEntities: false,
  stopNodes: TEXT_ELEMENTS.map((name) => `*.${name}`),
  // No callbacks read paths: without this the parser builds a path string for every value.
  jPath: false,
});

const OPEN = /<(PubmedArticle|PubmedBookArticle)(?=[\s>/])/g;
const ROOT_OPEN = /<PubmedArticleSet(?=[\s>])/;
const ROOT_CLOSE = /<\/PubmedArticleSet\s*>/;

export const pubmedXml: FormatModule = {
  name: 'pubmed-xml',
  label: 'PubMed XML (PubmedArticleSet, efetch / "Send to File: XML")',
  platform: 'PubMed',
  sniff(head) {
    if (/<!DOCTYPE\s+PubmedArticleSet\b|<PubmedArticleSet[\s>]/.test(head)) return 0.95;
    const body = head.replace(/^\s*(?:<\?xml[^>]*\?>\s*)?/, '');
    if (/^<(?:PubmedArticle|PubmedBookArticle)[\s>]/.test(body)) return 0.9;
    return /<(?:PubmedArticle|PubmedBookArticle)>/.test(head) ? 0.5 : 0;
  },
  *read(lines) {
    const state: ScanState = { current: null, ordinal: 0, sawRoot: false, closedRoot: false, sawDelete: false };
    let lineNo = 0;
    for (const line of lines) {
      lineNo += 1;
      yield* scanLine(line, lineNo, state);
    }
    if (state.current) {
      state.ordinal += 1;
      yield unclosed(state.current.tag, state.current.line, state.ordinal, lineNo);
    } else if (state.sawRoot && !state.closedRoot) {
      yield error('pubmed-xml/truncated', `the file ends at line ${lineNo} without </PubmedArticleSet>: the export looks truncated`, { line: lineNo });
    } else if (!state.sawRoot && state.ordinal === 0) {
      yield error('pubmed-xml/no-articles', 'no <PubmedArticleSet> and no <PubmedArticle> found: this is not a PubMed XML file', { line: lineNo });
    }
  },
};

interface ScanState {
  /** The article being collected: its element name, its text so far (one part per line), its first line. */
  current: { tag: string; parts: string[]; line: number } | null;
  ordinal: number;
  sawRoot: boolean;
  closedRoot: boolean;
  sawDelete: boolean;
}

const CLOSE: Record<string, RegExp> = {
  PubmedArticle: /<\/PubmedArticle\s*>/g,
  PubmedBookArticle: /<\/PubmedBookArticle\s*>/g,
};

/** Cut the articles out of one line: it may hold many of them, or a part of one. */
function* scanLine(line: string, lineNo: number, state: ScanState): Generator<ReadItem> {
  let pos = 0;
  while (pos <= line.length) {
    const current = state.current;
    if (!current) {
      OPEN.lastIndex = pos;
      const open = OPEN.exec(line);
      yield* noteOutside(line.slice(pos, open ? open.index : undefined), lineNo, state);
      if (!open) return;
      state.current = { tag: open[1], parts: [], line: lineNo };
      pos = open.index;
      continue;
    }
    const close = CLOSE[current.tag];
    close.lastIndex = pos;
    const end = close.exec(line);
    // Look for the next opening tag past this article's own (which is at `pos` on its first line).
    OPEN.lastIndex = pos + (current.parts.length === 0 ? 1 : 0);
    const reopened = OPEN.exec(line);
    if (reopened && (!end || reopened.index < end.index)) {
      // A new article starts before this one closed: the file is damaged here.
      state.ordinal += 1;
      yield unclosed(current.tag, current.line, state.ordinal, lineNo);
      state.current = null;
      pos = reopened.index;
      continue;
    }
    if (!end) {
      current.parts.push(line.slice(pos));
      return;
    }
    const stop = end.index + end[0].length;
    current.parts.push(line.slice(pos, stop));
    state.ordinal += 1;
    yield parseArticle(current.parts.join('\n'), current.line, state.ordinal);
    state.current = null;
    pos = stop;
  }
}

/** Text between articles: the root element's tags, and update files' DeleteCitation lists. */
function* noteOutside(text: string, lineNo: number, state: ScanState): Generator<ReadItem> {
  if (ROOT_OPEN.test(text)) state.sawRoot = true;
  if (ROOT_CLOSE.test(text)) state.closedRoot = true;
  if (!state.sawDelete && /<DeleteCitation[\s>]/.test(text)) {
    state.sawDelete = true;
    yield warning('pubmed-xml/delete-citation',
      `line ${lineNo}: the file lists deleted citations (<DeleteCitation>); they are not records and were skipped`, { line: lineNo });
  }
}

function unclosed(tag: string, start: number, ordinal: number, at: number): ReadItem {
  return error('pubmed-xml/unclosed-article',
    `record ${ordinal}: <${tag}> opened at line ${start} is not closed (next article or end of file at line ${at})`, { line: start, record: ordinal });
}

/** Validate and parse one article's text; an XML error names the file line. */
function parseArticle(xml: string, line: number, ordinal: number): ReadItem {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const at = line + valid.err.line - 1;
    return error('pubmed-xml/invalid-xml',
      `record ${ordinal} (from line ${line}): malformed XML at line ${at}, column ${valid.err.col}: ${valid.err.msg}`, { line: at, record: ordinal });
  }
  const doc = parser.parse(xml) as Record<string, XNode>;
  const record = emptyRecord(xml, line);
  if (doc.PubmedBookArticle !== undefined) mapBookArticle(obj(doc.PubmedBookArticle), record);
  else mapArticle(obj(doc.PubmedArticle), record);
  record.database = 'PubMed';
  return { kind: 'record', record };
}

// ---------------------------------------------------------------------------
// Access to fast-xml-parser's output

type XNode = string | number | boolean | null | undefined | XObject | XNode[];
interface XObject { [key: string]: XNode }

function obj(node: XNode): XObject {
  const first = Array.isArray(node) ? node[0] : node;
  return first !== null && typeof first === 'object' && !Array.isArray(first) ? first : {};
}

function list(node: XNode): XNode[] {
  if (node === undefined || node === null) return [];
  return Array.isArray(node) ? node : [node];
}

/** Raw inner text of an element (stop nodes keep their inline markup here). */
function raw(node: XNode): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (Array.isArray(node)) return raw(node[0]);
  if (typeof node === 'object') return raw(node['#text']);
  return String(node);
}

/** Clean text of an element: markup stripped, entities decoded, whitespace collapsed. */
function text(node: XNode): string | undefined {
  return cleanText(raw(node));
}

function attr(node: XNode, name: string): string | undefined {
  const value = obj(node)[`@_${name}`];
  return value === undefined ? undefined : cleanText(String(value));
}

/** All text leaves of an element, in document order, for values kept in `extra`. */
function flatten(node: XNode): string {
  if (node === undefined || node === null) return '';
  if (Array.isArray(node)) return node.map(flatten).filter(Boolean).join('; ');
  if (typeof node !== 'object') return cleanText(String(node)) ?? '';
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('@_'))
    .map(([, value]) => flatten(value))
    .filter(Boolean)
    .join(' ');
}

function extra(record: BibRecord, key: string, value: string | undefined): void {
  if (value) addExtra(record, key, value);
}

// ---------------------------------------------------------------------------
// Mapping

function mapArticle(article: XObject, record: BibRecord): void {
  const citation = obj(article.MedlineCitation);
  const art = obj(citation.Article);
  const journal = obj(art.Journal);
  const issue = obj(journal.JournalIssue);

  record.pmid = normalisePmid(text(citation.PMID));
  record.sourceKey = text(citation.PMID);
  for (const key of ['Status', 'Owner', 'IndexingMethod']) extra(record, key, attr(citation, key));
  for (const key of ['DateCreated', 'DateCompleted', 'DateRevised']) extra(record, key, isoDate(citation[key]));

  record.title = text(art.ArticleTitle) ?? text(art.VernacularTitle);
  if (text(art.ArticleTitle)) extra(record, 'VernacularTitle', text(art.VernacularTitle));
  mapAbstract(art.Abstract, record);
  mapAuthors(art.AuthorList, record);

  record.journal = text(journal.Title);
  extra(record, 'ISOAbbreviation', text(journal.ISOAbbreviation));
  for (const issn of list(journal.ISSN)) addStandardNumbers(record, text(issn) ?? '');
  record.volume = text(issue.Volume);
  record.issue = text(issue.Issue);
  mapPubDate(issue.PubDate, record);
  for (const d of list(art.ArticleDate)) extra(record, 'ArticleDate', isoDate(d));
  if (!record.year) record.year = parseYear(isoDate(art.ArticleDate));

  const pagination = obj(art.Pagination);
  record.pages = expandPageRange(text(pagination.MedlinePgn))
    ?? joinStartEnd(text(pagination.StartPage), text(pagination.EndPage));
  mapLocationIds(art.ELocationID, record);
  for (const lang of list(art.Language)) {
    if (!record.language) record.language = text(lang);
    else extra(record, 'Language', text(lang));
  }
  mapPublicationTypes(art.PublicationTypeList, record);
  for (const grant of list(obj(art.GrantList).Grant)) extra(record, 'Grant', flatten(grant));
  for (const bank of list(obj(art.DataBankList).DataBank)) extra(record, 'DataBank', flatten(bank));
  restInExtra(record, art, ['Journal', 'ArticleTitle', 'VernacularTitle', 'Abstract', 'AuthorList', 'Pagination',
    'ELocationID', 'Language', 'PublicationTypeList', 'ArticleDate', 'GrantList', 'DataBankList']);

  const info = obj(citation.MedlineJournalInfo);
  for (const key of ['MedlineTA', 'NlmUniqueID', 'Country']) extra(record, key, text(info[key]));
  addStandardNumbers(record, text(info.ISSNLinking) ?? '');
  mapSubjects(citation, record);
  for (const c of list(obj(citation.ChemicalList).Chemical)) {
    const chem = obj(c);
    const name = text(chem.NameOfSubstance);
    const number = text(chem.RegistryNumber);
    extra(record, 'Chemical', number && number !== '0' ? `${name} (${number})` : name);
  }
  for (const c of list(obj(citation.CommentsCorrectionsList).CommentsCorrections)) {
    const cc = obj(c);
    const pmid = text(cc.PMID);
    extra(record, 'CommentsCorrections', `${attr(c, 'RefType') ?? ''}: ${text(cc.RefSource) ?? ''}${pmid ? ` (PMID ${pmid})` : ''}`);
  }
  for (const s of list(citation.CitationSubset)) extra(record, 'CitationSubset', text(s));
  restInExtra(record, citation, ['PMID', 'DateCreated', 'DateCompleted', 'DateRevised', 'Article',
    'MedlineJournalInfo', 'ChemicalList', 'MeshHeadingList', 'KeywordList', 'SupplMeshList', 'CommentsCorrectionsList',
    'CitationSubset']);

  mapPubmedData(obj(article.PubmedData), record);
}

function mapBookArticle(article: XObject, record: BibRecord): void {
  const doc = obj(article.BookDocument);
  const book = obj(doc.Book);
  record.pmid = normalisePmid(text(doc.PMID));
  record.sourceKey = text(doc.PMID);
  const chapter = text(doc.ArticleTitle);
  const bookTitle = text(book.BookTitle);
  // A chapter's book is its container (Zotero's bookTitle); a whole book is titled by BookTitle.
  record.title = chapter ?? bookTitle;
  if (chapter) record.journal = bookTitle;
  mapAbstract(doc.Abstract, record);
  // Chapter authors sit on the BookDocument; the book's own authors and editors on Book.
  mapAuthors(doc.AuthorList, record);
  mapAuthors(book.AuthorList, record);
  mapPubDate(book.PubDate, record);
  for (const isbn of list(book.Isbn)) addStandardNumbers(record, text(isbn) ?? '');
  record.volume = text(book.Volume);
  const publisher = obj(book.Publisher);
  extra(record, 'PublisherName', text(publisher.PublisherName));
  extra(record, 'PublisherLocation', text(publisher.PublisherLocation));
  for (const lang of list(doc.Language)) {
    if (!record.language) record.language = text(lang);
    else extra(record, 'Language', text(lang));
  }
  const pagination = obj(doc.Pagination);
  record.pages = expandPageRange(text(pagination.MedlinePgn));
  mapLocationIds(doc.ELocationID, record);
  mapPublicationTypes(doc.PublicationType === undefined ? doc.PublicationTypeList : { PublicationType: doc.PublicationType }, record);
  if (!record.type) record.type = chapter ? 'Book Chapter' : 'Book';
  mapIdList(doc.ArticleIdList, record);
  mapSubjects(doc, record);
  for (const s of list(obj(doc.Sections).Section)) {
    const section = obj(s);
    const label = text(section.LocationLabel);
    const title = text(section.SectionTitle);
    extra(record, 'Section', label ? `${label}: ${title ?? ''}` : title);
  }
  restInExtra(record, book, ['Publisher', 'BookTitle', 'PubDate', 'AuthorList', 'Isbn', 'Volume']);
  restInExtra(record, doc, ['PMID', 'ArticleIdList', 'Book', 'ArticleTitle', 'Abstract', 'AuthorList', 'Language',
    'Pagination', 'ELocationID', 'PublicationType', 'PublicationTypeList', 'Sections', 'KeywordList', 'MeshHeadingList',
    'SupplMeshList']);
  mapPubmedData(obj(article.PubmedBookData), record);
}

/** Structured abstracts become one "LABEL: text" paragraph per section. */
function mapAbstract(node: XNode, record: BibRecord): void {
  const abstract = obj(node);
  const parts: string[] = [];
  for (const section of list(abstract.AbstractText)) {
    const body = text(section);
    if (!body) continue;
    const label = attr(section, 'Label');
    parts.push(label ? `${label}: ${body}` : body);
  }
  if (parts.length > 0) record.abstract = parts.join('\n');
  extra(record, 'CopyrightInformation', text(abstract.CopyrightInformation));
}

/** "LastName, ForeName" (initials when there is no fore name); group authors as written. */
function mapAuthors(node: XNode, record: BibRecord): void {
  for (const authorList of list(node)) {
    const editors = attr(authorList, 'Type') === 'editors';
    for (const a of list(obj(authorList).Author)) {
      const author = obj(a);
      const last = text(author.LastName);
      const fore = text(author.ForeName) ?? text(author.Initials);
      const suffix = text(author.Suffix);
      let name = text(author.CollectiveName);
      if (last) name = [last, fore, suffix].filter(Boolean).join(', ');
      if (!name) continue;
      if (attr(a, 'ValidYN') === 'N') extra(record, 'InvalidAuthor', name);
      else if (editors) extra(record, 'Editor', name);
      else record.authors.push(name);
      for (const aff of list(author.AffiliationInfo)) pushExtraUnique(record, 'Affiliation', text(obj(aff).Affiliation));
      for (const aff of list(author.Affiliation)) pushExtraUnique(record, 'Affiliation', text(aff));
      for (const id of list(author.Identifier)) extra(record, 'AuthorIdentifier', `${name}: ${attr(id, 'Source') ?? ''} ${text(id) ?? ''}`.trim());
    }
  }
}

function pushExtraUnique(record: BibRecord, key: string, value: string | undefined): void {
  if (value && !(record.extra[key] ?? []).includes(value)) addExtra(record, key, value);
}

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

/** PubDate is Year [Month [Day]] | Year Season | MedlineDate ("1998 Dec-1999 Jan"). */
function mapPubDate(node: XNode, record: BibRecord): void {
  const date = obj(node);
  const medlineDate = text(date.MedlineDate);
  const parts = [text(date.Year), text(date.Season) ?? text(date.Month), text(date.Day)].filter(Boolean);
  record.date = medlineDate ?? (parts.length > 0 ? parts.join(' ') : undefined);
  record.year = parseYear(text(date.Year)) ?? parseYear(medlineDate);
}

/** Dates kept in `extra` (DateCompleted, ArticleDate…) as YYYY-MM-DD. */
function isoDate(node: XNode): string | undefined {
  const date = obj(node);
  const year = text(date.Year);
  if (!year) return undefined;
  const month = text(date.Month);
  const mm = month ? (MONTHS[month.slice(0, 3).toLowerCase()] ?? month.padStart(2, '0')) : undefined;
  const dd = text(date.Day)?.padStart(2, '0');
  return [year, mm, mm ? dd : undefined].filter(Boolean).join('-');
}

function joinStartEnd(start: string | undefined, end: string | undefined): string | undefined {
  if (start && end && start !== end) return `${start}-${end}`;
  return start ?? end;
}

/**
 * ELocationID holds the DOI and the publisher item id (pii). A pii is used as
 * the page only when it looks like an article number (`e42692`): Elsevier piis
 * (`S0022-0302(15)00395-1`) and preprint ids are not pages.
 */
function mapLocationIds(node: XNode, record: BibRecord): void {
  for (const loc of list(node)) {
    const type = attr(loc, 'EIdType') ?? 'unknown';
    const value = text(loc);
    if (!value) continue;
    if (type === 'doi' && !record.doi) record.doi = normaliseDoi(value);
    else if (type === 'pii' && !record.pages && /^[A-Za-z]?\d+$/.test(value)) record.pages = value;
    else if (type !== 'doi' || normaliseDoi(value) !== record.doi) extra(record, `ELocationID.${type}`, value);
  }
}

/** ArticleIdList: pubmed, doi, pmc, pii, mid, bookaccession… (never the reference list's ids). */
function mapIdList(node: XNode, record: BibRecord): void {
  for (const id of list(obj(node).ArticleId)) {
    const type = attr(id, 'IdType') ?? 'unknown';
    const value = text(id);
    if (!value) continue;
    if (type === 'doi') {
      const doi = normaliseDoi(value);
      if (!record.doi) record.doi = doi;
      else if (doi !== record.doi) extra(record, 'ArticleId.doi', value);
    } else if (type === 'pubmed') {
      record.pmid ??= normalisePmid(value);
      if (normalisePmid(value) !== record.pmid) extra(record, 'ArticleId.pubmed', value);
    } else {
      pushExtraUnique(record, `ArticleId.${type}`, value);
    }
  }
}

function mapPublicationTypes(node: XNode, record: BibRecord): void {
  for (const pt of list(obj(node).PublicationType)) {
    const value = text(pt);
    if (!value) continue;
    if (!record.type) record.type = value;
    addExtra(record, 'PublicationType', value);
  }
}

/**
 * Keywords = author keywords + MeSH descriptors. The full MeSH headings, with
 * qualifiers and major-topic stars as MEDLINE writes them
 * (`Aurovertins/*chemistry`), are also kept under `MeshHeading`.
 */
function mapSubjects(node: XObject, record: BibRecord): void {
  for (const kwList of list(node.KeywordList)) {
    for (const kw of list(obj(kwList).Keyword)) pushUnique(record.keywords, text(kw));
  }
  for (const h of list(obj(node.MeshHeadingList).MeshHeading)) {
    const heading = obj(h);
    const descriptor = text(heading.DescriptorName);
    if (!descriptor) continue;
    pushUnique(record.keywords, descriptor);
    const star = (n: XNode): string => (attr(n, 'MajorTopicYN') === 'Y' ? '*' : '');
    const qualifiers = list(heading.QualifierName).map((q) => `${star(q)}${text(q) ?? ''}`);
    addExtra(record, 'MeshHeading', [`${star(heading.DescriptorName)}${descriptor}`, ...qualifiers].join('/'));
  }
  for (const s of list(obj(node.SupplMeshList).SupplMeshName)) extra(record, 'SupplMeshName', text(s));
}

function mapPubmedData(data: XObject, record: BibRecord): void {
  mapIdList(data.ArticleIdList, record);
  extra(record, 'PublicationStatus', text(data.PublicationStatus));
  for (const d of list(obj(data.History).PubMedPubDate)) {
    extra(record, `PubMedPubDate.${attr(d, 'PubStatus') ?? 'unknown'}`, isoDate(d));
  }
  for (const refList of list(data.ReferenceList)) {
    for (const ref of list(obj(refList).Reference)) extra(record, 'Reference', text(obj(ref).Citation));
  }
  restInExtra(record, data, ['ArticleIdList', 'PublicationStatus', 'History', 'ReferenceList']);
}

/** Any child element not mapped above is kept in `extra` under its own name. */
function restInExtra(record: BibRecord, node: XObject, handled: string[]): void {
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text' || handled.includes(key)) continue;
    for (const item of list(value)) {
      const children = typeof item === 'object' && item !== null && !Array.isArray(item)
        ? Object.entries(item).filter(([k]) => !k.startsWith('@_') && k !== '#text') : [];
      // A list element (`InvestigatorList`, `SupplMeshList`…) gives one value per child.
      if (key.endsWith('List') && children.length > 0) {
        for (const [childKey, childValue] of children) {
          for (const child of list(childValue)) extra(record, childKey, flatten(child));
        }
      } else {
        extra(record, key, flatten(item));
      }
    }
  }
}
