/**
 * Generated libraries for the de-duplication benchmark: N records of which
 * ~30% are duplicates of another record, with the variation real exports
 * show between databases — title case and punctuation, database notes
 * (`[Review]`), truncated titles and dropped subtitles, typos, diacritics,
 * author name formats and truncated author lists, journal abbreviations,
 * missing DOIs and pages, MEDLINE-abbreviated page ranges, a year off by one —
 * plus the traps (errata, which belong with their article, generic titles,
 * numbered parts of a series).
 * Titles draw on a Zipf-distributed vocabulary of generated words, so common
 * words are common and rare ones rare, as in real titles. Deterministic.
 */
import { rng } from './generate.js';
import type { DedupeInput } from '../src/dedupe/normalise.js';

const SYLLABLES = ('ka lo mi ne ra tu sel vor an ti bra co dex en fi gal hem in jo ku lam mor nep ost par quo ril ' +
  'sta tor ul ven wen xy zor ath ber cal dor eph fen gor hal ith jun kel lys mar nor oph pel quin ros syl tam').split(' ');
const COMMON = ('the of and in a for with on to from by among effect effects study trial review analysis patients ' +
  'children women adults health care risk outcomes treatment therapy randomized controlled cohort systematic meta ' +
  'community intervention evaluation clinical disease factors association prevalence use versus after during').split(' ');
const DATABASES = ['MEDLINE', 'Embase', 'Scopus', 'Web of Science', 'CINAHL', 'APA PsycInfo'];

function makeWord(r: () => number): string {
  const n = 2 + Math.floor(r() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  return w;
}

/** Zipf sampler over `size` ranks (s ≈ 1), by inverse CDF on a precomputed table. */
function zipf(size: number, r: () => number): () => number {
  const cdf = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) cdf[i] = sum += 1 / (i + 1);
  return () => {
    const x = r() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

interface Work {
  title: string;
  subtitle?: string;
  authors: Array<[string, string]>;
  year: number;
  journal: [string, string];
  volume: number;
  issue: number;
  start: number;
  end: number;
  doi: string;
  pmid?: string;
  abstract: string;
}

export interface Library {
  records: DedupeInput[];
  /** Abstract text per record (null when the variant has none). */
  abstracts: Array<string | null>;
  /** The work each record reports: records with the same number are true duplicates. */
  work: Int32Array;
}

export function generateLibrary(n: number, seed = 7, duplicateRate = 0.3): Library {
  const r = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
  const vocab = Array.from({ length: 20_000 }, () => makeWord(r));
  const wordRank = zipf(vocab.length, r);
  const surnames = Array.from({ length: 8_000 }, () => {
    const w = makeWord(r);
    return w[0].toUpperCase() + w.slice(1);
  });
  const surnameRank = zipf(surnames.length, r);
  const given = Array.from({ length: 300 }, () => {
    const w = makeWord(r);
    return w[0].toUpperCase() + w.slice(1, 6);
  });
  const journals: Array<[string, string]> = Array.from({ length: 2_000 }, () => {
    const words = Array.from({ length: 2 + Math.floor(r() * 3) }, () => makeWord(r));
    const full = `Journal of ${words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ')}`;
    const abbr = `J ${words.map((w) => w[0].toUpperCase() + w.slice(1, 4)).join(' ')}`;
    return [full, abbr];
  });
  const sentence = (k: number) => Array.from({ length: k }, () => (r() < 0.35 ? pick(COMMON) : vocab[wordRank()])).join(' ');

  const works: Work[] = [];
  const newWork = (id: number): Work => {
    const t = sentence(6 + Math.floor(r() * 12));
    const start = 1 + Math.floor(r() * 2000);
    return {
      title: t[0].toUpperCase() + t.slice(1),
      subtitle: r() < 0.25 ? sentence(3 + Math.floor(r() * 5)) : undefined,
      authors: Array.from({ length: 1 + Math.floor(r() * 10) }, () => [surnames[surnameRank()], pick(given)]),
      year: 1990 + Math.floor(r() * 34),
      journal: journals[Math.floor(r() * journals.length)],
      volume: 1 + Math.floor(r() * 120),
      issue: 1 + Math.floor(r() * 12),
      start,
      end: start + 3 + Math.floor(r() * 20),
      doi: `10.${1000 + Math.floor(r() * 8000)}/gen.${seed}.${id}`,
      pmid: r() < 0.6 ? String(10_000_000 + id) : undefined,
      abstract: sentence(120),
    };
  };

  const out: DedupeInput[] = [];
  const abstracts: Array<string | null> = [];
  const work = new Int32Array(n);
  const workIndex = new Map<Work, number>();
  let nextWork = 0;
  const emit = (w: Work, variant: boolean, traps: { erratum?: boolean } = {}) => {
    const id = out.length + 1;
    // An erratum belongs with the article it corrects (the default `notices: duplicate` policy).
    if (!workIndex.has(w)) workIndex.set(w, nextWork++);
    work[out.length] = workIndex.get(w)!;
    const hasAbstract = !(variant && r() < 0.3);
    abstracts.push(hasAbstract ? w.abstract : null);
    let title = w.subtitle && !(variant && r() < 0.3) ? `${w.title}: ${w.subtitle}` : w.title;
    if (variant) title = vary(title, r);
    if (traps.erratum) title = `Erratum: ${title}`;
    const style = Math.floor(r() * 3);
    let authors = w.authors.map(([s, g]) => (style === 0 ? `${s}, ${g}` : style === 1 ? `${s} ${g[0]}` : `${g[0]}. ${s}`));
    if (variant && authors.length > 3 && r() < 0.2) authors = authors.slice(0, 3);
    const noPages = variant && r() < 0.1;
    const pages = noPages ? null : variant && r() < 0.3 ? `${w.start}-${String(w.end).slice(-2)}` : `${w.start}-${w.end}`;
    out.push({
      id,
      sourceKey: `G${id}`,
      database: pick(DATABASES),
      type: 'JOUR',
      title,
      abstractLength: hasAbstract ? w.abstract.length : 0,
      authors,
      year: variant && r() < 0.05 ? w.year + 1 : w.year,
      journal: variant && r() < 0.5 ? w.journal[1] : w.journal[0],
      volume: traps.erratum ? String(w.volume + 1) : String(w.volume),
      issue: String(w.issue),
      pages: traps.erratum ? String(w.end + 100) : pages,
      doi: traps.erratum ? `${w.doi}.err` : variant && r() < 0.4 ? null : w.doi,
      pmid: variant && r() < 0.5 ? null : w.pmid ?? null,
      previous: false,
    });
  };

  while (out.length < n) {
    const roll = r();
    if (works.length > 0 && roll < duplicateRate) {
      // A duplicate of a recent or any earlier work, as another database exports it.
      const w = r() < 0.5 ? works[works.length - 1 - Math.floor(r() * Math.min(works.length, 50))] : pick(works);
      emit(w, true);
      continue;
    }
    const w = newWork(out.length + 1);
    works.push(w);
    const trap = r();
    if (trap < 0.005) {
      w.title = pick(['Editorial', 'Introduction', 'Reply', 'Book review', 'Commentary']);
      w.subtitle = undefined;
    } else if (trap < 0.01 && works.length > 1) {
      // Part 2 of a series: the same title as another work but its number.
      const prev = works[works.length - 2];
      w.title = `${prev.title}. Part ${2 + Math.floor(r() * 3)}`;
      w.authors = prev.authors;
    }
    emit(w, false);
    if (r() < 0.01 && out.length < n) emit(w, false, { erratum: true });
  }
  return { records: out, abstracts, work };
}

const DIACRITIC: Record<string, string> = { e: 'é', a: 'á', o: 'ö', u: 'ü', i: 'í', n: 'ñ' };

/** One database's rendering of a title: case, punctuation, notes, truncation, typos, diacritics. */
function vary(title: string, r: () => number): string {
  let t = title;
  const roll = r();
  if (roll < 0.15) t = t.toUpperCase();
  else if (roll < 0.3) t = t.replace(/\b\w/g, (c) => c.toUpperCase());
  if (r() < 0.3) t += '.';
  if (r() < 0.05) t += ' [Review]';
  if (r() < 0.05 && t.length > 60) t = t.slice(0, 50 + Math.floor(r() * 10));
  if (r() < 0.15) {
    // A typo: one letter replaced.
    const i = 1 + Math.floor(r() * (t.length - 2));
    t = t.slice(0, i) + String.fromCharCode(97 + Math.floor(r() * 26)) + t.slice(i + 1);
  }
  if (r() < 0.05) t = t.replace(/[eaouin]/, (c) => DIACRITIC[c] ?? c);
  if (r() < 0.1) t = t.replace(/ /, ' - ').replace(/-/g, '–');
  return t;
}
