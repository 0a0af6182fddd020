/**
 * A lint rule: one file each in rules/, gathered into an array in index.ts.
 * Rules read a parsed block (and its tokens) and report located findings;
 * they never change the text — documented strings stay verbatim.
 */
import type { Node } from '../ast.js';
import type { Dialect } from '../dialects/types.js';
import type { Code, Finding, Severity } from '../diagnostics.js';
import type { Block, QueryDocument } from '../protocol.js';
import { at } from '../source.js';

export interface LintContext {
  doc: QueryDocument;
  block: Block;
  dialect: Dialect;
  ast: Node;
  /** Report at an offset of the block's text; a rule may lower its severity where the defect is milder. */
  report(offset: number, message: string, fix?: string, severity?: Severity): void;
}

export interface Rule {
  id: Code;
  /** One line for `review query lint --help` and the README. */
  description: string;
  check(ctx: LintContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export function contextFor(rule: Rule, doc: QueryDocument, block: Block, ast: Node, out: Finding[]): LintContext {
  return {
    doc,
    block,
    ast,
    dialect: doc.dialect,
    report(offset, message, fix, severity) {
      const f = at(block.source, offset, rule.id, message, fix);
      out.push(severity ? { ...f, severity } : f);
    },
  };
}

/** The operands of an OR-list, looking through nested ORs (a OR (b OR c) is one list). */
export function orList(node: Node): Node[] {
  if (node.kind !== 'or') return [node];
  return node.children.flatMap(orList);
}

/** Every OR node that is not itself inside an OR (the tops of OR-lists). */
export function orLists(root: Node): Array<{ node: Node; insideProximity: boolean }> {
  const out: Array<{ node: Node; insideProximity: boolean }> = [];
  const visit = (n: Node, parentOr: boolean, inNear: boolean) => {
    if (n.kind === 'or' && !parentOr) out.push({ node: n, insideProximity: inNear });
    const isOr = n.kind === 'or';
    const kids = n.kind === 'and' || n.kind === 'or' ? n.children : n.kind === 'not' || n.kind === 'near' ? [n.left, n.right] : n.kind === 'fields' || (n.kind === 'filter' && n.child) ? [n.kind === 'fields' ? n.child : n.child!] : [];
    for (const k of kids) visit(k, isOr, inNear || n.kind === 'near');
  };
  visit(root, false, false);
  return out;
}

export function quoteTerm(words: string[]): string {
  return `"${words.join(' ')}"`;
}
