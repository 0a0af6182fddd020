import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { LineSplitter, readLines, readText, scanFile } from '../../src/ingest/decode.js';
import { writeTemp } from '../helpers/tmp.js';

const lines = (path: string) => {
  const scan = scanFile(path);
  return [...readLines(path, scan.encoding, scan.bomLength)];
};

describe('scanFile', () => {
  it('fingerprints the bytes with SHA-256', () => {
    const path = writeTemp('a.ris', 'TY  - JOUR\nER  - \n');
    expect(scanFile(path).sha256).toBe(createHash('sha256').update('TY  - JOUR\nER  - \n').digest('hex'));
  });

  it('strips a UTF-8 BOM from the head that sniffers see', () => {
    const scan = scanFile(writeTemp('bom.ris', '\uFEFFTY  - JOUR\r\nER  - \r\n'));
    expect(scan.encoding).toBe('utf-8');
    expect(scan.bomLength).toBe(3);
    expect(scan.head.startsWith('TY  - JOUR')).toBe(true);
  });

  it('reads UTF-16LE with a BOM (WoS and EndNote Windows exports)', () => {
    const text = 'PT\tAU\tTI\r\nJ\tSmith, J\tCaf\u00e9 culture\t\r\n';
    const path = writeTemp('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const scan = scanFile(path);
    expect(scan.encoding).toBe('utf-16le');
    expect(lines(path)).toEqual(['PT\tAU\tTI', 'J\tSmith, J\tCaf\u00e9 culture\t']);
  });

  it('recognises UTF-16LE without a BOM by its zero bytes', () => {
    const path = writeTemp('u16nobom.txt', Buffer.from('TY  - JOUR\nTI  - Title\nER  - \n', 'utf16le'));
    expect(scanFile(path).encoding).toBe('utf-16le');
    expect(lines(path)[1]).toBe('TI  - Title');
  });

  it('falls back to Windows-1252 when the file is not valid UTF-8', () => {
    // 0x93/0x94 are curly quotes and 0xE9 is é in Windows-1252; invalid as UTF-8.
    const bytes = Buffer.from([...Buffer.from('TI  - '), 0x93, ...Buffer.from('Caf'), 0xe9, 0x94, 0x0a]);
    const path = writeTemp('cp1252.ris', bytes);
    expect(scanFile(path).encoding).toBe('windows-1252');
    expect(lines(path)).toEqual(['TI  - \u201cCaf\u00e9\u201d']);
  });
});

describe('readLines', () => {
  it('splits LF, CRLF and lone CR (classic Mac, and bare CR between repeated WoS tags)', () => {
    const path = writeTemp('mixed.txt', 'a\r\nb\nc\rd\r\n\r\ne');
    expect(lines(path)).toEqual(['a', 'b', 'c', 'd', '', 'e']);
  });

  it('does not split on U+2028 inside a field', () => {
    const path = writeTemp('ls.txt', 'AB  - one\u2028two\nER  - ');
    expect(lines(path)).toEqual(['AB  - one\u2028two', 'ER  - ']);
  });

  it('keeps a CRLF together when it straddles a read chunk, and multi-byte characters across chunks', () => {
    const chunk = 1 << 20;
    // Put "\r" as the last byte of the first chunk and "\n" as the first of the second.
    const filler = 'x'.repeat(chunk - 1);
    const path = writeTemp('big.txt', `${filler}\r\n\u00e9\u00e9\n`);
    const out = lines(path);
    expect(out).toHaveLength(2);
    expect(out[0].length).toBe(chunk - 1);
    expect(out[1]).toBe('\u00e9\u00e9');
  });
});

describe('readText', () => {
  const pieces = (path: string) => {
    const scan = scanFile(path);
    return [...readText(path, scan.encoding, scan.bomLength)];
  };
  const MB = 1 << 20;

  it('gives the whole decoded text in pieces that each end at a line break', () => {
    const line = 'AB  - caf\u00e9 \u2018quoted\u2019 text that runs on for a while\r\n';
    const text = line.repeat(Math.ceil((3 * MB) / line.length));
    const out = pieces(writeTemp('big.ris', text));
    expect(out.length).toBeGreaterThan(2);
    expect(out.join('')).toBe(text);
    for (const piece of out) expect(piece.endsWith('\r\n')).toBe(true);
  });

  it('cuts a CR-only file after a CR, never between CR and a following LF', () => {
    const text = 'TI: x\r'.repeat(MB / 3) + 'end';
    const out = pieces(writeTemp('mac.txt', text));
    expect(out.length).toBeGreaterThan(1);
    expect(out.join('')).toBe(text);
    for (const piece of out.slice(0, -1)) expect(piece.endsWith('\r')).toBe(true);
  });

  it('grows a piece for a line longer than the read size', () => {
    const text = `short\n${'y'.repeat(2 * MB + 5)}\nlast`;
    expect(pieces(writeTemp('long.txt', text)).join('')).toBe(text);
  });

  it('cuts UTF-16 (both byte orders) on whole characters', () => {
    const text = '\u0100\u0a0d line\n'.repeat(MB / 8);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [['le.txt', le], ['be.txt', be]] as const) {
      const out = pieces(writeTemp(name, bytes));
      expect(out.length, name).toBeGreaterThan(1);
      expect(out.join(''), name).toBe(text);
    }
  });
});

describe('LineSplitter', () => {
  const split = (chunks: string[]) => {
    const s = new LineSplitter();
    return [...chunks.flatMap((c) => [...s.push(c)]), ...s.end()];
  };
  it('gives the same lines however the text is cut into chunks', () => {
    const text = 'a\r\nb\nc\rd\r\n\r\ne\r\rf\n\ng';
    const expected = ['a', 'b', 'c', 'd', '', 'e', '', 'f', '', 'g'];
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        expect(split([text.slice(0, i), text.slice(i, j), text.slice(j)]), `cut at ${i},${j}`).toEqual(expected);
      }
    }
  });
  it('handles a CR-only file in one chunk and a trailing newline', () => {
    expect(split(['Record #1\rTI: x\r\r'])).toEqual(['Record #1', 'TI: x', '']);
    expect(split(['a\n'])).toEqual(['a']);
  });
});
