import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildReport, prismaCsv, prismaHtml, prismaJson, prismaMarkdown, reportFromCounts } from '../../src/prisma/report.js';
import { BOX_NAMES } from '../../src/prisma/boxes.js';
import { scriptedReview } from './scripted.js';

const s = scriptedReview({ previous: true });
const report = buildReport(s.db, { criteria: s.criteria });

describe('PRISMA report formats', () => {
  it('CSV: the PRISMA2020 R package / Shiny app template, filled in', () => {
    const rows = parse(prismaCsv(report), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(['data', 'node', 'box', 'description', 'boxtext', 'tooltips', 'url', 'n']);
    expect(rows.map((r) => r.data).filter((d) => d !== 'NA')).toEqual([
      'previous_studies', 'previous_reports', 'database_results', 'database_specific_results', 'register_results', 'register_specific_results',
      'website_results', 'organisation_results', 'citations_results', 'duplicates', 'excluded_automatic', 'excluded_other', 'records_screened',
      'records_excluded', 'dbr_sought_reports', 'dbr_notretrieved_reports', 'other_sought_reports', 'other_notretrieved_reports', 'dbr_assessed',
      'dbr_excluded', 'other_assessed', 'other_excluded', 'new_studies', 'new_reports', 'total_studies', 'total_reports',
      'identification', 'screening', 'included']);
    const n = (data: string) => rows.find((r) => r.data === data)!.n;
    expect(n('database_specific_results')).toBe('Scopus, 33; MEDLINE, 20');
    expect(n('dbr_excluded')).toBe('Setting, 4; Design, 2; Date, 1');
    expect(n('records_screened')).toBe('44');
    expect(n('total_studies')).toBe('53');
    expect(n('identification')).toBe('0');
    const cy = parse(prismaCsv(report, 'cy'), { columns: true }) as Array<Record<string, string>>;
    expect(cy.find((r) => r.data === 'records_screened')!.boxtext).toBe('Cyfeiriadau a sgriniwyd');
    expect(cy.find((r) => r.data === 'dbr_excluded')!.n).toBe('Lleoliad, 4; Dyluniad, 2; Dyddiad, 1');
  });

  it('CSV writes NA for a box that cannot be derived yet', () => {
    const rows = parse(prismaCsv(reportFromCounts({ database_results: 5 })), { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.data === 'duplicates')!.n).toBe('NA');
    expect(rows.find((r) => r.data === 'database_results')!.n).toBe('5');
  });

  it('JSON names every box as the R package does, null when n/a, with provenance and checks', () => {
    const json = JSON.parse(prismaJson(report));
    expect(Object.keys(json.counts)).toEqual([...BOX_NAMES]);
    expect(json.counts).toMatchObject({ records_screened: 44, new_studies: 7, total_reports: 56, dbr_excluded: [{ reason: 'EX-SETTING', n: 4, label: 'Setting' }, { reason: 'EX-DESIGN', n: 2, label: 'Design' }, { reason: 'EX-DATE', n: 1, label: 'Date' }] });
    expect(json.consistent).toBe(true);
    expect(json.provenance.previous_studies).toEqual({ kind: 'manual', entries: [1] });
    expect(json.manualEntries.map((e: { box: string }) => e.box)).toEqual(['previous_studies', 'previous_reports', 'excluded_other']);
    expect(JSON.parse(prismaJson(reportFromCounts({}))).counts.duplicates).toBeNull();
  });

  it('HTML embeds the SVG and the counts table; Markdown has the counts, checks and manual entries', () => {
    const html = prismaHtml(report, 'cy');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="cy">/);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).not.toContain('<?xml');
    expect(html).toContain('<tr><td><code>records_screened</code></td><td>Cyfeiriadau a sgriniwyd (cronfeydd data a chofrestrau)</td><td class="n">44</td>');
    const md = prismaMarkdown(report);
    expect(md).toContain('| `dbr_excluded` | Reports excluded (databases and registers) | 7 (Setting: 4; Design: 2; Date: 1) |');
    expect(md).toContain('Every arrow adds up.');
    expect(md).toContain('| 3 | `excluded_other` | 3 | Scopus | non-English records removed in Scopus before export | Sian Hughes | 2024-01-01 |');
  });
});
