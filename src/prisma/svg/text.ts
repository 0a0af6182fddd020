/**
 * Text measurement and wrapping for the SVG diagram, from a fixed
 * per-character width table (metrics.ts), so the layout is the same on every
 * machine and tests can check that every line fits its box.
 */
import { BOLD, REGULAR } from './metrics.js';

/** The font stack the SVG asks for; metrics.ts holds the widest of these per character. */
export const FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', sans-serif";
/** Ascent and descent of the widest font in the stack (DejaVu Sans), in em. */
export const ASCENT = 0.93;
export const DESCENT = 0.24;
/** Width used for a character not in the table: a full em, so unknown text never overflows. */
const UNKNOWN = 1000;

export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) units += table[ch] ?? UNKNOWN;
  return (units * size) / 1000;
}

/** A non-breaking space: glue "(n = 12)" together so a count never wraps apart. */
export const NBSP = '\u00a0';

export function glue(text: string): string {
  return text.replace(/ /g, NBSP);
}

/**
 * Greedy word wrap to `width`. Breaks at ordinary spaces only; a word wider
 * than the line is broken between characters (long database names).
 */
export function wrap(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => textWidth(s, size, bold) <= width;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    if (fits(word)) {
      line = word;
      continue;
    }
    // Hard-break a word that cannot fit on a line of its own.
    let piece = '';
    for (const ch of word) {
      if (!fits(piece + ch) && piece) {
        lines.push(piece);
        piece = '';
      }
      piece += ch;
    }
    line = piece;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}
