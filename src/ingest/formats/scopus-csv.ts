/**
 * Scopus CSV export, in both layouts met in the wild: the older 41-column
 * file (BOM, unquoted header, authors `Yagai T., Kimura Y.`) and the newer
 * 45 fully quoted columns (authors `Liu F.; Li C.` plus `Author full names`
 * `Liu, Fengyuan (60410297700); …`, missing values written `NA` by R tools).
 * The `Source` column says `Scopus`; `Link` points at scopus.com. The
 * delimiter is sniffed, so a file re-saved by a semicolon-locale Excel reads too.
 */
import type { FormatModule } from '../format.js';
import type { AliasTable } from './csv.js';
import { delimitedFormat, hasHeaders, headerCells } from './csv.js';

export const SCOPUS_ALIASES: AliasTable = {
  sourceKey: ['EID'],
  database: ['Source'],
  type: ['Document Type'],
  title: ['Title'],
  abstract: ['Abstract'],
  // Full names when the export has them; the abbreviated list stays in extra.
  authors: ['Author full names', 'Authors'],
  year: ['Year'],
  journal: ['Source title'],
  volume: ['Volume'],
  issue: ['Issue'],
  pageStart: ['Page start'],
  pageEnd: ['Page end'],
  articleNumber: ['Art. No.'],
  doi: ['DOI'],
  pmid: ['PubMed ID'],
  issn: ['ISSN'],
  isbn: ['ISBN'],
  keywords: ['Author Keywords', 'Index Keywords'],
  language: ['Language of Original Document'],
  url: ['Link'],
};

export const scopusCsv: FormatModule = delimitedFormat({
  name: 'scopus-csv',
  label: 'Scopus CSV export (41- and 45-column layouts)',
  platform: 'Scopus',
  aliases: SCOPUS_ALIASES,
  databaseFromUrl: [{ pattern: /\bscopus\.com\//i, database: 'Scopus' }],
  sniff(head) {
    const cells = headerCells(head);
    if (hasHeaders(cells, ['EID', 'Source title'])) return 0.95;
    if (hasHeaders(cells, ['Source title', 'Link']) && /\bscopus\.com\//i.test(head)) return 0.9;
    return 0;
  },
});
