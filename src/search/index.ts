/**
 * The search stage's public surface (what `review run` and other stages use).
 * Layout: ast.ts (the one dialect-free tree), fields.ts, dialects/ (a parser
 * + printer per interface), syntax.ts + print.ts (the engines they share),
 * protocol.ts (reading query files), lint/ (one rule per file), compare.ts,
 * translate.ts, evaluate/ (tokenise, shared matcher, compile, run), explain.ts,
 * diagnostics.ts (the one catalogue of codes).
 */
export { runProtocol, lintQueries, readQueries, queryFiles, type ProtocolSummary, type ProtocolFileSummary } from './workspace.js';
export { readQueryFile, readQueryText, parseQuery, type QueryDocument, type Block } from './protocol.js';
export { lintDocument, lintJson, RULES } from './lint/index.js';
export { compareDocuments, type Difference } from './compare.js';
export { translateDocument, type Translation } from './translate.js';
export { evaluateDocuments, notRetrieved, summaryOf, type RunSummary } from './evaluate/run.js';
export { explainRecord, explainText, type RecordExplanation } from './explain.js';
export { DIALECTS, dialectByName } from './dialects/index.js';
export { CATALOGUE, formatFinding, type Finding, type Code, type Severity } from './diagnostics.js';
