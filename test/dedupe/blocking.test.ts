import { describe, expect, it } from 'vitest';
import { candidatePairs, WINDOW } from '../../src/dedupe/blocking.js';
import { runEngine } from '../../src/dedupe/engine.js';
import { normaliseRecord } from '../../src/dedupe/normalise.js';
import { DEFAULT_OPTIONS } from '../../src/dedupe/options.js';
import { generateLibrary } from '../../bench/dedupe-data.js';
import { rec } from './helpers.js';

describe('blocking', () => {
  it('meets a bounded number of pairs per record, so cost grows linearly (never all pairs)', () => {
    const perRecord = (n: number) => {
      const { records } = generateLibrary(n, 3);
      return candidatePairs(records.map((r) => normaliseRecord(r))).met / n;
    };
    const small = perRecord(1_000);
    const large = perRecord(4_000);
    expect(large).toBeLessThan(60);
    expect(large / small).toBeLessThan(1.5);
  });

  it('finds the duplicates planted in a generated library, and merges nothing else', () => {
    const { records, work } = generateLibrary(3_000, 5);
    const result = runEngine({ records, options: DEFAULT_OPTIONS });
    let found = 0;
    let wrong = 0;
    for (const g of result.groups) for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) {
      if (work[g[x]] === work[g[y]]) found++;
      else wrong++;
    }
    const counts = new Map<number, number>();
    for (const w of work) counts.set(w, (counts.get(w) ?? 0) + 1);
    const truePairs = [...counts.values()].reduce((s, k) => s + (k * (k - 1)) / 2, 0);
    expect(found / truePairs).toBeGreaterThan(0.99);
    expect(wrong).toBe(0);
  });

  it('pairs a title with its truncated form and with its form missing a leading part', () => {
    const title = 'Community anchor organisations and local wellbeing: a realist evaluation';
    const others = Array.from({ length: 3 * WINDOW }, (_, k) => rec({ title: `Community anchor organisations ${k} and other matters` }));
    const records = [rec({ title }), ...others, rec({ title: 'MEDICAL PROGRESS Community anchor organisations and local wellbeing: a realist evaluation' }),
      rec({ title: 'Community anchor organisations and local wellbeing' })].map((r) => normaliseRecord(r));
    const pairs = candidatePairs(records).pairs.map(([i, j]) => `${i}-${j}`);
    const last = records.length - 1;
    expect(pairs).toContain(`0-${last}`);
    expect(pairs).toContain(`0-${last - 1}`);
  });

  it('in an incremental run, forms only pairs with a new record', () => {
    const records = [rec({ title: 'Alpha beta gamma delta' }), rec({ title: 'Alpha beta gamma delta' }), rec({ title: 'Alpha beta gamma delta.' })]
      .map((r) => normaliseRecord(r));
    expect(candidatePairs(records, { isNew: (i) => i === 2 }).pairs).toEqual([[0, 2], [1, 2]]);
  });
});
