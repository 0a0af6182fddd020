/**
 * Web of Science tab-delimited export ("Windows" UTF-8 or UTF-16LE; the
 * decoder hands us lines). The header row is the WoS field tags
 * (`PT AU BA … UT`); every data row ends with a tab, so rows have one more
 * (empty) field than the header. WoS never quotes fields: a `"` in a title
 * or funding text is an ordinary character.
 */
import type { FormatModule } from '../format.js';
import type { AliasTable } from './csv.js';
import { delimitedFormat, firstLine, hasHeaders, headerCells } from './csv.js';

/** The same tag meanings as WoS plain text. */
export const WOS_TAB_ALIASES: AliasTable = {
  sourceKey: ['UT'],
  type: ['DT'],
  title: ['TI'],
  abstract: ['AB'],
  authors: ['AU', 'AF'],
  year: ['PY'],
  date: ['PD'],
  journal: ['SO'],
  volume: ['VL'],
  issue: ['IS'],
  pageStart: ['BP'],
  pageEnd: ['EP'],
  articleNumber: ['AR'],
  doi: ['DI'],
  pmid: ['PM'],
  issn: ['SN', 'EI'],
  isbn: ['BN'],
  keywords: ['DE', 'ID'],
  language: ['LA'],
};

export const wosTab: FormatModule = delimitedFormat({
  name: 'wos-tab',
  label: 'Web of Science tab-delimited export (UTF-8 or UTF-16)',
  platform: 'Web of Science',
  aliases: WOS_TAB_ALIASES,
  delimiter: '\t',
  quoting: false,
  database: 'Web of Science',
  sniff(head) {
    const line = firstLine(head);
    if (!line.includes('\t')) return 0;
    if (line.startsWith('PT\tAU\t')) return 0.95;
    const cells = headerCells(head, '\t', false);
    return hasHeaders(cells, ['UT', 'TI', 'AU']) ? 0.9 : 0;
  },
});
