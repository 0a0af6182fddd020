/**
 * Reading query files into one structure, whatever their layout:
 *
 * - a **protocol block file** (the reference review's `queries/*.txt`): an
 *   interface heading, then blocks each introduced by a label line
 *   (`A. Cydweithrediad`) and followed by its search string (PDF-wrapped over
 *   several lines), and optionally a combination line (`A + (B neu C) + D`,
 *   "+" = AND, "neu"/"or" = OR);
 * - a **line-numbered strategy** (Ovid/PubMed/EBSCO search histories, the
 *   CLEF TAR and transmute files): one statement per line, numbered (`1 exp
 *   X/`, `1. MMSE*.ti,ab.`, `#1 …`) or implicitly by position, statements
 *   referring to earlier ones (`1 or 2`, `or/1-4`, `#1 AND #2`); headings and
 *   notes inside the strategy are recognised and skipped;
 * - a **single query** (everything else).
 *
 * Every statement or block keeps a Source that maps its offsets back to the
 * file's lines and columns, so findings point at the original text.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Node } from './ast.js';
import { DIALECTS, dialectByName, type Dialect } from './dialects/index.js';
import { severityOf, type Finding } from './diagnostics.js';
import { at, sourceFromLines, sourceFromString, type FileLine, type Source } from './source.js';
import type { DialectName } from './syntax.js';

export interface Block {
  /** `A`…`G` in a protocol; the line label (`1`, `#3`, `1a`, `Final search`) in a strategy. */
  label: string;
  title?: string;
  /** Line of the label (protocol) or of the statement (strategy). */
  line: number;
  source: Source;
  ast: Node | null;
  findings: Finding[];
}

export interface Combination {
  text: string;
  line: number;
  ast: Node | null;
  findings: Finding[];
  /** The file it was read from (a file without one may borrow a sibling's). */
  from: string;
}

export type DialectSource = 'option' | 'heading' | 'filename' | 'content' | 'default';

export interface QueryDocument {
  kind: 'protocol' | 'strategy' | 'query';
  file: string;
  lines: string[];
  heading?: string;
  dialect: Dialect;
  dialectFrom: DialectSource;
  blocks: Block[];
  combination?: Combination;
  /** Strategy: the label of the statement that is the search (the one named "final", else the last). */
  final?: string;
  /** File-level findings (annotations skipped, typographic characters, combination problems). */
  findings: Finding[];
}

export interface ReadOptions {
  dialect?: string;
  /** Name shown in findings (defaults to the path). */
  name?: string;
}

/** Read and parse a query file. */
export function readQueryFile(path: string, options: ReadOptions = {}): QueryDocument {
  return readQueryText(readFileSync(path, 'utf8'), options.name ?? path, options);
}

export function readQueryText(raw: string, file: string, options: ReadOptions = {}): QueryDocument {
  const text = raw.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const clef = clefQueryLines(lines);
  if (clef) return readStrategy(lines, clef, file, options);
  const labels = labelLines(lines);
  if (labels.length >= 2) return readProtocol(lines, labels, file, options);
  const body = lines.map((t, i) => ({ line: i + 1, text: t })).filter((l) => l.text.trim());
  if (body.length > 1 && looksLikeStrategy(body)) return readStrategy(lines, body, file, options);
  return readSingle(lines, body, file, options);
}

// ---------------------------------------------------------------------------
// Dialect detection

const HEADING_DIALECTS: Array<[RegExp, DialectName]> = [
  [/\bebsco/i, 'ebsco'],
  [/\bovid\b|social policy (and|&) practice|polisi ac ymarfer|\bspp\b/i, 'ovid'],
  [/\bscopus\b/i, 'scopus'],
  [/web of science|\bwos\b|clarivate/i, 'wos'],
  [/\bpubmed\b/i, 'pubmed'],
  [/\bcinahl|psycinfo|academic search/i, 'ebsco'],
];

const CONTENT_DIALECTS: Array<[RegExp, DialectName]> = [
  [/\s(N|W)\d+\s/, 'ebsco'],
  [/\sadj\d*\s|\.(ti|ab|tw|mp|sh|pt|kw|kf)\.|\bexp [^\n]*\/|^\s*\d+\s+or\/\d/im, 'ovid'],
  [/\s(W|PRE)\/\d+\s|TITLE-ABS-KEY\s*\(|\{[^}]+\}/i, 'scopus'],
  [/\bNEAR\/\d+|\b(TS|TI|AB|SO|AK)\s*=/, 'wos'],
  [/\[(tiab|ti|ab|mh|mesh|majr|tw|pt|sh)(:[^\]]*)?\]/i, 'pubmed'],
];

export function detectDialect(heading: string | undefined, file: string, text: string, forced?: string): { dialect: Dialect; from: DialectSource } {
  if (forced) {
    const d = dialectByName(forced);
    if (!d) throw new Error(`unknown dialect "${forced}" (known: ${Object.keys(DIALECTS).join(', ')})`);
    return { dialect: d, from: 'option' };
  }
  if (heading) for (const [re, d] of HEADING_DIALECTS) if (re.test(heading)) return { dialect: DIALECTS[d], from: 'heading' };
  const name = basename(file).toLowerCase();
  for (const d of Object.keys(DIALECTS) as DialectName[]) if (name.includes(d)) return { dialect: DIALECTS[d], from: 'filename' };
  for (const [re, d] of CONTENT_DIALECTS) if (re.test(text)) return { dialect: DIALECTS[d], from: 'content' };
  return { dialect: DIALECTS.ovid, from: 'default' };
}

// ---------------------------------------------------------------------------
// Protocol block files

const LABEL_LINE = /^\s*([A-Z])\.\s+(\S.*?)\s*$/;

/** Block label lines: `A. Title` where the title is prose, not a search (no brackets, quotes or operators). */
function labelLines(lines: string[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    const m = LABEL_LINE.exec(l);
    if (m && !/[()"“”[\]*$]|\b(AND|OR|NOT)\b/.test(m[2]) && m[2].split(/\s+/).length <= 8) out.push(i);
  });
  return out;
}

const COMBINATION_WORDS = /\bneu\b|\bor\b|\band\b|\bac\b|\+|[()]|\b[A-Z]\b/gi;

function isCombinationLine(line: string, labels: Set<string>): boolean {
  if (!line.trim() || line.replace(COMBINATION_WORDS, '').trim() !== '') return false;
  const used = line.match(/\b[A-Z]\b/g) ?? [];
  return used.length >= 2 && used.every((l) => labels.has(l)) && /\+|\bneu\b|\bor\b|\band\b|\bac\b/i.test(line);
}

function readProtocol(lines: string[], labelIdx: number[], file: string, options: ReadOptions): QueryDocument {
  const labels = new Set(labelIdx.map((i) => LABEL_LINE.exec(lines[i])![1]));
  const headingLine = lines.slice(0, labelIdx[0]).find((l) => l.trim());
  const heading = headingLine?.trim();
  const { dialect, from } = detectDialect(heading, file, lines.join('\n'), options.dialect);
  const findings: Finding[] = [];
  const blocks: Block[] = [];
  let combination: Combination | undefined;
  const seen = new Set<string>();
  labelIdx.forEach((start, k) => {
    const end = k + 1 < labelIdx.length ? labelIdx[k + 1] : lines.length;
    const [, label, title] = LABEL_LINE.exec(lines[start])!;
    const body: FileLine[] = [];
    for (let i = start + 1; i < end; i++) {
      if (isCombinationLine(lines[i], labels)) {
        combination = readCombination(lines, i, file, labels);
        continue;
      }
      if (lines[i].trim()) body.push({ line: i + 1, text: lines[i] });
    }
    const source = sourceFromLines(body, lines, file, label);
    const block: Block = { label, title, line: start + 1, source, ast: null, findings: [] };
    if (seen.has(label)) findings.push(at(source, 0, 'unexpected-token', `block ${label} appears twice`));
    seen.add(label);
    if (body.length === 0) {
      block.findings.push({ code: 'empty-query', severity: severityOf('empty-query'), message: `block ${label} has no search string`, file, block: label, line: start + 1, column: 1 });
    } else {
      const r = dialect.parse(source);
      block.ast = r.ast;
      block.findings.push(...r.findings);
    }
    noteTypography(source, block.findings);
    blocks.push(block);
  });
  return { kind: 'protocol', file, lines, heading, dialect, dialectFrom: from, blocks, combination, findings };
}

function noteTypography(source: Source, findings: Finding[]): void {
  if (source.replaced.length === 0) return;
  const f = at(source, source.replaced[0], 'typographic-characters', `${source.replaced.length} typographic character${source.replaced.length > 1 ? 's' : ''} (curly quotes, dashes, non-breaking spaces) read as plain ones`);
  findings.push(f);
}

/** The combination line: labels, `+`/`and`/`ac` (AND), `neu`/`or` (OR), parentheses. */
export function readCombination(lines: string[], index: number, file: string, labels: ReadonlySet<string>): Combination {
  const text = lines[index];
  const source = sourceFromString(text, file, index + 1);
  const findings: Finding[] = [];
  const tokens = [...text.matchAll(/\+|\bneu\b|\bor\b|\band\b|\bac\b|[()]|\b[A-Z]\b/gi)].map((m) => ({ v: m[0], s: m.index! }));
  let i = 0;
  const isOr = (v: string) => /^(neu|or)$/i.test(v);
  const isAnd = (v: string) => v === '+' || /^(and|ac)$/i.test(v);
  let mixed = false;
  const primary = (): Node | null => {
    const t = tokens[i];
    if (!t) return null;
    if (t.v === '(') {
      i++;
      const inner = orExpr();
      if (tokens[i]?.v === ')') i++;
      else findings.push(at(source, t.s, 'unbalanced-parens', 'this "(" is never closed'));
      return inner;
    }
    if (/^[A-Z]$/.test(t.v)) {
      i++;
      if (!labels.has(t.v)) findings.push(at(source, t.s, 'unresolved-reference', `no block ${t.v} in this file`));
      return { kind: 'ref', label: t.v, span: { start: t.s, end: t.s + 1 } };
    }
    findings.push(at(source, t.s, 'unexpected-token', `unexpected "${t.v}"`));
    i++;
    return primary();
  };
  const andExpr = (): Node | null => {
    let left = primary();
    while (tokens[i] && isAnd(tokens[i].v)) {
      i++;
      const right = primary();
      if (left && right) left = { kind: 'and', children: [left, right] };
    }
    return left;
  };
  const orExpr = (): Node | null => {
    let left = andExpr();
    while (tokens[i] && isOr(tokens[i].v)) {
      if (left?.kind === 'and' || (tokens[i + 2] && isAnd(tokens[i + 2].v))) mixed = true;
      i++;
      const right = andExpr();
      if (left && right) left = { kind: 'or', children: [left, right] };
    }
    return left;
  };
  const ast = orExpr();
  if (mixed) findings.push(at(source, 0, 'mixed-operators', 'the combination mixes AND and OR without parentheses'));
  return { text: text.trim(), line: index + 1, ast, findings, from: file };
}

// ---------------------------------------------------------------------------
// Line-numbered strategies

/** The `Query:` section of a CLEF TAR topic file (`Topic:`, `Title:`, `Query:`, `Pids:`). */
function clefQueryLines(lines: string[]): FileLine[] | undefined {
  const q = lines.findIndex((l) => /^Query:\s*$/.test(l));
  if (q < 0 || !lines.some((l) => /^Topic:/.test(l))) return undefined;
  const out: FileLine[] = [];
  for (let i = q + 1; i < lines.length && !/^Pids:/.test(lines[i]); i++) if (lines[i].trim()) out.push({ line: i + 1, text: lines[i] });
  return out;
}

const NUMBERED = /^\s*(#?\d+|S\d+)(?:\.(?=\s)|\s)\s*(\S.*)$/;

function looksLikeStrategy(body: FileLine[]): boolean {
  if (body.every((l) => NUMBERED.test(l.text))) return true;
  // Several lines, one referring to others (`1 or 2`, `or/1-3`, `#1 AND #2`), or labelled
  // (`1a`, `2. Population: …`, `Final search: …`). Otherwise several lines are one wrapped query.
  return body.some(
    (l) =>
      /^\s*(#?\d+\s+(or|and|not)\s+#?\d+|(or|and)\/\d)/i.test(l.text) ||
      /^\s*\d+[a-z]?\.?\s*$/.test(l.text) ||
      /^\s*\d+\.?\s+[A-Z][^:[\]"]*:/.test(l.text) ||
      /^\s*(final search|search combination)/i.test(l.text),
  );
}

interface Statement {
  label?: string;
  lines: FileLine[];
}

/** A heading or note inside a strategy (`2. Population: low-back pain…`, `Search combination`). */
function annotation(text: string, labels: ReadonlySet<string>): { label?: string } | undefined {
  const colon = /^\s*([^:[\]"“”]+?):\s*(.*)$/.exec(text);
  if (colon) {
    const tail = colon[2];
    const refsOnly = tail.split(/[\s()]+/).filter(Boolean).every((w) => labels.has(w) || /^(and|or|not)$/i.test(w));
    if (refsOnly && tail.trim()) return undefined; // `Final search: A or B or C or D` is a statement
    if (/[[\]"“”*$]|\.\w\w\./.test(tail)) return undefined;
    const num = /^(\d+)\.?\s/.exec(colon[1]);
    return { label: num?.[1] };
  }
  if (/^\s*search(es)?\b[^[\]"“”*]*$/i.test(text) && !/\b(AND|OR|NOT)\b/.test(text)) return {};
  return undefined;
}

/** `4 Methodological filter (primary diagnostic studies)`: a numbered prose heading (no operators, tags, quotes or wildcards). */
function numberedHeading(text: string): { label?: string } | undefined {
  const m = /^\s*(\d+)\.?\s+[A-Z][a-z]+\s+[a-z(][^[\]"“”*$/]*$/.exec(text);
  if (!m || /\b(and|or|not|adj\d*)\b/i.test(text)) return undefined;
  return { label: m[1] };
}

function readStrategy(lines: string[], body: FileLine[], file: string, options: ReadOptions): QueryDocument {
  const { dialect, from } = detectDialect(undefined, file, body.map((l) => l.text).join('\n'), options.dialect);
  const findings: Finding[] = [];
  const numbered = body.every((l) => NUMBERED.test(l.text)) && body.every((l, i) => NUMBERED.exec(l.text)![1].replace(/^[#S]/, '') === String(i + 1));
  const statements: Statement[] = [];
  if (numbered) {
    for (const l of body) {
      const m = NUMBERED.exec(l.text)!;
      const offset = l.text.indexOf(m[2]);
      statements.push({ label: m[1], lines: [{ line: l.line, text: ' '.repeat(offset) + m[2] }] });
    }
  } else {
    // Explicit labels come from label lines (`1a`), numbered headings and `A. …` lines.
    const explicit = new Set<string>();
    for (const l of body) {
      const m = /^\s*(\d+[a-z]?|[A-Z])\.?\s*$/.exec(l.text) ?? /^\s*([A-Z]|\d+[a-z]?)\.\s+\S/.exec(l.text);
      if (m) explicit.add(m[1]);
      const h = /^\s*(\d+)\.?\s+[A-Z][^:]*:/.exec(l.text);
      if (h) explicit.add(h[1]);
    }
    let pending: string | undefined;
    for (const l of body) {
      const labelOnly = /^\s*(\d+[a-z]?|[A-Z])\.?\s*$/.exec(l.text);
      if (labelOnly && explicit.size) {
        pending = labelOnly[1];
        continue;
      }
      const note = annotation(l.text, new Set([...explicit, ...statements.map((s) => s.label ?? '')])) ?? (explicit.size ? numberedHeading(l.text) : undefined);
      if (note) {
        findings.push({ code: 'strategy-annotation', severity: 'info', message: `"${l.text.trim()}" is a heading, not a search`, file, line: l.line, column: 1 });
        pending = note.label ?? pending;
        continue;
      }
      if (/^\s*(AND|OR|NOT)\s/i.test(l.text) && statements.length) {
        // A wrapped line that continues the previous statement.
        statements[statements.length - 1].lines.push(l);
        continue;
      }
      const inline = /^\s*([A-Z])\.\s+(.*)$/.exec(l.text) ?? /^\s*(final search|search):\s*(.*)$/i.exec(l.text);
      if (inline && explicit.size > 0) {
        const offset = l.text.indexOf(inline[2]);
        statements.push({ label: inline[1], lines: [{ line: l.line, text: ' '.repeat(offset) + inline[2] }] });
        pending = undefined;
        continue;
      }
      statements.push({ label: pending, lines: [l] });
      pending = undefined;
    }
    if (!explicit.size) statements.forEach((s, i) => (s.label = String(i + 1)));
  }
  const known = new Set<string>();
  const blocks: Block[] = [];
  statements.forEach((st) => {
    const label = st.label ?? `line ${st.lines[0].line}`;
    const source = sourceFromLines(st.lines, lines, file, label);
    const r = dialect.parse(source, { labels: known, statement: true });
    blocks.push({ label, line: st.lines[0].line, source, ast: r.ast, findings: r.findings });
    noteTypography(source, blocks[blocks.length - 1].findings);
    known.add(label);
  });
  const finalBlock = blocks.find((b) => /^final/i.test(b.label)) ?? blocks[blocks.length - 1];
  return { kind: 'strategy', file, lines, dialect, dialectFrom: from, blocks, final: finalBlock?.label, findings };
}

function readSingle(lines: string[], body: FileLine[], file: string, options: ReadOptions): QueryDocument {
  const { dialect, from } = detectDialect(undefined, file, lines.join('\n'), options.dialect);
  const source = sourceFromLines(body, lines, file, undefined);
  const r = dialect.parse(source);
  const block: Block = { label: 'query', line: body[0]?.line ?? 1, source, ast: r.ast, findings: r.findings };
  noteTypography(source, block.findings);
  return { kind: 'query', file, lines, dialect, dialectFrom: from, blocks: [block], final: 'query', findings: [] };
}

/** Parse one query string (no file) in a dialect: the building block for tests and the corpus check. */
export function parseQuery(text: string, dialect: DialectName | Dialect, file?: string): QueryDocument {
  const d = typeof dialect === 'string' ? DIALECTS[dialect] : dialect;
  return readQueryText(text, file ?? '<query>', { dialect: d.name });
}

/** Every finding of a document: file-level, per block, and the combination's. */
export function documentFindings(doc: QueryDocument): Finding[] {
  return [...doc.findings, ...doc.blocks.flatMap((b) => b.findings), ...(doc.combination?.findings ?? [])];
}

/** The node a document searches for: its combination, its final statement, or its only query. */
export function documentSearch(doc: QueryDocument): Node | null {
  if (doc.combination) return doc.combination.ast;
  if (doc.final) return { kind: 'ref', label: doc.final };
  return null;
}
