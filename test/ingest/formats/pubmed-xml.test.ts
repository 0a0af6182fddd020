import { describe, expect, it } from 'vitest';
import { parseText, splitLines } from '../../../src/ingest/format.js';
import { detectFormat, formatByName } from '../../../src/ingest/formats/index.js';
import { pubmedXml } from '../../../src/ingest/formats/pubmed-xml.js';
import { corpusEntries, corpusPath, corpusText, describeCorpus } from '../../helpers/corpus.js';
import { readFixture } from '../../helpers/fixtures.js';
import { expectCorpusCounts, expectZoteroDifferences, numberedFiles } from '../../helpers/format-tests.js';

const fixture = (name: string): string => readFixture('pubmed-xml', name);
const parse = (text: string) => parseText(pubmedXml, text);

describe('pubmed-xml: pretty-printed 2019 DTD, structured abstract, inline markup', () => {
  const result = parse(fixture('pretty_2019dtd.xml'));
  const [first, second] = result.records;

  it('reads both articles without problems', () => {
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('keeps the text around inline <i>/<sub>/<sup> and decodes entities', () => {
    expect(first.title).toBe('Supervised exercise and IL-6 levels in adults with type 2 diabetes: a randomised trial of CO2 output.');
    expect(first.abstract).toBe([
      'BACKGROUND: Exercise lowers IL-6 in some trials; r2 < 0.3 in others.',
      'METHODS: We randomised 120 adults to 12 weeks of supervised exercise.',
      'CONCLUSIONS: Exercise helped.',
    ].join('\n'));
    expect(first.keywords).toContain('IL-6');
  });

  it('maps the bibliographic fields', () => {
    expect(first.authors).toEqual(['Okafor, Chidi N', 'van der Berg, Lotte', 'EXERCISE-T2D Study Group']);
    expect(first.journal).toBe('Journal of clinical nursing research');
    expect([first.volume, first.issue, first.pages]).toEqual(['19', '3', '1210-1218']);
    expect(first.date).toBe('2019 Mar 05');
    expect(first.year).toBe(2019);
    expect(first.doi).toBe('10.1186/s12889-019-6543-2');
    expect(first.pmid).toBe('31234567');
    expect(first.sourceKey).toBe('31234567');
    expect(first.database).toBe('PubMed');
    expect(first.issn).toEqual(['1471-2458']);
    expect(first.language).toBe('eng');
    expect(first.type).toBe('Randomized Controlled Trial');
  });

  it('joins author keywords and MeSH descriptors, keeping full MeSH headings in extra', () => {
    expect(first.keywords).toEqual(['physical activity', 'IL-6', 'Diabetes Mellitus, Type 2', 'Exercise']);
    expect(first.extra.MeshHeading).toEqual(['Diabetes Mellitus, Type 2/*therapy', '*Exercise']);
  });

  it('keeps unmapped elements in extra, but never the reference list\'s DOIs as the article DOI', () => {
    expect(first.extra.Affiliation).toEqual(['School of Nursing, University of Leeds, Leeds, UK.']);
    expect(first.extra.AuthorIdentifier).toEqual(['Okafor, Chidi N: ORCID 0000-0002-1825-0097']);
    expect(first.extra.CopyrightInformation).toEqual(['© 2019 The Authors.']);
    expect(first.extra['ArticleId.pmc']).toEqual(['PMC6401234']);
    expect(first.extra.PublicationType).toEqual(['Randomized Controlled Trial', 'Journal Article']);
    expect(first.extra.DateCompleted).toEqual(['2019-11-04']);
    expect(first.extra.ArticleDate).toEqual(['2019-02-20']);
    expect(first.extra['PubMedPubDate.received']).toEqual(['2018-10-01']);
    expect(first.extra.ISOAbbreviation).toEqual(['J Clin Nurs Res']);
    expect(first.extra.CitationSubset).toEqual(['IM']);
    expect(first.extra.Reference).toEqual(['Andersen C. Exercise and IL-6. Br J Cancer. 2013;108:1210.']);
    expect(first.extra['ArticleId.doi']).toBeUndefined();
  });

  it('keeps the raw article text and its line', () => {
    expect(first.line).toBe(4);
    expect(first.raw.startsWith('<PubmedArticle>\n    <MedlineCitation')).toBe(true);
    expect(first.raw.endsWith('</PubmedArticle>')).toBe(true);
    expect(second.line).toBe(118);
  });

  it('reads a Season date, initials without a fore name, an article-number pii and a vernacular title', () => {
    expect(second.date).toBe('2018 Winter');
    expect(second.year).toBe(2018);
    expect(second.authors).toEqual(['Lindqvist, AM']);
    expect(second.pages).toBe('e0207654');
    expect(second.title).toBe('[Fatigue after chemotherapy].');
    expect(second.extra.VernacularTitle).toEqual(['Trötthet efter cellgiftsbehandling.']);
    expect(second.language).toBe('swe');
    expect(second.extra.Language).toEqual(['eng']);
    expect(second.doi).toBeUndefined();
  });
});

describe('pubmed-xml: whole set on one line, 2012 DTD, book chapter and book', () => {
  const result = parse(fixture('one_line_2012dtd_books.xml'));
  const [article, chapter, book] = result.records;

  it('splits the single line into its three records', () => {
    expect(result.errors).toEqual([]);
    expect(result.records).toHaveLength(3);
    expect(result.records.map((r) => r.line)).toEqual([1, 1, 1]);
    expect(article.raw).toMatch(/^<PubmedArticle><MedlineCitation .*<\/PubmedArticle>$/);
    expect(chapter.raw).toMatch(/^<PubmedBookArticle><BookDocument>.*<\/PubmedBookArticle>$/);
    expect(chapter.raw).not.toContain('20301999');
  });

  it('reads a MedlineDate, the bare 2012 Affiliation, a suffix and character references', () => {
    expect(article.title).toBe('Growth & feeding in preterm infants.');
    expect(article.abstract).toBe('Infants fed \u201cenriched\u201d formula grew faster.');
    expect(article.date).toBe('1998 Dec-1999 Jan');
    expect(article.year).toBe(1998);
    expect(article.pages).toBe('755-760');
    expect(article.authors).toEqual(['MacLeod, Fiona, Jr']);
    expect(article.extra.Affiliation).toEqual(['Department of Paediatrics, Royal Infirmary, Glasgow.']);
    expect(article.extra.DateCreated).toEqual(['1999-02-11']);
    expect(article.extra['ArticleId.pii']).toEqual(['S0022-3476(98)70123-4']);
    expect(article.type).toBe('Clinical Trial');
  });

  it('maps a book chapter: chapter title, book as container, editors apart from authors', () => {
    expect(chapter.title).toBe('Rare Syndrome Type 1');
    expect(chapter.journal).toBe('GeneReviews®');
    expect(chapter.authors).toEqual(['Nguyen, Thi Mai']);
    expect(chapter.extra.Editor).toEqual(['Adam, Margaret P']);
    expect(chapter.abstract).toBe('CLINICAL CHARACTERISTICS: A rare disorder.\nDIAGNOSIS: Genetic testing.');
    expect(chapter.year).toBe(1993);
    expect(chapter.pmid).toBe('21456789');
    expect(chapter.type).toBe('Review');
    expect(chapter.extra.PublisherName).toEqual(['University of Washington, Seattle']);
    expect(chapter.extra['ArticleId.bookaccession']).toEqual(['NBK5432']);
    expect(chapter.extra.LocationLabel).toEqual(['Chapter 12']);
  });

  it('maps a whole book: BookTitle is the title', () => {
    expect(book.title).toBe('Handbook of Rare Syndromes');
    expect(book.journal).toBeUndefined();
    expect(book.isbn).toEqual(['9780123456786']);
    expect(book.date).toBe('2005 Jun');
    expect(book.type).toBe('Book');
    expect(book.sourceKey).toBe('20301999');
  });
});

describe('pubmed-xml: streaming and damaged files', () => {
  const article = (pmid: string) =>
    `<PubmedArticle><MedlineCitation><PMID>${pmid}</PMID><Article><ArticleTitle>T ${pmid}</ArticleTitle></Article></MedlineCitation></PubmedArticle>`;

  it('yields each article as soon as it closes, before reading further lines', () => {
    let consumed = 0;
    function* lines(): Generator<string> {
      for (const line of ['<PubmedArticleSet>', article('1'), article('2'), '</PubmedArticleSet>']) {
        consumed += 1;
        yield line;
      }
    }
    const reader = pubmedXml.read(lines(), {});
    const first = reader.next();
    expect(first.value).toMatchObject({ kind: 'record', record: { pmid: '1' } });
    expect(consumed).toBe(2);
  });

  it('reports malformed XML inside an article with its file line and record number', () => {
    const text = ['<PubmedArticleSet>', article('1'), '<PubmedArticle>', '<MedlineCitation><PMID>2</PMID>',
      '<Article><ArticleTitle>Broken</Article>', '</MedlineCitation>', '</PubmedArticle>', '</PubmedArticleSet>'].join('\n');
    const result = parse(text);
    expect(result.records.map((r) => r.pmid)).toEqual(['1']);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'pubmed-xml/invalid-xml', line: 5, record: 2 })]);
    expect(result.errors[0].message).toMatch(/record 2 \(from line 3\): malformed XML at line 5/);
  });

  it('fails a file cut off inside an article, naming where the article opened', () => {
    const result = parse(['<PubmedArticleSet>', article('1'), '<PubmedArticle>', '<MedlineCitation><PMID>2</PMID>'].join('\n'));
    expect(result.records).toHaveLength(1);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'pubmed-xml/unclosed-article', line: 3, record: 2 })]);
  });

  it('fails an article that is never closed before the next one starts', () => {
    const result = parse(['<PubmedArticleSet>', '<PubmedArticle><MedlineCitation><PMID>1</PMID>', article('2'), '</PubmedArticleSet>'].join('\n'));
    expect(result.records.map((r) => r.pmid)).toEqual(['2']);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'pubmed-xml/unclosed-article', line: 2, record: 1 })]);
  });

  it('fails a set without its closing tag (truncated between articles)', () => {
    const result = parse(['<PubmedArticleSet>', article('1')].join('\n'));
    expect(result.records).toHaveLength(1);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'pubmed-xml/truncated', line: 2 })]);
  });

  it('fails a file with no PubMed XML in it', () => {
    const result = parse('<records><record/></records>');
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'pubmed-xml/no-articles' })]);
  });

  it('skips the DeleteCitation list of an update file, with a warning', () => {
    const result = parse(['<PubmedArticleSet>', article('1'), '<DeleteCitation>', '<PMID Version="1">99</PMID>',
      '</DeleteCitation>', '</PubmedArticleSet>'].join('\n'));
    expect(result.records.map((r) => r.pmid)).toEqual(['1']);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'pubmed-xml/delete-citation', line: 3 })]);
  });

  it('accepts an empty set', () => {
    const result = parse('<?xml version="1.0"?>\n<PubmedArticleSet>\n</PubmedArticleSet>');
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([]);
  });
});

describe('pubmed-xml: sniffing and registry', () => {
  it('is certain on the DOCTYPE or the root element, and detected over the other formats', () => {
    const head = fixture('pretty_2019dtd.xml');
    expect(pubmedXml.sniff(head)).toBe(0.95);
    expect(pubmedXml.sniff('<PubmedArticleSet><PubmedArticle>')).toBe(0.95);
    expect(pubmedXml.sniff('<?xml version="1.0"?>\n<PubmedArticle>\n<MedlineCitation>')).toBe(0.9);
    expect(detectFormat(head)?.name).toBe('pubmed-xml');
    expect(detectFormat(fixture('one_line_2012dtd_books.xml'))?.name).toBe('pubmed-xml');
    expect(formatByName('pubmed-xml')).toBe(pubmedXml);
  });

  it('does not claim RIS, MEDLINE text or other XML', () => {
    expect(pubmedXml.sniff('TY  - JOUR\nTI  - A title\nER  - \n')).toBe(0);
    expect(pubmedXml.sniff('PMID- 123\nOWN - NLM\nTI  - A title\n')).toBe(0);
    expect(pubmedXml.sniff('<?xml version="1.0"?><xml><records><record></record></records></xml>')).toBe(0);
  });

  it('reads lines split on CRLF the same way', () => {
    const text = fixture('pretty_2019dtd.xml');
    const crlf = parseText(pubmedXml, text.replace(/\n/g, '\r\n'));
    expect(crlf.records.map((r) => r.title)).toEqual(parse(text).records.map((r) => r.title));
    expect([...splitLines('a\r\nb')]).toEqual(['a', 'b']);
  });
});

describeCorpus('pubmed-xml: corpus', () => {
  const entries = corpusEntries('exports').filter((e) => /PubmedArticleSet/.test(e.description));

  it('finds every PubMed XML file listed in SOURCES.md', () => {
    // 8 in pubmed/ + 11 Zotero translator tests.
    expect(entries).toHaveLength(19);
  });

  expectCorpusCounts(pubmedXml, entries, { detected: true, every: (r) => r.title && r.pmid && r.year && r.authors.length > 0 });

  it('biopython pubmed4: inline <i>/<sup> kept as text, structured abstract labelled', () => {
    const [record] = parse(corpusText('exports/pubmed/biopython_efetch_pubmed4.xml')).records;
    expect(record.title).toBe('Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.');
    expect(record.abstract).toMatch(/^OBJECTIVE: Telomere shortening/);
    expect(record.abstract).toContain('(linkage disequilibrium r2<0.25)');
    expect(record.abstract?.split('\n').map((p) => p.slice(0, p.indexOf(':')))).toEqual(
      ['OBJECTIVE', 'DESIGN', 'RESULTS', 'CONCLUSIONS']);
  });

  it('biopython pubmed1: two one-line articles, the first dated by Season', () => {
    const result = parse(corpusText('exports/pubmed/biopython_efetch_pubmed1.xml'));
    expect(result.records.map((r) => [r.pmid, r.line, r.date])).toEqual([
      ['12091962', 4, '1990 Spring'], ['9997', 4, '1976 Sep 28'],
    ]);
  });

  describe('Zotero comparison (pubmed-xml)', () => {
    // Deliberate differences, each with its reason.
    const expectedDifferences: Record<string, string[]> = {
      // The only locator is the pii "EWLS": a publisher item id, not a page (Zotero uses it as pages).
      'pubmed-xml_test07.xml': ['1:pages'],
      // NLM's title carries the place qualifier "(Hoboken, N.J.)"; Zotero moves it to `place`, we keep the title as PubMed writes it.
      'pubmed-xml_test08.xml': ['1:journal'],
    };
    expectZoteroDifferences(pubmedXml, corpusPath('exports/zotero-translator-tests/pubmed-xml'),
      numberedFiles('pubmed-xml_test', 11, '.xml'), expectedDifferences);
  });
});
