/**
 * Files that are not exports at all. People import what the database or
 * reference manager gave them, and some of it is not an export: an EndNote
 * library (.enl), an Excel workbook instead of CSV, a zipped download, a PDF,
 * a saved page of results, JSON. Naming what the file is, and what to export
 * instead, beats showing its first "line" of bytes.
 */

/** Well-known file signatures (first bytes), and what to do instead. */
const SIGNATURES: Array<{ magic: number[]; what: string; instead: string }> = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx/.docx file or a zipped download)',
    instead: 'unzip a download; save a spreadsheet as CSV (UTF-8)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Office file (.xls/.doc)',
    instead: 'save the spreadsheet as CSV (UTF-8)' },
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF', instead: 'export the records from the database as RIS, CSV or XML' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive', instead: 'decompress it first' },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74], what: 'an SQLite database',
    instead: 'export the records as RIS, CSV or XML (a review database is not an export)' },
];

const ENDNOTE_LIBRARY_HINT = 'in EndNote, export the library as XML (File › Export, "XML") or RIS';

/**
 * What a binary file is and what to export instead, or undefined when the
 * bytes look like text. `path` only helps recognise an EndNote library,
 * whose format has no published signature. `utf16`: the bytes were found to
 * be UTF-16 text (by BOM or by their zero bytes, see decode.ts), whose NULs
 * and low bytes say nothing about binary content: only signatures count.
 */
export function binaryFileProblem(first: Uint8Array, path: string, utf16 = false): string | undefined {
  for (const s of SIGNATURES) {
    if (s.magic.every((byte, i) => first[i] === byte)) return `this is ${s.what}, not a text export: ${s.instead}`;
  }
  if (utf16 || !looksBinary(first)) return undefined;
  if (/\.enl$/i.test(path)) return `this is an EndNote library (.enl), not an export: ${ENDNOTE_LIBRARY_HINT}`;
  return 'this is a binary file, not a text export (RIS, CSV, XML or tagged text): export the records from the database or reference manager again';
}

/**
 * Text exports (other than UTF-16, see above) hold no NULs and almost no
 * control characters other than tab, line breaks and form feed.
 */
function looksBinary(first: Uint8Array): boolean {
  const n = Math.min(first.length, 4096);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = first[i];
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) odd += 1;
  }
  // A stray NUL or escape character in a real export is not enough to call it binary.
  return odd > n / 100;
}

/**
 * Text files that are not exports people still try to import: a saved web
 * page of search results, JSON from an API or a reference manager. Only
 * asked when no format recognised the file.
 */
export function textFileProblem(head: string): string | undefined {
  const start = head.replace(/^\s+/, '').slice(0, 512);
  if (/^(?:<!DOCTYPE\s+html|<html[\s>])/i.test(start)) {
    return 'this is HTML (a saved page of results, or an export in HTML), which `review import` does not read: export the records as RIS, CSV or XML instead';
  }
  if (/^[[{]\s*["{[\]}]/.test(start)) {
    return 'this is JSON, which `review import` does not read: export the records as RIS, CSV or XML instead';
  }
  return undefined;
}
