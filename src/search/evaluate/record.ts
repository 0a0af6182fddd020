/** Indexing one record's searchable fields into the shared matcher's positions. */
import { RECORD_FIELDS, type RecordField } from '../fields.js';
import { FIELD_SHIFT, KEYWORD_GAP, type Compiler, type RecordMatches } from './compile.js';
import { fold, tokenize } from './tokenize.js';

export interface RecordText {
  id: number;
  title?: string | null;
  abstract?: string | null;
  keywords: string[];
  journal?: string | null;
}

/** Where a token came from (explain only). */
export interface TokenOrigin {
  field: RecordField;
  /** Keyword entry index, for the keywords field. */
  entry?: number;
  /** Token position within the keyword entry (positions in the field run on across entries). */
  word?: number;
  token: string;
  start: number;
  end: number;
}

/** Fill `m` with the positions of every pattern the record's tokens match. */
export function indexRecord(r: RecordText, compiler: Compiler, m: RecordMatches, origins?: Map<number, TokenOrigin>): void {
  const lexicon = compiler.lexicon;
  m.reset(lexicon.size);
  for (const field of compiler.fieldsUsed) {
    const base = RECORD_FIELDS.indexOf(field) << FIELD_SHIFT;
    if (field === 'keywords') {
      let at = 0;
      r.keywords.forEach((entry, k) => {
        const text = fold(entry);
        const hid = compiler.headingIds.get(text.replace(/\s+/g, ' ').trim());
        if (hid !== undefined) {
          const list = m.headings.get(hid);
          if (list) list.push(base + at);
          else m.headings.set(hid, [base + at]);
          origins?.set(base + at, { field, entry: k, word: 0, token: entry, start: 0, end: entry.length });
        }
        const n = tokenize(text, (token, i, start, end) => {
          for (const id of lexicon.match(token)) m.add(id, base + at + i);
          origins?.set(base + at + i, { field, entry: k, word: i, token, start, end });
        });
        at += Math.max(n, 1) + KEYWORD_GAP;
      });
      continue;
    }
    const value = r[field];
    if (!value) continue;
    // Fast path: ASCII text scanned against the trie without cutting tokens (not when explaining).
    if (!origins) {
      scratch.length = 0;
      if (lexicon.scanAscii(value, scratch) >= 0) {
        for (let i = 0; i < scratch.length; i += 2) m.add(scratch[i], base + scratch[i + 1]);
        continue;
      }
    }
    tokenize(fold(value), (token, i, start, end) => {
      for (const id of lexicon.match(token)) m.add(id, base + i);
      origins?.set(base + i, { field, token, start, end });
    });
  }
}

const scratch: number[] = [];
