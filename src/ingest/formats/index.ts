/**
 * The registry of export formats: `--format` names and content detection.
 * Adding a format = one module in this folder + one row here.
 */
import type { FormatModule } from '../format.js';
import { DELIMITED_FORMATS } from './delimited.js';
import { bibtex } from './bibtex.js';
import { endnoteXml } from './endnote-xml.js';
import { ris } from './ris.js';
import { wos } from './wos.js';
import { ovidTagged } from './ovid-tagged.js';
import { refer } from './refer.js';
import { refworks } from './refworks.js';
import { cochrane } from './cochrane.js';
import { proquest } from './proquest.js';
import { pubmedXml } from './pubmed-xml.js';
import { medline } from './medline.js';

export const FORMATS: FormatModule[] = [
  ris,
  endnoteXml,
  bibtex,
  wos,
  ovidTagged,
  refer,
  refworks,
  cochrane,
  proquest,
  pubmedXml,
  medline,
  ...DELIMITED_FORMATS,
];

export function formatByName(name: string): FormatModule | undefined {
  return FORMATS.find((f) => f.name === name.toLowerCase());
}

/** Pick the format whose sniffer is most confident about this head of the file. */
export function detectFormat(head: string): FormatModule | undefined {
  let best: FormatModule | undefined;
  let bestScore = 0;
  for (const format of FORMATS) {
    const score = format.sniff(head);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  return best;
}
