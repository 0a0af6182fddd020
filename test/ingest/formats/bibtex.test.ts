import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/ingest/format.js';
import { bibtex } from '../../../src/ingest/formats/bibtex.js';
import { latexToUnicode } from '../../../src/ingest/formats/bibtex-latex.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import type { ReadItem } from '../../../src/ingest/record.js';
import { corpusEntries, corpusText, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('bibtex', name);
const parse = (text: string) => parseText(bibtex, text);

describe('bibtex: hand-written file with BOM, CRLF, @comment/@preamble/@string, LaTeX', () => {
  const text = fixture('mixed.bib');
  const result = parse(text);
  const [wos, proc, paren] = result.records;

  it('reads the three entries, skipping @comment, @preamble and @string, without problems', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    expect(result.records).toHaveLength(3);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.records.map((r) => [r.type, r.sourceKey, r.line])).toEqual([
      ['article', 'WOS:000412345600007', 10],
      ['inproceedings', 'smith2019deep', 28],
      ['article', 'Zhang2020', 40],
    ]);
  });

  it('converts LaTeX accents, special letters and protective braces in mapped fields', () => {
    expect(wos.authors).toEqual(['Müller, Jörg', 'François, René', 'Straßer, Anna', 'World Health Organization']);
    expect(wos.title).toBe('Screening for COVID-19 in Île-de-France: a pragmatic trial of 10% sampling {pilot}');
    expect(wos.abstract).toBe('Background: rapid tests “work”. Methods—we sampled århus and Málaga & compared.');
    expect(wos.keywords).toEqual(['screening', 'COVID-19', 'Österreich']);
    expect(wos.doi).toBe('10.1016/j.jbi.2021.103_777');
  });

  it('expands @string and month macros and maps the numbers', () => {
    expect(wos.journal).toBe('Journal of Biomedical Informatics');
    expect([wos.year, wos.date]).toEqual([2021, '2021 March']);
    expect([wos.volume, wos.issue, wos.pages]).toEqual(['118', '3', '103-118']);
    expect(wos.issn).toEqual(['1532-0464', '1532-0480']);
    expect(wos.database).toBe('Web of Science');
    expect(wos.extra).toEqual({ 'Unique-ID': ['WOS:000412345600007'] });
  });

  it('keeps the entry as written in raw', () => {
    expect(wos.raw.startsWith('@article{ WOS:000412345600007,\nAuthor = {M{\\"u}ller, J{\\"o}rg and')).toBe(true);
    expect(wos.raw.endsWith('Unique-ID = {WOS:000412345600007},\n}')).toBe(true);
    expect(wos.raw).not.toContain('\r');
    expect(wos.raw.split('\n')).toHaveLength(17);
  });

  it('joins quoted pieces with #, reads bare numbers and maps booktitle as the container', () => {
    expect(proc.title).toBe('Deep Learning for Citation Screening');
    expect(proc.authors).toEqual(['Smith, John', 'van der Berg, Pieter']);
    expect(proc.year).toBe(2019);
    expect(proc.journal).toBe('Proceedings of the 12th ACM Conference on Systematic Reviews');
    expect(proc.pages).toBe('45-52');
    expect(proc.isbn).toEqual(['978-1-4503-1234-5']);
    expect(proc.url).toBe('https://example.org/papers/smith_2019.pdf');
    expect(proc.database).toBeUndefined();
    expect(proc.extra).toEqual({ publisher: ['ACM'], note: ['Suppl. 2'] });
  });

  it('reads a parenthesised entry; an article number stands in for pages; Scopus names itself', () => {
    expect(paren.title).toBe('A parenthesised (round-bracket) entry');
    expect(paren.pages).toBe('e0123');
    expect(paren.database).toBe('Scopus');
    expect(paren.extra).toEqual({});
  });
});

describe('bibtex: LaTeX conversion', () => {
  it.each([
    ['{\\"u}ber', 'über'],
    ['\\"{u}ber', 'über'],
    ["Ren\\'e", 'René'],
    ['{\\ss}', 'ß'],
    ['Stra\\ss e', 'Straße'],
    ['\\v{S}koda \\v Cech', 'Škoda Čech'],
    ['Fran\\c{c}ois', 'François'],
    ["Mart{\\'\\i}nez", 'Martínez'],
    ['{\\o}rsted {\\AA}se', 'ørsted Åse'],
    ['1--10', '1\u201310'],
    ['a---b', 'a\u2014b'],
    ['10\\% \\& \\#1 \\_x', '10% & #1 _x'],
    ['\\textit{in vivo} and \\emph{in vitro}', 'in vivo and in vitro'],
    ['{DNA} {\\{}x{\\}}', 'DNA {x}'],
    ['p~value', 'p value'],
  ])('%s → %s', (input, output) => {
    expect(latexToUnicode(input)).toBe(output);
  });
});

describe('bibtex: streaming and malformed input', () => {
  it('yields each entry as soon as its closing brace is read', () => {
    let pulled = 0;
    function* lines(): Generator<string> {
      for (const l of ['@article{a,', '  title = {One}', '}', '@article{b,', '  title = {Two}', '}']) {
        pulled += 1;
        yield l;
      }
    }
    const iterator = bibtex.read(lines(), {});
    const first = iterator.next().value as ReadItem;
    expect(first.kind === 'record' && first.record.title).toBe('One');
    expect(pulled).toBe(3);
  });

  it('reports a file cut off inside an entry as an error, with line and record number', () => {
    const result = parse('@article{a,\n  title = {One}\n}\n\n@article{b,\n  title = {Two},\n  abstract = {Cut off');
    expect(result.records.map((r) => r.sourceKey)).toEqual(['a', 'b']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'bibtex/unbalanced-braces', line: 5, record: 2 });
    expect(result.errors[0].message).toMatch(/2 left open at line 7.*"abstract" \(line 7\)/);
  });

  it('recovers, with a warning, an entry whose last line closes it but whose braces do not balance (EBSCOhost)', () => {
    const text = '@article{a,\nkeywords = {x}, junk}, {y {z {w},\ntitle = {Kept},\n}\n@article{b,\ntitle = {Next}\n}';
    const result = parse(text);
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => r.title)).toEqual(['Kept', 'Next']);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'bibtex/unbalanced-braces', line: 1, record: 1 });
    expect(result.warnings[0].message).toContain('"keywords" (line 2)');
  });

  it('recovers, with a warning, a complete entry with a missing comma between fields', () => {
    const result = parse('@article{a,\n  title = {Kept}\n  year = {2001}\n}');
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => [r.title, r.year])).toEqual([['Kept', 2001]]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'bibtex/malformed-entry', line: 1, record: 1 })]);
    expect(result.warnings[0].message).toContain('line 3: expected "," or "}" after field "title", found "y"');
  });

  it('reports an entry whose braces close inside a value, leaving fields outside it', () => {
    const result = parse('@article{a,\nkeywords = {x}, junk}, {y},\ntitle = {Lost},\n}');
    expect(result.errors).toEqual([expect.objectContaining({ code: 'bibtex/malformed-entry', line: 1, record: 1 })]);
    expect(result.errors[0].message).toContain('line 2: field "junk" has no "=" after its name');
  });

  it('reports a field without "=" and reads what it can', () => {
    const result = parse('@article{a,\n  title {No equals sign}\n}');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'bibtex/malformed-entry', line: 1, record: 1 });
    expect(result.errors[0].message).toContain('line 2: field "title" has no "=" after its name');
    expect(result.records).toHaveLength(1);
  });

  it('warns about an undefined @string macro and keeps its name', () => {
    const result = parse('@article{a,\n  journal = jcb,\n  title = {T}\n}');
    expect(result.records[0].journal).toBe('jcb');
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'bibtex/undefined-macro', line: 2, record: 1 })]);
  });

  it('reads one-line entries, keys with spaces and field names with spaces (Scopus)', () => {
    const result = parse('@misc{k1, title={One}, year=2001}\n@article{Conference paper2022775,\nfunding_text 1={Thanks},\ntitle={Two}\n}');
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => [r.sourceKey, r.title])).toEqual([['k1', 'One'], ['Conference paper2022775', 'Two']]);
    expect(result.records[1].extra).toEqual({ 'funding_text 1': ['Thanks'] });
  });
});

describe('bibtex: detection', () => {
  it('is certain about BibTeX and is registered', () => {
    expect(bibtex.sniff(fixture('mixed.bib').slice(1))).toBeGreaterThanOrEqual(0.9);
    expect(bibtex.sniff('\n\n@ARTICLE{Li2020,\nauthor={Li, W.},\n}')).toBeGreaterThanOrEqual(0.9);
    expect(detectFormat('@inproceedings{ WOS:0001,\nTitle = {x},\n}')?.name).toBe('bibtex');
    expect(formatByName('bibtex')).toBe(bibtex);
  });

  it('does not claim RIS, EndNote XML or text with a stray @', () => {
    expect(bibtex.sniff('TY  - JOUR\nTI  - Mail me @article{x}\nER  - \n')).toBe(0);
    expect(bibtex.sniff('<xml><records><record><ref-type name="Book">6</ref-type></record></records></xml>')).toBe(0);
    expect(bibtex.sniff('Contact: someone@example.org\n')).toBe(0);
  });
});

describeCorpus('bibtex: corpus', () => {
  const entries = [
    ...corpusEntries('exports').filter((e) => e.file.endsWith('.bib')),
    ...corpusEntries('dedup').filter((e) => e.file.endsWith('.bib')),
  ];
  /** Expected database per file (every entry), where the export says it. */
  const databases: Record<string, Array<string | undefined>> = {
    'exports/wos/colrev_web_of_science_bib.bib': ['Web of Science', 'Web of Science'],
    'exports/dblp/colrev_dblp_bib.bib': ['dblp', 'dblp'],
    // EBSCOhost is the platform: the link's db=bth names the database. The second entry has no URL.
    'exports/ebsco/colrev_ebsco_bib.bib': ['Business Source Premier', undefined],
    // ProQuest is the platform (the interface); its docview links do not say which database.
    'exports/proquest/colrev_abi_inform_proquest_bib.bib': [undefined, undefined],
    'exports/europepmc/colrev_europe_pmc_bib.bib': ['Europe PMC', undefined], // the preprint links to doi.org
    'exports/scopus/synthesisr_Scopus_bib_example.bib': ['Scopus', 'Scopus', 'Scopus'],
    'exports/acm/colrev_acm_bib.bib': [undefined, undefined],
    'exports/wiley/colrev_wiley_bib.bib': [undefined, undefined],
    'exports/tandf/colrev_taylor_and_francis_bib.bib': [undefined, undefined],
  };
  /** Expected platform (interface) per file, where a link names it. */
  const interfaces: Record<string, Array<string | undefined>> = {
    'exports/ebsco/colrev_ebsco_bib.bib': ['EBSCOhost', undefined],
    'exports/proquest/colrev_abi_inform_proquest_bib.bib': ['ProQuest', 'ProQuest'],
  };
  // The EBSCOhost keyword field holds scraped web-page code with unbalanced braces.
  const expectedWarnings: Record<string, string[]> = {
    'exports/ebsco/colrev_ebsco_bib.bib': ['bibtex/unbalanced-braces'],
  };

  it('finds the BibTeX files listed in SOURCES.md', () => {
    expect(entries).toHaveLength(12);
  });

  expectCorpusCounts(bibtex, entries, {
    noun: 'entries',
    warnings: (entry) => expectedWarnings[entry.file] ?? [],
    every: (r) => r.title !== undefined && r.sourceKey !== undefined,
    check: ({ records }, entry) => {
      if (databases[entry.file]) expect(records.map((r) => r.database)).toEqual(databases[entry.file]);
      if (interfaces[entry.file]) expect(records.map((r) => r.interface)).toEqual(interfaces[entry.file]);
    },
  });

  it('maps Scopus: source, art_number, author_keywords, ISSN', () => {
    const { records } = parse(corpusText('exports/scopus/colrev_scopus_bib.bib'));
    expect(records.every((r) => r.database === 'Scopus')).toBe(true);
    expect(records.map((r) => r.type)).toEqual([
      'article', 'article', 'article', 'article', 'article', 'article', 'article', 'book', 'conference', 'article', 'conference',
    ]);
    expect(records[9].sourceKey).toBe('Conference paper2022775');
    const [li] = parse(corpusText('exports/scopus/synthesisr_Scopus_bib_example.bib')).records;
    expect(li.pages).toBe('1722034');
    expect(li.issn).toEqual(['2096-4129']);
    expect(li.keywords.slice(0, 3)).toEqual(['Environmental factors', 'Lake Taihu', 'lakeshore wetland']);
    expect(li.authors).toHaveLength(10);
  });

  it('maps Web of Science, Taylor & Francis and Europe PMC specifics', () => {
    const [proc, article] = parse(corpusText('exports/wos/colrev_web_of_science_bib.bib')).records;
    expect(proc).toMatchObject({ sourceKey: 'WOS:000223334444221', journal: 'A BOOKTITLE', doi: '10.1007/999-9-999-99999-9_3', line: 3 });
    expect(article.title).toBe("A dummy title's");
    expect(article.issn).toEqual(['4444-1221', '4444-1223']);
    const tandf = parse(corpusText('exports/tandf/colrev_taylor_and_francis_bib.bib')).records;
    expect(tandf.map((r) => [r.pmid, r.url])).toEqual([
      ['33355555', 'https://doi.org/10.1111/07777777.2018.1666666'],
      ['33314444', 'https://doi.org/10.1122/07777777.2018.3334444'],
    ]);
    const [pmc] = parse(corpusText('exports/europepmc/colrev_europe_pmc_bib.bib')).records;
    expect(pmc).toMatchObject({ pmid: '18888888', date: '2023 February', issn: ['1111-2222'] });
    expect(pmc.abstract).toMatch(/Code\.abstract with HTML\.\(P = 0\.05\) and \(P = 0\.03\)$/);
  });
});
