/**
 * `review query lint`: every rule over every block of a document, plus what
 * parsing found (unterminated phrases, annotations, typographic characters).
 * The verbatim strings are never rewritten; each finding carries a `fix`.
 */
import type { Finding } from '../diagnostics.js';
import { sortFindings } from '../diagnostics.js';
import { documentFindings, type QueryDocument } from '../protocol.js';
import { contextFor, type Rule } from './rule.js';
import duplicateTerm from './rules/duplicate-term.js';
import leadingWildcard from './rules/leading-wildcard.js';
import lowercaseOperator from './rules/lowercase-operator.js';
import mixedOperators from './rules/mixed-operators.js';
import redundantTerm from './rules/redundant-term.js';
import shortTruncation from './rules/short-truncation.js';
import truncationInPhrase from './rules/truncation-in-phrase.js';
import unbalancedParens from './rules/unbalanced-parens.js';
import unquotedPhrase from './rules/unquoted-phrase.js';
import unsupportedOperator from './rules/unsupported-operator.js';
import unsupportedWildcard from './rules/unsupported-wildcard.js';

export const RULES: Rule[] = [
  unbalancedParens,
  duplicateTerm,
  unquotedPhrase,
  truncationInPhrase,
  shortTruncation,
  leadingWildcard,
  unsupportedOperator,
  unsupportedWildcard,
  redundantTerm,
  mixedOperators,
  lowercaseOperator,
];

export interface LintOptions {
  /** Only these rules (ids). */
  rules?: string[];
}

export function lintDocument(doc: QueryDocument, options: LintOptions = {}): Finding[] {
  const rules = options.rules ? RULES.filter((r) => options.rules!.includes(r.id)) : RULES;
  const out: Finding[] = [];
  for (const block of doc.blocks) {
    if (!block.ast) continue;
    for (const rule of rules) rule.check(contextFor(rule, doc, block, block.ast, out));
  }
  // Parse findings the rules do not already report (same code, same place).
  const seen = new Set(out.map((f) => `${f.code}@${f.line}:${f.column}`));
  for (const f of documentFindings(doc)) if (!seen.has(`${f.code}@${f.line}:${f.column}`)) out.push(f);
  return sortFindings(out);
}

/** Lint output as the issue specifies it: `rule`, `severity`, `block`, `line`, `column`, `message`, `fix`. */
export function lintJson(findings: Finding[]): Array<Record<string, unknown>> {
  return findings.map((f) => ({
    file: f.file,
    rule: f.code,
    severity: f.severity,
    block: f.block ?? null,
    line: f.line ?? null,
    column: f.column ?? null,
    message: f.message,
    fix: f.fix ?? null,
  }));
}
