/**
 * Inter-rater agreement between two reviewers at a stage, over the records
 * both have decided (include / exclude / unsure: three categories, unsure
 * counted as its own). Computable at any point of screening.
 *
 * - percent agreement p_o;
 * - Cohen's kappa (Cohen 1960) with the large-sample standard error of
 *   Fleiss, Cohen & Everitt (1969) and a normal 95% CI (κ ± 1.96·SE, clipped to [-1, 1]);
 * - Gwet's AC1 (Gwet 2008) with its standard error (same formula as the
 *   irrCAC package, infinite population) — kappa misbehaves when one category
 *   dominates, as exclusions do in screening, AC1 much less;
 * - PABAK, the prevalence- and bias-adjusted kappa (Byrt, Bishop & Carlin 1993),
 *   for q categories (q·p_o − 1)/(q − 1) (= 2·p_o − 1 for two; Brennan–Prediger).
 * The categories are the scale's three whether or not all were used (q = 3).
 * The pure functions take any square count table, so they can be checked against
 * published examples.
 */
import type { DB } from '../store/db.js';
import { listReviewers } from './reviewers.js';
import { stageStates } from './state.js';
import { DECISIONS, STAGES, type Decision, type Stage } from './types.js';

const Z95 = 1.959963984540054;

export interface AgreementStats {
  n: number;
  agreement: number;
  kappa: number | null;
  kappaSE: number | null;
  kappaCI: [number, number] | null;
  ac1: number | null;
  ac1SE: number | null;
  ac1CI: [number, number] | null;
  pabak: number | null;
}

const clip = (x: number) => Math.max(-1, Math.min(1, x));
const ci = (est: number, se: number): [number, number] => [clip(est - Z95 * se), clip(est + Z95 * se)];

/** Agreement statistics for a q×q table of counts (rows: rater A, columns: rater B). */
export function agreementStats(table: number[][]): AgreementStats {
  const q = table.length;
  const n = table.reduce((a, row) => a + row.reduce((b, c) => b + c, 0), 0);
  if (n === 0) return { n: 0, agreement: NaN, kappa: null, kappaSE: null, kappaCI: null, ac1: null, ac1SE: null, ac1CI: null, pabak: null };
  const p = table.map((row) => row.map((c) => c / n));
  const rowM = p.map((row) => row.reduce((a, b) => a + b, 0));
  const colM = p[0].map((_, j) => p.reduce((a, row) => a + row[j], 0));
  const po = p.reduce((a, row, i) => a + row[i], 0);

  // Cohen's kappa and the Fleiss–Cohen–Everitt (1969) variance.
  const pe = rowM.reduce((a, r, i) => a + r * colM[i], 0);
  let kappa: number | null = null;
  let kappaSE: number | null = null;
  if (pe < 1) {
    kappa = (po - pe) / (1 - pe);
    let sum = 0;
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < q; j++) {
        const w = i === j ? 1 : 0;
        sum += p[i][j] * (w - (1 - kappa) * (colM[i] + rowM[j])) ** 2;
      }
    }
    const variance = (sum - (kappa - pe * (1 - kappa)) ** 2) / (n * (1 - pe) ** 2);
    kappaSE = Math.sqrt(Math.max(0, variance));
  }

  // Gwet's AC1 and its variance (Gwet 2008, eq. for two raters).
  const pi = rowM.map((r, k) => (r + colM[k]) / 2);
  const pe1 = pi.reduce((a, x) => a + x * (1 - x), 0) / (q - 1);
  let ac1: number | null = null;
  let ac1SE: number | null = null;
  if (pe1 < 1) {
    ac1 = (po - pe1) / (1 - pe1);
    let sum = 0;
    for (let k = 0; k < q; k++) {
      for (let l = 0; l < q; l++) {
        const w = k === l ? 1 : 0;
        sum += p[k][l] * (w - (2 * (1 - ac1) * (1 - (pi[k] + pi[l]) / 2)) / (q - 1)) ** 2;
      }
    }
    const variance = (sum - (po - 2 * pe1 * (1 - ac1)) ** 2) / (n * (1 - pe1) ** 2);
    ac1SE = Math.sqrt(Math.max(0, variance));
  }

  return {
    n, agreement: po,
    kappa, kappaSE, kappaCI: kappa !== null && kappaSE !== null ? ci(kappa, kappaSE) : null,
    ac1, ac1SE, ac1CI: ac1 !== null && ac1SE !== null ? ci(ac1, ac1SE) : null,
    pabak: (q * po - 1) / (q - 1),
  };
}

export interface PairAgreement extends AgreementStats {
  stage: Stage;
  reviewers: [string, string];
  categories: Decision[];
  /** counts[i][j]: first reviewer said categories[i], second said categories[j]. */
  counts: number[][];
}

/** Agreement for every pair of reviewers who both decided at least one record, per stage. */
export function agreement(db: DB, options: { stage?: Stage } = {}): { pairs: PairAgreement[] } {
  const reviewers = listReviewers(db);
  const pairs: PairAgreement[] = [];
  for (const stage of options.stage ? [options.stage] : STAGES) {
    const byPair = new Map<string, number[][]>();
    for (const s of stageStates(db, stage).values()) {
      for (let a = 0; a < s.decisions.length; a++) {
        for (let b = a + 1; b < s.decisions.length; b++) {
          const [x, y] = s.decisions[a].reviewerId < s.decisions[b].reviewerId ? [s.decisions[a], s.decisions[b]] : [s.decisions[b], s.decisions[a]];
          const key = `${x.reviewerId}:${y.reviewerId}`;
          if (!byPair.has(key)) byPair.set(key, DECISIONS.map(() => DECISIONS.map(() => 0)));
          byPair.get(key)![DECISIONS.indexOf(x.decision)][DECISIONS.indexOf(y.decision)]++;
        }
      }
    }
    for (const [key, counts] of [...byPair.entries()].sort()) {
      const [a, b] = key.split(':').map(Number);
      const name = (id: number) => reviewers.find((r) => r.id === id)!.name;
      pairs.push({ stage, reviewers: [name(a), name(b)], categories: [...DECISIONS], counts, ...agreementStats(counts) });
    }
  }
  return { pairs };
}
