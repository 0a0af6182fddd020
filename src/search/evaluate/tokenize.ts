/**
 * Tokenisation shared by records and queries, mirroring how the databases
 * index text:
 *
 * - case-insensitive; diacritics removed (NFKD, combining marks dropped;
 *   ø→o, æ→ae, œ→oe, ß→ss, ł→l), so "naïve" = "naive";
 * - a token is a maximal run of letters and digits; everything else
 *   separates tokens: hyphens, slashes, apostrophes, punctuation. So
 *   "well-being" is the two tokens *well being*, and a query word with a
 *   hyphen (`co-ordinat*`, `place-based`) is searched as the phrase of its
 *   parts: `place-based` matches "place-based" and "place based" (as EBSCO,
 *   Ovid and Scopus do), but not "placebased";
 * - positions count tokens; proximity distances count the tokens *between*
 *   two matches. Stop words are not removed (EBSCO and Scopus also count
 *   them in proximity windows);
 * - plurals: where the interface adds them automatically (EBSCOhost for
 *   unquoted words, Scopus for words and loose phrases, Web of Science
 *   lemmatisation for unquoted words), a plain word also matches its regular
 *   English plural (partnership → partnerships, community → communities);
 *   Ovid and tagged PubMed terms are searched exactly as written. Irregular
 *   plurals and British/American spelling variants are not added.
 *
 * Wildcards in query words use the canonical notation of ast.ts.
 */

const SPECIAL: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', þ: 'th', ð: 'd', ı: 'i' };

/** Case and diacritic folding; ASCII text passes through `toLowerCase` only. */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđþðı]/g, (c) => SPECIAL[c] ?? c);
}

const ALNUM = /[\p{L}\p{N}]+/gu;

/**
 * Call `emit` for every token of `text` (already folded), with its index and
 * character offsets in the folded text. Returns the number of tokens.
 */
export function tokenize(text: string, emit: (token: string, index: number, start: number, end: number) => void): number {
  let n = 0;
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text)) {
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
      if (alnum) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        emit(text.slice(start, i), n++, start, i);
        start = -1;
      }
    }
    return n;
  }
  for (const m of text.matchAll(ALNUM)) emit(m[0], n++, m.index!, m.index! + m[0].length);
  return n;
}

/** The token patterns of one query word: `co-ordinat*` → [`co`, `ordinat*`]. */
export function wordParts(word: string): string[] {
  return fold(word).match(/(?:[\p{L}\p{N}?#]|\*(?:\{\d+\})?)+/gu) ?? [];
}

/** Is a token pattern free of wildcards? */
export function isLiteral(pattern: string): boolean {
  return !/[*?#]/.test(pattern);
}

/** A pattern's literal prefix (before its first wildcard). */
export function literalPrefix(pattern: string): string {
  const i = pattern.search(/[*?#]/);
  return i < 0 ? pattern : pattern.slice(0, i);
}

/** A pure prefix truncation (`network*`)? */
export function isPrefixPattern(pattern: string): boolean {
  return /^[^*?#]+\*$/.test(pattern);
}

/** A regular expression for a token pattern in canonical wildcard notation. */
export function patternRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      const m = /^\*\{(\d+)\}/.exec(pattern.slice(i));
      if (m) {
        re += `.{0,${m[1]}}`;
        i += m[0].length - 1;
      } else re += '.*';
    } else if (c === '?') re += '.';
    else if (c === '#') re += '.?';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

/** A predicate for one token pattern (used by lint; the evaluator uses the shared Lexicon). */
export function compileWord(word: string): (token: string) => boolean {
  const p = fold(word);
  if (isLiteral(p)) return (t) => fold(t) === p;
  const re = patternRegExp(p);
  return (t) => re.test(fold(t));
}
