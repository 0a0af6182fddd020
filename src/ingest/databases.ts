/**
 * Database names as exports write them (EBSCOhost short codes such as `psyh`,
 * vendor spellings) → one canonical name, so PRISMA counts per database do not
 * split "APA PsycInfo", "PsycINFO" and "psyh" into three rows.
 * The name as written stays in the record's raw text.
 */
const CANONICAL: Array<[RegExp, string]> = [
  // EBSCOhost database short codes (the `db=` of its URLs and the RIS DB tag).
  [/^(psyh|psycinfo|apa psycinfo|apa psycinfo®|psyc?info)$/i, 'APA PsycInfo'],
  [/^(cmedm|mdc|medline|medline complete|medline®|ovid medline\(r\).*|medline \(ovid\)|medline\/pubmed)$/i, 'MEDLINE'],
  [/^(cin20|ccm|rzh|cinahl|cinahl complete|cinahl plus with full text|cinahl with full text)$/i, 'CINAHL'],
  [/^(a9h|academic search complete)$/i, 'Academic Search Complete'],
  [/^(aph|academic search premier)$/i, 'Academic Search Premier'],
  [/^(asx|academic search ultimate)$/i, 'Academic Search Ultimate'],
  [/^(ecn|econlit|econlit with full text)$/i, 'EconLit'],
  [/^(eric)$/i, 'ERIC'],
  [/^(sih|socindex|socindex with full text)$/i, 'SocINDEX'],
  [/^(crj|i3h|criminal justice abstracts.*)$/i, 'Criminal Justice Abstracts'],
  [/^(eih|egh|environment index)$/i, 'Environment Index'],
  [/^(bth|business source premier)$/i, 'Business Source Premier'],
  [/^(scopus)$/i, 'Scopus'],
  [/^(pubmed|pubmed central|pmc|nlm)$/i, 'PubMed'],
  [/^(embase|embase\.com|ovid embase.*)$/i, 'Embase'],
  [/^(social policy (and|&) practice|spp)$/i, 'Social Policy and Practice'],
  [/^(wos|web of science|web of science core collection)$/i, 'Web of Science'],
  [/^(ssci|social sciences citation index)$/i, 'Social Sciences Citation Index'],
  [/^(lens|lens\.org|the lens)$/i, 'Lens'],
  [/^(dimensions|dimensions\.ai)$/i, 'Dimensions'],
];

export function canonicalDatabase(name: string | undefined | null): string | undefined {
  const n = name?.trim();
  if (!n) return undefined;
  for (const [pattern, canonical] of CANONICAL) if (pattern.test(n)) return canonical;
  return n;
}

/** Databases on the Web of Science platform, by the prefix of their accession numbers. */
const ACCESSION_PREFIXES: Record<string, string> = {
  WOS: 'Web of Science Core Collection',
  MEDLINE: 'MEDLINE',
  BCI: 'BIOSIS Citation Index',
  BIOSIS: 'BIOSIS Previews',
  CABI: 'CAB Abstracts',
  FSTA: 'FSTA',
  ZOOREC: 'Zoological Record',
  DIIDW: 'Derwent Innovations Index',
  INSPEC: 'Inspec',
  CCC: 'Current Contents Connect',
  KJD: 'KCI-Korean Journal Database',
  SCIELO: 'SciELO Citation Index',
  RSCI: 'Russian Science Citation Index',
  CSCD: 'Chinese Science Citation Database',
  DRCI: 'Data Citation Index',
};

/**
 * The database a Web of Science accession number names (`WOS:000082252000006`
 * → Web of Science Core Collection): `UT` in its tagged exports, `AN` in its
 * RIS. An unknown prefix is itself the answer only when the caller knows the
 * number is a WoS one (`unknownPrefix`).
 */
export function accessionDatabase(accession: string | undefined, options: { unknownPrefix?: boolean } = {}): string | undefined {
  const prefix = accession && /^([A-Z]+):/.exec(accession)?.[1];
  if (!prefix) return undefined;
  return ACCESSION_PREFIXES[prefix] ?? (options.unknownPrefix ? prefix : undefined);
}

/** Record pages of databases that export no database name (Lens, Dimensions) or not always (Scopus, Web of Science). */
const RECORD_LINKS: Array<[RegExp, string]> = [
  [/^https?:\/\/(?:www\.)?lens\.org\//i, 'Lens'],
  [/^https?:\/\/app\.dimensions\.ai\//i, 'Dimensions'],
  [/^https?:\/\/(?:www\.)?scopus\.com\/inward\/record/i, 'Scopus'],
  [/^<\s*Go\s*to\s*ISI\s*>:\/\/WOS:|^https?:\/\/(?:www\.)?webofscience\.com\/wos\/woscc\//i, 'Web of Science Core Collection'],
];

/** Ovid's database codes (the `D=` of its links: `psyc16`, `med25`, `emez`, `sppp`) by their stem. */
const OVID_CODES: Array<[RegExp, string]> = [
  [/^psyc/, 'APA PsycInfo'],
  [/^(med|mesz|prem)/, 'MEDLINE'],
  [/^(emed|emez|emex|emba|oemez)/, 'Embase'],
  [/^sppp?$/, 'Social Policy and Practice'],
  [/^caba/, 'CAB Abstracts'],
  [/^ghab/, 'Global Health'],
  [/^coch/, 'CDSR'],
  [/^cctr/, 'CENTRAL'],
  [/^hmic/, 'HMIC'],
  [/^amed/, 'AMED'],
];

/**
 * The database whose own record page a record links to: Lens, Dimensions,
 * Scopus and Web of Science record pages, EBSCOhost links (`db=psyh`) and Ovid
 * links (`D=psyc16`). The last resort for naming where a record came from,
 * after the record, the file and the user.
 */
export function databaseOfLink(url: string | undefined | null): string | undefined {
  if (!url) return undefined;
  for (const [pattern, database] of RECORD_LINKS) if (pattern.test(url)) return database;
  const ebsco = /ebscohost\.com\/.*[?&]db=([a-z0-9]+)/i.exec(url);
  if (ebsco) return canonicalDatabase(ebsco[1]);
  const ovid = /ovid\.com\/.*[?&]D=([a-z0-9]+)/.exec(url);
  if (ovid) return OVID_CODES.find(([pattern]) => pattern.test(ovid[1].toLowerCase()))?.[1];
  return undefined;
}

/** Databases searched only on their own platform: naming one names the platform too. */
const OWN_PLATFORM: Array<[RegExp, string]> = [
  [/^Scopus$/, 'Scopus'],
  [/^Lens$/, 'Lens'],
  [/^Dimensions$/, 'Dimensions'],
  [/^PubMed$/, 'PubMed'],
  [/^Google Scholar$/i, 'Google Scholar'],
  [/^(Web of Science.*|Social Sciences Citation Index|Science Citation Index.*|Arts (&|and) Humanities Citation Index)$/, 'Web of Science'],
];

/** The platform of a database (canonical name) that has only one, else undefined. */
export function platformOfDatabase(database: string | null | undefined): string | undefined {
  if (!database) return undefined;
  return OWN_PLATFORM.find(([pattern]) => pattern.test(database))?.[1];
}
