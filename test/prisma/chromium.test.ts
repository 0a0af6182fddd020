/**
 * The PRISMA diagram as a browser draws it: the SVG (inline, as a standalone
 * file renders) and the HTML page, laid out by headless Chromium with the real
 * fonts of the SVG's font stack, at both ends of it (Liberation Sans, the
 * narrowest; DejaVu Sans, the widest). Every text line's rendered box lies
 * inside its PRISMA box and no two boxes overlap. svg.test.ts checks the same
 * geometry from the width table the layout uses; this checks that table
 * against real rendering. Skipped when no Chromium is installed.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrismaCounts, Variant } from '../../src/prisma/boxes.js';
import { prismaHtml, prismaSvg, reportFromCounts } from '../../src/prisma/report.js';
import { tempDir } from '../helpers/tmp.js';
import { scriptedReview } from './scripted.js';

const CANDIDATES = [process.env.CHROME_BIN, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const CHROMIUM = CANDIDATES.find((p): p is string => !!p && existsSync(p));

/** Runs in the page: every problem found, base64-encoded JSON in #geometry (so --dump-dom cannot mangle it). */
const MEASURE = `
(() => {
  const problems = [];
  let boxes = 0, lines = 0;
  document.querySelectorAll('svg').forEach((svg, s) => {
    const rects = [];
    svg.querySelectorAll('g[data-id]').forEach((g) => {
      const rect = g.querySelector('rect');
      if (!rect) return;
      boxes++;
      const r = rect.getBoundingClientRect();
      rects.push({ id: g.getAttribute('data-id'), r });
      g.querySelectorAll('text').forEach((t) => {
        if (!t.textContent.trim()) return;
        lines++;
        if (t.getComputedTextLength() <= 0) problems.push('svg ' + s + ' ' + g.getAttribute('data-id') + ': "' + t.textContent + '" not rendered');
        const b = t.getBoundingClientRect();
        const over = Math.max(r.left - b.left, b.right - r.right, r.top - b.top, b.bottom - r.bottom);
        if (over > 0.5) problems.push('svg ' + s + ' ' + g.getAttribute('data-id') + ': "' + t.textContent + '" overflows by ' + over.toFixed(1) + ' px');
      });
    });
    for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i].r, b = rects[j].r;
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
        problems.push('svg ' + s + ': ' + rects[i].id + ' overlaps ' + rects[j].id);
      }
    }
  });
  const out = document.createElement('pre');
  out.id = 'geometry';
  out.textContent = btoa(unescape(encodeURIComponent(JSON.stringify({ boxes, lines, problems }))));
  document.body.appendChild(out);
})();`;

interface Measured { boxes: number; lines: number; problems: string[] }

/** Lay the page out in headless Chromium and read the measurements back. */
function measure(html: string): Measured {
  const dir = tempDir();
  const page = join(dir, 'page.html');
  writeFileSync(page, html.replace('</body>', `<script>${MEASURE}</script>\n</body>`));
  const r = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${join(dir, 'profile')}`,
    '--window-size=1280,2000', '--dump-dom', `file://${page}`], { encoding: 'utf8', timeout: 90_000 });
  const m = /<pre id="geometry">([A-Za-z0-9+/=]+)<\/pre>/.exec(r.stdout ?? '');
  if (!m) throw new Error(`Chromium gave no measurements (exit ${r.status}): ${(r.stderr ?? '').slice(-500)}`);
  return JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as Measured;
}

/** Force one font of the stack on every SVG (the attribute on the root). */
const withFont = (svg: string, font: string) => svg.replace(/font-family="[^"]*"/, `font-family="${font}"`);

const full = scriptedReview({ previous: true }).expected;
const cases: Array<[string, PrismaCounts, Partial<Variant>]> = [
  ['updated review, both arms', full, {}],
  ['new review, databases only', { ...full, previous_studies: 0, previous_reports: 0, website_results: 0, organisation_results: 0, citations_results: 0 }, { previous: false, other: false }],
  ['long database names and reasons', {
    ...full,
    database_specific_results: ['Applied Social Sciences Index and Abstracts', 'International Bibliography of the Social Sciences',
      'Social Policy and Practice', 'Social Sciences Citation Index', 'Academic Search Complete', 'APA PsycInfo', 'MEDLINE', 'CINAHL Complete']
      .map((reason, i) => ({ reason, n: 1000 + i })),
    dbr_excluded: ['EX-SETTING', 'EX-PHENOMENON', 'EX-DESIGN', 'EX-OUTCOME', 'EX-DATE', 'EX-LANGUAGE-NOT-ENGLISH-OR-WELSH', ''].map((reason, i) => ({ reason, n: i + 1 })),
  }, {}],
];

describe.skipIf(!CHROMIUM)('PRISMA diagram rendered by headless Chromium', () => {
  it('SVG (en, cy; narrowest and widest font of the stack): every text line inside its box, no boxes overlap', () => {
    const svgs: string[] = [];
    for (const [, counts, variant] of cases) {
      for (const lang of ['en', 'cy']) {
        const svg = prismaSvg(reportFromCounts(counts, { variant }), lang).replace(/^<\?xml[^>]*>\n/, '');
        for (const font of ["'Liberation Sans'", "'DejaVu Sans'"]) svgs.push(withFont(svg, font));
      }
    }
    const result = measure(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n${svgs.join('\n')}\n</body></html>`);
    expect(result.problems).toEqual([]);
    expect(result.boxes).toBeGreaterThan(svgs.length * 15);
    expect(result.lines).toBeGreaterThan(result.boxes);
  }, 120_000);

  it('the HTML page (en, cy) embeds a diagram that still fits when scaled to the page', () => {
    for (const lang of ['en', 'cy']) {
      const result = measure(prismaHtml(reportFromCounts(full), lang));
      expect(result.problems, lang).toEqual([]);
      expect(result.boxes, lang).toBeGreaterThan(15);
    }
  }, 120_000);
});
