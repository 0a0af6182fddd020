import { describe, expect, it } from 'vitest';
import { readCsvTable, rowObject } from '../../src/util/csv-table.js';

describe('readCsvTable', () => {
  it('gives each row the line it starts on: blank lines, quoted line breaks, CRLF or CR, and a BOM', () => {
    const text = '\ufeffpair,decision,note\r\n1,same,\r\n\r\n2,different,"two\r\nlines"\r\n\r\n\r\n3,same,x\r\n4,same,y';
    const table = readCsvTable(text);
    expect(table.header).toEqual(['pair', 'decision', 'note']);
    expect(table.rows.map((r) => [r.cells[0], r.line])).toEqual([['1', 2], ['2', 4], ['3', 8], ['4', 9]]);
    expect(table.rows[1].cells[2]).toBe('two\r\nlines');
    // A classic Mac file: CR alone ends lines.
    expect(readCsvTable('a,b\r1,2\r\r3,4').rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('reads rows as objects by header name, trimmed when asked', () => {
    const table = readCsvTable(Buffer.from(' file , method \n a.ris ,website\nb.ris\n'), { trim: true });
    expect(table.rows.map((r) => rowObject(table.header, r))).toEqual([{ file: 'a.ris', method: 'website' }, { file: 'b.ris', method: '' }]);
    expect(readCsvTable('')).toEqual({ header: [], rows: [] });
  });
});

describe('readCsvTable, strict and trimmed', () => {
  it('counts lines of spaces that trimming skips, and refuses a row with a stray cell when asked to be strict', () => {
    const text = 'file,database\na.ris,Scopus\n   \nb.ris,Embase\n';
    expect(readCsvTable(text, { trim: true }).rows.map((r) => r.line)).toEqual([2, 4]);
    expect(() => readCsvTable('file,database\na.ris,Embase, Elsevier\n', { relaxColumnCount: false })).toThrow(/record length|line 2/i);
  });
});
