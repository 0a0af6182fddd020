/**
 * Small CSV files people keep and edit by hand or in a spreadsheet
 * (decisions, uncertain pairs, imports/sources.csv): the header and the rows,
 * each row with the line of the file it starts on, so that a problem is
 * reported where the person will find it, blank lines and line breaks inside
 * quoted notes included.
 */
import { parse } from 'csv-parse/sync';

export interface CsvRow {
  cells: string[];
  /** 1-based line of the file where the row starts. */
  line: number;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

const BREAKS = /\r\n|\r|\n/g;
const BLANK_LINES = /^(?:\r\n|\r|\n)*/;
const TRIMMED_BLANK_LINES = /^(?:[ \t]*(?:\r\n|\r|\n))*/;
const countBreaks = (text: string) => text.match(BREAKS)?.length ?? 0;

export function readCsvTable(text: string | Buffer, options: { trim?: boolean; relaxColumnCount?: boolean } = {}): CsvTable {
  const parsed = parse(text, {
    bom: true, relax_column_count: options.relaxColumnCount ?? true, skip_empty_lines: true, raw: true, trim: options.trim,
  }) as unknown as Array<{ record: string[]; raw: string }>;
  const rows: CsvRow[] = [];
  let line = 1;
  for (const { record, raw } of parsed) {
    // Skipped blank lines come first in the raw text of the row after them (with trim, lines of spaces too).
    const blank = (options.trim ? TRIMMED_BLANK_LINES : BLANK_LINES).exec(raw)![0];
    rows.push({ cells: record, line: line + countBreaks(blank) });
    line += countBreaks(raw);
  }
  return { header: rows[0]?.cells ?? [], rows: rows.slice(1) };
}

/** Rows as objects by header name (missing cells are ''). */
export function rowObject(header: string[], row: CsvRow): Record<string, string> {
  const out: Record<string, string> = {};
  header.forEach((name, i) => (out[name] = row.cells[i] ?? ''));
  return out;
}
