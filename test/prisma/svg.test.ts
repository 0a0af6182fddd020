import { describe, expect, it } from 'vitest';
import type { PrismaCounts, Variant } from '../../src/prisma/boxes.js';
import { prismaSvg, reportFromCounts } from '../../src/prisma/report.js';
import { A4, FONT } from '../../src/prisma/svg/layout.js';
import { ASCENT, DESCENT, textWidth } from '../../src/prisma/svg/text.js';
import { scriptedReview } from './scripted.js';

interface Rect { x: number; y: number; w: number; h: number }
interface Line { x: number; y: number; size: number; bold: boolean; middle: boolean; rotated: boolean; text: string }
interface Group { kind: string; id: string; rect: Rect; lines: Line[] }

const num = (tag: string, name: string) => Number(new RegExp(`\\b${name}="([-\\d.]+)"`).exec(tag)![1]);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Read the boxes, their text lines and the arrows back out of the SVG text. */
function parseSvg(svg: string) {
  const groups: Group[] = [];
  for (const g of svg.matchAll(/<g class="(box|header|phase)" data-id="([^"]+)"[^>]*>([\s\S]*?)<\/g>/g)) {
    const rectTag = /<rect [^>]*>/.exec(g[3])![0];
    const lines = [...g[3].matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((t) => ({
      x: num(t[1], 'x'), y: num(t[1], 'y'), size: num(t[1], 'font-size'), bold: t[1].includes('font-weight="bold"'),
      middle: t[1].includes('text-anchor="middle"'), rotated: t[1].includes('rotate('), text: unescape(t[2]),
    }));
    groups.push({ kind: g[1], id: g[2], rect: { x: num(rectTag, 'x'), y: num(rectTag, 'y'), w: num(rectTag, 'width'), h: num(rectTag, 'height') }, lines });
  }
  const arrows = [...svg.matchAll(/<polyline class="arrow" data-from="([^"]+)" data-to="([^"]+)" points="([^"]+)"/g)].map((a) => ({
    from: a[1], to: a[2], points: a[3].split(' ').map((p) => p.split(',').map(Number) as [number, number]),
  }));
  const view = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;
  return { groups, arrows, width: Number(view[1]), height: Number(view[2]) };
}

const EPS = 0.11; // coordinates are written to 0.1 px

function checkGeometry(svg: string) {
  const { groups, arrows, width, height } = parseSvg(svg);
  // Every box inside the page.
  for (const g of groups) {
    expect(g.rect.x, g.id).toBeGreaterThanOrEqual(0);
    expect(g.rect.y, g.id).toBeGreaterThanOrEqual(0);
    expect(g.rect.x + g.rect.w, g.id).toBeLessThanOrEqual(width);
    expect(g.rect.y + g.rect.h, g.id).toBeLessThanOrEqual(height);
  }
  // No two boxes overlap.
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const a = groups[i].rect;
      const b = groups[j].rect;
      const overlap = a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
      expect(overlap, `${groups[i].id} overlaps ${groups[j].id}`).toBe(false);
    }
  }
  // Every text line fits inside its box (measured with the fixed width table).
  for (const g of groups) {
    for (const l of g.lines) {
      const w = textWidth(l.text, l.size, l.bold);
      const where = `${g.id}: "${l.text}"`;
      if (l.rotated) {
        // Runs upwards, centred on y; its glyphs extend left (ascent) and right (descent) of x.
        expect(l.y - w / 2, where).toBeGreaterThanOrEqual(g.rect.y - EPS);
        expect(l.y + w / 2, where).toBeLessThanOrEqual(g.rect.y + g.rect.h + EPS);
        expect(l.x - ASCENT * l.size, where).toBeGreaterThanOrEqual(g.rect.x - EPS);
        expect(l.x + DESCENT * l.size, where).toBeLessThanOrEqual(g.rect.x + g.rect.w + EPS);
        continue;
      }
      const left = l.middle ? l.x - w / 2 : l.x;
      expect(left, where).toBeGreaterThanOrEqual(g.rect.x + 2);
      expect(left + w, where).toBeLessThanOrEqual(g.rect.x + g.rect.w - 2);
      expect(l.y - ASCENT * l.size, where).toBeGreaterThanOrEqual(g.rect.y - EPS);
      expect(l.y + DESCENT * l.size, where).toBeLessThanOrEqual(g.rect.y + g.rect.h + EPS);
    }
  }
  // Arrows start on the edge of their source box, end on the edge of their target, and cross no box on the way.
  const byId = new Map(groups.map((g) => [g.id, g.rect]));
  const onEdge = (r: Rect, [x, y]: [number, number]) =>
    (Math.abs(x - r.x) < 0.2 || Math.abs(x - r.x - r.w) < 0.2) && y >= r.y - EPS && y <= r.y + r.h + EPS ||
    (Math.abs(y - r.y) < 0.2 || Math.abs(y - r.y - r.h) < 0.2) && x >= r.x - EPS && x <= r.x + r.w + EPS;
  for (const a of arrows) {
    expect(onEdge(byId.get(a.from)!, a.points[0]), `${a.from} → ${a.to} starts on ${a.from}`).toBe(true);
    expect(onEdge(byId.get(a.to)!, a.points[a.points.length - 1]), `${a.from} → ${a.to} ends on ${a.to}`).toBe(true);
    for (let k = 1; k < a.points.length; k++) {
      const [x1, y1] = a.points[k - 1];
      const [x2, y2] = a.points[k];
      for (const g of groups) {
        const r = g.rect;
        // Segments are horizontal or vertical: test against the box interior.
        const crosses = Math.min(x1, x2) < r.x + r.w - 0.5 && Math.max(x1, x2) > r.x + 0.5 && Math.min(y1, y2) < r.y + r.h - 0.5 && Math.max(y1, y2) > r.y + 0.5;
        expect(crosses, `${a.from} → ${a.to} crosses ${g.id}`).toBe(false);
      }
    }
  }
  return { groups, arrows, width, height };
}

const full = scriptedReview({ previous: true }).expected;

/** Readable at A4: the diagram fits an A4 page at a scale that keeps box text at 8 pt or more. */
function printedPoints(width: number, height: number): number {
  const page = width > A4.portrait.width ? A4.landscape : A4.portrait;
  return FONT * 0.75 * Math.min(1, page.width / width, page.height / height);
}

const cases: Array<[string, PrismaCounts, Partial<Variant>]> = [
  ['new review, both arms', { ...full, previous_studies: 0, previous_reports: 0 }, { previous: false }],
  ['updated review, both arms', full, {}],
  ['databases only', { ...full, website_results: 0, organisation_results: 0, citations_results: 0 }, { previous: false, other: false }],
  ['updated review, databases only', full, { other: false }],
  ['nothing derived yet (n/a everywhere)', { database_results: 12, database_specific_results: [{ reason: 'Scopus', n: 12 }] }, { other: true, previous: true }],
  ['eight databases with long names, seven exclusion reasons', {
    ...full,
    database_specific_results: ['Applied Social Sciences Index and Abstracts', 'International Bibliography of the Social Sciences',
      'Social Policy and Practice', 'Social Sciences Citation Index', 'Academic Search Complete', 'APA PsycInfo', 'MEDLINE', 'CINAHL Complete']
      .map((reason, i) => ({ reason, n: 1000 + i })),
    dbr_excluded: ['EX-SETTING', 'EX-PHENOMENON', 'EX-DESIGN', 'EX-OUTCOME', 'EX-DATE', 'EX-LANGUAGE-NOT-ENGLISH-OR-WELSH', ''].map((reason, i) => ({ reason, n: i + 1 })),
  }, {}],
];

describe('SVG flow diagram geometry', () => {
  for (const [name, counts, variant] of cases) {
    for (const lang of ['en', 'cy']) {
      it(`${name} (${lang}): boxes do not overlap, every line fits its box, arrows join boxes, readable at A4`, () => {
        const svg = prismaSvg(reportFromCounts(counts, { variant }), lang);
        const { groups, width, height } = checkGeometry(svg);
        expect(printedPoints(width, height)).toBeGreaterThanOrEqual(8);
        expect(groups.filter((g) => g.kind === 'phase').map((g) => g.id)).toEqual(['phase.identification', 'phase.screening', 'phase.included']);
      });
    }
  }

  it('draws the template: two arms with side boxes, and the previous-studies column with totals for an update', () => {
    const { groups, arrows } = parseSvg(prismaSvg(reportFromCounts(full), 'en'));
    const ids = groups.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining(['head.previous', 'head.databases', 'head.other', 'identification', 'removed_before_screening',
      'records_screened', 'records_excluded', 'dbr_sought_reports', 'dbr_notretrieved_reports', 'dbr_assessed', 'dbr_excluded',
      'other_identification', 'other_sought_reports', 'other_notretrieved_reports', 'other_assessed', 'other_excluded',
      'new_studies', 'previous_studies', 'total_studies']));
    expect(arrows.map((a) => `${a.from}>${a.to}`)).toEqual(expect.arrayContaining([
      'identification>records_screened', 'identification>removed_before_screening', 'records_screened>records_excluded',
      'dbr_assessed>new_studies', 'other_identification>other_sought_reports', 'other_assessed>new_studies',
      'previous_studies>total_studies', 'new_studies>total_studies']));
    const text = (id: string) => groups.find((g) => g.id === id)!.lines.map((l) => l.text).join(' ').replace(/\u00a0/g, ' ');
    expect(text('identification')).toBe('Records identified from*: Databases (n = 53)† Scopus (n = 33) MEDLINE (n = 20) Registers (n = 4) ClinicalTrials.gov (n = 4)'.replace('†', ''));
    expect(text('dbr_excluded')).toBe('Reports excluded (n = 7): Setting (n = 4) Design (n = 2) Date (n = 1)');
    expect(text('new_studies')).toBe('New studies included in review (n = 7) Reports of new included studies (n = 8)');
    expect(text('total_studies')).toBe('Total studies included in review (n = 53) Reports of total included studies (n = 56)');
  });

  it('Welsh: labels from the cy catalogue (the reference review\'s wording), n/a as "amh."', () => {
    const svg = prismaSvg(reportFromCounts({ database_results: 641, database_specific_results: [] }, { variant: { other: true } }), 'cy');
    const { groups } = parseSvg(svg);
    const text = (id: string) => groups.find((g) => g.id === id)!.lines.map((l) => l.text).join(' ').replace(/\u00a0/g, ' ');
    expect(svg).toContain('xml:lang="cy"');
    expect(text('head.databases')).toBe('Nodi astudiaethau drwy gronfeydd data a chofrestrau');
    expect(text('records_screened')).toBe('Cyfeiriadau a sgriniwyd (n = amh.)');
    expect(text('identification')).toContain('Cronfeydd data (n = 641)');
    expect(svg).toContain("<title id=\"prisma-title\">Diagram llif PRISMA 2020: Nodi cyfeiriadau sydd wedi'u cynnwys</title>");
  });
});
