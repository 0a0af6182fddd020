import { walk } from '../../ast.js';
import { isParenthesised } from '../../syntax.js';
import { defineRule } from '../rule.js';

/** AND/OR/NOT mixed without parentheses: each interface groups them its own way. */
export default defineRule({
  id: 'mixed-operators',
  description: 'AND, OR and NOT mixed without parentheses (precedence differs by interface)',
  check(ctx) {
    walk(ctx.ast, (n) => {
      if (n.kind !== 'and' && n.kind !== 'or' && n.kind !== 'not') return;
      const kids = n.kind === 'not' ? [n.left, n.right] : n.children;
      for (const c of kids) {
        if ((c.kind === 'and' || c.kind === 'or' || c.kind === 'not') && c.kind !== n.kind && !isParenthesised(c) && !(c.kind !== 'not' && c.implicit)) {
          ctx.report(c.span?.start ?? 0, `${n.kind.toUpperCase()} and ${c.kind.toUpperCase()} mixed without parentheses: ${ctx.dialect.label} reads it as ${ctx.dialect.grammar.precedence}; other interfaces group it differently`, 'add parentheses to say which operator comes first');
          return;
        }
      }
    });
  },
});
