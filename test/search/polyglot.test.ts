/**
 * Our translations beside @iebh/polyglot's on the same inputs (polyglot reads
 * Ovid or PubMed syntax). Where the two agree, polyglot's output — read with
 * our own parsers — means exactly what our tree means. Where they differ, the
 * difference is deliberate, and listed here with its reason:
 *
 * 1. proximity counting: polyglot copies the number (Ovid adj3 → N3, W/3,
 *    NEAR/3); adjN allows N−1 words between, so we write N2, W/2, NEAR/2;
 * 2. PubMed: polyglot turns proximity into AND silently; we do too when
 *    `"a b"[tiab:~n]` cannot express it, but report the loss;
 * 3. fields under proximity: polyglot puts the field codes on each operand
 *    (`(TI a OR AB a) N3 (TI b OR AB b)`, which lets the two words sit in
 *    different fields); we restrict the whole proximity (`TI (a N2 b) OR AB (a N2 b)`);
 * 4. fields with no exact equivalent: polyglot drops or widens them silently
 *    (PubMed [tw] → nothing in CINAHL, Ovid .tw. → WoS TS=); we choose the
 *    exact codes where they exist and report a loss where they do not;
 * 5. headings: polyglot maps MeSH to INDEXTERMS()/ALL= silently; we report the loss.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import polyglotModule from '@iebh/polyglot';
import { equivalent } from '../../src/search/ast.js';
import { DIALECTS } from '../../src/search/dialects/index.js';
import { readQueryFile } from '../../src/search/protocol.js';
import { sourceFromString } from '../../src/search/source.js';
import { parse } from './helpers.js';

const polyglot = polyglotModule.default ?? polyglotModule;
const ENGINES = { ebsco: 'CINAHL (Ebsco)', scopus: 'Scopus (advanced search)', wos: 'WoS Advanced', pubmed: 'PubMed abbreviation', ovid: 'Ovid MEDLINE' } as const;
const theirs = (input: string, to: keyof typeof ENGINES) => polyglot.translate(input, ENGINES[to], { html: false });

describe('@iebh/polyglot on the reference review\'s Ovid strings', () => {
  const doc = readQueryFile(join(__dirname, '../../queries/ovid-spp.txt'));
  for (const b of doc.blocks) {
    for (const to of Object.keys(ENGINES) as Array<keyof typeof ENGINES>) {
      it(`block ${b.label} → ${to}`, () => {
        const text = theirs(b.source.text.trim(), to);
        const read = DIALECTS[to].parse(sourceFromString(text)).ast!;
        // Block B's ADJ2 is the one difference: polyglot writes N2/W/2/NEAR/2 (two words between), or AND in PubMed.
        const differs = b.label === 'B' && to !== 'ovid';
        expect(equivalent(read, b.ast!)).toBe(!differs);
        if (differs && to !== 'pubmed') {
          expect(text).toMatch(/community (N2|W\/2|NEAR\/2) \(manag\*/);
          expect(DIALECTS[to].print(b.ast!).text).toMatch(/community (N1|W\/1|NEAR\/1) \(manag\*/);
        }
      });
    }
  }
});

describe('@iebh/polyglot: the deliberate differences', () => {
  it('1. proximity counting', () => {
    expect(theirs('(a adj3 b).ti,ab.', 'scopus')).toBe('TITLE-ABS(a W/3 b)');
    expect(DIALECTS.scopus.print(parse('ovid', '(a adj3 b).ti,ab.').ast!).text).toBe('TITLE-ABS(a W/2 b)');
  });

  it('2. PubMed proximity', () => {
    expect(theirs('(community adj2 (manag* or run)).ti,ab.', 'pubmed')).toBe('(community[tiab] AND (manag*[tiab] OR run[tiab]))');
    const ours = DIALECTS.pubmed.print(parse('ovid', '(community adj2 (manag* or run)).ti,ab.').ast!);
    expect(ours.text).toBe('community[tiab] AND (manag*[tiab] OR run[tiab])');
    expect(ours.losses.map((l) => l.code)).toEqual(['loss-proximity']);
  });

  it('3. fields under proximity', () => {
    expect(theirs('(a adj3 b).ti,ab.', 'ebsco')).toBe('((TI a OR AB a) N3 (TI b OR AB b))');
    expect(DIALECTS.ebsco.print(parse('ovid', '(a adj3 b).ti,ab.').ast!).text).toBe('(TI (a N2 b) OR AB (a N2 b))');
  });

  it('4. fields without an exact equivalent', () => {
    expect(theirs('glaucoma$.tw.', 'wos')).toBe('(TS=glaucoma*)');
    expect(DIALECTS.wos.print(parse('ovid', 'glaucoma$.tw.').ast!).text).toBe('(TI=(glaucoma*) OR AB=(glaucoma*))');
    expect(theirs('low[tw]', 'ebsco')).toBe('low');
    expect(DIALECTS.ebsco.print(parse('pubmed', 'low[tw]').ast!).losses.map((l) => l.code)).toEqual(['loss-field']);
  });

  it('5. headings', () => {
    expect(theirs('exp glaucoma/', 'scopus')).toBe('INDEXTERMS(glaucoma)');
    const ours = DIALECTS.scopus.print(parse('ovid', 'exp glaucoma/').ast!);
    expect(ours.text).toBe('INDEXTERMS("glaucoma")');
    expect(ours.losses.map((l) => l.code)).toEqual(['loss-heading']);
  });
});
