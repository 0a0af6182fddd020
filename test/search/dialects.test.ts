import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/search/dialects/index.js';
import { codes, k, parse } from './helpers.js';

describe('precedence, per dialect (documented in each dialects/<name>.ts)', () => {
  // [dialect, input, canonical tree as the interface reads it]
  const table: Array<[keyof typeof DIALECTS, string, string]> = [
    // EBSCOhost: AND and NOT before OR, left to right ("like multiplication"), proximity first.
    ['ebsco', 'a OR b AND c', '(or a (and b c))'],
    ['ebsco', 'a OR b AND c NOT d', '(or a (not (and b c) d))'],
    ['ebsco', 'a N2 b OR c', '(or (near/2 a b) c)'],
    ['ebsco', 'a AND b W3 c', '(and a (near-ordered/3 b c))'],
    // Ovid: adj first, then AND/NOT, then OR.
    ['ovid', 'a or b and c', '(or a (and b c))'],
    ['ovid', 'a adj3 b or c', '(or (near/2 a b) c)'],
    // Scopus: OR binds tighter than AND; AND NOT last.
    ['scopus', 'a AND b OR c', '(and a (or b c))'],
    ['scopus', 'a OR b AND c', '(and (or a b) c)'],
    ['scopus', 'a AND NOT b AND c', '(not a (and b c))'],
    ['scopus', 'a W/2 b OR c', '(or (near/2 a b) c)'],
    // Web of Science: NEAR, SAME, NOT, AND, OR.
    ['wos', 'a OR b AND c', '(or a (and b c))'],
    ['wos', 'a AND b NOT c', '(and a (not b c))'],
    ['wos', 'a NEAR/3 b AND c', '(and (near/3 a b) c)'],
    // PubMed: strictly left to right.
    ['pubmed', 'a OR b AND c', '(and (or a b) c)'],
    ['pubmed', 'a AND b OR c', '(or (and a b) c)'],
    ['pubmed', 'a NOT b OR c', '(or (not a b) c)'],
  ];
  for (const [dialect, input, expected] of table) {
    it(`${dialect}: ${input}`, () => expect(k(dialect, input)).toBe(expected));
  }
});

describe('proximity: one structure, each dialect counting its own way', () => {
  it('reads "words between" from every spelling', () => {
    expect(k('ebsco', 'a N2 b')).toBe('(near/2 a b)');
    expect(k('ebsco', 'a W2 b')).toBe('(near-ordered/2 a b)');
    expect(k('ovid', 'a adj3 b')).toBe('(near/2 a b)'); // adjN: N−1 words between
    expect(k('ovid', 'a ADJ2 b')).toBe('(near/1 a b)');
    expect(k('ovid', 'a adj b')).toBe('(near-ordered/0 a b)'); // bare adj: ordered adjacency
    expect(k('scopus', 'a w/2 b')).toBe('(near/2 a b)');
    expect(k('scopus', 'a PRE/2 b')).toBe('(near-ordered/2 a b)');
    expect(k('wos', 'a NEAR/2 b')).toBe('(near/2 a b)');
    expect(k('wos', 'a NEAR b')).toBe('(near/15 a b)');
    expect(k('pubmed', '"hip pain"[tiab:~2]')).toBe('(fields abstract,title (near/2 hip pain))');
  });

  it('prints the number that keeps the meaning', () => {
    const ast = parse('ebsco', 'community N2 (manag* OR run)').ast!;
    expect(DIALECTS.ovid.print(ast).text).toBe('community ADJ3 (manag* OR run)');
    expect(DIALECTS.scopus.print(ast).text).toBe('community W/2 (manag* OR run)');
    expect(DIALECTS.wos.print(ast).text).toBe('community NEAR/2 (manag* OR run)');
  });

  it('a word spelled like an operator is a word unless it stands between two operands', () => {
    expect(k('scopus', 'N2 fixation')).toBe('<and n2 fixation>');
    expect(k('ebsco', 'vitamin W5')).toBe('<near5 vitamin w5>');
  });
});

describe('line references', () => {
  it('EBSCO S1, PubMed #1 always; Ovid bare numbers only in strategy lines', () => {
    expect(k('ebsco', 'S1 AND S2')).toBe('(and #1 #2)');
    expect(k('pubmed', '#1 OR #2')).toBe('(or #1 #2)');
    expect(k('ovid', '1 or 2', { statement: true, labels: new Set(['1', '2']) })).toBe('(or #1 #2)');
    expect(k('ovid', '1 or 2')).toBe('(or 1 2)');
    expect(codes(parse('ovid', '1 or 3', { statement: true, labels: new Set(['1', '2']) }).findings)).toEqual(['unresolved-reference']);
  });
});

describe('terms, phrases, wildcards', () => {
  it('maps each dialect\'s wildcards onto one notation', () => {
    expect(k('ovid', 'colo?r')).toBe('colo#r'); // Ovid ? = zero or one
    expect(k('ovid', 'wom#n')).toBe('wom?n'); // Ovid # = exactly one
    expect(k('ovid', 'behavio$2')).toBe('behavio*{2}'); // Ovid $n = at most n
    expect(k('ovid', 'child$')).toBe('child*');
    expect(k('wos', 'colo$r')).toBe('colo#r'); // WoS $ = zero or one
    expect(k('ebsco', 'colo#r OR ne?t')).toBe('(or colo#r ne?t)');
  });

  it('reads unquoted words side by side as the interface does', () => {
    expect(k('ebsco', 'third sector')).toBe('<near5 third sector>');
    expect(k('ovid', 'third sector')).toBe('"third sector"');
    expect(k('scopus', 'third sector')).toBe('<and third sector>');
    expect(k('wos', 'third sector')).toBe('<and third sector>');
  });

  it('reads Scopus exact and loose phrases', () => {
    expect(k('scopus', '{heart-attack} OR "heart attack"')).toBe('(or {heart-attack} "heart attack")');
  });

  it('normalises curly quotes, dashes and non-breaking spaces', () => {
    expect(k('ebsco', '“joint\u00a0working” OR co\u2013production')).toBe('(or "joint working" co-production)');
  });
});

describe('fields and headings', () => {
  it('EBSCO prefix codes and MH headings', () => {
    expect(k('ebsco', 'TI (a OR b) AND AB c')).toBe('(and (fields title (or a b)) (fields abstract c))');
    expect(k('ebsco', '(MH "Voluntary Workers+") OR (MM "Loneliness")')).toBe('(or [exp voluntary workers] [*loneliness])');
  });

  it('Ovid suffixes, headings, subheadings, exploded and major', () => {
    expect(k('ovid', '(a adj2 b).ti,ab.')).toBe('(fields abstract,title (near/1 a b))');
    expect(k('ovid', 'fluticasone.ti,ab')).toBe('(fields abstract,title fluticasone)');
    expect(k('ovid', 'exp *Pain, Postoperative/')).toBe('[exp *pain, postoperative]');
    expect(k('ovid', 'Mothers/px')).toBe('[mothers/px]');
    expect(k('ovid', 'exp "Prostatitis"/')).toBe('[exp prostatitis]');
    expect(k('ovid', '(transient elastograph* or fibroscan).mp. [mp=title, abstract, original title]')).toBe('(fields abstract,keywords,other,subject,title (or "transient elastograph*" fibroscan))');
  });

  it('Scopus field functions and limits', () => {
    expect(k('scopus', 'TITLE-ABS-KEY(a OR b) AND PUBYEAR > 2012')).toBe('(and (fields abstract,keywords,subject,title (or a b)) (filter  "PUBYEAR > 2012"))');
  });

  it('WoS tags', () => {
    expect(k('wos', 'TS=(quantum AND dot) OR SO=("MIS Quarterly")')).toBe('(or (fields abstract,keywords,subject,title (and quantum dot)) (fields source "mis quarterly"))');
  });

  it('PubMed tags and MeSH', () => {
    expect(k('pubmed', 'Thyroid[tiab] OR "Thyroid Neoplasms"[MeSH] OR Rupture [mh:noexp] OR diagnosis[sh] OR "x"[majr]')).toBe(
      '(or (fields abstract,title thyroid) [exp thyroid neoplasms] [rupture] [diagnosis] [exp *x])', // [majr] explodes unless :noexp
    );
  });
});

describe('errors are located and never thrown', () => {
  it('an unmatched "(" is reported where it opens, and closes at the end', () => {
    const r = parse('ebsco', 'a OR ((b N2 (c OR d))');
    expect(codes(r.findings)).toEqual(['unbalanced-parens']);
    expect(r.findings[0]).toMatchObject({ line: 1, column: 6 });
    expect(k('ebsco', 'a OR ((b N2 (c OR d))')).toBe('(or a (near/2 b (or c d)))');
  });

  it('an unmatched ")" is reported and skipped', () => {
    const r = parse('wos', 'TS=(quantum AND dot OR spin))');
    expect(r.findings).toMatchObject([{ code: 'unbalanced-parens', column: 29 }]);
  });

  it('an unterminated phrase, a dangling operator, an empty query', () => {
    expect(parse('pubmed', 'Serology"[MeSH]').findings[0]).toMatchObject({ code: 'unterminated-quote', column: 9 });
    expect(codes(parse('ovid', 'a or').findings)).toEqual(['missing-operand']);
    expect(codes(parse('ovid', 'OR b').findings)).toEqual(['missing-operand']);
    expect(codes(parse('ovid', '   ').findings)).toEqual(['empty-query']);
  });

  it('an operator of another dialect is read as meant but reported', () => {
    const r = parse('scopus', 'community N2 council');
    expect(r.findings).toMatchObject([{ code: 'unsupported-operator', column: 11 }]);
    expect(k('scopus', 'community N2 council')).toBe('(near/2 community council)');
    expect(codes(parse('ebsco', 'a NEAR/2 b').findings)).toEqual(['unsupported-operator']);
  });
});

describe('printing each dialect', () => {
  const ast = parse('ovid', '(exp Voluntary Workers/ or "third sector".ti,ab.) and (community adj3 (manag* or run)).tw.').ast!;
  it.each([
    ['ebsco', '((MH "Voluntary Workers+") OR (TI "third sector" OR AB "third sector")) AND (TI (community N2 (manag* OR run)) OR AB (community N2 (manag* OR run)))'],
    ['ovid', '(exp Voluntary Workers/ OR "third sector".ti,ab.) AND (community ADJ3 (manag* OR run)).ti,ab.'],
    ['scopus', '(INDEXTERMS("Voluntary Workers") OR TITLE-ABS("third sector")) AND TITLE-ABS(community W/2 (manag* OR run))'],
    ['wos', '(TS=("Voluntary Workers") OR (TI=("third sector") OR AB=("third sector"))) AND (TI=(community NEAR/2 (manag* OR run)) OR AB=(community NEAR/2 (manag* OR run)))'],
    ['pubmed', '("Voluntary Workers"[mh] OR "third sector"[tiab]) AND (community[tiab] AND (manag*[tiab] OR run[tiab]))'],
  ] as const)('%s', (dialect, expected) => {
    expect(DIALECTS[dialect].print(ast).text).toBe(expected);
  });
});
