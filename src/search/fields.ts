/**
 * Canonical field names, and each dialect's field codes mapped onto them.
 * A code usually names a *set* of canonical fields (Ovid `.tw.` = title +
 * abstract; Scopus `TITLE-ABS-KEY` = title + abstract + author keywords +
 * index terms), so the AST stores sets and printers look for the code whose
 * set is exactly the one wanted, reporting a loss when there is none.
 */
export const FIELD_NAMES = [
  'title',
  'abstract',
  'keywords', // author keywords (Ovid kw/kf, Scopus AUTHKEY, WoS AK, PubMed ot)
  'subject', // controlled vocabulary: MeSH, descriptors, index terms, Keywords Plus
  'source', // journal / source title
  'author',
  'affiliation',
  'pubtype',
  'date',
  'language',
  'issn',
  'doi',
  'other', // anything else a multi-purpose code covers (registry numbers, original title…)
  'all', // every field the database indexes
] as const;

export type FieldName = (typeof FIELD_NAMES)[number];

/** The record fields the offline evaluator can search, in position-encoding order. */
export const RECORD_FIELDS = ['title', 'abstract', 'keywords', 'journal'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];
export const DEFAULT_RECORD_FIELDS: RecordField[] = ['title', 'abstract', 'keywords'];

/** Where a canonical field is found in an imported record (none: not searchable offline). */
export function recordFieldsFor(field: FieldName, chosen: readonly RecordField[]): RecordField[] {
  switch (field) {
    case 'title':
      return chosen.includes('title') ? ['title'] : [];
    case 'abstract':
      return chosen.includes('abstract') ? ['abstract'] : [];
    case 'keywords':
    case 'subject':
      return chosen.includes('keywords') ? ['keywords'] : [];
    case 'source':
      return chosen.includes('journal') ? ['journal'] : [];
    case 'all':
      return [...chosen];
    default:
      return [];
  }
}

export type FieldTable = Record<string, FieldName[]>;

const TI = 'title' as const;
const AB = 'abstract' as const;
const KW = 'keywords' as const;
const SU = 'subject' as const;

/** EBSCOhost two-letter prefix codes (`TI community`). */
export const EBSCO_FIELDS: FieldTable = {
  TI: [TI], AB: [AB], KW: [KW], SU: [SU, KW], DE: [SU], MH: [SU], MM: [SU], MJ: [SU], TX: ['all'],
  AU: ['author'], SO: ['source'], JN: ['source'], PT: ['pubtype'], LA: ['language'], IS: ['issn'],
  IB: ['issn'], DO: ['doi'], AF: ['affiliation'], AD: ['affiliation'], DT: ['date'], ZC: [SU], ZG: [SU],
};

/** Ovid suffix codes (`.ti,ab.`), each a field of its own; multi-purpose codes name sets. */
export const OVID_FIELDS: FieldTable = {
  ti: [TI], ab: [AB], kw: [KW], kf: [KW], id: [KW], sh: [SU], hw: [SU], de: [SU], mh: [SU], fs: [SU], xs: [SU],
  nm: [SU], rn: [SU], rs: [SU], sb: [SU], px: [SU], xm: [SU], ot: [TI],
  tw: [TI, AB], tx: ['all'], af: ['all'],
  mp: [TI, AB, SU, KW, 'other'], // "multi-purpose": title, abstract, headings, keyword headings, …
  pt: ['pubtype'], jx: ['source'], jn: ['source'], ja: ['source'], jw: ['source'], so: ['source'],
  dp: ['date'], yr: ['date'], ed: ['date'], em: ['date'], ep: ['date'], dd: ['date'],
  au: ['author'], in: ['affiliation'], lg: ['language'], is: ['issn'], do: ['doi'], ui: ['other'], an: ['other'],
};

/** Scopus field functions (`TITLE-ABS-KEY(…)`). */
export const SCOPUS_FIELDS: FieldTable = {
  'TITLE-ABS-KEY': [TI, AB, KW, SU], 'TITLE-ABS': [TI, AB], TITLE: [TI], ABS: [AB], KEY: [KW, SU],
  AUTHKEY: [KW], INDEXTERMS: [SU], SRCTITLE: ['source'], EXACTSRCTITLE: ['source'], AUTH: ['author'],
  AUTHOR: ['author'], 'AUTHOR-NAME': ['author'], AFFIL: ['affiliation'], ALL: ['all'], DOI: ['doi'],
  ISSN: ['issn'], LANGUAGE: ['language'], DOCTYPE: ['pubtype'], PUBYEAR: ['date'],
  'TITLE-ABS-KEY-AUTH': [TI, AB, KW, SU, 'author'], CHEM: ['other'], CONF: ['other'], REF: ['other'],
};

/** Web of Science tags (`TS=(…)`). */
export const WOS_FIELDS: FieldTable = {
  TS: [TI, AB, KW, SU], TI: [TI], AB: [AB], AK: [KW], KP: [SU], SO: ['source'], IS: ['issn'], PY: ['date'],
  AU: ['author'], DO: ['doi'], DT: ['pubtype'], LA: ['language'], OG: ['affiliation'], AD: ['affiliation'],
  ALL: ['all'], SU: [SU], WC: [SU], UT: ['other'], PMID: ['other'], FPY: ['date'], TMSO: [SU], ED: ['author'],
  CF: ['other'], FO: ['other'], FG: ['other'], FT: ['other'], GP: ['author'], AI: ['author'], SA: ['affiliation'],
  CI: ['affiliation'], CU: ['affiliation'], PS: ['affiliation'], ZP: ['affiliation'], OO: ['affiliation'],
};

/** PubMed tags (`[tiab]`), lower-cased, long forms included. Heading tags are handled by the PubMed parser. */
export const PUBMED_FIELDS: FieldTable = {
  tiab: [TI, AB], 'title/abstract': [TI, AB], ti: [TI], title: [TI], ab: [AB], abstract: [AB],
  tw: [TI, AB, SU, KW, 'other'], 'text word': [TI, AB, SU, KW, 'other'],
  ot: [KW], 'other term': [KW], pt: ['pubtype'], 'publication type': ['pubtype'],
  ta: ['source'], jour: ['source'], journal: ['source'], dp: ['date'], 'publication date': ['date'],
  edat: ['date'], crdt: ['date'], mhda: ['date'], pdat: ['date'],
  la: ['language'], language: ['language'], au: ['author'], author: ['author'], '1au': ['author'], lastau: ['author'],
  ad: ['affiliation'], affiliation: ['affiliation'], all: ['all'], 'all fields': ['all'], is: ['issn'],
  pa: [SU], 'pharmacological action': [SU], tt: [TI], sb: ['other'], filter: ['other'],
  pmid: ['other'], uid: ['other'], lid: ['doi'], aid: ['doi'], pg: ['other'], vi: ['other'], ip: ['other'],
};

export function sameSet(a: readonly FieldName[], b: readonly FieldName[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((f) => s.has(f));
}

/**
 * The codes of `table` that together cover `wanted`: a single code when one
 * matches exactly, otherwise one code per field. When some field has no code
 * of its own, the catch-all `other` part is dropped and, failing that, the
 * smallest code covering the rest is used; `exact` says whether the codes
 * mean exactly the fields wanted.
 */
export function codesFor(table: FieldTable, wanted: readonly FieldName[], prefer: string[] = []): { codes: string[]; exact: boolean } | undefined {
  const order = [...prefer, ...Object.keys(table).filter((c) => !prefer.includes(c))];
  const exactly = (list: readonly FieldName[]): string[] | undefined => {
    const whole = order.find((code) => table[code] && sameSet(table[code], list));
    if (whole) return [whole];
    const parts: string[] = [];
    for (const f of list) {
      const code = order.find((c) => table[c] && sameSet(table[c], [f]));
      if (!code) return undefined;
      parts.push(code);
    }
    return parts;
  };
  const whole = order.find((code) => table[code] && sameSet(table[code], wanted));
  if (whole) return { codes: [whole], exact: true };
  // A multi-purpose code (Ovid .mp., PubMed [tw]) is best rendered by the target's own closest single code.
  const core = wanted.filter((f) => f !== 'other');
  if (core.length && core.length < wanted.length) {
    const main = order.find((code) => table[code] && sameSet(table[code], core));
    if (main) return { codes: [main], exact: false };
  }
  const found = exactly(wanted);
  if (found) return { codes: found, exact: true };
  // The smallest single code that covers everything wanted but 'other'.
  const covering = order
    .filter((code) => table[code] && core.every((f) => table[code].includes(f)))
    .sort((a, b) => table[a].length - table[b].length)[0];
  if (covering) return { codes: [covering], exact: false };
  const parts = exactly(core);
  return parts ? { codes: parts, exact: false } : undefined;
}

export function describeFields(list: readonly FieldName[]): string {
  return list.join(' + ');
}
