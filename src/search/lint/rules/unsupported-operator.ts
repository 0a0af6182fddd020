import { DIALECT_LABEL, nativeProximity, operatorsOf } from '../../syntax.js';
import { defineRule } from '../rule.js';

/** Operators of another dialect (`NEAR/2` in EBSCO, `N2` in Scopus, `adj3` in Scopus…). */
export default defineRule({
  id: 'unsupported-operator',
  description: 'operators from another dialect (NEAR/2 in EBSCOhost, N2 in Scopus, adj3 outside Ovid)',
  check(ctx) {
    for (const { token, op } of operatorsOf(ctx.block.source, ctx.dialect.syntax)) {
      if (!op.foreign || op.foreign === ctx.dialect.name) continue;
      const fix = op.op === 'near' ? `use ${nativeProximity(ctx.dialect.name, op.distance ?? 0, op.ordered ?? false)}` : 'use AND';
      const meaning = op.op === 'near' ? ` (${op.ordered ? 'in order' : 'any order'}, ≤${op.distance} words between)` : '';
      ctx.report(token.s, `${op.written} is ${DIALECT_LABEL[op.foreign]} syntax${meaning}; ${ctx.dialect.label} does not know it and searches it as a word`, fix);
    }
  },
});
