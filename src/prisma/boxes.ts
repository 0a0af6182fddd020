/**
 * The boxes of the PRISMA 2020 flow diagram, named as the PRISMA2020 R
 * package / Shiny app template names them (`inst/extdata/PRISMA.csv`), so
 * counts can be handed to that tool unchanged.
 *
 * A box is `undefined` when it cannot be derived yet (its pipeline stage does
 * not exist or has not run): it is rendered "n/a", never guessed.
 */

/** One line of a listed box: a database/register with its records, or an exclusion reason with its reports. */
export interface Reason {
  /** Database or register name, or exclusion criterion code (e.g. `EX-SETTING`). */
  reason: string;
  n: number;
  /** A label for a reason code the message catalogues do not know (e.g. from the criteria file). */
  label?: string;
}

export interface PrismaCounts {
  // Previous version of the review (updated-review variant)
  previous_studies?: number;
  previous_reports?: number;
  // Identification: databases and registers arm
  database_results?: number;
  database_specific_results?: Reason[];
  register_results?: number;
  register_specific_results?: Reason[];
  // Identification: other methods arm
  website_results?: number;
  organisation_results?: number;
  citations_results?: number;
  // Records removed before screening (databases and registers)
  duplicates?: number;
  excluded_automatic?: number;
  excluded_other?: number;
  // Screening (databases and registers)
  records_screened?: number;
  records_excluded?: number;
  dbr_sought_reports?: number;
  dbr_notretrieved_reports?: number;
  dbr_assessed?: number;
  dbr_excluded?: Reason[];
  // Retrieval and eligibility (other methods)
  other_sought_reports?: number;
  other_notretrieved_reports?: number;
  other_assessed?: number;
  other_excluded?: Reason[];
  // Included
  new_studies?: number;
  new_reports?: number;
  total_studies?: number;
  total_reports?: number;
}

export type BoxName = keyof PrismaCounts;
export type ListBox = 'database_specific_results' | 'register_specific_results' | 'dbr_excluded' | 'other_excluded';
export type NumberBox = Exclude<BoxName, ListBox>;

/** Every box, in the order of the R package's template CSV. */
export const BOX_NAMES: readonly BoxName[] = [
  'previous_studies', 'previous_reports',
  'database_results', 'database_specific_results', 'register_results', 'register_specific_results',
  'website_results', 'organisation_results', 'citations_results',
  'duplicates', 'excluded_automatic', 'excluded_other',
  'records_screened', 'records_excluded',
  'dbr_sought_reports', 'dbr_notretrieved_reports', 'other_sought_reports', 'other_notretrieved_reports',
  'dbr_assessed', 'dbr_excluded', 'other_assessed', 'other_excluded',
  'new_studies', 'new_reports', 'total_studies', 'total_reports',
];

export const LIST_BOXES: readonly ListBox[] = ['database_specific_results', 'register_specific_results', 'dbr_excluded', 'other_excluded'];

export function isListBox(box: BoxName): box is ListBox {
  return (LIST_BOXES as readonly string[]).includes(box);
}

export function isBoxName(name: string): name is BoxName {
  return (BOX_NAMES as readonly string[]).includes(name);
}

/** Sum of a listed box, or undefined when the list is. */
export function listTotal(list: Reason[] | undefined): number | undefined {
  return list === undefined ? undefined : list.reduce((a, r) => a + r.n, 0);
}

/**
 * A box's single number: the value of a number box, the total of a listed
 * box (so `dbr_excluded` means "reports excluded, all reasons").
 */
export function boxValue(counts: PrismaCounts, box: BoxName): number | undefined {
  const v = counts[box];
  return Array.isArray(v) ? listTotal(v) : (v as number | undefined);
}

/** Records identified by other methods (websites + organisations + citation searching). */
export function otherIdentified(c: PrismaCounts): number | undefined {
  const parts = [c.website_results, c.organisation_results, c.citations_results];
  return parts.some((p) => p === undefined) ? undefined : parts.reduce((a, p) => a! + p!, 0);
}

/** Sum when every part is known; undefined otherwise (so n/a propagates instead of becoming 0). */
export function sumKnown(...parts: Array<number | undefined>): number | undefined {
  return parts.some((p) => p === undefined) ? undefined : parts.reduce<number>((a, p) => a + p!, 0);
}

/** How a box's number came about, for the counts table and `--json`. */
export type Provenance =
  | { kind: 'derived'; from: string }
  | { kind: 'manual'; entries: number[] }
  | { kind: 'derived+manual'; from: string; entries: number[] }
  | { kind: 'pending'; awaiting: string };

/** Which variant of the PRISMA 2020 template to draw. */
export interface Variant {
  /** The updated-review template: previous studies column and totals. */
  previous: boolean;
  /** The "identification of new studies via other methods" arm. */
  other: boolean;
}

/** Default variant for a set of counts: show an arm or the previous column when there is anything in it. */
export function defaultVariant(c: PrismaCounts): Variant {
  const has = (...xs: Array<unknown>) => xs.some((x) => x !== undefined && x !== 0 && !(Array.isArray(x) && x.length === 0));
  return {
    previous: has(c.previous_studies, c.previous_reports),
    other: has(c.website_results, c.organisation_results, c.citations_results, c.other_sought_reports, c.other_assessed),
  };
}
