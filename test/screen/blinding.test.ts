import { describe, expect, it } from 'vitest';
import { asReviewer, publicHistory } from '../../src/screen/blinding.js';
import { exportDecisions } from '../../src/screen/csv.js';
import { listConflicts, screeningProgress } from '../../src/screen/progress.js';
import { blindingLifted, setBlinding } from '../../src/screen/reviewers.js';
import { moveDecisionsToPrimary } from '../../src/screen/merge.js';
import { reviewerQueue } from '../../src/screen/queue.js';
import { setup } from './helpers.js';

const TA = 'title-abstract' as const;

describe('blinding, enforced by the library', () => {
  it('a reviewer sees nothing of another\'s decision on a record until they have decided it too', () => {
    const { db, ids, criteria } = setup(3);
    const alice = asReviewer(db, criteria, 'alice');
    const bob = asReviewer(db, criteria, 'bob');
    alice.decide(ids[0], TA, 'exclude', { reason: 'EX-SETTING', note: 'hospital' });

    // Bob, before deciding: no decision, no outcome, no history of Alice's.
    const before = bob.view(ids[0], TA)!;
    expect(before).toMatchObject({ unblinded: false, others: [] });
    expect(before.mine).toBeUndefined();
    expect(before.outcome).toBeUndefined();
    expect(JSON.stringify(before)).not.toMatch(/exclude|EX-SETTING|hospital|alice/);
    expect(bob.history(ids[0])).toEqual({ entries: [], hidden: 1 });
    expect(bob.canSee(ids[0], TA)).toBe(false);
    // Nor does the order of Bob's queue depend on Alice's decision.
    expect(reviewerQueue(db, bob.reviewer.id, TA)).toEqual(ids);

    // Alice sees her own, and not yet Bob's (he has none).
    expect(alice.view(ids[0], TA)).toMatchObject({ unblinded: true, others: [], mine: { decision: 'exclude', reason: 'EX-SETTING' } });

    // Once Bob decides, both see both.
    const after = bob.decide(ids[0], TA, 'include').view;
    expect(after.unblinded).toBe(true);
    expect(after.others).toEqual([expect.objectContaining({ reviewer: 'alice', decision: 'exclude', reason: 'EX-SETTING', note: 'hospital' })]);
    expect(after.outcome).toBe('conflict');
    expect(alice.view(ids[0], TA)!.others).toEqual([expect.objectContaining({ reviewer: 'bob', decision: 'include' })]);
    expect(bob.history(ids[0]).entries.map((e) => e.reviewer)).toEqual(['alice', 'bob']);
  });

  it('only a lead lifts blinding, per stage, and can restore it', () => {
    const { db, ids, criteria } = setup(2);
    const alice = asReviewer(db, criteria, 'alice');
    const bob = asReviewer(db, criteria, 'bob');
    alice.decide(ids[0], TA, 'include');
    expect(() => setBlinding(db, 'bob', 'lift')).toThrow(/bob is not a lead/);
    expect(() => setBlinding(db, 'nobody', 'lift')).toThrow(/unknown reviewer/);
    setBlinding(db, 'Lea', 'lift', [TA], 'calibration round');
    expect(blindingLifted(db, TA)).toBe(true);
    expect(blindingLifted(db, 'full-text')).toBe(false);
    expect(bob.view(ids[0], TA)).toMatchObject({ unblinded: true, others: [expect.objectContaining({ reviewer: 'alice', decision: 'include' })] });
    setBlinding(db, 'Lea', 'restore', [TA]);
    expect(bob.view(ids[0], TA)).toMatchObject({ unblinded: false, others: [] });
    // Events are history too: nothing is overwritten.
    expect(db.prepare('SELECT action FROM blinding_events ORDER BY id').pluck().all()).toEqual(['lift', 'restore']);
  });

  it('a lead is blinded like everyone else while screening', () => {
    const { db, ids, criteria } = setup(1);
    asReviewer(db, criteria, 'alice').decide(ids[0], TA, 'include');
    expect(asReviewer(db, criteria, 'Lea').view(ids[0], TA)).toMatchObject({ unblinded: false, others: [] });
  });

  it('team views reveal only records both reviewers decided', () => {
    const { db, ids, criteria } = setup(3);
    const alice = asReviewer(db, criteria, 'alice');
    alice.decide(ids[0], TA, 'exclude');
    alice.decide(ids[1], TA, 'include');
    asReviewer(db, criteria, 'bob').decide(ids[1], TA, 'exclude');

    // History for someone not named: the record only Alice decided is hidden.
    expect(publicHistory(db, ids[0])).toEqual({ entries: [], hidden: 1 });
    expect(publicHistory(db, ids[1]).entries).toHaveLength(2);
    expect(publicHistory(db, ids[0], 'Lea').entries).toHaveLength(1);
    expect(() => publicHistory(db, ids[0], 'bob')).toThrow(/not a lead/);

    // Conflicts: only the record both decided.
    expect(listConflicts(db).map((c) => c.recordId)).toEqual([ids[1]]);
    // Progress: counts only.
    const ta = screeningProgress(db).stages[0];
    expect(ta.reviewers.find((r) => r.reviewer === 'bob')).toMatchObject({ screened: 1, remaining: 2 });

    // Export without a lead leaves the blinded decision out.
    const withheld = exportDecisions(db, {
      withhold: (record) => record === ids[0],
    });
    expect(withheld.withheld).toBe(1);
    expect(withheld.csv).not.toMatch(new RegExp(`^${ids[0]},alice`, 'm'));
  });

  it('a merge conflict on a record only one reviewer has decided does not show that reviewer\'s decisions', () => {
    const { db, ids, criteria } = setup(2);
    const alice = asReviewer(db, criteria, 'alice');
    alice.decide(ids[0], TA, 'include');
    alice.decide(ids[1], TA, 'exclude');
    moveDecisionsToPrimary(db, ids[1], ids[0]);
    const [c] = listConflicts(db);
    expect(c).toMatchObject({ recordId: ids[0], kind: 'duplicate-merge', blinded: true, decisions: [] });
    expect(c.merges).toEqual([{ reviewer: 'alice', kept: '(blinded)', other: '(blinded)', from: ids[1] }]);
  });
});
