/**
 * Extraction templates for a set of studies, pre-filled with their
 * bibliographic details (and with any values already extracted, so a
 * completed template round-trips): a CSV with one row per study and one
 * column per field, a Markdown form, and an HTML form to print.
 */
import { escapeXml } from '../prisma/svg/render.js';
import { csvLine } from '../prisma/report.js';
import { choicesOf, choiceLabel, formColumns, groupLabel, STUDY_COLUMN, type Form, type FormField } from './form.js';
import { fullCitation, shortCitation, type Study } from './studies.js';
import { codesOf } from './values.js';

export type TemplateFormat = 'csv' | 'md' | 'html';

type Values = Map<string, Map<string, string>>;

function cell(study: Study, values: Values, column: string, field: FormField): string {
  const v = values.get(study.key)?.get(column);
  if (v !== undefined) return v;
  if (field.prefill === 'citation' && column === field.id) return fullCitation(study);
  return '';
}

export function templateCsv(form: Form, studies: Study[], values: Values = new Map()): string {
  const columns = formColumns(form);
  const lines = [csvLine([STUDY_COLUMN, ...columns.map((c) => c.column)])];
  for (const s of studies) lines.push(csvLine([s.key, ...columns.map((c) => cell(s, values, c.column, c.field))]));
  return `${lines.join('\n')}\n`;
}

function typeHint(f: FormField): string {
  switch (f.type) {
    case 'text': return 'free text';
    case 'number': return 'a number';
    case 'yesno': return 'yes or no';
    case 'single': return `one choice${f.frame ? ` from frame ${f.frame}` : ''}`;
    case 'multiple': return `any number of choices${f.frame ? ` from frame ${f.frame}` : ''} (codes, separated by ;)`;
  }
}

function heading(s: Study): string {
  return `Study ${s.key}: ${shortCitation(s)}${s.title ? ` — ${s.title}` : ''}`;
}

export function templateMarkdown(form: Form, studies: Study[], values: Values = new Map()): string {
  const out = [`# ${form.title}`, '', `Form \`${form.name}\` version ${form.version}. One section per study; fill in each field, then copy the answers into the CSV template (\`review extract template --format csv\`) for \`review extract import\`.`, ''];
  if (studies.length === 0) out.push('_No studies to extract yet._', '');
  for (const s of studies) {
    out.push(`## ${heading(s)}`, '');
    form.fields.forEach((f, i) => {
      out.push(`### ${i + 1}. ${f.label}${f.required ? ' (required)' : ''}`, '', `_${typeHint(f)}${f.help ? `. ${f.help}` : ''}_`, '');
      const v = cell(s, values, f.id, f);
      if (f.type === 'single' || f.type === 'multiple') {
        const chosen = new Set(codesOf(v));
        let group: string | undefined;
        for (const c of choicesOf(form, f)) {
          if (groupLabel(c) !== group) {
            group = groupLabel(c);
            if (group) out.push(`- **${group}**`);
          }
          out.push(`${group ? '  ' : ''}- [${chosen.has(c.code) ? 'x' : ' '}] ${c.code} ${choiceLabel(c)}`);
        }
        out.push('');
        if (f.notes) out.push(`Notes (\`${f.id}_notes\`): ${values.get(s.key)?.get(`${f.id}_notes`) ?? ''}`, '');
      } else {
        out.push(v ? `> ${v.replace(/\n/g, '\n> ')}` : '> ', '');
      }
    });
  }
  return `${out.join('\n')}\n`;
}

const h = escapeXml;

export function templateHtml(form: Form, studies: Study[], values: Values = new Map()): string {
  const sections = studies.map((s) => {
    const fields = form.fields.map((f, i) => {
      const v = cell(s, values, f.id, f);
      let body: string;
      if (f.type === 'single' || f.type === 'multiple') {
        const chosen = new Set(codesOf(v));
        const mark = f.type === 'single' ? '○' : '☐';
        let group: string | undefined;
        const items: string[] = [];
        for (const c of choicesOf(form, f)) {
          if (groupLabel(c) !== group) {
            group = groupLabel(c);
            if (group) items.push(`<li class="group">${h(group)}</li>`);
          }
          items.push(`<li>${chosen.has(c.code) ? (f.type === 'single' ? '●' : '☒') : mark} <b>${h(c.code)}</b> ${h(choiceLabel(c))}</li>`);
        }
        body = `<ul class="choices">${items.join('')}</ul>${f.notes ? `<div class="answer small">${h(values.get(s.key)?.get(`${f.id}_notes`) ?? '')}</div>` : ''}`;
      } else {
        body = `<div class="answer${f.type === 'text' ? '' : ' small'}">${h(v)}</div>`;
      }
      return `<div class="field"><h3>${i + 1}. ${h(f.label)}${f.required ? ' <span class="req">(required)</span>' : ''}</h3>` +
        `<p class="help">${h(typeHint(f))}${f.help ? `. ${h(f.help)}` : ''}</p>${body}</div>`;
    }).join('\n');
    return `<section><h2>${h(heading(s))}</h2>\n${fields}\n</section>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${h(form.title)}</title>
<style>
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; margin: 2em auto; max-width: 48em; color: #222; font-size: 11pt; }
section { page-break-after: always; }
h2 { font-size: 1.2em; border-bottom: 2px solid #333; padding-bottom: 0.2em; }
h3 { font-size: 1em; margin: 1em 0 0.2em; }
.req { color: #a00; font-weight: normal; }
.help { margin: 0 0 0.3em; color: #555; font-size: 0.9em; font-style: italic; }
.answer { border: 1px solid #888; min-height: 5em; padding: 0.3em; white-space: pre-wrap; }
.answer.small { min-height: 2em; }
ul.choices { list-style: none; padding-left: 0.5em; margin: 0.2em 0; columns: 2; }
ul.choices li.group { font-weight: bold; margin-top: 0.3em; break-after: avoid; }
@media print { body { margin: 0; max-width: none; } .field { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${h(form.title)}</h1>
<p>Form <code>${h(form.name)}</code> version ${form.version}.${studies.length === 0 ? ' No studies to extract yet.' : ''}</p>
${sections.join('\n')}
</body>
</html>
`;
}

export function renderTemplate(format: TemplateFormat, form: Form, studies: Study[], values?: Values): string {
  if (format === 'csv') return templateCsv(form, studies, values);
  if (format === 'md') return templateMarkdown(form, studies, values);
  return templateHtml(form, studies, values);
}
