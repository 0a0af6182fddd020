/**
 * The de-duplication engine, free of the database: records in; scored pairs
 * and duplicate groups out. `run.ts` feeds it from SQLite and stores what it
 * finds; tests and the benchmark call it directly too.
 */
import { candidatePairs } from './blocking.js';
import { cluster, type Edge, type UnionFind } from './cluster.js';
import { completeRecord, kindsByDoi, normaliseKeys, WordIds, type DedupeInput, type NormRecord } from './normalise.js';
import type { DedupeOptions } from './options.js';
import { comparePair, worthComparing, type PairScore } from './score.js';

export interface ScoredPair extends PairScore {
  /** Indexes into the input records, i < j. */
  i: number;
  j: number;
}

export interface EngineInput {
  records: DedupeInput[];
  options: DedupeOptions;
  /** Records to compare (the others are only compared with these); default: all. */
  isNew?: (index: number) => boolean;
  /** Pairs a person decided are the same record. */
  same?: Array<[number, number]>;
  /** Pairs a person decided are different records. */
  different?: Array<[number, number]>;
  /** Existing duplicate groups (indexes), kept together. */
  groups?: number[][];
}

export interface EngineResult {
  norm: NormRecord[];
  /** Pairs blocking met (with repeats: a pair can share several keys). */
  candidates: number;
  /** Distinct candidate pairs that passed the cheap word-overlap test and went through the full comparison. */
  compared: number;
  /** Pairs merged: certain duplicates. */
  duplicates: ScoredPair[];
  /** Pairs left for a person (grey band, trap policies set to 'uncertain', contested merges), not already grouped. */
  uncertain: ScoredPair[];
  /** Duplicate groups: arrays of record indexes, size ≥ 2, ascending. */
  groups: number[][];
}

const pairKey = (i: number, j: number, n: number) => (i < j ? i * n + j : j * n + i);

export function runEngine(input: EngineInput): EngineResult {
  const { records, options } = input;
  const n = records.length;
  const ids = new WordIds();
  // A record with a notice's DOI is that notice (see kindsByDoi).
  const norm = kindsByDoi(records.map((r) => normaliseKeys(r, ids)), (r) => r.compact);
  const full = (i: number) => completeRecord(norm[i], records[i]);
  const decided = new Set<number>();
  for (const [i, j] of [...(input.same ?? []), ...(input.different ?? [])]) decided.add(pairKey(i, j, n));

  const candidates = candidatePairs(norm, { isNew: input.isNew, keep: (i, j) => worthComparing(norm[i], norm[j]) });
  const duplicates: ScoredPair[] = [];
  const uncertain: ScoredPair[] = [];
  const hard: Array<[number, number]> = [];
  let compared = 0;
  for (const [i, j] of candidates.pairs) {
    if (decided.has(pairKey(i, j, n))) continue;
    compared++;
    const s = comparePair(full(i), full(j), options);
    if (s.outcome === 'duplicate') duplicates.push({ i, j, ...s });
    else if (s.outcome === 'uncertain') uncertain.push({ i, j, ...s });
    else if (s.rule.startsWith('trap:') || s.evidence.some((e) => /different (DOIs|PMIDs)/.test(e))) hard.push([i, j]);
  }

  // Known-distinct pairs matter only between records that something links.
  const linked = new Set<number>();
  for (const e of duplicates) linked.add(e.i).add(e.j);
  for (const [i, j] of input.same ?? []) linked.add(i).add(j);
  for (const g of input.groups ?? []) for (const i of g) linked.add(i);
  const cannot = [...hard.filter(([i, j]) => linked.has(i) && linked.has(j)), ...(input.different ?? [])];
  const must: Array<[number, number]> = [...(input.same ?? [])];
  for (const g of input.groups ?? []) for (let k = 1; k < g.length; k++) must.push([g[0], g[k]]);

  const edges: Edge[] = duplicates.map((d) => ({ i: d.i, j: d.j, score: d.score }));
  let { uf, contested } = cluster(n, edges, cannot, must);
  // An incremental run compares only new records, so it knows no cannot-link
  // between two existing groups. Where a new record would join two of them,
  // compare their members across first, as a full run would have.
  const extra = crossCheckJoinedGroups(uf, input.groups ?? [], (i, j) => {
    if (decided.has(pairKey(i, j, n))) return false;
    const s = comparePair(full(i), full(j), options);
    return s.outcome === 'distinct' && (s.rule.startsWith('trap:') || s.evidence.some((e) => /different (DOIs|PMIDs)/.test(e)));
  });
  if (extra.length > 0) ({ uf, contested } = cluster(n, edges, [...cannot, ...extra], must));
  const contestedKeys = new Set(contested.map((e) => pairKey(e.i, e.j, n)));
  const merged = duplicates.filter((d) => !contestedKeys.has(pairKey(d.i, d.j, n)));
  for (const d of duplicates) {
    if (contestedKeys.has(pairKey(d.i, d.j, n))) uncertain.push({ ...d, outcome: 'uncertain', rule: `contested:${d.rule}` });
  }

  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    const list = byRoot.get(r);
    if (list) list.push(i);
    else byRoot.set(r, [i]);
  }
  const groups = [...byRoot.values()].filter((g) => g.length > 1);
  return {
    norm,
    candidates: candidates.met,
    compared,
    duplicates: merged,
    uncertain: uncertain.filter((u) => uf.find(u.i) !== uf.find(u.j)),
    groups,
  };
}

/** Members compared across two existing groups a run would join (per group, at most this many). */
const CROSS_CHECK_MEMBERS = 10;

/** Known-distinct pairs between existing groups that the tentative clustering `uf` puts together. */
function crossCheckJoinedGroups(uf: UnionFind, groups: number[][], distinct: (i: number, j: number) => boolean): Array<[number, number]> {
  if (groups.length < 2) return [];
  const byRoot = new Map<number, number[][]>();
  for (const g of groups) {
    const root = uf.find(g[0]);
    const list = byRoot.get(root);
    if (list) list.push(g);
    else byRoot.set(root, [g]);
  }
  const out: Array<[number, number]> = [];
  for (const joined of byRoot.values()) {
    if (joined.length < 2) continue;
    for (let x = 0; x < joined.length; x++) {
      for (let y = x + 1; y < joined.length; y++) {
        for (const i of joined[x].slice(0, CROSS_CHECK_MEMBERS)) {
          for (const j of joined[y].slice(0, CROSS_CHECK_MEMBERS)) if (distinct(i, j)) out.push([i, j]);
        }
      }
    }
  }
  return out;
}
