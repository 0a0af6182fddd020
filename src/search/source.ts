/**
 * Query text as the parsers see it, with a way back to the original file.
 *
 * Real search strings are messy: curly quotes, en/em dashes, non-breaking
 * spaces, PDF line wrapping. The parsers read a *normalised* copy in which
 * every such character is replaced one-for-one by its plain form (so offsets
 * do not move), and a block of several wrapped lines is joined into one
 * string whose every offset still maps to its line and column in the file.
 */
import type { Code, Finding } from './diagnostics.js';
import { severityOf } from './diagnostics.js';

export interface Location {
  line: number;
  column: number;
}

export interface Source {
  /** Normalised text: what the lexer reads. */
  text: string;
  file?: string;
  block?: string;
  /** The 1-based line and column in the original file of an offset in `text`. */
  locate(offset: number): Location;
  /** An original line of the file (for carets). */
  lineText(line: number): string | undefined;
  /** Offsets where typographic characters were replaced (for the `typographic-characters` note). */
  replaced: number[];
}

const PLAIN: Record<string, string> = {
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u00ab': '"', '\u00bb': '"', '\u2033': '"', '\uff02': '"',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u00a0': ' ', '\u2007': ' ', '\u202f': ' ', '\u2009': ' ', '\u200a': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u2004': ' ', '\u2005': ' ', '\u2006': ' ', '\u2008': ' ', '\u205f': ' ', '\u3000': ' ', '\t': ' ',
  '\u200b': ' ', '\u200c': ' ', '\u200d': ' ', '\ufeff': ' ', '\u2028': ' ', '\u2029': ' ', '\r': ' ', '\n': ' ',
};
const TYPOGRAPHIC = /[\u201c-\u201f\u00ab\u00bb\u2033\uff02\u2018\u2019\u2032\u2010-\u2015\u2212\u00a0\u2000-\u200d\u202f\u205f\u3000\ufeff]/;

/** Replace typographic characters one-for-one by plain ones; returns the offsets changed. */
export function plainText(raw: string): { text: string; replaced: number[] } {
  const replaced: number[] = [];
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    const p = PLAIN[c];
    if (p !== undefined) {
      if (TYPOGRAPHIC.test(c)) replaced.push(i);
      out += p;
    } else out += c;
  }
  return { text: out, replaced };
}

/** A source made of one string (a whole query on one or more lines). */
export function sourceFromString(raw: string, file?: string, firstLine = 1, firstColumn = 1): Source {
  const { text, replaced } = plainText(raw);
  const lineStarts = [0];
  for (let i = 0; i < raw.length; i++) if (raw[i] === '\n') lineStarts.push(i + 1);
  const lines = raw.split('\n');
  return {
    text,
    file,
    replaced,
    locate(offset) {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      const column = offset - lineStarts[lo] + 1;
      return { line: firstLine + lo, column: lo === 0 ? column + firstColumn - 1 : column };
    },
    lineText: (line) => {
      const l = lines[line - firstLine];
      return l === undefined ? undefined : line === firstLine ? ' '.repeat(firstColumn - 1) + l : l;
    },
  };
}

/** One line of a file: its number and text. */
export interface FileLine {
  line: number;
  text: string;
}

/**
 * Join PDF-wrapped lines into one source. A line break becomes one space
 * (none when the line already ends with a space, so `“social ⏎ infrastructure”`
 * reads `"social infrastructure"`), except after a hyphen that follows a
 * letter, where the word continues (`co-⏎ordination` → `co-ordination`).
 */
export function sourceFromLines(lines: FileLine[], allLines: string[], file?: string, block?: string): Source {
  let raw = '';
  const origin: Location[] = [];
  lines.forEach((l, i) => {
    if (i > 0) {
      const prev = lines[i - 1].text;
      const hyphenated = /\p{L}-$/u.test(prev) && /^\p{L}/u.test(l.text);
      if (!/\s$/.test(prev) && !hyphenated && !/^\s/.test(l.text)) {
        raw += ' ';
        origin.push({ line: lines[i - 1].line, column: prev.length + 1 });
      }
    }
    for (let c = 0; c < l.text.length; c++) {
      raw += l.text[c];
      origin.push({ line: l.line, column: c + 1 });
    }
  });
  const last = lines[lines.length - 1];
  const end: Location = last ? { line: last.line, column: last.text.length + 1 } : { line: 1, column: 1 };
  const { text, replaced } = plainText(raw);
  return {
    text,
    file,
    block,
    replaced,
    locate: (offset) => origin[offset] ?? end,
    lineText: (line) => allLines[line - 1],
  };
}

/** Build a located finding. */
export function at(source: Source, offset: number, code: Code, message: string, fix?: string): Finding {
  const { line, column } = source.locate(offset);
  return {
    code,
    severity: severityOf(code),
    message,
    ...(source.file ? { file: source.file } : {}),
    ...(source.block ? { block: source.block } : {}),
    line,
    column,
    ...(fix ? { fix } : {}),
  };
}
