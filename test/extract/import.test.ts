import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_QUERIES, loadForm, type Form } from '../../src/extract/form.js';
import { formatCellError, importExtraction } from '../../src/extract/import.js';
import { addRecordStudies, addSnippetStudies, listStudies } from '../../src/extract/studies.js';
import { characteristicsTable, codingMatrix, renderTables, tableCsv } from '../../src/extract/table.js';
import { templateCsv, templateHtml, templateMarkdown } from '../../src/extract/template.js';
import { currentValues, valueHistory } from '../../src/extract/values.js';
import { csvLine } from '../../src/prisma/report.js';
import { openDatabase, type DB } from '../../src/store/db.js';
import { tempDir } from '../helpers/tmp.js';
import { addFile } from '../prisma/scripted.js';

const form = loadForm(DEFAULT_QUERIES);
const HEADER = ['study', 'bibliographic', 'place', 'design', 'model', 'model_notes', 'community_action', 'sectors', 'success_factors',
  'success_factors_notes', 'outcomes', 'hindering_factors', 'learning_together', 'learning_when_wrong', 'other_recommendations'];

/** A database with three records named as studies (screening has not included any yet). */
function setup(): { db: DB; dir: string } {
  const db = openDatabase(':memory:');
  addFile(db, { method: 'database', database: 'Scopus', n: 3 });
  addRecordStudies(db, ['1', '2', '3'], 'Sian Hughes');
  return { db, dir: tempDir() };
}

function row(study: string, over: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    study, bibliographic: `Citation ${study}`, place: 'Cardiff, Wales', design: 'Multi-site case study', model: 'M9; Time banks',
    model_notes: '', community_action: 'Resident-led budgeting', sectors: 'Council; voluntary sector', success_factors: 'F4;F1',
    success_factors_notes: 'trust built over years', outcomes: 'Higher participation', hindering_factors: '', learning_together: '',
    learning_when_wrong: '', other_recommendations: '',
  };
  return HEADER.map((h) => over[h] ?? base[h]);
}

function writeCsv(dir: string, name: string, rows: string[][], header = HEADER): string {
  const path = join(dir, name);
  writeFileSync(path, `${[header, ...rows].map(csvLine).join('\n')}\n`);
  return path;
}

const count = (db: DB) => db.prepare('SELECT COUNT(*) FROM extraction_values').pluck().get();

describe('review extract import: validation (nothing written on any error)', () => {
  it('names every bad cell: unknown study, unknown choice, missing required field, bad yes/no and number', () => {
    const { db, dir } = setup();
    const path = writeCsv(dir, 'bad.csv', [
      row('1', { model: 'M9; M99' }),
      row('2', { place: '' }),
      row('999'),
      row('3', { success_factors: 'F1; trust' }),
    ]);
    const r = importExtraction(db, form, path, { by: 'Sian Hughes' });
    expect(r.errors.map((e) => formatCellError('bad.csv', e))).toEqual([
      'bad.csv: cell E2 (study 1, column "model"): unknown choice "M99" (frame wcpp-models has M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12, M13, M14; codes or labels, several separated by ;)',
      'bad.csv: cell C3 (study 2, column "place"): required field "Country / region / place" is empty',
      'bad.csv: cell A4 (study 999, column "study"): unknown study "999": not among the studies under extraction (the included studies, and those added with `review extract template --study <id> | --doi | --ris`)',
      'bad.csv: cell I5 (study 3, column "success_factors"): unknown choice "trust" (frame wcpp-factors has F1, F2, F3, F4, F5, F6, F7, F8, F9, F10; codes or labels, several separated by ;)',
    ]);
    expect(count(db)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM extraction_imports').pluck().get()).toBe(0);
  });

  it('rejects unknown columns, a missing required column, and no --by', () => {
    const { db, dir } = setup();
    const header = HEADER.filter((h) => h !== 'outcomes').concat('colour');
    const path = writeCsv(dir, 'cols.csv', [row('1').slice(0, header.length)], header);
    const r = importExtraction(db, form, path, {});
    expect(r.errors.map((e) => `${e.cell} ${e.message.split(':')[0]}`)).toEqual([
      'O1 unknown column "colour"',
      'P1 required field "outcomes" (Outcomes for community action and/or community wellbeing) has no column',
      'A1 say who extracted the data',
    ]);
    expect(count(db)).toBe(0);
  });

  it('number and yes/no fields (a custom form)', () => {
    const { db, dir } = setup();
    const custom: Form = { ...form, fields: [
      { id: 'sites', label: 'Number of sites', type: 'number', required: true },
      { id: 'welsh', label: 'Set in Wales', type: 'yesno' },
      { id: 'theme', label: 'Theme', type: 'single', choices: [{ code: 'A', label: 'Alpha' }, { code: 'B', label: 'Beta' }] },
    ] };
    const path = writeCsv(dir, 'typed.csv', [['1', 'three', 'maybe', 'A; B'], ['2', '3', 'Y', 'beta']], ['study', 'sites', 'welsh', 'theme']);
    const r = importExtraction(db, custom, path, { by: 'Sian Hughes' });
    expect(r.errors.map((e) => `${e.cell}: ${e.message}`)).toEqual([
      'B2: "three" is not a number', 'C2: "maybe" is not yes or no', 'D2: only one choice allowed, got 2 ("A; B")',
    ]);
    const fixed = writeCsv(dir, 'typed2.csv', [['2', '3', 'Y', 'beta']], ['study', 'sites', 'welsh', 'theme']);
    expect(importExtraction(db, custom, fixed, { by: 'Sian Hughes' }).errors).toEqual([]);
    expect(Object.fromEntries(currentValues(db).get('2')!)).toEqual({ sites: '3', welsh: 'yes', theme: 'B' });
  });
});

describe('review extract: template → import → table round trip, versioned', () => {
  it('a filled-in template imports; re-importing writes nothing; a change is a new version (who, when)', () => {
    const { db, dir } = setup();
    const studies = listStudies(db);
    const template = parse(templateCsv(form, studies), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(template[0])).toEqual(HEADER);
    expect(template.map((r) => r.study)).toEqual(['1', '2', '3']);
    expect(template[0].bibliographic).toBe('Author1, A.; Second, B. (2018). Scopus study 1. Journal of Community Partnership Studies. doi:10.99999/f1.1');

    // Fill in studies 1 and 2; leave 3 untouched (skipped, not an error).
    for (const [i, r] of template.entries()) {
      if (i === 2) continue;
      Object.assign(r, Object.fromEntries(HEADER.slice(2).map((h, k) => [h, row(r.study)[k + 2]])));
    }
    const path = writeCsv(dir, 'filled.csv', template.map((r) => HEADER.map((h) => r[h])));
    const first = importExtraction(db, form, path, { by: 'Sian Hughes', at: '2024-03-01T10:00:00.000Z' });
    expect(first.errors).toEqual([]);
    expect(first).toMatchObject({ studies: 2, skipped: ['3'], valuesWritten: 18 }); // 9 non-empty cells each: empty cells store nothing new
    expect(currentValues(db).get('1')!.get('model')).toBe('M9; M13'); // codes, in frame order; labels accepted
    expect(currentValues(db).get('1')!.get('success_factors')).toBe('F1; F4');

    // The template now carries the values: exported again and re-imported, nothing changes.
    const again = writeCsv(dir, 'again.csv', (parse(templateCsv(form, listStudies(db), currentValues(db))) as string[][]).slice(1));
    expect(importExtraction(db, form, again, { by: 'Sian Hughes' })).toMatchObject({ valuesWritten: 0, unchanged: 28, errors: [] });

    const changed = writeCsv(dir, 'changed.csv', [row('1', { place: 'Swansea, Wales', bibliographic: template[0].bibliographic })]);
    expect(importExtraction(db, form, changed, { by: 'Dafydd Evans', at: '2024-03-02T09:00:00.000Z' })).toMatchObject({ valuesWritten: 1 });
    const place = valueHistory(db, '1').filter((v) => v.field === 'place');
    expect(place.map((v) => [v.value, v.extractedBy, v.extractedAt])).toEqual([
      ['Cardiff, Wales', 'Sian Hughes', '2024-03-01T10:00:00.000Z'], ['Swansea, Wales', 'Dafydd Evans', '2024-03-02T09:00:00.000Z']]);
    expect(() => db.prepare('DELETE FROM extraction_values').run()).toThrow(/append-only/);

    // Tables from the extracted data.
    const values = currentValues(db);
    const characteristics = characteristicsTable(form, listStudies(db), values);
    expect(characteristics.header).toEqual(['Study', 'Country / region / place', 'Study design and methods', 'Model / approach (if relevant)',
      'Community action supported', 'Sectors involved', 'Outcomes for community action and/or community wellbeing']);
    expect(characteristics.rows[0].slice(0, 4)).toEqual(['Author1 and Second (2018) [1]', 'Swansea, Wales', 'Multi-site case study',
      'Participatory budgeting (M9); Time banks (M13)']);
    expect(characteristics.note).toBe('1 of 3 studies not extracted yet.');
    const matrix = codingMatrix(form, form.frames.get('wcpp-models')!, listStudies(db), values);
    expect(matrix.footer![0]).toEqual(['Studies (n)', '0', '0', '0', '0', '0', '0', '0', '0', '2', '0', '0', '0', '2', '0']);
    expect(matrix.footer![1][1]).toBe('Strengthening communities: 0');
    expect(matrix.footer![1][8]).toBe('Collaborations and partnerships: 2');
    expect(tableCsv(codingMatrix(form, form.frames.get('wcpp-factors')!, listStudies(db), values)).split('\n')[0]).toBe('Study,F1,F2,F3,F4,F5,F6,F7,F8,F9,F10');
    const cy = codingMatrix(form, form.frames.get('wcpp-models')!, listStudies(db), values, 'cy');
    expect(cy.note).toContain('M9 = Cyllidebu cyfranogol (Cydweithrediadau a phartneriaethau)');
    expect(renderTables([characteristics], 'html')).toContain('<td>Participatory budgeting (M9); Time banks (M13)</td>');
  });

  it('new studies from a DOI or an RIS snippet get templates of their own (an update\'s new studies)', () => {
    const { db } = setup();
    const [byDoi] = addSnippetStudies(db, { doi: 'https://doi.org/10.1234/NEW.2024.7' }, 'Sian Hughes');
    expect(byDoi).toMatchObject({ key: 'doi:10.1234/new.2024.7', origin: 'doi' });
    const ris = ['TY  - JOUR', 'TI  - Time banks in the valleys', 'AU  - Morgan, Eluned', 'PY  - 2024', 'JO  - Community Development Journal', 'ER  - ', ''].join('\n');
    const [fromRis] = addSnippetStudies(db, { ris }, 'Sian Hughes');
    expect(fromRis).toMatchObject({ key: 'new-2', origin: 'ris', title: 'Time banks in the valleys', year: 2024 });
    // The same snippet again is the same study; a DOI already in the database is that record.
    expect(addSnippetStudies(db, { ris })[0].key).toBe('new-2');
    expect(addSnippetStudies(db, { doi: '10.99999/f1.2' })[0].key).toBe('2');
    const csv = parse(templateCsv(form, [byDoi, fromRis]), { columns: true }) as Array<Record<string, string>>;
    expect(csv.map((r) => [r.study, r.bibliographic])).toEqual([
      ['doi:10.1234/new.2024.7', '[authors] (n.d.). [title] doi:10.1234/new.2024.7'],
      ['new-2', 'Morgan, Eluned (2024). Time banks in the valleys. Community Development Journal.'],
    ]);
    expect(listStudies(db).map((s) => s.key)).toEqual(['1', '2', '3', 'doi:10.1234/new.2024.7', 'new-2']);
    expect(templateMarkdown(form, [fromRis])).toContain('- [ ] F4 Deliberately building trust');
    expect(templateHtml(form, [fromRis])).toContain('<h2>Study new-2: Morgan (2024) — Time banks in the valleys</h2>');
  });
});
