import { walk } from '../../ast.js';
import type { DialectName } from '../../syntax.js';
import { defineRule, quoteTerm } from '../rule.js';

/** How each interface reads `w1 w2` written without quotes. */
const READINGS: Array<{ dialects: DialectName[]; label: string; read: (w: string[]) => string }> = [
  { dialects: ['ebsco'], label: 'EBSCOhost', read: (w) => `${w.join(' N5 ')} (Boolean/Phrase mode default; AND in "find all my search terms" mode)` },
  { dialects: ['ovid'], label: 'Ovid', read: (w) => `the phrase "${w.join(' ')}"` },
  { dialects: ['scopus', 'wos'], label: 'Scopus and Web of Science', read: (w) => w.join(' AND ') },
  { dialects: ['pubmed'], label: 'PubMed', read: (w) => `the phrase "${w.join(' ')}" if tagged and in its phrase index, else Automatic Term Mapping` },
];

/** Words side by side without quotes: their meaning depends on the interface. */
export default defineRule({
  id: 'unquoted-phrase',
  description: 'multi-word terms without quotes (a phrase in Ovid, AND in Scopus/WoS, N5 in EBSCOhost)',
  check(ctx) {
    walk(ctx.ast, (n) => {
      if (n.kind !== 'term' || n.quote !== 'none' || n.words.length < 2) return;
      const here = READINGS.find((r) => r.dialects.includes(ctx.dialect.name))!;
      const elsewhere = READINGS.filter((r) => r !== here).map((r) => `${r.label}: ${r.read(n.words)}`);
      // Where the interface itself reads a phrase (Ovid, tagged PubMed) the string works as meant: a note
      // for whoever translates it. Where it reads AND or N5 it may not be what was meant: a warning.
      ctx.report(
        n.span?.start ?? 0,
        `"${n.words.join(' ')}" is not quoted: ${ctx.dialect.label} reads it as ${here.read(n.words)}; elsewhere — ${elsewhere.join('; ')}`,
        quoteTerm(n.words),
        ctx.dialect.syntax.implicit.op === 'phrase' ? 'info' : undefined,
      );
    });
  },
});
