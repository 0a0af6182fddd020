/** Small helpers for the search tests: parse one string, show a tree as its canonical key. */
import { key, normalise, type Node } from '../../src/search/ast.js';
import { DIALECTS } from '../../src/search/dialects/index.js';
import type { Finding } from '../../src/search/diagnostics.js';
import { sourceFromString } from '../../src/search/source.js';
import type { DialectName, ParseOptions } from '../../src/search/syntax.js';

export function parse(dialect: DialectName, text: string, options?: ParseOptions): { ast: Node | null; findings: Finding[] } {
  return DIALECTS[dialect].parse(sourceFromString(text, 'q.txt'), options);
}

/** The canonical key of a parsed string (structure as written: not normalised). */
export function k(dialect: DialectName, text: string, options?: ParseOptions): string {
  const { ast } = parse(dialect, text, options);
  return ast ? key(ast) : 'null';
}

/** The normalised key (meaning), for equivalence checks. */
export function nk(node: Node | null): string {
  return node ? key(normalise(node)) : 'null';
}

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}
