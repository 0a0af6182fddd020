/** Render a laid-out diagram as a standalone SVG document (no scripts, no external fonts or images). */
import type { Layout, TextLine } from './layout.js';
import { FONT_FAMILY } from './text.js';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const mm = (px: number) => `${r1((px * 25.4) / 96)}mm`;

function text(l: TextLine): string {
  const attrs = [`x="${r1(l.x)}"`, `y="${r1(l.y)}"`, `font-size="${l.size}"`];
  if (l.bold) attrs.push('font-weight="bold"');
  if (l.anchor === 'middle') attrs.push('text-anchor="middle"');
  if (l.rotated) attrs.push(`transform="rotate(-90 ${r1(l.x)} ${r1(l.y)})"`);
  // Non-breaking spaces only glue counts together for wrapping; written as plain spaces (same width) so the text copies normally.
  return `<text ${attrs.join(' ')}>${escapeXml(l.text.replace(/\u00a0/g, ' '))}</text>`;
}

export interface SvgOptions {
  /** Accessible title and description. */
  title: string;
  description?: string;
}

export function renderSvg(layout: Layout, options: SvgOptions): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" xml:lang="${layout.lang}" width="${mm(layout.width)}" height="${mm(layout.height)}" ` +
    `viewBox="0 0 ${layout.width} ${layout.height}" font-family="${escapeXml(FONT_FAMILY)}" role="img" aria-labelledby="prisma-title">`);
  out.push(`<title id="prisma-title">${escapeXml(options.title)}</title>`);
  if (options.description) out.push(`<desc>${escapeXml(options.description)}</desc>`);
  out.push('<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">' +
    '<path d="M 0 0 L 10 5 L 0 10 z" fill="#333333"/></marker></defs>');
  out.push(`<rect x="0" y="0" width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`);
  for (const b of layout.boxes) {
    const rx = b.kind === 'box' ? 0 : 6;
    out.push(`<g class="${b.kind}" data-id="${escapeXml(b.id)}"${b.shows.length ? ` data-boxes="${b.shows.join(' ')}"` : ''}>`);
    out.push(`<rect x="${r1(b.x)}" y="${r1(b.y)}" width="${r1(b.w)}" height="${r1(b.h)}" rx="${rx}" fill="${b.fill}" stroke="#333333" stroke-width="1"/>`);
    for (const l of b.lines) out.push(text(l));
    out.push('</g>');
  }
  for (const a of layout.arrows) {
    out.push(`<polyline class="arrow" data-from="${a.from}" data-to="${a.to}" points="${a.points.map(([x, y]) => `${r1(x)},${r1(y)}`).join(' ')}" ` +
      'fill="none" stroke="#333333" stroke-width="1.2" marker-end="url(#arrowhead)"/>');
  }
  out.push('<g class="notes" fill="#333333">');
  for (const l of layout.notes) out.push(text(l));
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
