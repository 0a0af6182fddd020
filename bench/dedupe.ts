/**
 * De-duplication benchmark: `tsx bench/dedupe.ts` prints a Markdown table of
 * time and peak memory for `review dedupe` on generated libraries of 10k, 50k
 * and 100k records (~30% duplicates and near-duplicates, see dedupe-data.ts),
 * the ratio of 100k to 10k time (near-linear cost: < 15), an incremental run
 * (an update search adding 1% more records), and the pairwise accuracy
 * against the generator's ground truth.
 *
 *   tsx bench/dedupe.ts                       # 10k, 50k, 100k
 *   tsx bench/dedupe.ts --sizes 10000,20000
 *
 * Each measurement runs in its own process on a fresh copy of the library,
 * so the peak RSS is de-duplication's alone (plus Node and SQLite).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type DB } from '../src/store/db.js';
import { runDedupe } from '../src/dedupe/run.js';
import type { StoredRecord } from '../src/ingest/records.js';
import { generateLibrary } from './dedupe-data.js';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'bench', 'out');

/** A generated record, in the stored shape. */
type Row = Omit<StoredRecord, 'issn' | 'isbn' | 'language' | 'url'>;

/** Insert generated records as one imported file (the import path itself is benchmarked by `npm run bench`). */
function insertFile(db: DB, name: string, rows: Row[]): void {
  db.transaction(() => {
    const fileId = Number(db.prepare(`INSERT INTO import_files (path, sha256, bytes, format, encoding, record_count, imported_at)
      VALUES (?, ?, 0, 'generated', 'utf-8', ?, ?)`).run(name, `generated:${name}`, rows.length, new Date().toISOString()).lastInsertRowid);
    const insert = db.prepare(`INSERT INTO records (file_id, ordinal, line, source_key, database, type, title, abstract, authors,
      year, journal, volume, issue, pages, doi, pmid, raw) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')`);
    rows.forEach((r, k) => insert.run(fileId, k + 1, r.sourceKey, r.database, r.type, r.title, r.abstract, JSON.stringify(r.authors),
      r.year, r.journal, r.volume, r.issue, r.pages, r.doi, r.pmid));
  })();
}

/** Build the library for size n once: the base database, the 1% update search, and the ground truth. */
function build(n: number): { base: string; update: string; truth: string } {
  const base = join(out, `dedupe-${n}.sqlite`);
  const update = join(out, `dedupe-${n}.update.json`);
  const truth = join(out, `dedupe-${n}.truth.json`);
  if (existsSync(base) && existsSync(update) && existsSync(truth)) return { base, update, truth };
  const extra = Math.max(1, Math.round(n / 100));
  const lib = generateLibrary(n + extra);
  const rows: Row[] = lib.records.map((r, i) => ({ ...r, abstract: lib.abstracts[i] }));
  for (const suffix of ['', '-wal', '-shm']) rmSync(base + suffix, { force: true });
  const db = openDatabase(base);
  insertFile(db, 'library', rows.slice(0, n));
  db.close();
  writeFileSync(update, JSON.stringify(rows.slice(n)));
  writeFileSync(truth, JSON.stringify(Array.from(lib.work)));
  return { base, update, truth };
}

interface Measurement {
  n: number;
  seconds: number;
  /** CPU time of the full run (user + system): less sensitive than wall time to other work on the machine. */
  cpuSeconds: number;
  maxRssMB: number;
  incrementalRecords: number;
  incrementalSeconds: number;
  candidates: number;
  compared: number;
  groups: number;
  removed: number;
  uncertain: number;
  truePairs: number;
  foundPairs: number;
  falsePairs: number;
  sensitivity: number;
  specificity: number;
}

/** One measurement (child process): full run, then an incremental run after the update search. */
function measure(dbPath: string, updatePath: string, truthPath: string): Measurement {
  const db = openDatabase(dbPath);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const first = runDedupe(db);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const update = JSON.parse(readFileSync(updatePath, 'utf8')) as Row[];
  insertFile(db, 'update-search', update);
  const t1 = performance.now();
  const second = runDedupe(db);
  const incrementalSeconds = (performance.now() - t1) / 1000;
  if (second.run.mode !== 'incremental' || second.run.recordsNew !== update.length) throw new Error('the second run was not incremental');

  // Pairwise accuracy against the generator's truth (record ids are 1-based positions in the stream).
  const work = JSON.parse(readFileSync(truthPath, 'utf8')) as number[];
  const groupOf = db.prepare('SELECT id, COALESCE(duplicate_of, id) AS g FROM records').raw().all() as Array<[number, number]>;
  const c2 = (k: number) => (k * (k - 1)) / 2;
  const perWork = new Map<number, number>();
  const perGroup = new Map<number, number>();
  const perBoth = new Map<string, number>();
  for (const [id, g] of groupOf) {
    const w = work[id - 1];
    perWork.set(w, (perWork.get(w) ?? 0) + 1);
    perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
    perBoth.set(`${w}:${g}`, (perBoth.get(`${w}:${g}`) ?? 0) + 1);
  }
  let truePairs = 0;
  let predicted = 0;
  let foundPairs = 0;
  for (const k of perWork.values()) truePairs += c2(k);
  for (const k of perGroup.values()) predicted += c2(k);
  for (const k of perBoth.values()) foundPairs += c2(k);
  const all = c2(groupOf.length);
  db.close();
  return {
    n: first.recordsIn, seconds, cpuSeconds, maxRssMB, incrementalRecords: update.length, incrementalSeconds,
    candidates: first.run.candidates, compared: first.run.compared, groups: second.groups.length,
    removed: second.duplicatesRemoved.total, uncertain: second.uncertainPairs, truePairs, foundPairs,
    falsePairs: predicted - foundPairs, sensitivity: foundPairs / truePairs, specificity: 1 - (predicted - foundPairs) / (all - truePairs),
  };
}

if (process.argv[2] === '--measure') {
  console.log(JSON.stringify(measure(process.argv[3], process.argv[4], process.argv[5])));
} else {
  mkdirSync(out, { recursive: true });
  const sizesArg = process.argv.indexOf('--sizes');
  const sizes = sizesArg > 0 ? process.argv[sizesArg + 1].split(',').map(Number) : [10_000, 50_000, 100_000];
  const results: Measurement[] = [];
  const rows: string[] = [];
  for (const n of sizes) {
    const files = build(n);
    const run = join(out, `dedupe-run-${process.pid}.sqlite`);
    copyFileSync(files.base, run);
    try {
      const stdout = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'bench', 'dedupe.ts'), '--measure', run, files.update, files.truth], {
        encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
      });
      const m = JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
      results.push(m);
      rows.push(`| ${m.n.toLocaleString('en-GB')} | ${m.seconds.toFixed(1)} | ${m.cpuSeconds.toFixed(1)} | ${m.maxRssMB} | ${Math.round(m.n / m.seconds).toLocaleString('en-GB')} | ` +
        `${m.compared.toLocaleString('en-GB')} | ${m.removed.toLocaleString('en-GB')} | ${m.uncertain} | ${m.sensitivity.toFixed(4)} | ` +
        `${m.specificity.toFixed(6)} | +${m.incrementalRecords.toLocaleString('en-GB')} in ${m.incrementalSeconds.toFixed(1)} s |`);
      console.error(rows[rows.length - 1]);
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(run + suffix, { force: true });
    }
  }
  const small = results.find((m) => m.n === 10_000);
  const large = results.find((m) => m.n === 100_000);
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| records | dedupe s | CPU s | peak RSS MB | records/s | pairs scored | duplicates removed | uncertain pairs | pairwise sensitivity | pairwise specificity | incremental run (update search) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ];
  if (small && large) {
    lines.push('', `Time ratio 100k / 10k: ${(large.seconds / small.seconds).toFixed(1)} wall, ${(large.cpuSeconds / small.cpuSeconds).toFixed(1)} CPU (linear would be 10).`);
  }
  console.log(lines.join('\n'));
  writeFileSync(join(out, 'dedupe-results.json'), JSON.stringify(results, null, 2));
}
