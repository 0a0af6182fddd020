/**
 * `review prisma --expect <file>`: compare derived counts with the figures a
 * review reported, side by side. A figure's `derived` is a small sum over box
 * names (`dbr_assessed + other_assessed`), so reported figures that are not
 * single PRISMA boxes (the reference review's "718 screened = 641 + 77") can
 * still be checked. Agreement means every figure is derivable and equal.
 */
import { readFileSync } from 'node:fs';
import { boxValue, isBoxName } from './boxes.js';
import type { ExtraCounts } from './derive.js';
import type { PrismaReport } from './report.js';

export interface ReportedFigure {
  id: string;
  label: string;
  reported: number;
  derived: string;
  note?: string;
}

export interface ReportedFile {
  review?: string;
  source?: string;
  figures: ReportedFigure[];
}

export type FigureStatus = 'agree' | 'differ' | 'n/a';

export interface FigureComparison extends ReportedFigure {
  value?: number;
  status: FigureStatus;
  /** For n/a: the names in the expression that are not derivable yet. */
  missing?: string[];
}

export interface Comparison {
  file: string;
  review?: string;
  figures: FigureComparison[];
  agree: boolean;
}

const EXTRAS: ReadonlyArray<keyof ExtraCounts> = ['other_records_screened'];

type Term = { sign: 1 | -1; name?: string; number?: number };

/** Parse `a + b - 3` into terms; throws naming the figure when a name is unknown. */
export function parseExpression(expr: string, where: string): Term[] {
  const tokens = expr.replace(/−/g, '-').match(/[+-]|[A-Za-z_][A-Za-z0-9_]*|\d+|\S/g) ?? [];
  const terms: Term[] = [];
  let sign: 1 | -1 = 1;
  let expectOperand = true;
  for (const tok of tokens) {
    if (tok === '+' || tok === '-') {
      if (expectOperand && terms.length > 0) throw new Error(`${where}: two operators in a row in "${expr}"`);
      sign = tok === '-' ? -1 : 1;
      expectOperand = true;
      continue;
    }
    if (!expectOperand) throw new Error(`${where}: missing + or - before "${tok}" in "${expr}"`);
    if (/^\d+$/.test(tok)) terms.push({ sign, number: Number(tok) });
    else if (isBoxName(tok) || (EXTRAS as readonly string[]).includes(tok)) terms.push({ sign, name: tok });
    else throw new Error(`${where}: "${tok}" is not a PRISMA box (see \`review prisma --json\`) nor one of ${EXTRAS.join(', ')}`);
    sign = 1;
    expectOperand = false;
  }
  if (terms.length === 0 || expectOperand) throw new Error(`${where}: incomplete expression "${expr}"`);
  return terms;
}

export function readReported(path: string): ReportedFile {
  let data: unknown;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read it (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message})`);
  }
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const figures = (data as { figures?: unknown }).figures;
  if (!Array.isArray(figures) || figures.length === 0) throw new Error(`${path}: needs a "figures" array with at least one figure`);
  figures.forEach((f: Partial<ReportedFigure>, i) => {
    const where = `${path}: figure ${i + 1}${f?.id ? ` (${f.id})` : ''}`;
    if (typeof f?.id !== 'string' || !f.id) throw new Error(`${where}: "id" is missing`);
    if (typeof f.reported !== 'number' || !Number.isInteger(f.reported) || f.reported < 0) throw new Error(`${where}: "reported" must be a whole number`);
    if (typeof f.derived !== 'string') throw new Error(`${where}: "derived" must be an expression over box names, e.g. "dbr_assessed + other_assessed"`);
    parseExpression(f.derived, where);
    if (typeof f.label !== 'string') f.label = f.id;
  });
  return data as ReportedFile;
}

function evaluate(report: PrismaReport, terms: Term[]): { value?: number; missing: string[] } {
  let value = 0;
  const missing: string[] = [];
  for (const t of terms) {
    const v = t.number ?? (isBoxName(t.name!) ? boxValue(report.counts, t.name) : report.extras[t.name as keyof ExtraCounts]);
    if (v === undefined) missing.push(t.name!);
    else value += t.sign * v;
  }
  return missing.length ? { missing } : { value, missing };
}

export function compareReported(report: PrismaReport, reported: ReportedFile, file = ''): Comparison {
  const figures = reported.figures.map((f): FigureComparison => {
    const { value, missing } = evaluate(report, parseExpression(f.derived, f.id));
    if (value === undefined) return { ...f, status: 'n/a', missing };
    return { ...f, value, status: value === f.reported ? 'agree' : 'differ' };
  });
  return { file, review: reported.review, figures, agree: figures.every((f) => f.status === 'agree') };
}

/** The side-by-side table printed by `review prisma --expect`. */
export function comparisonText(c: Comparison, awaiting: (name: string) => string | undefined = () => undefined): string {
  const rows = c.figures.map((f) => {
    const diff = f.value === undefined ? '' : f.value - f.reported;
    const detail = f.status === 'agree' ? 'agrees'
      : f.status === 'differ' ? `differs by ${typeof diff === 'number' && diff > 0 ? '+' : ''}${diff}`
        : `n/a: ${f.missing!.map((m) => `${m}${awaiting(m) ? ` (awaiting ${awaiting(m)})` : ''}`).join(', ')} not derivable yet`;
    return [f.label, String(f.reported), f.value === undefined ? 'n/a' : String(f.value), f.derived, detail];
  });
  const header = ['figure', 'reported', 'derived', 'derived as', 'status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  const agreeing = c.figures.filter((f) => f.status === 'agree').length;
  return [
    ...(c.review ? [`Reported: ${c.review}`, ''] : []),
    line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '',
    c.agree ? `All ${c.figures.length} reported figures agree with the derived counts.`
      : `${agreeing} of ${c.figures.length} reported figures agree; ${c.figures.length - agreeing} do not (see status).`,
  ].join('\n');
}
