/**
 * EBSCOhost (PsycInfo, MEDLINE, CINAHL, Academic Search Complete…).
 *
 * Grammar as implemented (EBSCO Help, "Booleans", "Proximity searches",
 * "Wildcard and truncation symbols", "How are phrases searched?"):
 * - precedence: proximity (Nn, Wn) binds tightest; then AND and NOT, equal,
 *   left to right ("processed like multiplication"); OR last. So
 *   `a OR b AND c NOT d` = `a OR ((b AND c) NOT d)`.
 * - proximity: `Nn` within n words, any order; `Wn` within n words, in order.
 *   n counts the words *between* the operands (N0 = adjacent).
 * - unquoted words side by side: in the Boolean/Phrase search mode they are
 *   searched near each other, N5 by default (the library can change it); in
 *   "Find all my search terms" mode they are ANDed. We read them as N5.
 * - wildcards: `*` truncation, `?` exactly one character, `#` zero or one;
 *   none may start a word. Wildcards work inside quoted phrases.
 * - fields: a two-letter code before its operand (`TI community`, `AB (a OR b)`);
 *   `MH "Heading"` (exact), `MH "Heading+"` (exploded), `MM` major heading.
 * - line references: `S1 AND S2` (search history).
 */
import type { Heading, Near, Term } from '../ast.js';
import { EBSCO_FIELDS, type FieldName } from '../fields.js';
import { fieldCodes, hasSingleCode, mapWildcards, printWith, proximityText, type PrintContext, type PrintSpec } from '../print.js';
import { parseWith, type Syntax, type Token } from '../syntax.js';
import type { Dialect } from './types.js';

const HEADING_CODES: Record<string, { major: boolean }> = { MH: { major: false }, MM: { major: true } };

const syntax: Syntax = {
  name: 'ebsco',
  precedence: { or: 1, and: 2, not: 2, andnot: 2, near: 3 },
  implicit: { op: 'near', distance: 5, ordered: false },
  canonicalWord: (w) => w,
  reference: { pattern: /^S(\d+)$/, onlyInStrategies: false },
  lex(text, pos): Token | undefined {
    const m = /^([A-Z]{2})\s+(?=\S)/.exec(text.slice(pos, pos + 8));
    if (!m || !EBSCO_FIELDS[m[1]]) return undefined;
    const after = text.slice(pos + m[0].length);
    // A code only when an operand follows (not an operator, not the end of a group).
    if (/^(AND|OR|NOT)\b/i.test(after) || after.startsWith(')')) return undefined;
    const code = m[1];
    return { t: 'prefix', code, fields: EBSCO_FIELDS[code], ...(HEADING_CODES[code] ? { heading: HEADING_CODES[code] } : {}), s: pos, e: pos + 2 };
  },
};

const PREFER = ['TI', 'AB', 'KW', 'SU', 'TX', 'AU', 'SO'];

function field(fields: FieldName[], _code: string, inner: string, compound: boolean, ctx: PrintContext): string {
  const codes = fieldCodes(EBSCO_FIELDS, fields, PREFER, ctx, 'ebsco', 'TX');
  const body = compound ? `(${inner})` : inner;
  if (codes.length === 1) return `${codes[0]} ${body}`;
  return `(${codes.map((c) => `${c} ${body}`).join(' OR ')})`;
}

const spec: PrintSpec = {
  dialect: 'ebsco',
  and: 'AND',
  or: 'OR',
  not: 'NOT',
  implicit: syntax.implicit,
  near: (node: Near, ctx) => proximityText(node, ctx, 'ebsco', { unordered: (d) => `N${d}`, ordered: (d) => `W${d}` }),
  word: (w, ctx, span) => mapWildcards(w, { star: '*', one: '?', optional: '#' }, ctx, 'ebsco', span),
  phrase: (words, exact, ctx, span) => {
    if (exact) ctx.loss('loss-exact-phrase', `{${words.join(' ')}} printed as a loose phrase`, span);
    return `"${words.map((w) => spec.word(w, ctx, span)).join(' ')}"`;
  },
  field,
  singleCode: hasSingleCode(EBSCO_FIELDS, PREFER),
  heading: (h: Heading) => `(${h.major ? 'MM' : 'MH'} "${h.text}${h.subheading ? `/${h.subheading.toUpperCase().split(',').join('/')}` : ''}${h.explode ? '+' : ''}")`,
  ref: (label) => (/^\d+$/.test(label) ? `S${label}` : label),
  filter: (f, inner, ctx) => {
    ctx.loss('loss-filter', `limit "${f.text}" must be set with EBSCOhost's limiters`, f.span);
    return inner ?? '';
  },
};

export const ebsco: Dialect = {
  name: 'ebsco',
  label: 'EBSCOhost',
  grammar: {
    precedence: 'Nn/Wn, then AND = NOT (left to right), then OR',
    proximity: 'Nn: ≤n words between, any order; Wn: ≤n words between, in order',
    implicit: 'unquoted words side by side: N5 (Boolean/Phrase mode default; AND in "Find all my search terms" mode)',
    wildcards: '* truncation, ? one character, # zero or one character; allowed inside phrases',
    fields: 'prefix codes: TI, AB, KW, SU, TX, MH "x" (MH "x+" exploded), MM (major)',
    plurals: 'plurals added to unquoted words (not inside quotes)',
  },
  syntax,
  parse: (source, options) => parseWith(syntax, source, options),
  print: (node) => printWith(spec, node),
  minStem: 3,
  literalWildcards: (_t: Term) => false,
  unsupportedWildcards: ['*{n}'],
  internalWildcards: true,
  // EBSCOhost: "the singular form of a word finds plural and possessive forms" — not inside quotes.
  plurals: (t: Term) => t.quote === 'none',
  proximity: true,
};
