import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { key } from '../../src/search/ast.js';
import { formatFinding } from '../../src/search/diagnostics.js';
import { documentFindings, readQueryFile, readQueryText } from '../../src/search/protocol.js';

const QUERIES = join(__dirname, '../../queries');

describe('protocol block files (queries/*.txt)', () => {
  const ebsco = readQueryFile(join(QUERIES, 'ebsco.txt'), { name: 'queries/ebsco.txt' });
  const ovid = readQueryFile(join(QUERIES, 'ovid-spp.txt'), { name: 'queries/ovid-spp.txt' });
  const scopus = readQueryFile(join(QUERIES, 'scopus.txt'), { name: 'queries/scopus.txt' });

  it('reads the seven blocks, their titles and the dialect named by the heading', () => {
    for (const doc of [ebsco, ovid, scopus]) {
      expect(doc.kind).toBe('protocol');
      expect(doc.blocks.map((b) => b.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
      expect(doc.dialectFrom).toBe('heading');
    }
    expect([ebsco.dialect.name, ovid.dialect.name, scopus.dialect.name]).toEqual(['ebsco', 'ovid', 'scopus']);
    expect(ovid.heading).toBe('Polisi ac ymarfer cymdeithasol'); // Welsh: Social Policy and Practice
    expect(ebsco.blocks[0].title).toBe('Cydweithrediad');
    expect(ebsco.blocks[3]).toMatchObject({ label: 'D', title: 'Gweithredu cymunedol', line: 26 }); // label line starts with a space
  });

  it('joins PDF-wrapped lines: a line break inside a quoted phrase is a space', () => {
    const a = ebsco.blocks[0];
    expect(a.source.text).toContain('"social infrastructure"');
    expect(key(a.ast!)).toContain('"social infrastructure"');
    expect(key(ebsco.blocks[1].ast!)).toContain('"company limited by guarantee"');
  });

  it('maps every offset back to its line and column in the file', () => {
    const b = ebsco.blocks[1];
    const at = b.source.text.indexOf('((community N2');
    expect(b.source.locate(at)).toEqual({ line: 18, column: 61 });
  });

  it('reads the combination line ("+" = AND, "neu" = OR) of the Scopus file', () => {
    expect(scopus.combination).toMatchObject({ text: 'A + (B neu C) + D + (E neu F) + G', line: 55 });
    expect(key(scopus.combination!.ast!)).toBe('(and (and (and (and #A (or #B #C)) #D) (or #E #F)) #G)');
    expect(ebsco.combination).toBeUndefined();
    // " C. Sectorau eraill" follows block B's last line with no blank line: still a label.
    expect(scopus.blocks[2]).toMatchObject({ label: 'C', line: 20 });
  });

  it('reports the unbalanced parenthesis of EBSCO block B at its line and column, with a caret', () => {
    const errors = documentFindings(ebsco).filter((f) => f.severity === 'error');
    expect(errors).toMatchObject([{ code: 'unbalanced-parens', block: 'B', line: 18, column: 61 }]);
    const shown = formatFinding(errors[0], (l) => ebsco.lines[l - 1]);
    expect(shown.split('\n')[2]).toBe(`    ${' '.repeat(60)}^`);
    expect(documentFindings(ovid).filter((f) => f.severity === 'error')).toEqual([]);
    expect(documentFindings(scopus).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('line-numbered strategies', () => {
  it('numbered Ovid lines with ranges and limits', () => {
    const doc = readQueryText('1 exp Dementia/\n2 (alzheimer$ or dement$).ti,ab.\n3 or/1-2\n4 limit 3 to english\n', 's.txt');
    expect(doc.kind).toBe('strategy');
    expect(doc.dialect.name).toBe('ovid');
    expect(doc.blocks.map((b) => [b.label, key(b.ast!)])).toEqual([
      ['1', '[exp dementia]'],
      ['2', '(fields abstract,title (or alzheimer* dement*))'],
      ['3', '(or #1 #2)'],
      ['4', '(filter #3 "english")'],
    ]);
    expect(doc.final).toBe('4');
  });

  it('unnumbered lines refer by position; "#n" and "Sn" name the same line', () => {
    const doc = readQueryText('malaria\narte*\n1 and 2\n', 's.txt', { dialect: 'ovid' });
    expect(doc.blocks.map((b) => key(b.ast!))).toEqual(['malaria', 'arte*', '(and #1 #2)']);
    const pm = readQueryText('asthma[tiab]\nchild*[tiab]\n#1 AND #2\n', 's.txt', { dialect: 'pubmed' });
    expect(key(pm.blocks[2].ast!)).toBe('(and #1 #2)');
  });

  it('a reference to a line that does not exist is a located error', () => {
    const doc = readQueryText('malaria\n1 or 5\n', 's.txt', { dialect: 'ovid' });
    expect(documentFindings(doc)).toMatchObject([{ code: 'unresolved-reference', line: 2, column: 6 }]);
  });

  it('headings and notes inside a strategy are skipped; labels come from them', () => {
    const text = ['1 Index test: signs', '1a', 'sign[tw] OR test[tw]', '2. Population: back pain', 'back pain[mh]', 'Search combination', 'A. 1a and 2', 'Final search: A'].join('\n');
    const doc = readQueryText(text, 's.txt', { dialect: 'pubmed' });
    expect(doc.blocks.map((b) => b.label)).toEqual(['1a', '2', 'A', 'Final search']);
    expect(key(doc.blocks[2].ast!)).toBe('(and #1a #2)');
    expect(doc.final).toBe('Final search');
    expect(documentFindings(doc).filter((f) => f.code === 'strategy-annotation').map((f) => f.line)).toEqual([1, 4, 6]);
  });

  it('a line starting with an operator continues the previous one', () => {
    const doc = readQueryText('1 Index: x\na[tw] OR b[tw]\nOR c[tw]\n', 's.txt', { dialect: 'pubmed' });
    expect(key(doc.blocks[0].ast!)).toBe('(or (fields abstract,keywords,other,subject,title a) (fields abstract,keywords,other,subject,title b) (fields abstract,keywords,other,subject,title c))');
  });

  it('reads the Query section of a CLEF TAR topic file', () => {
    const doc = readQueryText('Topic: CD1\n\nTitle: x\n\nQuery:\n"montreal cognitive assessment*".mp.\nMoCA.mp.\n1 or 2\n\nPids:\n    1\n', 'clef');
    expect(doc.blocks.map((b) => [b.label, b.line])).toEqual([['1', 6], ['2', 7], ['3', 8]]);
  });
});

describe('single queries', () => {
  it('one string, dialect from its operators', () => {
    expect(readQueryText('TITLE-ABS-KEY(a W/2 b)', 'q').dialect.name).toBe('scopus');
    expect(readQueryText('a[tiab] AND b[mh]', 'q').dialect.name).toBe('pubmed');
    expect(readQueryText('TS=(a NEAR/2 b)', 'q').dialect.name).toBe('wos');
    expect(readQueryText('a N5 b', 'q').dialect.name).toBe('ebsco');
  });

  it('an unknown --dialect is refused', () => {
    expect(() => readQueryText('a', 'q', { dialect: 'google' })).toThrow(/unknown dialect/);
  });
});
