import type { BibRecord, Diagnostic, ReadItem } from './record.js';
import { linesOf } from './decode.js';

/**
 * One export format. Readers are generators over the file's lines (line
 * endings already removed, BOM already stripped) so that a file of any size is
 * read in one pass with flat memory; `parseText` below gives the simple
 * `parse(text) → { records, warnings }` shape for tests and small inputs.
 */
export interface FormatModule {
  /** Name used by `--format` and stored with each import. */
  name: string;
  /** One line for `--help` and error messages. */
  label: string;
  /** The platform (interface) every file of this format comes from, when there is only one: PRISMA-S asks for it. */
  platform?: string;
  /**
   * How sure this format is that `head` (the first few KB of the decoded
   * file) is one of its files: 0 = no, 1 = certain. Decided by content, never
   * by file extension.
   */
  sniff(head: string): number;
  /** Walk the file's lines, yielding records, diagnostics and file metadata. */
  read(lines: Iterable<string>, options: ReadOptions): Generator<ReadItem>;
  /**
   * The same over the file's text in pieces that end at line breaks (see
   * `readText` in decode.ts), for formats whose reader walks the text itself
   * rather than line strings: on large files that is what keeps import fast.
   */
  readText?(texts: Iterable<string>, options: ReadOptions): Generator<ReadItem>;
}

/** Read with a format: over the text pieces when it has a text reader, else over their lines. */
export function readItems(format: FormatModule, texts: Iterable<string>, options: ReadOptions): Generator<ReadItem> {
  return format.readText ? format.readText(texts, options) : format.read(linesOf(texts), options);
}

/** Lines back into text pieces ending at line breaks: `read(lines)` for a format that reads text. */
export function* textOfLines(lines: Iterable<string>): Generator<string> {
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line, '\n');
    if (batch.length >= 8192) {
      yield batch.join('');
      batch = [];
    }
  }
  if (batch.length > 0) yield batch.join('');
}

export interface ReadOptions {
  /** Column mapping for generic CSV/TSV: model field → column header. */
  columns?: Record<string, string>;
}

export interface ParseResult {
  records: BibRecord[];
  warnings: Diagnostic[];
  errors: Diagnostic[];
  database?: string;
}

/** Split text into lines on LF, CRLF or a lone CR (old Mac exports). */
export function splitLines(text: string): Generator<string> {
  return linesOf([text]);
}

/** Parse a whole text with one format: the simple shape used by tests. */
export function parseText(format: FormatModule, text: string, options: ReadOptions = {}): ParseResult {
  const result: ParseResult = { records: [], warnings: [], errors: [] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const item of readItems(format, [body], options)) {
    if (item.kind === 'record') result.records.push(item.record);
    else if (item.kind === 'meta') result.database = item.database ?? result.database;
    else if (item.diagnostic.severity === 'error') result.errors.push(item.diagnostic);
    else result.warnings.push(item.diagnostic);
  }
  return result;
}
