/** Output helpers shared by every command: JSON, tables, progress, errors. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { openDatabase, type DB } from '../store/db.js';
import { workspaceAt, type Workspace } from '../workspace/workspace.js';

export interface CommonOptions {
  dir: string;
  db?: string;
  json?: boolean;
}

/** Add the options every command shares. */
export function withWorkspace(command: Command, { json = true }: { json?: boolean } = {}): Command {
  command
    .option('-d, --dir <workspace>', 'review workspace folder (queries/, imports/, reports/)', '.')
    .option('--db <file>', 'SQLite database file (default: <workspace>/review.sqlite)');
  if (json) command.option('--json', 'print machine-readable JSON instead of text');
  return command;
}

export function openWorkspace(options: CommonOptions): { ws: Workspace; db: DB } {
  const ws = workspaceAt(options.dir, options.db);
  // A mistyped --dir must not quietly become a new, empty review (with its own review.sqlite).
  if (!options.db && !existsSync(ws.root)) {
    throw new Error(`no review workspace at ${ws.root} (start one with \`review init ${options.dir}\`, or check --dir)`);
  }
  return { ws, db: openDatabase(ws.database) };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain text table with left-aligned columns (numbers right-aligned). */
export function table(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  return cells
    .map((r) =>
      r.map((c, i) => (numeric[i] ? (c ?? '').padStart(widths[i]) : (c ?? '').padEnd(widths[i]))).join('  ').trimEnd(),
    )
    .join('\n');
}

/** A one-line progress indicator on a TTY; silent otherwise. */
export function progress(enabled: boolean): { update(label: string, n: number): void; done(): void } {
  const active = enabled && process.stderr.isTTY === true;
  let shown = false;
  return {
    update(label, n) {
      if (!active) return;
      process.stderr.write(`\r${label}: ${n.toLocaleString('en-GB')} records read…`.padEnd(70));
      shown = true;
    },
    done() {
      if (active && shown) process.stderr.write(`\r${' '.repeat(70)}\r`);
      shown = false;
    },
  };
}

/** Print an error for the user and set a failing exit code. */
export function fail(message: string, code = 1): void {
  process.stderr.write(`review: ${message}\n`);
  process.exitCode = code;
}
