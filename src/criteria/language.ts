/**
 * Languages as exports write them ("English", "eng", "en", "English; French")
 * → ISO 639-1 codes, for the language rule. An unknown spelling is never
 * taken to mean "another language": such records go to people.
 */

// ISO 639-1 code → its English name and ISO 639-2 (B and T) codes.
const LANGUAGES: Array<[string, string[]]> = [
  ['en', ['english', 'eng']],
  ['cy', ['welsh', 'wel', 'cym']],
  ['ga', ['irish', 'gle']],
  ['gd', ['scottish gaelic', 'gaelic', 'gla']],
  ['fr', ['french', 'fre', 'fra']],
  ['de', ['german', 'ger', 'deu']],
  ['es', ['spanish', 'spa', 'castilian']],
  ['it', ['italian', 'ita']],
  ['pt', ['portuguese', 'por']],
  ['nl', ['dutch', 'dut', 'nld', 'flemish']],
  ['sv', ['swedish', 'swe']],
  ['no', ['norwegian', 'nor', 'nob', 'nno']],
  ['da', ['danish', 'dan']],
  ['fi', ['finnish', 'fin']],
  ['is', ['icelandic', 'ice', 'isl']],
  ['pl', ['polish', 'pol']],
  ['cs', ['czech', 'cze', 'ces']],
  ['sk', ['slovak', 'slo', 'slk']],
  ['hu', ['hungarian', 'hun']],
  ['ro', ['romanian', 'rum', 'ron']],
  ['el', ['greek', 'gre', 'ell']],
  ['tr', ['turkish', 'tur']],
  ['ru', ['russian', 'rus']],
  ['uk', ['ukrainian', 'ukr']],
  ['ar', ['arabic', 'ara']],
  ['he', ['hebrew', 'heb']],
  ['fa', ['persian', 'farsi', 'per', 'fas']],
  ['hi', ['hindi', 'hin']],
  ['zh', ['chinese', 'chi', 'zho', 'mandarin']],
  ['ja', ['japanese', 'jpn']],
  ['ko', ['korean', 'kor']],
  ['th', ['thai', 'tha']],
  ['id', ['indonesian', 'ind']],
  ['ms', ['malay', 'may', 'msa']],
  ['vi', ['vietnamese', 'vie']],
];

const LOOKUP = new Map<string, string>();
for (const [code, names] of LANGUAGES) {
  LOOKUP.set(code, code);
  for (const n of names) LOOKUP.set(n, code);
}

/** One language name or code → ISO 639-1, or undefined when unknown. */
export function normaliseLanguage(value: string): string | undefined {
  const v = value.trim().toLowerCase().replace(/\.$/, '');
  return LOOKUP.get(v) ?? LOOKUP.get(v.split(/[-_]/)[0]); // en-GB → en
}

/**
 * The languages of a record's language field. `known` are recognised codes;
 * `unknown` the parts that could not be read.
 */
export function recordLanguages(field: string): { known: string[]; unknown: string[] } {
  const known: string[] = [];
  const unknown: string[] = [];
  for (const part of field.split(/\s*(?:[;,/|]|\band\b)\s*/i)) {
    if (!part.trim()) continue;
    const code = normaliseLanguage(part);
    if (code) {
      if (!known.includes(code)) known.push(code);
    } else unknown.push(part.trim());
  }
  return { known, unknown };
}
