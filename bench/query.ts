/**
 * `tsx bench/query.ts`: the whole reference protocol (queries/ebsco.txt,
 * ovid-spp.txt and scopus.txt: 3 × 7 blocks and the combination, hundreds of
 * terms with truncation, phrases and proximity) evaluated against 10k and
 * 100k generated records, hits stored per record and block. Prints a
 * Markdown table (time and peak RSS).
 *
 * Each size runs in two processes: one fills a database with generated
 * records (bench/generate.ts's records(), reused across runs), the other
 * evaluates — so the peak RSS reported is the evaluation's alone.
 *
 *   tsx bench/query.ts                    # 10k and 100k
 *   tsx bench/query.ts --sizes 10000
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { records } from './generate.js';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'bench', 'out');
const dbFile = (n: number) => join(out, `query-${n}.sqlite`);

interface Measurement {
  records: number;
  seconds: number;
  /** User + system CPU time: what the work costs, whatever else the machine is doing. */
  cpuSeconds: number;
  maxRssMB: number;
  patterns: number;
  files: Array<{ file: string; combination: number; blocks: Record<string, number> }>;
}

async function fill(n: number): Promise<void> {
  const { openDatabase } = await import('../src/store/db.js');
  const path = dbFile(n);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = openDatabase(path);
  db.prepare(`INSERT INTO import_files (path, sha256, bytes, format, encoding, database, interface, method, record_count, imported_at)
    VALUES ('bench.ris', ?, 0, 'ris', 'utf-8', 'Academic Search Complete', 'EBSCOhost', 'database', ?, ?)`).run(`bench-${n}`, n, new Date().toISOString());
  const insert = db.prepare(`INSERT INTO records (file_id, ordinal, line, title, abstract, year, journal, doi, keywords, authors, raw)
    VALUES (1, ?, 0, ?, ?, ?, ?, ?, ?, ?, '')`);
  db.transaction(() => {
    for (const g of records(n)) {
      insert.run(g.id, g.title, g.abstract, g.year, g.journal, g.doi, JSON.stringify(g.keywords), JSON.stringify(g.authors.map(([s, f]) => `${s}, ${f}`)));
    }
  })();
  db.close();
}

async function evaluate(n: number): Promise<Measurement> {
  const { openDatabase } = await import('../src/store/db.js');
  const { workspaceAt } = await import('../src/workspace/workspace.js');
  const { readQueries } = await import('../src/search/workspace.js');
  const { evaluateDocuments } = await import('../src/search/evaluate/run.js');
  const { Compiler } = await import('../src/search/evaluate/compile.js');
  const db = openDatabase(dbFile(n));
  const docs = readQueries(workspaceAt(root));
  const compiler = new Compiler({ fields: ['title', 'abstract', 'keywords'] });
  docs.forEach((d) => compiler.compile(d));
  const start = performance.now();
  const cpu = process.cpuUsage();
  const runs = evaluateDocuments(db, docs, { force: true });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  db.close();
  return {
    records: runs[0]?.records ?? 0,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    patterns: compiler.lexicon.size,
    files: runs.map((r) => ({ file: r.file, combination: r.combination?.hits ?? 0, blocks: Object.fromEntries(r.blocks.map((b) => [b.block, b.hits])) })),
  };
}

const child = process.argv.indexOf('--child');
if (child > 0) {
  const [mode, n] = [process.argv[child + 1], Number(process.argv[child + 2])];
  if (mode === 'fill') await fill(n);
  else console.log(JSON.stringify(await evaluate(n)));
} else {
  mkdirSync(out, { recursive: true });
  const sizesArg = process.argv.indexOf('--sizes');
  const sizes = sizesArg > 0 ? process.argv[sizesArg + 1].split(',').map(Number) : [10_000, 100_000];
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const self = join(root, 'bench', 'query.ts');
  const rows: string[] = [];
  for (const n of sizes) {
    if (!existsSync(dbFile(n))) execFileSync(tsx, [self, '--child', 'fill', String(n)], { stdio: 'inherit' });
    const stdout = execFileSync(tsx, [self, '--child', 'evaluate', String(n)], { encoding: 'utf8', maxBuffer: 1 << 22 });
    const m = JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
    const hits = m.files.map((f) => `${f.file.replace(/^queries\//, '')} ${f.combination.toLocaleString('en-GB')}`).join(', ');
    rows.push(`| ${n.toLocaleString('en-GB')} | ${m.files.length} | ${m.patterns} | ${m.seconds.toFixed(2)} | ${m.cpuSeconds.toFixed(2)} | ${Math.round(m.records / m.seconds).toLocaleString('en-GB')} | ${m.maxRssMB} | ${hits} |`);
    console.error(rows[rows.length - 1]);
  }
  console.log([
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadavg()[0].toFixed(1)}; ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| records | query files | word patterns | evaluate + store s (wall) | CPU s | records/s | peak RSS MB | combination hits |',
    '|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n'));
}
