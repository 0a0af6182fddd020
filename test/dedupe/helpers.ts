/** Builders for de-duplication tests: records in the engine's input shape, and RIS text for database tests. */
import { normaliseRecord, type DedupeInput } from '../../src/dedupe/normalise.js';
import { DEFAULT_OPTIONS, type DedupeOptions } from '../../src/dedupe/options.js';
import { comparePair, type PairScore } from '../../src/dedupe/score.js';

let nextId = 1;

export function rec(fields: Partial<DedupeInput> = {}): DedupeInput {
  return {
    id: fields.id ?? nextId++,
    sourceKey: null, database: null, type: null, title: null, abstractLength: 0, authors: [], year: null, journal: null,
    volume: null, issue: null, pages: null, doi: null, pmid: null, previous: false,
    ...fields,
  };
}

/** Compare two records as the engine does. */
export function compare(a: Partial<DedupeInput>, b: Partial<DedupeInput>, options: Partial<DedupeOptions> = {}): PairScore {
  return comparePair(normaliseRecord(rec(a)), normaliseRecord(rec(b)), { ...DEFAULT_OPTIONS, ...options });
}

/** A journal article as MEDLINE and Embase both describe it. */
export const ARTICLE: Partial<DedupeInput> = {
  title: 'Community anchor organisations and local wellbeing: a realist evaluation in three Welsh towns',
  authors: ['Hughes, Sian', 'Price, Owen', 'Evans, Mair'],
  year: 2019,
  journal: 'Local Government Studies',
  volume: '45',
  issue: '3',
  pages: '412-431',
  doi: '10.99999/lgs.2019.45.3.412',
};

export interface RisRecord {
  id: string;
  title?: string;
  authors?: string[];
  year?: number;
  journal?: string;
  volume?: string;
  start?: string;
  end?: string;
  doi?: string;
  abstract?: string;
  type?: string;
}

/** An EBSCOhost-style RIS export of these records. */
export function ris(records: RisRecord[], database = 'cin20'): string {
  return records.map((r) => [
    `TY  - ${r.type ?? 'JOUR'}`,
    ...(r.authors ?? []).map((a) => `AU  - ${a}`),
    r.title !== undefined ? `T1  - ${r.title}` : '',
    r.journal ? `JO  - ${r.journal}` : '',
    r.year ? `Y1  - ${r.year}//` : '',
    r.volume ? `VL  - ${r.volume}` : '',
    r.start ? `SP  - ${r.start}` : '',
    r.end ? `EP  - ${r.end}` : '',
    r.abstract ? `AB  - ${r.abstract}` : '',
    r.doi ? `DO  - ${r.doi}` : '',
    `AN  - ${r.id}`,
    `DB  - ${database}`,
    'DP  - EBSCOhost',
    'ER  - ',
    '',
  ].filter((l) => l !== '').join('\r\n') + '\r\n\r\n').join('');
}
