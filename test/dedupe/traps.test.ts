/**
 * The known traps, one fixture each: different papers that share a title, the
 * same paper written differently, and the policies that decide which is which.
 */
import { describe, expect, it } from 'vitest';
import { runEngine } from '../../src/dedupe/engine.js';
import { DEFAULT_OPTIONS } from '../../src/dedupe/options.js';
import { pointsToScore } from '../../src/dedupe/score.js';
import { ARTICLE, compare, rec } from './helpers.js';

describe('the same paper, written differently', () => {
  it('same DOI: duplicate, whatever else differs', () => {
    const s = compare(ARTICLE, { doi: ARTICLE.doi, title: ARTICLE.title!.toUpperCase(), authors: ['S Hughes'] });
    expect(s).toMatchObject({ outcome: 'duplicate', rule: 'doi' });
  });

  it('same PMID: duplicate', () => {
    expect(compare({ ...ARTICLE, doi: null, pmid: '31234567' }, { title: ARTICLE.title, pmid: '31234567' }))
      .toMatchObject({ outcome: 'duplicate', rule: 'pmid' });
  });

  it('missing DOI on one record: duplicate on title, authors, year and citation', () => {
    expect(compare(ARTICLE, { ...ARTICLE, doi: null }).outcome).toBe('duplicate');
  });

  it('truncated title', () => {
    expect(compare(ARTICLE, { ...ARTICLE, doi: null, title: 'Community anchor organisations and local wellbeing: a realist evalu' }).outcome)
      .toBe('duplicate');
  });

  it('dropped subtitle', () => {
    expect(compare(ARTICLE, { ...ARTICLE, doi: null, title: 'Community anchor organisations and local wellbeing' }).outcome).toBe('duplicate');
  });

  it('authors in another order and form ("Smith, J." vs "J Smith")', () => {
    const s = compare(ARTICLE, { ...ARTICLE, doi: null, authors: ['O. Price', 'S. Hughes', 'M. Evans'] });
    expect(s.outcome).toBe('duplicate');
    expect(s.evidence.join()).toMatch(/authors agree in another order/);
  });

  it('title case, punctuation, diacritics, HTML and database notes', () => {
    const s = compare(ARTICLE, {
      ...ARTICLE, doi: null, title: 'COMMUNITY ANCHOR ORGANISATIONS AND LOCAL <i>WELLBEING</i> - A REALIST EVALUATION IN THREE WÉLSH TOWNS. [Review]',
    });
    expect(s.evidence[0]).toBe('+10 same title');
    expect(s.outcome).toBe('duplicate');
  });

  it('a title rewritten between online first and print, the citation incomplete: left to a person, not dropped', () => {
    const nejm = {
      title: 'Eculizumab in severe Shiga-toxin-associated HUS', year: 2011, journal: 'New England Journal of Medicine',
      authors: ['Lapeyraque, A. L.', 'Malina, M.', 'Fremeaux-Bacchi, V.', 'Boppel, T.', 'Kirschfink, M.'],
      volume: '364', pages: '2561-2563',
    };
    const online = { ...nejm, title: 'Complement Blockade in Severe Shiga-Toxin\u2013Associated HUS', journal: 'New Engl J Med', volume: null, pages: null };
    expect(compare(nejm, online)).toMatchObject({ outcome: 'uncertain', rule: 'trap:retitled' });
    // A companion paper by the same team has its own pages: it stays distinct.
    expect(compare(nejm, { ...online, volume: '364', pages: '2570-2575' }).outcome).toBe('distinct');
    // So does a paper by another team, or a title that has little left in common.
    expect(compare(nejm, { ...online, authors: ['Smith, J.', 'Jones, K.', 'Brown, L.'] }).outcome).toBe('distinct');
    expect(compare(nejm, { ...online, title: 'Long-term renal outcomes of Shiga-toxin HUS treated with plasma exchange' }).outcome).toBe('distinct');
    // Anything that does tell them apart keeps them distinct: different DOIs or PMIDs, numbered parts.
    expect(compare({ ...nejm, doi: '10.1056/nejmc1100859' }, { ...online, doi: '10.1056/nejmc1106660' }).outcome).toBe('distinct');
    expect(compare({ ...nejm, pmid: '21612462' }, { ...online, pmid: '21612999' }).outcome).toBe('distinct');
    expect(compare({ ...nejm, title: `${nejm.title}: part 1` }, { ...online, title: `${online.title}: part 2` }).outcome).toBe('distinct');
  });

  it('journal abbreviation, MEDLINE page range and a year off by one (online first)', () => {
    const s = compare(ARTICLE, { ...ARTICLE, doi: null, journal: 'Local Gov Stud', pages: '412-31', year: 2020 });
    expect(s.evidence).toEqual(expect.arrayContaining(['+1.5 same journal', '+3 same first page', '+1 same last page', '-1.5 years one apart']));
    expect(s.outcome).toBe('duplicate');
  });

  it('a translated title with the same citation', () => {
    expect(compare(
      { title: 'Antibiotic prophylaxis in pulmonary surgery: a double-blind study', authors: ['Train, M.', 'Soulard, D.'], year: 1994,
        journal: 'Ann Fr Anesth Reanim', volume: '13', pages: '280-284' },
      { title: '[Comparison of amoxicillin and cefamandole in the prevention of infections in pulmonary surgery]',
        authors: ['Train, M.', 'Soulard, D.'], year: 1994, journal: 'Annales Francaises d Anesthesie et de Reanimation', volume: '13', pages: '280-284' },
    ).outcome).toBe('duplicate');
  });
});

describe('different papers that look alike', () => {
  it('"Editorial", "Introduction", "Reply": the same generic title is no evidence', () => {
    for (const title of ['Editorial', 'Introduction', 'Reply', 'Book review']) {
      const s = compare({ title, journal: 'BMJ', year: 2020, volume: '368', pages: 'm101' },
        { title, journal: 'BMJ', year: 2020, volume: '368', pages: 'm245' });
      expect(s.outcome, title).toBe('distinct');
    }
    // Same journal and year, no pages: not merged without a person.
    expect(compare({ title: 'Editorial', journal: 'BMJ', year: 2020, authors: ['Godlee, F'] },
      { title: 'Editorial', journal: 'BMJ', year: 2020, authors: ['Godlee, F'] }).outcome).not.toBe('duplicate');
    // The same editorial from two databases (same place in the journal) is a duplicate.
    expect(compare({ title: 'Editorial', journal: 'BMJ', year: 2020, volume: '368', pages: 'm101', authors: ['Godlee, F'] },
      { title: 'EDITORIAL.', journal: 'BMJ', year: 2020, volume: '368', pages: 'm101', authors: ['F Godlee'] }).outcome).toBe('duplicate');
  });

  it('a reply to a letter, by other authors, is not merged with the letter', () => {
    const s = compare(
      { title: 'Statins in the very old', authors: ['Jones, A'], journal: 'Lancet', year: 2018, volume: '391', pages: '1010' },
      { title: 'Statins in the very old - Authors\' reply', authors: ['Patel, R', 'Khan, O'], journal: 'Lancet', year: 2018, volume: '391', pages: '1011' },
    );
    expect(s.outcome).not.toBe('duplicate');
    expect(compare(
      { title: 'Statins in the very old', authors: ['Jones, A'], journal: 'Lancet', year: 2018, volume: '391', pages: '1010' },
      { title: 'Statins in the very old - Authors\' reply', authors: ['Patel, R', 'Khan, O'], journal: 'Lancet', year: 2018, volume: '391', pages: '1011' },
      { notices: 'distinct' },
    ).outcome).toBe('distinct');
  });

  it('numbered parts of a series and phases of a trial', () => {
    const part1 = { title: 'Social prescribing in Wales. Part 1: design', authors: ['Rees, G'], year: 2020, journal: 'BMJ Open' };
    expect(compare(part1, { ...part1, title: 'Social prescribing in Wales. Part 2: design' }).outcome).toBe('distinct');
    expect(compare({ title: 'A phase II trial of drug X in lung cancer', year: 2012, authors: ['Lee, K'] },
      { title: 'A phase III trial of drug X in lung cancer', year: 2012, authors: ['Lee, K'] }).outcome).toBe('distinct');
  });

  it('titles differing in a content word (adult/adolescent, resistant/sensitive) are never merged without a person', () => {
    const s = compare(
      { title: 'Open label trial of eculizumab in adult patients with plasma therapy-resistant aHUS', authors: ['Alexion Pharmaceuticals'], year: 2011 },
      { title: 'Open label trial of eculizumab in adolescent patients with plasma therapy-resistant aHUS', authors: ['Alexion Pharmaceuticals'], year: 2011 },
    );
    expect(s.outcome).not.toBe('duplicate');
    expect(s.evidence.join()).toMatch(/words differ: adult, adolescent/);
  });

  it('the same DOI on two different papers (a data error) does not merge them', () => {
    const s = compare(
      { title: 'Understanding information privacy assimilation in IT organisations', authors: ['Attili, V'], year: 2018, doi: '10.17705/1cais.04204' },
      { title: 'MISunderstood: a longitudinal analysis of major misperceptions', authors: ['Annabi, H'], year: 2019, doi: '10.17705/1cais.04204' },
    );
    expect(s.outcome).toBe('distinct');
  });

  it('different DOIs with the same title (annual minitrack introductions)', () => {
    const intro = { title: 'Introduction to the minitrack on crowdsourcing and the gig economy', authors: ['Deng, X', 'Taylor, J'], journal: 'Proc HICSS' };
    expect(compare({ ...intro, year: 2021, doi: '10.24251/hicss.2021.510' }, { ...intro, year: 2022, doi: '10.24251/hicss.2022.544' }).outcome)
      .toBe('distinct');
  });

  it('same title and authors years apart (a protocol and its review, a re-used title)', () => {
    expect(compare({ title: 'Exercise for depression in older adults', authors: ['Rees, G'], year: 2010 },
      { title: 'Exercise for depression in older adults', authors: ['Rees, G'], year: 2014 }).outcome).toBe('distinct');
  });
});

describe('policies: errata, conference abstracts, preprints, versions', () => {
  const erratum = { ...ARTICLE, doi: '10.99999/lgs.2019.45.5.900', title: `Erratum: ${ARTICLE.title}`, authors: ['Hughes, S'], volume: '45', pages: '900' };

  it('errata and corrections join the article they correct by default (notices: duplicate); never the other way', () => {
    const article = { ...ARTICLE, doi: null };
    const s = compare(article, { ...erratum, doi: null });
    expect(s).toMatchObject({ outcome: 'duplicate', rule: 'trap:erratum' });
    expect(compare(article, { ...erratum, doi: null }, { notices: 'distinct' }).outcome).toBe('distinct');
    expect(compare(article, { ...erratum, doi: null }, { notices: 'uncertain' }).outcome).toBe('uncertain');
    // Two databases' records of the same erratum are duplicates under every policy.
    expect(compare(erratum, { ...erratum, title: `Correction to: ${ARTICLE.title}` }, { notices: 'distinct' }).outcome).toBe('duplicate');
  });

  it('a record with an erratum\'s DOI is that erratum, even under the article\'s own title (PubMed-as-RIS)', () => {
    // The article from two databases, the erratum as Scopus titles it and as PubMed-as-RIS does (no marker, the article's title).
    const records = [
      rec({ ...ARTICLE }), rec({ ...ARTICLE, journal: 'Local Gov Stud' }),
      rec({ ...erratum, authors: [] }), rec({ ...erratum, title: ARTICLE.title, authors: [] }),
    ];
    const joined = runEngine({ records, options: DEFAULT_OPTIONS });
    expect(joined.groups).toEqual([[0, 1, 2, 3]]);
    expect(joined.uncertain).toEqual([]);
    // Kept apart under notices: distinct, the two erratum records still one group, with nothing left for a person.
    const apart = runEngine({ records, options: { ...DEFAULT_OPTIONS, notices: 'distinct' } });
    expect(apart.groups).toEqual([[0, 1], [2, 3]]);
    expect(apart.uncertain).toEqual([]);
  });

  it('an erratum that wrongly carries its article\'s DOI does not make the article an erratum', () => {
    const records = [rec({ ...ARTICLE }), rec({ ...erratum, doi: ARTICLE.doi })];
    const result = runEngine({ records, options: { ...DEFAULT_OPTIONS, notices: 'distinct' } });
    expect(result.norm.map((r) => r.kind)).toEqual(['article', 'erratum']);
    expect(result.groups).toEqual([]);
  });

  it('a conference abstract and the journal article: distinct by default; configurable', () => {
    const abstract = { title: 'Cultural universality versus particularity in CMC', authors: ['Stahl, B C'], year: 2003, type: 'CONF',
      journal: 'Americas Conference on Information Systems' };
    const paper = { title: 'Cultural universality versus particularity in CMC', authors: ['Stahl, Bernd Carsten', 'Elbeltagi, I'], year: 2004,
      type: 'JOUR', journal: 'Journal of Global Information Technology Management', volume: '7', pages: '47-65' };
    expect(compare(abstract, paper)).toMatchObject({ outcome: 'distinct', rule: 'trap:conference' });
    expect(compare(abstract, paper, { conferenceAbstracts: 'uncertain' }).outcome).toBe('uncertain');
    expect(compare(abstract, { ...paper, year: 2003 }, { conferenceAbstracts: 'duplicate' }).outcome).toBe('duplicate');
    // "Proceedings" in a journal's name does not make it a conference (PNAS).
    expect(compare({ ...ARTICLE, journal: 'Proceedings of the National Academy of Sciences' },
      { ...ARTICLE, doi: null, journal: 'Proc Natl Acad Sci U S A' }).outcome).toBe('duplicate');
  });

  it('the same abstract indexed as a journal item by one database and a conference abstract by another is a duplicate', () => {
    const s = compare(
      { title: 'Maintenance of renal function under eculizumab after transplantation', authors: ['Davin, J C', 'Groothoff, J W'], year: 2011,
        journal: 'Pediatric Transplantation. Conference: 6th Congress of the IPTA', volume: '15', pages: '22' },
      { title: 'Maintenance of Renal Function Under Eculizumab After Transplantation', authors: ['Davin, J. C.', 'Groothoff, J. W.'], year: 2011,
        journal: 'Pediatric Transplantation', volume: '15', pages: '52' },
    );
    expect(s.outcome).toBe('duplicate');
  });

  it('a preprint and its published version: distinct by default; configurable', () => {
    const preprint = { ...ARTICLE, doi: '10.1101/2019.01.01.123456', journal: 'medRxiv', volume: null, pages: null, year: 2019 };
    expect(compare(preprint, ARTICLE)).toMatchObject({ outcome: 'distinct', rule: 'trap:preprint' });
    expect(compare(preprint, ARTICLE, { preprints: 'uncertain' }).outcome).toBe('uncertain');
    expect(compare(preprint, ARTICLE, { preprints: 'duplicate' }).outcome).toBe('duplicate');
  });

  it('versions of a Cochrane review (.pub2 / .pub3): duplicates by default; configurable', () => {
    const v2 = { title: 'Air versus oxygen for resuscitation of infants at birth', authors: ['Tan, A', 'Schulze, A'], year: 2004,
      journal: 'Cochrane Database Syst Rev', pages: 'CD002273', doi: '10.1002/14651858.CD002273.pub2' };
    const v3 = { ...v2, year: 2005, doi: '10.1002/14651858.CD002273.pub3' };
    expect(compare(v2, v3)).toMatchObject({ outcome: 'duplicate', rule: 'trap:version' });
    expect(compare(v2, v3, { versions: 'distinct' }).outcome).toBe('distinct');
    // Without DOIs, the review number says it: years apart are no evidence against versions.
    expect(compare({ ...v2, doi: null, year: 2008 }, { ...v3, doi: null, year: 2012 }).outcome).toBe('duplicate');
  });
});

describe('scores and groups', () => {
  it('maps evidence points to a 0–1 score: 8 points is 0.5, 12 is the 0.95 certainty threshold', () => {
    expect(pointsToScore(8)).toBeCloseTo(0.5, 5);
    expect(pointsToScore(12)).toBeCloseTo(0.95, 5);
    expect(DEFAULT_OPTIONS.certain).toBe(0.95);
  });

  it('does not chain distinct records together through a middle record', () => {
    // A (conference abstract, 2003) and C (journal paper, 2004) are distinct; B matches both loosely.
    const a = rec({ title: 'Trust in virtual teams: an empirical study', authors: ['Powell, A'], year: 2003, type: 'CONF', journal: 'AMCIS 2003 Proceedings' });
    const b = rec({ title: 'Trust in virtual teams: an empirical study', authors: ['Powell, A'], year: 2003 });
    const c = rec({ title: 'Trust in virtual teams: an empirical study', authors: ['Powell, A'], year: 2004, type: 'JOUR', journal: 'Journal of Virtual Teams' });
    const result = runEngine({ records: [a, b, c], options: DEFAULT_OPTIONS });
    expect(result.groups.every((g) => !(g.includes(0) && g.includes(2)))).toBe(true);
  });

  it('respects a person\'s decisions over the score', () => {
    const a = rec({ ...ARTICLE });
    const b = rec({ ...ARTICLE, doi: null });
    expect(runEngine({ records: [a, b], options: DEFAULT_OPTIONS }).groups).toEqual([[0, 1]]);
    expect(runEngine({ records: [a, b], options: DEFAULT_OPTIONS, different: [[0, 1]] }).groups).toEqual([]);
    const c = rec({ title: 'Something else entirely', year: 1990 });
    expect(runEngine({ records: [a, c], options: DEFAULT_OPTIONS, same: [[0, 1]] }).groups).toEqual([[0, 1]]);
  });
});
