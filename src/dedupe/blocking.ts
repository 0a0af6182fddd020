/**
 * Candidate pairs without comparing all pairs. Records are compared only
 * when they share a key:
 *
 * 1. the same DOI, PMID, or volume + first page (exact blocks);
 * 2. neighbours when sorted by title (sorted neighbourhood: catches typos late
 *    in a title, truncated titles and dropped subtitles, which sort next to
 *    the full title);
 * 3. neighbours when sorted by reversed title (differences at the start: a
 *    section heading such as "MEDICAL PROGRESS", a translated title's prefix);
 * 4. neighbours, by title, among records with the same first-author surname
 *    and year (titles translated or rewritten between databases).
 *
 * Each record meets at most a fixed number of neighbours per key, and an
 * exact block larger than BLOCK_CAP is walked as a sorted neighbourhood too,
 * so the number of candidates grows linearly with the number of records.
 */
import type { NormRecord } from './normalise.js';

/** Neighbours each record is compared with in each sorted order. */
export const WINDOW = 6;
/** The window stretches while neighbours still share this many leading characters (runs of near-identical titles). */
const RUN_PREFIX = 20;
/** …up to this many neighbours. */
const MAX_WINDOW = 40;
/** Exact blocks up to this size are compared all-pairs; larger ones by sorted neighbourhood. */
export const BLOCK_CAP = 24;

export interface CandidateOptions {
  /** Only pairs with at least one record for which this is true (incremental runs). */
  isNew?: (index: number) => boolean;
  /** A cheap test run on each pair as blocking meets it: only pairs passing it are kept. */
  keep?: (i: number, j: number) => boolean;
}

export interface Candidates {
  pairs: Array<[number, number]>;
  /** Pairs blocking met (before `keep` and before removing repeats). */
  met: number;
}

/** Candidate pairs as [i, j] indexes into `records`, i < j, each pair once. */
export function candidatePairs(records: NormRecord[], options: CandidateOptions = {}): Candidates {
  const n = records.length;
  const isNew = options.isNew;
  const keep = options.keep;
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  let met = 0;
  const push = (x: number, y: number) => {
    if (x === y) return;
    const i = x < y ? x : y;
    const j = x < y ? y : x;
    if (isNew && !isNew(i) && !isNew(j)) return;
    met++;
    const key = i * n + j;
    if (seen.has(key)) return;
    // Rejected pairs are not remembered: meeting them again costs one cheap test.
    if (keep && !keep(i, j)) return;
    seen.add(key);
    pairs.push([i, j]);
  };

  /** Sorted neighbourhood over `order` (indexes) by `keyOf`. */
  const neighbourhood = (order: number[], keyOf: (i: number) => string) => {
    const keys = order.map(keyOf);
    const idx = order.map((_, k) => k).sort((p, q) => (keys[p] < keys[q] ? -1 : keys[p] > keys[q] ? 1 : order[p] - order[q]));
    for (let p = 0; p < idx.length; p++) {
      const kp = keys[idx[p]];
      const run = kp.slice(0, RUN_PREFIX);
      for (let q = p + 1; q < idx.length && q - p <= MAX_WINDOW; q++) {
        if (q - p > WINDOW && (kp.length < RUN_PREFIX || !keys[idx[q]].startsWith(run))) break;
        push(order[idx[p]], order[idx[q]]);
      }
    }
  };

  // 1. Exact blocks.
  const blocks = new Map<string, number[]>();
  const addTo = (key: string, i: number) => {
    const list = blocks.get(key);
    if (list) list.push(i);
    else blocks.set(key, [i]);
  };
  for (let i = 0; i < n; i++) {
    const r = records[i];
    if (r.doi) addTo(`d:${r.doi}`, i);
    if (r.doiBase && r.doiBase !== r.doi) addTo(`d:${r.doiBase}`, i);
    if (r.pmid) addTo(`p:${r.pmid}`, i);
    if (r.volume && r.pageStart && /\d/.test(r.pageStart)) addTo(`v:${r.volume}|${r.pageStart}`, i);
    if (r.firstSurname !== null && r.year !== null) addTo(`a:${r.firstSurname}|${r.year}`, i);
  }
  for (const [key, list] of blocks) {
    if (list.length < 2) continue;
    if (key.startsWith('a:') || list.length > BLOCK_CAP) {
      // 4. (and oversized exact blocks): neighbours by title within the block.
      neighbourhood(list, (i) => records[i].compact);
      continue;
    }
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) push(list[x], list[y]);
  }

  // 2–3. Sorted neighbourhood on the title and on the reversed title.
  const titled: number[] = [];
  for (let i = 0; i < n; i++) if (records[i].compact !== '') titled.push(i);
  neighbourhood(titled, (i) => records[i].compact);
  neighbourhood(titled, (i) => reverse(records[i].compact));
  return { pairs, met };
}

function reverse(s: string): string {
  return s.split('').reverse().join('');
}
