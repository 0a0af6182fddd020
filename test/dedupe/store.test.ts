/**
 * De-duplication over a review database: groups, merged fields, marks,
 * incremental runs, previous-review records, decisions, undo, CSV, history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { openDatabase, type DB } from '../../src/store/db.js';
import { importFile } from '../../src/ingest/import.js';
import { listRecords } from '../../src/ingest/records.js';
import {
  decidePair, DedupeError, exportUncertain, importDecisions, listUncertain, runDedupe, setScreeningHook, showGroup, undoGroup, whyUncertain,
  NO_SCREENING,
} from '../../src/dedupe/index.js';
import { writeTemp } from '../helpers/tmp.js';
import { DEFAULT_OPTIONS } from '../../src/dedupe/options.js';
import { ris, type RisRecord } from './helpers.js';

const A: RisRecord = {
  id: 'M1', title: 'Community anchor organisations and local wellbeing: a realist evaluation in three Welsh towns',
  authors: ['Hughes, Sian', 'Price, Owen', 'Evans, Mair'], year: 2019, journal: 'Local Government Studies', volume: '45',
  start: '412', end: '431', doi: '10.99999/lgs.2019.45.3.412', abstract: 'Short abstract.',
};
const A_EMBASE: RisRecord = {
  ...A, id: 'E1', title: A.title!.toUpperCase(), authors: ['S Hughes', 'O Price', 'M Evans'], journal: 'Local Gov Stud', end: '31',
  doi: undefined, abstract: 'A much longer abstract, as Embase gives it: background, methods, results and conclusions in full.',
};
const C: RisRecord = {
  id: 'M3', title: 'Volunteering and loneliness in rural Wales: a cohort study', authors: ['Rees, Gwen', 'Morgan, Huw'], year: 2018,
  journal: 'Health & Place', volume: '51', start: '10', end: '18', doi: '10.99999/hp.2018.51.10',
};
/** The same title, authors and year in another journal: co-publication or a distinct paper? A person decides. */
const C_ELSEWHERE: RisRecord = { ...C, id: 'E3', journal: 'Social Science & Medicine', volume: '200', start: '5', end: '12', doi: undefined };
const D: RisRecord = { id: 'E4', title: 'Asset-based community development in the valleys', authors: ['Owen, Ffion'], year: 2020, journal: 'Voluntary Sector Review' };

function library(): DB {
  const db = openDatabase(':memory:');
  importFile(db, writeTemp('medline.ris', ris([A, C], 'cmedm')));
  importFile(db, writeTemp('embase.ris', ris([A_EMBASE, C_ELSEWHERE, D], 'Embase')));
  return db;
}

const idOf = (db: DB, key: string) => db.prepare('SELECT id FROM records WHERE source_key = ?').pluck().get(key) as number;

afterEach(() => {
  setScreeningHook(NO_SCREENING);
});

describe('runDedupe', () => {
  it('merges certain duplicates into groups, marks merged-away records, and reports the counts', () => {
    const db = library();
    const r = runDedupe(db);
    expect(r.run).toMatchObject({ mode: 'full', reason: 'first run', recordsNew: 5, groupsCreated: 1 });
    expect(r).toMatchObject({
      recordsIn: 5, uniqueRecords: 4, duplicatesRemoved: { total: 1, byDatabase: { Embase: 1 } }, uncertainPairs: 1,
      groups: [['M1', 'E1']],
    });
    // Records are never deleted: the duplicate is marked with its primary.
    expect(db.prepare('SELECT COUNT(*) FROM records').pluck().get()).toBe(5);
    const rows = listRecords(db).rows;
    expect(rows.find((x) => x.sourceKey === 'E1')!.duplicateOf).toBe(idOf(db, 'M1'));
    expect(rows.filter((x) => x.duplicateOf !== null)).toHaveLength(1);
    expect(db.prepare('SELECT record_id, duplicate_of FROM record_duplicates').all())
      .toEqual([{ record_id: idOf(db, 'E1'), duplicate_of: idOf(db, 'M1') }]);
  });

  it('keeps the most complete record as primary and merges fields: longest abstract, every identifier and database', () => {
    const db = library();
    runDedupe(db);
    const g = showGroup(db, 1)!;
    expect(g.primaryId).toBe(idOf(db, 'M1')); // it has the DOI
    expect(g.merged).toMatchObject({
      abstract: A_EMBASE.abstract, abstractFrom: idOf(db, 'E1'), dois: [A.doi], databases: ['MEDLINE', 'Embase'], sourceKeys: ['M1', 'E1'],
    });
    expect(g.members.map((m) => [m.sourceKey, m.rule])).toEqual([['M1', 'fuzzy'], ['E1', 'fuzzy']]);
    expect(g.members[1].score).toBeGreaterThan(0.95);
    expect(g.history.map((h) => h.action)).toEqual(['group']);
  });

  it('a second run with nothing new changes nothing; an update search is compared against the library only', () => {
    const db = library();
    runDedupe(db);
    const again = runDedupe(db);
    expect(again).toMatchObject({ changed: false, run: { mode: 'up-to-date' } });
    expect(db.prepare('SELECT COUNT(*) FROM dedupe_runs').pluck().get()).toBe(1);

    importFile(db, writeTemp('cinahl.ris', ris([{ ...A, id: 'C1', title: 'Community anchor organisations and local wellbeing' },
      { id: 'C2', title: 'Mutual aid groups during floods', authors: ['Price, Owen'], year: 2021 }], 'cin20')));
    const update = runDedupe(db);
    expect(update.run).toMatchObject({ mode: 'incremental', recordsNew: 2, groupsCreated: 0, groupsChanged: 1 });
    expect(update.groups).toEqual([['M1', 'E1', 'C1']]);
    expect(update.duplicatesRemoved.byDatabase).toEqual({ CINAHL: 1, Embase: 1 });
    expect(showGroup(db, 1)!.history.map((h) => h.action)).toEqual(['group', 'join']);
  });

  it('records of a previous version of the review become primaries: the update finds what was screened last time', () => {
    const db = openDatabase(':memory:');
    importFile(db, writeTemp('previous.ris', ris([{ ...A, id: 'P1', doi: undefined, abstract: undefined }], 'cmedm')), { previous: true });
    importFile(db, writeTemp('update.ris', ris([{ ...A, id: 'U1' }, D], 'cmedm')));
    const r = runDedupe(db);
    expect(r.groups).toEqual([['P1', 'U1']]); // primary first, although U1 is more complete
    expect(r.previousReview).toEqual({ records: 1, matchedByNewRecords: 1 });
  });

  it('a previous-review record imported later takes over as primary, and the change is logged', () => {
    const db = openDatabase(':memory:');
    importFile(db, writeTemp('update.ris', ris([A, A_EMBASE], 'cmedm')));
    runDedupe(db);
    importFile(db, writeTemp('previous.ris', ris([{ ...A, id: 'P1' }], 'cmedm')), { previous: true });
    const r = runDedupe(db);
    expect(r.groups).toEqual([['P1', 'M1', 'E1']]);
    expect(showGroup(db, 1)!.history.map((h) => h.action)).toEqual(['group', 'join', 'primary']);
  });

  it('an incremental run does not join two existing groups that hold known-distinct records', () => {
    const db = openDatabase(':memory:');
    const erratum: RisRecord = { ...A, id: 'R1', title: `Erratum: ${A.title}`, start: '900', end: undefined, doi: '10.99999/lgs.2019.45.3.900' };
    importFile(db, writeTemp('first.ris', ris([A, { ...A_EMBASE }, erratum, { ...erratum, id: 'R2', doi: undefined }], 'cmedm')));
    expect(runDedupe(db, { notices: 'distinct' }).groups).toEqual([['M1', 'E1'], ['R1', 'R2']]);
    // A new record that looks like both: the article's title at the erratum's page.
    importFile(db, writeTemp('update.ris', ris([{ ...A, id: 'N1', start: '900', end: undefined, doi: undefined }], 'cin20')));
    const r = runDedupe(db);
    expect(r.run.mode).toBe('incremental');
    expect(r.groups.filter((g) => g.includes('M1') && g.includes('R1'))).toEqual([]);
    expect(r.uncertainPairs).toBeGreaterThan(0); // the contested join is left for a person
  });

  it('a retraction notice joins its article, which stays primary, and the group is reported', () => {
    const db = openDatabase(':memory:');
    importFile(db, writeTemp('m.ris', ris([A, { ...A, id: 'N1', title: `Retraction notice to: ${A.title}`, start: '999', end: undefined,
      doi: '10.99999/lgs.2020.retraction', year: 2020 }], 'cmedm')));
    const r = runDedupe(db);
    expect(r.groups).toEqual([['M1', 'N1']]);
    expect(r.retractionGroups).toEqual([1]);
    expect(showGroup(db, 1)!.merged.notices).toEqual([{ recordId: idOf(db, 'N1'), kind: 'retraction-notice' }]);
  });

  it('options stick for later runs; changing one compares everything again', () => {
    const db = library();
    runDedupe(db, { preprints: 'uncertain' });
    importFile(db, writeTemp('more.ris', ris([{ id: 'X1', title: 'Something new', year: 2022 }], 'cin20')));
    const next = runDedupe(db);
    expect(next.run).toMatchObject({ mode: 'incremental', options: { preprints: 'uncertain' } });
    const changed = runDedupe(db, { certain: 0.99 });
    expect(changed.run).toMatchObject({ mode: 'full', reason: 'options changed', recordsNew: 6 });
    expect(() => runDedupe(db, { certain: 0.4, uncertain: 0.5 })).toThrow(/thresholds/);
  });
});

describe('people in the loop', () => {
  it('lists uncertain pairs side by side and applies a decision at once; decisions are append-only', () => {
    const db = library();
    runDedupe(db);
    const [pair] = listUncertain(db);
    expect([pair.a.sourceKey, pair.b.sourceKey]).toEqual(['M3', 'E3']);
    expect(pair.evidence).toEqual(expect.arrayContaining(['+10 same title', '-3 journal names differ']));

    expect(decidePair(db, String(pair.pair), 'same')).toMatchObject({ effect: 'merged' });
    let s = runDedupe(db, { full: true });
    expect(s.uncertainPairs).toBe(0);
    expect(s.groups).toContainEqual(['M3', 'E3']);

    expect(decidePair(db, `${idOf(db, 'E3')}-${idOf(db, 'M3')}`, 'different', { note: 'different journals' })).toMatchObject({ effect: 'split' });
    s = runDedupe(db, { full: true });
    expect(s.groups).toEqual([['M1', 'E1']]);
    expect(s.uncertainPairs).toBe(0); // decided
    expect(db.prepare('SELECT decision, note FROM dedupe_decisions ORDER BY id').all())
      .toEqual([{ decision: 'same', note: null }, { decision: 'different', note: 'different journals' }]);
    expect(() => db.prepare("UPDATE dedupe_decisions SET decision = 'same'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM dedupe_history').run()).toThrow(/append-only/);
  });

  it('a "same" decision across two groups merges them: one is absorbed, and the log says so', () => {
    const db = library();
    importFile(db, writeTemp('more.ris', ris([{ ...C_ELSEWHERE, id: 'X3' }, { ...C, id: 'Y3' }], 'cin20')));
    const first = runDedupe(db);
    expect(first.groups).toEqual([['M1', 'E1'], ['M3', 'Y3'], ['E3', 'X3']]);
    decidePair(db, `${idOf(db, 'M3')}-${idOf(db, 'E3')}`, 'same');
    const r = runDedupe(db, { full: true });
    expect(r.groups).toEqual([['M1', 'E1'], ['M3', 'E3', 'X3', 'Y3']]);
    expect(showGroup(db, 3)).toMatchObject({ status: 'absorbed', absorbedInto: 2 });
    const merged = showGroup(db, 2)!;
    expect(merged.history.map((h) => h.action)).toEqual(['group', 'absorb']);
    expect(merged.members.filter((m) => m.removedAt === null).map((m) => [m.sourceKey, m.rule]))
      .toEqual([['M3', 'doi'], ['Y3', 'doi'], ['E3', 'fuzzy'], ['X3', 'fuzzy']]);
  });

  it('rejects unknown pairs and a merge that contradicts an earlier decision', () => {
    const db = library();
    runDedupe(db);
    expect(() => decidePair(db, '999', 'same')).toThrow(DedupeError);
    expect(() => decidePair(db, '1-1', 'same')).toThrow(/two different records/);
    const [m1, e1, m3] = ['M1', 'E1', 'M3'].map((k) => idOf(db, k));
    decidePair(db, `${m1}-${m3}`, 'different');
    expect(() => decidePair(db, `${e1}-${m3}`, 'same')).toThrow(/decided different/);
  });

  it('undo splits a group, keeps its records apart in later runs, and can be reversed by a decision', () => {
    const db = library();
    runDedupe(db);
    const [m1, e1] = ['M1', 'E1'].map((k) => idOf(db, k));
    expect(undoGroup(db, 1, { note: 'two reports' })).toEqual({ groupId: 1, released: [m1, e1] });
    expect(showGroup(db, 1)).toMatchObject({ status: 'undone' });
    expect(db.prepare('SELECT COUNT(*) FROM records WHERE duplicate_of IS NOT NULL').pluck().get()).toBe(0);
    expect(runDedupe(db, { full: true }).groups).toEqual([]);
    expect(() => undoGroup(db, 1)).toThrow(/undone, not active/);
    decidePair(db, `${m1}-${e1}`, 'same');
    expect(runDedupe(db, { full: true }).groups).toEqual([['M1', 'E1']]);
  });

  it('undo --record takes one record out and keeps the rest together', () => {
    const db = library();
    importFile(db, writeTemp('cinahl.ris', ris([{ ...A, id: 'C1' }], 'cin20')));
    runDedupe(db);
    const c1 = idOf(db, 'C1');
    undoGroup(db, 1, { record: c1 });
    const r = runDedupe(db, { full: true });
    expect(r.groups).toEqual([['M1', 'E1']]);
    expect(listRecords(db).rows.find((x) => x.sourceKey === 'C1')!.duplicateOf).toBeNull();
    expect(() => undoGroup(db, 1, { record: 12345 })).toThrow(/not in group/);
  });

  it('exports uncertain pairs to CSV and imports the filled-in decisions', () => {
    const db = library();
    runDedupe(db);
    const path = writeTemp('pairs.csv', '');
    expect(exportUncertain(db, path)).toBe(1);
    const text = readFileSync(path, 'utf8');
    const [header, row] = text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(header.startsWith('pair,decision,score,rule,record_a,record_b,a_title,b_title')).toBe(true);
    expect(header.endsWith(',evidence,why')).toBe(true);
    expect(row).toContain('the evidence below neither confirms nor rules out a duplicate');
    expect(row).toContain('Volunteering and loneliness in rural Wales');
    writeFileSync(path, text.replace(/\r\n(\d+),,/, '\r\n$1,same,'));
    const result = importDecisions(db, path);
    expect(result).toMatchObject({ skipped: 0 });
    expect(result.applied[0]).toMatchObject({ decision: 'same', effect: 'merged' });
    expect(db.prepare('SELECT source FROM dedupe_decisions').pluck().get()).toBe('csv:pairs.csv');

    // All or nothing: the good row (line 4) is not applied when lines 2 and 6 are bad.
    const decisions = () => db.prepare('SELECT COUNT(*) FROM dedupe_decisions').pluck().get();
    const before = decisions();
    // Lines as in the file: the blank line counts.
    const bad = writeTemp('bad.csv', 'pair,decision,record_a,record_b\n1,maybe,1,2\n\n2,different,1,3\n3,,2,3\n4,same,1,999\n');
    expect(() => importDecisions(db, bad)).toThrow(/2 problems, nothing applied:\n {2}line 2: .*same.*different.*\n {2}line 6: no record with id 999/);
    expect(decisions()).toBe(before);
    expect(() => importDecisions(db, writeTemp('x.csv', 'a,b\n1,2\n'))).toThrow(/expected columns/);
  });
});

describe('screening hook', () => {
  it('prefers a screened record as primary, moves a merged-away record\'s decisions, and surfaces conflicts', () => {
    const db = library();
    const screenedKeys = new Set(['E1', 'M1']);
    const moves: Array<[number, number]> = [];
    const restored: Array<[number, number[]]> = [];
    setScreeningHook({
      screened: (d, ids) => new Set(ids.filter((id) => screenedKeys.has(d.prepare('SELECT source_key FROM records WHERE id = ?').pluck().get(id) as string))),
      moveToPrimary: (_d, from, to) => {
        moves.push([from, to]);
        return { moved: 1, conflicts: [{ recordId: to, fromRecordId: from, detail: 'title-abstract: include vs exclude (reviewer 1)' }] };
      },
      restoreAfterSplit: (_d, primary, ids) => void restored.push([primary, ids]),
    });
    const r = runDedupe(db);
    expect(moves).toEqual([[idOf(db, 'E1'), idOf(db, 'M1')]]);
    expect(r.screeningConflicts).toBe(1);
    expect(showGroup(db, 1)!.history.map((h) => h.action)).toEqual(['group', 'screening-moved', 'screening-conflict']);
    // Undoing the merge lets screening take the moved decisions back.
    undoGroup(db, 1);
    expect(restored).toEqual([[idOf(db, 'M1'), [idOf(db, 'E1')]]]);

    // Only E1 screened: it becomes the primary although M1 is more complete.
    screenedKeys.delete('M1');
    const db2 = library();
    expect(runDedupe(db2).groups).toEqual([['E1', 'M1']]);
  });
});

describe('why a pair waits for a person', () => {
  it('says it in words for each rule', () => {
    expect(whyUncertain('trap:retitled')).toMatch(/rewritten title/);
    // Under the default policy (notices join their article) a notice pair is uncertain by its score; under 'uncertain', by the policy.
    expect(whyUncertain('trap:erratum')).toMatch(/^an erratum and the article it concerns, and the evidence below neither confirms/);
    expect(whyUncertain('trap:erratum', { ...DEFAULT_OPTIONS, notices: 'uncertain' })).toBe('an erratum and the article it concerns (--notices uncertain)');
    expect(whyUncertain('trap:retraction-notice')).toMatch(/^a retraction notice and the article/);
    expect(whyUncertain('trap:preprint', { ...DEFAULT_OPTIONS, preprints: 'uncertain' })).toMatch(/\(--preprints uncertain\)$/);
    expect(whyUncertain('contested:doi')).toMatch(/known to differ/);
    expect(whyUncertain('fuzzy')).toMatch(/between --uncertain and --certain/);
  });
});
