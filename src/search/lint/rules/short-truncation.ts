import { hasWildcard, stem, walk } from '../../ast.js';
import { defineRule } from '../rule.js';

/** A truncation stem with too few letters to be useful (`a*`; `VCS*` is fine). */
export default defineRule({
  id: 'short-truncation',
  description: 'wildcards after too few letters (fewer than 3; PubMed: 4)',
  check(ctx) {
    walk(ctx.ast, (n) => {
      if (n.kind !== 'term') return;
      for (const w of n.words) {
        if (!hasWildcard(w)) continue;
        // Hyphenated words are searched part by part: `co-ordinat*` truncates "ordinat".
        const part = w.split(/[-/]/).find(hasWildcard) ?? w;
        const s = stem(part).replace(/[^\p{L}\p{N}]/gu, '');
        if (s.length === 0 || s.length >= ctx.dialect.minStem) continue;
        ctx.report(n.span?.start ?? 0, `"${w}" truncates after ${s.length} letter${s.length > 1 ? 's' : ''}: it matches a huge vocabulary${ctx.dialect.name === 'pubmed' ? ' (PubMed needs at least 4)' : ''}`, 'use a longer stem, or list the words wanted');
      }
    });
  },
});
