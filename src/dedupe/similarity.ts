/**
 * Field similarities between two normalised records. String similarity is
 * `natural`'s Jaro–Winkler (typos, small edits) and Dice coefficient on
 * character bigrams (word order, inserted or dropped words); titles also get
 * a containment test for truncated titles and dropped subtitles.
 */
import jaroWinkler from 'natural/lib/natural/distance/jaro-winkler_distance.js';
import diceCoefficient from 'natural/lib/natural/distance/dice_coefficient.js';
import type { NormRecord } from './normalise.js';

export type TitleMatch = 'exact' | 'fuzzy' | 'prefix' | 'suffix' | 'none';

export interface TitleSimilarity {
  /** 0–1; 1 = the same words. */
  sim: number;
  how: TitleMatch;
}

/** A title counts as "contained" in another only when it is long enough to say something. */
const MIN_CONTAINED_WORDS = 4;
const MIN_CONTAINED_CHARS = 24;

/** Dice coefficient of two ascending id arrays (distinct title words): cheap and allocation-free. */
export function wordDice(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/** Similarity of two strings: the mean of Jaro–Winkler and bigram Dice (each alone is fooled by long shared prefixes or by anagrams). */
export function stringSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a === '' || b === '') return 0;
  return (jaroWinkler(a, b) + diceCoefficient(a, b)) / 2;
}

export function titleSimilarity(a: NormRecord, b: NormRecord): TitleSimilarity {
  if (a.compact === '' || b.compact === '') return { sim: 0, how: 'none' };
  if (a.compact === b.compact) return { sim: 1, how: 'exact' };
  const [short, long] = a.compact.length <= b.compact.length ? [a, b] : [b, a];
  const full = stringSimilarity(a.title, b.title);
  if (short.words.length >= MIN_CONTAINED_WORDS && short.compact.length >= MIN_CONTAINED_CHARS) {
    // Truncated title or dropped subtitle: the shorter is the start of the longer (allowing small typos).
    if (long.compact.startsWith(short.compact)) return { sim: Math.max(full, 0.97), how: 'prefix' };
    if (long.compact.endsWith(short.compact)) return { sim: Math.max(full, 0.95), how: 'suffix' };
    if (short.compact.length / long.compact.length < 0.9) {
      const head = stringSimilarity(short.compact, long.compact.slice(0, short.compact.length));
      if (head >= 0.95) return { sim: Math.max(full, 0.93), how: 'prefix' };
      const tail = stringSimilarity(short.compact, long.compact.slice(long.compact.length - short.compact.length));
      if (tail >= 0.95) return { sim: Math.max(full, 0.91), how: 'suffix' };
    }
  }
  return { sim: full, how: 'fuzzy' };
}

export interface AuthorAgreement {
  /** The first authors are the same person (by surname), or null when either list is empty. */
  first: boolean | null;
  /** Share of the shorter list found in the other (0–1), or null when either list is empty. */
  overlap: number | null;
  /** Both first authors give an initial and the initials differ (`Hall, Laura` vs `Hall, Gillian`). */
  firstInitialConflict: boolean;
}

/**
 * Surname `s` of one record found among the other's authors, whatever their
 * name order or form; a surname that lost its last letters to a bad encoding
 * (`Mulic` → `Muli`) still matches when 4+ letters remain.
 */
function hasSurname(s: string, other: NormRecord): boolean {
  if (other.nameTokens.has(s) || other.surnames.includes(s)) return true;
  if (s.length < 4) return false;
  for (const o of other.surnames) {
    if (o.length >= 4 && (o.startsWith(s) || s.startsWith(o)) && Math.abs(o.length - s.length) <= 2) return true;
  }
  return false;
}

const MAX_AUTHORS = 25;

export function authorAgreement(a: NormRecord, b: NormRecord): AuthorAgreement {
  if (a.surnames.length === 0 || b.surnames.length === 0) return { first: null, overlap: null, firstInitialConflict: false };
  const fa = a.surnames[0];
  const fb = b.surnames[0];
  // `von Pawel, J` vs `Pawel, J`; `Lopez, Rubio M` vs `Rubio, M L`; `Omulo Sylvia` vs `Omulo, S`.
  const first = fa === fb || a.firstTokens.includes(fb) || b.firstTokens.includes(fa);
  // Share of the shorter list (lists are often cut at 3, 6 or 10 names, with "et al.") found in the other.
  const [s, l] = a.surnames.length <= b.surnames.length ? [a, b] : [b, a];
  const m = Math.min(s.surnames.length, MAX_AUTHORS);
  let n = 0;
  for (let i = 0; i < m; i++) if (hasSurname(s.surnames[i], l)) n++;
  const ia = a.initials[0];
  const ib = b.initials[0];
  return { first, overlap: n / m, firstInitialConflict: fa === fb && ia !== '' && ib !== '' && ia !== ib };
}

/** `abbr` abbreviates `word`: same first letter, its letters in order (`dtsch` ← `deutsche`, `natl` ← `national`). */
function abbreviates(abbr: string, word: string): boolean {
  if (abbr[0] !== word[0] || abbr.length > word.length) return false;
  let k = 0;
  for (let i = 0; i < word.length && k < abbr.length; i++) if (word[i] === abbr[k]) k++;
  return k === abbr.length;
}

/** Two journal-name word lists name the same journal: equal, or one abbreviates the other word by word (`N Engl J Med`). */
function wordsCompatible(x: string[], y: string[]): 'same' | 'prefix' | 'different' {
  const [s, l] = x.length <= y.length ? [x, y] : [y, x];
  for (let i = 0; i < s.length; i++) {
    if (!(abbreviates(s[i], l[i]) || abbreviates(l[i], s[i]))) return 'different';
  }
  return s.length === l.length ? 'same' : 'prefix';
}

/**
 * 1 = the same journal; 0.5 = one name is a leading part of the other
 * (truncated names: can't tell); 0 = unknown; -1 = different journals (or a
 * translated name: weak evidence).
 */
export function journalAgreement(a: NormRecord, b: NormRecord): number {
  if (a.journals.length === 0 || b.journals.length === 0) return 0;
  let best = -1;
  for (const x of a.journals) {
    for (const y of b.journals) {
      const c = wordsCompatible(x, y);
      if (c === 'same') return 1;
      if (c === 'prefix') best = 0.5;
    }
  }
  return best;
}
