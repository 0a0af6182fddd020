import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { join } from 'node:path';
import { criteriaCheck, overrideAutoExclusion } from '../../src/criteria/check.js';
import { agreement } from '../../src/screen/agreement.js';
import { exportDecisions, importDecisions, parseRayyanNotes, DecisionsImportError } from '../../src/screen/csv.js';
import { recordDecision, resolveRecord } from '../../src/screen/decisions.js';
import { moveDecisionsToPrimary, restoreAfterSplit } from '../../src/screen/merge.js';
import { recordFulltext } from '../../src/screen/fulltext.js';
import { listConflicts, screeningCounts, screeningProgress } from '../../src/screen/progress.js';
import { stageStates } from '../../src/screen/state.js';
import { addReviewer, setBlinding } from '../../src/screen/reviewers.js';
import { openDatabase, type DB } from '../../src/store/db.js';
import { tempDir, writeTemp } from '../helpers/tmp.js';
import { defaultCriteria, seedRecords, setup } from './helpers.js';

const TA = 'title-abstract' as const;
const FT = 'full-text' as const;

/** Everything the counts are made of, without ids (which may differ between databases). */
function fingerprint(db: DB) {
  const criteria = defaultCriteria();
  return {
    counts: screeningCounts(db, criteria),
    progress: screeningProgress(db),
    conflicts: listConflicts(db, { all: true }).map(({ recordId, resolution, ...c }) => ({ ...c, resolution: resolution && { ...resolution, at: undefined } })),
    agreement: agreement(db),
    rows: ['decisions', 'resolutions', 'auto_overrides', 'fulltext', 'blinding_events', 'reviewers']
      .map((t) => db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get()),
  };
}

describe('decisions export → import into a fresh database', () => {
  it('reproduces every count, and importing again changes nothing', () => {
    const { db, ids, criteria } = setup(0);
    const records = seedRecords(db, [
      ...Array.from({ length: 12 }, (_, i) => ({ year: 2015 + (i % 5) })), { year: 2009 }, { year: 2010 }, { year: null },
    ], { path: 'imports/search.ris' });
    void ids;
    criteriaCheck(db, criteria);
    overrideAutoExclusion(db, records[13], 'bob', 'published 2014 in print');
    const d = (i: number, reviewer: string, decision: string, stage: 'title-abstract' | 'full-text' = TA, reason: string | null = null, note: string | null = null) =>
      recordDecision(db, criteria, { recordId: records[i], reviewer, stage, decision, reason, note });
    for (let i = 0; i < 12; i++) {
      d(i, 'alice', i % 4 === 0 ? 'exclude' : 'include', TA, i % 4 === 0 ? 'EX-SETTING' : null, i === 1 ? 'note, with "quotes"\nand a line break' : null);
      d(i, 'bob', i % 3 === 0 ? 'exclude' : 'include', TA, i % 3 === 0 ? 'EX-PHENOMENON' : null);
    }
    d(13, 'alice', 'unsure');
    d(13, 'bob', 'unsure');
    d(2, 'alice', 'unsure'); // a changed decision: history
    d(2, 'alice', 'include');
    resolveRecord(db, criteria, { recordId: records[3], by: 'Lea', stage: TA, decision: 'include', reason: 'discussed', method: 'lead' });
    resolveRecord(db, criteria, { recordId: records[13], by: 'Lea', stage: TA, decision: 'exclude', reason: 'EX-DATE' });
    setBlinding(db, 'Lea', 'lift', [FT]);
    d(1, 'alice', 'include', FT);
    d(1, 'bob', 'exclude', FT, 'EX-OUTCOME');
    d(2, 'alice', 'exclude', FT, 'EX-DESIGN');
    d(2, 'bob', 'exclude', FT, 'EX-OUTCOME');
    recordFulltext(db, { recordId: records[5], notRetrieved: 'author did not reply', by: 'alice' });
    recordFulltext(db, { recordId: records[1], retrieved: 'pdfs/one, two.pdf' });
    recordFulltext(db, { recordId: records[1], notRetrieved: 'file corrupt' }); // a history that comes back to where it was
    recordFulltext(db, { recordId: records[1], retrieved: 'pdfs/one, two.pdf' });
    setBlinding(db, 'Lea', 'restore', [FT]);
    setBlinding(db, 'Lea', 'lift', [FT]);
    const before = fingerprint(db);
    expect(before.counts).toMatchObject({ markedIneligibleByAutomation: 1, reportsNotRetrieved: 1 });
    const { csv } = exportDecisions(db);
    expect(csv.split('\n')[0]).toBe('record,reviewer,stage,decision,reason,note,decided_at,kind,method,record_key');

    // A fresh database built from the same files, after another (a previous version's), so the ids differ.
    const fresh = openDatabase(join(tempDir(), 'fresh.sqlite'));
    seedRecords(fresh, 3, { path: 'imports/previous-review.ris', previous: true });
    seedRecords(fresh, [...Array.from({ length: 12 }, (_, i) => ({ year: 2015 + (i % 5) })), { year: 2009 }, { year: 2010 }, { year: null }], { path: 'imports/search.ris' });
    criteriaCheck(fresh, criteria);
    const file = writeTemp('decisions.csv', csv);
    const summary = importDecisions(fresh, criteria, file);
    expect(summary).toMatchObject({ format: 'native', remapped: summary.rows - 3 - 3 }); // every record row (not reviewers, blinding) found by its key
    expect(summary.byKind).toMatchObject({ reviewer: 3, decision: 32, resolution: 2, override: 1, fulltext: 4, blinding: 3 });
    // No full-text decision there is on a report that stayed not retrieved.
    expect(summary.decidedNotRetrieved).toEqual([]);
    const after = fingerprint(fresh);
    expect(after.counts).toEqual(before.counts);
    expect(after.progress).toEqual(before.progress);
    expect(after.conflicts).toEqual(before.conflicts);
    expect(after.agreement).toEqual(before.agreement);
    expect(after.rows).toEqual(before.rows);

    const again = importDecisions(fresh, criteria, file);
    expect(again.written).toBe(0);
    expect(fingerprint(fresh)).toEqual(after);
    // And the fresh database exports the same events (ids aside).
    const strip = (text: string) => text.split('\n').map((l) => l.replace(/^\d+,/, ','));
    expect(strip(exportDecisions(fresh).csv)).toEqual(strip(csv));
    // A full-text decision on the report marked not retrieved is imported, and named.
    const late = writeTemp('late.csv', `record,reviewer,stage,decision,reason,note,decided_at\n${fresh.prepare(
      "SELECT record_id FROM fulltext f WHERE status = 'not-retrieved' AND NOT EXISTS (SELECT 1 FROM fulltext n WHERE n.record_id = f.record_id AND n.id > f.id)").pluck().get()},alice,full-text,include,,,2026-01-05T10:00:00Z\n`);
    const lateSummary = importDecisions(fresh, criteria, late);
    expect(lateSummary.written).toBe(1);
    expect(lateSummary.decidedNotRetrieved).toHaveLength(1);
  });
});

describe('decisions export → import with de-duplication in play', () => {
  it('replays merges and splits, so merge conflicts and moved decisions come back identical', () => {
    const build = (withDecisions: boolean) => {
      const ctx = setup(0);
      const [a, b, c] = seedRecords(ctx.db, 3, { path: 'imports/merged.ris' });
      if (withDecisions) {
        recordDecision(ctx.db, ctx.criteria, { recordId: a, reviewer: 'alice', stage: TA, decision: 'include' });
        recordDecision(ctx.db, ctx.criteria, { recordId: b, reviewer: 'alice', stage: TA, decision: 'exclude', reason: 'EX-SETTING' });
        recordDecision(ctx.db, ctx.criteria, { recordId: b, reviewer: 'bob', stage: TA, decision: 'include' });
        recordDecision(ctx.db, ctx.criteria, { recordId: c, reviewer: 'bob', stage: TA, decision: 'exclude' });
        ctx.db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?').run(a, b);
        moveDecisionsToPrimary(ctx.db, b, a); // bob's include is copied; alice's two decisions conflict
        ctx.db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?').run(a, c);
        moveDecisionsToPrimary(ctx.db, c, a); // bob disagrees with himself too…
        ctx.db.prepare('UPDATE records SET duplicate_of = NULL WHERE id = ?').run(c);
        restoreAfterSplit(ctx.db, c, a); // …until the merge is undone
      } else {
        ctx.db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?').run(a, b); // the same de-duplication
      }
      return ctx;
    };
    const one = build(true);
    const before = fingerprint(one.db);
    expect(before.conflicts).toEqual([expect.objectContaining({ kind: 'duplicate-merge', merges: [expect.objectContaining({ reviewer: 'alice' })] })]);
    const file = writeTemp('archive.csv', exportDecisions(one.db).csv);
    expect(exportDecisions(one.db).csv).toMatch(/,merge,,imports\/merged\.ris#1\n[\s\S]*,split,,imports\/merged\.ris#3,.*,merge,,imports\/merged\.ris#1/);

    const two = build(false);
    const s = importDecisions(two.db, two.criteria, file);
    expect(s.byKind.merge).toBe(3);
    expect(s.onMergedAway).toBeGreaterThan(0); // record b's own decisions: history of a merged-away record
    expect(fingerprint(two.db)).toEqual(before);
    expect(importDecisions(two.db, two.criteria, file).written).toBe(0);
    expect(fingerprint(two.db)).toEqual(before);
  });
});

describe('decisions import validation: any problem, nothing written', () => {
  const header = 'record,reviewer,stage,decision,reason,note,decided_at\n';
  const cases: Array<[string, string, RegExp]> = [
    ['an unknown record', '999,alice,ta,include,,,\n', /line 2: unknown record 999/],
    ['an unknown reviewer', '1,eve,ta,include,,,\n', /line 2: unknown reviewer "eve"/],
    ['an unknown code', '1,alice,ta,exclude,EX-NOPE,,\n', /line 2: unknown reason "EX-NOPE"/],
    ['an unknown stage', '1,alice,screening,include,,,\n', /line 2: unknown stage "screening"/],
    ['an unknown decision', '1,alice,ta,yes please,,,\n', /line 2: unknown decision "yes please"/],
    ['a bad time', '1,alice,ta,include,,,31/12/2023\n', /line 2: "31\/12\/2023" is not a date and time/],
    ['a full-text decision on a record not included', '1,alice,ft,include,,,\n', /not been included at title\/abstract/],
  ];
  for (const [what, row, message] of cases) {
    it(`rejects ${what}, with its line`, () => {
      const { db, criteria } = setup(2);
      const file = writeTemp('d.csv', `${header}2,bob,ta,include,,,\n${row}`);
      let error: unknown;
      try {
        importDecisions(db, criteria, file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DecisionsImportError);
      expect((error as Error).message).toMatch(/nothing imported/);
      expect((error as Error).message.replace('line 3', 'line 2')).toMatch(message);
      expect(db.prepare('SELECT COUNT(*) FROM decisions').pluck().get()).toBe(0);
    });
  }

  it('replays a history exactly once, even events that share a timestamp; a withdrawn row takes a decision back', () => {
    const { db, ids, criteria } = setup(1);
    const t = '2024-05-01T09:00:00.000Z';
    const file = writeTemp('h.csv', `${header}${ids[0]},alice,ta,include,,,${t}\n${ids[0]},alice,ta,exclude,,,${t}\n${ids[0]},alice,ta,include,,,${t}\n` +
      `${ids[0]},bob,ta,include,,,${t}\n${ids[0]},bob,ta,withdrawn,,,2024-05-01T10:00:00.000Z\n`);
    expect(importDecisions(db, criteria, file).written).toBe(5);
    expect(importDecisions(db, criteria, file).written).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM decisions').pluck().get()).toBe(5);
    const state = stageStates(db, TA).get(ids[0])!;
    expect(state.decisions.map((d) => [d.reviewer, d.decision])).toEqual([['alice', 'include']]);
  });

  it('lists every problem at once and rejects a file that is not a decisions file', () => {
    const { db, criteria } = setup(2);
    const file = writeTemp('d.csv', `${header}999,alice,ta,include,,,\n1,eve,ta,include,,,\n`);
    expect(() => importDecisions(db, criteria, file)).toThrow(/2 problems[\s\S]*line 2: unknown record[\s\S]*line 3: unknown reviewer/);
    expect(() => importDecisions(db, criteria, writeTemp('x.csv', 'title,year\nA,2020\n'))).toThrow(/not a decisions file/);
    expect(() => importDecisions(db, criteria, writeTemp('y.csv', 'record,reviewer,decision,stage\n1,alice,include,ta\n'), { format: 'native' })).not.toThrow();
  });

  it('takes a spreadsheet\'s seven columns, times optional, and writes a decision on a merged-away record to its primary', () => {
    const { db, ids, criteria } = setup(3);
    db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?').run(ids[0], ids[2]);
    const file = writeTemp('s.csv', `${header}${ids[1]},Alice,title/abstract,Excluded,wrong setting,"too clinical",2024-02-01 10:00\n${ids[2]},bob,ta,maybe,,,\n`);
    const s = importDecisions(db, criteria, file);
    expect(s).toMatchObject({ written: 2, movedToPrimary: 1 });
    expect(db.prepare('SELECT record_id, decision, reason, note, decided_at FROM decisions ORDER BY id').all()).toEqual([
      { record_id: ids[1], decision: 'exclude', reason: 'EX-SETTING', note: 'too clinical', decided_at: '2024-02-01T10:00:00.000Z' },
      { record_id: ids[0], decision: 'unsure', reason: null, note: null, decided_at: expect.any(String) },
    ]);
    expect(importDecisions(db, criteria, file).written).toBe(0);
  });
});

describe('Rayyan', () => {
  it('reads the notes field', () => {
    expect(parseRayyanNotes('RAYYAN-INCLUSION: {"Kofi"=>"Excluded", "Ana Lima"=>"Maybe"} | RAYYAN-LABELS: ML, Hospital | ' +
      'RAYYAN-EXCLUSION-REASONS: wrong population,foreign language | USER-NOTES: {"Kofi"=>["check the definition", "second note"]}')).toEqual({
      inclusion: { Kofi: 'Excluded', 'Ana Lima': 'Maybe' },
      labels: ['ML', 'Hospital'],
      reasons: ['wrong population', 'foreign language'],
      userNotes: { Kofi: ['check the definition', 'second note'] },
    });
    expect(parseRayyanNotes('')).toEqual({ inclusion: {}, labels: [], reasons: [], userNotes: {} });
  });

  const rayyan = (rows: string[]) =>
    writeTemp('articles.csv', `"key","title","authors","journal","year","doi","pubmed_id","notes"\n${rows.join('\n')}\n`);

  it('imports each reviewer\'s decision, matched by DOI, PMID or title, reasons through the criteria\'s aliases', () => {
    const { db, criteria } = setup(0);
    const [a, b, c] = seedRecords(db, [
      { title: 'Time banks and mutual aid', doi: '10.99999/tb.1' },
      { title: 'Hospital discharge teams', pmid: '99100229' },
      { title: 'Community anchors: a multi-site study', year: 2019 },
    ]);
    addReviewer(db, 'Kofi');
    const file = rayyan([
      `"1","Time banks and mutual aid","X","J",2019,"https://doi.org/10.99999/TB.1","","RAYYAN-INCLUSION: {""alice""=>""Included"", ""Kofi""=>""Included""} | RAYYAN-LABELS: key paper"`,
      `"2","Hospital discharge teams","X","J",2019,"","99100229","RAYYAN-INCLUSION: {""alice""=>""Excluded"", ""Kofi""=>""Maybe""} | RAYYAN-EXCLUSION-REASONS: wrong setting | USER-NOTES: {""Kofi""=>[""ask the team""]}"`,
      `"3","COMMUNITY ANCHORS — a multi-site study!","X","J",2019,"","","RAYYAN-INCLUSION: {""alice""=>""Included""}"`,
      `"4","Not screened in Rayyan","X","J",2019,"","",""`,
    ]);
    const s = importDecisions(db, criteria, file);
    expect(s).toMatchObject({ format: 'rayyan', written: 5, matchedBy: { doi: 1, pmid: 1, title: 1 } });
    const rows = db.prepare(`SELECT d.record_id AS r, v.name, d.decision, d.reason, d.note FROM decisions d JOIN reviewers v ON v.id = d.reviewer_id ORDER BY d.id`).all();
    expect(rows).toEqual([
      { r: a, name: 'alice', decision: 'include', reason: null, note: 'Rayyan labels: key paper' },
      { r: a, name: 'Kofi', decision: 'include', reason: null, note: 'Rayyan labels: key paper' },
      { r: b, name: 'alice', decision: 'exclude', reason: 'EX-SETTING', note: 'Rayyan reasons: wrong setting' },
      { r: b, name: 'Kofi', decision: 'unsure', reason: 'EX-SETTING', note: 'ask the team | Rayyan reasons: wrong setting' },
      { r: c, name: 'alice', decision: 'include', reason: null, note: null },
    ]);
    expect(importDecisions(db, criteria, file).written).toBe(0);
  });

  it('refuses unmapped reasons, unknown reviewers and unmatched records, writing nothing; --reason-map fixes reasons', () => {
    const { db, criteria } = setup(0);
    seedRecords(db, [{ title: 'Workplace wellbeing', doi: '10.99999/w.1' }]);
    const file = rayyan([
      `"1","Workplace wellbeing","X","J",2019,"10.99999/w.1","","RAYYAN-INCLUSION: {""alice""=>""Excluded""} | RAYYAN-EXCLUSION-REASONS: wrong population"`,
    ]);
    expect(() => importDecisions(db, criteria, file)).toThrow(/"wrong population" match no criterion code[\s\S]*--reason-map/);
    expect(importDecisions(db, criteria, file, { reasonMap: { 'Wrong Population': 'EX-SETTING' } }).written).toBe(1);
    const bad = rayyan([
      `"1","Nothing like it","X","J",2019,"","","RAYYAN-INCLUSION: {""alice""=>""Included""}"`,
      `"2","Workplace wellbeing","X","J",2019,"","","RAYYAN-INCLUSION: {""Zed""=>""Included""}"`,
    ]);
    expect(() => importDecisions(db, criteria, bad)).toThrow(/line 2: Rayyan row matches no record[\s\S]*line 3: unknown reviewer "Zed"/);
    expect(db.prepare('SELECT COUNT(*) FROM decisions').pluck().get()).toBe(1);
  });
});

describe('the export file', () => {
  it('quotes what needs quoting and reads back with csv-parse', () => {
    const { db, ids, criteria } = setup(1);
    recordDecision(db, criteria, { recordId: ids[0], reviewer: 'alice', stage: TA, decision: 'exclude', reason: 'EX-SETTING', note: 'lead, "space"\nline' });
    const { csv } = exportDecisions(db);
    expect(csv).toContain('"lead, ""space""\nline"');
    const rows = parseCsv(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows.at(-1)).toMatchObject({ record: String(ids[0]), reviewer: 'alice', decision: 'exclude', note: 'lead, "space"\nline', kind: 'decision' });
  });
});

describe('replaying an archive where the exports live at another path', () => {
  it('finds each record by file name when the imported path differs, and refuses to guess between two files of that name', () => {
    const { db, criteria } = setup(0);
    const ids = seedRecords(db, 3, { path: '/home/sian/exports/cinahl.ris' });
    recordDecision(db, criteria, { recordId: ids[1], reviewer: 'alice', stage: TA, decision: 'include' });
    const archive = writeTemp('decisions.csv', exportDecisions(db).csv);

    const other = setup(0);
    const moved = seedRecords(other.db, 3, { path: 'imports/cinahl.ris' });
    importDecisions(other.db, other.criteria, archive);
    const decided = other.db.prepare('SELECT record_id FROM decisions').pluck().all();
    expect(decided).toEqual([moved[1]]);

    const ambiguous = setup(0);
    seedRecords(ambiguous.db, 3, { path: 'imports/2023/cinahl.ris' });
    seedRecords(ambiguous.db, 3, { path: 'imports/2024/cinahl.ris' });
    expect(() => importDecisions(ambiguous.db, ambiguous.criteria, archive)).toThrow(/names no imported record/);
  });
});
