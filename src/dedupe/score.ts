/**
 * Comparing two records: every field gives evidence for or against "same
 * record" in points (a hand-set log-odds weight, Fellegi–Sunter style: a field
 * that agrees adds, one that disagrees subtracts, a missing one says nothing),
 * and the sum is mapped to a 0–1 score. The known traps are rules applied on
 * top of the score, each named in the pair's `rule`.
 *
 * Points (see WEIGHTS): an exact title is +10, agreeing authors +4, the same
 * year +1, the same volume +2, the same first page +3, the same DOI or PMID
 * +12; a different DOI −10, a year two or more apart −7, a different page −4.
 * So an exact title with agreeing authors and year (15) is certain; an exact
 * title alone (10–11) is uncertain; the same DOI with a compatible title is
 * certain; the same DOI on two different titles and authors is not.
 */
import type { DedupeOptions, TrapPolicy } from './options.js';
import type { NormRecord } from './normalise.js';
import { authorAgreement, journalAgreement, stringSimilarity, titleSimilarity, wordDice } from './similarity.js';

export type Outcome = 'duplicate' | 'uncertain' | 'distinct';

export interface PairScore {
  outcome: Outcome;
  /** 0–1. */
  score: number;
  /** Points of evidence (the score before the logistic). */
  points: number;
  /** What decided it: 'doi', 'pmid', 'fuzzy', or 'trap:<name>'. */
  rule: string;
  /** Each piece of evidence with its points, for the audit trail and `--review`. */
  evidence: string[];
}

export const WEIGHTS = {
  idSame: 12,
  idDifferent: -10,
  titleExact: 10,
  titleContained: 7,
  titleGenericSame: 1,
  authorsAgree: 4,
  authorsMostly: 2.5,
  authorsFirstOnly: 1,
  authorsReordered: 1,
  authorsFew: -2,
  authorsNone: -6,
  firstInitialConflict: -5,
  yearSame: 1,
  yearOff1: -1.5,
  yearOff2: -7,
  journalSame: 1.5,
  journalPrefix: 0.5,
  journalDifferent: -3,
  volumeSame: 2,
  volumeDifferent: -4,
  pageSame: 3,
  pageDifferent: -4,
  pageWithin: 1,
  citationSame: 3,
  titleTranslated: -1,
  endPageSame: 1,
  endPageDifferent: -1,
  numbersDifferent: -10,
  wordsSubstituted: -3,
} as const;

/** Title similarity → points, for fuzzy matches. */
function titlePoints(sim: number): number {
  if (sim >= 0.97) return 9;
  if (sim >= 0.93) return 7;
  if (sim >= 0.88) return 4;
  if (sim >= 0.8) return 1;
  if (sim >= 0.7) return -3;
  return -8;
}

/** Centre and spread of the logistic: 8 points ↦ 0.5, 12 points ↦ 0.95. */
const CENTRE = 8;
const SPREAD = 4 / Math.log(19);

export function pointsToScore(points: number): number {
  return 1 / (1 + Math.exp(-(points - CENTRE) / SPREAD));
}

const ROMAN = new Set(['ii', 'iii', 'iv', 'vi', 'vii', 'viii', 'ix']);
const NUMBER_CONTEXT = new Set(['part', 'phase', 'type', 'study', 'trial', 'series', 'volume', 'stage', 'grade', 'class']);

/** Numbers in a title (`Phase II`, `Part 1`, `2010`): two titles differing only in them are different papers. */
function titleNumbers(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (/^\d+$/.test(w) || ROMAN.has(w) || (w === 'i' && i > 0 && NUMBER_CONTEXT.has(words[i - 1]))) out.push(w);
  }
  return out;
}

function numbersConflict(a: NormRecord, b: NormRecord, contained: boolean): boolean {
  const na = titleNumbers(a.words);
  const nb = titleNumbers(b.words);
  if (na.length === 0 && nb.length === 0) return false;
  const [s, l] = na.length <= nb.length ? [na, nb] : [nb, na];
  const pool = [...l];
  for (const n of s) {
    const i = pool.indexOf(n);
    if (i < 0) return true;
    pool.splice(i, 1);
  }
  // A truncated title may have lost numbers at its end; a full one may not.
  return !contained && pool.length > 0;
}

type PageAgreement = 'same' | 'within' | 'typo' | 'online-first' | 'different' | 'unknown';

const pageNumber = (p: string) => Number(/(\d+)/.exec(p)?.[1] ?? NaN);

/**
 * First pages agree (`c37` = `37`: a letter prefix some databases drop); one
 * item lies within the other's range (a bundle of letters and the reply
 * printed in it); or only the first page differs while the last agrees (a
 * typo).
 */
function pageAgreement(a: NormRecord, b: NormRecord): PageAgreement {
  if (a.pageStart === null || b.pageStart === null) return 'unknown';
  if (a.pageStart === b.pageStart) return 'same';
  const sa = pageNumber(a.pageStart);
  const sb = pageNumber(b.pageStart);
  if (sa === sb) return 'same';
  const within = (x: NormRecord, sx: number, y: NormRecord, sy: number) =>
    y.pageEnd !== null && sx > sy && sx <= pageNumber(y.pageEnd) && (x.pageEnd === null || pageNumber(x.pageEnd) <= pageNumber(y.pageEnd));
  if (within(a, sa, b, sb) || within(b, sb, a, sa)) return 'within';
  if (a.pageEnd !== null && a.pageEnd === b.pageEnd && Math.abs(sa - sb) <= 10) return 'typo';
  // Online-first articles are paginated from 1 until they are given an issue.
  if ((sa === 1 || sb === 1) && !(a.year !== null && b.year !== null && Math.abs(a.year - b.year) > 1)) return 'online-first';
  return 'different';
}

const STOP = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'and', 'or', 'for', 'to', 'with', 'by', 'at', 'from', 'as', 'is', 'are',
  'its', 'their', 'vs', 'versus', 'via', 'into', 'after', 'before', 'during', 'between', 'among', 'within', 'without']);

/** Words of `x` with no counterpart in `y` (not the same, not a spelling variant, not an abbreviation). */
function unmatchedWords(x: string[], y: string[]): string[] {
  const ys = new Set(y);
  return x.filter((w) => !STOP.has(w) && !ys.has(w) && !y.some((v) => close(w, v)));
}
function close(w: string, v: string): boolean {
  if (w.length >= 4 && v.length >= 4 && (w.startsWith(v) || v.startsWith(w))) return true;
  return Math.min(w.length, v.length) >= 4 && stringSimilarity(w, v) >= 0.85;
}

/**
 * Fuzzy titles where each side has a content word the other lacks ("Adult" vs
 * "Adolescent", "resistant" vs "sensitive") describe different work, however
 * similar the rest: string similarity alone would call them near-identical.
 */
function substitutedWords(a: NormRecord, b: NormRecord): string[] | null {
  const ua = unmatchedWords(a.words, b.words);
  if (ua.length === 0) return null;
  const ub = unmatchedWords(b.words, a.words);
  return ub.length === 0 ? null : [...ua, ...ub];
}

/** Apply a trap policy: the pair becomes what the policy says. */
function policyOutcome(policy: TrapPolicy, base: Outcome): Outcome {
  if (policy === 'distinct') return 'distinct';
  if (policy === 'uncertain') return base === 'distinct' ? 'distinct' : 'uncertain';
  return base;
}

/** Compare two records. */
export function comparePair(a: NormRecord, b: NormRecord, options: DedupeOptions): PairScore {
  const evidence: string[] = [];
  let points = 0;
  const add = (p: number, why: string) => {
    points += p;
    evidence.push(`${p > 0 ? '+' : ''}${p} ${why}`);
  };

  // Identifiers. Versions of one work (`.pub2`/`.pub3`, one Cochrane review
  // number) are judged on the other fields, then by the `versions` policy.
  const doiSame = a.doi !== null && a.doi === b.doi;
  const pmidSame = a.pmid !== null && a.pmid === b.pmid;
  const versions = !doiSame && ((a.doiBase !== null && a.doiBase === b.doiBase)
    || (a.cochrane !== null && b.cochrane !== null && (a.cochrane === b.cochrane || a.cochrane === 'cochrane' || b.cochrane === 'cochrane')));
  // An erratum or reply is printed later and elsewhere than its article, with its
  // own DOI: when notices count as duplicates, a different DOI, volume, page or
  // next year is no evidence against.
  const notice = a.kind !== b.kind && options.notices !== 'distinct';
  // A preprint or conference paper and the journal article have different DOIs by nature: no evidence either way.
  const venuesDiffer = a.venue !== b.venue && a.venue !== 'unknown' && b.venue !== 'unknown';
  const doiDiffer = a.doi !== null && b.doi !== null && !doiSame && !versions && !venuesDiffer && !notice;
  const pmidDiffer = a.pmid !== null && b.pmid !== null && !pmidSame;
  let rule = 'fuzzy';
  if (doiSame || pmidSame) {
    add(WEIGHTS.idSame, doiSame ? 'same DOI' : 'same PMID');
    rule = doiSame ? 'doi' : 'pmid';
  } else if (doiDiffer || pmidDiffer) {
    add(WEIGHTS.idDifferent, doiDiffer ? 'different DOIs' : 'different PMIDs');
  }

  // Title. A title a database translated may differ from the original-language
  // one it is compared with: its disagreement is weak evidence.
  const t = titleSimilarity(a, b);
  /** The titles name different parts, phases or populations. */
  let titlesConflict = false;
  const generic = a.genericTitle || b.genericTitle;
  const translated = a.translatedTitle !== b.translatedTitle;
  if (t.how !== 'none') {
    if (generic) {
      if (t.how === 'exact') add(WEIGHTS.titleGenericSame, 'same generic title');
      else evidence.push('0 generic title');
    } else if (t.how === 'exact') add(WEIGHTS.titleExact, 'same title');
    else if (t.how === 'prefix' || t.how === 'suffix') {
      add(WEIGHTS.titleContained, `title ${t.how === 'prefix' ? 'truncated or subtitle dropped' : 'with a leading part dropped'}`);
    } else {
      const p = titlePoints(t.sim);
      if (p < 0 && translated) add(Math.max(p, WEIGHTS.titleTranslated), `title similarity ${t.sim.toFixed(2)} (one is a translation)`);
      else add(p, `title similarity ${t.sim.toFixed(2)}`);
    }
    if (!generic && t.how !== 'exact' && numbersConflict(a, b, t.how === 'prefix' || t.how === 'suffix')) {
      add(WEIGHTS.numbersDifferent, 'numbers in the titles differ');
      titlesConflict = true;
    } else if (!generic && !translated && t.how === 'fuzzy' && t.sim >= 0.8) {
      const swapped = substitutedWords(a, b);
      if (swapped) add(WEIGHTS.wordsSubstituted, `words differ: ${swapped.slice(0, 4).join(', ')}`);
      titlesConflict = swapped !== null;
    }
  }

  // Authors.
  const au = authorAgreement(a, b);
  if (au.overlap !== null) {
    if (au.first && au.overlap >= 0.8) add(WEIGHTS.authorsAgree, 'authors agree');
    else if (au.first && au.overlap >= 0.5) add(WEIGHTS.authorsMostly, 'first author and most authors agree');
    else if (au.first) add(WEIGHTS.authorsFirstOnly, 'first author agrees');
    else if (au.overlap >= 0.6) add(WEIGHTS.authorsReordered, 'authors agree in another order');
    else if (au.overlap > 0) add(WEIGHTS.authorsFew, 'few authors in common');
    else add(WEIGHTS.authorsNone, 'no author in common');
    if (au.firstInitialConflict) add(WEIGHTS.firstInitialConflict, 'first authors have different initials');
  }

  // Year (±1 is common: online first vs issue, in press). Versions of a work differ by more.
  const dy = a.year !== null && b.year !== null ? Math.abs(a.year - b.year) : null;
  if (dy === 0) add(WEIGHTS.yearSame, 'same year');
  else if (dy === 1 && notice) evidence.push('0 years one apart (notice)');
  else if (dy === 1) add(WEIGHTS.yearOff1, 'years one apart');
  else if (dy !== null && versions) evidence.push(`0 years ${dy} apart (versions)`);
  else if (dy !== null) add(WEIGHTS.yearOff2, `years ${dy} apart`);

  // Journal, volume, pages.
  const j = journalAgreement(a, b);
  if (j === 1) add(WEIGHTS.journalSame, 'same journal');
  else if (j === 0.5) add(WEIGHTS.journalPrefix, 'journal names compatible');
  else if (j === -1) add(WEIGHTS.journalDifferent, 'journal names differ');
  const sameVolume = a.volume !== null && a.volume === b.volume;
  // In different journals, volumes and pages differ as a matter of course: half a penalty.
  const otherJournal = j === -1;
  if (a.volume !== null && b.volume !== null) {
    if (sameVolume) add(WEIGHTS.volumeSame, 'same volume');
    else if (notice) evidence.push('0 different volumes (notice)');
    else if (otherJournal) add(WEIGHTS.volumeDifferent / 2, 'different volumes (other journal)');
    else add(WEIGHTS.volumeDifferent, 'different volumes');
  }
  const pages = pageAgreement(a, b);
  if (pages === 'same') {
    add(WEIGHTS.pageSame, 'same first page');
    if (a.pageEnd !== null && b.pageEnd !== null) {
      if (a.pageEnd === b.pageEnd) add(WEIGHTS.endPageSame, 'same last page');
      else add(WEIGHTS.endPageDifferent, 'different last pages');
    }
  } else if (pages === 'within') add(WEIGHTS.pageWithin, 'pages within the other\'s range');
  else if (pages === 'typo') evidence.push('0 first pages differ, last pages agree');
  else if (pages === 'online-first') evidence.push('0 different pages (one paginated from 1: online first)');
  else if (pages === 'different' && notice) evidence.push('0 different pages (notice)');
  else if (pages === 'different' && otherJournal) add(WEIGHTS.pageDifferent / 2, 'different pages (other journal)');
  else if (pages === 'different') add(WEIGHTS.pageDifferent, 'different pages');
  // The whole citation agrees: journal, year, volume, first and last page.
  if (j === 1 && dy === 0 && sameVolume && pages === 'same' && a.pageEnd !== null && a.pageEnd === b.pageEnd) {
    add(WEIGHTS.citationSame, 'same citation');
  }

  const score = pointsToScore(points);
  let outcome: Outcome = score >= options.certain ? 'duplicate' : score >= options.uncertain ? 'uncertain' : 'distinct';
  const result = (o: Outcome, r: string): PairScore => ({ outcome: o, score, points, rule: r, evidence });

  // Traps: rules on top of the score. The same place in the same volume is
  // the same item, whatever one database calls it.
  const samePlace = sameVolume && (pages === 'same' || pages === 'within');
  const sameItem = doiSame || pmidSame || samePlace;
  if (a.kind !== b.kind && !samePlace) {
    const kind = a.kind === 'article' ? b.kind : a.kind;
    return result(policyOutcome(options.notices, outcome), `trap:${kind}`);
  }
  if (!sameItem && a.venue !== b.venue && a.venue !== 'unknown' && b.venue !== 'unknown') {
    const venues = new Set([a.venue, b.venue]);
    if (venues.has('preprint')) return result(policyOutcome(options.preprints, outcome), 'trap:preprint');
    // The same abstract indexed as a journal item by one database and as a
    // conference abstract by another: same year, title and authors, and no
    // volume, page or journal disagreement.
    const sameAbstract = dy === 0 && (t.how === 'exact' || t.sim >= 0.97) && au.first === true && j !== -1
      && !(a.volume !== null && b.volume !== null && !sameVolume) && (pages !== 'different' || sameVolume);
    if (venues.has('conference') && !sameAbstract) return result(policyOutcome(options.conferenceAbstracts, outcome), 'trap:conference');
  }
  if (versions) return result(policyOutcome(options.versions, outcome), 'trap:version');
  if (outcome === 'distinct' && !generic && !titlesConflict && !doiDiffer && !pmidDiffer
    && retitled(a, b, t.how === 'fuzzy' ? t.sim : null, au, dy, j, pages)) {
    return result('uncertain', 'trap:retitled');
  }
  if (generic && !sameItem && outcome === 'duplicate') {
    // "Editorial" in the same journal and year is not enough: it needs the same place or identifier.
    outcome = 'uncertain';
    rule = 'trap:generic-title';
  }
  return result(outcome, rule);
}

/**
 * A title rewritten between online-first and print (NEJM's "Complement
 * blockade in severe Shiga-toxin-associated HUS" became "Eculizumab in severe
 * Shiga-toxin-associated HUS"): the same three or more authors in the same
 * journal and year, a title still much alike, and no volume, page, DOI or
 * PMID that disagrees (nor numbers or swapped words in the titles: part 1 and
 * part 2, adults and children). The title's disagreement outweighs the rest, so the pair scores
 * distinct, yet a companion paper by the same team would show its own pages:
 * with none to tell them apart, a person decides. (On the labelled sets this
 * puts one pair before a person, a true duplicate; below similarity 0.7 the
 * pairs it would add were all different papers.)
 */
function retitled(a: NormRecord, b: NormRecord, sim: number | null, au: ReturnType<typeof authorAgreement>, dy: number | null,
  journal: number, pages: PageAgreement): boolean {
  return sim !== null && sim >= 0.7 && dy === 0 && journal === 1 && au.first === true && (au.overlap ?? 0) >= 0.8
    && Math.min(a.surnames.length, b.surnames.length) >= 3
    && !(a.volume !== null && b.volume !== null && a.volume !== b.volume) && (pages === 'unknown' || pages === 'same');
}

/**
 * Cheap pre-check for sorted-neighbourhood candidates: pairs whose titles
 * share few words and that share no identifier or locator are not worth the
 * string measures.
 */
export function worthComparing(a: NormRecord, b: NormRecord): boolean {
  if ((a.doi !== null && a.doi === b.doi) || (a.pmid !== null && a.pmid === b.pmid)) return true;
  if (a.volume !== null && a.volume === b.volume && a.pageStart !== null && a.pageStart === b.pageStart) return true;
  if (a.compact === '' || b.compact === '') return false;
  if (a.compact === b.compact) return true;
  // Contained titles share all the shorter's words; fuzzy matches share most.
  if (wordDice(a.wordIds, b.wordIds) >= 0.4) return true;
  const [s, l] = a.compact.length <= b.compact.length ? [a, b] : [b, a];
  return l.compact.startsWith(s.compact) || l.compact.endsWith(s.compact);
}
