/**
 * PubMed.
 *
 * Grammar as implemented (PubMed User Guide, "Combining search terms with
 * Boolean operators", "Proximity searching", "Wildcards and truncation"):
 * - precedence: none — AND, OR and NOT are processed left to right, so
 *   `a OR b AND c` = `(a OR b) AND c`. Operators must be upper case; lower-case
 *   ones are read as operators here but reported (`lowercase-operator`).
 * - proximity only inside a tagged phrase: `"hip pain"[tiab:~2]` = the words
 *   within 2 words of each other, any order (title/abstract/affiliation only).
 * - unquoted words side by side: with a tag, searched as a phrase when in the
 *   phrase index (read as a phrase here); untagged, Automatic Term Mapping.
 * - wildcards: `*` at the end of a word (at least 4 letters before it); no
 *   single-character wildcard.
 * - tags after the term: `[tiab]`, `[ti]`, `[ab]`, `[tw]`, `[ot]`, `[pt]`;
 *   headings `[mh]`/`[Mesh]` (exploded), `[mh:noexp]`, `[majr]`, `[sh]`
 *   (subheading), `[Supplementary Concept]`.
 * - history references: `#1 AND #2`.
 */
import type { Heading, Near, Node, Term } from '../ast.js';
import { hasWildcard, stem } from '../ast.js';
import { codesFor, PUBMED_FIELDS, type FieldName } from '../fields.js';
import { fieldCodes, mapWildcards, printWith, type PrintContext, type PrintSpec } from '../print.js';
import { parseWith, type Syntax, type Token } from '../syntax.js';
import type { Dialect } from './types.js';

type SuffixToken = Extract<Token, { t: 'suffix' }>;

/** Read one tag: `tiab`, `mesh:noexp`, `tiab:~3`, `MeSH Terms`, `Supplementary Concept`. */
export function readTag(raw: string, s: number, e: number): SuffixToken {
  const tag = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  const [name, qualifier = ''] = tag.split(':').map((x) => x.trim());
  const base = { t: 'suffix' as const, code: raw.trim(), s, e };
  const noexp = qualifier === 'noexp';
  if (['mh', 'mesh', 'mesh terms', 'mesh term'].includes(name)) {
    return { ...base, fields: ['subject'], heading: { explode: !noexp, major: false, vocabulary: 'mesh' } };
  }
  if (['majr', 'mesh major topic'].includes(name)) {
    return { ...base, fields: ['subject'], heading: { explode: !noexp, major: true, vocabulary: 'mesh' } };
  }
  if (['sh', 'subheading', 'mesh subheading'].includes(name)) {
    return { ...base, fields: ['subject'], heading: { explode: false, major: false, vocabulary: 'subheading' } };
  }
  if (['supplementary concept', 'nm', 'substance name'].includes(name)) {
    return { ...base, fields: ['subject'], heading: { explode: false, major: false, vocabulary: 'supplementary' } };
  }
  const prox = /^~(\d+)$/.exec(qualifier);
  const fields = PUBMED_FIELDS[name];
  if (!fields) return { ...base, fields: ['other'], unknown: true };
  return { ...base, fields, ...(prox ? { proximity: Number(prox[1]) } : {}) };
}

const syntax: Syntax = {
  name: 'pubmed',
  precedence: { or: 1, and: 1, not: 1, andnot: 1 },
  implicit: { op: 'phrase' },
  canonicalWord: (w) => w,
  reference: { pattern: /^#(\d+)$/, onlyInStrategies: false },
  wordStop: /\[/,
  lex(text, pos): Token | undefined {
    if (text[pos] !== '[') return undefined;
    const close = text.indexOf(']', pos);
    if (close < 0) return undefined;
    return readTag(text.slice(pos + 1, close), pos, close + 1);
  },
};

const PREFER = ['tiab', 'ti', 'ab', 'ot', 'tw', 'pt', 'ta', 'dp', 'la', 'au', 'ad', 'all'];

function codesOf(fields: FieldName[], ctx: PrintContext): string[] {
  return fieldCodes(PUBMED_FIELDS, fields, PREFER, ctx, 'pubmed', 'tw');
}

function tag(text: string, ctx: PrintContext, node: Term | Heading): string {
  if (node.kind === 'heading') {
    if (node.vocabulary === 'subheading') {
      const sh = node.subheading ?? node.text;
      return `${/\s/.test(sh) ? `"${sh}"` : sh}[sh]`;
    }
    if (node.vocabulary === 'supplementary') return `"${node.text}"[Supplementary Concept]`;
    const t = node.major ? 'majr' : 'mh';
    if (node.subheading) ctx.loss('loss-heading', `subheading /${node.subheading} of "${node.text}" dropped: PubMed writes subheadings by their full name ("${node.text}/<subheading name>"[mh])`, node.span);
    return `"${node.text}"[${t}${node.explode ? '' : ':noexp'}]`;
  }
  if (!ctx.fields) return text;
  const codes = codesOf(ctx.fields.fields, ctx);
  if (codes.length === 1) return `${text}[${codes[0]}]`;
  return `(${codes.map((c) => `${text}[${c}]`).join(' OR ')})`;
}

function single(n: Node): string | undefined {
  return n.kind === 'term' && n.words.length === 1 && !/[*?#]/.test(n.words[0]) ? n.words[0] : undefined;
}

const spec: PrintSpec = {
  dialect: 'pubmed',
  and: 'AND',
  or: 'OR',
  not: 'NOT',
  implicit: syntax.implicit,
  near: (node: Near, ctx) => {
    ctx.loss('loss-proximity', `${node.written ?? 'proximity'}: PubMed has proximity only between single words of a phrase in [tiab]/[ti]/[ad]; AND used (broader)`, node.span);
    return undefined;
  },
  nearNode(node, ctx) {
    const a = single(node.left);
    const b = single(node.right);
    const codes = ctx.fields ? codesFor(PUBMED_FIELDS, ctx.fields.fields, PREFER)?.codes : ['tiab'];
    const code = codes?.length === 1 && ['tiab', 'ti', 'ad'].includes(codes[0]) ? codes[0] : undefined;
    if (!a || !b || !code) return undefined;
    if (node.ordered) ctx.loss('loss-proximity-order', `${node.written ?? 'ordered proximity'}: PubMed proximity ignores order`, node.span);
    if (!ctx.fields) ctx.loss('loss-field', `proximity "${a} … ${b}" limited to [tiab], the widest field PubMed proximity allows`, node.span);
    return `"${a} ${b}"[${code}:~${node.distance}]`;
  },
  word: (w, ctx, span) => {
    // PubMed reads only a trailing *: anything else is kept as written (so the string says what was
    // meant) and reported, with the nearest form PubMed reads.
    const inner = w.slice(0, -1);
    if (/[*?#{]/.test(inner) || /[?#]$/.test(w)) {
      const cut = w.search(/\*\{\d+\}|[*?#]/);
      ctx.loss('loss-wildcard', `"${w}": PubMed reads only a trailing *; spell the variants out with OR, or use ${w.slice(0, cut)}* (broader)`, span);
      return w;
    }
    // PubMed truncates only after 4 letters (the `short-truncation` lint rule); hyphenated words by their part.
    const part = w.split(/[-/]/).find(hasWildcard) ?? w;
    const letters = stem(part).replace(/[^\p{L}\p{N}]/gu, '').length;
    if (w.endsWith('*') && letters > 0 && letters < 4) {
      ctx.loss('loss-wildcard', `"${w}": PubMed truncates only after at least 4 letters; spell the variants out with OR`, span);
    }
    return mapWildcards(w, { star: '*' }, ctx, 'pubmed', span);
  },
  phrase: (words, exact, ctx, span) => {
    if (exact) ctx.loss('loss-exact-phrase', `{${words.join(' ')}} printed as a loose phrase`, span);
    return `"${words.map((w) => spec.word(w, ctx, span)).join(' ')}"`;
  },
  field: (_f, _c, inner) => inner,
  termTags: true,
  tag,
  heading: (h, ctx) => tag('', ctx, h),
  ref: (label) => (/^\d+$/.test(label) ? `#${label}` : label),
  filter: (f, inner, ctx) => {
    ctx.loss('loss-filter', `limit "${f.text}" must be applied with PubMed filters`, f.span);
    return inner ?? '';
  },
};

export const pubmed: Dialect = {
  name: 'pubmed',
  label: 'PubMed',
  grammar: {
    precedence: 'none: AND, OR, NOT strictly left to right',
    proximity: '"a b"[tiab:~n]: the phrase words within n words of each other, any order; nothing else',
    implicit: 'unquoted words side by side: a phrase when tagged (phrase index), else Automatic Term Mapping',
    wildcards: '* at the end of a word only (at least 4 letters before it)',
    fields: 'tags after the term: [tiab] [ti] [ab] [tw] [ot] [pt]; headings [mh] [mh:noexp] [majr] [sh]',
    plurals: 'tagged terms as written (no plurals)',
  },
  syntax,
  parse: (source, options) => parseWith(syntax, source, options),
  print: (node) => printWith(spec, node),
  minStem: 4,
  literalWildcards: (_t: Term) => false,
  unsupportedWildcards: ['?', '#', '*{n}'],
  internalWildcards: false,
  // Tagged PubMed terms are searched as written (Automatic Term Mapping, which adds forms, only applies to untagged terms).
  plurals: (_t: Term) => false,
  proximity: false,
};
