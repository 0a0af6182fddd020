import { describe, expect, it } from 'vitest';
import { historyEntries } from '../../src/screen/blinding.js';
import { recordDecision, resolveRecord } from '../../src/screen/decisions.js';
import { recordFulltext } from '../../src/screen/fulltext.js';
import { recordsToScreen } from '../../src/screen/pool.js';
import { listConflicts, screeningCounts, screeningProgress } from '../../src/screen/progress.js';
import { addReviewer } from '../../src/screen/reviewers.js';
import { recordState, stageStates } from '../../src/screen/state.js';
import { assertIntegrity, integrityProblems } from '../../src/screen/integrity.js';
import { seedRecords, setup } from './helpers.js';

const TA = 'title-abstract' as const;
const FT = 'full-text' as const;

describe('decisions are append-only', () => {
  it('changing a decision adds a row; history shows who, when, old → new', () => {
    const { db, ids, criteria } = setup(1);
    const d = (decision: string, extra: { reason?: string; note?: string } = {}) =>
      recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: TA, decision, ...extra });
    expect(d('include').changed).toBe(true);
    expect(d('include').changed).toBe(false); // the same again writes nothing
    const changed = d('exclude', { reason: 'ex-setting', note: 'a hospital ward' });
    expect(changed).toMatchObject({ changed: true, previous: { decision: 'include' } });
    expect(changed.decision.reason).toBe('EX-SETTING'); // written as the criteria spell it
    d('exclude', { reason: 'wrong outcome' }); // an alias of EX-OUTCOME
    const history = historyEntries(db, ids[0]);
    expect(history.map((h) => [h.previous, h.decision, h.reason])).toEqual([
      [null, 'include', null], ['include', 'exclude', 'EX-SETTING'], ['exclude', 'exclude', 'EX-OUTCOME'],
    ]);
    expect(history.every((h) => h.reviewer === 'alice' && /^\d{4}-\d\d-\d\dT/.test(h.decidedAt))).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM decisions').pluck().get()).toBe(3);
  });

  it('the database itself refuses to update or delete a decision, a resolution or a reviewer', () => {
    const { db, ids, criteria } = setup(1);
    recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: TA, decision: 'include' });
    recordDecision(db, criteria, { recordId: ids[0], reviewer: 'bob', stage: TA, decision: 'exclude' });
    resolveRecord(db, criteria, { recordId: ids[0], by: 'Lea', stage: TA, decision: 'include', reason: 'agreed' });
    expect(() => db.prepare("UPDATE decisions SET decision = 'exclude'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM decisions').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE resolutions SET decision = 'exclude'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM resolutions').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM reviewers').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE reviewers SET name = 'eve'").run()).toThrow(/fixed/);
    expect(db.prepare('SELECT COUNT(*) FROM decisions').pluck().get()).toBe(2);
  });
});

describe('every bad input is a clear error, and nothing is written', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an unknown record', { recordId: 999 }, /record 999 cannot be screened.*no such record/],
    ['a record id that is not one', { recordId: -1 }, /not a record id/],
    ['an unknown reviewer', { reviewer: 'eve' }, /unknown reviewer "eve"; known reviewers: alice, bob, Lea/],
    ['no reviewer', { reviewer: '' }, /--reviewer/],
    ['an unknown stage', { stage: 'abstracts' }, /unknown stage "abstracts"/],
    ['an unknown decision', { decision: 'perhaps' }, /unknown decision "perhaps"/],
    ['an unknown reason code', { decision: 'exclude', reason: 'EX-NOPE' }, /unknown reason "EX-NOPE".*EX-SETTING, EX-PHENOMENON/],
    ['a reason on an include', { decision: 'include', reason: 'EX-SETTING' }, /an include takes none/],
    ['a bad time', { decidedAt: 'yesterday' }, /not a date and time/],
  ];
  for (const [what, override, message] of cases) {
    it(`rejects ${what}`, () => {
      const { db, ids, criteria } = setup(1);
      expect(() => recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: TA, decision: 'exclude', ...override } as never))
        .toThrow(message);
      expect(db.prepare('SELECT COUNT(*) FROM decisions').pluck().get()).toBe(0);
    });
  }

  it('requires a reason to exclude at full text, and full text only for records included at title/abstract', () => {
    const { db, ids, criteria } = setup(2);
    expect(() => recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: FT, decision: 'include' }))
      .toThrow(/not been included at title\/abstract \(outcome there: pending\)/);
    for (const r of ['alice', 'bob']) recordDecision(db, criteria, { recordId: ids[0], reviewer: r, stage: TA, decision: 'include' });
    expect(() => recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: FT, decision: 'exclude' }))
      .toThrow(/full-text exclusion needs a reason code/);
    expect(recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: FT, decision: 'exclude', reason: 'EX-DESIGN' }).changed).toBe(true);
  });

  it('does not screen records merged away as duplicates, nor records of a previous version of the review', () => {
    const { db, ids, criteria } = setup(3);
    const [previous] = seedRecords(db, 1, { previous: true });
    db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?').run(ids[0], ids[2]);
    expect(recordsToScreen(db)).toEqual([ids[0], ids[1]]);
    expect(() => recordDecision(db, criteria, { recordId: ids[2], reviewer: 'alice', stage: TA, decision: 'include' }))
      .toThrow(/merged away as a duplicate, or comes from a previous version/);
    expect(() => recordDecision(db, criteria, { recordId: previous, reviewer: 'alice', stage: TA, decision: 'include' })).toThrow(/cannot be screened/);
  });

  it('rejects reviewer names that could not be typed back', () => {
    const { db } = setup(0);
    expect(() => addReviewer(db, '')).toThrow(/not a usable reviewer name/);
    expect(() => addReviewer(db, 'a,b;c')).toThrow(/not a usable reviewer name/);
    expect(addReviewer(db, 'ALICE').created).toBe(false); // names are unique whatever their case
  });
});

describe('outcomes, conflicts and resolutions', () => {
  const decide = (db: ReturnType<typeof setup>['db'], criteria: ReturnType<typeof setup>['criteria'], id: number, a: string, b: string, stage: 'title-abstract' | 'full-text' = TA) => {
    recordDecision(db, criteria, { recordId: id, reviewer: 'alice', stage, decision: a, reason: stage === FT && a === 'exclude' ? 'EX-DESIGN' : null });
    recordDecision(db, criteria, { recordId: id, reviewer: 'bob', stage, decision: b, reason: stage === FT && b === 'exclude' ? 'EX-OUTCOME' : null });
  };

  it('two agreeing decisions decide; any disagreement or an unsure is a conflict until resolved', () => {
    const { db, ids, criteria } = setup(6);
    decide(db, criteria, ids[0], 'include', 'include');
    decide(db, criteria, ids[1], 'exclude', 'exclude');
    decide(db, criteria, ids[2], 'include', 'exclude');
    decide(db, criteria, ids[3], 'unsure', 'include');
    decide(db, criteria, ids[4], 'unsure', 'unsure');
    recordDecision(db, criteria, { recordId: ids[5], reviewer: 'alice', stage: TA, decision: 'include' });
    const s = stageStates(db, TA);
    expect(ids.map((id) => [s.get(id)!.outcome, s.get(id)!.conflict ?? null])).toEqual([
      ['include', null], ['exclude', null], ['conflict', 'disagree'], ['conflict', 'unsure'], ['conflict', 'unsure'], ['pending', null],
    ]);
    expect(listConflicts(db).map((c) => [c.recordId, c.kind])).toEqual([[ids[2], 'disagree'], [ids[3], 'unsure'], [ids[4], 'unsure']]);

    const r = resolveRecord(db, criteria, { recordId: ids[2], by: 'Lea', stage: TA, decision: 'exclude', reason: 'EX-SETTING', note: 'team meeting', method: 'third-reviewer' });
    expect(r.resolution).toMatchObject({ decision: 'exclude', reason: 'EX-SETTING', note: 'team meeting', method: 'third-reviewer' });
    expect(recordState(db, ids[2], TA).state!.outcome).toBe('exclude');
    expect(listConflicts(db).map((c) => c.recordId)).toEqual([ids[3], ids[4]]);
    expect(listConflicts(db, { all: true })).toHaveLength(3);
    // Free text as the reason is kept as the why.
    resolveRecord(db, criteria, { recordId: ids[3], by: 'bob', stage: TA, decision: 'include', reason: 'reports community outcomes' });
    expect(recordState(db, ids[3], TA).state!.resolution).toMatchObject({ reason: null, note: 'reports community outcomes' });

    const progress = screeningProgress(db).stages[0];
    expect(progress).toMatchObject({ records: 6, included: 2, excluded: 2, pending: 1, conflicts: 3, unresolved: 1 });
    expect(progress.reviewers.find((x) => x.reviewer === 'alice')).toMatchObject({ screened: 6, remaining: 0, conflicts: 3, unresolved: 1 });
    expect(progress.reviewers.find((x) => x.reviewer === 'bob')).toMatchObject({ screened: 5, remaining: 1, conflicts: 3, unresolved: 1 });
  });

  it('a resolution needs a decision to resolve, a why, a real code, and a code to exclude at full text', () => {
    const { db, ids, criteria } = setup(2);
    const base = { recordId: ids[0], by: 'Lea', stage: TA, decision: 'exclude' };
    expect(() => resolveRecord(db, criteria, { ...base, reason: 'EX-SETTING' })).toThrow(/nothing to resolve/);
    decide(db, criteria, ids[0], 'include', 'exclude');
    expect(() => resolveRecord(db, criteria, base)).toThrow(/say why/);
    expect(() => resolveRecord(db, criteria, { ...base, reason: 'EX-WHATEVER' })).toThrow(/unknown reason/);
    expect(() => resolveRecord(db, criteria, { ...base, decision: 'unsure', reason: 'x' })).toThrow(/include or exclude/);
    expect(() => resolveRecord(db, criteria, { ...base, decision: 'include', reason: 'EX-SETTING' })).toThrow(/say why in words/);
    expect(() => resolveRecord(db, criteria, { ...base, method: 'coin', reason: 'EX-SETTING' })).toThrow(/--method/);
    expect(() => resolveRecord(db, criteria, { ...base, by: 'eve', reason: 'EX-SETTING' })).toThrow(/unknown reviewer/);
    expect(db.prepare('SELECT COUNT(*) FROM resolutions').pluck().get()).toBe(0);
    resolveRecord(db, criteria, { ...base, decision: 'include', note: 'agreed' });
    decide(db, criteria, ids[0], 'include', 'exclude', FT);
    expect(() => resolveRecord(db, criteria, { ...base, stage: FT, note: 'no reason code' })).toThrow(/full-text exclusion needs a reason code/);
  });

  it('counts the PRISMA screening boxes from the decisions, full-text retrieval included', () => {
    const { db, ids, criteria } = setup(6);
    decide(db, criteria, ids[0], 'include', 'include');
    decide(db, criteria, ids[1], 'include', 'include');
    decide(db, criteria, ids[2], 'include', 'include');
    decide(db, criteria, ids[3], 'exclude', 'exclude');
    decide(db, criteria, ids[0], 'include', 'include', FT);
    decide(db, criteria, ids[1], 'exclude', 'exclude', FT); // EX-DESIGN vs EX-OUTCOME: the one listed first counts
    recordFulltext(db, { recordId: ids[2], notRetrieved: 'not held by any library' });
    expect(() => recordFulltext(db, { recordId: ids[4], retrieved: 'x.pdf' })).toThrow(/not been included at title\/abstract/);
    expect(() => recordFulltext(db, { recordId: ids[0] })).toThrow(/either --retrieved/);
    expect(recordFulltext(db, { recordId: ids[0], retrieved: 'pdfs/0.pdf', by: 'alice' }).changed).toBe(true);
    expect(recordFulltext(db, { recordId: ids[0], retrieved: 'pdfs/0.pdf', by: 'alice' }).changed).toBe(false);
    expect(screeningCounts(db, criteria)).toMatchObject({
      records: 6, markedIneligibleByAutomation: 0, recordsScreened: 6, recordsExcluded: 1, titleAbstractPending: 2,
      reportsSought: 3, reportsNotRetrieved: 1, reportsAssessed: 2, reportsExcluded: 1, reportsExcludedByReason: { 'EX-DESIGN': 1 },
      studiesIncluded: 1,
    });
    // The report not retrieved is nobody's to screen at full text.
    const ft = screeningProgress(db).stages.find((st) => st.stage === FT)!;
    expect(ft).toMatchObject({ records: 3, notRetrieved: 1, pending: 0, included: 1, excluded: 1 });
    expect(ft.reviewers.every((r) => r.remaining === 0)).toBe(true);
  });

  it('warns when a full-text decision is written on a report marked not retrieved (PRISMA then counts it as assessed)', () => {
    const { db, ids, criteria } = setup(2);
    decide(db, criteria, ids[0], 'include', 'include');
    decide(db, criteria, ids[1], 'include', 'include');
    recordFulltext(db, { recordId: ids[0], notRetrieved: 'not held by any library' });
    recordFulltext(db, { recordId: ids[1], retrieved: 'pdfs/1.pdf' });
    const first = recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: FT, decision: 'include' });
    expect(first.warnings).toEqual([expect.stringMatching(
      new RegExp(`record ${ids[0]}'s report is marked not retrieved \\(not held by any library\\).*review fulltext ${ids[0]} --retrieved`))]);
    // The same decision again writes nothing and says nothing; a retrieved report, or title/abstract, warns of nothing.
    expect(recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: FT, decision: 'include' }).warnings).toEqual([]);
    expect(recordDecision(db, criteria, { recordId: ids[1], reviewer: 'alice', stage: FT, decision: 'include' }).warnings).toEqual([]);
    expect(recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: TA, decision: 'exclude' }).warnings).toEqual([]);
    // The other way round: marking a decided report not retrieved says so too.
    expect(recordFulltext(db, { recordId: ids[1], notRetrieved: 'lost the PDF' }).warnings)
      .toEqual([expect.stringMatching(/already has full-text decisions: PRISMA counts its report as assessed/)]);
    expect(recordFulltext(db, { recordId: ids[1], retrieved: 'pdfs/1b.pdf' }).warnings).toEqual([]);
  });
});

describe('integrity check', () => {
  it('passes on a healthy database and reports a broken reference', () => {
    const { db, ids, criteria } = setup(1);
    recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: TA, decision: 'include' });
    expect(integrityProblems(db)).toEqual([]);
    expect(() => assertIntegrity(db)).not.toThrow();
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO fulltext (record_id, status, location, recorded_at, source) VALUES (9999, 'retrieved', 'x', 'now', 'test')").run();
    expect(integrityProblems(db)).toEqual(['fulltext row 2 refers to a missing records row'.replace('row 2', `row ${db.prepare('SELECT MAX(id) FROM fulltext').pluck().get()}`)]);
    expect(() => assertIntegrity(db)).toThrow(/failed its integrity check/);
  });
});
