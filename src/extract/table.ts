/**
 * Tables of the included studies from the extracted data: the
 * characteristics-of-included-studies table, and a coding matrix (studies ×
 * the categories of a coding frame, with counts per category and per group).
 * As Markdown, HTML or CSV.
 */
import { escapeXml } from '../prisma/svg/render.js';
import { csvLine } from '../prisma/report.js';
import { choiceLabel, groupLabel, type Choice, type Form, type FormField, type Frame } from './form.js';
import { shortCitation, type Study } from './studies.js';
import { codesOf } from './values.js';

export type TableFormat = 'md' | 'html' | 'csv';

type Values = Map<string, Map<string, string>>;

export interface Table {
  title: string;
  header: string[];
  rows: string[][];
  /** Rows shown after a rule (totals). */
  footer?: string[][];
  note?: string;
}

/** How a stored value reads in a table: choice codes become their labels. */
function display(form: Form, field: FormField, value: string | undefined, lang: string): string {
  if (!value) return '';
  if (field.type !== 'single' && field.type !== 'multiple') return value;
  const choices = field.frame ? form.frames.get(field.frame)?.choices ?? [] : field.choices ?? [];
  return codesOf(value).map((code) => {
    const c = choices.find((x) => x.code === code);
    return c ? `${choiceLabel(c, lang)} (${code})` : code;
  }).join('; ');
}

/** Studies that have any extracted value. */
export function extractedStudies(studies: Study[], values: Values): Study[] {
  return studies.filter((s) => values.has(s.key));
}

export function characteristicsTable(form: Form, studies: Study[], values: Values, lang = 'en'): Table {
  const fields = form.fields.filter((f) => f.characteristics);
  const shown = extractedStudies(studies, values);
  return {
    title: 'Characteristics of included studies',
    header: ['Study', ...fields.map((f) => f.label)],
    rows: shown.map((s) => [`${shortCitation(s)} [${s.key}]`, ...fields.map((f) => display(form, f, values.get(s.key)?.get(f.id), lang))]),
    note: shown.length < studies.length ? `${studies.length - shown.length} of ${studies.length} studies not extracted yet.` : undefined,
  };
}

/** Studies × categories of a frame, from every field of the form coded with it. */
export function codingMatrix(form: Form, frame: Frame, studies: Study[], values: Values, lang = 'en'): Table {
  const fields = form.fields.filter((f) => f.frame === frame.name);
  const shown = extractedStudies(studies, values);
  const coded = (s: Study) => new Set(fields.flatMap((f) => codesOf(values.get(s.key)?.get(f.id))));
  const sets = shown.map(coded);
  const rows = shown.map((s, i) => [`${shortCitation(s)} [${s.key}]`, ...frame.choices.map((c) => (sets[i].has(c.code) ? '✓' : ''))]);
  const count = (c: Choice) => sets.filter((set) => set.has(c.code)).length;
  const footer: string[][] = [['Studies (n)', ...frame.choices.map((c) => String(count(c)))]];
  const groups = [...new Set(frame.choices.map((c) => groupLabel(c, lang)).filter((g): g is string => !!g))];
  if (groups.length) {
    // Studies coded with any category of the group, shown under the group's first column.
    footer.push(['Studies per group (n)', ...frame.choices.map((c, i) => {
      const g = groupLabel(c, lang);
      if (!g || (i > 0 && groupLabel(frame.choices[i - 1], lang) === g)) return '';
      const members = frame.choices.filter((x) => groupLabel(x, lang) === g).map((x) => x.code);
      return `${g}: ${sets.filter((set) => members.some((m) => set.has(m))).length}`;
    })]);
  }
  const legend = frame.choices.map((c) => `${c.code} = ${choiceLabel(c, lang)}${groupLabel(c, lang) ? ` (${groupLabel(c, lang)})` : ''}`).join('; ');
  return {
    title: `Coding matrix: ${frame.title}`,
    header: ['Study', ...frame.choices.map((c) => c.code)],
    rows,
    footer,
    note: fields.length === 0 ? `No field of form ${form.name} is coded with frame ${frame.name}.` : `${legend}. Coded in: ${fields.map((f) => f.id).join(', ')}.`,
  };
}

// ------------------------------------------------------------------ rendering

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

export function tableMarkdown(t: Table): string {
  const out = [`## ${t.title}`, ''];
  if (t.rows.length === 0) out.push('_No extracted studies yet._', '');
  else {
    out.push(`| ${t.header.map(md).join(' | ')} |`, `|${t.header.map(() => '---').join('|')}|`);
    for (const r of [...t.rows, ...(t.footer ?? []).map((f) => f.map((c, i) => (i === 0 ? `**${c}**` : c)))]) out.push(`| ${r.map(md).join(' | ')} |`);
    out.push('');
  }
  if (t.note) out.push(t.note, '');
  return out.join('\n');
}

export function tableHtml(t: Table): string {
  const h = escapeXml;
  const row = (r: string[], tag = 'td') => `<tr>${r.map((c) => `<${tag}>${h(c)}</${tag}>`).join('')}</tr>`;
  return `<h2>${h(t.title)}</h2>\n${t.rows.length === 0 ? '<p>No extracted studies yet.</p>' :
    `<table><thead>${row(t.header, 'th')}</thead><tbody>\n${t.rows.map((r) => row(r)).join('\n')}\n</tbody>${
      t.footer ? `<tfoot>${t.footer.map((r) => row(r)).join('')}</tfoot>` : ''}</table>`}${t.note ? `\n<p>${h(t.note)}</p>` : ''}\n`;
}

export function tableCsv(t: Table): string {
  return `${[t.header, ...t.rows, ...(t.footer ?? [])].map(csvLine).join('\n')}\n`;
}

export function renderTables(tables: Table[], format: TableFormat, title = 'Included studies'): string {
  if (format === 'csv') return tables.map(tableCsv).join('\n');
  if (format === 'md') return `# ${title}\n\n${tables.map(tableMarkdown).join('\n')}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(title)}</title>
<style>
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin-bottom: 1.5em; font-size: 0.85em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
tfoot td { font-weight: bold; background: #f3f3f3; }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
${tables.map(tableHtml).join('\n')}</body>
</html>
`;
}
