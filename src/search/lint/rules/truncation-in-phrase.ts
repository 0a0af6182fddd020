import { hasWildcard, walk } from '../../ast.js';
import { defineRule } from '../rule.js';

/** A wildcard inside a phrase form that reads it as a character (Scopus {exact phrase}). */
export default defineRule({
  id: 'truncation-in-phrase',
  description: 'wildcards inside phrases the dialect reads literally (e.g. Scopus {exact})',
  check(ctx) {
    walk(ctx.ast, (n) => {
      if (n.kind !== 'term' || n.quote === 'none' || !n.words.some(hasWildcard)) return;
      if (!ctx.dialect.literalWildcards(n)) return;
      ctx.report(n.span?.start ?? 0, `${ctx.dialect.label} does not expand wildcards in {${n.words.join(' ')}}: the symbol is searched as a character`, `"${n.words.join(' ')}"`);
    });
  },
});
