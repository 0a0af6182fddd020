import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { embaseCsv } from '../../../src/ingest/formats/embase-csv.js';
import { detectFormat } from '../../../src/ingest/formats/index.js';
import { ris } from '../../../src/ingest/formats/ris.js';
import { corpusPath, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { readFile } from './delimited-helpers.js';

const text = readFixture('embase-csv', 'embase_multiline.csv');

describe('embase-csv: Embase.com export with a multi-line quoted abstract', () => {
  const result = parseText(embaseCsv, text);
  const [trial, series] = result.records;

  it('is detected, names Embase, and joins the quoted lines into one row', () => {
    expect(detectFormat(text)?.name).toBe('embase-csv');
    expect(result.database).toBe('Embase');
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.records).toHaveLength(2);
    expect([trial.line, series.line]).toEqual([2, 6]);
    expect(trial.raw.split('\n')).toHaveLength(4);
    expect(trial.raw).toBe(text.split('\n').slice(1, 5).join('\n'));
  });

  it('maps title, abstract and authors', () => {
    expect(trial.title).toBe('Paracetamol versus ibuprofen for fever in children: a randomized trial');
    expect(trial.abstract).toBe('Background: Fever is common. Methods: 120 children were randomized. Results: Both drugs reduced fever.');
    expect(trial.authors).toEqual(['Kowalski P.', 'Nguyen T.H.']);
    expect(trial.database).toBe('Embase');
  });

  it('takes journal, year, volume, issue, pages and date apart from the Source cell', () => {
    expect(trial).toMatchObject({ journal: 'Pediatric Research', year: 2018, volume: '84', issue: '3', pages: '355-361', date: '1 Sep 2018' });
    expect(series).toMatchObject({ journal: 'Seizure', year: 2016, volume: '40', pages: '12-15', date: '1 Jul 2016' });
    expect(series.issue).toBeUndefined();
  });

  it('reads DOI and ISSN from the OpenURL link, keeping the link itself', () => {
    expect(trial.doi).toBe('10.1038/s41390-018-0001-x');
    expect(trial.issn).toEqual(['0031-3998']);
    expect(series.doi).toBe('10.1016/j.seizure.2016.05.001');
    expect(trial.extra['Open URL Link'][0]).toMatch(/^http:\/\/sfx\.example\.edu\/local\?sid=EMBASE/);
    expect(trial.extra.Source).toEqual(['Pediatric Research (2018) 84:3 (355-361). Date of Publication: 1 Sep 2018']);
  });

  it('splits Emtree terms on commas outside parentheses, without duplicates', () => {
    expect(trial.keywords).toEqual([
      'ibuprofen (drug comparison, oral drug administration)', 'paracetamol',
      'child', 'fever (drug therapy, diagnosis)', 'randomized controlled trial',
    ]);
    expect(series.keywords).toEqual(['febrile convulsion (diagnosis)']);
  });

  it('keeps the unmapped columns in extra', () => {
    expect(trial.extra['Correspondence Address'][0]).toMatch(/^P\. Kowalski/);
    expect(trial.extra.Copyright).toEqual(['Copyright 2018 Elsevier B.V., All rights reserved.']);
  });

  it('the sniffer needs Embase column names, not just a Title column', () => {
    expect(embaseCsv.sniff('Title,Author Names,Abstract\n')).toBe(0);
    expect(embaseCsv.sniff('Title,Author Names,Emtree Drug Index Terms\n')).toBe(0.95);
  });
});

describeCorpus('embase-csv corpus', () => {
  const files = ['exports/embase/asreview_embase.csv', 'exports/embase/asreview_embase_newpage.csv'];

  it('both exports hold the same 6 records as the Embase RIS export', () => {
    const fromRis = readFile(ris, corpusPath('exports/embase/asreview_embase.ris')).records;
    for (const file of files) {
      const { records, errors } = readFile(embaseCsv, corpusPath(file));
      expect(errors).toEqual([]);
      expect(records.map((r) => r.doi)).toEqual(fromRis.map((r) => r.doi));
      expect(records.map((r) => r.title)).toEqual(fromRis.map((r) => r.title));
      expect(records.map((r) => r.pages)).toEqual(fromRis.map((r) => r.pages));
      expect(records.map((r) => r.volume)).toEqual(fromRis.map((r) => r.volume));
      expect(records.every((r) => r.database === 'Embase' && r.year && r.journal && r.authors.length > 0)).toBe(true);
    }
  });

  it('the new-page export has multi-line abstracts (19 physical lines, 6 rows)', () => {
    const { records } = readFile(embaseCsv, corpusPath('exports/embase/asreview_embase_newpage.csv'));
    expect(records.map((r) => r.line)).toEqual([2, 5, 8, 11, 14, 17]);
    expect(records[0].abstract).toMatch(/^TEST Gastrointestinal tract duplication cysts/);
  });
});
