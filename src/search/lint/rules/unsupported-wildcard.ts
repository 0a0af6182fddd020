import { walk } from '../../ast.js';
import { defineRule } from '../rule.js';

/** Wildcards the dialect does not read (PubMed `?` or an inner `*`; Scopus `#`). */
export default defineRule({
  id: 'unsupported-wildcard',
  description: 'wildcards the dialect does not support (PubMed: only a trailing *)',
  check(ctx) {
    const d = ctx.dialect;
    walk(ctx.ast, (n) => {
      if (n.kind !== 'term' || d.literalWildcards(n)) return;
      for (const w of n.words) {
        const symbols = w.match(/\*\{\d+\}|[*?#]/g) ?? [];
        const bad = symbols.find((s) => d.unsupportedWildcards.includes(s.startsWith('*{') ? '*{n}' : s));
        const inner = !d.internalWildcards && /(\*\{\d+\}|[*?#])(?!$)/.test(w);
        if (bad || inner) {
          ctx.report(n.span?.start ?? 0, `"${w}": ${d.label} does not read ${bad ? `the wildcard "${bad}"` : 'a wildcard inside a word'}`, 'spell out the variants with OR');
        }
      }
    });
  },
});
