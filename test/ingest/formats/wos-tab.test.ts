import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { detectFormat } from '../../../src/ingest/formats/index.js';
import { wosTab } from '../../../src/ingest/formats/wos-tab.js';
import { corpusPath, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { readFile } from './delimited-helpers.js';

const text = readFixture('wos-tab', 'wos_tab_win_utf8.txt');

describe('wos-tab: Windows tab-delimited export (BOM, CRLF, trailing tabs)', () => {
  const result = parseText(wosTab, text);
  const [article, book, artNo] = result.records;

  it('is detected and read: 60 fields against 59 tags is not a problem', () => {
    expect(text.split('\r\n')[1].split('\t')).toHaveLength(60);
    expect(detectFormat(text.slice(1))?.name).toBe('wos-tab');
    expect(result.records).toHaveLength(3);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.database).toBe('Web of Science');
  });

  it('treats quote characters as ordinary text (WoS never quotes fields)', () => {
    expect(article.title).toBe('The "open science" effect: citation advantage revisited');
    expect(article.abstract).toBe('We revisit the "open access citation advantage.');
    expect(book.line).toBe(3);
  });

  it('maps the WoS tags like WoS plain text', () => {
    expect(article).toMatchObject({
      sourceKey: 'WOS:000499999900001', database: 'Web of Science', type: 'Article', journal: 'JOURNAL OF INFORMETRICS',
      year: 2019, date: 'NOV 2019', volume: '13', issue: '4', pages: '100-115', doi: '10.1016/j.joi.2019.100001', language: 'English',
    });
    expect(article.authors).toEqual(['Garcia, ML', "O'Neil, P"]);
    expect(article.issn).toEqual(['1751-1577', '1875-5879']);
    expect(article.keywords).toEqual(['open access', 'citation advantage', 'IMPACT', 'ARTICLES']);
    expect(book).toMatchObject({ type: 'Book', isbn: ['978-3-16-148410-0'], year: 2018 });
    expect(artNo).toMatchObject({ pages: '5', doi: '10.1007/s11192-020-00001-z' });
  });

  it('maps PM when a newer export has the column', () => {
    const { records } = parseText(wosTab, 'PT\tAU\tTI\tPM\tUT\r\nJ\tRoe, A\tA title\t31234567\tWOS:000000000000001\t\r\n');
    expect(records[0]).toMatchObject({ pmid: '31234567', sourceKey: 'WOS:000000000000001', authors: ['Roe, A'] });
  });

  it('keeps unmapped tags in extra under the tag', () => {
    expect(article.extra.PT).toEqual(['J']);
    expect(article.extra.AF).toEqual(["Garcia, Maria L.; O'Neil, Patrick"]);
    expect(article.extra.J9).toEqual(['J INFORMETR']);
    expect(article.extra.TC).toEqual(['7']);
  });

  it('the raw row keeps its trailing tab', () => {
    expect(article.raw).toBe(text.split('\r\n')[1]);
    expect(article.raw.endsWith('\t')).toBe(true);
  });

  it('the sniffer wants a tab-separated tag header', () => {
    expect(wosTab.sniff('PT\tAU\tTI\n')).toBe(0.95);
    expect(wosTab.sniff('TI\tAU\tUT\n')).toBe(0.9);
    expect(wosTab.sniff('PT J\nAU Smith, J\n')).toBe(0);
    expect(wosTab.sniff('PT,AU,TI,UT\n')).toBe(0);
  });
});

describeCorpus('wos-tab corpus', () => {
  it('the UTF-8 and UTF-16 exports give the same 50 records', () => {
    const utf8 = readFile(wosTab, corpusPath('exports/wos/wosfile_wos_tab_delimited_win_utf8.txt'));
    const utf16 = readFile(wosTab, corpusPath('exports/wos/wosfile_wos_tab_delimited_win_utf16.txt'));
    for (const r of [utf8, utf16]) {
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect(r.records).toHaveLength(50);
    }
    expect(utf16.records.map(({ raw, ...rest }) => rest)).toEqual(utf8.records.map(({ raw, ...rest }) => rest));
    expect(utf8.records[0]).toMatchObject({
      sourceKey: 'WOS:000220015600001', journal: 'ORGANIZATION SCIENCE', year: 2004, date: 'JAN-FEB 2004',
      volume: '15', issue: '1', pages: '5-21', doi: '10.1287/orsc.1030.0054', authors: ['Owen-Smith, J', 'Powell, WW'],
    });
    expect(utf8.records.every((r) => r.sourceKey?.startsWith('WOS:') && r.title)).toBe(true);
  });
});
