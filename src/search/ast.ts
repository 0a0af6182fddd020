/**
 * The one dialect-free search AST. Every dialect parses into it and prints
 * from it; lint, compare, translate and evaluate read only this.
 *
 * Words use one canonical wildcard notation whatever the dialect wrote:
 *
 *   `*`     any number of characters (unlimited truncation: EBSCO/Scopus/WoS/PubMed `*`, Ovid `*` or `$`)
 *   `*{n}`  at most n characters (Ovid `$n`)
 *   `?`     exactly one character (EBSCO/Scopus/WoS `?`, Ovid `#`)
 *   `#`     zero or one character (EBSCO `#`, Ovid `?`, WoS `$`)
 *
 * Proximity is structural — `distance` is the largest number of words allowed
 * *between* the two operands, `ordered` whether the left must come first —
 * so EBSCO `N2` (≤2 between), Ovid `adj3` (≤2 between) and Scopus `W/2`
 * (≤2 between) are the same node, and Ovid `ADJ2` (≤1 between) is not.
 */
import type { FieldName } from './fields.js';

/** Offsets into the text the node was parsed from ([start, end)). */
export interface Span {
  start: number;
  end: number;
}

/**
 * How an interface reads words written side by side without quotes
 * (`third sector`): as a phrase (Ovid), as AND (Scopus, WoS), or as a
 * proximity search (EBSCOhost's Boolean/Phrase mode, N5 by default).
 */
export type Implicit =
  | { op: 'phrase' }
  | { op: 'and' }
  | { op: 'near'; distance: number; ordered: boolean };

export interface Term {
  kind: 'term';
  /** Words as written (case kept), wildcards in canonical notation. */
  words: string[];
  /** `none`: bare word(s); `quoted`: "…" phrase; `exact`: Scopus {…} exact phrase. */
  quote: 'none' | 'quoted' | 'exact';
  /** Set when `quote` is `none` and there is more than one word: how the dialect reads them. */
  implicit?: Implicit;
  span?: Span;
}

/** A controlled-vocabulary heading: Ovid `exp X/`, PubMed `X[mh]`, EBSCO `(MH "X+")`. */
export interface Heading {
  kind: 'heading';
  text: string;
  explode: boolean;
  major: boolean;
  /** Subheading qualifier, e.g. Ovid `Mothers/px`, PubMed `diagnosis[sh]` (then `text` may be empty). */
  subheading?: string;
  /** `mesh` unless the tag says otherwise (e.g. PubMed `[Supplementary Concept]`). */
  vocabulary: string;
  span?: Span;
}

export interface Bool {
  kind: 'and' | 'or';
  children: Node[];
  /** True when no operator was written (juxtaposition the dialect reads as AND). */
  implicit?: boolean;
  span?: Span;
}

export interface Not {
  kind: 'not';
  left: Node;
  right: Node;
  span?: Span;
}

export interface Near {
  kind: 'near';
  left: Node;
  right: Node;
  /** Largest number of words allowed between the operands. */
  distance: number;
  ordered: boolean;
  /** The operator as written (for messages only; the semantics are distance + ordered). */
  written?: string;
  span?: Span;
}

/** Field restriction on a sub-tree: EBSCO `TI x`, Ovid `(…).ti,ab.`, Scopus `TITLE-ABS-KEY(…)`, WoS `TS=`, PubMed `[tiab]`. */
export interface Fields {
  kind: 'fields';
  fields: FieldName[];
  /** The field code as written, e.g. `ti,ab`, `TITLE-ABS-KEY`, `tiab`. */
  code: string;
  child: Node;
  span?: Span;
}

/** A reference to another line or block: Ovid `1 or 2`, PubMed `#3`, EBSCO `S1`, a protocol block `A`. */
export interface Ref {
  kind: 'ref';
  label: string;
  span?: Span;
}

/** A limit the offline evaluator cannot apply (Ovid `limit 3 to english`, Scopus `PUBYEAR > 2010`). */
export interface Filter {
  kind: 'filter';
  child: Node | null;
  text: string;
  span?: Span;
}

export type Node = Term | Heading | Bool | Not | Near | Fields | Ref | Filter;

export const WILDCARD = /\*\{\d+\}|[*?#]/;

export function hasWildcard(word: string): boolean {
  return WILDCARD.test(word);
}

/** Characters before the first wildcard (the truncation stem). */
export function stem(word: string): string {
  const m = WILDCARD.exec(word);
  return m ? word.slice(0, m.index) : word;
}

// ---------------------------------------------------------------------------
// Builders

export const term = (words: string[] | string, quote: Term['quote'] = 'none', implicit?: Implicit): Term => {
  const list = typeof words === 'string' ? words.split(/\s+/).filter(Boolean) : words;
  return { kind: 'term', words: list, quote, ...(quote === 'none' && list.length > 1 ? { implicit: implicit ?? { op: 'phrase' } } : {}) };
};
export const and = (...children: Node[]): Bool => ({ kind: 'and', children });
export const or = (...children: Node[]): Bool => ({ kind: 'or', children });
export const not = (left: Node, right: Node): Not => ({ kind: 'not', left, right });
export const near = (left: Node, right: Node, distance: number, ordered = false): Near => ({ kind: 'near', left, right, distance, ordered });
export const fields = (list: FieldName[], child: Node, code = list.join(',')): Fields => ({ kind: 'fields', fields: list, code, child });
export const ref = (label: string): Ref => ({ kind: 'ref', label });

// ---------------------------------------------------------------------------
// Traversal

export function children(node: Node): Node[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children;
    case 'not':
    case 'near':
      return [node.left, node.right];
    case 'fields':
      return [node.child];
    case 'filter':
      return node.child ? [node.child] : [];
    default:
      return [];
  }
}

/** Depth-first pre-order walk; `parents` is the chain from the root (nearest last). */
export function walk(node: Node, visit: (node: Node, parents: Node[]) => void, parents: Node[] = []): void {
  visit(node, parents);
  const next = [...parents, node];
  for (const child of children(node)) walk(child, visit, next);
}

export function mapChildren(node: Node, f: (child: Node) => Node): Node {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { ...node, children: node.children.map(f) };
    case 'not':
    case 'near':
      return { ...node, left: f(node.left), right: f(node.right) };
    case 'fields':
      return { ...node, child: f(node.child) };
    case 'filter':
      return { ...node, child: node.child ? f(node.child) : null };
    default:
      return node;
  }
}

/** Every term of a sub-tree. */
export function terms(node: Node): Term[] {
  const out: Term[] = [];
  walk(node, (n) => {
    if (n.kind === 'term') out.push(n);
  });
  return out;
}

export function stripSpans(node: Node): Node {
  const { span: _span, ...rest } = node as Node & { span?: Span };
  return mapChildren(rest as Node, stripSpans);
}

// ---------------------------------------------------------------------------
// Canonical keys: two nodes with the same key mean the same search.

export function wordKey(word: string): string {
  return foldCase(word);
}

/** Case- and diacritic-insensitive form used for comparing words (databases search case-insensitively). */
export function foldCase(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u007f]/.test(s) ? s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase() : s.toLowerCase();
}

export function implicitKey(i: Implicit | undefined): string {
  if (!i) return '';
  return i.op === 'near' ? `near${i.ordered ? 'o' : ''}${i.distance}` : i.op;
}

/** Canonical text of a term's meaning: quoted and single-word terms by their words; unquoted groups by how they are read. */
export function termKey(t: Term): string {
  const words = t.words.map(wordKey).join(' ');
  if (t.words.length === 1 && t.quote !== 'exact') return words;
  if (t.quote === 'exact') return `{${words}}`;
  if (t.quote === 'quoted') return `"${words}"`;
  return t.implicit?.op === 'phrase' ? `"${words}"` : `<${implicitKey(t.implicit)} ${words}>`;
}

/** A stable S-expression of a (normalised) tree. */
export function key(node: Node): string {
  switch (node.kind) {
    case 'term':
      return termKey(node);
    case 'heading':
      return `[${node.explode ? 'exp ' : ''}${node.major ? '*' : ''}${foldCase(node.text)}${node.subheading ? `/${node.subheading.toLowerCase()}` : ''}]`;
    case 'and':
    case 'or':
      return `(${node.kind} ${node.children.map(key).join(' ')})`;
    case 'not':
      return `(not ${key(node.left)} ${key(node.right)})`;
    case 'near':
      return `(near${node.ordered ? '-ordered' : ''}/${node.distance} ${key(node.left)} ${key(node.right)})`;
    case 'fields':
      return `(fields ${[...node.fields].sort().join(',')} ${key(node.child)})`;
    case 'ref':
      return `#${node.label}`;
    case 'filter':
      return `(filter ${node.child ? key(node.child) : ''} ${JSON.stringify(node.text)})`;
  }
}

/**
 * Normal form for comparing meaning: nested AND/OR flattened, operands of
 * AND/OR sorted and de-duplicated (A OR A = A), unordered proximity operands
 * sorted, single-child groups unwrapped, field restrictions pushed down to
 * the leaves (`TI (a OR b)` = `TI a OR TI b`), and identical nested field
 * restrictions merged.
 */
export function normalise(node: Node, options: NormaliseOptions = {}): Node {
  const dedupe = options.dedupe ?? true;
  const explicit = options.explicit ?? true;
  const n = pushFields(explicit ? explicitTerms(stripSpans(node)) : stripSpans(node), undefined);
  return canon(n, dedupe);
}

export interface NormaliseOptions {
  /** Drop repeated operands of AND/OR (default true). */
  dedupe?: boolean;
  /**
   * Write unquoted multi-word terms out as what the dialect reads them as (a
   * phrase, AND, or proximity), so `third N5 sector` and EBSCO's unquoted
   * `third sector` compare equal (default true; compare keeps them to name them).
   */
  explicit?: boolean;
}

/** An unquoted multi-word term as the structure it means. */
export function explicitTerm(t: Term): Node {
  if (t.quote !== 'none' || t.words.length < 2) return t;
  const i = t.implicit ?? { op: 'phrase' as const };
  const single = (w: string): Term => ({ kind: 'term', words: [w], quote: 'none', ...(t.span ? { span: t.span } : {}) });
  if (i.op === 'phrase') return { ...t, quote: 'quoted', implicit: undefined };
  if (i.op === 'and') return { kind: 'and', children: t.words.map(single), ...(t.span ? { span: t.span } : {}) };
  let acc: Node = single(t.words[0]);
  for (const w of t.words.slice(1)) acc = { kind: 'near', left: acc, right: single(w), distance: i.distance, ordered: i.ordered };
  return acc;
}

function explicitTerms(node: Node): Node {
  if (node.kind === 'term') {
    const e = explicitTerm(node);
    if (e.kind === 'term') {
      const { implicit: _i, ...rest } = e;
      return rest;
    }
    return e;
  }
  return mapChildren(node, explicitTerms);
}

function pushFields(node: Node, current: Fields | undefined): Node {
  if (node.kind === 'fields') return pushFields(node.child, node);
  // A proximity holds within one field: "in title or abstract, a near b" = (a near b in title) OR (in abstract).
  if (node.kind === 'near' && current && current.fields.length > 1) {
    return { kind: 'or', children: current.fields.map((f) => pushFields(node, { ...current, fields: [f] })) };
  }
  if (node.kind === 'term' || node.kind === 'heading' || node.kind === 'ref') {
    return current ? { kind: 'fields', fields: [...current.fields].sort(), code: current.code, child: node } : node;
  }
  return mapChildren(node, (c) => pushFields(c, current));
}

/** In an OR-list, one term searched in several fields is that term in the union of the fields. */
function mergeFields(list: Node[]): void {
  const byLeaf = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c.kind !== 'fields') continue;
    const k = key(c.child);
    const j = byLeaf.get(k);
    if (j === undefined) {
      byLeaf.set(k, i);
      continue;
    }
    const first = list[j] as Fields;
    list[j] = { ...first, fields: [...new Set([...first.fields, ...c.fields])].sort() };
    list.splice(i--, 1);
  }
}

function canon(node: Node, dedupe: boolean): Node {
  if (node.kind === 'and' || node.kind === 'or') {
    const flat: Node[] = [];
    for (const c of node.children.map((c) => canon(c, dedupe))) {
      if (c.kind === node.kind) flat.push(...c.children);
      else flat.push(c);
    }
    if (node.kind === 'or') mergeFields(flat);
    const keyed = flat.map((c) => [key(c), c] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: Node[] = [];
    let last: string | undefined;
    for (const [k, c] of keyed) {
      if (dedupe && k === last) continue;
      out.push(c);
      last = k;
    }
    return out.length === 1 ? out[0] : { kind: node.kind, children: out };
  }
  if (node.kind === 'near') {
    const left = canon(node.left, dedupe);
    const right = canon(node.right, dedupe);
    const swap = !node.ordered && key(right) < key(left);
    return { kind: 'near', left: swap ? right : left, right: swap ? left : right, distance: node.distance, ordered: node.ordered, ...(node.written ? { written: node.written } : {}) };
  }
  if (node.kind === 'term') {
    const { span: _s, ...t } = node;
    return { ...t, words: [...t.words] };
  }
  const { written: _w, ...rest } = node as Node & { written?: string };
  return mapChildren(rest as Node, (c) => canon(c, dedupe));
}

/** True when two trees mean the same search (after normalisation). */
export function equivalent(a: Node, b: Node, options: NormaliseOptions = {}): boolean {
  return key(normalise(a, options)) === key(normalise(b, options));
}
