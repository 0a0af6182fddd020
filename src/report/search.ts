/** The search report in reports/: the documented strings run locally, and their defects. */
import type { Finding } from '../search/diagnostics.js';
import type { ProtocolSummary } from '../search/workspace.js';

const cell = (s: string | number | null | undefined) => String(s ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function searchMarkdown(search: ProtocolSummary, lint: Finding[]): string {
  const out = ['# Search strings run against the imported records', ''];
  out.push('The documented strings in `queries/` (kept verbatim) evaluated locally over title, abstract and keywords.',
    'A record counts as retrieved by a block when any of the block\'s terms match. See `review query explain <record>`.', '');
  for (const f of search.files) {
    out.push(`## ${f.file} (${f.dialect})`, '');
    out.push(`${f.records} records searched over ${f.fields.join(', ')}.` +
      (f.combination ? ` Combination \`${f.combination.text}\`${f.combination.from !== f.file ? ` (from ${f.combination.from})` : ''}: **${f.combination.hits}** records.` : ' No combination line.'));
    out.push('', '| block | concept | records matched |', '|---|---|---:|');
    for (const b of f.blocks) out.push(`| ${cell(b.block)} | ${cell(b.title)} | ${b.hits} |`);
    if (f.perDatabase.length > 0) {
      const blocks = f.blocks.map((b) => b.block);
      out.push('', `| database | records | ${blocks.join(' | ')} |`, `|---|---:|${blocks.map(() => '---:').join('|')}|`);
      for (const d of f.perDatabase) out.push(`| ${cell(d.database)} | ${d.records} | ${blocks.map((b) => d.blocks[b] ?? 0).join(' | ')} |`);
    }
    if (f.notRetrievedCount > 0) {
      out.push('', `${f.notRetrievedCount} records exported from this interface are not retrieved by its own combination ` +
        '(a check of the export, or a sign the database matched fields that were not exported): `review query run --json` lists them.');
    }
    out.push('');
  }
  out.push('## Defects found in the documented strings', '');
  if (lint.length === 0) out.push('None.');
  else {
    out.push('Reported, never rewritten: the published strings are a record. `review query lint queries/<file>` explains each.', '');
    out.push('| file | block | line:col | severity | rule | finding |', '|---|---|---|---|---|---|');
    for (const f of lint) {
      out.push(`| ${cell(f.file)} | ${cell(f.block)} | ${f.line ?? ''}:${f.column ?? ''} | ${f.severity} | ${f.code} | ${cell(f.message)} |`);
    }
  }
  out.push('');
  return out.join('\n');
}
