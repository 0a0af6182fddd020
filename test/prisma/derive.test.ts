import { describe, expect, it } from 'vitest';
import { BOX_NAMES } from '../../src/prisma/boxes.js';
import { derivePrisma } from '../../src/prisma/derive.js';
import { buildReport, consistent } from '../../src/prisma/report.js';
import { addManualEntry, withdrawManualEntry } from '../../src/prisma/manual.js';
import { openDatabase } from '../../src/store/db.js';
import { addFile, markDuplicates, scriptedReview } from './scripted.js';

describe('derivePrisma on a scripted review', () => {
  it('yields the known number at every box (new review, both arms)', () => {
    const s = scriptedReview();
    const d = derivePrisma(s.db, { criteria: s.criteria });
    for (const box of BOX_NAMES) expect({ box, value: d.counts[box] }).toEqual({ box, value: s.expected[box] });
    expect(d.extras.other_records_screened).toBe(s.otherScreened);
    expect(d.open).toEqual({ titleAbstract: 0, fullText: 0 });
    const report = buildReport(s.db, { criteria: s.criteria });
    expect(report.variant).toEqual({ previous: false, other: true });
    expect(consistent(report)).toBe(true);
  });

  it('yields the known number at every box (updated review: previous studies, totals)', () => {
    const s = scriptedReview({ previous: true });
    const d = derivePrisma(s.db, { criteria: s.criteria });
    for (const box of BOX_NAMES) expect({ box, value: d.counts[box] }).toEqual({ box, value: s.expected[box] });
    expect(d.provenance.previous_studies).toEqual({ kind: 'manual', entries: [1] });
    const report = buildReport(s.db, { criteria: s.criteria });
    expect(report.variant).toEqual({ previous: true, other: true });
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
  });

  it('records removed before import count as identified in their database and as removed', () => {
    const s = scriptedReview();
    const d = derivePrisma(s.db);
    expect(d.provenance.database_results).toMatchObject({ kind: 'derived+manual', entries: [1] });
    expect(d.provenance.excluded_other).toEqual({ kind: 'manual', entries: [1] });
    withdrawManualEntry(s.db, 1, 'Dafydd Evans', 'entered by mistake');
    const after = derivePrisma(s.db);
    expect(after.counts.database_results).toBe(50);
    expect(after.counts.excluded_other).toBe(0);
    expect(after.counts.database_specific_results).toEqual([{ reason: 'Scopus', n: 30 }, { reason: 'MEDLINE', n: 20 }]);
  });

  it('leaves boxes of stages not run as n/a (never 0), saying what they await', () => {
    const db = openDatabase(':memory:');
    addFile(db, { method: 'database', database: 'Scopus', n: 5 });
    addFile(db, { method: 'citation', n: 2 });
    const d = derivePrisma(db);
    expect(d.counts).toMatchObject({ database_results: 5, citations_results: 2, website_results: 0, excluded_other: 0, previous_studies: 0 });
    for (const box of ['duplicates', 'excluded_automatic', 'records_screened', 'dbr_assessed', 'dbr_excluded', 'new_studies', 'total_studies'] as const) {
      expect(d.counts[box]).toBeUndefined();
      expect(d.provenance[box]?.kind).toBe('pending');
    }
    expect(d.provenance.duplicates).toEqual({ kind: 'pending', awaiting: 'dedupe' });
    expect(d.provenance.records_screened).toEqual({ kind: 'pending', awaiting: 'screening' });
    markDuplicates(db, [[2, 1]]);
    expect(derivePrisma(db).counts.duplicates).toBe(1);
  });

  it('explains a database-arm gap with the database-arm records still open, not the other arm\'s', async () => {
    const { addReviewer } = await import('../../src/screen/reviewers.js');
    const { recordDecision } = await import('../../src/screen/decisions.js');
    const { DEFAULT_CRITERIA_PATH, readCriteriaFile } = await import('../../src/criteria/format.js');
    const db = openDatabase(':memory:');
    const criteria = readCriteriaFile(DEFAULT_CRITERIA_PATH);
    const scopus = addFile(db, { method: 'database', database: 'Scopus', n: 3 });
    addFile(db, { method: 'citation', n: 5 });
    markDuplicates(db, []);
    addReviewer(db, 'Sian Hughes', { lead: true });
    recordDecision(db, criteria, { recordId: scopus[0], reviewer: 'Sian Hughes', stage: 'title-abstract', decision: 'include' });
    const d = derivePrisma(db, { criteria });
    expect(d.open.titleAbstract).toBe(3);
    const gap = buildReport(db, { criteria }).checks.find((c) => c.box === 'dbr_sought_reports');
    expect(gap?.message).toContain('3 records screened and not excluded, but no report sought for them (3 records are still pending');
  });

  it('a previous version imported but not entered is n/a; entered by hand it counts', () => {
    const db = openDatabase(':memory:');
    addFile(db, { method: 'database', database: 'Scopus', n: 3 });
    addFile(db, { method: 'database', database: 'Scopus', n: 9, previous: true });
    const d = derivePrisma(db);
    expect(d.counts.database_results).toBe(3);
    expect(d.counts.previous_studies).toBeUndefined();
    expect(d.provenance.previous_studies).toEqual({ kind: 'pending', awaiting: 'previous' });
    // An update: the diagram has the previous-version column, n/a until it is entered (not silently left out).
    expect(buildReport(db).variant.previous).toBe(true);
    addManualEntry(db, { box: 'previous_studies', n: 46, reason: 'Figure 1', by: 'Sian Hughes', on: '2023-06-01' });
    expect(derivePrisma(db).counts.previous_studies).toBe(46);
  });
});
