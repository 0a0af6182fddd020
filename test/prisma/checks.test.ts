import { describe, expect, it } from 'vitest';
import { checkCounts, failedChecks } from '../../src/prisma/checks.js';
import type { PrismaCounts } from '../../src/prisma/boxes.js';
import { scriptedReview } from './scripted.js';

const expected = scriptedReview().expected;
const good = (): PrismaCounts => structuredClone(expected);

describe('consistency checks: every arrow adds up, or the box that does not is named with why', () => {
  it('all checks pass on consistent counts', () => {
    const checks = checkCounts(good());
    expect(failedChecks(checks)).toEqual([]);
    expect(checks.filter((c) => c.status === 'ok').length).toBe(checks.length);
  });

  it('a screened count one short names records_screened, the equation, both numbers and the gap', () => {
    const c = { ...good(), records_screened: 43, records_excluded: 29 };
    const [fail, ...rest] = failedChecks(checkCounts(c));
    expect(rest).toEqual([]);
    expect(fail).toMatchObject({ id: 'identification-to-screening', box: 'records_screened', status: 'fail' });
    expect(fail.message).toBe('records_screened is 43, but database_results + register_results − duplicates − excluded_automatic − excluded_other = ' +
      '53 + 4 − 8 − 2 − 3 = 44: 1 record identified but neither removed before screening nor screened');
  });

  it('per-database counts that do not add up to the total name database_results', () => {
    const c = { ...good(), database_results: 54, records_screened: 45, records_excluded: 31 };
    const fails = failedChecks(checkCounts(c));
    expect(fails.map((f) => f.box)).toEqual(['database_results']);
    expect(fails[0].message).toContain('Scopus 33 + MEDLINE 20 = 53');
    expect(fails[0].message).toContain('1 record not attributed to any listed source');
  });

  it('exclusion reasons and included reports are checked against the assessed reports', () => {
    const c = { ...good(), dbr_excluded: [{ reason: 'EX-SETTING', n: 5 }, { reason: 'EX-DESIGN', n: 2 }, { reason: 'EX-DATE', n: 1 }] };
    const fails = failedChecks(checkCounts(c));
    expect(fails.map((f) => f.id)).toEqual(['eligibility-to-included']);
    expect(fails[0].message).toMatch(/^new_reports is 8, but dbr_assessed − dbr_excluded \+ other_assessed − other_excluded = 12 − 8 \+ 4 − 1 = 7: 1 report included that were not assessed/);
  });

  it('pending screening is given as the likely reason', () => {
    const c = { ...good(), dbr_sought_reports: 10, dbr_notretrieved_reports: 0, dbr_assessed: 10, dbr_excluded: [{ reason: 'EX-SETTING', n: 5 }], new_reports: 8 };
    const fail = failedChecks(checkCounts(c, { open: { titleAbstract: 4 } })).find((f) => f.id === 'screening-to-retrieval')!;
    expect(fail.message).toContain('4 records screened and not excluded, but no report sought for them (4 records are still pending or in conflict at title/abstract)');
  });

  it('other-methods arm, studies vs reports, previous + new = total', () => {
    const c = { ...good(), other_sought_reports: 13, other_assessed: 12, new_studies: 9, total_studies: 8, previous_studies: 0 };
    const fails = failedChecks(checkCounts(c));
    expect(fails.map((f) => f.id)).toEqual(['other-identification-to-retrieval', 'eligibility-to-included', 'studies-have-reports', 'total-studies']);
    expect(fails[0].message).toContain('other_sought_reports is 13, more than website_results + organisation_results + citations_results = 6 + 2 + 4 = 12');
    expect(fails[3].message).toContain('total_studies is 8, but previous_studies + new_studies = 0 + 9 = 9');
  });

  it('skips (never guesses) a check whose boxes are n/a, and rejects negative or fractional counts', () => {
    const c: PrismaCounts = { database_results: 10, database_specific_results: [{ reason: 'Scopus', n: 10 }], register_results: 0, records_screened: 9 };
    const checks = checkCounts(c);
    const screening = checks.find((x) => x.id === 'identification-to-screening')!;
    expect(screening.status).toBe('skipped');
    expect(screening.missing).toEqual(['duplicates', 'excluded_automatic', 'excluded_other']);
    expect(failedChecks(checkCounts({ duplicates: -1, new_reports: 2.5 })).map((f) => f.id)).toEqual(['whole-number:duplicates', 'whole-number:new_reports']);
  });
});
