/**
 * The shared compiled matcher: every word pattern of every query being run
 * (hundreds, with truncation and wildcards) compiled once into
 *
 * - a hash map for literal words,
 * - a character trie of the literal prefixes of truncated and wildcard
 *   patterns (walking a token down the trie finds every prefix pattern it
 *   matches in one pass; wildcard patterns are verified by their regex only
 *   when the token has their literal prefix),
 * - a per-token cache, so each distinct token of the whole record set is
 *   matched once however often it occurs.
 *
 * So matching costs one hash lookup per token occurrence, not one scan per term.
 */
import { isLiteral, isPrefixPattern, literalPrefix, patternRegExp } from './tokenize.js';

interface TrieNode {
  next: Map<number, TrieNode>;
  /** Prefix patterns (`stem*`) whose stem ends here. */
  prefix: number[];
  /** Other wildcard patterns whose literal prefix ends here, with their regex. */
  wild: Array<[number, RegExp]>;
}

const NONE: readonly number[] = Object.freeze([]);

/** Token characters of the ASCII fast path: a–z and 0–9 (upper case is folded on the fly). */
const SYMBOLS = 36;
function symbol(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 48 && c <= 57) return c - 22;
  return -1;
}

/**
 * The same patterns as a flat array trie over a–z0–9, for scanning ASCII text
 * without cutting it into token strings: each character is one array lookup,
 * and a token that leaves the trie costs nothing more until its end.
 */
interface FlatTrie {
  child: Int32Array;
  exact: Array<number[] | undefined>;
  prefix: Array<number[] | undefined>;
  wild: Array<Array<[number, RegExp]> | undefined>;
}

export class Lexicon {
  readonly patterns: string[] = [];
  private readonly ids = new Map<string, number>();
  private exact = new Map<string, number[]>();
  private root: TrieNode = node();
  private cache = new Map<string, readonly number[]>();
  private built = false;
  private flat: FlatTrie | undefined;

  /** The id of a (folded) token pattern, adding it if new. */
  add(pattern: string): number {
    let id = this.ids.get(pattern);
    if (id === undefined) {
      id = this.patterns.length;
      this.patterns.push(pattern);
      this.ids.set(pattern, id);
      this.built = false;
    }
    return id;
  }

  get size(): number {
    return this.patterns.length;
  }

  private build(): void {
    this.exact = new Map();
    this.root = node();
    this.cache = new Map();
    this.patterns.forEach((p, id) => {
      if (isLiteral(p)) {
        const list = this.exact.get(p);
        if (list) list.push(id);
        else this.exact.set(p, [id]);
        return;
      }
      let n = this.root;
      const prefix = isPrefixPattern(p) ? p.slice(0, -1) : literalPrefix(p);
      for (let i = 0; i < prefix.length; i++) {
        const c = prefix.charCodeAt(i);
        let next = n.next.get(c);
        if (!next) n.next.set(c, (next = node()));
        n = next;
      }
      if (isPrefixPattern(p)) n.prefix.push(id);
      else n.wild.push([id, patternRegExp(p)]);
    });
    this.flat = this.buildFlat();
    this.built = true;
  }

  private buildFlat(): FlatTrie {
    let size = 1;
    const child: number[] = new Array(SYMBOLS).fill(0);
    const t: FlatTrie = { child: new Int32Array(0), exact: [], prefix: [], wild: [] };
    const walk = (path: string): number => {
      let n = 0;
      for (let i = 0; i < path.length; i++) {
        const sym = symbol(path.charCodeAt(i));
        if (sym < 0) return -1;
        let next = child[n * SYMBOLS + sym];
        if (!next) {
          next = size++;
          for (let k = 0; k < SYMBOLS; k++) child.push(0);
          child[n * SYMBOLS + sym] = next;
        }
        n = next;
      }
      return n;
    };
    const push = <T>(list: Array<T[] | undefined>, n: number, v: T) => (list[n] ??= []).push(v);
    this.patterns.forEach((p, id) => {
      if (isLiteral(p)) {
        const n = walk(p);
        if (n >= 0) push(t.exact, n, id);
      } else if (isPrefixPattern(p)) {
        const n = walk(p.slice(0, -1));
        if (n >= 0) push(t.prefix, n, id);
      } else {
        const n = walk(literalPrefix(p));
        if (n >= 0) push(t.wild, n, [id, patternRegExp(p)] as [number, RegExp]);
      }
    });
    t.child = Int32Array.from(child);
    return t;
  }

  /**
   * Match every token of an ASCII text in one pass (case folded on the fly),
   * appending `id, token index` pairs to `out`. Returns the number of tokens,
   * or -1 when the text is not ASCII (then `out` must be discarded and the
   * text tokenised the general way).
   */
  scanAscii(text: string, out: number[]): number {
    if (!this.built) this.build();
    const { child, exact, prefix, wild } = this.flat!;
    const rootWild = wild[0];
    let wilds: Array<Array<[number, RegExp]>> | undefined;
    let n = 0;
    let start = -1;
    let node = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      if (c > 127) return -1;
      const sym = symbol(c);
      if (sym >= 0) {
        if (start < 0) {
          start = i;
          node = 0;
        }
        if (node >= 0) {
          node = child[node * SYMBOLS + sym] || -1;
          if (node > 0) {
            const p = prefix[node];
            if (p) for (const id of p) out.push(id, n);
            const w = wild[node];
            if (w) (wilds ??= []).push(w);
          }
        }
        continue;
      }
      if (start < 0) continue;
      if (node > 0) {
        const e = exact[node];
        if (e) for (const id of e) out.push(id, n);
      }
      if (wilds || rootWild) {
        const token = text.slice(start, i).toLowerCase();
        for (const w of wilds ?? []) for (const [id, re] of w) if (re.test(token)) out.push(id, n);
        for (const [id, re] of rootWild ?? []) if (re.test(token)) out.push(id, n);
        wilds = undefined;
      }
      n++;
      start = -1;
    }
    return n;
  }

  /** Ids of every pattern the (folded) token matches. */
  match(token: string): readonly number[] {
    if (!this.built) this.build();
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    let out: number[] | undefined;
    const exact = this.exact.get(token);
    if (exact) out = [...exact];
    let n: TrieNode | undefined = this.root;
    for (let i = 0; n; i++) {
      if (n.prefix.length) (out ??= []).push(...n.prefix);
      for (const [id, re] of n.wild) if (re.test(token)) (out ??= []).push(id);
      if (i === token.length) break;
      n = n.next.get(token.charCodeAt(i));
    }
    const result = out ?? NONE;
    if (this.cache.size < 2_000_000) this.cache.set(token, result);
    return result;
  }
}

function node(): TrieNode {
  return { next: new Map(), prefix: [], wild: [] };
}
