import { describe, expect, it } from 'vitest';
import { ScreenSession, wrap, type Key } from '../../src/screen/session.js';
import { compileTerms, highlight } from '../../src/screen/highlight.js';
import { shuffle } from '../../src/screen/queue.js';
import { recordDecision } from '../../src/screen/decisions.js';
import { currentDecisions } from '../../src/screen/state.js';
import { seedRecords, setup } from './helpers.js';

const TA = 'title-abstract' as const;

function session(ctx: ReturnType<typeof setup>, reviewer = 'alice', extra: Partial<ConstructorParameters<typeof ScreenSession>[0]> = {}) {
  let t = 0;
  return new ScreenSession({ db: ctx.db, criteria: ctx.criteria, reviewer, stage: TA, width: 100, height: 40, clock: () => (t += 30_000), ...extra });
}

/** Press keys: plain characters, or {name} for special keys. */
function press(s: ScreenSession, ...keys: Array<string | Key>): 'continue' | 'quit' {
  let last: 'continue' | 'quit' = 'continue';
  for (const k of keys) {
    if (typeof k === 'string') for (const ch of k) last = s.handleKey({ name: ch, sequence: ch });
    else last = s.handleKey(k);
  }
  return last;
}

const mine = (ctx: ReturnType<typeof setup>, reviewer = 'alice') =>
  currentDecisions(ctx.db, TA).filter((d) => d.reviewer === reviewer).map((d) => [d.recordId, d.decision, d.reason, d.note]);

describe('the screening session (keys in, screen out)', () => {
  it('also highlights the terms of the documented search strings', () => {
    const ctx = setup(0);
    seedRecords(ctx.db, [{ title: 'Timebanking in rural parishes', abstract: 'Reciprocity among neighbours.', year: 2019 }]);
    expect(session(ctx).render()).toContain('Timebanking in rural parishes');
    const withSearch = session(ctx, 'alice', { searchTerms: ['timebank*', '"rural parish*"'] }).render();
    expect(withSearch).toContain('[Timebanking] in [rural parishes]');
  });

  it('shows the record and decides with single keys, each decision saved at once', () => {
    const ctx = setup(0);
    const ids = seedRecords(ctx.db, [
      { title: 'Collaboration between councils and charities', abstract: 'A scoping review of local government partnerships.', year: 2019 },
      { title: 'Second record' }, { title: 'Third record' }, { title: 'Fourth record' },
    ]);
    const s = session(ctx);
    const screen = s.render();
    expect(screen).toContain('review screen · title/abstract · alice');
    expect(screen).toContain(`Record ${ids[0]}`);
    expect(screen).toContain('[Collaboration] between [councils] and [charities]'); // search terms highlighted
    expect(screen).toContain('A [scoping] [review] of [local government] [partnerships].');
    expect(screen).toContain('Your decision: not decided yet');
    expect(screen).toMatch(/You: 0 decided, 4 left in your queue/);

    press(s, 'i');
    expect(mine(ctx)).toEqual([[ids[0], 'include', null, null]]);
    expect(s.current()).toBe(ids[1]);
    press(s, 'e');
    expect(s.render()).toContain('Exclude because: 1 EX-SETTING  2 EX-PHENOMENON  3 EX-DESIGN  4 EX-OUTCOME  5 EX-DATE');
    press(s, '1');
    press(s, 'n', 'hospital ward', { name: 'backspace' }, 'D', { name: 'return' });
    expect(s.render()).toContain('new note: hospital warD');
    press(s, 'u');
    press(s, 'e', { name: 'return' }); // no reason at title/abstract
    expect(mine(ctx)).toEqual([
      [ids[0], 'include', null, null], [ids[1], 'exclude', 'EX-SETTING', null], [ids[2], 'unsure', null, 'hospital warD'], [ids[3], 'exclude', null, null],
    ]);
    expect(s.render()).toContain('Nothing left for you to screen at title/abstract.');
    expect(press(s, 'q')).toBe('quit');
    expect(ctx.db.prepare('SELECT decisions, ended_at IS NOT NULL AS ended FROM screening_sessions').get()).toEqual({ decisions: 4, ended: 1 });
  });

  it('saves a note at once on a record already decided (going back), instead of dropping it on quit', () => {
    const ctx = setup(2);
    const s = session(ctx);
    press(s, 'e', '1', 'b');
    expect(s.current()).toBe(ctx.ids[0]);
    press(s, 'n', 'checked the PDF', { name: 'return' });
    expect(s.render()).toContain(`Saved: note on record ${ctx.ids[0]} with your decision exclude (EX-SETTING).`);
    expect(press(s, 'q')).toBe('quit');
    expect(mine(ctx)).toEqual([[ctx.ids[0], 'exclude', 'EX-SETTING', 'checked the PDF']]);
  });

  it('skips (the record comes back at the end), goes back to change a decision, shows criteria and help', () => {
    const ctx = setup(3);
    const ids = ctx.ids;
    const s = session(ctx);
    press(s, 's');
    expect(s.current()).toBe(ids[1]);
    press(s, 'i', 'i');
    expect(s.current()).toBe(ids[0]); // the skipped one, last
    press(s, { name: 'left' });
    expect(s.current()).toBe(ids[2]);
    expect(s.render()).toContain('(going back)');
    expect(s.render()).toContain('Your decision: include');
    press(s, 'b');
    expect(s.current()).toBe(ids[1]);
    press(s, 'e', { name: 'escape' });
    expect(s.render()).toContain('Exclusion cancelled.');
    press(s, 'e', '2'); // change ids[1] to exclude: a new row, history kept
    expect(s.current()).toBe(ids[2]);
    press(s, 's'); // forward past ids[2] unchanged
    expect(s.current()).toBe(ids[0]);
    expect(mine(ctx)).toEqual([[ids[1], 'exclude', 'EX-PHENOMENON', null], [ids[2], 'include', null, null]]);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM decisions').pluck().get()).toBe(3);

    press(s, 'c');
    expect(s.render()).toContain('EX-SETTING Setting');
    expect(s.render()).toContain('+ include: Community and public-sector organisations.');
    s.resize(100, 16); // a small terminal: the criteria scroll, nothing is drawn past the last row
    expect(s.render().split('\n').length).toBeLessThanOrEqual(16);
    expect(s.render()).toMatch(/Lines 1–\d+ of \d+: ↓\/↑ or space to scroll/);
    press(s, { name: 'down' }, { name: 'down' });
    expect(s.render()).toMatch(/Lines 3–/);
    expect(s.render()).not.toContain('EX-SETTING Setting');
    s.resize(100, 40);
    press(s, 'x');
    expect(s.render()).not.toContain('Eligibility criteria');
    press(s, '?');
    expect(s.render()).toContain('u  unsure');
    press(s, 'x', 'z');
    expect(s.render()).toContain('Key "z" does nothing here');
    expect(press(s, { name: 'c', ctrl: true })).toBe('quit');
  });

  it('resumes where the reviewer stopped, and never shows another reviewer\'s decision first', () => {
    const ctx = setup(3);
    recordDecision(ctx.db, ctx.criteria, { recordId: ctx.ids[0], reviewer: 'alice', stage: TA, decision: 'exclude', reason: 'EX-SETTING', note: 'SECRET NOTE' });
    const bob = session(ctx, 'bob');
    expect(bob.current()).toBe(ctx.ids[0]);
    expect(bob.render()).not.toMatch(/SECRET|EX-SETTING\)|alice/);
    bob.end();
    const alice = session(ctx, 'alice');
    expect(alice.current()).toBe(ctx.ids[1]); // resumes after her decided record
    press(alice, 'b');
    expect(alice.current()).toBe(ctx.ids[0]); // and can go back to it
  });

  it('random order is a seeded shuffle, kept when resuming', () => {
    const ctx = setup(12);
    const s = session(ctx, 'alice', { order: 'random', seed: 42 });
    const order = shuffle(ctx.ids, 42);
    expect(order).not.toEqual(ctx.ids);
    expect(s.current()).toBe(order[0]);
    expect(s.render()).toContain('random order (seed 42)');
    press(s, 'i');
    s.end();
    const again = session(ctx, 'alice', { order: 'random' });
    expect(again.seed).toBe(42);
    expect(again.current()).toBe(order[1]);
  });

  it('at full text an exclusion needs a reason, and the retrieval is shown', () => {
    const ctx = setup(1);
    for (const r of ['alice', 'bob']) recordDecision(ctx.db, ctx.criteria, { recordId: ctx.ids[0], reviewer: r, stage: TA, decision: 'include' });
    const s = session(ctx, 'alice', { stage: 'full-text' });
    expect(s.render()).toContain('Full text: not recorded');
    press(s, 'e', { name: 'return' });
    expect(s.render()).toContain('A full-text exclusion needs a reason');
    press(s, '9');
    expect(s.render()).toContain('Press 1–5, or Esc.');
    press(s, '3');
    expect(currentDecisions(ctx.db, 'full-text').map((d) => [d.decision, d.reason])).toEqual([['exclude', 'EX-DESIGN']]);
  });
});

describe('text helpers', () => {
  it('wraps at word boundaries and cuts words longer than the line', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('highlights words, truncations and phrases (space or hyphen), case-insensitively, not inside words', () => {
    const t = compileTerms(['collaborat*', '"local government"', 'place-based', 'a*']);
    const m = (s: string) => `<${s}>`;
    expect(highlight('Collaborative work by Local-Government', t, m)).toBe('<Collaborative> work by <Local-Government>');
    expect(highlight('place based and placebased', t, m)).toBe('<place based> and placebased');
    expect(highlight('noncollaborative', t, m)).toBe('noncollaborative');
    expect(compileTerms([])).toBeUndefined();
  });
});
