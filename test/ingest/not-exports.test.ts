import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binaryFileProblem, textFileProblem } from '../../src/ingest/not-exports.js';
import { scanFile } from '../../src/ingest/decode.js';
import { importFile } from '../../src/ingest/import.js';
import { openDatabase } from '../../src/store/db.js';
import { tempDir } from '../helpers/tmp.js';

const bytes = (...parts: Array<string | number[] | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.isBuffer(p) ? p : Buffer.from(p))));
/** Bytes in the manner of a binary file: a header, NULs, counters. */
const binaryBody = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i % 7 === 0 ? 0 : (i * 37) % 256)));

describe('binaryFileProblem', () => {
  it('names ZIP (xlsx/docx), old Office, PDF, gzip and SQLite files by their signature', () => {
    expect(binaryFileProblem(bytes([0x50, 0x4b, 0x03, 0x04], 'xl/workbook.xml'), 'scopus.xlsx')).toMatch(/ZIP archive.*save a spreadsheet as CSV/);
    expect(binaryFileProblem(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'hits.xls')).toMatch(/old Office file/);
    expect(binaryFileProblem(bytes('%PDF-1.7\n%\u00e2\u00e3'), 'paper.pdf')).toMatch(/a PDF/);
    expect(binaryFileProblem(bytes([0x1f, 0x8b, 0x08, 0x00]), 'x.ris.gz')).toMatch(/gzip/);
    expect(binaryFileProblem(bytes('SQLite format 3\u0000'), 'review.sqlite')).toMatch(/SQLite database/);
  });

  it('calls an EndNote library by name, and any other binary file binary', () => {
    expect(binaryFileProblem(binaryBody, 'My Library.enl')).toMatch(/EndNote library.*export the library as XML/);
    expect(binaryFileProblem(binaryBody, 'download.dat')).toMatch(/binary file, not a text export/);
  });

  it('leaves text alone: UTF-8, Windows-1252, UTF-16 without a BOM, a stray NUL in a long export', () => {
    expect(binaryFileProblem(Buffer.from('TY  - JOUR\r\nTI  - Caf\u00e9 culture \u2013 a review\r\nER  - \r\n'), 'a.ris')).toBeUndefined();
    expect(binaryFileProblem(Buffer.from('TI  - Caf\u00e9\r\n', 'latin1'), 'a.ris')).toBeUndefined();
    expect(binaryFileProblem(Buffer.from('FN Clarivate Analytics Web of Science\r\nVR 1.0\r\n'.repeat(20), 'utf16le'), 'a.txt', true)).toBeUndefined();
    const stray = Buffer.from(`${'TY  - JOUR\nTI  - A long title of a paper\nER  - \n'.repeat(60)}`);
    stray[500] = 0;
    expect(binaryFileProblem(stray, 'a.ris')).toBeUndefined();
    expect(binaryFileProblem(Buffer.alloc(0), 'empty.ris')).toBeUndefined();
  });
});

describe('textFileProblem', () => {
  it('names HTML pages and JSON, and nothing else', () => {
    expect(textFileProblem('\n<!DOCTYPE html>\n<html lang="en">')).toMatch(/^this is HTML/);
    expect(textFileProblem('<html><head><title>Results</title>')).toMatch(/^this is HTML/);
    expect(textFileProblem('[\n  {\n    "itemType": "journalArticle"')).toMatch(/^this is JSON/);
    expect(textFileProblem('{"items": []}')).toMatch(/^this is JSON/);
    expect(textFileProblem('<?xml version="1.0"?><records>')).toBeUndefined();
    expect(textFileProblem('[Title] A title in brackets')).toBeUndefined();
    expect(textFileProblem('Title,Authors\n')).toBeUndefined();
  });
});

describe('scanFile on UTF-16 without a BOM', () => {
  it('is text, however many of its characters have a zero byte (CJK names, ideographic spaces)', () => {
    const dir = tempDir();
    const path = join(dir, 'cjk.ris');
    // 山田　太郎: U+5C71 U+7530 U+3000 U+592A U+90CE; U+3000 and 一 (U+4E00) have a zero low byte.
    writeFileSync(path, Buffer.from('TY  - JOUR\r\nAU  - 山田\u3000太郎\r\nTI  - 一の研究\r\nER  - \r\n'.repeat(40), 'utf16le'));
    const scan = scanFile(path);
    expect(scan.encoding).toBe('utf-16le');
    expect(scan.binary).toBeUndefined();
    const r = importFile(openDatabase(':memory:'), path);
    expect([r.status, r.records]).toEqual(['imported', 40]);
  });
});

describe('importing a binary file', () => {
  it('fails with what the file is, even with --format forced, and writes nothing', () => {
    const dir = tempDir();
    const path = join(dir, 'scopus.xlsx');
    writeFileSync(path, bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], '[Content_Types].xml', binaryBody));
    const db = openDatabase(':memory:');
    for (const format of [undefined, 'csv']) {
      const r = importFile(db, path, { format });
      expect(r.status).toBe('failed');
      expect(r.errors).toEqual([expect.objectContaining({ code: 'import/not-an-export', message: expect.stringMatching(/^this is a ZIP archive/) })]);
    }
    expect(db.prepare('SELECT count(*) AS n FROM import_files').get()).toEqual({ n: 0 });
  });

  it('a JSON file no format reads is named as JSON', () => {
    const path = join(tempDir(), 'zotero.json');
    writeFileSync(path, '[\n  {\n    "itemType": "journalArticle",\n    "title": "A"\n  }\n]\n');
    const r = importFile(openDatabase(':memory:'), path);
    expect(r.status).toBe('failed');
    expect(r.errors[0].message).toMatch(/^this is JSON, which `review import` does not read/);
    expect(r.errors[0].code).toBe('import/not-an-export');
  });
});
