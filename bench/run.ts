/**
 * `npm run bench`: import throughput and peak memory on generated files, with
 * @iebh/reflib parsing the same files where it has a reader (RIS only among
 * these). Each measurement runs in its own process. Figures go to stdout as a
 * Markdown table and to bench/out/results.json; copy them into BENCHMARKS.md.
 *
 * Each measurement is taken `--repeat` times (default 3) and the median run
 * is reported: on a shared virtual machine single runs vary by ±20%.
 *
 *   npm run bench                 # 10k and 100k records
 *   npm run bench -- --sizes 10000 --formats ris,csv --repeat 5
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { generate, GENERATORS } from './generate.js';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });

const sizesArg = process.argv.indexOf('--sizes');
const sizes = sizesArg > 0 ? process.argv[sizesArg + 1].split(',').map(Number) : [10_000, 100_000];
const formatsArg = process.argv.indexOf('--formats');
const repeatArg = process.argv.indexOf('--repeat');
const repeat = repeatArg > 0 ? Math.max(1, Number(process.argv[repeatArg + 1])) : 3;
const formats = (formatsArg > 0 ? process.argv[formatsArg + 1].split(',') : Object.keys(GENERATORS)) as Array<keyof typeof GENERATORS>;
const extension: Record<keyof typeof GENERATORS, string> = { ris: 'ris', csv: 'csv', 'pubmed-xml': 'xml' };
const REFLIB_READS = new Set(['ris']);

interface Measurement { records: number; seconds: number; maxRssMB: number }

/** The median of `repeat` runs, by time. */
function measure(mode: string, format: string, file: string): Measurement {
  const runs = Array.from({ length: repeat }, () => measureOnce(mode, format, file)).sort((a, b) => a.seconds - b.seconds);
  return runs[Math.floor(runs.length / 2)];
}

function measureOnce(mode: string, format: string, file: string): Measurement {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const stdout = execFileSync(tsx, [join(root, 'bench', 'measure.ts'), mode, format, file], {
    encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
}

const rows: string[] = [];
const results: unknown[] = [];
const rate = (m: Measurement) => Math.round(m.records / m.seconds);
for (const format of formats) {
  for (const n of sizes) {
    const file = join(out, `bench-${n}.${extension[format]}`);
    if (!existsSync(file)) await generate(format, n, file);
    const mb = (statSync(file).size / 1e6).toFixed(1);
    const parse = measure('ours-parse', format, file);
    const imp = measure('ours-import', format, file);
    const reflib = REFLIB_READS.has(format) ? measure('reflib-parse', format, file) : undefined;
    const ratio = reflib ? (rate(parse) / rate(reflib)).toFixed(1) : 'n/a';
    results.push({ format, n, mb, parse, import: imp, reflib });
    rows.push(`| ${format} | ${n.toLocaleString('en-GB')} | ${mb} | ${rate(parse).toLocaleString('en-GB')} | ` +
      `${parse.maxRssMB} | ${imp.seconds.toFixed(2)} | ${rate(imp).toLocaleString('en-GB')} | ${imp.maxRssMB} | ` +
      `${reflib ? `${rate(reflib).toLocaleString('en-GB')} | ${reflib.maxRssMB}` : 'no reader | –'} | ${ratio} |`);
    console.error(rows[rows.length - 1]);
  }
}

const header = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; median of ${repeat} runs`,
  '',
  '| format | records | MB | parse rec/s | parse peak RSS MB | import s | import rec/s | import peak RSS MB | reflib rec/s | reflib peak RSS MB | parse ÷ reflib |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
console.log([...header, ...rows].join('\n'));
writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2));
