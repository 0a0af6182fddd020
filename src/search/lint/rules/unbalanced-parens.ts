import { lex } from '../../syntax.js';
import { defineRule } from '../rule.js';

/** Unmatched "(" or ")", located at the unmatched one (read from the tokens, so it works on any block). */
export default defineRule({
  id: 'unbalanced-parens',
  description: 'every "(" has its ")"; reports the position of the unmatched one',
  check(ctx) {
    const open: number[] = [];
    for (const tok of lex(ctx.block.source, ctx.dialect.syntax, [])) {
      if (tok.t === 'lparen' || tok.t === 'func') open.push(tok.s);
      else if (tok.t === 'rparen') {
        if (open.length) open.pop();
        else ctx.report(tok.s, 'this ")" closes no "("', 'remove the extra ")" or add the "(" it was meant to close');
      }
    }
    for (const s of open) ctx.report(s, 'this "(" is never closed', 'add the missing ")" where the group should end');
  },
});
