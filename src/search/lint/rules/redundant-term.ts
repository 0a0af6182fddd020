import { hasWildcard, stem, type Term } from '../../ast.js';
import { compileWord, wordParts } from '../../evaluate/tokenize.js';
import { defineRule, orList, orLists } from '../rule.js';

/**
 * A term already retrieved by a broader one in the same OR-list: `network`
 * beside `network*`, `"overall health"` beside `health*`. Inside a proximity
 * operand only single words count (a phrase's span differs from its word's).
 */
export default defineRule({
  id: 'redundant-term',
  description: 'terms made redundant by a broader truncation in the same OR-list (network and network*)',
  check(ctx) {
    for (const { node, insideProximity } of orLists(ctx.ast)) {
      const items = orList(node).filter((n): n is Term => n.kind === 'term');
      const broad = items.filter((t) => t.words.length === 1 && t.quote !== 'exact' && hasWildcard(t.words[0]));
      for (const t of items) {
        const by = broad.find((b) => b !== t && covers(b.words[0], t, insideProximity));
        if (!by) continue;
        const where = ctx.block.source.locate(by.span?.start ?? 0);
        ctx.report(t.span?.start ?? 0, `"${t.words.join(' ')}" is already retrieved by ${by.words[0]} (line ${where.line}, column ${where.column})`, `delete "${t.words.join(' ')}"`);
      }
    }
  },
});

/** Does the truncated word `pattern` retrieve everything term `t` retrieves? */
function covers(pattern: string, t: Term, insideProximity: boolean): boolean {
  const matches = compileWord(pattern);
  // One word of `t` (a hyphenated word is several tokens: never covered by one pattern).
  const covered = (word: string): boolean => {
    const parts = wordParts(word);
    if (parts.length !== 1 || parts[0] === pattern.toLowerCase()) return false;
    const w = parts[0];
    if (!hasWildcard(w)) return matches(w);
    // `network*` covers `networks*` and `network?`: a longer stem under a pure prefix truncation.
    return /^[^*?#{]+\*$/.test(pattern) && stem(w).startsWith(stem(pattern).toLowerCase());
  };
  if (t.words.length === 1) return covered(t.words[0]);
  // A phrase (or words ANDed or near each other) containing a covered word is retrieved by the
  // broad term alone — in a Boolean list, not as a proximity operand.
  return !insideProximity && t.words.some(covered);
}
