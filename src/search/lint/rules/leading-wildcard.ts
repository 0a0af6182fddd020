import { WILDCARD, walk } from '../../ast.js';
import { defineRule } from '../rule.js';

/** A wildcard as the first character of a word: no supported interface allows it. */
export default defineRule({
  id: 'leading-wildcard',
  description: 'wildcards at the start of a word',
  check(ctx) {
    walk(ctx.ast, (n) => {
      if (n.kind !== 'term') return;
      for (const w of n.words) {
        const m = WILDCARD.exec(w);
        if (m && m.index === 0) ctx.report(n.span?.start ?? 0, `"${w}" starts with a wildcard, which ${ctx.dialect.label} does not allow`, 'spell out the prefixes wanted');
      }
    });
  },
});
