/** What each dialect module provides: a parser and a printer over the one AST, plus its documented rules. */
import type { Node, Term } from '../ast.js';
import type { PrintResult } from '../print.js';
import type { Source } from '../source.js';
import type { DialectName, ParseOptions, ParseResult, Syntax } from '../syntax.js';

export interface Dialect {
  name: DialectName;
  label: string;
  /** The documented rules this parser implements (shown by `review query parse --help` and the README). */
  grammar: {
    precedence: string;
    proximity: string;
    implicit: string;
    wildcards: string;
    fields: string;
    plurals: string;
  };
  syntax: Syntax;
  parse(source: Source, options?: ParseOptions): ParseResult;
  print(node: Node): PrintResult;
  /** Letters a truncation stem needs to be useful (PubMed refuses fewer than 4). */
  minStem: number;
  /** Does this phrase form read wildcards literally (Scopus `{exact}`)? */
  literalWildcards(term: Term): boolean;
  /** Canonical wildcard symbols the dialect cannot express. */
  unsupportedWildcards: string[];
  /** May a wildcard stand inside a word, not only at its end? */
  internalWildcards: boolean;
  /** Does the interface add plural forms to this term automatically (EBSCOhost, Scopus, WoS)? */
  plurals(term: Term): boolean;
  /** Proximity within a field, between any sub-expressions. */
  proximity: boolean;
}
