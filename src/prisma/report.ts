/**
 * A PRISMA report: the derived counts with their provenance and consistency
 * checks, rendered as SVG, HTML, Markdown, JSON or the PRISMA2020 R package's
 * CSV template, in any language of the message catalogue.
 */
import type { DB } from '../store/db.js';
import type { Criteria } from '../criteria/format.js';
import { BOX_NAMES, defaultVariant, isListBox, type BoxName, type PrismaCounts, type Provenance, type Reason, type Variant } from './boxes.js';
import { checkCounts, failedChecks, type Check } from './checks.js';
import { derivePrisma, type Derivation, type ExtraCounts } from './derive.js';
import { catalogue, reasonLabel, t, type MessageKey, type Messages } from './i18n/index.js';
import type { ManualEntry } from './manual.js';
import { layoutDiagram, type Layout } from './svg/layout.js';
import { escapeXml, renderSvg } from './svg/render.js';

export const FORMATS = ['svg', 'html', 'md', 'csv', 'json'] as const;
export type PrismaFormat = (typeof FORMATS)[number];

export interface PrismaReport {
  counts: PrismaCounts;
  provenance: Partial<Record<BoxName, Provenance>>;
  extras: ExtraCounts;
  open: Derivation['open'];
  manual: ManualEntry[];
  checks: Check[];
  variant: Variant;
}

export interface ReportOptions {
  criteria?: Criteria;
  /** Override the variant chosen from the counts. */
  variant?: Partial<Variant>;
}

/** A report from counts given directly (tests, or numbers from elsewhere). */
export function reportFromCounts(counts: PrismaCounts, options: { variant?: Partial<Variant>; provenance?: PrismaReport['provenance']; open?: Derivation['open'] } = {}): PrismaReport {
  return {
    counts, provenance: options.provenance ?? {}, extras: {}, open: options.open ?? {}, manual: [],
    checks: checkCounts(counts, { open: options.open }),
    variant: { ...defaultVariant(counts), ...options.variant },
  };
}

/** Derive every box from the database and check the arithmetic. */
export function buildReport(db: DB, options: ReportOptions = {}): PrismaReport {
  const d = derivePrisma(db, { criteria: options.criteria });
  return {
    ...d,
    checks: checkCounts(d.counts, { open: d.open }),
    variant: {
      ...defaultVariant(d.counts),
      // A previous version imported (--previous) makes this an update: draw its column, n/a until entered.
      ...(d.provenance.previous_studies?.kind === 'pending' ? { previous: true } : {}),
      ...options.variant,
    },
  };
}

export function consistent(report: PrismaReport): boolean {
  return failedChecks(report.checks).length === 0;
}

// ------------------------------------------------------------------ labels

/** What a box means, in the report's language (for tables and the CSV's box text). */
export function boxDescription(m: Messages, box: BoxName, variant: Variant): string {
  const from = (k: MessageKey) => `${m['box.identified_from.other']} ${m[k]}`;
  const arm = (k: MessageKey, a: 'dbr' | 'other') => `${m[k]} (${m[a === 'dbr' ? 'arm.dbr' : 'arm.other']})`;
  const strip = (s: string) => s.replace(/\*+$/, '');
  const map: Record<BoxName, string> = {
    previous_studies: m['box.previous_studies'],
    previous_reports: m['box.previous_reports'],
    database_results: from('box.database_results'),
    database_specific_results: from('box.database_results'),
    register_results: from('box.register_results'),
    register_specific_results: from('box.register_results'),
    website_results: from('box.website_results'),
    organisation_results: from('box.organisation_results'),
    citations_results: from('box.citations_results'),
    duplicates: m['box.duplicates'],
    excluded_automatic: m['box.excluded_automatic'],
    excluded_other: m['box.excluded_other'],
    records_screened: arm('box.records_screened', 'dbr'),
    records_excluded: strip(arm('box.records_excluded', 'dbr').replace('**', '')),
    dbr_sought_reports: arm('box.sought_reports', 'dbr'),
    dbr_notretrieved_reports: arm('box.notretrieved_reports', 'dbr'),
    other_sought_reports: arm('box.sought_reports', 'other'),
    other_notretrieved_reports: arm('box.notretrieved_reports', 'other'),
    dbr_assessed: arm('box.assessed', 'dbr'),
    dbr_excluded: arm('box.excluded_reports', 'dbr'),
    other_assessed: arm('box.assessed', 'other'),
    other_excluded: arm('box.excluded_reports', 'other'),
    new_studies: m[variant.previous ? 'box.new_studies' : 'box.studies_included'],
    new_reports: m[variant.previous ? 'box.new_reports' : 'box.reports_included'],
    total_studies: m['box.total_studies'],
    total_reports: m['box.total_reports'],
  };
  return map[box];
}

function listText(m: Messages, box: BoxName, list: Reason[]): string {
  if (list.length === 0) return '0';
  const name = (r: Reason) => (box.endsWith('_excluded') ? reasonLabel(m, r.reason, r.label) : r.reason === '' ? m['source.not_stated'] : r.reason);
  return list.map((r) => `${name(r)}: ${r.n}`).join('; ');
}

/** A box's value as text: the number, or the list with its items, or "n/a". */
export function valueText(m: Messages, counts: PrismaCounts, box: BoxName): string {
  const v = counts[box];
  if (v === undefined) return m['count.na'];
  if (Array.isArray(v)) {
    const total = v.reduce((a, r) => a + r.n, 0);
    return v.length ? `${total} (${listText(m, box, v)})` : '0';
  }
  return String(v);
}

function stageText(m: Messages, awaiting: string): string {
  const key = `stage.${awaiting}` as MessageKey;
  return key in m ? m[key] : awaiting;
}

export function provenanceText(m: Messages, p: Provenance | undefined): string {
  if (!p) return '';
  const list = (ids: number[]) => ids.map((i) => `#${i}`).join(', ');
  switch (p.kind) {
    case 'derived': return t(m, 'table.derived', { from: p.from });
    case 'manual': return t(m, 'table.manual', { entries: list(p.entries) });
    case 'derived+manual': return t(m, 'table.derived_manual', { from: p.from, entries: list(p.entries) });
    case 'pending': return t(m, 'table.pending', { awaiting: stageText(m, p.awaiting) });
  }
}

function checkStatus(m: Messages, c: Check): string {
  return m[c.status === 'ok' ? 'checks.ok' : c.status === 'fail' ? 'checks.fail' : 'checks.skipped'];
}

// ------------------------------------------------------------------ SVG

export function layoutReport(report: PrismaReport, lang: string): Layout {
  return layoutDiagram({ counts: report.counts, provenance: report.provenance, variant: report.variant, messages: catalogue(lang), lang });
}

export function prismaSvg(report: PrismaReport, lang = 'en'): string {
  const m = catalogue(lang);
  return renderSvg(layoutReport(report, lang), { title: `${m.title}: ${m.caption}`, description: countsSummary(m, report) });
}

/** One line per shown box, for the SVG's <desc> (screen readers). */
function countsSummary(m: Messages, report: PrismaReport): string {
  return visibleBoxes(report).filter((b) => report.counts[b] !== undefined).map((b) => `${boxDescription(m, b, report.variant)}: ${valueText(m, report.counts, b)}`).join('. ');
}

// ------------------------------------------------------------------ Markdown

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function prismaMarkdown(report: PrismaReport, lang = 'en', options: { svg?: string } = {}): string {
  const m = catalogue(lang);
  const failed = failedChecks(report.checks);
  const lines = [`# ${m.title}`, '', m.caption, ''];
  if (options.svg) lines.push(`![${m.title}](${options.svg})`, '');
  lines.push(`## ${m['table.counts']}`, '', `| ${m['table.box']} | ${m['table.description']} | ${m['table.n']} | ${m['table.source']} |`, '|---|---|---:|---|');
  for (const b of visibleBoxes(report)) {
    lines.push(`| \`${b}\` | ${mdCell(boxDescription(m, b, report.variant))} | ${mdCell(valueText(m, report.counts, b))} | ${mdCell(provenanceText(m, report.provenance[b]))} |`);
  }
  lines.push('', `## ${m['checks.heading']}`, '', failed.length ? t(m, 'checks.failed', { n: failed.length }) : m['checks.all_ok'], '');
  lines.push(`| ${m['checks.rule']} | ${m['checks.status']} | ${m['checks.detail']} |`, '|---|---|---|');
  for (const c of report.checks) lines.push(`| ${mdCell(c.rule)} | ${checkStatus(m, c)} | ${mdCell(c.message)} |`);
  lines.push('', `## ${m['manual.heading']}`, '');
  if (report.manual.length === 0) lines.push(m['manual.none']);
  else {
    lines.push(`| ${m['manual.id']} | ${m['manual.box']} | ${m['manual.n']} | ${m['manual.database']} | ${m['manual.reason']} | ${m['manual.by']} | ${m['manual.on']} |`, '|---:|---|---:|---|---|---|---|');
    for (const e of report.manual) lines.push(`| ${e.id} | \`${e.box}\` | ${e.n} | ${mdCell(e.database ?? '')} | ${mdCell(e.reason)} | ${mdCell(e.enteredBy)} | ${e.occurredOn} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Boxes of the variant drawn (the previous column and the other arm only when shown). */
export function visibleBoxes(report: PrismaReport): BoxName[] {
  const hidden = new Set<BoxName>([
    ...(report.variant.previous ? [] : (['previous_studies', 'previous_reports', 'total_studies', 'total_reports'] as BoxName[])),
    ...(report.variant.other ? [] : (['website_results', 'organisation_results', 'citations_results', 'other_sought_reports', 'other_notretrieved_reports', 'other_assessed', 'other_excluded'] as BoxName[])),
  ]);
  return BOX_NAMES.filter((b) => !hidden.has(b));
}

// ------------------------------------------------------------------ HTML

const h = escapeXml;

export function prismaHtml(report: PrismaReport, lang = 'en'): string {
  const m = catalogue(lang);
  const svg = prismaSvg(report, lang).replace(/^<\?xml[^>]*>\n/, '');
  const failed = failedChecks(report.checks);
  const rows = visibleBoxes(report).map((b) =>
    `<tr><td><code>${b}</code></td><td>${h(boxDescription(m, b, report.variant))}</td><td class="n">${h(valueText(m, report.counts, b))}</td><td>${h(provenanceText(m, report.provenance[b]))}</td></tr>`);
  const checks = report.checks.map((c) =>
    `<tr class="${c.status}"><td><code>${h(c.rule)}</code></td><td>${h(checkStatus(m, c))}</td><td>${h(c.message)}</td></tr>`);
  const manual = report.manual.length === 0 ? `<p>${h(m['manual.none'])}</p>` :
    `<table><thead><tr>${(['manual.id', 'manual.box', 'manual.n', 'manual.database', 'manual.reason', 'manual.by', 'manual.on'] as const).map((k) => `<th>${h(m[k])}</th>`).join('')}</tr></thead><tbody>${
      report.manual.map((e) => `<tr><td>${e.id}</td><td><code>${e.box}</code></td><td class="n">${e.n}</td><td>${h(e.database ?? '')}</td><td>${h(e.reason)}</td><td>${h(e.enteredBy)}</td><td>${e.occurredOn}</td></tr>`).join('')}</tbody></table>`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${h(m.title)}</title>
<style>
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
figure { margin: 0 0 2em; }
figure svg { width: 100%; height: auto; border: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
td.n { text-align: right; min-width: 4em; }
tr.fail td { background: #fde2e2; }
tr.skipped td { color: #666; }
@media print { body { margin: 0; max-width: none; } figure { page-break-after: always; } figure svg { border: none; } }
</style>
</head>
<body>
<h1>${h(m.title)}</h1>
<p>${h(m.caption)}</p>
<figure>
${svg}</figure>
<h2>${h(m['table.counts'])}</h2>
<table><thead><tr><th>${h(m['table.box'])}</th><th>${h(m['table.description'])}</th><th>${h(m['table.n'])}</th><th>${h(m['table.source'])}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
<h2>${h(m['checks.heading'])}</h2>
<p>${h(failed.length ? t(m, 'checks.failed', { n: failed.length }) : m['checks.all_ok'])}</p>
<table><thead><tr><th>${h(m['checks.rule'])}</th><th>${h(m['checks.status'])}</th><th>${h(m['checks.detail'])}</th></tr></thead>
<tbody>
${checks.join('\n')}
</tbody></table>
<h2>${h(m['manual.heading'])}</h2>
${manual}
</body>
</html>
`;
}

// ------------------------------------------------------------------ JSON

export function prismaJson(report: PrismaReport): string {
  const counts: Record<string, unknown> = {};
  for (const b of BOX_NAMES) counts[b] = report.counts[b] ?? null;
  return `${JSON.stringify({
    counts,
    extras: report.extras,
    provenance: report.provenance,
    variant: report.variant,
    consistent: consistent(report),
    checks: report.checks,
    open: report.open,
    manualEntries: report.manual,
  }, null, 2)}\n`;
}

// ------------------------------------------------------------------ CSV (PRISMA2020 R package / Shiny app template)

/**
 * Rows of the PRISMA2020 package's `inst/extdata/PRISMA.csv`, in its order:
 * data, node, box, description, tooltips, url. The box text is filled in from
 * the message catalogue (so a Welsh CSV draws Welsh boxes in that tool too)
 * and `n` from the counts.
 */
type TemplateRow = [data: string, node: string, box: string, description: string, tooltips: string, url: string];
const TEMPLATE: TemplateRow[] = [
  ['NA', 'node4', 'prevstud', 'Grey title box; Previous studies', 'Grey title box; Previous studies', 'prevstud.html'],
  ['previous_studies', 'node5', 'box1', 'Studies included in previous version of review', 'Studies included in previous version of review', 'previous_studies.html'],
  ['previous_reports', 'NA', 'box1', 'Reports of studies included in previous version of review', 'NA', 'previous_reports.html'],
  ['NA', 'node6', 'newstud', 'Yellow title box; Identification of new studies via databases and registers', 'Yellow title box; Identification of new studies via databases and registers', 'newstud.html'],
  ['database_results', 'node7', 'box2', 'Records identified from: Databases', 'Records identified from: Databases and Registers', 'database_results.html'],
  ['database_specific_results', 'NA', 'box2', 'Records identified from: specific databases', 'NA', 'database_results.html'],
  ['register_results', 'NA', 'box2', 'Records identified from: Registers', 'NA', 'NA'],
  ['register_specific_results', 'NA', 'box2', 'Records identified from: specific registers', 'NA', 'database_results.html'],
  ['NA', 'node16', 'othstud', 'Grey title box; Identification of new studies via other methods', 'Grey title box; Identification of new studies via other methods', 'othstud.html'],
  ['website_results', 'node17', 'box11', 'Records identified from: Websites', 'Records identified from: Websites, Organisations and Citation Searching', 'website_results.html'],
  ['organisation_results', '', 'box11', 'Records identified from: Organisations', 'NA', 'NA'],
  ['citations_results', 'NA', 'box11', 'Records identified from: Citation searching', 'NA', 'NA'],
  ['duplicates', 'node8', 'box3', 'Duplicate records', 'Duplicate records', 'duplicates.html'],
  ['excluded_automatic', 'NA', 'box3', 'Records marked as ineligible by automation tools', 'NA', 'NA'],
  ['excluded_other', 'NA', 'box3', 'Records removed for other reasons', 'NA', 'NA'],
  ['records_screened', 'node9', 'box4', 'Records screened (databases and registers)', 'Records screened (databases and registers)', 'records_screened.html'],
  ['records_excluded', 'node10', 'box5', 'Records excluded (databases and registers)', 'Records excluded (databases and registers)', 'records_excluded.html'],
  ['dbr_sought_reports', 'node11', 'box6', 'Reports sought for retrieval (databases and registers)', 'Reports sought for retrieval (databases and registers)', 'dbr_sought_reports.html'],
  ['dbr_notretrieved_reports', 'node12', 'box7', 'Reports not retrieved (databases and registers)', 'Reports not retrieved (databases and registers)', 'dbr_notretrieved_reports.html'],
  ['other_sought_reports', 'node18', 'box12', 'Reports sought for retrieval (other)', 'Reports sought for retrieval (other)', 'other_sought_reports.html'],
  ['other_notretrieved_reports', 'node19', 'box13', 'Reports not retrieved (other)', 'Reports not retrieved (other)', 'other_notretrieved_reports.html'],
  ['dbr_assessed', 'node13', 'box8', 'Reports assessed for eligibility (databases and registers)', 'Reports assessed for eligibility (databases and registers)', 'dbr_assessed.html'],
  ['dbr_excluded', 'node14', 'box9', 'Reports excluded (databases and registers): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]', 'Reports excluded (databases and registers)', 'dbrexcludedrecords.html'],
  ['other_assessed', 'node20', 'box14', 'Reports assessed for eligibility (other)', 'Reports assessed for eligibility (other)', 'other_assessed.html'],
  ['other_excluded', 'node21', 'box15', 'Reports excluded (other): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]', 'Reports excluded (other)', 'other_excluded.html'],
  ['new_studies', 'node15', 'box10', 'New studies included in review', 'New studies included in review', 'new_studies.html'],
  ['new_reports', 'NA', 'box10', 'Reports of new included studies', 'NA', 'NA'],
  ['total_studies', 'node22', 'box16', 'Total studies included in review', 'Total studies included in review', 'total_studies.html'],
  ['total_reports', 'NA', 'box16', 'Reports of total included studies', 'NA', 'NA'],
  ['identification', 'node1', 'identification', 'Blue identification box', 'Blue identification box', 'identification.html'],
  ['screening', 'node2', 'screening', 'Blue screening box', 'Blue screening box', 'screening.html'],
  ['included', 'node3', 'included', 'Blue included box', 'Blue included box', 'included.html'],
];

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(fields: string[]): string {
  return fields.map(csvField).join(',');
}

/** The R package reads "Name, n; Name, n": keep those separators out of names. */
const rName = (s: string) => s.replace(/[,;]/g, ' ').replace(/\s+/g, ' ').trim();

export function prismaCsv(report: PrismaReport, lang = 'en'): string {
  const m = catalogue(lang);
  const v = report.variant;
  const boxText = (data: string, box: string): string => {
    switch (box) {
      case 'prevstud': return m['head.previous'];
      case 'newstud': return m[v.previous ? 'head.databases.update' : 'head.databases'];
      case 'othstud': return m[v.previous ? 'head.other.update' : 'head.other'];
      case 'identification': return m['phase.identification'];
      case 'screening': return m['phase.screening'];
      case 'included': return m['phase.included'];
    }
    const labels: Record<string, MessageKey> = {
      database_results: 'box.database_results', database_specific_results: 'box.database_results', register_results: 'box.register_results',
      register_specific_results: 'box.register_results', website_results: 'box.website_results', organisation_results: 'box.organisation_results',
      citations_results: 'box.citations_results', duplicates: 'box.duplicates', excluded_automatic: 'box.excluded_automatic',
      excluded_other: 'box.excluded_other', records_screened: 'box.records_screened', records_excluded: 'box.records_excluded',
      dbr_sought_reports: 'box.sought_reports', other_sought_reports: 'box.sought_reports', dbr_notretrieved_reports: 'box.notretrieved_reports',
      other_notretrieved_reports: 'box.notretrieved_reports', dbr_assessed: 'box.assessed', other_assessed: 'box.assessed',
      dbr_excluded: 'box.excluded_reports', other_excluded: 'box.excluded_reports', previous_studies: 'box.previous_studies',
      previous_reports: 'box.previous_reports', new_studies: v.previous ? 'box.new_studies' : 'box.studies_included',
      new_reports: v.previous ? 'box.new_reports' : 'box.reports_included', total_studies: 'box.total_studies', total_reports: 'box.total_reports',
    };
    return m[labels[data]].replace(/\*+$/, '');
  };
  const n = (data: string): string => {
    if (!(BOX_NAMES as readonly string[]).includes(data)) return '0';
    const box = data as BoxName;
    const value = report.counts[box];
    if (value === undefined) return 'NA';
    if (isListBox(box)) {
      const list = value as Reason[];
      const name = (r: Reason) => rName(box.endsWith('_excluded') ? reasonLabel(m, r.reason, r.label) : r.reason || m['source.not_stated']);
      return list.map((r) => `${name(r)}, ${r.n}`).join('; ');
    }
    return String(value);
  };
  const lines = [csvLine(['data', 'node', 'box', 'description', 'boxtext', 'tooltips', 'url', 'n'])];
  for (const [data, node, box, description, tooltips, url] of TEMPLATE) {
    lines.push(csvLine([data, node, box, description, boxText(data, box), tooltips, url, n(data)]));
  }
  return `${lines.join('\n')}\n`;
}

/** Render a report in one of the formats. */
export function renderPrisma(report: PrismaReport, format: PrismaFormat, lang = 'en'): string {
  switch (format) {
    case 'svg': return prismaSvg(report, lang);
    case 'html': return prismaHtml(report, lang);
    case 'md': return prismaMarkdown(report, lang);
    case 'csv': return prismaCsv(report, lang);
    case 'json': return prismaJson(report);
  }
}
