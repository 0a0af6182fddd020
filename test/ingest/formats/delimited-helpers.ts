/** Shared by the delimited-format tests: read a file the way the importer does. */
import { readLines, scanFile } from '../../../src/ingest/decode.js';
import type { FormatModule, ReadOptions } from '../../../src/ingest/format.js';
import type { BibRecord, Diagnostic } from '../../../src/ingest/record.js';

/** Scan (encoding, BOM), decode and split into lines, then read with one format. */
export function readFile(format: FormatModule, path: string, options: ReadOptions = {}) {
  const scan = scanFile(path);
  const records: BibRecord[] = [];
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  let database: string | undefined;
  for (const item of format.read(readLines(path, scan.encoding, scan.bomLength), options)) {
    if (item.kind === 'record') records.push(item.record);
    else if (item.kind === 'meta') database = item.database ?? database;
    else (item.diagnostic.severity === 'error' ? errors : warnings).push(item.diagnostic);
  }
  return { records, errors, warnings, database, head: scan.head };
}
