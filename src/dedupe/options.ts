/**
 * What de-duplication treats as the same record. Defaults are chosen for
 * systematic reviews, where a wrong merge silently drops a study and a missed
 * one only costs a second look at screening:
 *
 * - Exact keys (same DOI, same PMID) and near-identical bibliographic records
 *   are duplicates.
 * - Errata, corrigenda, retraction notices, replies and comments vs the
 *   article they concern (`notices`): by default ('duplicate') the score
 *   decides, with a different DOI, page or year no evidence against, so an
 *   erratum joins its article's group (the article stays primary, the notice
 *   is listed in the group) and a reply by other authors scores too low to
 *   join. 'distinct' keeps every notice apart; 'uncertain' leaves it to a person.
 * - A conference abstract or paper and the journal article it became are
 *   distinct records by default (`conferenceAbstracts`).
 * - A preprint and its published version are distinct records by default
 *   (`preprints`).
 * - Versions of one work whose DOIs differ only by a version suffix (Cochrane
 *   reviews' `.pub2`, `.pub3`) are duplicates by default (`versions`): a review
 *   is screened once, at its latest version.
 *
 * Each of these can be set to 'duplicate', 'uncertain' (left for a person) or
 * 'distinct' (`review dedupe --preprints uncertain`).
 */
export type TrapPolicy = 'duplicate' | 'uncertain' | 'distinct';
export const TRAP_POLICIES: TrapPolicy[] = ['duplicate', 'uncertain', 'distinct'];

export interface DedupeOptions {
  /** Pairs scoring at least this (0–1) are certain duplicates and merged. */
  certain: number;
  /** Pairs scoring at least this and below `certain` are uncertain: left for a person to decide. */
  uncertain: number;
  /** An erratum, correction, retraction notice, reply or comment vs the article it concerns. */
  notices: TrapPolicy;
  /** Preprint vs its published version. */
  preprints: TrapPolicy;
  /** Conference abstract or paper vs the journal article. */
  conferenceAbstracts: TrapPolicy;
  /** DOIs differing only by a version suffix (`.pub2` vs `.pub3`). */
  versions: TrapPolicy;
  /** Compare every record with every other candidate, not only records new since the last run. */
  full: boolean;
}

/**
 * Thresholds on the 0–1 score (a logistic of the summed field evidence, see
 * score.ts). 0.95 ≈ 12 points of evidence: an exact title with agreeing
 * authors and year, or a shared DOI with a compatible title. Below 0.5 (< 8
 * points) the evidence is against a match.
 */
export const DEFAULT_OPTIONS: DedupeOptions = {
  certain: 0.95,
  uncertain: 0.5,
  notices: 'duplicate',
  preprints: 'distinct',
  conferenceAbstracts: 'distinct',
  versions: 'duplicate',
  full: false,
};

export function resolveOptions(options: Partial<DedupeOptions> = {}): DedupeOptions {
  const o: DedupeOptions = { ...DEFAULT_OPTIONS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  if (!(o.certain > 0 && o.certain <= 1) || !(o.uncertain >= 0 && o.uncertain <= o.certain)) {
    throw new Error(`thresholds must satisfy 0 ≤ uncertain ≤ certain ≤ 1 (got uncertain ${o.uncertain}, certain ${o.certain})`);
  }
  for (const key of ['notices', 'preprints', 'conferenceAbstracts', 'versions'] as const) {
    if (!TRAP_POLICIES.includes(o[key])) throw new Error(`${key} must be one of ${TRAP_POLICIES.join(', ')}, got "${o[key]}"`);
  }
  return o;
}
