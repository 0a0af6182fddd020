/**
 * Compiling query documents into evaluators over one record at a time.
 *
 * Every word pattern of every document goes into one shared Lexicon, so a
 * record is tokenised and matched once for all the protocols being run. A
 * record's matches are kept as positions per pattern; each AST node compiles
 * to a closure that answers "does this record match?" (and, under a
 * proximity operator, "where?").
 *
 * Positions encode the field: `field * 2^22 + token index`. Keyword entries
 * are 1000 positions apart, so phrases and proximity never span two keywords.
 * A proximity matches when two *non-overlapping* matches of its operands lie
 * in the same field with at most `distance` tokens between them (and, when
 * ordered, the left one first). A phrase's span runs from its first to its
 * last word.
 */
import type { Heading, Near, Node, Term } from '../ast.js';
import { severityOf, type Code, type Finding } from '../diagnostics.js';
import { recordFieldsFor, RECORD_FIELDS, type FieldName, type RecordField } from '../fields.js';
import type { QueryDocument } from '../protocol.js';
import { Lexicon } from './lexicon.js';
import { fold, wordParts } from './tokenize.js';

export const FIELD_SHIFT = 22;
export const KEYWORD_GAP = 1000;

/** One record's matches, reused from record to record. */
export class RecordMatches {
  /** Positions (sorted) per pattern id. */
  occ: number[][] = [];
  private touched: number[] = [];
  /** Heading id → positions of the keyword entries equal to it. */
  headings = new Map<number, number[]>();
  /** Memoised references (doc index + label → result) for this record. */
  memo = new Map<string, boolean>();
  /** When set, evaluation records what matched (explain). */
  trace?: TraceEntry[];

  reset(size: number): void {
    for (const id of this.touched) this.occ[id].length = 0;
    this.touched.length = 0;
    if (this.occ.length < size) for (let i = this.occ.length; i < size; i++) this.occ.push([]);
    this.headings.clear();
    this.memo.clear();
  }

  add(id: number, pos: number): void {
    const list = this.occ[id];
    if (list.length === 0) this.touched.push(id);
    list.push(pos);
  }
}

export interface TraceEntry {
  block: string;
  doc: number;
  kind: 'term' | 'heading' | 'near';
  /** The term as written in the query (from the block's text). */
  query: string;
  /** Matching spans (encoded positions, [start, end] pairs). */
  spans: number[];
}

type Bool = (m: RecordMatches) => boolean;
type Spans = (m: RecordMatches) => number[];

interface Compiled {
  bool: Bool;
  spans: Spans;
  /** Set for a single word (any of these pattern ids, in these fields): OR-lists of them are checked in one loop. */
  simple?: { ids: number[]; mask: number };
}

export interface CompiledBlock {
  label: string;
  title?: string;
  bool: Bool;
}

export interface CompiledDocument {
  doc: QueryDocument;
  index: number;
  blocks: CompiledBlock[];
  /** The combination (protocol) or final statement (strategy). */
  search?: Bool;
  notes: Finding[];
}

export interface CompileOptions {
  /** Record fields searched when a query names none (and the ones available at all). */
  fields: readonly RecordField[];
}

export class Compiler {
  readonly lexicon = new Lexicon();
  /** Folded heading text → heading id. */
  readonly headingIds = new Map<string, number>();
  readonly documents: CompiledDocument[] = [];

  constructor(readonly options: CompileOptions) {}

  get defaultMask(): number {
    return maskOf(this.options.fields);
  }

  /** Which record fields must be tokenised (those any query can reach). */
  get fieldsUsed(): RecordField[] {
    return RECORD_FIELDS.filter((f) => this.options.fields.includes(f));
  }

  compile(doc: QueryDocument): CompiledDocument {
    const index = this.documents.length;
    const notes: Finding[] = [];
    const byLabel = new Map<string, Bool>();
    const compiled: CompiledDocument = { doc, index, blocks: [], notes };
    for (const block of doc.blocks) {
      const note = (code: Code, message: string, offset = 0) => {
        const { line, column } = block.source.locate(offset);
        if (!notes.some((n) => n.code === code && n.message === message)) notes.push({ code, severity: severityOf(code), message, file: doc.file, block: block.label, line, column });
      };
      const ctx: NodeContext = { doc: index, block: block.label, text: block.source.text, note, byLabel, compiler: this, plurals: (t) => doc.dialect.plurals(t) };
      const c = block.ast ? this.node(block.ast, this.defaultMask, ctx) : NEVER;
      const memoKey = `${index}\u0000${block.label}`;
      const bool: Bool = (m) => {
        const hit = m.memo.get(memoKey);
        if (hit !== undefined) return hit;
        const r = c.bool(m);
        m.memo.set(memoKey, r);
        return r;
      };
      byLabel.set(block.label, bool);
      compiled.blocks.push({ label: block.label, title: block.title, bool });
    }
    const search = doc.combination?.ast ?? (doc.final ? ({ kind: 'ref', label: doc.final } as Node) : null);
    if (search) {
      const ctx: NodeContext = { doc: index, block: 'combination', text: doc.combination?.text ?? '', note: () => undefined, byLabel, compiler: this, plurals: () => false };
      compiled.search = this.node(search, this.defaultMask, ctx).bool;
    }
    this.documents.push(compiled);
    return compiled;
  }

  headingId(text: string): number {
    const k = fold(text).replace(/\s+/g, ' ').trim();
    let id = this.headingIds.get(k);
    if (id === undefined) this.headingIds.set(k, (id = this.headingIds.size));
    return id;
  }

  node(n: Node, mask: number, ctx: NodeContext): Compiled {
    switch (n.kind) {
      case 'term':
        return this.term(n, mask, ctx);
      case 'heading':
        return this.heading(n, mask, ctx);
      case 'and': {
        const kids = n.children.map((c) => this.node(c, mask, ctx));
        return {
          bool: (m) => {
            if (m.trace) return kids.map((k) => k.bool(m)).every(Boolean);
            for (const k of kids) if (!k.bool(m)) return false;
            return true;
          },
          spans: (m) => {
            const all: number[] = [];
            for (const k of kids) {
              const s = k.spans(m);
              if (s.length === 0) return EMPTY;
              all.push(...s);
            }
            return all;
          },
        };
      }
      case 'or': {
        const kids = n.children.map((c) => this.node(c, mask, ctx));
        // The plain words of the list searched in all indexed fields: one loop over their pattern ids.
        const all = this.defaultMask;
        const fast = kids.filter((k) => k.simple && (k.simple.mask & all) === all).flatMap((k) => k.simple!.ids);
        const rest = kids.filter((k) => !(k.simple && (k.simple.mask & all) === all));
        return {
          bool: (m) => {
            if (m.trace) return kids.map((k) => k.bool(m)).some(Boolean);
            for (const id of fast) {
              const list = m.occ[id];
              if (list !== undefined && list.length > 0) return true;
            }
            for (const k of rest) if (k.bool(m)) return true;
            return false;
          },
          spans: (m) => {
            const all: number[] = [];
            for (const k of kids) all.push(...k.spans(m));
            return all;
          },
        };
      }
      case 'not': {
        const left = this.node(n.left, mask, ctx);
        const right = this.node(n.right, mask, ctx);
        return { bool: (m) => left.bool(m) && !right.bool(m), spans: (m) => (right.bool(m) ? EMPTY : left.spans(m)) };
      }
      case 'near':
        return this.near(n, mask, ctx);
      case 'fields': {
        const fields = [...new Set(n.fields.flatMap((f: FieldName) => recordFieldsFor(f, this.options.fields)))];
        if (fields.length === 0) {
          ctx.note('eval-field-unavailable', `field ${n.code} (${n.fields.join(', ')}) is not in the searched record fields (${this.options.fields.join(', ')}); terms restricted to it cannot match`, n.span?.start);
          return NEVER;
        }
        return this.node(n.child, maskOf(fields), ctx);
      }
      case 'ref': {
        const label = n.label;
        return {
          bool: (m) => {
            const f = ctx.byLabel.get(label);
            return f ? f(m) : false;
          },
          spans: () => EMPTY,
        };
      }
      case 'filter': {
        ctx.note('eval-filter-ignored', `limit "${n.text}" is not applied offline`, n.span?.start);
        return n.child ? this.node(n.child, mask, ctx) : ALWAYS;
      }
    }
  }

  private term(t: Term, mask: number, ctx: NodeContext): Compiled {
    const shown = t.span ? ctx.text.slice(t.span.start, t.span.end) : t.words.join(' ');
    const plural = ctx.plurals(t);
    const slots = (words: string[]) => slotsOf(words, plural);
    let inner: Compiled;
    if (t.quote !== 'none' || t.words.length === 1 || t.implicit?.op === 'phrase') {
      inner = this.phrase(slots(t.words), mask);
    } else if (t.implicit?.op === 'and') {
      const kids = t.words.map((w) => this.phrase(slots([w]), mask));
      inner = {
        bool: (m) => kids.every((k) => k.bool(m)),
        spans: (m) => (kids.every((k) => k.bool(m)) ? kids.flatMap((k) => k.spans(m)) : EMPTY),
      };
    } else {
      const i = t.implicit!;
      const d = i.op === 'near' ? i.distance : 0;
      const o = i.op === 'near' ? i.ordered : false;
      let acc = this.phrase(slots([t.words[0]]), mask);
      for (const w of t.words.slice(1)) acc = nearOf(acc, this.phrase(slots([w]), mask), d, o);
      inner = acc;
    }
    return traced(inner, ctx, 'term', shown);
  }

  /** Consecutive token slots (one word, a hyphenated word, or a phrase), each with its alternatives (plural forms). */
  private phrase(slots: string[][], mask: number): Compiled {
    if (slots.length === 0) return NEVER;
    const ids = slots.map((alts) => alts.map((p) => this.lexicon.add(p)));
    const ok = (pos: number) => ((mask >>> (pos >>> FIELD_SHIFT)) & 1) === 1;
    if (ids.length === 1) {
      const alts = ids[0];
      return {
        simple: { ids: alts, mask },
        bool: (m) => {
          for (const id of alts) {
            const list = m.occ[id];
            if (list) for (const pos of list) if (ok(pos)) return true;
          }
          return false;
        },
        spans: (m) => {
          let out: number[] | undefined;
          for (const id of alts) {
            const list = m.occ[id];
            if (!list || list.length === 0) continue;
            out ??= [];
            for (const pos of list) if (ok(pos)) out.push(pos, pos);
          }
          return out ?? EMPTY;
        },
      };
    }
    const at = (m: RecordMatches, slot: number, pos: number) => {
      for (const id of ids[slot]) if (m.occ[id] && has(m.occ[id], pos)) return true;
      return false;
    };
    const present = (m: RecordMatches, slot: number) => ids[slot].some((id) => m.occ[id] && m.occ[id].length > 0);
    const starts = (m: RecordMatches, all: boolean): number[] => {
      for (let k = 0; k < ids.length; k++) if (!present(m, k)) return EMPTY;
      const out: number[] = [];
      for (const id of ids[0]) {
        for (const pos of m.occ[id] ?? EMPTY) {
          if (!ok(pos)) continue;
          let hit = true;
          for (let k = 1; k < ids.length && hit; k++) hit = at(m, k, pos + k);
          if (hit) {
            out.push(pos, pos + ids.length - 1);
            if (!all) return out;
          }
        }
      }
      return out;
    };
    return { bool: (m) => starts(m, false).length > 0, spans: (m) => starts(m, true) };
  }

  private heading(h: Heading, mask: number, ctx: NodeContext): Compiled {
    const kwMask = maskOf(['keywords']);
    if ((mask & kwMask) === 0) {
      ctx.note('eval-field-unavailable', `heading "${h.text}" needs the keywords field, which is not searched`, h.span?.start);
      return NEVER;
    }
    ctx.note('eval-heading-approximate', `heading "${h.text}"${h.explode ? ' (exploded)' : ''} matched against record keywords of the same text; narrower headings are not included`, h.span?.start);
    const id = this.headingId(h.text);
    const shown = h.span ? ctx.text.slice(h.span.start, h.span.end) : h.text;
    return traced(
      {
        bool: (m) => m.headings.has(id),
        spans: (m) => (m.headings.get(id) ?? EMPTY).flatMap((p) => [p, p]),
      },
      ctx,
      'heading',
      shown,
    );
  }

  private near(n: Near, mask: number, ctx: NodeContext): Compiled {
    const c = nearOf(this.node(n.left, mask, ctx), this.node(n.right, mask, ctx), n.distance, n.ordered);
    const shown = n.span ? ctx.text.slice(n.span.start, n.span.end) : (n.written ?? 'near');
    return traced(c, ctx, 'near', shown);
  }
}

/**
 * The token slots of some words: hyphenated words split into parts; with
 * `plural`, the last part of each plain word also matches its regular plural
 * (community → communities, partnership → partnerships, box → boxes), as
 * EBSCOhost, Scopus and Web of Science search them automatically.
 */
export function slotsOf(words: string[], plural: boolean): string[][] {
  const out: string[][] = [];
  for (const w of words) {
    const parts = wordParts(w);
    parts.forEach((p, i) => out.push(plural && i === parts.length - 1 ? pluralForms(p) : [p]));
  }
  return out;
}

export function pluralForms(word: string): string[] {
  if (!/^[a-z]{3,}$/.test(word)) return [word];
  if (/[^aeiou]y$/.test(word)) return [word, `${word.slice(0, -1)}ies`];
  if (/(s|x|z|ch|sh)$/.test(word)) return [word, `${word}es`];
  return [word, `${word}s`];
}

interface NodeContext {
  doc: number;
  /** Does the dialect add plural forms to this term? */
  plurals: (t: Term) => boolean;
  block: string;
  text: string;
  note(code: Code, message: string, offset?: number): void;
  byLabel: Map<string, Bool>;
  compiler: Compiler;
}

const EMPTY: number[] = [];
const NEVER: Compiled = { bool: () => false, spans: () => EMPTY };
const ALWAYS: Compiled = { bool: () => true, spans: () => EMPTY };

export function maskOf(fields: readonly RecordField[]): number {
  let mask = 0;
  for (const f of fields) mask |= 1 << RECORD_FIELDS.indexOf(f);
  return mask;
}

/** Binary search in a sorted list. */
function has(list: number[], value: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid];
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Proximity of two operands: spans in one field, not overlapping, ≤ distance tokens between. */
export function nearOf(left: Compiled, right: Compiled, distance: number, ordered: boolean): Compiled {
  const pairs = (m: RecordMatches, all: boolean): number[] => {
    const a = left.spans(m);
    if (a.length === 0) return EMPTY;
    const b = right.spans(m);
    if (b.length === 0) return EMPTY;
    const out: number[] = [];
    for (let i = 0; i < a.length; i += 2) {
      const ls = a[i];
      const le = a[i + 1];
      for (let j = 0; j < b.length; j += 2) {
        const rs = b[j];
        const re = b[j + 1];
        if (ls >>> FIELD_SHIFT !== rs >>> FIELD_SHIFT) continue;
        let between: number;
        if (rs > le) between = rs - le - 1;
        else if (!ordered && ls > re) between = ls - re - 1;
        else continue;
        if (between <= distance) {
          out.push(Math.min(ls, rs), Math.max(le, re));
          if (!all) return out;
        }
      }
    }
    return out;
  };
  return { bool: (m) => pairs(m, false).length > 0, spans: (m) => pairs(m, true) };
}

function traced(c: Compiled, ctx: NodeContext, kind: TraceEntry['kind'], query: string): Compiled {
  return {
    ...(c.simple ? { simple: c.simple } : {}),
    bool: (m) => {
      if (!m.trace) return c.bool(m);
      const spans = c.spans(m);
      if (spans.length) m.trace.push({ block: ctx.block, doc: ctx.doc, kind, query, spans });
      return spans.length > 0;
    },
    spans: c.spans,
  };
}

