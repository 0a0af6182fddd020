import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CriteriaError, criterionFor, loadCriteria, parseCriteria } from '../../src/criteria/format.js';
import { normaliseLanguage, recordLanguages } from '../../src/criteria/language.js';
import { applyRules } from '../../src/criteria/rules.js';
import { criteriaCheck, listAutoExclusions, overrideAutoExclusion } from '../../src/criteria/check.js';
import { recordDecision } from '../../src/screen/decisions.js';
import { stageStates } from '../../src/screen/state.js';
import { initWorkspace } from '../../src/workspace/workspace.js';
import { tempDir } from '../helpers/tmp.js';
import { defaultCriteria, seedRecords, setup } from './helpers.js';

const MINIMAL = '[EX-A] Setting\ninclude: x\nexclude: y\n';

describe('the criteria file', () => {
  it('the default file holds the reference review\'s five criteria, its date rule and no language limit', () => {
    const c = defaultCriteria();
    expect(c.criteria.map((x) => x.code)).toEqual(['EX-SETTING', 'EX-PHENOMENON', 'EX-DESIGN', 'EX-OUTCOME', 'EX-DATE']);
    expect(c.criteria[0]).toMatchObject({ element: 'Setting', include: ['Community and public-sector organisations.'] });
    expect(c.criteria[0].exclude).toContain('Health services.');
    expect(c.rules.years).toEqual({ from: 2013, to: 2023, code: 'EX-DATE' });
    expect(c.rules.languages).toBeUndefined();
    expect(c.rules.excludeTypes?.types).toContain('erratum');
    expect(c.rules.excludeTypes?.code).toBe('EX-DESIGN');
    expect(c.highlight).toContain('collaborat*');
    expect(c.highlight).toContain('local government');
  });

  it('reads codes, aliases, open year ranges, languages by name or code', () => {
    const c = parseCriteria(`# comment\n[EX-LANG] Language\nexclude: not English\nalias: foreign language, wrong language\n` +
      `[EX-DATE] Date\ninclude: recent\n[rules]\nyears: 2015- -> EX-DATE\nlanguages: English, cy -> EX-LANG\nexclude-types: none\n`);
    expect(c.rules.years).toEqual({ from: 2015, to: undefined, code: 'EX-DATE' });
    expect(c.rules.languages).toEqual({ allowed: ['en', 'cy'], code: 'EX-LANG' });
    expect(c.rules.excludeTypes).toBeUndefined();
    expect(criterionFor(c, 'Foreign Language')?.code).toBe('EX-LANG');
    expect(criterionFor(c, 'ex-date')?.code).toBe('EX-DATE');
    expect(criterionFor(c, 'wrong population')).toBeUndefined();
  });

  const bad: Array<[string, string, RegExp]> = [
    ['no criteria', '# nothing\n', /no criteria/],
    ['a key before any section', 'include: x\n', /must come after/],
    ['a header that is not a code', '[Setting stuff!] x\n', /not a criterion code/],
    ['a criterion without its element', '[EX-A]\ninclude: x\n', /needs the element/],
    ['a code defined twice', `${MINIMAL}[ex-a] Again\n`, /defined twice/],
    ['an unknown key', `${MINIMAL}maybe: z\n`, /unknown key "maybe"/],
    ['an empty item', `${MINIMAL}include:\n`, /has no text/],
    ['a rule naming an undefined code', `${MINIMAL}[rules]\nyears: 2013-2023 -> EX-DATE\n`, /EX-DATE is not defined/],
    ['a year rule without a code', `${MINIMAL}[rules]\nyears: 2013-2023\n`, /needs the code/],
    ['a backwards range', `${MINIMAL}[rules]\nyears: 2023-2013 -> EX-A\n`, /backwards/],
    ['a malformed range', `${MINIMAL}[rules]\nyears: 13-23 -> EX-A\n`, /four-digit/],
    ['an unknown rule', `${MINIMAL}[rules]\nmesh: x -> EX-A\n`, /unknown rule "mesh"/],
    ['a garbage line', `${MINIMAL}just words\n`, /expected "key: value"/],
  ];
  for (const [what, text, message] of bad) {
    it(`rejects ${what}, naming the line`, () => {
      let error: unknown;
      try {
        parseCriteria(text, 'queries/criteria.conf');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CriteriaError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/^queries\/criteria\.conf(:\d+)?: /);
    });
  }

  it('review init puts the default criteria in every new workspace; older workspaces fall back to it', () => {
    const dir = join(tempDir(), 'ws');
    initWorkspace(dir);
    const copied = join(dir, 'queries', 'criteria.conf');
    expect(existsSync(copied)).toBe(true);
    expect(loadCriteria(join(dir, 'queries'))).toMatchObject({ fallback: false, file: copied });
    expect(loadCriteria(join(tempDir(), 'nothing-here')).fallback).toBe(true);
    expect(readFileSync(copied, 'utf8')).toContain('[EX-PHENOMENON]');
  });
});

describe('languages', () => {
  it('normalises names and ISO 639-1/639-2 codes', () => {
    for (const v of ['English', 'eng', 'en', 'EN-gb', 'english.']) expect(normaliseLanguage(v)).toBe('en');
    expect(normaliseLanguage('Welsh')).toBe('cy');
    expect(normaliseLanguage('cym')).toBe('cy');
    expect(normaliseLanguage('Klingon')).toBeUndefined();
    expect(recordLanguages('English; French')).toEqual({ known: ['en', 'fr'], unknown: [] });
    expect(recordLanguages('English and Klingon')).toEqual({ known: ['en'], unknown: ['Klingon'] });
  });
});

describe('machine-checkable rules', () => {
  const c = parseCriteria(`${MINIMAL}[EX-LANG] Language\ninclude: English\n[EX-DATE] Date\ninclude: 2013-2023\n` +
    `[rules]\nyears: 2013-2023 -> EX-DATE\nlanguages: en -> EX-LANG\nexclude-types: Editorial, Erratum -> EX-A\n`);
  const rec = (year: number | null, language: string | null = null, type: string | null = null) => ({ year, language, type });

  it('excludes outside the year range, inclusive bounds kept', () => {
    expect(applyRules(c, rec(2012))).toMatchObject({ rule: 'year', code: 'EX-DATE', detail: 'published 2012, before 2013' });
    expect(applyRules(c, rec(2024))).toMatchObject({ rule: 'year', detail: 'published 2024, after 2023' });
    expect(applyRules(c, rec(2013))).toBeUndefined();
    expect(applyRules(c, rec(2023))).toBeUndefined();
  });

  it('never excludes a record with no year or no (or an unreadable) language: it goes to people', () => {
    expect(applyRules(c, rec(null))).toBeUndefined();
    expect(applyRules(c, rec(2018, null))).toBeUndefined();
    expect(applyRules(c, rec(2018, '   '))).toBeUndefined();
    expect(applyRules(c, rec(2018, 'Klingon'))).toBeUndefined();
    expect(applyRules(c, rec(2018, 'German; Klingon'))).toBeUndefined();
  });

  it('excludes another language, keeps a record that is also in an allowed one', () => {
    expect(applyRules(c, rec(2018, 'German'))).toMatchObject({ rule: 'language', code: 'EX-LANG' });
    expect(applyRules(c, rec(2018, 'ger'))).toMatchObject({ rule: 'language' });
    expect(applyRules(c, rec(2018, 'German; English'))).toBeUndefined();
    expect(applyRules(c, rec(2018, 'eng'))).toBeUndefined();
  });

  it('excludes listed publication types whatever their case, and nothing else', () => {
    expect(applyRules(c, rec(2018, null, 'EDITORIAL'))).toMatchObject({ rule: 'type', code: 'EX-A', detail: 'publication type EDITORIAL' });
    expect(applyRules(c, rec(2018, null, 'Editorial Material'))).toBeUndefined();
    expect(applyRules(c, rec(2018, null, 'JOUR'))).toBeUndefined();
  });
});

describe('review criteria check', () => {
  it('marks what the rules exclude, is idempotent, and lets a reviewer send a record back to people', () => {
    const { db, criteria } = setup(0);
    const [old, ok, noYear, erratum, decided] = seedRecords(db, [
      { year: 2009 }, { year: 2019 }, { year: null }, { year: 2020, type: 'Erratum' }, { year: 2001 },
    ]);
    recordDecision(db, criteria, { recordId: decided, reviewer: 'alice', stage: 'title-abstract', decision: 'include' });
    const first = criteriaCheck(db, criteria);
    expect(first).toMatchObject({ checked: 5, excluded: 3, added: 3, removed: 0, changed: true, leftToPeople: 1 });
    expect(listAutoExclusions(db).map((r) => [r.recordId, r.code, r.decided])).toEqual([
      [old, 'EX-DATE', false], [erratum, 'EX-DESIGN', false], [decided, 'EX-DATE', true],
    ]);
    const states = stageStates(db, 'title-abstract');
    expect(states.get(old)!.outcome).toBe('auto-excluded');
    expect(states.get(ok)!.outcome).toBe('pending');
    expect(states.get(noYear)!.outcome).toBe('pending');
    expect(states.get(decided)!.outcome).toBe('pending'); // people decide it: a human decision trumps the rule

    const again = criteriaCheck(db, criteria);
    expect(again).toMatchObject({ changed: false, added: 0, removed: 0 });
    expect(db.prepare('SELECT COUNT(*) FROM criteria_checks').pluck().get()).toBe(1);

    expect(overrideAutoExclusion(db, old, 'bob', 'conference year; paper is 2014')).toEqual({ changed: true });
    expect(overrideAutoExclusion(db, old, 'bob')).toEqual({ changed: false });
    expect(stageStates(db, 'title-abstract').get(old)!.outcome).toBe('pending');
    expect(() => overrideAutoExclusion(db, ok, 'bob')).toThrow(/not excluded by the criteria check/);
    expect(() => overrideAutoExclusion(db, erratum, 'nobody')).toThrow(/unknown reviewer/);
    // A reviewer deciding an automatically excluded record takes it to people too.
    recordDecision(db, criteria, { recordId: erratum, reviewer: 'alice', stage: 'title-abstract', decision: 'include' });
    expect(stageStates(db, 'title-abstract').get(erratum)!.outcome).toBe('pending');
  });

  it('lifts marks a changed criteria file no longer makes', () => {
    const { db, criteria } = setup(0);
    const [old] = seedRecords(db, [{ year: 2011 }]);
    criteriaCheck(db, criteria);
    expect(stageStates(db, 'title-abstract').get(old)!.outcome).toBe('auto-excluded');
    const wider = parseCriteria(criteria.text.replace('years: 2013-2023', 'years: 2010-2023'), 'wider');
    expect(criteriaCheck(db, wider)).toMatchObject({ changed: true, removed: 1, added: 0, excluded: 0 });
    expect(stageStates(db, 'title-abstract').get(old)!.outcome).toBe('pending');
  });
});

describe('the screening stage of review run', () => {
  it('applies the workspace criteria idempotently and summarises where screening stands', async () => {
    const { runScreeningStage } = await import('../../src/screen/stage.js');
    const { workspaceAt } = await import('../../src/workspace/workspace.js');
    const { db } = setup(0);
    seedRecords(db, [{ year: 2010 }, { year: 2020 }]);
    const ws = workspaceAt(tempDir()); // no queries/criteria.conf: the default criteria
    const first = runScreeningStage(db, ws);
    expect(first).toMatchObject({ changed: true, criteria: { fallback: true, check: { excluded: 1 } } });
    expect(first.stages[0]).toMatchObject({ stage: 'title-abstract', records: 2, autoExcluded: 1, pending: 1 });
    expect(first.counts).toMatchObject({ markedIneligibleByAutomation: 1, recordsScreened: 1 });
    expect(runScreeningStage(db, ws).changed).toBe(false);
  });
});
