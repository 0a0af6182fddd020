import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compareDocuments, type Difference } from '../../src/search/compare.js';
import { readQueryFile, readQueryText } from '../../src/search/protocol.js';
import { borrowCombinations } from '../../src/search/workspace.js';

const QUERIES = join(__dirname, '../../queries');
const [ebsco, ovid, scopus] = borrowCombinations(
  ['ebsco.txt', 'ovid-spp.txt', 'scopus.txt'].map((f) => readQueryFile(join(QUERIES, f), { name: `queries/${f}` })),
);
const brief = (d: Difference[]) => d.map((x) => `${x.block} ${x.kind}`);

describe('compare: the reference review\'s three versions (the differences PROTOCOL.md lists)', () => {
  it('EBSCO vs Ovid: N2 in B is ADJ2 (one word fewer), N2/N3 became AND in C, D, E, F', () => {
    const d = compareDocuments(ebsco, ovid);
    expect(brief(d).filter((x) => /proximity|distance/.test(x))).toEqual([
      'B distance-changed', 'C proximity-vs-boolean', 'D proximity-vs-boolean', 'E proximity-vs-boolean', 'F proximity-vs-boolean',
    ]);
    expect(d.find((x) => x.kind === 'distance-changed')!.message).toBe('N2 and ADJ2 look alike but count differently: N2 allows ≤2 words between, ADJ2 allows ≤1 word between');
    expect(d.find((x) => x.block === 'E' && x.kind === 'proximity-vs-boolean')!.message).toMatch(/within 3 words of each other, any order \(N3\).*only requires both anywhere/);
  });

  it('EBSCO vs Scopus: N2 = w/2 (no difference in B, C, D); N3 became w/2 in E and F', () => {
    const d = compareDocuments(ebsco, scopus);
    expect(brief(d).filter((x) => /proximity|distance/.test(x))).toEqual(['E distance-changed', 'F distance-changed']);
    expect(d.find((x) => x.block === 'E' && x.kind === 'distance-changed')!.message).toBe('N3 (≤3 words between) became w/2 (≤2 words between): narrower in queries/scopus.txt');
  });

  it('Ovid vs Scopus: ADJ2 vs w/2 in B; AND vs w/2 in C, D, E, F', () => {
    expect(brief(compareDocuments(ovid, scopus)).filter((x) => /proximity|distance/.test(x))).toEqual([
      'B distance-changed', 'C proximity-vs-boolean', 'D proximity-vs-boolean', 'E proximity-vs-boolean', 'F proximity-vs-boolean',
    ]);
  });

  it('surfaces the unquoted multi-word term, read three ways', () => {
    const pick = (d: Difference[]) => d.filter((x) => x.kind === 'implicit-phrase').map((x) => x.message);
    expect(pick(compareDocuments(ebsco, ovid))).toEqual(['"third sector" is unquoted in both: EBSCOhost reads it as third N5 sector (≤5 words between), Ovid as the phrase "third sector"']);
    expect(pick(compareDocuments(ebsco, scopus))).toEqual(['"third sector" is unquoted in both: EBSCOhost reads it as third N5 sector (≤5 words between), Scopus as third AND sector']);
  });

  it('surfaces the unbalanced parentheses (EBSCO B only) and the terms repeated in both', () => {
    const d = compareDocuments(ebsco, scopus);
    expect(d.filter((x) => x.kind === 'unbalanced-parens')).toEqual([
      { block: 'B', kind: 'unbalanced-parens', a: 'this "(" is never closed (line 18, column 61)', b: null, message: 'only queries/ebsco.txt has unbalanced parentheses in block B; compared as if each group closed at the end of the block' },
    ]);
    expect(d.filter((x) => x.kind === 'duplicate-term').map((x) => `${x.block} ${x.a}`)).toEqual([
      'A "coalition" repeated', 'B "social business" repeated', 'B "social interest company" repeated', 'C "government" repeated', 'F "integration" repeated',
    ]);
  });

  it('says which file states the combination', () => {
    const [e, s] = [readQueryFile(join(QUERIES, 'ebsco.txt'), { name: 'e' }), readQueryFile(join(QUERIES, 'scopus.txt'), { name: 's' })];
    expect(compareDocuments(e, s).filter((x) => x.block === 'combination')).toMatchObject([{ kind: 'combination-only-in-b', b: 'A + (B neu C) + D + (E neu F) + G' }]);
  });
});

describe('compare: small cases', () => {
  const doc = (dialect: 'ebsco' | 'ovid' | 'scopus', body: string) => readQueryText(`${dialect}\n\nA. One\n\n${body}\n\nB. Two\n\nx\n`, `${dialect}.txt`, { dialect });

  it('a term present in one version only', () => {
    const d = compareDocuments(doc('ebsco', 'a OR b OR c'), doc('scopus', 'a OR c'));
    expect(d).toEqual([{ block: 'A', kind: 'term-only-in-a', a: 'b', b: null, message: 'b is only in ebsco.txt' }]);
  });

  it('order required in one version only', () => {
    expect(brief(compareDocuments(doc('ebsco', 'a W2 b'), doc('scopus', 'a W/2 b')))).toEqual(['A order-changed']);
  });

  it('the same meaning written differently is no difference', () => {
    expect(compareDocuments(doc('ebsco', '(b OR a) N2 c'), doc('ovid', 'c adj3 (a OR b)'))).toEqual([]);
    expect(compareDocuments(doc('ebsco', '"third sector" OR x'), doc('ovid', 'x OR third sector'))).toEqual([]);
  });

  it('a field restriction in one version only', () => {
    expect(brief(compareDocuments(doc('ebsco', 'TI a'), doc('ovid', 'a.ti,ab.')))).toEqual(['A field-changed']);
  });
});
