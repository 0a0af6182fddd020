/**
 * The words and phrases of the documented search strings, for highlighting
 * them where people read records (`review screen`). Wildcards are loosened
 * to a trailing `*` (the highlighter's one wildcard): a highlight may be a
 * little broader than the search, never narrower.
 */
import type { Node } from './ast.js';
import type { QueryDocument } from './protocol.js';

function* termsOf(node: Node | null | undefined): Generator<string> {
  if (!node) return;
  switch (node.kind) {
    case 'term': {
      const words = node.words.map((w) => w.replace(/\*\{\d+\}|[?#]+.*$/g, '*').replace(/\*+/g, '*'));
      yield words.length > 1 ? `"${words.join(' ')}"` : words[0];
      return;
    }
    case 'and':
    case 'or':
      for (const child of node.children) yield* termsOf(child);
      return;
    case 'not':
    case 'near':
      yield* termsOf(node.left);
      if (node.kind === 'near') yield* termsOf(node.right);
      return;
    case 'fields':
    case 'filter':
      yield* termsOf(node.child);
      return;
    default:
      // Headings and line references carry no free-text words to highlight.
      return;
  }
}

/** Every distinct term of every block of the documents (NOT branches excluded). */
export function searchTerms(docs: QueryDocument[]): string[] {
  const seen = new Set<string>();
  for (const doc of docs) for (const block of doc.blocks) for (const t of termsOf(block.ast)) if (t) seen.add(t.toLowerCase());
  return [...seen].sort();
}
