import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import { proquest } from '../../../src/ingest/formats/proquest.js';
import { corpusEntries, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('proquest', name);
const parse = (text: string) => parseText(proquest, text);

describe('proquest: text export with header, contents, bibliography, mixed CRLF/LF', () => {
  const text = fixture('text_export_mixed_eol.txt');
  const result = parse(text);
  const [article, thesis] = result.records;

  it('the fixture mixes CRLF and LF', () => {
    expect(text).toMatch(/\r\n/);
    expect(text).toMatch(/[^\r]\n/);
  });

  it('reads the two documents only (not the contents or the bibliography), without diagnostics', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect([article.line, thesis.line]).toEqual([19, 86]);
    expect(article.raw.split('\n')[0]).toBe('Document 1 of 2');
    expect(article.raw.split('\n').at(-1)).toBe('Database: ProQuest Central');
  });

  it('maps a journal article', () => {
    expect(article.title).toBe('Nurse-led telephone follow-up after day surgery');
    expect(article.authors).toEqual(['Haddad, Rania', 'Kowalski, Jan']);
    expect(article.journal).toBe('Journal of PeriAnesthesia Practice');
    expect([article.volume, article.issue, article.pages]).toEqual(['36', '2', '145-152']);
    expect(article.year).toBe(2021);
    expect(article.date).toBe('Apr 2021');
    expect(article.doi).toBe('10.1097/jpp.0000000000000456');
    expect(article.issn).toEqual(['1089-9472', '1532-8473']);
    expect(article.language).toBe('English');
    expect(article.type).toBe('Journal Article');
    expect(article.sourceKey).toBe('2512345678');
    expect(article.database).toBe('ProQuest Central');
    expect(article.url).toBe('https://www.proquest.com/scholarly-journals/nurse-led-telephone/docview/2512345678/se-2');
    expect(article.extra['Document URL']).toEqual(['http://search.proquest.com/docview/2512345678?accountid=12345']);
    expect(article.extra['Publication info']).toEqual(['Journal of PeriAnesthesia Practice 36.2 (Apr 2021): 145-152.']);
    expect(article.extra['Publication year']).toBeUndefined();
  });

  it('keeps abstract paragraphs that start like a label ("Results:") in the abstract', () => {
    expect(article.abstract).toBe('Background: Follow-up calls are routine after day surgery. '
      + 'Results: Calls reduced unplanned visits by a third. Conclusions: Telephone follow-up is worth keeping.');
  });

  it('collects Subject, MeSH and Identifier keywords', () => {
    expect(article.keywords).toEqual([
      'Ambulatory surgery', 'Nursing', 'Telephone', 'Humans', 'Ambulatory Surgical Procedures -- nursing', 'day surgery', 'follow-up',
    ]);
  });

  it('maps a dissertation: unlabelled docview link as URL, "First page: n/a" kept aside, comma keywords', () => {
    expect(thesis.title).toBe('Sleep and rumination in students: A mixed-methods study');
    expect(thesis.authors).toEqual(['Moreau, Claire']);
    expect(thesis.url).toBe('http://search.proquest.com/docview/2100000001?accountid=12345');
    expect(thesis.pages).toBeUndefined();
    expect(thesis.extra['First page']).toEqual(['n/a']);
    expect(thesis.isbn).toEqual(['9780438123456']);
    expect(thesis.year).toBe(2018);
    expect(thesis.database).toBe('ProQuest Dissertations & Theses Global');
    expect(thesis.keywords).toEqual(['Psychology', 'Social sciences', 'Rumination', 'Sleep quality']);
    expect(thesis.extra['University/institution']).toEqual(['Université de Lyon']);
    expect(thesis.extra.Heading).toBeUndefined();
  });
});

describe('proquest: problems', () => {
  const sep = '_'.repeat(60);

  it('fewer documents than announced is a warning', () => {
    const result = parse(`${sep}\nDocument 1 of 3\n\nA title\n\nTitle: A title\n${sep}\n`);
    expect(result.records).toHaveLength(1);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'proquest/count' })]);
  });

  it('a document number out of sequence is a warning naming the line', () => {
    const result = parse(`Document 1 of 2\n\nOne\n${sep}\nDocument 3 of 2\n\nTwo\n${sep}\n`);
    expect(result.records.map((r) => r.title)).toEqual(['One', 'Two']);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'proquest/document-number', line: 5, record: 2 })]);
  });

  it('a file without Document blocks is an error', () => {
    expect(parse('Report Information from ProQuest\n').errors).toEqual([expect.objectContaining({ code: 'proquest/no-documents' })]);
  });
});

describe('proquest: detection', () => {
  it('claims ProQuest text exports and is registered', () => {
    expect(formatByName('proquest-text')).toBe(proquest);
    expect(detectFormat(fixture('text_export_mixed_eol.txt'))).toBe(proquest);
    expect(proquest.sniff('Document 1 of 2\n\nA title\n\nProQuest document ID: 123\n')).toBeGreaterThanOrEqual(0.9);
    expect(proquest.sniff('TY  - JOUR\nDB  - ProQuest Central\nER  - \n')).toBe(0);
  });
});

describeCorpus('proquest: corpus', () => {
  const entries = corpusEntries('exports').filter((e) => /ProQuest plain-text/.test(e.description));

  it('finds the ProQuest plain-text export listed in SOURCES.md', () => {
    expect(entries.map((e) => e.file)).toEqual(['exports/proquest/metaknowledge_ProQuest_TestFile.txt']);
  });

  expectCorpusCounts(proquest, entries, {
    every: (r) => r.title && r.authors.length === 1 && r.sourceKey && r.year && r.url?.includes('/docview/'),
    check: (result) => {
      expect(result.records.every((r) => r.raw.startsWith('Document ') && !r.raw.includes('@misc{'))).toBe(true);
      expect(result.records[0]).toMatchObject({
        title: 'Entrenchment and the Kripke-Wittgenstein paradox', authors: ['Dorst, Chris'], sourceKey: '1548716365',
        year: 2014, isbn: ['9781303940095'], type: 'Dissertation/Thesis', database: 'ProQuest Dissertations & Theses Global',
      });
      expect(result.records[0].keywords).toContain('Philosophy, religion and theology');
      expect(result.records[0].extra.Links?.[0].split('\n')).toHaveLength(2);
    },
  });
});
