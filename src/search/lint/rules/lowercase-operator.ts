import { operatorsOf } from '../../syntax.js';
import { defineRule } from '../rule.js';

/** PubMed reads only upper-case AND/OR/NOT as operators. */
export default defineRule({
  id: 'lowercase-operator',
  description: 'lower-case and/or/not in PubMed (searched as words)',
  check(ctx) {
    if (ctx.dialect.name !== 'pubmed') return;
    for (const { token, op } of operatorsOf(ctx.block.source, ctx.dialect.syntax)) {
      if (['and', 'or', 'not', 'andnot'].includes(op.op) && token.v !== token.v.toUpperCase()) {
        ctx.report(token.s, `"${token.v}" is lower case: PubMed searches it as a word, not as the operator ${token.v.toUpperCase()}`, token.v.toUpperCase());
      }
    }
  },
});
