/**
 * Ovid (MEDLINE, Embase, PsycINFO, Social Policy and Practice…).
 *
 * Grammar as implemented (Ovid syntax guides):
 * - precedence: adjacency binds tightest; then NOT and AND, equal, left to
 *   right; OR last. (All the corpus strategies parenthesise mixed operators.)
 * - proximity: `adjN` = the terms within N words of each other in any order,
 *   i.e. at most N−1 words *between*: `adj2` allows one word between, `adj1`
 *   none (either order); bare `adj` is ordered adjacency (a phrase).
 * - unquoted words side by side are a phrase (`nuchal translucency.mp.`).
 * - wildcards: `*` or `$` unlimited truncation, `$n` at most n characters,
 *   `#` exactly one character, `?` zero or one character.
 * - fields: a suffix after a term or group: `.ti,ab.`, `.mp.`, `.tw.` (the
 *   closing dot is optional); `[mp=title, abstract, …]` after it is Ovid's
 *   own echo and is skipped.
 * - headings: `Heading/` (not exploded), `exp Heading/`, `exp *Heading/`
 *   (major), `Heading/px` (with subheading), `exp "Heading"/`.
 * - line references in numbered strategies: `1 or 2`, `or/1-4`, `and/3,5`,
 *   `limit 16 to english`.
 */
import type { Heading, Near, Node, Term } from '../ast.js';
import { OVID_FIELDS, type FieldName } from '../fields.js';
import { fieldCodes, hasSingleCode, mapWildcards, printWith, proximityText, type PrintContext, type PrintSpec } from '../print.js';
import { at } from '../source.js';
import { defaultRun, parseWith, type Parser, type RunPart, type Syntax, type Token } from '../syntax.js';
import type { Dialect } from './types.js';

const CODE = '[a-z]{2,3}';
const SUFFIX = new RegExp(`^\\.(${CODE}(?:,${CODE})*)\\.?(?=$|[\\s()\\[])`, 'i');
const WORD_SUFFIX = new RegExp(`^(.+?)\\.(${CODE}(?:,${CODE})*)\\.?$`, 'i');

function fieldsOf(codes: string): { fields: FieldName[]; unknown: boolean } {
  const out = new Set<FieldName>();
  let unknown = false;
  for (const c of codes.toLowerCase().split(',')) {
    const f = OVID_FIELDS[c];
    if (f) f.forEach((x) => out.add(x));
    else unknown = true;
  }
  return { fields: [...out], unknown };
}

function knownCodes(codes: string): boolean {
  return codes
    .toLowerCase()
    .split(',')
    .every((c) => OVID_FIELDS[c] !== undefined);
}

const syntax: Syntax = {
  name: 'ovid',
  precedence: { or: 1, and: 2, not: 2, andnot: 2, near: 3 },
  implicit: { op: 'phrase' },
  reference: { pattern: /^(\d+)$/, onlyInStrategies: true },
  canonicalWord: (w) => w.replace(/\$(\d+)|\$|#|\?/g, (m, n: string | undefined) => (n ? `*{${n}}` : m === '$' ? '*' : m === '#' ? '?' : '#')),
  wordStop: /\[/,
  lex(text, pos, _source, _findings, atStart): Token | undefined | null {
    const rest = text.slice(pos);
    if (rest[0] === '[') return null; // `[mp=title, abstract, …]`: Ovid's echo of the fields searched
    if (atStart) {
      const limit = /^limit\s+(\S+)\s+to\s+(.+)$/i.exec(rest);
      if (limit) return { t: 'filter', text: limit[2].trim(), ref: limit[1], s: pos, e: text.length };
    }
    const refs = /^(or|and)\/(\d+(?:-\d+)?(?:,\s*\d+(?:-\d+)?)*)(?=$|[\s)])/i.exec(rest);
    if (refs) {
      const labels: string[] = [];
      for (const part of refs[2].split(',')) {
        const [a, b] = part.trim().split('-').map(Number);
        for (let n = a; n <= (b ?? a); n++) labels.push(String(n));
      }
      return { t: 'refs', op: refs[1].toLowerCase() as 'or' | 'and', labels, s: pos, e: pos + refs[0].length };
    }
    const suffix = SUFFIX.exec(rest);
    if (suffix && knownCodes(suffix[1])) {
      const { fields } = fieldsOf(suffix[1]);
      return { t: 'suffix', code: suffix[1], fields, s: pos, e: pos + suffix[0].length };
    }
    return undefined;
  },
  splitWord(word) {
    if (word.v.endsWith('/') || /\/[a-z]{2}$/i.test(word.v)) return [word];
    const m = WORD_SUFFIX.exec(word.v);
    if (!m || !knownCodes(m[2])) return [word];
    const cut = word.s + m[1].length;
    return [
      { t: 'word', v: m[1], s: word.s, e: cut },
      { t: 'suffix', code: m[2], fields: fieldsOf(m[2]).fields, s: cut, e: word.e },
    ];
  },
  buildRun: buildOvidRun,
};

/**
 * Headings: `exp Pain, Postoperative/`, `Mothers/px`, `exp "Prostatitis"/`,
 * `*intracranial hemorrhages/di, pa, ra` (major, with subheadings) — a run of
 * words whose slash is followed by nothing but two-letter subheading codes.
 */
function buildOvidRun(parts: RunPart[], parser: Parser): Node | undefined {
  const slashAt = parts.findIndex((p) => p.kind === 'word' && p.v.includes('/'));
  if (slashAt < 0) return defaultRun(parts, parser);
  const slashWord = parts[slashAt].v;
  const tail = [slashWord.slice(slashWord.indexOf('/') + 1), ...parts.slice(slashAt + 1).map((p) => p.v)].join(' ');
  if (!/^\s*((?:[a-z]{2}\s*,\s*)*[a-z]{2}\s*,?)?\s*$/i.test(tail) || parts.slice(slashAt + 1).some((p) => p.kind !== 'word')) {
    return defaultRun(parts, parser);
  }
  const subheadings = tail.split(/[\s,]+/).filter(Boolean).map((x) => x.toLowerCase());
  const texts = parts.slice(0, slashAt + 1).map((p, i) => (i === slashAt ? p.v.slice(0, p.v.indexOf('/')) : p.v));
  let explode = false;
  if (texts[0].toLowerCase() === 'exp') {
    explode = true;
    texts.shift();
  }
  let text = texts.filter(Boolean).join(' ').trim();
  let major = false;
  if (text.startsWith('*')) {
    major = true;
    text = text.slice(1);
  }
  if (!text) parser.findings.push(at(parser.source, parts[0].s, 'empty-query', 'a heading with no text before "/"'));
  const heading: Heading = {
    kind: 'heading',
    text,
    explode,
    major,
    ...(subheadings.length ? { subheading: subheadings.join(',') } : {}),
    vocabulary: 'mesh',
    span: { start: parts[0].s, end: parts[parts.length - 1].e },
  };
  return heading;
}

const PREFER = ['ti', 'ab', 'kw', 'sh', 'tw', 'mp', 'pt', 'jx', 'au', 'lg', 'dp', 'tx', 'af'];

function field(fields: FieldName[], _code: string, inner: string, compound: boolean, ctx: PrintContext): string {
  // Ovid lists codes with commas, and `.ti,ab.` says exactly what `.tw.` means in only some databases.
  const own = fields.map((f) => PREFER.find((c) => OVID_FIELDS[c]?.length === 1 && OVID_FIELDS[c][0] === f));
  const codes = own.every(Boolean) ? (own as string[]) : fieldCodes(OVID_FIELDS, fields, PREFER, ctx, 'ovid', 'mp');
  return `${compound ? `(${inner})` : inner}.${codes.join(',')}.`;
}

const spec: PrintSpec = {
  dialect: 'ovid',
  and: 'AND',
  or: 'OR',
  not: 'NOT',
  implicit: syntax.implicit,
  near: (node: Near, ctx) =>
    proximityText(node, ctx, 'ovid', {
      unordered: (d) => `ADJ${d + 1}`,
      ordered: (d) => (d === 0 ? 'ADJ' : undefined),
    }),
  word: (w, ctx, span) => mapWildcards(w, { star: '*', limited: (n) => `$${n}`, one: '#', optional: '?' }, ctx, 'ovid', span),
  phrase: (words, exact, ctx, span) => {
    if (exact) ctx.loss('loss-exact-phrase', `{${words.join(' ')}} printed as a loose phrase`, span);
    return `"${words.map((w) => spec.word(w, ctx, span)).join(' ')}"`;
  },
  field,
  singleCode: hasSingleCode(OVID_FIELDS, PREFER),
  heading: (h: Heading) => `${h.explode ? 'exp ' : ''}${h.major ? '*' : ''}${/\/|\b(and|or|not)\b/i.test(h.text) ? `"${h.text}"` : h.text}/${h.subheading ?? ''}`,
  ref: (label) => label,
  filter: (f, inner, ctx) => {
    if (f.child?.kind === 'ref') return `limit ${f.child.label} to ${f.text}`;
    ctx.loss('loss-filter', `limit "${f.text}" must be written as an Ovid "limit" line`, f.span);
    return inner ?? '';
  },
};

export const ovid: Dialect = {
  name: 'ovid',
  label: 'Ovid',
  grammar: {
    precedence: 'adj, then AND = NOT (left to right), then OR',
    proximity: 'adjN: within N words in any order, i.e. ≤N−1 words between (adj2 allows one); bare adj: ordered, adjacent',
    implicit: 'unquoted words side by side: a phrase',
    wildcards: '* or $ unlimited, $n at most n characters, # exactly one, ? zero or one',
    fields: 'suffix codes: .ti. .ab. .ti,ab. .tw. .mp. .kw. .sh.; headings X/ and exp X/',
    plurals: 'no automatic plurals: truncate',
  },
  syntax,
  parse: (source, options) => parseWith(syntax, source, options),
  print: (node) => printWith(spec, node),
  minStem: 3,
  literalWildcards: (_t: Term) => false,
  unsupportedWildcards: [],
  internalWildcards: true,
  // Ovid searches words exactly as written: plurals need truncation.
  plurals: (_t: Term) => false,
  proximity: true,
};
