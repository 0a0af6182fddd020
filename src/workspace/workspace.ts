/**
 * A review workspace: a folder with `queries/` (the documented search strings
 * and criteria), `imports/` (database exports), `reports/` (rendered output)
 * and the SQLite database. The repository root is itself the default one.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvTable, rowObject } from '../util/csv-table.js';
import { isCalendarDate, METHODS, type ImportOptions, type Method } from '../ingest/import.js';

export interface Workspace {
  root: string;
  queries: string;
  imports: string;
  reports: string;
  /** The screening archive: `decisions.csv` as written by `review decisions export` (optional). */
  screening: string;
  database: string;
}

export const DEFAULT_DB_NAME = 'review.sqlite';

export function workspaceAt(dir: string, dbPath?: string): Workspace {
  const root = resolve(dir);
  return {
    root,
    queries: join(root, 'queries'),
    imports: join(root, 'imports'),
    reports: join(root, 'reports'),
    screening: join(root, 'screening'),
    database: dbPath ? resolve(dbPath) : join(root, DEFAULT_DB_NAME),
  };
}

/** The project's own default review (this repository): its `queries/` seed new workspaces. */
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface InitResult {
  root: string;
  created: string[];
  kept: string[];
}

/** Scaffold a new workspace; never overwrites a file that exists. */
export function initWorkspace(dir: string): InitResult {
  const ws = workspaceAt(dir);
  const result: InitResult = { root: ws.root, created: [], kept: [] };
  for (const folder of [ws.queries, ws.imports, ws.reports]) {
    if (!existsSync(folder)) {
      mkdirSync(folder, { recursive: true });
      result.created.push(folder);
    }
  }
  const source = join(PROJECT_ROOT, 'queries');
  for (const name of readdirSync(source).sort()) {
    const target = join(ws.queries, name);
    if (existsSync(target)) result.kept.push(target);
    else {
      copyFileSync(join(source, name), target);
      result.created.push(target);
    }
  }
  const readme = join(ws.imports, 'README.md');
  if (!existsSync(readme)) {
    writeFileSync(readme, IMPORTS_README);
    result.created.push(readme);
  }
  return result;
}

const IMPORTS_README = `# imports/

Put the exports of your database searches here (RIS, CSV, XML, tagged text:
any format \`review import --help\` lists; the format is detected from the
content). \`review run\` imports every file in this folder.

Record where each file came from in \`sources.csv\` (one row per file):

    file,database,interface,searched,method
    cinahl.ris,CINAHL Complete,EBSCOhost,2023-02-14,database
    websites.csv,,,2023-03-01,website

\`method\` is the PRISMA arm: database, register, website, organisation or citation.
`;

/** Files in imports/ that describe the exports rather than being exports. */
export const IMPORTS_METADATA = new Set(['README.md', 'sources.csv', 'EXPECTED.json']);

export interface SourceRow {
  file: string;
  database?: string;
  interface?: string;
  searched?: string;
  method?: Method;
  /** Records of a previous version of the review. */
  previous?: boolean;
  format?: string;
  /** The provenance columns the file has: a row speaks for these (blank = nothing), not for the others. */
  stated: Array<'database' | 'interface' | 'searched' | 'method' | 'previous'>;
  /** The row's line in sources.csv. */
  line: number;
}

/**
 * A file as sources.csv names it, the way `review run` names files: relative
 * to imports/, with forward slashes. People also write `imports/cinahl.ris`
 * or `./cinahl.ris` (the path from the workspace, or from the folder): the
 * same file.
 */
export function sourceKey(file: string): string {
  return file.split('\\').join('/').replace(/^(?:\.\/)+/, '').replace(/^imports\//, '');
}

const PROVENANCE_COLUMNS = ['database', 'interface', 'searched', 'method', 'previous'] as const;

/** Read `imports/sources.csv` (optional): per-file provenance for `review run`. */
export function readSources(ws: Workspace): Map<string, SourceRow> {
  const path = join(ws.imports, 'sources.csv');
  const rows = new Map<string, SourceRow>();
  if (!existsSync(path)) return rows;
  let table;
  try {
    // Strict about the number of cells: a stray comma would shift every value after it.
    table = readCsvTable(readFileSync(path), { trim: true, relaxColumnCount: false });
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  const stated = PROVENANCE_COLUMNS.filter((c) => table.header.includes(c));
  table.rows.forEach((cells) => {
    const line = cells.line;
    const row = rowObject(table.header, cells);
    if (!row.file) throw new Error(`${path}:${line}: the "file" column is empty`);
    const key = sourceKey(row.file);
    const earlier = rows.get(key);
    // Two rows for one file: which one is meant cannot be guessed, and the other would be ignored without a word.
    if (earlier) throw new Error(`${path}:${line}: a second row for ${row.file} (the first is on line ${earlier.line}): keep one`);
    const method = (row.method || 'database') as Method;
    if (!METHODS.includes(method)) {
      throw new Error(`${path}:${line}: method must be one of ${METHODS.join(', ')}, got "${row.method}"`);
    }
    if (row.searched && !(/^\d{4}-\d{2}-\d{2}$/.test(row.searched) && isCalendarDate(row.searched))) {
      throw new Error(`${path}:${line}: searched must be a date written YYYY-MM-DD, got "${row.searched}"`);
    }
    if (row.previous && !/^(yes|no|true|false|1|0)$/i.test(row.previous)) {
      throw new Error(`${path}:${line}: previous must be yes or no, got "${row.previous}"`);
    }
    rows.set(key, {
      file: row.file,
      line,
      database: row.database || undefined,
      interface: row.interface || undefined,
      searched: row.searched || undefined,
      method,
      previous: /^(yes|true|1)$/i.test(row.previous ?? '') || undefined,
      format: row.format || undefined,
      stated,
    });
  });
  return rows;
}

export function sourceOptions(row: SourceRow | undefined): ImportOptions {
  if (!row) return {};
  return {
    database: row.database, interface: row.interface, searched: row.searched, method: row.method, previous: row.previous,
    format: row.format, provenanceFrom: 'sources.csv', provenanceStated: row.stated,
  };
}
