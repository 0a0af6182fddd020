import { describe, expect, it } from 'vitest';
import { screeningHook } from '../../src/dedupe/screening.js';
import { screeningDedupeHook } from '../../src/screen/hook.js';
import { moveDecisionsToPrimary, restoreAfterSplit } from '../../src/screen/merge.js';
import { recordDecision, resolveRecord } from '../../src/screen/decisions.js';
import { recordFulltext, currentFulltext } from '../../src/screen/fulltext.js';
import { listConflicts } from '../../src/screen/progress.js';
import { recordsToScreen } from '../../src/screen/pool.js';
import { recordState } from '../../src/screen/state.js';
import { setup } from './helpers.js';

const TA = 'title-abstract' as const;
type Ctx = ReturnType<typeof setup>;

const decide = ({ db, criteria }: Ctx, recordId: number, reviewer: string, decision: string, stage: 'title-abstract' | 'full-text' = TA) =>
  recordDecision(db, criteria, { recordId, reviewer, stage, decision, reason: stage === 'full-text' && decision === 'exclude' ? 'EX-DESIGN' : null });

/** What de-duplication does when it merges `from` into `to`. */
const merge = (ctx: Ctx, from: number, to: number) => {
  ctx.db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?').run(to, from);
  return moveDecisionsToPrimary(ctx.db, from, to);
};

describe('a duplicate merge moves decisions to the primary', () => {
  it('copies decisions the primary lacks; the duplicate leaves the screening set, its history stays', () => {
    const ctx = setup(3);
    const [primary, dup] = ctx.ids;
    decide(ctx, dup, 'alice', 'include');
    decide(ctx, dup, 'bob', 'include');
    decide(ctx, primary, 'alice', 'include'); // agrees with her decision on the duplicate: nothing to move
    const r = merge(ctx, dup, primary);
    expect(r).toMatchObject({ moved: 1, conflicts: 0, details: [] });
    expect(recordsToScreen(ctx.db)).not.toContain(dup);
    const state = recordState(ctx.db, primary, TA).state!;
    expect(state.decisions.map((d) => [d.reviewer, d.decision, d.source]).sort()).toEqual([['alice', 'include', 'decide'], ['bob', 'include', 'moved']]);
    const moved = state.decisions.find((d) => d.source === 'moved')!;
    const original = ctx.db.prepare('SELECT decided_at FROM decisions WHERE record_id = ? AND source = ? AND reviewer_id = ?').pluck().get(dup, 'decide', moved.reviewerId);
    expect(moved.decidedAt).toBe(original); // a moved decision keeps its time
    expect(state.outcome).toBe('include');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM decisions WHERE record_id = ?').pluck().get(dup)).toBe(2);
    expect(merge(ctx, dup, primary).moved).toBe(0); // idempotent
  });

  it('raises a conflict where a reviewer decided the two records differently, until they decide again', () => {
    const ctx = setup(2);
    const [primary, dup] = ctx.ids;
    decide(ctx, primary, 'alice', 'include');
    decide(ctx, dup, 'alice', 'exclude');
    decide(ctx, dup, 'bob', 'include');
    const r = merge(ctx, dup, primary);
    expect(r).toMatchObject({ moved: 1, conflicts: 1, details: [{ stage: TA, reviewer: 'alice', kept: 'include', other: 'exclude' }] });
    expect(recordState(ctx.db, primary, TA).state).toMatchObject({ outcome: 'conflict', conflict: 'duplicate-merge', mergeConflicts: 1 });
    const [c] = listConflicts(ctx.db);
    expect(c).toMatchObject({ recordId: primary, kind: 'duplicate-merge', blinded: false, merges: [{ reviewer: 'alice', kept: 'include', other: 'exclude', from: dup }] });
    // Alice looks again and decides: the merge conflict is settled, the two decisions agree.
    decide(ctx, primary, 'alice', 'exclude');
    decide(ctx, primary, 'alice', 'include');
    expect(recordState(ctx.db, primary, TA).state).toMatchObject({ outcome: 'include', mergeConflicts: 0 });
    expect(listConflicts(ctx.db, { all: true })).toEqual([]);
  });

  it('a resolution settles a merge conflict, and conflicting resolutions are surfaced too', () => {
    const ctx = setup(2);
    const [primary, dup] = ctx.ids;
    for (const [id, a, b] of [[primary, 'include', 'exclude'], [dup, 'exclude', 'include']] as const) {
      decide(ctx, id, 'alice', a);
      decide(ctx, id, 'bob', b);
    }
    resolveRecord(ctx.db, ctx.criteria, { recordId: primary, by: 'Lea', stage: TA, decision: 'include', note: 'x' });
    resolveRecord(ctx.db, ctx.criteria, { recordId: dup, by: 'Lea', stage: TA, decision: 'exclude', reason: 'EX-SETTING' });
    const r = merge(ctx, dup, primary);
    expect(r.conflicts).toBe(3); // alice, bob and the two resolutions
    expect(r.details.map((d) => d.reviewer)).toEqual(['alice', 'bob', null]);
    expect(recordState(ctx.db, primary, TA).state!.outcome).toBe('include'); // an earlier resolution does not settle a later merge…
    expect(listConflicts(ctx.db).map((c) => c.kind)).toEqual([]); // …but the outcome stays resolved; listed with --all
    expect(listConflicts(ctx.db, { all: true })[0]).toMatchObject({ kind: 'duplicate-merge', resolved: true });
    resolveRecord(ctx.db, ctx.criteria, { recordId: primary, by: 'Lea', stage: TA, decision: 'exclude', reason: 'EX-SETTING' });
    expect(recordState(ctx.db, primary, TA).state).toMatchObject({ outcome: 'exclude', mergeConflicts: 0 });
  });

  it('moves full-text retrieval with the decisions, and a split takes the copies back', () => {
    const ctx = setup(2);
    const [primary, dup] = ctx.ids;
    for (const r of ['alice', 'bob']) decide(ctx, dup, r, 'include');
    recordFulltext(ctx.db, { recordId: dup, retrieved: 'pdfs/dup.pdf' });
    merge(ctx, dup, primary);
    expect(recordState(ctx.db, primary, TA).state!.outcome).toBe('include');
    expect(currentFulltext(ctx.db, primary)?.location).toBe('pdfs/dup.pdf');

    ctx.db.prepare('UPDATE records SET duplicate_of = NULL WHERE id = ?').run(dup);
    expect(restoreAfterSplit(ctx.db, dup, primary)).toEqual({ withdrawn: 2 });
    expect(recordState(ctx.db, primary, TA).state).toMatchObject({ outcome: 'pending', decisions: [] });
    expect(recordState(ctx.db, dup, TA).state!.outcome).toBe('include');
    // Nothing was deleted: the copies and their withdrawal are history.
    expect(ctx.db.prepare('SELECT decision, source FROM decisions WHERE record_id = ? ORDER BY id').all(primary)).toEqual([
      { decision: 'include', source: 'moved' }, { decision: 'include', source: 'moved' },
      { decision: 'withdrawn', source: 'split' }, { decision: 'withdrawn', source: 'split' },
    ]);
  });

  it('a split after the reviewer re-decided the primary keeps that decision', () => {
    const ctx = setup(2);
    const [primary, dup] = ctx.ids;
    decide(ctx, dup, 'alice', 'include');
    merge(ctx, dup, primary);
    decide(ctx, primary, 'alice', 'exclude');
    expect(restoreAfterSplit(ctx.db, dup, primary)).toEqual({ withdrawn: 0 });
    expect(recordState(ctx.db, primary, TA).state!.decisions.map((d) => d.decision)).toEqual(['exclude']);
  });
});

describe('the de-duplication hook', () => {
  it('is registered when screening loads, and reports screened records, moves and conflicts', () => {
    expect(screeningHook()).toBe(screeningDedupeHook);
    const ctx = setup(3);
    const [primary, dup, other] = ctx.ids;
    decide(ctx, primary, 'alice', 'include');
    decide(ctx, dup, 'alice', 'exclude');
    expect([...screeningDedupeHook.screened(ctx.db, [primary, dup, other])].sort()).toEqual([primary, dup].sort());
    expect(screeningDedupeHook.screened(ctx.db, [])).toEqual(new Set());
    ctx.db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?').run(primary, dup);
    const moved = screeningDedupeHook.moveToPrimary(ctx.db, dup, primary);
    expect(moved).toEqual({
      moved: 0,
      conflicts: [{ recordId: primary, fromRecordId: dup, detail: `title/abstract: alice decided include on record ${primary} but exclude on record ${dup}` }],
    });
    // It nests inside de-duplication's own transaction.
    ctx.db.transaction(() => screeningDedupeHook.restoreAfterSplit(ctx.db, primary, [dup]))();
    expect(recordState(ctx.db, primary, TA).state!.mergeConflicts).toBe(0);
  });
});
