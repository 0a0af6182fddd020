import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_QUERIES, formColumns, loadForm, readForm } from '../../src/extract/form.js';
import { tempDir } from '../helpers/tmp.js';

describe('extraction form and coding frames (data files in queries/)', () => {
  const form = loadForm(DEFAULT_QUERIES);

  it('the default form is the reference review\'s twelve fields, with types and help', () => {
    expect(form.fields.map((f) => f.label)).toEqual([
      'Bibliographic details', 'Country / region / place', 'Study design and methods', 'Model / approach (if relevant)',
      'Community action supported', 'Sectors involved', 'Factors important to success',
      'Outcomes for community action and/or community wellbeing', 'Factors hindering success',
      'Specific learning / reflection on ways of working together', 'Specific learning on what to do when things go wrong',
      'Any other recommendations, lessons or relevant frameworks',
    ]);
    expect(form.fields.every((f) => (f.help ?? '').length > 10)).toBe(true);
    expect(form.fields.find((f) => f.id === 'model')).toMatchObject({ type: 'multiple', frame: 'wcpp-models', notes: true });
    expect(form.fields.find((f) => f.id === 'success_factors')).toMatchObject({ type: 'multiple', frame: 'wcpp-factors' });
    expect(formColumns(form).map((c) => c.column)).toContain('success_factors_notes');
  });

  it('ships the coding frames of PROTOCOL.md', () => {
    const f = form.frames;
    expect(f.get('wcpp-factors')!.choices).toHaveLength(10);
    expect(f.get('wcpp-factors')!.choices[3]).toEqual({ code: 'F4', label: 'Deliberately building trust', label_cy: 'Adeiladu ymddiriedaeth yn fwriadol' });
    const models = f.get('wcpp-models')!.choices;
    expect(models).toHaveLength(14);
    const byGroup = (cs: typeof models) => Object.fromEntries([...new Set(cs.map((c) => c.group))].map((g) => [g, cs.filter((c) => c.group === g).length]));
    expect(byGroup(models)).toEqual({ 'Strengthening communities': 6, 'Volunteer and peer roles': 1, 'Collaborations and partnerships': 4, 'Access to community resources': 3 });
    expect(byGroup(f.get('wcpp-postpandemic')!.choices)).toEqual({ 'Activities towards shared purpose': 7, 'Governance arrangements': 7, 'Financial mechanisms': 7 });
    expect(byGroup(f.get('scw-framework')!.choices)).toEqual({ 'Areas of focus': 10, Enablers: 8 });
  });

  it('a broken form says what is wrong with which field', () => {
    const dir = tempDir();
    const write = (fields: unknown[]) => {
      writeFileSync(join(dir, 'extraction-form.json'), JSON.stringify({ name: 'x', fields }));
      return () => readForm(join(dir, 'extraction-form.json'));
    };
    expect(write([{ id: 'a', label: 'A', type: 'essay' }])).toThrow(/field 1 \("a"\): "type" must be one of text, number, yesno, single, multiple/);
    expect(write([{ id: 'm', label: 'M', type: 'multiple', frame: 'nope' }])).toThrow(/coding frame "nope" not found/);
    expect(write([{ id: 'study', label: 'S', type: 'text' }])).toThrow(/"study" is reserved/);
    expect(write([{ id: 'a', label: 'A', type: 'text' }, { id: 'a', label: 'B', type: 'text' }])).toThrow(/field 2 \("a"\): id used twice/);
  });
});
