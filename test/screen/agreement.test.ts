import { describe, expect, it } from 'vitest';
import { agreement, agreementStats } from '../../src/screen/agreement.js';
import { recordDecision } from '../../src/screen/decisions.js';
import { setup } from './helpers.js';

/*
 * Published worked example 1 — Gwet, K. L. (2014). Handbook of Inter-Rater
 * Reliability (4th ed.), Advanced Analytics: 100 pregnant women classified by
 * two abstractors as Ectopic / AIU / NIU (the `cont3x3abstractors` table of
 * Gwet's irrCAC package; its README prints the coefficients below):
 *
 *                 B: Ectopic  AIU  NIU | row
 *   A: Ectopic          13     0    0  |  13
 *   A: AIU               0    20    7  |  27
 *   A: NIU               0     4   56  |  60
 *   column              13    24   63  | 100
 *
 * By hand:
 *   p_o = (13 + 20 + 56) / 100 = 0.89
 *   kappa: p_e = .13·.13 + .27·.24 + .60·.63 = .0169 + .0648 + .378 = .4597
 *          κ = (.89 − .4597) / (1 − .4597) = .4303 / .5403 = 0.79641
 *   AC1:   π = ((13+13)/200, (27+24)/200, (60+63)/200) = (.13, .255, .615)
 *          p_e = Σ π(1−π) / (q−1) = (.1131 + .189975 + .236775) / 2 = .269925
 *          AC1 = (.89 − .269925) / (1 − .269925) = .620075 / .730075 = 0.84933
 *   PABAK (q = 3): (3·.89 − 1) / 2 = 0.835   (irrCAC: Brennan–Prediger 0.835)
 * Published: kappa 0.7964094 (SE 0.05891072), AC1 0.8493305 (SE 0.04321747),
 * Brennan–Prediger 0.835, percent agreement 0.89.
 */
const GWET = [
  [13, 0, 0],
  [0, 20, 7],
  [0, 4, 56],
];

/*
 * Published worked example 2 — SAS/STAT User's Guide, PROC FREQ, "Getting
 * Started: Agreement Study": two dermatologists rate the skin condition of 88
 * patients (terrible / poor / marginal / clear). Published: simple kappa
 * 0.3449, 95% confidence limits 0.2030 to 0.4868 (asymptotic SE of Fleiss,
 * Cohen & Everitt 1969, normal limits).
 * By hand: p_o = (10+10+12+13)/88 = 45/88 = .51136; rows (15, 29, 23, 21),
 * columns (17, 20, 31, 20); p_e = (15·17 + 29·20 + 23·31 + 21·20)/88² = 1968/7744 = .25413;
 * κ = (.51136 − .25413)/(1 − .25413) = 0.34488.
 */
const SAS = [
  [10, 4, 1, 0],
  [5, 10, 12, 2],
  [2, 4, 12, 5],
  [0, 2, 6, 13],
];

describe('agreement statistics against published worked examples', () => {
  it('Gwet (2014) abstractors table: kappa, its SE, AC1, its SE, PABAK', () => {
    const s = agreementStats(GWET);
    expect(s.n).toBe(100);
    expect(s.agreement).toBeCloseTo(0.89, 10);
    expect(s.kappa).toBeCloseTo(0.7964094, 6);
    expect(s.kappaSE).toBeCloseTo(0.05891072, 7);
    expect(s.ac1).toBeCloseTo(0.8493305, 6);
    expect(s.ac1SE).toBeCloseTo(0.04321747, 7);
    expect(s.pabak).toBeCloseTo(0.835, 10);
    // 95% CI = estimate ± 1.96 SE
    expect(s.kappaCI![0]).toBeCloseTo(0.7964094 - 1.959964 * 0.05891072, 6);
    expect(s.kappaCI![1]).toBeCloseTo(0.7964094 + 1.959964 * 0.05891072, 6);
    expect(s.ac1CI![0]).toBeCloseTo(0.8493305 - 1.959964 * 0.04321747, 6);
  });

  it('SAS PROC FREQ agreement study: kappa 0.3449, 95% CI 0.2030 to 0.4868', () => {
    const s = agreementStats(SAS);
    expect(s.n).toBe(88);
    expect(s.kappa).toBeCloseTo(0.3449, 4);
    expect(s.kappaCI![0]).toBeCloseTo(0.2030, 4);
    expect(s.kappaCI![1]).toBeCloseTo(0.4868, 4);
  });

  it('two categories, by hand: PABAK = 2·p_o − 1', () => {
    // 50 items: both yes 20, A yes / B no 5, A no / B yes 10, both no 15.
    // p_o = .7, p_e = .5·.6 + .5·.4 = .5, κ = .4; π = (.55, .45), p_e(AC1) = 2·.55·.45 = .495, AC1 = .205/.505.
    const s = agreementStats([[20, 5], [10, 15]]);
    expect(s.agreement).toBeCloseTo(0.7, 10);
    expect(s.kappa).toBeCloseTo(0.4, 10);
    expect(s.pabak).toBeCloseTo(0.4, 10);
    expect(s.ac1).toBeCloseTo(0.205 / 0.505, 10);
  });

  it('the kappa paradox of screening: high agreement, low kappa, AC1 and PABAK high', () => {
    // 100 records: both exclude 95, one include each way 2 + 2, both include 1.
    const s = agreementStats([[1, 2, 0], [2, 95, 0], [0, 0, 0]]);
    expect(s.agreement).toBeCloseTo(0.96, 10);
    expect(s.kappa!).toBeLessThan(0.35);
    expect(s.ac1!).toBeGreaterThan(0.9);
    expect(s.pabak!).toBeGreaterThan(0.9);
  });

  it('is undefined rather than wrong when nothing can be said', () => {
    expect(agreementStats([[0, 0], [0, 0]])).toMatchObject({ n: 0, kappa: null, ac1: null, kappaCI: null });
    // Everything in one category for both: p_e = 1, kappa undefined; AC1 defined.
    const s = agreementStats([[0, 0, 0], [0, 10, 0], [0, 0, 0]]);
    expect(s.kappa).toBeNull();
    expect(s.ac1).toBeCloseTo(1, 10);
  });
});

describe('review agreement over the database', () => {
  it('builds each pair\'s table from the records both decided (unsure its own category) and reproduces Gwet\'s figures', () => {
    const { db, ids, criteria } = setup(102);
    // Ectopic → include, AIU → exclude, NIU → unsure.
    const cats = ['include', 'exclude', 'unsure'];
    let k = 0;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        for (let c = 0; c < GWET[i][j]; c++, k++) {
          recordDecision(db, criteria, { recordId: ids[k], reviewer: 'alice', stage: 'title-abstract', decision: cats[i] });
          recordDecision(db, criteria, { recordId: ids[k], reviewer: 'bob', stage: 'title-abstract', decision: cats[j] });
        }
      }
    }
    // Records only one reviewer decided are not part of the pair's table; a third reviewer makes more pairs.
    recordDecision(db, criteria, { recordId: ids[100], reviewer: 'alice', stage: 'title-abstract', decision: 'include' });
    recordDecision(db, criteria, { recordId: ids[101], reviewer: 'alice', stage: 'title-abstract', decision: 'exclude' });
    recordDecision(db, criteria, { recordId: ids[101], reviewer: 'Lea', stage: 'title-abstract', decision: 'exclude' });
    const { pairs } = agreement(db);
    expect(pairs.map((p) => [p.stage, p.reviewers, p.n])).toEqual([
      ['title-abstract', ['alice', 'bob'], 100],
      ['title-abstract', ['alice', 'Lea'], 1],
    ]);
    const p = pairs[0];
    expect(p.categories).toEqual(['include', 'exclude', 'unsure']);
    expect(p.counts).toEqual(GWET);
    expect(p.kappa).toBeCloseTo(0.7964094, 6);
    expect(p.ac1).toBeCloseTo(0.8493305, 6);
    expect(p.pabak).toBeCloseTo(0.835, 10);
    expect(agreement(db, { stage: 'full-text' }).pairs).toEqual([]);
  });
});
