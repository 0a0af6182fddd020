/**
 * Reading export files from disk: one streaming pass to fingerprint the file
 * (SHA-256), find its encoding and take its head for format detection, then a
 * second streaming pass that yields decoded lines. Memory stays flat however
 * large the file is.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { binaryFileProblem } from './not-exports.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface FileScan {
  sha256: string;
  bytes: number;
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** The first HEAD_CHARS characters, decoded, BOM removed: what sniffers see. */
  head: string;
  /** Set when the file is not text (a ZIP, PDF, EndNote library…): what it is and what to export instead. */
  binary?: string;
}

const CHUNK = 1 << 20;
export const HEAD_CHARS = 64 * 1024;

function* chunks(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function bomOf(first: Buffer): { encoding: Encoding; length: number } | undefined {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (first[0] === 0xff && first[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (first[0] === 0xfe && first[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM shows as every other byte being zero in ASCII-heavy text. */
function guessUtf16(first: Buffer): Encoding | undefined {
  const n = Math.min(first.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (first[i] === 0) evenZero += 1;
    if (first[i + 1] === 0) oddZero += 1;
  }
  const half = n / 2;
  if (oddZero > half * 0.6 && evenZero < half * 0.1) return 'utf-16le';
  if (evenZero > half * 0.6 && oddZero < half * 0.1) return 'utf-16be';
  return undefined;
}

/** Length of the prefix of `data` that ends on a UTF-8 character boundary. */
function completeUtf8Length(data: Buffer): number {
  const n = data.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = data[n - back];
    if ((byte & 0xc0) !== 0x80) {
      // A lead byte: keep it only if its whole sequence is present.
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return need > back ? n - back : n;
    }
  }
  return n;
}

/**
 * Fingerprint and classify a file. Encoding: a BOM wins; else UTF-16 by its
 * zero-byte pattern; else UTF-8 if the whole file is valid UTF-8; else
 * Windows-1252 (what older EndNote and Excel exports on Windows write).
 */
export function scanFile(path: string): FileScan {
  const hash = createHash('sha256');
  let validUtf8 = true;
  let carry: Buffer = Buffer.alloc(0);
  let bytes = 0;
  let first: Buffer | undefined;
  for (const chunk of chunks(path)) {
    hash.update(chunk);
    if (!first) first = Buffer.from(chunk.subarray(0, Math.min(chunk.length, HEAD_CHARS * 4)));
    bytes += chunk.length;
    if (validUtf8) {
      // Validate whole characters only: a multi-byte character may straddle two chunks.
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeUtf8Length(data);
      validUtf8 = isUtf8(data.subarray(0, cut));
      carry = Buffer.from(data.subarray(cut));
    }
  }
  if (carry.length > 0) validUtf8 = false;
  first ??= Buffer.alloc(0);
  const bom = bomOf(first);
  const encoding: Encoding = bom?.encoding ?? guessUtf16(first) ?? (validUtf8 ? 'utf-8' : 'windows-1252');
  const bomLength = bom?.length ?? 0;
  const head = new TextDecoder(encoding).decode(first.subarray(bomLength)).slice(0, HEAD_CHARS);
  return {
    sha256: hash.digest('hex'), bytes, encoding, bomLength, head: head.replace(/^\uFEFF/, ''),
    binary: bom ? undefined : binaryFileProblem(first.subarray(0, 4096), path, encoding !== 'utf-8' && encoding !== 'windows-1252'),
  };
}

/**
 * The file's text, decoded, in pieces of about a megabyte that each end at a
 * line break (the last piece may not), so a reader can walk whole lines of a
 * piece with indexOf and never meet a line cut in two. A line longer than a
 * piece makes the piece grow.
 */
export function* readText(path: string, encoding: Encoding, bomLength: number): Generator<string> {
  const decoder = new TextDecoder(encoding);
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(CHUNK);
    let kept = 0;
    let position = bomLength;
    for (;;) {
      if (kept === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      const n = readSync(fd, buffer, kept, buffer.length - kept, position);
      position += n;
      const end = kept + n;
      if (n === 0) {
        const last = decoder.decode(buffer.subarray(0, kept));
        if (last !== '') yield last;
        return;
      }
      const cut = lineBoundary(buffer, end, encoding);
      if (cut === 0) {
        kept = end;
        continue;
      }
      // A line break is always a whole character, so nothing is left pending in the decoder here.
      yield decoder.decode(buffer.subarray(0, cut), { stream: true });
      buffer.copyWithin(0, cut, end);
      kept = end - cut;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the bytes `data[0, end)` can be cut after a line break: after the
 * last LF; failing that (classic Mac files) after the last CR that is not the
 * final character (its LF may be in the next read). 0 when there is none.
 */
function lineBoundary(data: Buffer, end: number, encoding: Encoding): number {
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be') {
    const lf = data.lastIndexOf(10, end - 1);
    if (lf >= 0) return lf + 1;
    return end >= 2 ? data.lastIndexOf(13, end - 2) + 1 : 0;
  }
  const low = encoding === 'utf-16be' ? 1 : 0;
  const at = (i: number, code: number) => data[i + low] === code && data[i + 1 - low] === 0;
  const last = end - 2 - (end % 2);
  for (let i = last; i >= 0; i -= 2) if (at(i, 10)) return i + 2;
  for (let i = last - 2; i >= 0; i -= 2) if (at(i, 13)) return i + 2;
  return 0;
}

/**
 * The file's lines, decoded, split on LF, CRLF or a lone CR (classic Mac
 * exports, and WoS files that separate repeated tags with a bare CR).
 */
export function readLines(path: string, encoding: Encoding, bomLength: number): Generator<string> {
  return linesOf(readText(path, encoding, bomLength));
}

/** Lines of a text given in pieces. */
export function* linesOf(texts: Iterable<string>): Generator<string> {
  const splitter = new LineSplitter();
  for (const text of texts) yield* splitter.push(text);
  yield* splitter.end();
}

/**
 * Incremental line splitting. indexOf-based rather than one regex because
 * this runs over every byte of every import; a CR at the end of a chunk may
 * be the first half of a CRLF, so the LF that may follow it is swallowed.
 */
export class LineSplitter {
  private pending = '';
  private afterCR = false;

  *push(text: string): Generator<string> {
    if (text === '') return;
    if (this.afterCR && text.charCodeAt(0) === 10) text = text.slice(1);
    this.afterCR = false;
    const data = this.pending + text;
    const hasCR = data.includes('\r');
    let start = 0;
    let lf: number;
    while ((lf = data.indexOf('\n', start)) !== -1) {
      const end = lf > start && data.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
      const line = data.slice(start, end);
      if (hasCR && line.includes('\r')) yield* line.split('\r');
      else yield line;
      start = lf + 1;
    }
    let rest = data.slice(start);
    if (hasCR && rest.includes('\r')) {
      const parts = rest.split('\r');
      rest = parts.pop()!;
      yield* parts;
      if (rest === '') this.afterCR = true;
    }
    this.pending = rest;
  }

  *end(): Generator<string> {
    if (this.pending !== '') yield this.pending;
    this.pending = '';
  }
}
