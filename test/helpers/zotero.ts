/**
 * Compare our parse of a Zotero translator test input with Zotero's own
 * expected items, on the fields the record model shares with Zotero.
 */
import { readFileSync } from 'node:fs';
import type { BibRecord } from '../../src/ingest/record.js';

export interface ZoteroItem {
  itemType: string;
  title?: string;
  creators?: Array<{ firstName?: string; lastName?: string; name?: string; creatorType: string }>;
  date?: string;
  DOI?: string;
  publicationTitle?: string;
  bookTitle?: string;
  proceedingsTitle?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  [key: string]: unknown;
}

export type ComparedField = 'title' | 'authors' | 'year' | 'doi' | 'journal' | 'volume' | 'issue' | 'pages';
export const COMPARED_FIELDS: ComparedField[] = ['title', 'authors', 'year', 'doi', 'journal', 'volume', 'issue', 'pages'];

export function readExpected(path: string): ZoteroItem[] {
  return JSON.parse(readFileSync(path, 'utf8')) as ZoteroItem[];
}

const norm = (s: string | undefined): string =>
  (s ?? '').normalize('NFC').replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ').trim().replace(/\.$/, '').toLowerCase();

/** Family name of an author written "Family, Given" or "Given Family". */
export function familyName(author: string): string {
  const a = author.trim();
  if (a.includes(',')) return a.slice(0, a.indexOf(',')).trim();
  const parts = a.split(/\s+/);
  return parts[parts.length - 1] ?? '';
}

function zoteroValue(item: ZoteroItem, field: ComparedField): string {
  switch (field) {
    case 'title': return norm(item.title);
    case 'authors':
      return (item.creators ?? [])
        .filter((c) => c.creatorType === 'author')
        .map((c) => norm(c.lastName ?? c.name))
        .join(' | ');
    case 'year': return /\b([12]\d{3})\b/.exec(item.date ?? '')?.[1] ?? '';
    case 'doi': return norm(item.DOI);
    case 'journal': return norm(item.publicationTitle ?? item.proceedingsTitle ?? item.bookTitle);
    default: return norm(item[field] as string | undefined);
  }
}

function ourValue(record: BibRecord, field: ComparedField): string {
  switch (field) {
    case 'title': return norm(record.title);
    case 'authors': return record.authors.map((a) => norm(familyName(a))).join(' | ');
    case 'year': return record.year ? String(record.year) : '';
    case 'doi': return norm(record.doi);
    case 'journal': return norm(record.journal);
    default: return norm(record[field]);
  }
}

/**
 * Every disagreement as `item N field: ours «…» vs zotero «…»`. A field that
 * Zotero leaves empty is not compared (Zotero drops data we keep).
 */
export function compareWithZotero(records: BibRecord[], items: ZoteroItem[]): Map<string, string> {
  const problems = new Map<string, string>();
  if (records.length !== items.length) {
    problems.set('count', `we read ${records.length} records, Zotero expects ${items.length}`);
  }
  items.forEach((item, i) => {
    const record = records[i];
    if (!record) return;
    for (const field of COMPARED_FIELDS) {
      const expected = zoteroValue(item, field);
      if (expected === '') continue;
      const actual = ourValue(record, field);
      if (actual !== expected) {
        problems.set(`${i + 1}:${field}`, `item ${i + 1} ${field}: ours «${actual}» vs zotero «${expected}»`);
      }
    }
  });
  return problems;
}
