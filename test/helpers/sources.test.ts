import { expect, it } from 'vitest';
import { corpusEntries, describeCorpus } from './corpus.js';

describeCorpus('corpus SOURCES.md reader', () => {
  it('reads every export row with its record count', () => {
    const entries = corpusEntries('exports');
    expect(entries.length).toBeGreaterThan(150);
    const ebsco = entries.find((e) => e.file === 'exports/ebsco/citesource_econlit_3.ris');
    expect(ebsco?.records).toBe(3);
    const zotero = entries.find((e) => e.file === 'exports/zotero-translator-tests/ris/ris_test05.ris');
    expect(zotero?.records).toBe(39);
  });
});
