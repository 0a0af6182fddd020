/**
 * Web of Science (advanced search).
 *
 * Grammar as implemented (Web of Science help, "Search operators" and
 * "Order of precedence"):
 * - precedence: NEAR/x, then SAME, then NOT, then AND, then OR.
 * - proximity: `NEAR/n` ≤n words between, any order; bare `NEAR` = NEAR/15.
 *   No ordered proximity. `SAME` restricts to one address; elsewhere it
 *   behaves as AND (read as AND here).
 * - unquoted words side by side are ANDed.
 * - wildcards: `*` any number of characters, `?` exactly one, `$` zero or one.
 * - fields: tags with `=`: `TS=(…)` topic (title, abstract, author keywords,
 *   Keywords Plus), `TI=`, `AB=`, `AK=`, `SO=`, `IS=`, `PY=`…
 */
import type { Heading, Near, Term } from '../ast.js';
import { WOS_FIELDS, type FieldName } from '../fields.js';
import { fieldCodes, hasSingleCode, mapWildcards, printWith, proximityText, type PrintContext, type PrintSpec } from '../print.js';
import { parseWith, type Syntax, type Token } from '../syntax.js';
import type { Dialect } from './types.js';

const TAG = /^([A-Z]{2,4})\s*=\s*/i;

const syntax: Syntax = {
  name: 'wos',
  precedence: { or: 1, and: 2, not: 3, andnot: 3, same: 4, near: 5 },
  implicit: { op: 'and' },
  canonicalWord: (w) => w.replace(/\$/g, '#'),
  lex(text, pos): Token | undefined {
    const m = TAG.exec(text.slice(pos, pos + 12));
    if (!m) return undefined;
    const code = m[1].toUpperCase();
    if (!WOS_FIELDS[code]) return undefined;
    return { t: 'prefix', code, fields: WOS_FIELDS[code], s: pos, e: pos + m[0].length };
  },
};

const PREFER = ['TS', 'TI', 'AB', 'AK', 'KP', 'SO', 'ALL'];

function field(fields: FieldName[], _code: string, inner: string, _compound: boolean, ctx: PrintContext): string {
  const codes = fieldCodes(WOS_FIELDS, fields, PREFER, ctx, 'wos', 'ALL');
  if (codes.length === 1) return `${codes[0]}=(${inner})`;
  return `(${codes.map((c) => `${c}=(${inner})`).join(' OR ')})`;
}

const spec: PrintSpec = {
  dialect: 'wos',
  and: 'AND',
  or: 'OR',
  not: 'NOT',
  implicit: syntax.implicit,
  near: (node: Near, ctx) => proximityText(node, ctx, 'wos', { unordered: (d) => `NEAR/${d}` }),
  word: (w, ctx, span) => mapWildcards(w, { star: '*', one: '?', optional: '$' }, ctx, 'wos', span),
  phrase: (words, exact, ctx, span) => {
    if (exact) ctx.loss('loss-exact-phrase', `{${words.join(' ')}} printed as a loose phrase`, span);
    return `"${words.map((w) => spec.word(w, ctx, span)).join(' ')}"`;
  },
  field,
  singleCode: hasSingleCode(WOS_FIELDS, PREFER),
  heading: (h: Heading, ctx) => {
    ctx.loss('loss-heading', `heading "${h.text}" searched as topic text; Web of Science has no MeSH-style headings`, h.span);
    return `TS=("${h.text}")`;
  },
  ref: (label) => `#${label}`,
  filter: (f, inner, ctx) => {
    ctx.loss('loss-filter', `limit "${f.text}" must be set with Web of Science's refine options`, f.span);
    return inner ?? '';
  },
};

export const wos: Dialect = {
  name: 'wos',
  label: 'Web of Science',
  grammar: {
    precedence: 'NEAR/n, then SAME, then NOT, then AND, then OR',
    proximity: 'NEAR/n: ≤n words between, any order (bare NEAR = NEAR/15); no ordered proximity',
    implicit: 'unquoted words side by side: AND',
    wildcards: '* any characters, ? one character, $ zero or one character',
    fields: 'tags: TS=( ), TI=( ), AB=( ), AK=( ), KP=( ), SO=( ), IS=( ), PY=( )',
    plurals: 'lemmatisation: plurals added to unquoted words',
  },
  syntax,
  parse: (source, options) => parseWith(syntax, source, options),
  print: (node) => printWith(spec, node),
  minStem: 3,
  literalWildcards: (_t: Term) => false,
  unsupportedWildcards: ['*{n}'],
  internalWildcards: true,
  // Web of Science lemmatisation (TS, TI): plural and singular forms of unquoted words.
  plurals: (t: Term) => t.quote === 'none',
  proximity: true,
};
