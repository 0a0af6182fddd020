import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { CATALOGUES, catalogue, placeholders, t } from '../../src/prisma/i18n/index.js';
import { en } from '../../src/prisma/i18n/en.js';

describe('message catalogues', () => {
  const keys = Object.keys(en).sort();

  it('every catalogue file in src/prisma/i18n is registered', () => {
    const files = readdirSync(new URL('../../src/prisma/i18n/', import.meta.url)).filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(CATALOGUES).sort()).toEqual(files.sort());
  });

  for (const [lang, messages] of Object.entries(CATALOGUES)) {
    it(`${lang}: no key missing, none extra, none empty, the same placeholders as English`, () => {
      expect(Object.keys(messages).sort()).toEqual(keys);
      for (const k of keys) {
        const text = messages[k as keyof typeof messages];
        expect(text.trim(), `${lang} ${k}`).not.toBe('');
        expect(placeholders(text), `${lang} ${k}`).toEqual(placeholders(en[k as keyof typeof en]));
      }
    });
  }

  it('Welsh uses the reference review\'s own wording where it gives one', () => {
    const cy = catalogue('cy');
    expect(cy.caption).toBe("Nodi cyfeiriadau sydd wedi'u cynnwys"); // its Figure 1 caption
    expect(cy['box.records_screened']).toMatch(/sgriniwyd/); // "Sgriniwyd cyfanswm o 718 o gyfeiriadau"
    expect(cy['box.assessed']).toMatch(/testun llawn .* meini prawf cynhwysiant/);
    expect(cy['reason.EX-SETTING']).toBe('Lleoliad'); // Appendix A criteria headings
    expect(t(cy, 'count', { n: 718 })).toBe('(n = 718)');
  });

  it('an unknown language is a clear error', () => {
    expect(() => catalogue('fr')).toThrow(/no message catalogue for language "fr" \(available: en, cy\)/);
  });
});
