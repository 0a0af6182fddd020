/**
 * EndNote XML (`<xml><records><record>…`), as written by EndNote itself and
 * by Zotero's "EndNote XML" export.
 *
 * EndNote wraps every value in one or more `<style face=… font=… size=…>`
 * runs (a title with a bold word is several runs that must be concatenated);
 * Zotero writes bare text. Both may put a whole file on one line (the
 * Rathbone respiratory set is 3.9 MB on a single line), so records are cut out
 * of the line stream by their `<record>`/`</record>` tags, one at a time, and
 * each record is parsed on its own with fast-xml-parser.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FormatModule } from '../format.js';
import type { BibRecord, ReadItem } from '../record.js';
import { emptyRecord, error, warning } from '../record.js';
import {
  addExtra, addStandardNumbers, cleanText, decodeEntities, normaliseDoi, normalisePmid, oneLine, parseYear, pushUnique,
} from '../normalise.js';

/** `<record>` or `<record attr…>`, never `<records>`; may end the line (`<record\n>`). */
const RECORD_OPEN = /<record(?=[\s>]|$)/g;
const RECORD_CLOSE = '</record>';

// Entities are decoded by us (decodeEntities) so numeric references and the
// XML ones are handled the same way as in every other format.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
});

export const endnoteXml: FormatModule = {
  name: 'endnote-xml',
  label: 'EndNote XML (EndNote, Zotero "EndNote XML" export)',
  sniff(head) {
    const records = /<records[\s>]/.test(head) && /<record[\s>]/.test(head);
    if (!records) return 0;
    const root = /<xml[\s>]/.test(head);
    const refType = /<ref-type[\s>]/.test(head);
    if (root && refType) return 0.95;
    return root || refType ? 0.8 : 0.3;
  },
  *read(lines) {
    let parts: string[] | null = null;
    let startLine = 0;
    let ordinal = 0;
    let lineNo = 0;
    let sawContent = false;

    for (const text of lines) {
      lineNo += 1;
      const line = lineNo === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (!sawContent && line.trim() !== '') sawContent = true;
      let pos = 0;
      // One physical line may hold many records (or the whole file).
      for (;;) {
        let searchFrom = pos;
        if (!parts) {
          RECORD_OPEN.lastIndex = pos;
          const open = RECORD_OPEN.exec(line);
          if (!open) break;
          parts = [];
          startLine = lineNo;
          pos = open.index;
          searchFrom = pos + 1;
        }
        const end = line.indexOf(RECORD_CLOSE, searchFrom);
        RECORD_OPEN.lastIndex = searchFrom;
        const next = RECORD_OPEN.exec(line);
        if (next && (end < 0 || next.index < end)) {
          // A new record opens before this one closed: report it and resynchronise there.
          ordinal += 1;
          yield unclosed(startLine, ordinal, lineNo);
          parts = null;
          pos = next.index;
          continue;
        }
        if (end < 0) {
          parts.push(line.slice(pos));
          break;
        }
        parts.push(line.slice(pos, end + RECORD_CLOSE.length));
        ordinal += 1;
        yield* recordItems(parts.join('\n'), startLine, ordinal);
        parts = null;
        pos = end + RECORD_CLOSE.length;
      }
    }
    if (parts) {
      ordinal += 1;
      yield unclosed(startLine, ordinal, lineNo);
    } else if (ordinal === 0 && sawContent) {
      yield warning('endnote-xml/no-records', 'the file contains no <record> elements');
    }
  },
};

function unclosed(startLine: number, ordinal: number, lineNo: number): ReadItem {
  return error('endnote-xml/unclosed-record', `record ${ordinal} (from line ${startLine}) has no closing </record> (reached line ${lineNo})`,
    { line: startLine, record: ordinal });
}

function* recordItems(xml: string, line: number, ordinal: number): Generator<ReadItem> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const at = line + valid.err.line - 1;
    yield error('endnote-xml/malformed-record',
      `record ${ordinal} (from line ${line}) is not well-formed XML at line ${at}, column ${valid.err.col}: ${valid.err.msg}`, { line: at, record: ordinal });
    return;
  }
  const leaves: Leaf[] = [];
  const top = parser.parse(xml) as XmlNode[];
  const recordNode = top.find((n) => 'record' in n);
  collectLeaves(recordNode ? childrenOf(recordNode, 'record') : [], '', leaves);
  yield { kind: 'record', record: mapLeaves(leaves, xml, line) };
}

/* ---------- the parsed tree as a list of (path, text) leaves ---------- */

/** A node of fast-xml-parser's `preserveOrder` output. */
type XmlNode = Record<string, unknown>;

interface Leaf {
  /** Element path below `<record>`, e.g. `titles/title`, `contributors/authors/author`. */
  path: string;
  /** All text inside, style runs concatenated, entities decoded. */
  text: string;
  attrs: Record<string, string>;
}

function nameOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

function childrenOf(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function isText(node: XmlNode): boolean {
  return '#text' in node;
}

/**
 * A value element holds text, EndNote `<style>` runs, or both; a container
 * (titles, contributors, dates…) holds only other elements.
 */
function isValue(children: XmlNode[]): boolean {
  const formatting = children.every((c) => isText(c) || nameOf(c) === 'style');
  return formatting || children.some((c) => isText(c) && String(c['#text']).trim() !== '');
}

function textOf(children: XmlNode[]): string {
  let text = '';
  for (const child of children) {
    const name = nameOf(child);
    if (name === '#text') text += String(child['#text']);
    else if (name) text += textOf(childrenOf(child, name));
  }
  return text;
}

function collectLeaves(nodes: XmlNode[], prefix: string, out: Leaf[]): void {
  for (const node of nodes) {
    const name = nameOf(node);
    if (!name || name === '#text') continue;
    const children = childrenOf(node, name);
    const path = prefix ? `${prefix}/${name}` : name;
    if (isValue(children)) {
      const attrs = (node[':@'] ?? {}) as Record<string, string>;
      out.push({ path, text: decodeEntities(textOf(children)), attrs });
    } else {
      collectLeaves(children, path, out);
    }
  }
}

/* ---------- mapping into the record model ---------- */

const JOURNAL_PATHS = ['titles/secondary-title', 'periodical/full-title'];
const ISSUE_PATHS = ['number', 'issue'];
const URL_PATHS = ['urls/related-urls/url', 'urls/web-urls/url'];
const DATABASE_PATHS = ['remote-database-name', 'remote-database-provider'];
const SOURCE_KEY_PATHS = ['accession-num', 'rec-number'];

function mapLeaves(leaves: Leaf[], raw: string, line: number): BibRecord {
  const record = emptyRecord(raw, line);
  const values = new Map<string, string[]>();
  let refTypeName: string | undefined;
  for (const leaf of leaves) {
    if (leaf.path === 'ref-type') refTypeName = leaf.attrs.name;
    const text = leaf.text.trim();
    if (text === '') continue;
    const list = values.get(leaf.path);
    if (list) list.push(text);
    else values.set(leaf.path, [text]);
  }
  const used = new Set<string>();
  // The first of the candidate elements wins; a different value (in any of them) is kept in extra.
  const firstOf = (paths: string[]): string | undefined => {
    let chosen: string | undefined;
    for (const path of paths) {
      used.add(path);
      for (const v of values.get(path) ?? []) {
        if (chosen === undefined) chosen = oneLine(v);
        else if (oneLine(v) !== chosen) addExtra(record, path, v);
      }
    }
    return chosen;
  };
  const one = (path: string): string | undefined => firstOf([path]);

  used.add('ref-type');
  record.type = refTypeName?.trim() || values.get('ref-type')?.[0];
  record.title = cleanText(one('titles/title'));
  record.journal = cleanText(firstOf(JOURNAL_PATHS));
  used.add('contributors/authors/author');
  for (const a of values.get('contributors/authors/author') ?? []) pushAuthor(record, a);
  const year = one('dates/year');
  record.year = parseYear(year);
  record.date = one('dates/pub-dates/date') ?? year;
  record.volume = one('volume');
  record.issue = firstOf(ISSUE_PATHS);
  record.pages = one('pages');
  mapDoi(record, values, used);
  used.add('isbn');
  for (const sn of values.get('isbn') ?? []) if (!addStandardNumbers(record, sn)) addExtra(record, 'isbn', sn);
  used.add('keywords/keyword');
  // EndNote keeps one keyword per line when a keyword list was pasted into one field.
  for (const k of values.get('keywords/keyword') ?? []) for (const part of k.split(/[\r\n]+/)) pushUnique(record.keywords, part);
  record.abstract = cleanText(one('abstract'));
  record.language = one('language');
  record.url = firstOf(URL_PATHS)?.replace(/\s+/g, '');
  record.database = firstOf(DATABASE_PATHS);
  record.sourceKey = firstOf(SOURCE_KEY_PATHS);
  const accession = values.get('accession-num')?.[0];
  if (accession && /pubmed|medline/i.test(record.database ?? '')) record.pmid = normalisePmid(accession);

  for (const [path, list] of values) {
    if (!used.has(path)) list.forEach((v) => addExtra(record, path, v));
  }
  return record;
}

/** The first value that is a DOI; anything else in the field (a second DOI, a PII, text) goes to extra. */
function mapDoi(record: BibRecord, values: Map<string, string[]>, used: Set<string>): void {
  used.add('electronic-resource-num');
  for (const v of values.get('electronic-resource-num') ?? []) {
    const doi = normaliseDoi(v);
    if (doi && !record.doi) record.doi = doi;
    else if (!doi || doi !== record.doi) addExtra(record, 'electronic-resource-num', v);
  }
}

function pushAuthor(record: BibRecord, value: string): void {
  const author = oneLine(value);
  if (author) record.authors.push(author);
}
