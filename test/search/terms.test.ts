import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { readQueryFile } from '../../src/search/protocol.js';
import { searchTerms } from '../../src/search/terms.js';
import { compileTerms, highlight } from '../../src/screen/highlight.js';

const QUERIES = resolve(__dirname, '../../queries');

describe('searchTerms: the documented strings as highlight terms', () => {
  const terms = searchTerms([readQueryFile(join(QUERIES, 'scopus.txt'), { name: 'scopus.txt' })]);

  it('collects words, truncations and phrases from every block, proximity operands included', () => {
    expect(terms).toContain('collaborat*');
    expect(terms).toContain('"mental health"');
    expect(terms).toContain('municip*');
    expect(terms).not.toContain('');
  });

  it('highlights a record the way review screen shows it', () => {
    const re = compileTerms(terms);
    const marked = highlight('Collaborative working between municipalities and mental health services', re, (s) => `[${s}]`);
    expect(marked).toBe('[Collaborative] working between [municipalities] and [mental health] services');
  });
});
