/**
 * Generated bibliographic exports for benchmarks: realistic field sizes
 * (abstracts of ~1,200 characters, 1–12 authors, keywords), deterministic
 * (seeded), written in the layouts of real RIS, CSV and PubMed XML exports.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../src/util/random.js';

/** Deterministic (seeded) so every run benchmarks the same bytes. */
export const rng = seededRandom;

const WORDS = ('community collaboration partnership wellbeing local government voluntary sector public services ' +
  'volunteering mutual aid neighbourhood network trust capacity building asset based development participation ' +
  'evaluation outcomes qualitative study review synthesis framework coproduction commissioning resilience social ' +
  'connections loneliness health inequalities place based approach third sector engagement governance funding')
  .split(' ');
const SURNAMES = ['Jones', 'Williams', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Hughes', 'Lewis', 'Morgan', 'Griffiths',
  'Smith', 'Brown', 'Taylor', 'Wilson', 'Clarke', 'Patel', 'Khan', 'Owen', 'Price', 'Rees'];
const GIVEN = ['Alys', 'Bethan', 'Cerys', 'Dafydd', 'Emyr', 'Ffion', 'Gareth', 'Huw', 'Iwan', 'Llinos', 'Mari', 'Nia'];
const JOURNALS = ['Local Government Studies', 'Voluntary Sector Review', 'Health & Place', 'Social Policy and Society',
  'Community Development Journal', 'Journal of Social Policy', 'BMC Public Health', 'Policy & Politics'];

export interface GenRecord {
  id: number;
  title: string;
  abstract: string;
  authors: Array<[string, string]>;
  year: number;
  journal: string;
  volume: number;
  issue: number;
  startPage: number;
  endPage: number;
  doi: string;
  keywords: string[];
}

export function* records(n: number, seed = 1): Generator<GenRecord> {
  const r = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
  const words = (k: number) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  for (let id = 1; id <= n; id++) {
    const startPage = 1 + Math.floor(r() * 900);
    const t = words(8 + Math.floor(r() * 8));
    yield {
      id,
      title: t[0].toUpperCase() + t.slice(1),
      abstract: Array.from({ length: 10 }, () => `${words(14)}.`).join(' '),
      authors: Array.from({ length: 1 + Math.floor(r() * 12) }, () => [pick(SURNAMES), pick(GIVEN)]),
      year: 2000 + Math.floor(r() * 24),
      journal: pick(JOURNALS),
      volume: 1 + Math.floor(r() * 60),
      issue: 1 + Math.floor(r() * 12),
      startPage,
      endPage: startPage + 5 + Math.floor(r() * 25),
      doi: `10.99999/bench.${seed}.${id}`,
      keywords: Array.from({ length: 3 + Math.floor(r() * 5) }, () => pick(WORDS)),
    };
  }
}

async function writeAll(path: string, chunks: Iterable<string>): Promise<void> {
  const out: WriteStream = createWriteStream(path);
  for (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** EBSCOhost-style RIS (CRLF). */
export function* risText(n: number, seed = 1): Generator<string> {
  for (const g of records(n, seed)) {
    const lines = ['TY  - JOUR', ...g.authors.map(([s, f]) => `AU  - ${s}, ${f}`), `T1  - ${g.title}`,
      `JO  - ${g.journal}`, `JF  - ${g.journal}`, `Y1  - ${g.year}/03//`, `VL  - ${g.volume}`, `IS  - ${g.issue}`,
      `SP  - ${g.startPage}`, `EP  - ${g.endPage}`, 'SN  - 0305-0939', `AB  - ${g.abstract}`,
      ...g.keywords.map((k) => `KW  - ${k}`), `DO  - ${g.doi}`, `AN  - ${g.id}`, 'DB  - a9h', 'DP  - EBSCOhost', 'ER  - ', '', ''];
    yield lines.join('\r\n');
  }
}

const q = (s: string | number) => `"${String(s).replace(/"/g, '""')}"`;

/** Plain-header CSV, fully quoted (as spreadsheet tools and Scopus write). */
export function* csvText(n: number, seed = 1): Generator<string> {
  yield 'ID,title,author,year,journal,volume,number,pages,doi,abstract,keywords\r\n';
  for (const g of records(n, seed)) {
    yield `${[g.id, g.title, g.authors.map(([s, f]) => `${s}, ${f[0]}.`).join('; '), g.year, g.journal, g.volume,
      g.issue, `${g.startPage}-${g.endPage}`, g.doi, g.abstract, g.keywords.join('; ')].map(q).join(',')}\r\n`;
  }
}

const x = (s: string | number) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** PubMed efetch XML, pretty-printed. */
export function* pubmedXmlText(n: number, seed = 1): Generator<string> {
  yield '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n';
  for (const g of records(n, seed)) {
    const pmid = 30000000 + g.id;
    yield `<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM" IndexingMethod="Automated">
    <PMID Version="1">${pmid}</PMID>
    <Article PubModel="Print">
      <Journal>
        <ISSN IssnType="Electronic">1471-2458</ISSN>
        <JournalIssue CitedMedium="Internet"><Volume>${g.volume}</Volume><Issue>${g.issue}</Issue><PubDate><Year>${g.year}</Year><Month>Mar</Month></PubDate></JournalIssue>
        <Title>${x(g.journal)}</Title>
      </Journal>
      <ArticleTitle>${x(g.title)}.</ArticleTitle>
      <Pagination><StartPage>${g.startPage}</StartPage><EndPage>${g.endPage}</EndPage><MedlinePgn>${g.startPage}-${g.endPage}</MedlinePgn></Pagination>
      <Abstract><AbstractText>${x(g.abstract)}</AbstractText></Abstract>
      <AuthorList CompleteYN="Y">
${g.authors.map(([s, f]) => `        <Author ValidYN="Y"><LastName>${s}</LastName><ForeName>${f}</ForeName><Initials>${f[0]}</Initials></Author>`).join('\n')}
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>
    </Article>
    <KeywordList Owner="NOTNLM">
${g.keywords.map((k) => `      <Keyword MajorTopicYN="N">${k}</Keyword>`).join('\n')}
    </KeywordList>
  </MedlineCitation>
  <PubmedData>
    <ArticleIdList><ArticleId IdType="pubmed">${pmid}</ArticleId><ArticleId IdType="doi">${g.doi}</ArticleId></ArticleIdList>
  </PubmedData>
</PubmedArticle>
`;
  }
  yield '</PubmedArticleSet>\n';
}

export const GENERATORS = { ris: risText, csv: csvText, 'pubmed-xml': pubmedXmlText } as const;

export async function generate(kind: keyof typeof GENERATORS, n: number, path: string, seed = 1): Promise<void> {
  await writeAll(path, GENERATORS[kind](n, seed));
}
