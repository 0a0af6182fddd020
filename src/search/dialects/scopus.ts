/**
 * Scopus (advanced search).
 *
 * Grammar as implemented (Scopus search guide, "Proximity operators",
 * "Boolean operators", "Order of precedence"):
 * - precedence: proximity (W/n, PRE/n) first, then OR, then AND, then
 *   AND NOT last. OR binds *tighter* than AND, the reverse of most
 *   interfaces: `a AND b OR c` = `a AND (b OR c)`, and
 *   `a AND NOT b AND c` = `a AND NOT (b AND c)`.
 * - proximity: `W/n` ≤n words between, any order; `PRE/n` ≤n words between,
 *   first term first. W/0 = adjacent.
 * - unquoted words side by side are ANDed (`heart attack` = heart AND attack).
 * - phrases: `"loose"` (punctuation ignored, wildcards work) and `{exact}`
 *   (characters as typed: wildcards are literal).
 * - wildcards: `*` any number of characters, `?` exactly one.
 * - fields: functions `TITLE-ABS-KEY( )`, `TITLE-ABS( )`, `TITLE( )`, `ABS( )`,
 *   `KEY( )`, `AUTHKEY( )`, `SRCTITLE( )`…; `PUBYEAR > 2010` and
 *   `LIMIT-TO( )` are limits.
 */
import type { Heading, Near, Term } from '../ast.js';
import { SCOPUS_FIELDS, type FieldName } from '../fields.js';
import { fieldCodes, hasSingleCode, mapWildcards, printWith, proximityText, type PrintContext, type PrintSpec } from '../print.js';
import { parseWith, type Syntax, type Token } from '../syntax.js';
import type { Dialect } from './types.js';

const FUNC = /^([A-Z][A-Z-]*[A-Z])\s*\(/i;
const LIMIT = /^(PUBYEAR|PUBDATETXT|LOAD-DATE|ORIG-LOAD-DATE)\s*(>=|<=|>|<|=|\bIS\b|\bAFT\b|\bBEF\b)\s*[^\s()]+/i;
const LIMIT_FUNC = /^(LIMIT-TO|EXCLUDE)\s*\(/i;

const syntax: Syntax = {
  name: 'scopus',
  precedence: { andnot: 1, not: 1, and: 2, or: 3, near: 4 },
  implicit: { op: 'and' },
  canonicalWord: (w) => w,
  braces: true,
  lex(text, pos): Token | undefined {
    const rest = text.slice(pos, pos + 200);
    const limit = LIMIT.exec(rest);
    if (limit) return { t: 'filter', text: limit[0], s: pos, e: pos + limit[0].length };
    const lf = LIMIT_FUNC.exec(rest);
    if (lf) {
      // Consume the balanced parentheses of LIMIT-TO( … ).
      let depth = 0;
      let j = pos + lf[0].length - 1;
      for (; j < text.length; j++) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')' && --depth === 0) break;
      }
      return { t: 'filter', text: text.slice(pos, j + 1), s: pos, e: Math.min(j + 1, text.length) };
    }
    const f = FUNC.exec(rest);
    if (f && SCOPUS_FIELDS[f[1].toUpperCase()]) {
      const code = f[1].toUpperCase();
      return { t: 'func', code, fields: SCOPUS_FIELDS[code], s: pos, e: pos + f[0].length };
    }
    return undefined;
  },
};

const PREFER = ['TITLE-ABS-KEY', 'TITLE-ABS', 'TITLE', 'ABS', 'KEY', 'AUTHKEY', 'INDEXTERMS', 'SRCTITLE', 'ALL'];

function field(fields: FieldName[], _code: string, inner: string, _compound: boolean, ctx: PrintContext): string {
  const codes = fieldCodes(SCOPUS_FIELDS, fields, PREFER, ctx, 'scopus', 'ALL');
  if (codes.length === 1) return `${codes[0]}(${inner})`;
  return `(${codes.map((c) => `${c}(${inner})`).join(' OR ')})`;
}

const spec: PrintSpec = {
  dialect: 'scopus',
  and: 'AND',
  or: 'OR',
  not: 'AND NOT',
  implicit: syntax.implicit,
  near: (node: Near, ctx) => proximityText(node, ctx, 'scopus', { unordered: (d) => `W/${d}`, ordered: (d) => `PRE/${d}` }),
  word: (w, ctx, span) => mapWildcards(w, { star: '*', one: '?' }, ctx, 'scopus', span),
  phrase: (words, exact, ctx, span) => (exact ? `{${words.join(' ')}}` : `"${words.map((w) => spec.word(w, ctx, span)).join(' ')}"`),
  field,
  singleCode: hasSingleCode(SCOPUS_FIELDS, PREFER),
  heading: (h: Heading, ctx) => {
    ctx.loss('loss-heading', `heading "${h.text}"${h.explode ? ' (exploded)' : ''} searched as INDEXTERMS text; Scopus cannot explode headings`, h.span);
    return `INDEXTERMS("${h.text}")`;
  },
  ref: (label) => `#${label}`,
  filter: (f, inner, ctx) => {
    if (!f.child && /^(PUBYEAR|PUBDATETXT|LOAD-DATE|ORIG-LOAD-DATE|LIMIT-TO|EXCLUDE)/i.test(f.text)) return f.text;
    ctx.loss('loss-filter', `limit "${f.text}" has no Scopus form here; apply it with PUBYEAR/LIMIT-TO by hand`, f.span);
    return inner ?? '';
  },
};

export const scopus: Dialect = {
  name: 'scopus',
  label: 'Scopus',
  grammar: {
    precedence: 'W/n and PRE/n, then OR, then AND, then AND NOT (OR binds tighter than AND)',
    proximity: 'W/n: ≤n words between, any order; PRE/n: ≤n words between, in order',
    implicit: 'unquoted words side by side: AND',
    wildcards: '* any characters, ? one character; "loose phrases" expand them, {exact phrases} do not',
    fields: 'functions: TITLE-ABS-KEY( ), TITLE-ABS( ), TITLE( ), ABS( ), KEY( ), AUTHKEY( ), SRCTITLE( )',
    plurals: 'plurals added to words and loose phrases, not to {exact} phrases',
  },
  syntax,
  parse: (source, options) => parseWith(syntax, source, options),
  print: (node) => printWith(spec, node),
  minStem: 3,
  literalWildcards: (t: Term) => t.quote === 'exact',
  unsupportedWildcards: ['#', '*{n}'],
  internalWildcards: true,
  // Scopus adds plurals and spelling variants to words and loose phrases, not to {exact phrases}.
  plurals: (t: Term) => t.quote !== 'exact',
  proximity: true,
};
