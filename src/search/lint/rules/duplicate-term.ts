import { key, normalise } from '../../ast.js';
import { defineRule, orLists, orList } from '../rule.js';

/** The same term (or heading, or line reference) twice in one OR-list. */
export default defineRule({
  id: 'duplicate-term',
  description: 'the same term twice in one OR-list',
  check(ctx) {
    for (const { node } of orLists(ctx.ast)) {
      const seen = new Map<string, { start: number }>();
      for (const item of orList(node)) {
        if (item.kind !== 'term' && item.kind !== 'heading' && item.kind !== 'ref' && item.kind !== 'fields') continue;
        const k = key(normalise(item));
        const first = seen.get(k);
        const start = item.span?.start ?? 0;
        if (first) {
          const where = ctx.block.source.locate(first.start);
          ctx.report(start, `${shown(ctx.block.source.text, item.span)} repeats the term at line ${where.line}, column ${where.column}`, 'delete the repeat');
        } else seen.set(k, { start });
      }
    }
  },
});

function shown(text: string, span?: { start: number; end: number }): string {
  return span ? `"${text.slice(span.start, span.end).replace(/^"|"$/g, '')}"` : 'this term';
}
