/**
 * The parsing engine the dialects share: a lexer with dialect hooks and a
 * precedence-climbing parser driven by each dialect's precedence table.
 * Each dialect module (dialects/<name>.ts) configures it and adds its own
 * token forms (field prefixes, suffixes, functions, headings) and its printer.
 *
 * Errors never throw: the parser recovers (an unmatched "(" closes at the end,
 * an unmatched ")" is skipped, a dangling operator is dropped) and reports a
 * located finding, so lint can still run on a malformed block.
 */
import type { Bool, Heading, Implicit, Node, Span, Term } from './ast.js';
import type { Finding } from './diagnostics.js';
import type { FieldName } from './fields.js';
import { at, type Source } from './source.js';

export type DialectName = 'ebsco' | 'ovid' | 'scopus' | 'wos' | 'pubmed';
export const DIALECT_NAMES: DialectName[] = ['ebsco', 'ovid', 'scopus', 'wos', 'pubmed'];

export type BinOp = 'or' | 'and' | 'not' | 'andnot' | 'near' | 'same';

export type Token =
  | { t: 'lparen'; s: number; e: number }
  | { t: 'rparen'; s: number; e: number }
  | { t: 'word'; v: string; s: number; e: number }
  | { t: 'phrase'; v: string; quote: 'quoted' | 'exact'; s: number; e: number }
  /** A field code that applies to the next operand: EBSCO `TI`, WoS `TS=`. */
  | { t: 'prefix'; code: string; fields: FieldName[]; heading?: { major: boolean }; s: number; e: number }
  /** A field function whose "(" is part of the token: Scopus `TITLE-ABS-KEY(`. */
  | { t: 'func'; code: string; fields: FieldName[]; s: number; e: number }
  /** A field code after its operand: Ovid `.ti,ab.`, PubMed `[tiab]`. */
  | { t: 'suffix'; code: string; fields: FieldName[]; heading?: Omit<Heading, 'kind' | 'text' | 'span'>; proximity?: number; unknown?: boolean; s: number; e: number }
  /** A limit the evaluator cannot apply: Scopus `PUBYEAR > 2010`, Ovid `limit 3 to english`. */
  | { t: 'filter'; text: string; ref?: string; s: number; e: number }
  /** Several line references combined: Ovid `or/1-4`. */
  | { t: 'refs'; op: 'and' | 'or'; labels: string[]; s: number; e: number };

export interface OpInfo {
  op: BinOp;
  distance?: number;
  ordered?: boolean;
  written: string;
  /** Set when the operator belongs to another dialect. */
  foreign?: DialectName;
  /** Tokens the operator spans (Scopus `AND NOT` is two words). */
  width: number;
}

/** Proximity spellings of every dialect, to recognise (and report) foreign ones. */
export const PROXIMITY_SPELLINGS: Array<{ dialect: DialectName; re: RegExp; read: (m: RegExpExecArray) => { distance: number; ordered: boolean } }> = [
  { dialect: 'ebsco', re: /^N(\d+)$/, read: (m) => ({ distance: Number(m[1]), ordered: false }) },
  { dialect: 'ebsco', re: /^W(\d+)$/, read: (m) => ({ distance: Number(m[1]), ordered: true }) },
  // Ovid: bare `adj` is ordered adjacency; adjN allows N−1 words between, in any order.
  { dialect: 'ovid', re: /^adj(\d*)$/i, read: (m) => (m[1] ? { distance: Math.max(0, Number(m[1]) - 1), ordered: false } : { distance: 0, ordered: true }) },
  { dialect: 'scopus', re: /^W\/(\d+)$/i, read: (m) => ({ distance: Number(m[1]), ordered: false }) },
  { dialect: 'scopus', re: /^PRE\/(\d+)$/i, read: (m) => ({ distance: Number(m[1]), ordered: true }) },
  // WoS: NEAR/n, n words between; bare NEAR means NEAR/15.
  { dialect: 'wos', re: /^NEAR(?:\/(\d+))?$/i, read: (m) => ({ distance: m[1] ? Number(m[1]) : 15, ordered: false }) },
];

export interface Syntax {
  name: DialectName;
  /** Binding strength (higher binds tighter); operators left to right within a level. */
  precedence: Partial<Record<BinOp, number>>;
  /** How the dialect reads words written side by side without quotes. */
  implicit: Implicit;
  /** Dialect wildcard symbols → canonical notation (see ast.ts). */
  canonicalWord(word: string): string;
  /** Characters that end a bare word (besides whitespace, parentheses and quotes). */
  wordStop?: RegExp;
  /** Dialect-specific tokens, tried before the generic ones at `pos`. */
  lex?(text: string, pos: number, source: Source, findings: Finding[], atStatementStart: boolean): Token | undefined | null;
  /** Split a word that carries a suffix (Ovid `word.ti,ab.`) into tokens. */
  splitWord?(word: Extract<Token, { t: 'word' }>): Token[];
  /** Whether Scopus-style `{exact phrase}` braces are phrases. */
  braces?: boolean;
  /** Build the node for a run of words/phrases with no operator between (default: one term per run of words, phrases alone). */
  buildRun?(parts: RunPart[], parser: Parser): Node | undefined;
  /**
   * How the dialect writes a reference to another line (group 1 = the line's
   * label): Ovid `3` (in strategy lines only), PubMed `#3`, EBSCO `S3`.
   */
  reference?: { pattern: RegExp; onlyInStrategies: boolean };
  /** Does the word read as an operator in this dialect (besides AND/OR/NOT)? */
  operator?(word: string): Omit<OpInfo, 'width' | 'written'> | undefined;
}

export type RunPart = { kind: 'word'; v: string; s: number; e: number } | { kind: 'phrase'; v: string; quote: 'quoted' | 'exact'; s: number; e: number };

export interface ParseOptions {
  /** Labels of earlier lines/blocks: a bare word equal to one is a reference. */
  labels?: ReadonlySet<string>;
  /** Is the text one line of a strategy (Ovid bare numbers are then line references)? */
  statement?: boolean;
}

export interface ParseResult {
  ast: Node | null;
  findings: Finding[];
}

// ---------------------------------------------------------------------------
// Lexer

const SPACE = /\s/;

export function lex(source: Source, syntax: Syntax, findings: Finding[]): Token[] {
  const text = source.text;
  const out: Token[] = [];
  let i = 0;
  const stop = syntax.wordStop;
  while (i < text.length) {
    const c = text[i];
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    const custom = syntax.lex?.(text, i, source, findings, out.length === 0);
    if (custom === null) {
      // The hook consumed a comment: skip to where it says.
      i = skipTo(text, i);
      continue;
    }
    if (custom) {
      out.push(custom);
      i = custom.e;
      continue;
    }
    if (c === '(') {
      out.push({ t: 'lparen', s: i, e: i + 1 });
      i++;
      continue;
    }
    if (c === ')') {
      out.push({ t: 'rparen', s: i, e: i + 1 });
      i++;
      continue;
    }
    if (c === '"' || (c === '{' && syntax.braces)) {
      const close = c === '"' ? '"' : '}';
      let j = i + 1;
      let v = '';
      while (j < text.length && text[j] !== close) {
        // A backslash before a quote is not an escape anywhere; drop it and say so.
        if (text[j] === '\\' && text[j + 1] === '"') {
          findings.push(at(source, j, 'escaped-quote', 'backslash-escaped quote (\\") read as a plain quote'));
          break;
        }
        v += text[j];
        j++;
      }
      if (j >= text.length) {
        findings.push(at(source, i, 'unterminated-quote', `the ${c === '"' ? 'quotation mark' : 'brace'} opened here is never closed`, `add a closing ${close}`));
        out.push({ t: 'phrase', v, quote: c === '"' ? 'quoted' : 'exact', s: i, e: j });
        i = j;
        continue;
      }
      out.push({ t: 'phrase', v, quote: c === '"' ? 'quoted' : 'exact', s: i, e: j + 1 });
      i = j + 1;
      if (text[j] === '\\') i = j + 2;
      continue;
    }
    if (c === '\\' && text[i + 1] === '"') {
      // `\"mini mental stat*\"`: the opening of an escaped phrase.
      findings.push(at(source, i, 'escaped-quote', 'backslash-escaped quote (\\") read as a plain quote'));
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && !SPACE.test(text[j]) && text[j] !== '(' && text[j] !== ')' && text[j] !== '"' && !(stop && stop.test(text[j]) && j > i)) {
      if (text[j] === '\\' && text[j + 1] === '"') break;
      j++;
    }
    if (j === i) j = i + 1; // a stop character on its own
    const word = { t: 'word' as const, v: text.slice(i, j), s: i, e: j };
    out.push(...(syntax.splitWord ? syntax.splitWord(word) : [word]));
    i = j;
  }
  return out;
}

function skipTo(text: string, i: number): number {
  // Comments are bracketed (Ovid `[mp=title, abstract, …]`).
  const close = text.indexOf(']', i);
  return close < 0 ? text.length : close + 1;
}

// ---------------------------------------------------------------------------
// Parser

export class Parser {
  readonly findings: Finding[] = [];
  tokens: Token[] = [];
  i = 0;

  constructor(
    readonly source: Source,
    readonly syntax: Syntax,
    readonly options: ParseOptions = {},
  ) {}

  parse(): ParseResult {
    this.tokens = lex(this.source, this.syntax, this.findings);
    this.tokens = this.balance(this.tokens);
    if (this.tokens.length === 0) {
      this.findings.push(at(this.source, 0, 'empty-query', 'no search term'));
      return { ast: null, findings: this.findings };
    }
    let ast = this.expr(0);
    while (this.i < this.tokens.length) {
      const tok = this.tokens[this.i];
      this.findings.push(at(this.source, tok.s, 'unexpected-token', `unexpected ${describe(tok)}`));
      this.i++;
      const more = this.i < this.tokens.length ? this.expr(0) : null;
      if (ast && more) ast = { kind: 'and', children: [ast, more], implicit: true };
      else ast = ast ?? more;
    }
    return { ast, findings: this.findings };
  }

  /** Report unmatched parentheses (by position) and drop unmatched ")"; unmatched "(" close at the end. */
  private balance(tokens: Token[]): Token[] {
    const open: Token[] = [];
    const drop = new Set<Token>();
    for (const tok of tokens) {
      if (tok.t === 'lparen' || tok.t === 'func') open.push(tok);
      else if (tok.t === 'rparen') {
        if (open.length) open.pop();
        else {
          drop.add(tok);
          this.findings.push(at(this.source, tok.s, 'unbalanced-parens', 'this ")" closes no "("', 'remove the extra ")"'));
        }
      }
    }
    for (const tok of open) {
      this.findings.push(at(this.source, tok.s, 'unbalanced-parens', `this "${tok.t === 'func' ? `${(tok as { code: string }).code}(` : '('}" is never closed`, 'add the missing ")"'));
    }
    return drop.size ? tokens.filter((t) => !drop.has(t)) : tokens;
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private prec(op: BinOp): number {
    const p = this.syntax.precedence[op];
    if (p !== undefined) return p;
    // Operators the dialect lacks (foreign proximity, SAME…) bind like its proximity, else like AND.
    if (op === 'near' || op === 'same') return this.syntax.precedence.near ?? this.syntax.precedence.and ?? 1;
    if (op === 'andnot') return this.syntax.precedence.not ?? this.syntax.precedence.and ?? 1;
    return 1;
  }

  /** The binary operator at the current position, if the token there reads as one and an operand follows. */
  opAt(index = this.i): OpInfo | undefined {
    const tok = this.tokens[index];
    if (!tok || tok.t !== 'word') return undefined;
    const next = this.tokens[index + 1];
    const word = tok.v;
    const upper = word.toUpperCase();
    let info: OpInfo | undefined;
    if (upper === 'AND' || upper === 'OR' || upper === 'NOT') {
      info = { op: upper.toLowerCase() as BinOp, written: word, width: 1 };
      if (upper === 'AND' && next?.t === 'word' && next.v.toUpperCase() === 'NOT') {
        info = { op: 'andnot', written: `${word} ${next.v}`, width: 2 };
      }
    } else {
      const native = this.syntax.operator?.(word);
      if (native) info = { ...native, written: word, width: 1 };
      else {
        for (const p of PROXIMITY_SPELLINGS) {
          const m = p.re.exec(word);
          if (m) {
            info = { op: 'near', ...p.read(m), written: word, foreign: p.dialect, width: 1 };
            break;
          }
        }
        if (!info && upper === 'SAME') info = { op: 'same', written: word, foreign: 'wos', width: 1 };
      }
      // Only a word between two operands is a foreign operator; elsewhere it is a word (N2 the gas).
      if (info && (!startsOperand(this.tokens[index + info.width]) || index === 0)) return undefined;
    }
    return info;
  }

  expr(minPrec: number): Node | null {
    let left = this.unary();
    for (;;) {
      const tok = this.peek();
      if (!tok || tok.t === 'rparen') break;
      const op = this.opAt();
      if (op) {
        const p = this.prec(op.op);
        if (p < minPrec) break;
        const opTok = tok;
        this.i += op.width;
        if (op.foreign && op.foreign !== this.syntax.name) {
          this.findings.push(at(this.source, opTok.s, 'unsupported-operator', `${op.written} is ${DIALECT_LABEL[op.foreign]} syntax; ${DIALECT_LABEL[this.syntax.name]} does not know it and searches it as a word`, this.suggest(op)));
        }
        if (!this.peek() || this.peek()!.t === 'rparen') {
          this.findings.push(at(this.source, opTok.s, 'missing-operand', `${op.written} has nothing on its right`));
          break;
        }
        const right = this.expr(p + 1);
        if (!right) break;
        if (!left) {
          left = right;
          continue;
        }
        left = this.combine(op, left, right);
        continue;
      }
      if (tok.t === 'word' && isBooleanWord(tok.v)) {
        // A Boolean word with nothing after it.
        this.findings.push(at(this.source, tok.s, 'missing-operand', `${tok.v} has nothing on its right`));
        this.i++;
        continue;
      }
      if (!startsOperand(tok)) break;
      // Juxtaposition: the dialect reads it as AND.
      const p = this.prec('and');
      if (p < minPrec) break;
      const right = this.expr(p + 1);
      if (!right) break;
      if (!left) {
        left = right;
        continue;
      }
      if (isGroup(left) || isGroup(right) || this.syntax.implicit.op !== 'and') {
        this.findings.push(at(this.source, tok.s, 'missing-operator', 'no operator before this; read as AND', 'write the operator (AND, OR…) explicitly'));
      }
      left = { kind: 'and', children: [left, right], implicit: true, span: spanOf(left, right) };
    }
    return left;
  }

  private suggest(op: OpInfo): string | undefined {
    if (op.op !== 'near') return undefined;
    return `use ${nativeProximity(this.syntax.name, op.distance ?? 0, op.ordered ?? false)}`;
  }

  private combine(op: OpInfo, left: Node, right: Node): Node {
    const span = spanOf(left, right);
    switch (op.op) {
      case 'and':
      case 'same':
      case 'or': {
        // Chains of one operator become one list (`a OR b OR c`); a parenthesised group stays a node.
        const kind = op.op === 'or' ? 'or' : 'and';
        if (left.kind === kind && !isGroup(left) && !left.implicit) return { kind, children: [...left.children, right], span };
        return { kind, children: [left, right], span };
      }
      case 'not':
      case 'andnot':
        return { kind: 'not', left, right, span };
      case 'near':
        return { kind: 'near', left, right, distance: op.distance ?? 0, ordered: op.ordered ?? false, written: op.written, span };
    }
  }

  private unary(): Node | null {
    const tok = this.peek();
    if (!tok) return null;
    if (tok.t === 'word' && isBooleanWord(tok.v) && !this.options.labels?.has(tok.v)) {
      // An operator where an operand should be: `OR “Wounds…”` at the start of a line.
      this.findings.push(at(this.source, tok.s, 'missing-operand', `${tok.v} has nothing on its left`));
      this.i++;
      return this.unary();
    }
    return this.postfix(this.primary());
  }

  private primary(): Node | null {
    const tok = this.peek();
    if (!tok) return null;
    switch (tok.t) {
      case 'lparen': {
        this.i++;
        if (this.peek()?.t === 'rparen') {
          this.findings.push(at(this.source, tok.s, 'empty-query', 'empty parentheses'));
          this.i++;
          return null;
        }
        const inner = this.expr(0);
        const close = this.peek();
        let end = close ? close.s : this.source.text.length;
        if (close?.t === 'rparen') {
          this.i++;
          end = close.e;
        }
        if (!inner) return null;
        return withSpan(inner, tok.s, end, true);
      }
      case 'func': {
        this.i++;
        const inner = this.expr(0);
        const close = this.peek();
        let end = this.source.text.length;
        if (close?.t === 'rparen') {
          this.i++;
          end = close.e;
        }
        if (!inner) return null;
        return { kind: 'fields', fields: tok.fields, code: tok.code, child: inner, span: { start: tok.s, end } };
      }
      case 'prefix': {
        this.i++;
        const inner = this.postfix(this.primary());
        if (!inner) {
          this.findings.push(at(this.source, tok.s, 'missing-operand', `field code ${tok.code} has no search term after it`));
          return null;
        }
        if (tok.heading && inner.kind === 'term') return headingFromTerm(inner, tok.heading.major, tok.s);
        return { kind: 'fields', fields: tok.fields, code: tok.code, child: inner, span: { start: tok.s, end: inner.span?.end ?? tok.e } };
      }
      case 'filter': {
        this.i++;
        return { kind: 'filter', child: tok.ref ? { kind: 'ref', label: tok.ref, span: { start: tok.s, end: tok.e } } : null, text: tok.text, span: { start: tok.s, end: tok.e } };
      }
      case 'refs': {
        this.i++;
        for (const l of tok.labels) this.checkLabel(l, tok.s);
        const kids: Node[] = tok.labels.map((label) => ({ kind: 'ref', label, span: { start: tok.s, end: tok.e } }));
        return kids.length === 1 ? kids[0] : { kind: tok.op, children: kids, span: { start: tok.s, end: tok.e } };
      }
      case 'word':
      case 'phrase':
        return this.run();
      case 'suffix': {
        this.findings.push(at(this.source, tok.s, 'unexpected-token', `field code ${tok.code} has no search term before it`));
        this.i++;
        return this.primary();
      }
      case 'rparen':
        return null;
    }
  }

  private checkLabel(label: string, offset: number): void {
    if (this.options.labels && !this.options.labels.has(label)) {
      this.findings.push(at(this.source, offset, 'unresolved-reference', `no line or block "${label}" before this one`));
    }
  }

  /** Words and phrases side by side, up to the next operator or group. */
  private run(): Node | null {
    const parts: RunPart[] = [];
    while (this.i < this.tokens.length) {
      const tok = this.tokens[this.i];
      if (tok.t === 'phrase') parts.push({ kind: 'phrase', v: tok.v, quote: tok.quote, s: tok.s, e: tok.e });
      else if (tok.t === 'word') {
        if (parts.length > 0 && (this.opAt() || isBooleanWord(tok.v))) break;
        parts.push({ kind: 'word', v: tok.v, s: tok.s, e: tok.e });
      } else break;
      this.i++;
    }
    if (parts.length === 0) return null;
    const labels = this.options.labels ?? new Set<string>();
    if (parts.length === 1 && parts[0].kind === 'word') {
      const p = parts[0];
      // `3`, `#3` (PubMed history) and `S3` (EBSCO history) all name the line labelled 3.
      const prefixed = /^#(.+)$/.exec(p.v) ?? /^S(\d+)$/.exec(p.v);
      const label = labels.has(p.v) ? p.v : prefixed && labels.has(prefixed[1]) ? prefixed[1] : undefined;
      if (label !== undefined) return { kind: 'ref', label, span: { start: p.s, end: p.e } };
      const r = this.syntax.reference;
      const m = r && (this.options.statement || !r.onlyInStrategies) ? r.pattern.exec(p.v) : null;
      if (m) {
        this.checkLabel(m[1], p.s);
        return { kind: 'ref', label: m[1], span: { start: p.s, end: p.e } };
      }
    }
    return this.syntax.buildRun ? this.syntax.buildRun(parts, this) ?? null : defaultRun(parts, this);
  }

  /** A term built from a part, wildcards canonicalised. */
  termFrom(part: RunPart | RunPart[]): Term {
    const list = Array.isArray(part) ? part : [part];
    const first = list[0];
    const last = list[list.length - 1];
    if (first.kind === 'phrase') {
      const words = first.v.split(/\s+/).filter(Boolean).map((w) => this.syntax.canonicalWord(w));
      if (words.length === 0) this.findings.push(at(this.source, first.s, 'empty-query', 'empty phrase'));
      return { kind: 'term', words, quote: first.quote, span: { start: first.s, end: first.e } };
    }
    const words = list.map((p) => this.syntax.canonicalWord(p.v));
    return {
      kind: 'term',
      words,
      quote: 'none',
      ...(words.length > 1 ? { implicit: this.syntax.implicit } : {}),
      span: { start: first.s, end: last.e },
    };
  }

  private postfix(node: Node | null): Node | null {
    let n = node;
    for (;;) {
      const tok = this.peek();
      if (!tok || tok.t !== 'suffix') return n;
      this.i++;
      if (!n) {
        this.findings.push(at(this.source, tok.s, 'unexpected-token', `field code ${tok.code} has no search term before it`));
        continue;
      }
      if (tok.unknown) this.findings.push(at(this.source, tok.s, 'unknown-field', `unknown field code "${tok.code}"`));
      const span = { start: n.span?.start ?? tok.s, end: tok.e };
      if (tok.heading && n.kind === 'term') {
        n = { kind: 'heading', text: n.words.join(' '), ...tok.heading, span };
        continue;
      }
      if (tok.proximity !== undefined && n.kind === 'term' && n.words.length > 1) {
        // PubMed `"hip pain"[tiab:~2]`: the words within n words of each other, any order.
        let chain: Node = { kind: 'term', words: [n.words[0]], quote: 'none', span: n.span };
        for (const w of n.words.slice(1)) {
          chain = { kind: 'near', left: chain, right: { kind: 'term', words: [w], quote: 'none', span: n.span }, distance: tok.proximity, ordered: false, written: `~${tok.proximity}`, span };
        }
        n = { kind: 'fields', fields: tok.fields, code: tok.code, child: chain, span };
        continue;
      }
      n = { kind: 'fields', fields: tok.fields, code: tok.code, child: n, span };
    }
  }
}

export function defaultRun(parts: RunPart[], parser: Parser): Node {
  // Runs of bare words form one term; a phrase stands alone; side by side they are ANDed.
  const groups: RunPart[][] = [];
  for (const p of parts) {
    const last = groups[groups.length - 1];
    if (p.kind === 'word' && last && last[0].kind === 'word') last.push(p);
    else groups.push([p]);
  }
  const nodes = groups.map((g) => parser.termFrom(g));
  if (nodes.length === 1) return nodes[0];
  if (parser.syntax.implicit.op !== 'and') {
    parser.findings.push(at(parser.source, groups[1][0].s, 'missing-operator', 'a phrase and a word side by side, with no operator; read as AND', 'write AND (or OR) between them'));
  }
  return { kind: 'and', children: nodes, implicit: true, span: { start: parts[0].s, end: parts[parts.length - 1].e } } satisfies Bool;
}

export function headingFromTerm(t: Term, major: boolean, start?: number): Heading {
  let text = t.words.join(' ');
  let explode = false;
  if (text.endsWith('+')) {
    explode = true;
    text = text.slice(0, -1).trim();
  }
  // EBSCO `MH "Lasers/DU"`: heading with a subheading code.
  const sub = /^(.*?\S)((?:\/[A-Za-z]{2})+)$/.exec(text);
  if (sub) text = sub[1];
  const subheading = sub ? sub[2].slice(1).toLowerCase().split('/').join(',') : undefined;
  return { kind: 'heading', text, explode, major, ...(subheading ? { subheading } : {}), vocabulary: 'mesh', span: { start: start ?? t.span?.start ?? 0, end: t.span?.end ?? 0 } };
}

export const DIALECT_LABEL: Record<DialectName, string> = {
  ebsco: 'EBSCOhost',
  ovid: 'Ovid',
  scopus: 'Scopus',
  wos: 'Web of Science',
  pubmed: 'PubMed',
};

/** How a dialect writes a proximity of `distance` words between (for fix suggestions). */
export function nativeProximity(dialect: DialectName, distance: number, ordered: boolean): string {
  switch (dialect) {
    case 'ebsco':
      return `${ordered ? 'W' : 'N'}${distance}`;
    case 'ovid':
      return ordered && distance === 0 ? 'adj' : `adj${distance + 1}`;
    case 'scopus':
      return `${ordered ? 'PRE' : 'W'}/${distance}`;
    case 'wos':
      return `NEAR/${distance}`;
    case 'pubmed':
      return `"…"[tiab:~${distance}]`;
  }
}

export function isBooleanWord(v: string): boolean {
  const u = v.toUpperCase();
  return u === 'AND' || u === 'OR' || u === 'NOT';
}

export function startsOperand(tok: Token | undefined): boolean {
  if (!tok) return false;
  return tok.t === 'word' ? !isBooleanWord(tok.v) : tok.t !== 'rparen' && tok.t !== 'suffix';
}

/** Was the node written inside its own parentheses? (Only on trees fresh from the parser.) */
export function isParenthesised(n: Node): boolean {
  return isGroup(n);
}

/** The operators of a source as the dialect reads them, with their positions (for lint). */
export function operatorsOf(source: Source, syntax: Syntax): Array<{ token: Extract<Token, { t: 'word' }>; op: OpInfo }> {
  const p = new Parser(source, syntax);
  p.tokens = lex(source, syntax, []);
  const out: Array<{ token: Extract<Token, { t: 'word' }>; op: OpInfo }> = [];
  for (let i = 1; i < p.tokens.length; i++) {
    const tok = p.tokens[i];
    const prev = p.tokens[i - 1];
    if (tok.t !== 'word' || prev.t === 'lparen' || prev.t === 'func' || prev.t === 'prefix') continue;
    if (prev.t === 'word' && isBooleanWord(prev.v)) continue;
    const op = p.opAt(i);
    if (op) {
      out.push({ token: tok, op });
      i += op.width - 1;
    }
  }
  return out;
}

function isGroup(n: Node): boolean {
  return (n as { paren?: boolean }).paren === true;
}

function withSpan(n: Node, start: number, end: number, paren: boolean): Node {
  // Mark parenthesised groups (for the missing-operator warning) without a public AST field.
  const out = { ...n, span: { start, end } } as Node;
  if (paren) Object.defineProperty(out, 'paren', { value: true, enumerable: false });
  return out;
}

function spanOf(a: Node, b: Node): Span | undefined {
  if (!a.span || !b.span) return a.span ?? b.span;
  return { start: Math.min(a.span.start, b.span.start), end: Math.max(a.span.end, b.span.end) };
}

function describe(tok: Token): string {
  switch (tok.t) {
    case 'word':
      return `"${tok.v}"`;
    case 'phrase':
      return `phrase "${tok.v}"`;
    case 'rparen':
      return '")"';
    case 'lparen':
      return '"("';
    default:
      return `"${'code' in tok ? tok.code : tok.t}"`;
  }
}

/** Parse a source with a dialect syntax. */
export function parseWith(syntax: Syntax, source: Source, options: ParseOptions = {}): ParseResult {
  return new Parser(source, syntax, options).parse();
}
