/** The import report in reports/: what was imported, from where, with what warnings. */
import type { ImportSummary } from '../ingest/summary.js';
import { count } from '../util/text.js';

export function importsMarkdown(summary: ImportSummary): string {
  const lines = [
    '# Imported records',
    '',
    `${count(summary.totals.records, 'record')} from ${count(summary.totals.files, 'file')} ` +
      `(${count(summary.totals.recordsWithWarnings, 'record')} with warnings: see \`review records --warnings\`).`,
    '',
    '## Records per database',
    '',
    '| database | PRISMA arm | records |',
    '|---|---|---:|',
    ...summary.databases.map((d) => `| ${d.database} | ${d.method} | ${d.records} |`),
    '',
    '## Files',
    '',
    '| file | format | database | interface | searched | arm | records | with warnings |',
    '|---|---|---|---|---|---|---:|---:|',
    ...summary.files.map(
      (f) =>
        `| ${f.path} | ${f.format} | ${f.database ?? ''} | ${f.interface ?? ''} | ${f.searchedOn ?? ''} | ` +
        `${f.method}${f.previous ? ' (previous review)' : ''} | ${f.records} | ${f.warnings} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** JSON without the volatile import timestamps, so re-running writes identical bytes. */
export function importsJson(summary: ImportSummary): string {
  const files = summary.files.map(({ importedAt: _importedAt, id: _id, ...rest }) => rest);
  return `${JSON.stringify({ totals: summary.totals, databases: summary.databases, files }, null, 2)}\n`;
}
