/**
 * The printing engine the dialects share. A printer returns the text *and*
 * the losses: every place where the target syntax cannot say exactly what
 * the tree means is reported, never silently approximated.
 */
import type { Filter, Heading, Implicit, Near, Node, Span, Term } from './ast.js';
import { explicitTerm, implicitKey } from './ast.js';
import { CATALOGUE, type Code, type Severity } from './diagnostics.js';
import { codesFor, type FieldName, type FieldTable } from './fields.js';
import type { DialectName } from './syntax.js';

export interface Loss {
  code: Code;
  severity: Severity;
  message: string;
  span?: Span;
}

export interface PrintResult {
  text: string;
  losses: Loss[];
}

export interface PrintContext {
  losses: Loss[];
  /** Fields in force from an enclosing restriction (for dialects whose tags sit on terms). */
  fields?: { fields: FieldName[]; code: string };
  loss(code: Code, message: string, span?: Span): void;
}

export interface PrintSpec {
  dialect: DialectName;
  and: string;
  or: string;
  not: string;
  implicit: Implicit;
  /** The operator text for a proximity, or undefined when the dialect cannot express it (printed as AND). */
  near(node: Near, ctx: PrintContext): string | undefined;
  word(canonical: string, ctx: PrintContext, span?: Span): string;
  phrase(words: string[], exact: boolean, ctx: PrintContext, span?: Span): string;
  /** Wrap an already printed operand in a field restriction. */
  field(fields: FieldName[], code: string, inner: string, compound: boolean, ctx: PrintContext, span?: Span): string;
  heading(h: Heading, ctx: PrintContext): string;
  ref(label: string): string;
  filter(f: Filter, inner: string | undefined, ctx: PrintContext): string;
  /** Can one code say exactly these fields? (When not, restrictions around AND/NOT are pushed down.) */
  singleCode?(fields: FieldName[]): boolean;
  /** Tags sit on each term (PubMed): a field restriction is passed down instead of wrapping a group. */
  termTags?: boolean;
  /** Print a term with the fields in force (termTags dialects). */
  tag?(termText: string, ctx: PrintContext, t: Term | Heading): string;
  /** Custom printing of a proximity (PubMed `"a b"[tiab:~n]`); undefined to fall back. */
  nearNode?(node: Near, ctx: PrintContext, print: (n: Node) => string): string | undefined;
}

export function newContext(): PrintContext {
  const losses: Loss[] = [];
  return {
    losses,
    loss(code, message, span) {
      if (!losses.some((l) => l.code === code && l.message === message)) losses.push({ code, severity: CATALOGUE[code].severity, message, ...(span ? { span } : {}) });
    },
  };
}

const COMPOUND = new Set(['and', 'or', 'not', 'near']);

export function printWith(spec: PrintSpec, node: Node): PrintResult {
  const ctx = newContext();
  const text = p(spec, node, ctx, undefined);
  return { text, losses: ctx.losses };
}

function p(spec: PrintSpec, node: Node, ctx: PrintContext, parent: Node | undefined): string {
  const wrap = (child: Node, text: string) => {
    // Tags that sit on terms (PubMed) leave a restricted group bare: look through it.
    let c = child;
    while (spec.termTags && c.kind === 'fields') c = c.child;
    if (c.kind === 'fields') {
      // A restriction printed as several codes (`(TI a OR AB a) OR (TI b OR AB b)`) needs
      // parentheses when its top-level operator is not the parent's own.
      const ops = topLevelOperators(text);
      const own = node.kind === 'and' ? spec.and : node.kind === 'or' ? spec.or : undefined;
      return ops.some((o) => o !== own) ? `(${text})` : text;
    }
    const compound = COMPOUND.has(c.kind) || isExplicitImplicit(spec, c);
    return compound && needsParens(c, node) && text ? `(${text})` : text;
  };
  switch (node.kind) {
    case 'term':
      return printTerm(spec, node, ctx);
    case 'heading':
      return spec.termTags && spec.tag ? spec.tag('', ctx, node) : spec.heading(node, ctx);
    case 'ref':
      return spec.ref(node.label);
    case 'filter':
      return spec.filter(node, node.child ? p(spec, node.child, ctx, node) : undefined, ctx);
    case 'and':
    case 'or': {
      const op = node.kind === 'and' ? spec.and : spec.or;
      // A limit the target cannot write prints as nothing (and is reported as a loss).
      return node.children.map((c) => wrap(c, p(spec, c, ctx, node))).filter(Boolean).join(` ${op} `);
    }
    case 'not':
      return `${wrap(node.left, p(spec, node.left, ctx, node))} ${spec.not} ${wrap(node.right, p(spec, node.right, ctx, node))}`;
    case 'near': {
      const custom = spec.nearNode?.(node, ctx, (n) => p(spec, n, ctx, node));
      if (custom !== undefined) return custom;
      const op = spec.near(node, ctx) ?? spec.and;
      return `${wrap(node.left, p(spec, node.left, ctx, node))} ${op} ${wrap(node.right, p(spec, node.right, ctx, node))}`;
    }
    case 'fields': {
      if (spec.termTags) {
        const saved = ctx.fields;
        ctx.fields = { fields: node.fields, code: node.code };
        const inner = p(spec, node.child, ctx, parent);
        ctx.fields = saved;
        return inner;
      }
      // Several codes for one restriction (`(TI x OR AB x)`) are only right around a term, an OR
      // or a proximity; around AND/NOT the restriction moves down to the operands first.
      let c = node.child;
      const split = spec.singleCode && !spec.singleCode(node.fields);
      if (split && c.kind === 'term' && c.quote === 'none' && c.implicit?.op === 'and' && !sameImplicit(c.implicit, spec.implicit)) {
        ctx.loss('implicit-made-explicit', `unquoted "${c.words.join(' ')}" meant AND of its words; written out for ${spec.dialect}`, c.span);
        c = explicitTerm(c);
      }
      if (split && (c.kind === 'and' || c.kind === 'not' || c.kind === 'or')) {
        const wrapIn = (n: Node): Node => ({ ...node, child: n });
        const pushed: Node = c.kind === 'not' ? { ...c, left: wrapIn(c.left), right: wrapIn(c.right) } : { ...c, children: c.children.map(wrapIn) };
        return p(spec, pushed, ctx, parent);
      }
      const inner = p(spec, c, ctx, node);
      const compound = COMPOUND.has(c.kind) || isExplicitImplicit(spec, c);
      return spec.field(node.fields, node.code, inner, compound, ctx, node.span);
    }
  }
}

/** Parentheses around a compound child unless it has the parent's own associative operator. */
function needsParens(child: Node, parent: Node): boolean {
  if (parent.kind === 'fields') return false;
  if ((parent.kind === 'and' || parent.kind === 'or') && child.kind === parent.kind) return false;
  return true;
}

function sameImplicit(a: Implicit | undefined, b: Implicit): boolean {
  return implicitKey(a) === implicitKey(b);
}

function isExplicitImplicit(spec: PrintSpec, n: Node): boolean {
  return n.kind === 'term' && n.quote === 'none' && n.words.length > 1 && !sameImplicit(n.implicit, spec.implicit) && n.implicit?.op !== 'phrase';
}

function printTerm(spec: PrintSpec, t: Term, ctx: PrintContext): string {
  const tagged = (s: string) => (spec.termTags && spec.tag ? spec.tag(s, ctx, t) : s);
  if (t.quote !== 'none') return tagged(spec.phrase(t.words, t.quote === 'exact', ctx, t.span));
  if (t.words.length === 1) return tagged(spec.word(t.words[0], ctx, t.span));
  if (sameImplicit(t.implicit, spec.implicit)) return tagged(t.words.map((w) => spec.word(w, ctx, t.span)).join(' '));
  // The target reads side-by-side words differently: write the meaning out.
  const i = t.implicit ?? { op: 'phrase' as const };
  const shown = t.words.join(' ');
  if (i.op === 'phrase') {
    ctx.loss('implicit-made-explicit', `unquoted "${shown}" was a phrase; quoted for ${spec.dialect}`, t.span);
    return tagged(spec.phrase(t.words, false, ctx, t.span));
  }
  const parts = t.words.map((w) => tagged(spec.word(w, ctx, t.span)));
  if (i.op === 'and') {
    ctx.loss('implicit-made-explicit', `unquoted "${shown}" meant AND of its words; written out for ${spec.dialect}`, t.span);
    return parts.join(` ${spec.and} `);
  }
  const node: Near = { kind: 'near', left: { kind: 'term', words: [t.words[0]], quote: 'none' }, right: { kind: 'term', words: [t.words[1]], quote: 'none' }, distance: i.distance, ordered: i.ordered };
  const op = spec.near(node, ctx) ?? spec.and;
  ctx.loss('implicit-made-explicit', `unquoted "${shown}" meant proximity (${i.ordered ? 'ordered' : 'any order'}, ≤${i.distance} words between); written out for ${spec.dialect}`, t.span);
  return parts.join(` ${op} `);
}

/** Map canonical wildcards to a dialect's symbols; `table` maps canonical → dialect (undefined: not available). */
export function mapWildcards(
  word: string,
  table: { star: string; limited?: (n: number) => string; one?: string; optional?: string },
  ctx: PrintContext,
  dialect: DialectName,
  span?: Span,
): string {
  return word.replace(/\*\{(\d+)\}|[*?#]/g, (m, n: string | undefined) => {
    if (n !== undefined) {
      if (table.limited) return table.limited(Number(n));
      ctx.loss('loss-wildcard', `"${word}": ${dialect} has no limited truncation (at most ${n} characters); unlimited "${table.star}" used`, span);
      return table.star;
    }
    if (m === '*') return table.star;
    if (m === '?') {
      if (table.one) return table.one;
      ctx.loss('loss-wildcard', `"${word}": ${dialect} has no single-character wildcard; truncated at that point instead`, span);
      return table.star;
    }
    if (table.optional) return table.optional;
    ctx.loss('loss-wildcard', `"${word}": ${dialect} has no optional-character wildcard (zero or one); "${table.one ?? table.star}" used`, span);
    return table.one ?? table.star;
  });
}

/** The proximity operator text of a dialect with unordered/ordered spellings, reporting what cannot be kept. */
export function proximityText(
  node: Near,
  ctx: PrintContext,
  dialect: DialectName,
  spell: { unordered: (d: number) => string; ordered?: (d: number) => string | undefined },
): string {
  const written = node.written ? `${node.written}` : 'proximity';
  if (node.ordered) {
    const o = spell.ordered?.(node.distance);
    if (o) return o;
    ctx.loss('loss-proximity-order', `${written} requires order (left term first); ${dialect} has no ordered proximity at this distance, so the reverse order also matches`, node.span);
  }
  return spell.unordered(node.distance);
}

/** The field codes to print for `fields`, reporting a loss when they do not mean exactly those fields. */
export function fieldCodes(table: FieldTable, fields: FieldName[], prefer: string[], ctx: PrintContext, dialect: DialectName, fallback: string): string[] {
  const found = codesFor(table, fields, prefer);
  if (!found) {
    ctx.loss('loss-field', `${dialect} has no field code for ${fields.join(' + ')}; ${fallback} used`);
    return [fallback];
  }
  if (!found.exact) ctx.loss('loss-field', `${dialect} has no field code for exactly ${fields.join(' + ')}; ${found.codes.join(', ')} used`);
  return found.codes;
}

/** A `singleCode` test for a dialect's field table. */
export function hasSingleCode(table: FieldTable, prefer: string[]): (fields: FieldName[]) => boolean {
  return (fields) => {
    const found = codesFor(table, fields, prefer);
    return !!found && found.codes.length === 1;
  };
}

const OPERATOR_WORD = /^(AND|OR|NOT|N\d+|W\d+|ADJ\d*|W\/\d+|PRE\/\d+|NEAR(\/\d+)?|SAME)$/i;

/** Operators outside any parentheses, quotes or brackets of a printed expression. */
function topLevelOperators(text: string): string[] {
  const words: string[] = [];
  let depth = 0;
  let quote = false;
  let word = '';
  const flush = () => {
    if (word && depth === 0 && OPERATOR_WORD.test(word)) words.push(word);
    word = '';
  };
  for (const ch of text) {
    if (ch === '"') quote = !quote;
    if (quote) continue;
    if (ch === '(' || ch === '[' || ch === '{') {
      flush();
      depth++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      flush();
      depth--;
    } else if (/\s/.test(ch)) flush();
    else if (depth === 0) word += ch;
  }
  flush();
  // "AND NOT" is one operator.
  return words.map((w, i) => (w.toUpperCase() === 'NOT' && words[i - 1]?.toUpperCase() === 'AND' ? 'AND NOT' : w)).filter((w, i, all) => !(w.toUpperCase() === 'AND' && all[i + 1] === 'AND NOT'));
}
