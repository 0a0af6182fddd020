import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { csv } from '../../../src/ingest/formats/csv.js';
import { detectFormat } from '../../../src/ingest/formats/index.js';
import { scopusCsv } from '../../../src/ingest/formats/scopus-csv.js';
import { corpusPath, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { readFile } from './delimited-helpers.js';

const fixture = (name: string): string => readFixture('scopus-csv', name);

describe('scopus-csv: newer 45-column layout (BOM, every field quoted)', () => {
  const text = fixture('scopus_45col_bom.csv');
  const result = parseText(scopusCsv, text);
  const [article, artNo, anonymous] = result.records;

  it('is detected as Scopus and read without problems', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(scopusCsv.sniff(text.slice(1))).toBe(0.95);
    expect(detectFormat(text.slice(1))?.name).toBe('scopus-csv');
    expect(result.records).toHaveLength(3);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('takes authors from "Author full names", without the Scopus author IDs', () => {
    expect(article.authors).toEqual(['Novak, Jana', 'Berg, Anders B.']);
    expect(article.extra.Authors).toEqual(['Novak J.; Berg A.B.']);
    expect(artNo.authors).toEqual(['Okafor, Chidi']);
    expect(anonymous.authors).toEqual([]);
  });

  it('maps the bibliographic columns', () => {
    expect(article).toMatchObject({
      sourceKey: '2-s2.0-85100000001', database: 'Scopus', type: 'Article', year: 2021,
      title: 'Rewetting drained peatlands: carabid beetle responses over ten years',
      journal: 'Restoration Ecology', volume: '29', issue: '4', pages: '101-112', doi: '10.1111/rec.13001', language: 'English',
    });
    expect(article.abstract).toBe(
      'We tested whether "rewetting" restores carabid assemblages, comparing 12 sites. © 2021 Society for Ecological Restoration',
    );
    expect(article.keywords).toEqual(['carabidae', 'peatland', 'rewetting', 'Coleoptera', 'wetland', 'restoration ecology']);
    expect(article.issn).toEqual(['1061-2971']);
    expect(article.url).toMatch(/^https:\/\/www\.scopus\.com\/inward\/record\.uri\?eid=2-s2\.0-85100000001/);
  });

  it('uses the article number when there are no pages, and reads PubMed ID and ISBN', () => {
    expect(artNo).toMatchObject({ pages: 'e0234567', pmid: '32600001', issue: '7' });
    expect(anonymous).toMatchObject({ type: 'Conference Review', isbn: ['9783161484100'], sourceKey: '2-s2.0-85100000003' });
  });

  it('keeps every other column in extra under its header', () => {
    expect(article.extra['Cited by']).toEqual(['3']);
    expect(article.extra['Abbreviated Source Title']).toEqual(['Restor. Ecol.']);
    expect(article.extra['Author(s) ID']).toEqual(['57190000001; 57190000002']);
    expect(anonymous.extra['Conference name']).toEqual(['4th Wetland Restoration Symposium']);
    expect(anonymous.extra.Authors).toEqual(['[No author name available]']);
    expect(article.extra.Source).toBeUndefined(); // mapped to database
  });

  it('records the raw row and its line', () => {
    expect(article.line).toBe(2);
    expect(article.raw).toBe(text.split('\n')[1]);
  });
});

describe('scopus-csv: older 41-column layout (BOM, unquoted header)', () => {
  const text = fixture('scopus_41col_old.csv');
  const result = parseText(scopusCsv, text);
  const [grazing, nitrogen] = result.records;

  it('is detected and read', () => {
    expect(text.slice(1, 20)).toBe('Authors,Title,Year,');
    expect(detectFormat(text.slice(1))?.name).toBe('scopus-csv');
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
  });

  it('splits "Family, I., Family, I." author lists into pairs', () => {
    expect(grazing.authors).toEqual(['Smith, J.', 'Jones, A.B.']);
    expect(nitrogen.authors).toEqual(['Müller, K.']);
  });

  it('maps pages, article number, PMID and the link-derived database', () => {
    expect(grazing).toMatchObject({ pages: '210-221', pmid: '25000001', database: 'Scopus', issn: ['1100-9233'] });
    expect(grazing.extra['Page count']).toEqual(['12']);
    expect(nitrogen).toMatchObject({ pages: '4521', language: 'German', title: 'Nitrogen deposition, bog hydrology and Sphagnum growth' });
  });

  it('names the database from the scopus.com link when the Source column is absent', () => {
    const noSource = text.replace(',Source,EID', ',Origin,EID');
    const { records } = parseText(scopusCsv, noSource);
    expect(records[0].database).toBe('Scopus');
    expect(records[0].extra.Origin).toEqual(['Scopus']);
  });
});

describe('scopus-csv: a Scopus file re-saved by Excel with semicolons', () => {
  it('sniffs the delimiter like the generic format does', () => {
    const text = 'Authors;Title;Year;Source title;Link;Source;EID\r\n'
      + '"Smith, J., Jones, A.B.";Fen grazing;2015;J Veg Sci;https://www.scopus.com/inward/record.uri?eid=2-s2.0-1;Scopus;2-s2.0-1\r\n';
    expect(detectFormat(text)?.name).toBe('scopus-csv');
    const { records, errors } = parseText(scopusCsv, text);
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({ authors: ['Smith, J.', 'Jones, A.B.'], year: 2015, sourceKey: '2-s2.0-1', database: 'Scopus' });
  });
});

describeCorpus('scopus-csv corpus', () => {
  it('older layout: 220 records, full mapping', () => {
    const { records, errors } = readFile(scopusCsv, corpusPath('exports/scopus/metaknowledge_scopus_testing.csv'));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(220);
    expect(records[0]).toMatchObject({
      sourceKey: '2-s2.0-84963944162', database: 'Scopus', year: 2016, volume: '26', issue: '4', pages: '7433444',
      doi: '10.1109/tasc.2016.2541670', journal: 'IEEE Transactions on Applied Superconductivity',
    });
    expect(records[0].authors.slice(0, 3)).toEqual(['Yagai T.', 'Kimura Y.', 'Kamada H.']);
    expect(records.every((r) => r.sourceKey?.startsWith('2-s2.0-') && r.database === 'Scopus' && r.title)).toBe(true);
    expect(records.filter((r) => r.pmid).length).toBe(165);
  });

  it('newer layout: R-written NA cells are treated as empty', () => {
    const { records, errors } = readFile(scopusCsv, corpusPath('exports/scopus/bibliometrix_scopus_sample.csv'));
    expect(errors).toEqual([]);
    expect(records[0].authors).toEqual(['Liu, Fengyuan', 'Li, Chunyun', 'Liu, Yong', 'Li, Yufei']);
    expect(records[0].pmid).toBeUndefined();
    expect(records[0].isbn).toEqual([]);
    expect(Object.values(records[0].extra).flat()).not.toContain('NA');
  });

  it('the generic csv format reads the same file with its default aliases', () => {
    const generic = readFile(csv, corpusPath('exports/scopus/bibliometrix_scopus_sample.csv'));
    const scopus = readFile(scopusCsv, corpusPath('exports/scopus/bibliometrix_scopus_sample.csv'));
    expect(generic.records.map((r) => r.doi)).toEqual(scopus.records.map((r) => r.doi));
    expect(generic.records.map((r) => r.sourceKey)).toEqual(scopus.records.map((r) => r.sourceKey));
  });
});
