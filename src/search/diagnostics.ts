/**
 * The one diagnostics catalogue, shared by the parsers, the lint rules, the
 * translators and the evaluator: code → severity, title, help. A
 * `Record<Code, …>` makes every new code carry its title and help.
 */
export type Severity = 'error' | 'warning' | 'info';

export const CATALOGUE = {
  // --- parsing -------------------------------------------------------------
  'unbalanced-parens': { severity: 'error', title: 'Unbalanced parentheses', help: 'Every "(" needs a matching ")". The database rejects the string or reads it differently from what was meant.' },
  'unterminated-quote': { severity: 'error', title: 'Unterminated phrase', help: 'A quotation mark (or Scopus "{") opens a phrase that never closes.' },
  'unexpected-token': { severity: 'error', title: 'Unexpected text', help: 'The text cannot be read at this point in the dialect\'s grammar.' },
  'missing-operand': { severity: 'error', title: 'Operator without operand', help: 'An operator needs a search term or group on both sides.' },
  'empty-query': { severity: 'error', title: 'Empty search', help: 'There is no search term here.' },
  'unresolved-reference': { severity: 'error', title: 'Unknown line or block reference', help: 'The reference names no earlier line or block of this strategy.' },
  'missing-operator': { severity: 'warning', title: 'No operator between groups', help: 'Two groups stand side by side; the dialect reads this as AND, which may not be what was meant.' },
  'unknown-field': { severity: 'warning', title: 'Unknown field code', help: 'The field code is not one this dialect documents; it is kept as written.' },
  'escaped-quote': { severity: 'warning', title: 'Backslash before a quote', help: 'Databases do not read \\" as an escape; the backslash was dropped.' },
  'strategy-annotation': { severity: 'info', title: 'Annotation line', help: 'A heading or note inside the strategy, not a search; it is skipped (or names the lines that follow).' },
  'typographic-characters': { severity: 'info', title: 'Typographic characters', help: 'Curly quotes, en/em dashes or non-breaking spaces were read as their plain forms. Paste-ready strings need plain ASCII quotes and hyphens.' },
  // --- lint ----------------------------------------------------------------
  'duplicate-term': { severity: 'warning', title: 'Duplicate term', help: 'The same term appears twice in one OR-list; remove the repeat.' },
  'unquoted-phrase': { severity: 'warning', title: 'Unquoted multi-word term', help: 'Interfaces read words side by side differently: a phrase in Ovid, AND in Scopus and Web of Science, N5 in EBSCOhost\'s Boolean/Phrase mode. Quote the phrase to say what is meant.' },
  'truncation-in-phrase': { severity: 'warning', title: 'Truncation inside a phrase the dialect reads literally', help: 'This phrase form does not expand wildcards, so the symbol is searched as a character.' },
  'short-truncation': { severity: 'warning', title: 'Truncation stem too short', help: 'A wildcard after very few letters matches a huge, mostly irrelevant vocabulary (and some databases refuse or cap it).' },
  'unsupported-operator': { severity: 'error', title: 'Operator from another dialect', help: 'The database does not know this operator; it searches it as a word (or rejects the string).' },
  'redundant-term': { severity: 'warning', title: 'Term made redundant by a broader one', help: 'A broader truncation (or word) in the same OR-list already retrieves everything this term does.' },
  'mixed-operators': { severity: 'warning', title: 'AND and OR mixed without parentheses', help: 'Precedence differs by interface (Scopus reads OR first, EBSCO/Ovid/WoS AND first, PubMed left to right); parenthesise.' },
  'lowercase-operator': { severity: 'warning', title: 'Lower-case Boolean operator', help: 'PubMed only reads upper-case AND/OR/NOT as operators; lower case is searched as a word.' },
  'unsupported-wildcard': { severity: 'warning', title: 'Wildcard the dialect does not support', help: 'The interface does not read this wildcard here (PubMed: only a trailing *; Scopus: no # or limited truncation); it is searched literally or ignored.' },
  'leading-wildcard': { severity: 'error', title: 'Wildcard at the start of a word', help: 'No supported interface allows a wildcard as the first character.' },
  // --- translation ---------------------------------------------------------
  'loss-proximity-order': { severity: 'warning', title: 'Ordered proximity not available', help: 'The target has no ordered proximity operator; the translation also matches the reverse order (broader).' },
  'loss-proximity': { severity: 'warning', title: 'Proximity not available here', help: 'The target cannot express this proximity; the translation uses AND (broader).' },
  'proximity-renumbered': { severity: 'info', title: 'Proximity distance renumbered', help: 'Interfaces count proximity differently (EBSCO Nn, Scopus W/n, WoS NEAR/n: n words between; Ovid adjn: n−1 between); the number was changed to keep the meaning.' },
  'proximity-counting': { severity: 'info', title: 'Word counting differs', help: 'Interfaces differ in whether stop words, hyphenated parts and punctuation count as words inside a proximity window.' },
  'loss-wildcard': { severity: 'warning', title: 'Wildcard not available here', help: 'The target has no equivalent of this wildcard; the nearest broader form was used.' },
  'loss-field': { severity: 'warning', title: 'Field not available here', help: 'The target has no field code for exactly these fields; the nearest code was used.' },
  'loss-heading': { severity: 'warning', title: 'Heading search translated to text', help: 'Subject headings differ between databases (MeSH, CINAHL Headings, Emtree, APA Thesaurus); check the target thesaurus.' },
  'loss-exact-phrase': { severity: 'warning', title: 'Exact phrase read as a loose one', help: 'Scopus {exact phrases} match characters as typed (punctuation included); the target\'s quoted phrases ignore punctuation (broader).' },
  'loss-filter': { severity: 'warning', title: 'Limit kept as a note', help: 'The limit has no equivalent in the target syntax and must be applied by hand.' },
  'implicit-made-explicit': { severity: 'info', title: 'Side-by-side words made explicit', help: 'The source read unquoted words as a phrase, AND or proximity; the target reads them differently, so the meaning is written out.' },
  // --- evaluation ----------------------------------------------------------
  'eval-field-unavailable': { severity: 'warning', title: 'Field not in the imported records', help: 'Records do not carry this field, so the term cannot match offline; the database may retrieve records this check cannot.' },
  'eval-heading-approximate': { severity: 'info', title: 'Heading matched against keywords', help: 'Offline, a subject heading matches a record keyword of the same text; explosion to narrower headings is not available.' },
  'eval-filter-ignored': { severity: 'info', title: 'Limit not applied', help: 'Limits (dates, languages, publication types) are not applied by the offline evaluator.' },
} as const satisfies Record<string, { severity: Severity; title: string; help: string }>;

export type Code = keyof typeof CATALOGUE;

/** A located problem. `line`/`column` are 1-based, in the original file. */
export interface Finding {
  code: Code;
  severity: Severity;
  message: string;
  file?: string;
  block?: string;
  line?: number;
  column?: number;
  /** A suggested rewrite (never applied automatically). */
  fix?: string;
}

export function severityOf(code: Code): Severity {
  return CATALOGUE[code].severity;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return findings.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      RANK[a.severity] - RANK[b.severity] ||
      a.code.localeCompare(b.code),
  );
}

/** `file:line:col: severity code: message`, then the source line and a caret under the column. */
export function formatFinding(f: Finding, lineText?: (line: number) => string | undefined): string {
  const where = [f.file, f.line, f.column].filter((x) => x !== undefined).join(':');
  const head = `${where ? `${where}: ` : ''}${f.severity} ${f.code}${f.block ? ` [block ${f.block}]` : ''}: ${f.message}`;
  const src = f.line !== undefined && lineText ? lineText(f.line) : undefined;
  if (src === undefined || f.column === undefined) return head + (f.fix ? `\n    fix: ${f.fix}` : '');
  const caret = `${src.slice(0, f.column - 1).replace(/[^\t]/g, ' ')}^`;
  return `${head}\n    ${src.replace(/\s+$/, '')}\n    ${caret}${f.fix ? `\n    fix: ${f.fix}` : ''}`;
}
