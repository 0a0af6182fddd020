/**
 * `review query compare A B`: where two documented versions of the same
 * protocol differ in *meaning*, block by block.
 *
 * Both versions are normalised (OR/AND lists flattened and sorted, repeats
 * dropped, field restrictions pushed to the terms) and aligned: identical
 * sub-trees are set aside, the rest are paired by the terms they share and
 * compared node by node. So a proximity that became a plain AND, a distance
 * that changed (including "the same number counted differently": EBSCO N2
 * allows two words between, Ovid ADJ2 one), a term present in one version
 * only, a changed field or an unquoted term each interface reads differently
 * are reported where they are. Defects that blur the comparison (unbalanced
 * parentheses, repeated terms) are reported too, saying which version has them.
 */
import { key, normalise, termKey, type Near, type Node, type Term } from './ast.js';
import type { Dialect } from './dialects/types.js';
import { lintDocument } from './lint/index.js';
import type { QueryDocument } from './protocol.js';
import { DIALECT_LABEL } from './syntax.js';

export type DifferenceKind =
  | 'block-only-in-a'
  | 'block-only-in-b'
  | 'term-only-in-a'
  | 'term-only-in-b'
  | 'proximity-vs-boolean'
  | 'distance-changed'
  | 'order-changed'
  | 'operator-changed'
  | 'field-changed'
  | 'implicit-phrase'
  | 'phrase-changed'
  | 'structure-changed'
  | 'combination-changed'
  | 'combination-only-in-a'
  | 'combination-only-in-b'
  | 'unbalanced-parens'
  | 'duplicate-term'
  | 'parse-error';

export interface Difference {
  block: string;
  kind: DifferenceKind;
  a: string | null;
  b: string | null;
  message: string;
}

interface Side {
  doc: QueryDocument;
  name: string;
}

export function compareDocuments(docA: QueryDocument, docB: QueryDocument): Difference[] {
  const A: Side = { doc: docA, name: docA.file };
  const B: Side = { doc: docB, name: docB.file };
  const out: Difference[] = [];
  const labels = [...new Set([...docA.blocks.map((b) => b.label), ...docB.blocks.map((b) => b.label)])];
  for (const label of labels) {
    const ba = docA.blocks.find((b) => b.label === label);
    const bb = docB.blocks.find((b) => b.label === label);
    if (!ba || !bb) {
      const has = ba ?? bb!;
      out.push({ block: label, kind: ba ? 'block-only-in-a' : 'block-only-in-b', a: ba ? clip(ba.source.text) : null, b: bb ? clip(bb.source.text) : null, message: `block ${label} is only in ${ba ? A.name : B.name}${has.title ? ` (${has.title})` : ''}` });
      continue;
    }
    defects(label, A, B, out);
    if (!ba.ast || !bb.ast) {
      out.push({ block: label, kind: 'parse-error', a: ba.ast ? null : 'unreadable', b: bb.ast ? null : 'unreadable', message: `block ${label} cannot be read in ${!ba.ast ? A.name : B.name}` });
      continue;
    }
    diff(normalise(ba.ast, { explicit: false }), normalise(bb.ast, { explicit: false }), label, A, B, out);
  }
  compareCombinations(A, B, out);
  return out;
}

/** Repeated terms and unbalanced parentheses, per version. */
function defects(label: string, A: Side, B: Side, out: Difference[]): void {
  const of = (s: Side) => lintDocument({ ...s.doc, blocks: s.doc.blocks.filter((b) => b.label === label) }, { rules: ['unbalanced-parens', 'duplicate-term'] });
  const fa = of(A);
  const fb = of(B);
  const paren = (f: typeof fa) => f.filter((x) => x.code === 'unbalanced-parens').map((x) => `${x.message} (line ${x.line}, column ${x.column})`);
  const pa = paren(fa);
  const pb = paren(fb);
  if (pa.length || pb.length) {
    const who = pa.length && pb.length ? 'both versions have' : `only ${pa.length ? A.name : B.name} has`;
    out.push({ block: label, kind: 'unbalanced-parens', a: pa.join('; ') || null, b: pb.join('; ') || null, message: `${who} unbalanced parentheses in block ${label}; compared as if each group closed at the end of the block` });
  }
  const dup = (f: typeof fa) => f.filter((x) => x.code === 'duplicate-term').map((x) => /^"([^"]*)"/.exec(x.message)?.[1] ?? x.message);
  const da = dup(fa);
  const db = dup(fb);
  for (const term of [...new Set([...da, ...db])]) {
    const inA = da.includes(term);
    const inB = db.includes(term);
    out.push({
      block: label,
      kind: 'duplicate-term',
      a: inA ? `"${term}" repeated` : null,
      b: inB ? `"${term}" repeated` : null,
      message: inA && inB ? `both versions repeat "${term}" in block ${label} (no difference in meaning; a defect in both)` : `only ${inA ? A.name : B.name} repeats "${term}" in block ${label}`,
    });
  }
}

function compareCombinations(A: Side, B: Side, out: Difference[]): void {
  const ca = A.doc.combination;
  const cb = B.doc.combination;
  if (!ca && !cb) return;
  if (!ca || !cb) {
    const has = (ca ?? cb)!;
    out.push({ block: 'combination', kind: ca ? 'combination-only-in-a' : 'combination-only-in-b', a: ca?.text ?? null, b: cb?.text ?? null, message: `only ${ca ? A.name : B.name} states how the blocks combine (${has.text})` });
    return;
  }
  if (ca.ast && cb.ast && key(normalise(ca.ast)) !== key(normalise(cb.ast))) {
    out.push({ block: 'combination', kind: 'combination-changed', a: ca.text, b: cb.text, message: 'the blocks are combined differently' });
  }
}

// ---------------------------------------------------------------------------
// Tree alignment

function diff(a: Node, b: Node, block: string, A: Side, B: Side, out: Difference[]): void {
  if (key(a) === key(b)) return;
  const show = (s: Side, n: Node) => clip(s.doc.dialect.print(n).text);
  if ((a.kind === 'or' || a.kind === 'and') && a.kind === b.kind) {
    lists(a.children, b.children, block, A, B, out, a.kind);
    return;
  }
  if (a.kind === 'near' && b.kind === 'near') {
    if (a.distance !== b.distance || a.ordered !== b.ordered) out.push(distanceDiff(a, b, block, A, B, show));
    pairOperands([a.left, a.right], [b.left, b.right], block, A, B, out);
    return;
  }
  if (a.kind === 'near' && b.kind === 'and' && b.children.length === 2) {
    out.push({ block, kind: 'proximity-vs-boolean', a: show(A, a), b: show(B, b), message: `${A.name} requires ${proximityWords(a)} (${nearOp(a, A.doc.dialect)}); ${B.name} only requires both anywhere in the record (AND)` });
    pairOperands([a.left, a.right], b.children, block, A, B, out);
    return;
  }
  if (b.kind === 'near' && a.kind === 'and' && a.children.length === 2) {
    out.push({ block, kind: 'proximity-vs-boolean', a: show(A, a), b: show(B, b), message: `${A.name} only requires both anywhere in the record (AND); ${B.name} requires ${proximityWords(b)} (${nearOp(b, B.doc.dialect)})` });
    pairOperands(a.children, [b.left, b.right], block, A, B, out);
    return;
  }
  if (a.kind === 'term' && b.kind === 'term' && sameWords(a, b)) {
    out.push(termDiff(a, b, block, A, B));
    return;
  }
  if (a.kind === 'fields' && b.kind === 'fields' && key(a.child) === key(b.child)) {
    out.push({ block, kind: 'field-changed', a: show(A, a), b: show(B, b), message: `searched in ${a.fields.join(' + ')} in ${A.name}, in ${b.fields.join(' + ')} in ${B.name}` });
    return;
  }
  if ((a.kind === 'fields') !== (b.kind === 'fields')) {
    const fa = a.kind === 'fields' ? a.child : a;
    const fb = b.kind === 'fields' ? b.child : b;
    if (key(fa) === key(fb)) {
      out.push({ block, kind: 'field-changed', a: show(A, a), b: show(B, b), message: `field restriction ${a.kind === 'fields' ? `${a.fields.join(' + ')} only in ${A.name}` : `${(b as { fields: string[] }).fields.join(' + ')} only in ${B.name}`}` });
      return;
    }
  }
  if ((a.kind === 'or' || a.kind === 'and' || a.kind === 'not') && (b.kind === 'or' || b.kind === 'and' || b.kind === 'not') && a.kind !== b.kind) {
    out.push({ block, kind: 'operator-changed', a: show(A, a), b: show(B, b), message: `${a.kind.toUpperCase()} in ${A.name} where ${B.name} has ${b.kind.toUpperCase()}` });
    return;
  }
  out.push({ block, kind: 'structure-changed', a: show(A, a), b: show(B, b), message: 'the two versions differ here' });
}

/** Align two operand lists: identical items set aside, the rest paired by shared terms, leftovers reported. */
function lists(as: Node[], bs: Node[], block: string, A: Side, B: Side, out: Difference[], kind: string): void {
  const restB = [...bs];
  const restA: Node[] = [];
  for (const x of as) {
    const i = restB.findIndex((y) => key(y) === key(x));
    if (i >= 0) restB.splice(i, 1);
    else restA.push(x);
  }
  const pairs: Array<[Node, Node]> = [];
  const candidates: Array<{ i: number; j: number; score: number }> = [];
  restA.forEach((x, i) => restB.forEach((y, j) => {
    const s = similarity(x, y);
    if (s >= 0.5) candidates.push({ i, j, score: s });
  }));
  candidates.sort((p, q) => q.score - p.score);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    pairs.push([restA[c.i], restB[c.j]]);
  }
  for (const [x, y] of pairs) diff(x, y, block, A, B, out);
  const only = (side: Side, n: Node, which: 'a' | 'b') => {
    const text = clip(side.doc.dialect.print(n).text);
    out.push({ block, kind: which === 'a' ? 'term-only-in-a' : 'term-only-in-b', a: which === 'a' ? text : null, b: which === 'b' ? text : null, message: `${text} is only in ${side.name}${kind === 'and' ? ' (a required part)' : ''}` });
  };
  restA.forEach((x, i) => usedA.has(i) || only(A, x, 'a'));
  restB.forEach((y, j) => usedB.has(j) || only(B, y, 'b'));
}

function pairOperands(as: Node[], bs: Node[], block: string, A: Side, B: Side, out: Difference[]): void {
  const straight = similarity(as[0], bs[0]) + similarity(as[1], bs[1]);
  const crossed = similarity(as[0], bs[1]) + similarity(as[1], bs[0]);
  const [b0, b1] = crossed > straight ? [bs[1], bs[0]] : [bs[0], bs[1]];
  diff(as[0], b0, block, A, B, out);
  diff(as[1], b1, block, A, B, out);
}

/** Jaccard similarity of the terms two sub-trees mention (fields and operators ignored). */
function similarity(a: Node, b: Node): number {
  const sa = leaves(a);
  const sb = leaves(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let common = 0;
  for (const x of sa) if (sb.has(x)) common++;
  return common / (sa.size + sb.size - common);
}

function leaves(n: Node, out = new Set<string>()): Set<string> {
  switch (n.kind) {
    case 'term':
      for (const w of n.words) out.add(w.toLowerCase());
      break;
    case 'heading':
      out.add(`[${n.text.toLowerCase()}]`);
      break;
    case 'ref':
      out.add(`#${n.label}`);
      break;
    case 'and':
    case 'or':
      n.children.forEach((c) => leaves(c, out));
      break;
    case 'not':
    case 'near':
      leaves(n.left, out);
      leaves(n.right, out);
      break;
    case 'fields':
      leaves(n.child, out);
      break;
    case 'filter':
      if (n.child) leaves(n.child, out);
  }
  return out;
}

function sameWords(a: Term, b: Term): boolean {
  return a.words.map((w) => w.toLowerCase()).join(' ') === b.words.map((w) => w.toLowerCase()).join(' ');
}

function reading(t: Term, d: Dialect): string {
  if (t.quote === 'exact') return `the exact phrase {${t.words.join(' ')}}`;
  if (t.quote === 'quoted' || t.words.length === 1 || t.implicit?.op === 'phrase') return `the phrase "${t.words.join(' ')}"`;
  if (t.implicit?.op === 'and') return t.words.join(' AND ');
  const i = t.implicit!;
  const op = nearOp({ distance: i.op === 'near' ? i.distance : 0, ordered: i.op === 'near' && i.ordered }, d);
  return `${t.words.join(` ${op} `)}${i.op === 'near' ? ` (≤${i.distance} words between)` : ''}`;
}

function termDiff(a: Term, b: Term, block: string, A: Side, B: Side): Difference {
  const words = a.words.join(' ');
  const unquoted = a.quote === 'none' || b.quote === 'none';
  return {
    block,
    kind: unquoted ? 'implicit-phrase' : 'phrase-changed',
    a: termKeyShown(a),
    b: termKeyShown(b),
    message: unquoted
      ? `"${words}" is ${a.quote === 'none' && b.quote === 'none' ? 'unquoted in both' : `unquoted in ${a.quote === 'none' ? A.name : B.name}`}: ${DIALECT_LABEL[A.doc.dialect.name]} reads it as ${reading(a, A.doc.dialect)}, ${DIALECT_LABEL[B.doc.dialect.name]} as ${reading(b, B.doc.dialect)}`
      : `"${words}" is ${reading(a, A.doc.dialect)} in ${A.name} but ${reading(b, B.doc.dialect)} in ${B.name}`,
  };
}

function termKeyShown(t: Term): string {
  return t.quote === 'none' && t.words.length > 1 ? t.words.join(' ') : termKey(t);
}

function nearOp(n: Pick<Near, 'distance' | 'ordered'> & { written?: string }, d: Dialect): string {
  if (n.written) return n.written;
  return d.print({ kind: 'near', left: { kind: 'term', words: ['a'], quote: 'none' }, right: { kind: 'term', words: ['b'], quote: 'none' }, distance: n.distance, ordered: n.ordered }).text.replace(/^a | b$/g, '');
}

function proximityWords(n: Near): string {
  return `the two within ${n.distance} word${n.distance === 1 ? '' : 's'} of each other${n.ordered ? ', in order' : ', any order'}`;
}

function distanceDiff(a: Near, b: Near, block: string, A: Side, B: Side, show: (s: Side, n: Node) => string): Difference {
  const oa = nearOp(a, A.doc.dialect);
  const ob = nearOp(b, B.doc.dialect);
  const sameNumber = /\d+/.exec(oa)?.[0] === /\d+/.exec(ob)?.[0];
  const between = (n: Near) => `≤${n.distance} word${n.distance === 1 ? '' : 's'} between${n.ordered ? ', in order' : ''}`;
  let message: string;
  if (a.ordered !== b.ordered) message = `${oa} (${between(a)}) in ${A.name} but ${ob} (${between(b)}) in ${B.name}: word order ${a.ordered ? 'required only in the first' : 'required only in the second'}`;
  else if (sameNumber) message = `${oa} and ${ob} look alike but count differently: ${oa} allows ${between(a)}, ${ob} allows ${between(b)}`;
  else message = `${oa} (${between(a)}) became ${ob} (${between(b)}): ${b.distance < a.distance ? 'narrower' : 'broader'} in ${B.name}`;
  return { block, kind: a.ordered !== b.ordered && a.distance === b.distance ? 'order-changed' : 'distance-changed', a: `${oa} — ${show(A, a)}`, b: `${ob} — ${show(B, b)}`, message };
}

function clip(s: string, n = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
