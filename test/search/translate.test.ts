import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { equivalent } from '../../src/search/ast.js';
import { DIALECTS } from '../../src/search/dialects/index.js';
import { readQueryFile, readQueryText } from '../../src/search/protocol.js';
import { translateDocument } from '../../src/search/translate.js';
import type { DialectName } from '../../src/search/syntax.js';
import { parse } from './helpers.js';

const QUERIES = join(__dirname, '../../queries');
const NAMES = Object.keys(DIALECTS) as DialectName[];

describe('round trips A → B → A keep the meaning', () => {
  for (const file of ['ebsco.txt', 'ovid-spp.txt', 'scopus.txt']) {
    const doc = readQueryFile(join(QUERIES, file), { name: file });
    for (const to of NAMES.filter((n) => n !== doc.dialect.name && n !== 'pubmed')) {
      it(`${file} → ${to} → ${doc.dialect.name}: every block means the same`, () => {
        const there = translateDocument(doc, DIALECTS[to]);
        expect(there.warnings.filter((w) => w.severity !== 'info')).toEqual([]);
        const back = readQueryText(there.text, `${file}.${to}`, { dialect: to });
        expect(back.blocks.map((b) => b.label)).toEqual(doc.blocks.map((b) => b.label));
        back.blocks.forEach((b, i) => expect(equivalent(b.ast!, doc.blocks[i].ast!)).toBe(true));
        const again = translateDocument(back, doc.dialect);
        const home = readQueryText(again.text, `${file}.back`, { dialect: doc.dialect.name });
        home.blocks.forEach((b, i) => expect(equivalent(b.ast!, doc.blocks[i].ast!)).toBe(true));
      });
    }
  }

  it.each([
    ['ovid', '((depress* adj2 fail*) or "treatment resistant").ti,ab,kf. and exp Depression/'],
    ['scopus', 'TITLE-ABS-KEY(heart PRE/3 attack) AND NOT {exact match}'],
    ['wos', 'TS=(colo$r NEAR/4 cancer*) AND SO=(lancet)'],
    ['ebsco', 'TI (a W3 b) OR (MH "Loneliness+") OR wom?n'],
  ] as const)('%s: %s', (from, text) => {
    const ast = parse(from, text).ast!;
    for (const to of NAMES) {
      const printed = DIALECTS[to].print(ast);
      if (printed.losses.some((l) => l.severity !== 'info')) continue; // lossy: covered below
      const there = parse(to, printed.text).ast!;
      expect(equivalent(there, ast), `${from} → ${to}: ${printed.text}`).toBe(true);
      expect(equivalent(parse(from, DIALECTS[from].print(there).text).ast!, ast)).toBe(true);
    }
  });
});

describe('translation warns wherever the meaning cannot be kept', () => {
  const losses = (from: DialectName, text: string, to: DialectName) => DIALECTS[to].print(parse(from, text).ast!).losses.map((l) => l.code);

  it('ordered proximity where the target has none', () => {
    expect(losses('ebsco', 'a W3 b', 'wos')).toEqual(['loss-proximity-order']);
    expect(losses('scopus', 'a PRE/2 b', 'ovid')).toEqual(['loss-proximity-order']);
    expect(losses('ebsco', 'a W0 b', 'ovid')).toEqual([]); // Ovid bare adj is ordered adjacency
  });

  it('proximity PubMed cannot express becomes AND, and says so', () => {
    expect(losses('ebsco', '(a OR b) N2 c', 'pubmed')).toEqual(['loss-proximity']);
    expect(DIALECTS.pubmed.print(parse('ebsco', 'TI (hip N2 pain)').ast!).text).toBe('"hip pain"[ti:~2]');
  });

  it('wildcards, headings and limits the target lacks', () => {
    expect(losses('ebsco', 'colo#r', 'scopus')).toEqual(['loss-wildcard']);
    expect(losses('ovid', 'behavio$2', 'ebsco')).toEqual(['loss-wildcard']);
    expect(losses('ovid', 'exp Loneliness/', 'scopus')).toEqual(['loss-heading']);
    expect(losses('scopus', 'a AND PUBYEAR > 2010', 'ebsco')).toEqual(['loss-filter']);
    // PubMed truncates only after 4 letters (as `review query lint` says for PubMed strings).
    expect(losses('ebsco', 'tie* OR VCS*', 'pubmed')).toEqual(['loss-wildcard', 'loss-wildcard']);
    expect(losses('ebsco', 'co-ordinat* OR health* OR "community improve*"', 'pubmed')).toEqual([]);
  });

  it('renumbers proximity to keep its meaning, and notes it', () => {
    const doc = readQueryFile(join(QUERIES, 'ebsco.txt'), { name: 'queries/ebsco.txt' });
    const t = translateDocument(doc, DIALECTS.ovid);
    expect(t.text).toContain('(community ADJ3 (manag* OR run OR own* OR control* OR driven OR orient*))');
    expect(t.warnings.find((w) => w.code === 'proximity-renumbered' && w.block === 'E')).toMatchObject({
      line: 35,
      message: 'N3 (≤3 words between) is written adj4 in Ovid: Ovid adjN allows N−1 words between',
    });
    expect(t.warnings.find((w) => w.code === 'implicit-made-explicit')).toMatchObject({ block: 'B', line: 11, column: 31 });
    expect(t.text).toContain('(third ADJ6 sector)');
  });

  it('keeps labels, titles and the combination', () => {
    const t = translateDocument(readQueryFile(join(QUERIES, 'scopus.txt'), { name: 'queries/scopus.txt' }), DIALECTS.ebsco);
    expect(t.text.split('\n').slice(0, 5)).toEqual(['EBSCOhost (translated from queries/scopus.txt: SCOPUS)', '', 'A. Cydweithrediad', '', t.blocks[0].text]);
    expect(t.text.trimEnd().split('\n').pop()).toBe('A + (B neu C) + D + (E neu F) + G');
    expect(t.text).toContain('(third AND sector)');
  });
});
