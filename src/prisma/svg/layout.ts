/**
 * Lay out the PRISMA 2020 flow diagram: the template's grid of boxes, side
 * boxes for exclusions, phase bars (Identification / Screening / Included),
 * the two identification arms (databases and registers; other methods) and,
 * for an updated review, the previous-studies column with the totals.
 *
 * The layout is plain data (rectangles, text lines, arrow polylines) so the
 * renderer is trivial and tests can check the geometry: boxes do not
 * overlap, every line fits its box, arrows run between boxes.
 *
 * Units are CSS pixels at 96 dpi; the page is A4 (portrait when the diagram
 * has up to four columns of boxes, landscape otherwise), so 11 px text prints
 * at 8.25 pt when the diagram is printed at its natural size.
 */
import type { BoxName, PrismaCounts, Provenance, Reason, Variant } from '../boxes.js';
import { reasonLabel, t, type MessageKey, type Messages } from '../i18n/index.js';
import { ASCENT, DESCENT, glue, textWidth, wrap } from './text.js';

export const FONT = 11;
export const LINE = 14;
export const HEAD_FONT = 11.5;
export const PHASE_FONT = 12;
export const NOTE_FONT = 9.5;
const NOTE_LINE = 12;
const PAD_X = 8;
const PAD_Y = 7;
const MARGIN = 16;
const PHASE_W = 28;
const PHASE_GAP = 12;
const SIDE_GAP = 34;
const ARM_GAP = 26;
const ROW_GAP = 24;
const INDENT = 10;

export const A4 = { portrait: { width: 794, height: 1123 }, landscape: { width: 1123, height: 794 } };

export interface TextLine {
  x: number;
  /** Baseline. */
  y: number;
  text: string;
  size: number;
  bold: boolean;
  anchor: 'start' | 'middle';
  /** Rotated −90° about (x, y): the line runs upwards. */
  rotated?: boolean;
}

export type BoxKind = 'box' | 'header' | 'phase';

export interface LaidBox {
  /** Stable id, e.g. `records_screened`, `head.databases`, `phase.screening`. */
  id: string;
  kind: BoxKind;
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  lines: TextLine[];
  /** The PRISMA boxes (R package names) whose numbers this box shows. */
  shows: BoxName[];
}

export interface Arrow {
  from: string;
  to: string;
  /** Polyline; the last point is the arrow head, on the edge of `to`. */
  points: Array<[number, number]>;
}

export interface Layout {
  width: number;
  height: number;
  orientation: 'portrait' | 'landscape';
  /** Scale at which the diagram fits an A4 page of its orientation (≤ 1). */
  a4Scale: number;
  boxes: LaidBox[];
  arrows: Arrow[];
  notes: TextLine[];
  lang: string;
}

/** One paragraph of a box: wrapped as a unit, with a hanging indent. */
interface Para {
  text: string;
  indent?: number;
  bold?: boolean;
}

interface Content {
  id: string;
  paras: Para[];
  shows: BoxName[];
}

export interface LayoutInput {
  counts: PrismaCounts;
  provenance: Partial<Record<BoxName, Provenance>>;
  variant: Variant;
  messages: Messages;
  lang: string;
}

// ---------------------------------------------------------------- content

function contentBuilder({ counts: c, provenance, messages: m }: LayoutInput) {
  const manual = (box: BoxName) => {
    const p = provenance[box];
    return p !== undefined && (p.kind === 'manual' || p.kind === 'derived+manual');
  };
  const num = (v: number | undefined) => (v === undefined ? m['count.na'] : v.toLocaleString('en-GB'));
  /** "Label (n = 12)" with the count glued together, † when entered by hand. */
  const item = (label: string, v: number | undefined, box?: BoxName): string =>
    `${label} ${glue(t(m, 'count', { n: num(v) }))}${box && manual(box) ? '†' : ''}`;
  const list = (items: Reason[] | undefined, indent: number, label: (r: Reason) => string): Para[] =>
    (items ?? []).map((r) => ({ text: item(label(r), r.n), indent }));
  const sum = (items: Reason[] | undefined) => (items === undefined ? undefined : items.reduce((a, r) => a + r.n, 0));
  const L = (k: MessageKey) => m[k];
  return { manual, num, item, list, sum, L, c, m };
}

function contents(input: LayoutInput): Record<string, Content> {
  const { c, item, list, sum, L, m } = contentBuilder(input);
  const update = input.variant.previous;
  const dbName = (r: Reason) => (r.reason === '' ? m['source.not_stated'] : r.reason);
  const reason = (r: Reason) => reasonLabel(m, r.reason, r.label);
  const excluded = (box: 'dbr_excluded' | 'other_excluded'): Content => ({
    id: box,
    shows: [box],
    paras: [
      { text: `${item(L('box.excluded_reports'), sum(c[box]), box)}${c[box]?.length ? ':' : ''}` },
      ...list(c[box], INDENT, reason),
    ],
  });
  return {
    identification: {
      id: 'identification',
      shows: ['database_results', 'database_specific_results', 'register_results', 'register_specific_results'],
      paras: [
        { text: L('box.identified_from') },
        { text: item(L('box.database_results'), c.database_results, 'database_results'), indent: INDENT },
        ...list(c.database_specific_results, 2 * INDENT, dbName),
        { text: item(L('box.register_results'), c.register_results, 'register_results'), indent: INDENT },
        ...list(c.register_specific_results, 2 * INDENT, dbName),
      ],
    },
    removed: {
      id: 'removed_before_screening',
      shows: ['duplicates', 'excluded_automatic', 'excluded_other'],
      paras: [
        { text: L('box.removed_before_screening') },
        { text: item(L('box.duplicates'), c.duplicates, 'duplicates'), indent: INDENT },
        { text: item(L('box.excluded_automatic'), c.excluded_automatic, 'excluded_automatic'), indent: INDENT },
        { text: item(L('box.excluded_other'), c.excluded_other, 'excluded_other'), indent: INDENT },
      ],
    },
    screened: { id: 'records_screened', shows: ['records_screened'], paras: [{ text: item(L('box.records_screened'), c.records_screened, 'records_screened') }] },
    excluded: { id: 'records_excluded', shows: ['records_excluded'], paras: [{ text: item(L('box.records_excluded'), c.records_excluded, 'records_excluded') }] },
    sought: { id: 'dbr_sought_reports', shows: ['dbr_sought_reports'], paras: [{ text: item(L('box.sought_reports'), c.dbr_sought_reports, 'dbr_sought_reports') }] },
    notretrieved: { id: 'dbr_notretrieved_reports', shows: ['dbr_notretrieved_reports'], paras: [{ text: item(L('box.notretrieved_reports'), c.dbr_notretrieved_reports, 'dbr_notretrieved_reports') }] },
    assessed: { id: 'dbr_assessed', shows: ['dbr_assessed'], paras: [{ text: item(L('box.assessed'), c.dbr_assessed, 'dbr_assessed') }] },
    dbrExcluded: excluded('dbr_excluded'),
    otherIdentification: {
      id: 'other_identification',
      shows: ['website_results', 'organisation_results', 'citations_results'],
      paras: [
        { text: L('box.identified_from.other') },
        { text: item(L('box.website_results'), c.website_results, 'website_results'), indent: INDENT },
        { text: item(L('box.organisation_results'), c.organisation_results, 'organisation_results'), indent: INDENT },
        { text: item(L('box.citations_results'), c.citations_results, 'citations_results'), indent: INDENT },
      ],
    },
    otherSought: { id: 'other_sought_reports', shows: ['other_sought_reports'], paras: [{ text: item(L('box.sought_reports'), c.other_sought_reports, 'other_sought_reports') }] },
    otherNotretrieved: { id: 'other_notretrieved_reports', shows: ['other_notretrieved_reports'], paras: [{ text: item(L('box.notretrieved_reports'), c.other_notretrieved_reports, 'other_notretrieved_reports') }] },
    otherAssessed: { id: 'other_assessed', shows: ['other_assessed'], paras: [{ text: item(L('box.assessed'), c.other_assessed, 'other_assessed') }] },
    otherExcluded: excluded('other_excluded'),
    included: {
      id: 'new_studies',
      shows: ['new_studies', 'new_reports'],
      paras: [
        { text: item(L(update ? 'box.new_studies' : 'box.studies_included'), c.new_studies, 'new_studies') },
        { text: item(L(update ? 'box.new_reports' : 'box.reports_included'), c.new_reports, 'new_reports') },
      ],
    },
    previous: {
      id: 'previous_studies',
      shows: ['previous_studies', 'previous_reports'],
      paras: [
        { text: item(L('box.previous_studies'), c.previous_studies, 'previous_studies') },
        { text: item(L('box.previous_reports'), c.previous_reports, 'previous_reports') },
      ],
    },
    total: {
      id: 'total_studies',
      shows: ['total_studies', 'total_reports'],
      paras: [
        { text: item(L('box.total_studies'), c.total_studies, 'total_studies') },
        { text: item(L('box.total_reports'), c.total_reports, 'total_reports') },
      ],
    },
  };
}

// ---------------------------------------------------------------- geometry

interface Wrapped {
  /** `y`: baseline offset of the line below the first baseline. */
  lines: Array<{ text: string; dx: number; y: number; bold: boolean }>;
  /** Height of the box that holds these lines. */
  height: number;
}

const blockHeight = (lines: number, size: number, lead: number) => 2 * PAD_Y + (ASCENT + DESCENT) * size + (lines - 1) * lead;

/** Continuation lines of a wrapped paragraph are indented a little further (hanging indent). */
const HANG = 8;
/** Extra space before each top-level paragraph after the first (e.g. "Reports of included studies"). */
const PARA_GAP = 4;

function wrapParas(paras: Para[], width: number): Wrapped {
  const lines: Wrapped['lines'] = [];
  let y = 0;
  paras.forEach((p, i) => {
    const indent = p.indent ?? 0;
    if (i > 0 && indent === 0) y += PARA_GAP;
    const [first, ...rest] = wrap(p.text, width - indent, FONT, p.bold);
    const more = rest.length ? wrap(rest.join(' '), width - indent - HANG, FONT, p.bold) : [];
    [first, ...more].forEach((text, k) => {
      if (lines.length) y += LINE;
      lines.push({ text, dx: indent + (k > 0 ? HANG : 0), y, bold: p.bold ?? false });
    });
  });
  const last = lines.length ? lines[lines.length - 1].y : 0;
  return { lines, height: 2 * PAD_Y + (ASCENT + DESCENT) * FONT + last };
}

type Col = 'prev' | 'main' | 'side' | 'otherMain' | 'otherSide';

interface Columns {
  x: Record<Col, number>;
  w: Record<Col, number>;
  orientation: 'portrait' | 'landscape';
  width: number;
}

function columns(variant: Variant, mainWeight = 1, sideWeight = 1): Columns {
  const cols: Col[] = [...(variant.previous ? (['prev'] as Col[]) : []), 'main', 'side', ...(variant.other ? (['otherMain', 'otherSide'] as Col[]) : [])];
  const orientation = cols.length <= 4 ? 'portrait' : 'landscape';
  const width = A4[orientation].width;
  const gaps = (variant.previous ? ARM_GAP : 0) + SIDE_GAP + (variant.other ? ARM_GAP + SIDE_GAP : 0);
  const free = width - 2 * MARGIN - PHASE_W - PHASE_GAP - gaps;
  const weight: Record<Col, number> = { prev: 0.9, main: mainWeight, side: sideWeight, otherMain: 0.95, otherSide: 0.95 };
  const total = cols.reduce((a, k) => a + weight[k], 0);
  const x = {} as Record<Col, number>;
  const w = {} as Record<Col, number>;
  let at = MARGIN + PHASE_W + PHASE_GAP;
  for (const k of cols) {
    w[k] = Math.floor((free * weight[k]) / total);
    x[k] = at;
    at += w[k] + (k === 'prev' ? ARM_GAP : k === 'main' ? SIDE_GAP : k === 'side' ? ARM_GAP : k === 'otherMain' ? SIDE_GAP : 0);
  }
  return { x, w, orientation, width };
}

/**
 * Lay out the whole diagram. A long list of databases makes the first row
 * tall; widening the databases column then keeps the diagram on one A4 page
 * at full size, so a few column weights are tried and the layout printing
 * largest kept (the first, template-like one when they tie).
 */
export function layoutDiagram(input: LayoutInput): Layout {
  const content = contents(input);
  let best: Layout | undefined;
  search: for (const main of [1, 1.3, 1.6, 2]) {
    for (const side of [1, 1.3, 1.6]) {
      const layout = layoutWith(input, content, columns(input.variant, main, side));
      if (!best || layout.a4Scale > best.a4Scale + 1e-9) best = layout;
      if (best.a4Scale >= 1) break search;
    }
  }
  return best!;
}

function layoutWith(input: LayoutInput, content: Record<string, Content>, cols: Columns): Layout {
  const { variant, messages: m } = input;
  const boxes: LaidBox[] = [];
  const arrows: Arrow[] = [];

  // Which content goes where, row by row.
  const rows: Array<Partial<Record<Col, Content>>> = [
    { prev: variant.previous ? content.previous : undefined, main: content.identification, side: content.removed, otherMain: variant.other ? content.otherIdentification : undefined },
    { main: content.screened, side: content.excluded },
    { main: content.sought, side: content.notretrieved, ...(variant.other ? { otherMain: content.otherSought, otherSide: content.otherNotretrieved } : {}) },
    { main: content.assessed, side: content.dbrExcluded, ...(variant.other ? { otherMain: content.otherAssessed, otherSide: content.otherExcluded } : {}) },
    { prev: variant.previous ? content.total : undefined, main: content.included },
  ];
  const wrapped = rows.map((row) => {
    const out: Partial<Record<Col, Wrapped>> = {};
    for (const [col, cont] of Object.entries(row) as Array<[Col, Content | undefined]>) {
      if (cont) out[col] = wrapParas(cont.paras, cols.w[col] - 2 * PAD_X);
    }
    return out;
  });

  // Header row: one coloured box per arm (and the previous column).
  const headers: Array<{ id: string; x: number; w: number; text: string; fill: string }> = [
    ...(variant.previous ? [{ id: 'head.previous', x: cols.x.prev, w: cols.w.prev, text: m['head.previous'], fill: '#d9d9d9' }] : []),
    { id: 'head.databases', x: cols.x.main, w: cols.x.side + cols.w.side - cols.x.main, text: m[variant.previous ? 'head.databases.update' : 'head.databases'], fill: '#ffd966' },
    ...(variant.other ? [{ id: 'head.other', x: cols.x.otherMain, w: cols.x.otherSide + cols.w.otherSide - cols.x.otherMain, text: m[variant.previous ? 'head.other.update' : 'head.other'], fill: '#d9d9d9' }] : []),
  ];
  const headLines = headers.map((h) => wrap(h.text, h.w - 2 * PAD_X, HEAD_FONT, true));
  const headH = Math.max(...headLines.map((l) => blockHeight(l.length, HEAD_FONT, HEAD_FONT + 3)));
  const top = MARGIN;
  headers.forEach((h, i) => {
    const y0 = top + (headH - blockHeight(headLines[i].length, HEAD_FONT, HEAD_FONT + 3)) / 2;
    boxes.push({
      id: h.id, kind: 'header', x: h.x, y: top, w: h.w, h: headH, fill: h.fill, shows: [],
      lines: headLines[i].map((text, k) => ({ x: h.x + h.w / 2, y: y0 + PAD_Y + ASCENT * HEAD_FONT + k * (HEAD_FONT + 3), text, size: HEAD_FONT, bold: true, anchor: 'middle' as const })),
    });
  });

  // Row heights: the tallest box in the row; phase bars need room for their rotated label.
  const phaseText = { identification: m['phase.identification'], screening: m['phase.screening'], included: m['phase.included'] };
  const phaseNeed = (s: string) => textWidth(s, PHASE_FONT, true) + 2 * PAD_Y;
  const heights = wrapped.map((row) => Math.max(0, ...Object.values(row).map((w) => w!.height)));
  heights[0] = Math.max(heights[0], phaseNeed(phaseText.identification));
  heights[4] = Math.max(heights[4], phaseNeed(phaseText.included));
  const screeningNeed = phaseNeed(phaseText.screening) - (heights[1] + heights[2] + heights[3] + 2 * ROW_GAP);
  if (screeningNeed > 0) heights[2] += screeningNeed;
  const rowY: number[] = [];
  let y = top + headH + ROW_GAP * 0.6;
  for (const h of heights) {
    rowY.push(y);
    y += h + ROW_GAP;
  }
  const bottom = y - ROW_GAP;

  // Boxes.
  const ids: Partial<Record<string, LaidBox>> = {};
  rows.forEach((row, r) => {
    for (const [col, cont] of Object.entries(row) as Array<[Col, Content | undefined]>) {
      if (!cont) continue;
      const bx = cols.x[col];
      const by = rowY[r];
      const lines = wrapped[r][col]!.lines.map((l) => ({
        x: bx + PAD_X + l.dx, y: by + PAD_Y + ASCENT * FONT + l.y, text: l.text, size: FONT, bold: l.bold, anchor: 'start' as const,
      }));
      const box: LaidBox = { id: cont.id, kind: 'box', x: bx, y: by, w: cols.w[col], h: heights[r], fill: '#ffffff', lines, shows: cont.shows };
      boxes.push(box);
      ids[cont.id] = box;
    }
  });

  // Phase bars on the left.
  const phase = (id: string, text: string, y0: number, y1: number) => {
    const x = MARGIN;
    const cx = x + PHASE_W / 2 + (PHASE_FONT * (ASCENT - DESCENT)) / 2;
    boxes.push({
      id, kind: 'phase', x, y: y0, w: PHASE_W, h: y1 - y0, fill: '#9dc3e6', shows: [],
      lines: [{ x: cx, y: (y0 + y1) / 2, text, size: PHASE_FONT, bold: true, anchor: 'middle', rotated: true }],
    });
  };
  phase('phase.identification', phaseText.identification, rowY[0], rowY[0] + heights[0]);
  phase('phase.screening', phaseText.screening, rowY[1], rowY[3] + heights[3]);
  phase('phase.included', phaseText.included, rowY[4], rowY[4] + heights[4]);

  // Arrows.
  const B = (id: string) => ids[id]!;
  const down = (from: string, to: string) => {
    const a = B(from);
    const b = B(to);
    const x = a.x + a.w / 2;
    arrows.push({ from, to, points: [[x, a.y + a.h], [x, b.y]] });
  };
  const right = (from: string, to: string) => {
    const a = B(from);
    const b = B(to);
    const yy = a.y + a.h / 2;
    arrows.push({ from, to, points: [[a.x + a.w, yy], [b.x, yy]] });
  };
  down('identification', 'records_screened');
  down('records_screened', 'dbr_sought_reports');
  down('dbr_sought_reports', 'dbr_assessed');
  down('dbr_assessed', 'new_studies');
  right('identification', 'removed_before_screening');
  right('records_screened', 'records_excluded');
  right('dbr_sought_reports', 'dbr_notretrieved_reports');
  right('dbr_assessed', 'dbr_excluded');
  if (variant.other) {
    down('other_identification', 'other_sought_reports');
    down('other_sought_reports', 'other_assessed');
    right('other_sought_reports', 'other_notretrieved_reports');
    right('other_assessed', 'other_excluded');
    const a = B('other_assessed');
    const b = B('new_studies');
    const x = a.x + a.w / 2;
    const yy = b.y + b.h / 2;
    arrows.push({ from: 'other_assessed', to: 'new_studies', points: [[x, a.y + a.h], [x, yy], [b.x + b.w, yy]] });
  }
  if (variant.previous) {
    down('previous_studies', 'total_studies');
    const a = B('new_studies');
    const b = B('total_studies');
    const yy = a.y + a.h / 2;
    arrows.push({ from: 'new_studies', to: 'total_studies', points: [[a.x, yy], [b.x + b.w, yy]] });
  }

  // Footnotes.
  const shown = boxes.flatMap((b) => b.shows);
  const anyPending = shown.some((b) => input.counts[b] === undefined || input.provenance[b]?.kind === 'pending');
  const anyManual = shown.some((b) => { const p = input.provenance[b]; return p?.kind === 'manual' || p?.kind === 'derived+manual'; });
  const noteKeys: MessageKey[] = ['note.databases', 'note.automation', ...(anyPending ? ['note.na' as const] : []), ...(anyManual ? ['note.manual' as const] : []), 'note.source'];
  const notes: TextLine[] = [];
  let ny = bottom + 18;
  const noteWidth = cols.width - 2 * MARGIN;
  for (const key of noteKeys) {
    for (const text of wrap(m[key], noteWidth, NOTE_FONT)) {
      notes.push({ x: MARGIN, y: ny + ASCENT * NOTE_FONT, text, size: NOTE_FONT, bold: false, anchor: 'start' });
      ny += NOTE_LINE;
    }
  }
  const height = Math.ceil(ny + MARGIN);
  const page = A4[cols.orientation];
  return {
    width: cols.width, height, orientation: cols.orientation,
    a4Scale: Math.min(1, page.width / cols.width, page.height / height),
    boxes, arrows, notes, lang: input.lang,
  };
}
