import { describe, expect, it } from 'vitest';
import type { ReadOptions } from '../../../src/ingest/format.js';
import { parseText } from '../../../src/ingest/format.js';
import { csv, parseListLiteral, splitAuthors, splitKeywords } from '../../../src/ingest/formats/csv.js';
import { DELIMITED_FORMATS } from '../../../src/ingest/formats/delimited.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import { corpusEntries, corpusPath, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { readFile as readCorpusFile } from './delimited-helpers.js';

const fixture = (name: string): string => readFixture('csv', name);
const parse = (text: string, options: ReadOptions = {}) => parseText(csv, text, options);

describe('csv: semicolon-separated file with quoted cells (CRLF)', () => {
  const text = fixture('semicolon.csv');
  const result = parse(text);
  const [first, second, third] = result.records;

  it('sniffs the delimiter and reads every row', () => {
    expect(text).toContain('\r\n');
    expect(result.records).toHaveLength(3);
    expect(result.errors).toEqual([]);
  });

  it('keeps delimiters and doubled quotes inside quoted cells', () => {
    expect(first.title).toBe('Drains; ditches and water tables');
    expect(first.abstract).toBe('The "ditch" effect; measured weekly.');
    expect(first.authors).toEqual(['Lindqvist, E', 'Moreau, C']);
  });

  it('maps the plain headers', () => {
    expect(first.sourceKey).toBe('r1');
    expect(first.year).toBe(2017);
    expect(first.journal).toBe('Hydrology Today');
    expect(first.doi).toBe('10.5555/ht.2017.001');
    expect(first.extra).toEqual({ label_included: ['1'] });
    expect(second.authors).toEqual(['Achebe, N']);
    expect(second.journal).toBeUndefined();
  });

  it('records raw lines and line numbers', () => {
    expect(first.line).toBe(2);
    expect(first.raw).toBe(text.split('\r\n')[1]);
    expect(third.line).toBe(4);
  });

  it('tolerates a trailing empty field but warns about a real surplus field, keeping it', () => {
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'csv/field-count', line: 4, record: 3 });
    expect(result.warnings[0].message).toContain('9 fields, more than the 8 header columns');
    expect(third.extra['column 9']).toEqual(['surplus']);
  });
});

describe('csv: column mapping', () => {
  const text = fixture('custom_columns.csv');

  it('without a mapping, uses the default aliases and keeps unknown headers in extra', () => {
    const { records, errors } = parse(text);
    expect(errors).toEqual([]);
    expect(records[0].title).toBe('short title one');
    expect(records[0].authors).toEqual([]);
    expect(records[0].extra.Headline).toEqual(['Full headline of the first paper']);
    expect(records[0].extra.Writers).toEqual(['Ibsen, H; Undset, S']);
  });

  it('options.columns overrides the aliases, and the displaced column goes to extra', () => {
    const columns = { title: 'Headline', authors: 'writers', year: 'Yr', journal: 'Periodical', sourceKey: 'Ref' };
    const { records, errors } = parse(text, { columns });
    expect(errors).toEqual([]);
    const [a, b] = records;
    expect(a.title).toBe('Full headline of the first paper');
    expect(a.authors).toEqual(['Ibsen, H', 'Undset, S']);
    expect([a.year, a.journal, a.sourceKey]).toEqual([1999, 'Nordic Journal', 'A-17']);
    expect(a.extra).toEqual({ Title: ['short title one'], Notes: ['kept'] });
    expect(b.authors).toEqual(['Hamsun, K']);
    expect(b.extra).toEqual({ Title: ['short title two'] });
  });

  it('a mapping to a missing column or an unknown field is an error naming it', () => {
    const missing = parse(text, { columns: { title: 'Headlines' } });
    expect(missing.records).toEqual([]);
    expect(missing.errors[0].message).toContain('no column "Headlines"');
    expect(missing.errors[0].line).toBe(1);
    const unknown = parse(text, { columns: { headline: 'Headline' } });
    expect(unknown.errors[0].message).toContain('unknown field "headline"');
  });
});

describe('csv: dialects and streaming', () => {
  it('reads tab-separated text and an Excel sep= hint line', () => {
    const tsv = parse('title\tauthors\tyear\nA tab title\tSmith, J; Doe, A\t2001\n');
    expect(tsv.records[0]).toMatchObject({ title: 'A tab title', authors: ['Smith, J', 'Doe, A'], year: 2001 });
    const hinted = parse('sep=;\ntitle;year\nHinted;1999\n');
    expect(hinted.records[0]).toMatchObject({ title: 'Hinted', year: 1999, line: 3 });
  });

  it('joins a multi-line quoted field (with blank lines inside) into one row', () => {
    const text = 'id,title,abstract\n1,First,"para one\n\npara two"\n\n2,Second,plain\n';
    const { records, errors } = parse(text);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([2, 6]);
    expect(records[0].raw).toBe('1,First,"para one\n\npara two"');
    expect(records[0].abstract).toBe('para one para two');
  });

  it('an unclosed quote is an error naming the line where the row starts', () => {
    const { records, errors } = parse('id,title\n1,ok\n2,"never closed\n3,lost\n');
    expect(records.map((r) => r.sourceKey)).toEqual(['1']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'csv/unparseable-row', line: 3, record: 2 });
    expect(errors[0].message).toMatch(/^line 3: row 2 cannot be parsed as CSV/);
  });

  it('a stray quote inside an unquoted cell is tolerated: csv-parse decides the rows', () => {
    const { records, errors, warnings } = parse('id,title\n1,5" floppy disk\n2,plain\n3,12" record\n4,last\n');
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.sourceKey, r.title, r.line])).toEqual([
      ['1', '5" floppy disk', 2], ['2', 'plain', 3], ['3', '12" record', 4], ['4', 'last', 5],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['csv/stray-quote']);
  });

  it('skips rows without any value, with a warning', () => {
    const { records, warnings } = parse('id,title\n,\n1,x\n');
    expect(records).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'csv/empty-row', line: 2 });
  });

  it('streams: records come out before the whole input has been read', () => {
    const total = 3_000;
    let consumed = 0;
    function* lines(): Generator<string> {
      yield 'id,title,abstract';
      for (let i = 1; i <= total; i += 1) {
        consumed += 1;
        yield `${i},Title ${i},"line one of ${i}`;
        consumed += 1;
        yield `line two of ${i}"`;
      }
    }
    const reader = csv.read(lines(), {});
    const first = reader.next();
    expect(first.value).toMatchObject({ kind: 'record', record: { sourceKey: '1', line: 2 } });
    expect(consumed).toBeLessThan(1_100); // one batch of ~500 rows, not 6,000 lines
    const rest = [...reader].filter((item) => item.kind === 'record');
    expect(rest).toHaveLength(total - 1);
    const last = rest[rest.length - 1];
    expect(last.kind === 'record' && [last.record.line, last.record.abstract]).toEqual([
      2 * total, `line one of ${total} line two of ${total}`,
    ]);
  });
});

describe('csv: cell converters', () => {
  it('splits author cells of every shape, each name as written', () => {
    const names = (v: string): string[] => splitAuthors(v).authors;
    expect(names('Smith, J., Jones, A.B.')).toEqual(['Smith, J.', 'Jones, A.B.']);
    expect(names('Yagai T., Kimura Y., Kamada H.')).toEqual(['Yagai T.', 'Kimura Y.', 'Kamada H.']);
    expect(names('Lim SM, Shiau CWC, Lau Y.')).toEqual(['Lim SM', 'Shiau CWC', 'Lau Y']);
    expect(names('Joseph Rottman, Erran Carmel')).toEqual(['Joseph Rottman', 'Erran Carmel']);
    expect(names('Marx, Karl')).toEqual(['Marx, Karl']);
    expect(names('Zuna, R E and Wang, S S')).toEqual(['Zuna, R E', 'Wang, S S']);
    expect(names('Massimo Aria|Corrado Cuccurullo')).toEqual(['Massimo Aria', 'Corrado Cuccurullo']);
    expect(names("['Marx, Karl', \"O'Hara, Scarlett\"]")).toEqual(['Marx, Karl', "O'Hara, Scarlett"]);
    expect(names('Liu, Fengyuan (60410297700); Li, Chunyun (58862216200)')).toEqual(['Liu, Fengyuan', 'Li, Chunyun']);
    expect(names('[No author name available]')).toEqual([]);
  });

  it('splits run-together names heuristically and says so, leaving single names alone', () => {
    expect(splitAuthors('Andy SmithTom Weber')).toMatchObject({ authors: ['Andy Smith', 'Tom Weber'], concatenated: true });
    expect(splitAuthors('Adeli K.Lewis G. F.').authors).toEqual(['Adeli K.', 'Lewis G. F.']);
    expect(splitAuthors('Li Z. M.Kong C. Y.Han B.').authors).toEqual(['Li Z. M.', 'Kong C. Y.', 'Han B.']);
    expect(splitAuthors('Andy McDonaldTom Weber').authors).toEqual(['Andy McDonald', 'Tom Weber']);
    expect(splitAuthors('Paul DeLuca')).toMatchObject({ authors: ['Paul DeLuca'], concatenated: false });
    expect(splitAuthors('The EuroQol Group')).toMatchObject({ authors: ['The EuroQol Group'], concatenated: false });
  });

  it('keeps the run-together cell in extra beside the split names', () => {
    const { records } = parse('Item Title,Authors,Publication Year,Content Type\nA title,Andy SmithTom Weber,2000,Article\n');
    expect(records[0].authors).toEqual(['Andy Smith', 'Tom Weber']);
    expect(records[0].extra.Authors).toEqual(['Andy SmithTom Weber']);
  });

  it('reads list literals and separated keyword lists', () => {
    expect(parseListLiteral("['a', 'b, c']")).toEqual(['a', 'b, c']);
    expect(parseListLiteral('[not a list]')).toBeUndefined();
    expect(splitKeywords('Aged; Anti-Inflammatory Agents, Non-Steroidal')).toEqual(['Aged', 'Anti-Inflammatory Agents, Non-Steroidal']);
    expect(splitKeywords('a, b (c, d)', /,(?![^()]*\))/)).toEqual(['a', 'b (c, d)']);
  });

  it('parses a PubMed citation cell into volume, issue, pages and date', () => {
    const text = 'PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n'
      + '"30000001","A title","Roe A, Poe B.","J Example. 2019 Mar 5;12(3):45-50. doi: 10.1000/xyz.1. Epub 2019 Jan 2.","Roe A","J Example","2019","2019/03/06",,,\n';
    const { records, database } = parse(text);
    expect(database).toBe('PubMed');
    expect(records[0]).toMatchObject({
      sourceKey: '30000001', pmid: '30000001', journal: 'J Example', date: '2019 Mar 5', year: 2019,
      volume: '12', issue: '3', pages: '45-50', doi: '10.1000/xyz.1', authors: ['Roe A', 'Poe B'], database: 'PubMed',
    });
    expect(records[0].extra.Citation).toHaveLength(1);
  });
});

const HEADS_OF_OTHER_FORMATS: Record<string, string> = {
  ris: 'TY  - JOUR\nTI  - A title, with a comma\nAU  - Smith, J\nER  - \n',
  wosPlain: 'FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smith, J\nTI A title\nER\nEF\n',
  medline: '\nPMID- 12345678\nOWN - NLM\nTI  - A title, with a comma\n',
  xml: '<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet><PubmedArticle/></PubmedArticleSet>\n',
  bibtex: '@article{key1,\n  title = {A title},\n}\n',
};

describe('delimited sniffers', () => {
  it('never fire on RIS, WoS plain text, MEDLINE, XML or BibTeX', () => {
    for (const [name, head] of Object.entries(HEADS_OF_OTHER_FORMATS)) {
      for (const format of DELIMITED_FORMATS) expect(`${name}:${format.name}=${format.sniff(head)}`).toBe(`${name}:${format.name}=0`);
    }
  });

  it('give the generic csv a modest score below every vendor signature', () => {
    expect(csv.sniff('id,title,year\n1,x,2000\n')).toBe(0.45);
    expect(csv.sniff('doi,pmid,label_included\n')).toBe(0.25);
    expect(csv.sniff('merged_ids\n"a;b"\n')).toBe(0);
    expect(detectFormat(fixture('semicolon.csv'))?.name).toBe('csv');
  });
});

/** Which delimited format each corpus table belongs to. */
function expectedFormat(file: string): string {
  if (/^exports\/scopus\/.*\.csv$/.test(file)) return 'scopus-csv';
  if (/^exports\/embase\/.*\.csv$/.test(file)) return 'embase-csv';
  if (/tab_delimited/.test(file)) return 'wos-tab';
  return 'csv';
}

describeCorpus('delimited corpus files', () => {
  const isTable = (file: string): boolean => /\.(csv|tsv)$/i.test(file) || /tab_delimited/.test(file);
  const entries = [
    ...corpusEntries('exports').filter((e) => isTable(e.file)),
    ...corpusEntries('screening').filter((e) => e.file.startsWith('screening/asreview-demo/')),
    ...corpusEntries('dedup').filter((e) => isTable(e.file)),
  ];

  it('finds every table the brief names', () => {
    expect(entries.filter((e) => e.file.startsWith('exports/')).length).toBe(12);
    expect(entries.filter((e) => e.file.startsWith('screening/')).length).toBe(4);
    expect(entries.filter((e) => e.file.startsWith('dedup/')).length).toBe(9);
  });

  for (const entry of entries) {
    const formatName = expectedFormat(entry.file);
    it(`${entry.file}: ${entry.records} records as ${formatName}, no errors`, () => {
      const format = formatByName(formatName)!;
      const { records, errors, head } = readCorpusFile(format, corpusPath(entry.file));
      expect(errors).toEqual([]);
      expect(records).toHaveLength(entry.records);
      // Ground-truth group files (merged_ids only) carry no bibliographic header: nothing claims them.
      const detected = detectFormat(head)?.name;
      if (entry.file.endsWith('merged_record_ids.csv')) expect(detected).toBeUndefined();
      else expect(detected).toBe(formatName);
    });
  }

  it('imports the dedup record tables with no mapping: ID, title, authors, journal, pages', () => {
    const { records } = readCorpusFile(csv, corpusPath('dedup/rathbone2015-haematology/records_pre_merged.csv'));
    expect(records[0]).toMatchObject({
      sourceKey: 'id_0000001', type: 'article', title: 'New insights into postrenal transplant hemolytic uremic syndrome.',
      year: 2011, journal: 'Nat Rev Nephrol', volume: '7', issue: '1', pages: '23-35',
    });
    expect(records[0].authors).toEqual(['Zuber, J', 'Le Quintrec, M', 'Sberro-Soussan, R', 'Loirat, C', 'Fremeaux-Bacchi, V', 'Legendre, C']);
    expect(records.every((r) => r.sourceKey?.startsWith('id_'))).toBe(true);
  });

  it('maps the generic vendor tables (PubMed, Lens, OpenAlex, IEEE, SpringerLink, ASReview)', () => {
    const pubmed = readCorpusFile(csv, corpusPath('exports/pubmed/colrev_pubmed-chatbot.csv'));
    expect(pubmed.database).toBe('PubMed');
    expect(pubmed.records[0]).toMatchObject({ pmid: '35227408', journal: 'Behav Ther', volume: '53', issue: '2', pages: '334-347', year: 2022 });
    const lens = readCorpusFile(csv, corpusPath('exports/lens/bibliometrix_lens_sample.csv'));
    expect(lens.records[0]).toMatchObject({ sourceKey: '000-360-106-493-122', pages: '1-12', pmid: '33251087', database: 'Lens.org' });
    expect(lens.records[0].issn).toEqual(['2194-5411', '2194-5403']);
    const openalex = readCorpusFile(csv, corpusPath('exports/openalex/bibliometrix_openalex_sample.csv'));
    expect(openalex.records[0]).toMatchObject({
      authors: ['Massimo Aria', 'Corrado Cuccurullo'], doi: '10.1016/j.joi.2017.08.007', journal: 'Journal of Informetrics', year: 2017,
    });
    const ieee = readCorpusFile(csv, corpusPath('exports/ieee/colrev_ieee_csv.csv'));
    expect(ieee.records[0].authors).toEqual(['Joseph Rottman', 'Erran Carmel', 'Mary Lacity']);
    const springer = readCorpusFile(csv, corpusPath('exports/springer/colrev_springer_csv.csv'));
    expect(springer.records[0]).toMatchObject({ authors: ['Andy Smith', 'Tom Weber'], volume: '17', issue: '3', database: 'SpringerLink' });
    const tsv = readCorpusFile(csv, corpusPath('screening/asreview-demo/generic_tab.tsv'));
    expect(tsv.records[0]).toMatchObject({ authors: ['Marx, Karl', 'Lindgren, Astrid'], keywords: ['Pippi', 'Nordwind', 'Piraten'], year: 2014 });
  });
});
