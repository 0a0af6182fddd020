/**
 * Files that are not text exports at all. People import what the database
 * or reference manager gave them, and some of it is binary: an EndNote
 * library (.enl) instead of an export, an Excel workbook instead of CSV, a
 * zipped download, a PDF. Naming what the file is, and what to export
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
 * whose format has no published signature.
 */
export function binaryFileProblem(first: Uint8Array, path: string): string | undefined {
  for (const s of SIGNATURES) {
    if (s.magic.every((byte, i) => first[i] === byte)) return `this is ${s.what}, not a text export: ${s.instead}`;
  }
  if (!looksBinary(first)) return undefined;
  if (/\.enl$/i.test(path)) return `this is an EndNote library (.enl), not an export: ${ENDNOTE_LIBRARY_HINT}`;
  return 'this is a binary file, not a text export (RIS, CSV, XML or tagged text): export the records from the database or reference manager again';
}

/**
 * Text exports hold no NULs and almost no control characters other than tab,
 * line breaks and form feed. UTF-16 text (NULs as every other byte) is text:
 * the caller has found its encoding already.
 */
function looksBinary(first: Uint8Array): boolean {
  const n = Math.min(first.length, 4096);
  if (n === 0) return false;
  let zeroEven = 0;
  let zeroOdd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = first[i];
    if (b === 0) {
      if (i % 2 === 0) zeroEven += 1;
      else zeroOdd += 1;
    } else if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control += 1;
  }
  const utf16 = Math.max(zeroEven, zeroOdd) > n / 4 && Math.min(zeroEven, zeroOdd) < n / 100;
  if (utf16) return false;
  // A stray NUL or escape character in a real export is not enough to call it binary.
  return zeroEven + zeroOdd + control > n / 100;
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
