import { describe, expect, it } from 'vitest';
import {
  cleanText, collapseSpaces, decodeEntities, expandPageRange, joinPages, normaliseDoi, normalisePmid, parseYear, standardNumbers,
} from '../../src/ingest/normalise.js';

describe('shared converters', () => {
  it('normalises DOIs: lower case, no URL or doi: prefix, no trailing punctuation', () => {
    expect(normaliseDoi('https://doi.org/10.1000/ABC.123')).toBe('10.1000/abc.123');
    expect(normaliseDoi('http://dx.doi.org/10.4236/ojf.2020.101008')).toBe('10.4236/ojf.2020.101008');
    expect(normaliseDoi('doi: 10.1000/xyz.')).toBe('10.1000/xyz');
    expect(normaliseDoi('10.1000%2Fabc')).toBeUndefined(); // not a DOI until decoded: no "/" after the prefix
    expect(normaliseDoi('not a doi')).toBeUndefined();
  });

  it('finds years, PMIDs and page ranges', () => {
    expect(parseYear('2016/09//')).toBe(2016);
    expect(parseYear('Start date: 20170812')).toBeUndefined();
    expect(parseYear('10 15')).toBeUndefined();
    expect(normalisePmid('PMID: 12345678')).toBe('12345678');
    expect(joinPages('212', '231')).toBe('212-231');
    expect(expandPageRange('6913-7')).toBe('6913-6917');
  });

  it('cleans titles: inline markup, entities, irregular spaces', () => {
    expect(cleanText('Effects of <i>Bacillus</i> &amp; CO<sub>2</sub>\u00a0 on\nsoil')).toBe('Effects of Bacillus & CO2 on soil');
    expect(decodeEntities('&#8220;quoted&#x201D;')).toBe('\u201cquoted\u201d');
    expect(collapseSpaces('a  b\tc')).toBe('a b c');
    expect(cleanText('   ')).toBeUndefined();
  });

  it('files ISSNs and ISBNs, with brackets as separators (APA PsycNET)', () => {
    expect(standardNumbers('1999-7777(Electronic),0222-6666(Print)')).toEqual({ issn: ['1999-7777', '0222-6666'], isbn: [] });
    expect(standardNumbers('21945411; 978-0-19-852663-6')).toEqual({ issn: ['2194-5411'], isbn: ['978-0-19-852663-6'] });
    expect(standardNumbers('US Patent 5,123,456')).toEqual({ issn: [], isbn: [] });
  });
});
