/**
 * Embase.com CSV export. The classic layout has no DOI, year or page
 * columns: they live in `Source` (`Cancer (2004) 102:4 (253-258). Date of
 * Publication: 25 Aug 2004`) and in the `Open URL Link` query string, which
 * the engine takes apart. Emtree term lists are comma-separated with
 * parenthesised subheadings that themselves contain commas
 * (`colonic duplication cyst (diagnosis, surgery)`). The "new page" export
 * has multi-line quoted abstracts. Newer full-record exports name DOI,
 * PMID and accession number columns directly; they are aliased too.
 */
import type { FormatModule } from '../format.js';
import type { AliasTable } from './csv.js';
import { delimitedFormat, hasHeaders, headerCells } from './csv.js';

export const EMBASE_ALIASES: AliasTable = {
  sourceKey: ['Embase Accession ID', 'Embase Accession Number', 'Accession Number', 'PUI'],
  type: ['Publication Type', 'Source Type'],
  title: ['Title'],
  abstract: ['Abstract'],
  authors: ['Author Names'],
  year: ['Publication Year'],
  date: ['Date of Publication'],
  journal: ['Source Title'],
  volume: ['Volume'],
  issue: ['Issue'],
  pageStart: ['First Page'],
  pageEnd: ['Last Page'],
  doi: ['DOI'],
  pmid: ['Medline PMID', 'PMID'],
  issn: ['ISSN'],
  isbn: ['ISBN'],
  keywords: [
    'Emtree Drug Index Terms (Major Focus)', 'Emtree Drug Index Terms',
    'Emtree Medical Index Terms (Major Focus)', 'Emtree Medical Index Terms',
    'keywords', 'Author Keywords',
  ],
  language: ['Language of Article'],
  url: ['Full Text Link', 'Embase Link'],
  citation: ['Source'],
  openurl: ['Open URL Link'],
};

/** `Journal (2014) 3:3 (152-160). Date of Publication: 1 Jan 2014`, volume, issue and pages each optional. */
export const EMBASE_SOURCE =
  /^(?<journal>.+?)\s+\((?<year>\d{4})\)(?:\s+(?<volume>[^\s:(]+)?(?::(?<issue>[^\s(]+))?)?\s*(?:\((?<pages>[^)]*)\))?\.?(?:\s*Date of Publication:\s*(?<date>.+))?$/;

export const embaseCsv: FormatModule = delimitedFormat({
  name: 'embase-csv',
  label: 'Embase.com CSV export',
  platform: 'Embase.com',
  aliases: EMBASE_ALIASES,
  database: 'Embase',
  // A comma outside parentheses separates Emtree terms.
  keywordSeparator: /,(?![^()]*\))/,
  citationPatterns: [EMBASE_SOURCE],
  sniff(head) {
    const cells = headerCells(head);
    if (!hasHeaders(cells, ['Title', 'Author Names'])) return 0;
    const embase = cells.some((c) => /^Emtree\b/i.test(c))
      || hasHeaders(cells, ['Open URL Link'])
      || hasHeaders(cells, ['Embase Accession ID']);
    return embase ? 0.95 : 0;
  },
});
