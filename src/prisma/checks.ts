/**
 * Consistency checks: the arithmetic of every arrow in the PRISMA 2020 flow.
 * Each check names the box at the head of the arrow, the equation, both sides
 * with their numbers, and what the difference means, so a failing diagram
 * says exactly which box does not add up and why. A check whose operands are
 * not all known yet (n/a) is skipped, never guessed.
 */
import { boxValue, type BoxName, type PrismaCounts, type Reason } from './boxes.js';

export type CheckStatus = 'ok' | 'fail' | 'skipped';

export interface Check {
  id: string;
  /** The box the arrow points at: the one that does not add up when the check fails. */
  box: BoxName;
  /** The rule, e.g. `records_screened = database_results + register_results − duplicates − …`. */
  rule: string;
  status: CheckStatus;
  /** What was found: numbers on both sides and, on failure, what the difference means. */
  message: string;
  /** Boxes whose value is needed but not known (for skipped checks). */
  missing?: BoxName[];
}

type Term = [sign: 1 | -1, box: BoxName];

const MINUS = '−';

function rhsText(terms: Term[]): string {
  return terms.map(([s, b], i) => (i === 0 ? (s < 0 ? `${MINUS}${b}` : b) : `${s < 0 ? MINUS : '+'} ${b}`)).join(' ');
}

function ruleText(target: BoxName, terms: Term[], op = '='): string {
  return `${target} ${op} ${rhsText(terms)}`;
}

function valueText(c: PrismaCounts, terms: Term[]): string {
  return terms.map(([s, b], i) => {
    const v = boxValue(c, b)!;
    return i === 0 ? `${s < 0 ? MINUS : ''}${v}` : `${s < 0 ? MINUS : '+'} ${v}`;
  }).join(' ');
}

/** `target = Σ sign·term`; `why(diff)` explains a non-zero difference (target − expected). */
function equation(c: PrismaCounts, id: string, target: BoxName, terms: Term[], why: (diff: number) => string): Check {
  const rule = ruleText(target, terms);
  const missing = [target, ...terms.map(([, b]) => b)].filter((b) => boxValue(c, b) === undefined);
  if (missing.length) return { id, box: target, rule, status: 'skipped', message: `not checked: ${[...new Set(missing)].join(', ')} n/a`, missing: [...new Set(missing)] };
  const expected = terms.reduce((a, [s, b]) => a + s * boxValue(c, b)!, 0);
  const actual = boxValue(c, target)!;
  const shown = terms.length > 1 ? `${valueText(c, terms)} = ${expected}` : `${expected}`;
  if (actual === expected) return { id, box: target, rule, status: 'ok', message: `${target} = ${actual} = ${shown}` };
  return {
    id, box: target, rule, status: 'fail',
    message: `${target} is ${actual}, but ${rhsText(terms)} = ${shown}: ${why(actual - expected)}`,
  };
}

/** `target ≤ Σ terms`. */
function atMost(c: PrismaCounts, id: string, target: BoxName, terms: BoxName[], why: (excess: number) => string): Check {
  const t: Term[] = terms.map((b) => [1, b]);
  const rule = ruleText(target, t, '≤');
  const missing = [target, ...terms].filter((b) => boxValue(c, b) === undefined);
  if (missing.length) return { id, box: target, rule, status: 'skipped', message: `not checked: ${[...new Set(missing)].join(', ')} n/a`, missing: [...new Set(missing)] };
  const limit = terms.reduce((a, b) => a + boxValue(c, b)!, 0);
  const actual = boxValue(c, target)!;
  const shown = terms.length > 1 ? `${valueText(c, t)} = ${limit}` : `${limit}`;
  if (actual <= limit) return { id, box: target, rule, status: 'ok', message: `${target} = ${actual} ≤ ${shown}` };
  return { id, box: target, rule, status: 'fail', message: `${target} is ${actual}, more than ${rhsText(t)} = ${shown}: ${why(actual - limit)}` };
}

const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;

function listSum(c: PrismaCounts, id: string, total: BoxName, list: 'database_specific_results' | 'register_specific_results', what: string): Check {
  const items = c[list] as Reason[] | undefined;
  const rule = `${total} = Σ ${list}`;
  if (c[total] === undefined || items === undefined) {
    const missing = ([total, list] as BoxName[]).filter((b) => c[b] === undefined);
    return { id, box: total, rule, status: 'skipped', message: `not checked: ${missing.join(', ')} n/a`, missing };
  }
  const sum = items.reduce((a, r) => a + r.n, 0);
  const actual = c[total] as number;
  const shown = items.length ? `${items.map((r) => `${r.reason} ${r.n}`).join(' + ')} = ${sum}` : '0 (none listed)';
  if (actual === sum) return { id, box: total, rule, status: 'ok', message: `${total} = ${actual} = ${shown}` };
  return { id, box: total, rule, status: 'fail', message: `${total} is ${actual}, but the ${what} listed add up to ${shown}: ${n(Math.abs(actual - sum), 'record')} ${actual > sum ? 'not attributed to any listed source' : 'listed but not counted in the total'}` };
}

function nonNegative(c: PrismaCounts): Check[] {
  const out: Check[] = [];
  for (const [box, v] of Object.entries(c) as Array<[BoxName, unknown]>) {
    const bad = Array.isArray(v) ? (v as Reason[]).filter((r) => !(Number.isInteger(r.n) && r.n >= 0)).map((r) => `${r.reason}: ${r.n}`) :
      typeof v === 'number' && !(Number.isInteger(v) && v >= 0) ? [String(v)] : [];
    if (bad.length) out.push({ id: `whole-number:${box}`, box, rule: `${box} is a whole number ≥ 0`, status: 'fail', message: `${box} has ${bad.join(', ')}: a count must be a whole number, 0 or more` });
  }
  return out;
}

export interface CheckContext {
  /** Records still pending or in unresolved conflict, per stage: the usual reason a flow does not add up yet. */
  open?: { titleAbstract?: number; fullText?: number };
}

const stillOpen = (k: number | undefined, stage: string) =>
  k ? ` (${k} record${k === 1 ? ' is' : 's are'} still pending or in conflict at ${stage})` : '';

/** Every arrow's arithmetic, in the order of the flow. */
export function checkCounts(c: PrismaCounts, context: CheckContext = {}): Check[] {
  const taOpen = stillOpen(context.open?.titleAbstract, 'title/abstract');
  const ftOpen = stillOpen(context.open?.fullText, 'full text');
  const checks: Check[] = [
    ...nonNegative(c),
    listSum(c, 'databases-listed', 'database_results', 'database_specific_results', 'databases'),
    listSum(c, 'registers-listed', 'register_results', 'register_specific_results', 'registers'),
    equation(c, 'identification-to-screening', 'records_screened',
      [[1, 'database_results'], [1, 'register_results'], [-1, 'duplicates'], [-1, 'excluded_automatic'], [-1, 'excluded_other']],
      (d) => d > 0 ? `${n(d, 'record')} screened that the identification box does not account for (identified too few, or removed too many?)`
        : `${n(-d, 'record')} identified but neither removed before screening nor screened`),
    atMost(c, 'screened-excluded', 'records_excluded', ['records_screened'],
      (e) => `${n(e, 'more record')} excluded than were screened`),
    equation(c, 'screening-to-retrieval', 'dbr_sought_reports', [[1, 'records_screened'], [-1, 'records_excluded']],
      (d) => d > 0 ? `${n(d, 'report')} sought for retrieval that screening did not pass on` : `${n(-d, 'record')} screened and not excluded, but no report sought for them${taOpen}`),
    equation(c, 'retrieval-to-eligibility', 'dbr_assessed', [[1, 'dbr_sought_reports'], [-1, 'dbr_notretrieved_reports']],
      (d) => d > 0 ? `${n(d, 'report')} assessed that were not retrieved` : `${n(-d, 'report')} retrieved but not assessed for eligibility (still pending?)`),
    atMost(c, 'eligibility-excluded', 'dbr_excluded', ['dbr_assessed'],
      (e) => `the exclusion reasons add up to ${n(e, 'more report')} than were assessed`),
    atMost(c, 'other-identification-to-retrieval', 'other_sought_reports', ['website_results', 'organisation_results', 'citations_results'],
      (e) => `${n(e, 'more report')} sought than records were identified by other methods`),
    equation(c, 'other-retrieval-to-eligibility', 'other_assessed', [[1, 'other_sought_reports'], [-1, 'other_notretrieved_reports']],
      (d) => d > 0 ? `${n(d, 'report')} assessed that were not retrieved` : `${n(-d, 'report')} retrieved but not assessed for eligibility (still pending?)`),
    atMost(c, 'other-eligibility-excluded', 'other_excluded', ['other_assessed'],
      (e) => `the exclusion reasons add up to ${n(e, 'more report')} than were assessed`),
    equation(c, 'eligibility-to-included', 'new_reports',
      [[1, 'dbr_assessed'], [-1, 'dbr_excluded'], [1, 'other_assessed'], [-1, 'other_excluded']],
      (d) => d > 0 ? `${n(d, 'report')} included that were not assessed as eligible in either arm` : `${n(-d, 'report')} assessed and not excluded, but not counted as included${ftOpen}`),
    atMost(c, 'studies-have-reports', 'new_studies', ['new_reports'],
      (e) => `${n(e, 'study', 'studies')} without a report: every included study has at least one report`),
    atMost(c, 'previous-studies-have-reports', 'previous_studies', ['previous_reports'],
      (e) => `${n(e, 'previous study', 'previous studies')} without a report`),
    equation(c, 'total-studies', 'total_studies', [[1, 'previous_studies'], [1, 'new_studies']],
      (d) => `the total is ${d > 0 ? `${d} more` : `${-d} fewer`} than previous + new studies`),
    equation(c, 'total-reports', 'total_reports', [[1, 'previous_reports'], [1, 'new_reports']],
      (d) => `the total is ${d > 0 ? `${d} more` : `${-d} fewer`} than previous + new reports`),
  ];
  return checks;
}

export function failedChecks(checks: Check[]): Check[] {
  return checks.filter((c) => c.status === 'fail');
}
