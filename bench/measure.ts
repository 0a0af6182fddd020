/**
 * One measurement in its own process (so peak memory is this task's alone):
 *   tsx bench/measure.ts <ours-parse|ours-import|reflib-parse> <format> <file>
 * Prints JSON: { records, seconds, maxRssMB }.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatByName } from '../src/ingest/formats/index.js';
import { readText, scanFile } from '../src/ingest/decode.js';
import { readItems } from '../src/ingest/format.js';
import { importFile } from '../src/ingest/import.js';
import { openDatabase } from '../src/store/db.js';

const [mode, format, file] = process.argv.slice(2);

async function run(): Promise<number> {
  if (mode === 'ours-parse') {
    const reader = formatByName(format)!;
    const scan = scanFile(file);
    let n = 0;
    for (const item of readItems(reader, readText(file, scan.encoding, scan.bomLength), {})) if (item.kind === 'record') n++;
    return n;
  }
  if (mode === 'ours-import') {
    const dbPath = join(tmpdir(), `bench-${process.pid}.sqlite`);
    const db = openDatabase(dbPath);
    const r = importFile(db, file, { format });
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    if (r.status !== 'imported') throw new Error(JSON.stringify(r.errors));
    return r.records;
  }
  if (mode === 'reflib-parse') {
    const reflib = await import('@iebh/reflib');
    const refs = (await reflib.readFile(file, { module: format })) as unknown[];
    return refs.length;
  }
  throw new Error(`unknown mode ${mode}`);
}

const start = performance.now();
const records = await run();
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ records, seconds, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
