/** The dialect registry: adding a dialect = a module (parser + printer) and one row here. */
import type { DialectName } from '../syntax.js';
import { ebsco } from './ebsco.js';
import { ovid } from './ovid.js';
import { pubmed } from './pubmed.js';
import { scopus } from './scopus.js';
import type { Dialect } from './types.js';
import { wos } from './wos.js';

export const DIALECTS: Record<DialectName, Dialect> = { ebsco, ovid, scopus, wos, pubmed };

const ALIASES: Record<string, DialectName> = {
  ebsco: 'ebsco', ebscohost: 'ebsco', cinahl: 'ebsco', psycinfo: 'ebsco',
  ovid: 'ovid', medline: 'ovid', embase: 'ovid', spp: 'ovid',
  scopus: 'scopus',
  wos: 'wos', 'web-of-science': 'wos', 'web of science': 'wos', webofscience: 'wos',
  pubmed: 'pubmed',
};

export function dialectByName(name: string): Dialect | undefined {
  const d = ALIASES[name.trim().toLowerCase()];
  return d ? DIALECTS[d] : undefined;
}

export function dialectNames(): string {
  return Object.keys(DIALECTS).join(', ');
}

export type { Dialect };
