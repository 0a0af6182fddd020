/**
 * `review query translate <file> --to <dialect>`: print every block with the
 * target dialect's printer, keeping labels, titles and the combination, and
 * report every place where the meaning cannot be kept exactly (the printers'
 * losses), plus every proximity whose number had to change to keep its
 * meaning (EBSCO N2 = Ovid ADJ3 = Scopus W/2).
 */
import { walk, type Near } from './ast.js';
import { DIALECTS } from './dialects/index.js';
import type { Dialect } from './dialects/types.js';
import { severityOf, type Finding } from './diagnostics.js';
import type { QueryDocument } from './protocol.js';
import { DIALECT_LABEL, nativeProximity, type DialectName } from './syntax.js';

export interface Translation {
  from: DialectName;
  to: DialectName;
  text: string;
  blocks: Array<{ label: string; title?: string; text: string | null }>;
  /** Losses and notes, located in the source file. */
  warnings: Finding[];
}

export function translateDocument(doc: QueryDocument, to: Dialect): Translation {
  const warnings: Finding[] = [];
  const blocks = doc.blocks.map((b) => {
    if (!b.ast) return { label: b.label, ...(b.title ? { title: b.title } : {}), text: null };
    const printed = to.print(b.ast);
    for (const loss of printed.losses) {
      const where = b.source.locate(loss.span?.start ?? 0);
      warnings.push({ code: loss.code, severity: loss.severity, message: loss.message, file: doc.file, block: b.label, line: where.line, column: where.column });
    }
    walk(b.ast, (n) => {
      if (n.kind !== 'near') return;
      const note = renumbered(n, doc.dialect.name, to.name);
      if (!note) return;
      const where = b.source.locate(n.span?.start ?? 0);
      warnings.push({ code: 'proximity-renumbered', severity: severityOf('proximity-renumbered'), message: note, file: doc.file, block: b.label, line: where.line, column: where.column });
    });
    return { label: b.label, ...(b.title ? { title: b.title } : {}), text: printed.text };
  });
  if (doc.blocks.some((b) => b.ast && hasNear(b.ast)) && doc.dialect.name !== to.name) {
    warnings.push({ code: 'proximity-counting', severity: severityOf('proximity-counting'), message: `${DIALECT_LABEL[doc.dialect.name]} and ${DIALECT_LABEL[to.name]} may count stop words, hyphenated parts and punctuation differently inside proximity windows`, file: doc.file });
  }
  return { from: doc.dialect.name, to: to.name, text: layout(doc, to, blocks), blocks, warnings: dedupe(warnings) };
}

function hasNear(n: Parameters<typeof walk>[0]): boolean {
  let found = false;
  walk(n, (x) => {
    if (x.kind === 'near') found = true;
  });
  return found;
}

/** A note when the written proximity number changes to keep the meaning. */
function renumbered(n: Near, from: DialectName, to: DialectName): string | undefined {
  if (from === to) return undefined;
  const written = n.written ?? nativeProximity(from, n.distance, n.ordered);
  const target = nativeProximity(to, n.distance, n.ordered);
  const num = (s: string) => /\d+/.exec(s)?.[0];
  if (to === 'pubmed' || num(written) === num(target)) return undefined;
  return `${written} (≤${n.distance} word${n.distance === 1 ? '' : 's'} between) is written ${target} in ${DIALECT_LABEL[to]}: ${to === 'ovid' ? 'Ovid adjN allows N−1 words between' : `${DIALECT_LABEL[to]} counts the words between`}${from === 'ovid' ? ', Ovid adjN allowed N−1' : ''}`;
}

function layout(doc: QueryDocument, to: Dialect, blocks: Translation['blocks']): string {
  if (doc.kind === 'query') return `${blocks[0]?.text ?? ''}\n`;
  if (doc.kind === 'strategy') {
    return `${blocks.map((b, i) => `${/^\d+$/.test(b.label) ? b.label : `${i + 1}`} ${b.text ?? '(unreadable)'}`).join('\n')}\n`;
  }
  const lines = [`${to.label} (translated from ${doc.file}${doc.heading ? `: ${doc.heading}` : ''})`, ''];
  for (const b of blocks) lines.push(`${b.label}. ${b.title ?? ''}`.trimEnd(), '', b.text ?? '(unreadable: see the parse errors)', '');
  if (doc.combination) lines.push(doc.combination.text, '');
  return lines.join('\n');
}

function dedupe(list: Finding[]): Finding[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const k = `${f.code}|${f.block}|${f.line}|${f.column}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function dialectOrThrow(name: string): Dialect {
  const d = (DIALECTS as Record<string, Dialect>)[name.toLowerCase()];
  if (!d) throw new Error(`unknown dialect "${name}" (known: ${Object.keys(DIALECTS).join(', ')})`);
  return d;
}
