/**
 * Normalised forms of the fields de-duplication compares, computed once per
 * record: titles (case, punctuation, diacritics, markup, database notes such
 * as `[Review]` or `[Japanese]` removed; British/American spelling left
 * alone), author surnames, journal names, volume, pages, identifiers, and
 * the kind of item a record is (erratum, reply, conference abstract,
 * preprint…) so the known traps can be handled as rules, not luck.
 */
import type { StoredRecord } from '../ingest/records.js';

/** A record as de-duplication sees it: the stored row, parsed. */
export interface DedupeInput extends Omit<StoredRecord, 'abstract' | 'issn' | 'isbn' | 'language' | 'url'> {
  /** Length of the abstract (the text itself is not needed to compare). */
  abstractLength: number;
  /** 1 when the record's file was imported with `--previous`. */
  previous: boolean;
}

export type Kind = 'article' | 'erratum' | 'reply' | 'comment' | 'retraction-notice';
export type Venue = 'journal' | 'conference' | 'preprint' | 'unknown';

/** Everything the comparison needs about one record, precomputed. */
export interface NormRecord {
  id: number;
  /** False until completeRecord has filled in authors, journals, venue and genericTitle. */
  complete: boolean;
  /** Title: lower case ASCII words separated by single spaces ('' when absent; set by completeRecord). */
  title: string;
  /** Title words. */
  words: string[];
  /** Distinct title words as ids (see WordIds), ascending: for the cheap word-overlap test. */
  wordIds: Int32Array;
  /** Title without spaces: the sorted-neighbourhood key. */
  compact: string;
  /** True when the title says nothing about the content ("Editorial", "Book review", "UNKNOWN"…). */
  genericTitle: boolean;
  /** The title was a translation in `[…]`: another database may give the original or another translation. */
  translatedTitle: boolean;
  kind: Kind;
  venue: Venue;
  /** The first author's surname key (available before completeRecord). */
  firstSurname: string | null;
  /** Surname keys in author order (ASCII letters only). */
  surnames: string[];
  /** Initial of each author's first given name ('' when unknown), aligned with `surnames`. */
  initials: string[];
  /** Every name token of every author (≥ 2 letters), to match surnames whatever the name order. */
  nameTokens: Set<string>;
  /** Name tokens of the first author. */
  firstTokens: string[];
  year: number | null;
  /** Journal name variants (a name can carry alternatives: `Ai zheng = Chinese journal of cancer`). */
  journals: string[][];
  volume: string | null;
  pageStart: string | null;
  pageEnd: string | null;
  doi: string | null;
  /** DOI without a version suffix (Cochrane `.pub3`), to recognise versions of one work. */
  doiBase: string | null;
  pmid: string | null;
  /** A Cochrane review: its review number (`cd006828`), or 'cochrane' when it has none; null otherwise. */
  cochrane: string | null;
  /** Length of the abstract, for choosing the most complete record. */
  abstractLength: number;
}

const LIGATURES: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', œ: 'oe', Œ: 'oe', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};
const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', κ: 'kappa', λ: 'lambda', μ: 'mu', π: 'pi', σ: 'sigma',
  τ: 'tau', ω: 'omega', χ: 'chi', θ: 'theta', ζ: 'zeta', η: 'eta', ν: 'nu', ξ: 'xi', ρ: 'rho', φ: 'phi', ψ: 'psi',
};

/** Lower case ASCII: diacritics dropped, ligatures and Greek letters spelled out, markup removed. */
export function fold(text: string): string {
  let t = text;
  if (t.includes('<')) t = t.replace(/<\/?[a-z][a-z0-9:-]*\b[^>]*>/gi, ' ');
  // Fast path: plain ASCII needs no Unicode folding.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(t)) {
    t = t.normalize('NFKD').replace(/\p{M}+/gu, '');
    t = t.replace(/[ßæÆøØœŒłŁđĐðþı]/g, (c) => LIGATURES[c] ?? c);
    t = t.replace(/[α-ω]/g, (c) => ` ${GREEK[c] ?? c} `);
  }
  return t.toLowerCase();
}

/**
 * Words of a text: letters and digits only. A `?` or U+FFFD between two
 * letters is a character lost to a bad encoding (`fran?aises`): dropped, so
 * the word stays one word.
 */
export function words(text: string): string[] {
  return fold(text).replace(/([a-z])[?\ufffd]+(?=[a-z])/g, '$1').replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/).filter((w) => w !== '');
}

// Notes databases append to titles: `[Review]`, `[33 refs]`, `[Japanese]`,
// `[Erratum appears in …]`, `(Provisional abstract)`, `LA: Chi`, `[1]`.
const TRAILING_BRACKET = /\s*\[[^\][]*\]\s*\.?\s*$/;
/** A note cut off by a field length limit: `… syndrome.[Erratum appears in N Engl J Med. 2009 Jun`. */
const UNCLOSED_NOTE = /\s*\[(?:erratum|comment|review|summary|retraction|retracted|corrected|republished|update)[^\]]*$/i;
const TRAILING_PAREN_NOTE = new RegExp(
  String.raw`\s*\((?:provisional abstract|structured abstract|abstract|multiple letters?|author'?s transl(?:ation)?|` +
  String.raw`letter|editorial|review|english abstract|see comments?|comment(?:ary)?|[a-z]+ language|[0-9]+ refs?)\)\s*\.?\s*$`, 'i');
const TRAILING_LANGUAGE = /\s+la:\s*[a-z]{2,12}\.?\s*$/i;

// A correction notice as Web of Science titles it: `Title (vol 360, pg 542, 2009)`;
// as Embase does: `Title (New England Journal of Medicine (2009) 360 (542-544))`.
const WOS_CORRECTION = /\s*\(vol\.? \w+,? (?:pg|pp?)\.? \w+,? (?:\d{4}|[^)]*)\)\s*\.?\s*$/i;
const EMBASE_CORRECTION = /\s*\([^()]*\(\d{4}\)\s*\d+[^()]*(?:\([^()]*\)?)?[^()]*\)?\s*\.?\s*$/;
const NOTICE_PREFIX = /^(?:erratum|errata|corrigendum|corrigenda|addendum|correction|corrections|author correction|publisher correction|notice of retraction|retraction(?: note| notice)?|expression of concern)\s*(?:to|for|on|of)?\s*[:.-]\s*(?:to\s+)?|^(?:corrigendum|erratum|correction|retraction(?: note| notice)?)\s+(?:to|for|on)\s+/i;
const REPLY_SUFFIX = /\s*(?:[-:.]\s*|\s)(?:(?:the\s+)?authors?'?\s*)?(?:reply|response)(?:\s+to\s+(?:the\s+)?(?:comments?|letter|editor|correspondence))?\s*\.?\s*$/i;
const REPLY_PREFIX = /^(?:(?:in reply to|reply to|response to|comments? on|commentary on)\b\s*[:-]?\s*|re\s*:\s*)(?=\S)/i;

export interface TitleParts {
  /** The title with notes and notice markers removed: what is compared. */
  text: string;
  /** The kind its markers announce. */
  marker: Kind | null;
  /** The whole title was in `[…]`: a translation supplied by the database. */
  translated: boolean;
}

/** Split a title into the title proper and the notice markers around it. */
export function titleParts(title: string): TitleParts {
  let t = stripTitleNotes(title);
  const translated = /^\[.*\]$/s.test(stripTitleNotes(title, false));
  let marker: Kind | null = null;
  if (WOS_CORRECTION.test(t)) {
    t = t.replace(WOS_CORRECTION, '');
    marker = 'erratum';
  } else if (/\(\d{4}\)\s*\d+/.test(t) && EMBASE_CORRECTION.test(t)) {
    t = t.replace(EMBASE_CORRECTION, '');
    marker = 'erratum';
  }
  const prefix = NOTICE_PREFIX.exec(t);
  if (prefix && t.length - prefix[0].length >= 12) {
    marker = /retraction|concern/i.test(prefix[0]) ? 'retraction-notice' : 'erratum';
    t = t.slice(prefix[0].length);
  }
  // A correction's citation of the article, cut off by a field limit: `… (The Journal of Pediatrics (M`.
  if (marker === 'erratum') t = t.replace(/\s*\([^)]*(?:\([^)]*)?$/, '');
  if (REPLY_SUFFIX.test(t) && t.replace(REPLY_SUFFIX, '').length >= 12) {
    t = t.replace(REPLY_SUFFIX, '');
    marker ??= 'reply';
  }
  const reply = REPLY_PREFIX.exec(t);
  if (reply && t.length - reply[0].length >= 12) {
    marker ??= /^comment/i.test(reply[0]) ? 'comment' : 'reply';
    t = t.slice(reply[0].length);
  }
  return { text: stripTitleNotes(t), marker, translated };
}

/**
 * The title as a publication states it, with database notes removed and a
 * translated title's `[…]` unwrapped (unless `unwrap` is false). Case and
 * punctuation are kept (the kind detection reads them).
 */
export function stripTitleNotes(title: string, unwrap = true): string {
  let t = title.trim();
  for (let guard = 0; guard < 6; guard++) {
    const before = t;
    t = t.replace(TRAILING_LANGUAGE, '').replace(TRAILING_PAREN_NOTE, '').replace(UNCLOSED_NOTE, '');
    // A trailing [..] is a note unless it is the whole title (a translated title).
    const m = TRAILING_BRACKET.exec(t);
    if (m && m.index > 0) t = t.slice(0, m.index);
    t = t.replace(/[\s.]+$/, '');
    if (t === before) break;
  }
  // A translated title in brackets, possibly followed by a full stop: `[Title].`
  const wrapped = /^\[(.*)\][.\s]*$/s.exec(t);
  if (wrapped && !wrapped[1].includes(']')) t = unwrap ? wrapped[1] : `[${wrapped[1]}]`;
  return t.trim();
}

/** Placeholders some tools write for a missing value. */
const PLACEHOLDER = /^(?:unknown|untitled|no title|none|n\/?a|anonymous|anon|\[?no title available\]?|\[?not available\]?)$/i;

export function isPlaceholder(value: string | null | undefined): boolean {
  return !value || PLACEHOLDER.test(value.trim());
}

/** Titles that name a kind of item, not its content: two of them share a title by chance. */
const GENERIC_TITLES = new Set([
  'editorial', 'editorials', 'guest editorial', 'introduction', 'preface', 'foreword', 'commentary', 'comment',
  'comments', 'letter', 'letters', 'letter to the editor', 'letters to the editor', 'reply', 'response', 'in reply',
  'authors reply', 'author reply', 'reply to the letter', 'correspondence', 'book review', 'book reviews', 'erratum',
  'errata', 'correction', 'corrections', 'corrigendum', 'news', 'abstracts', 'abstract', 'conference abstracts',
  'meeting abstracts', 'poster abstracts', 'in this issue', 'editors note', 'from the editor', 'announcement',
  'announcements', 'obituary', 'index', 'contents', 'table of contents', 'front matter', 'back matter',
  'editorial board', 'reviewer acknowledgement', 'acknowledgements', 'acknowledgement to reviewers', 'highlights',
  'summary', 'discussion', 'notes', 'news and views', 'research highlights', 'retraction', 'retraction notice',
  'expression of concern', 'call for papers', 'untitled', 'unknown', 'overview', 'conclusion', 'conclusions',
]);

/** A title is generic when it is a kind of item, or nothing but its journal's name and numbering. */
export function isGenericTitle(titleWords: string[], journalWords: string[]): boolean {
  if (titleWords.length === 0) return true;
  const joined = titleWords.join(' ');
  if (GENERIC_TITLES.has(joined)) return true;
  if (journalWords.length >= 2) {
    const j = journalWords.join(' ');
    const significant = titleWords.filter((w) => !JOURNAL_STOP.has(w)).join(' ');
    if (significant.includes(j)) {
      const rest = significant.split(j).join(' ').split(' ').filter((w) => w && !/^\d+$/.test(w) && !NUMBERING.has(w));
      if (rest.length <= 1) return true;
    }
  }
  return false;
}
const NUMBERING = new Set(['volume', 'vol', 'issue', 'no', 'number', 'paper', 'article', 'part', 'suppl', 'supplement']);

/** What kind of item a record is: from its type when that says, else from its title's markers. */
export function kindOf(parts: TitleParts, type: string | null): Kind {
  const ty = (type ?? '').toLowerCase();
  if (/\b(?:erratum|corrigendum|correction)\b/.test(ty) && !/\bcorrected\b/.test(ty)) return 'erratum';
  if (/\bretraction\b/.test(ty)) return 'retraction-notice';
  if (parts.marker) return parts.marker;
  const t = fold(parts.text).trim();
  // Titles that are nothing but the marker ("Reply", "Erratum").
  if (/^(?:erratum|errata|corrigendum|corrigenda|corrections?)$/.test(t)) return 'erratum';
  if (/^(?:in reply|reply|response|authors? reply|authors? response)$/.test(t)) return 'reply';
  return 'article';
}

const CONFERENCE_TYPE = /\b(?:conf|cpaper|abst|inproceedings|proceedings?|conference|meeting|congress|symposium|poster|abstract)\b/i;
const JOURNAL_TYPE = /\b(?:jour|article|journal|ejour|review)\b/i;
const CONFERENCE_VENUE = /\b(?:conference|conf|congress|symposium|meeting|workshop|colloquium|amcis|icis|hicss|ecis|pacis)\b/;
/** "Proceedings" names conferences, but also journals (PNAS, Proc R Soc B, Mayo Clin Proc, Proc IEEE). */
const PROCEEDINGS = /\b(?:proceedings|proc)\b/;
const PROCEEDINGS_JOURNAL = /\b(?:national academy|royal society|nutrition society|mayo|ieee|american thoracic|zoological|linnean|biological sciences|physical sciences|mathematical)\b/;
const PREPRINT_VENUE = /\b(?:biorxiv|medrxiv|arxiv|chemrxiv|psyarxiv|socarxiv|edarxiv|ssrn|research square|preprints?|authorea|techrxiv|qeios|osf preprints|scielo preprints|eartharxiv)\b/;
/** DOI prefixes of preprint servers. */
const PREPRINT_DOI = /^10\.(?:1101|21203|2139|31234|31235|48550|20944|31219|31222|22541|26434|36227|32942|1590\/scielopreprints|31730|33774|5281\/zenodo)\b/;

/** Where a record was published: journal, conference, preprint server, or unknown. */
export function venueOf(type: string | null, journal: string, doi: string | null): Venue {
  const ty = (type ?? '').toLowerCase();
  if ((doi && PREPRINT_DOI.test(doi)) || /\bpreprint|posted[- ]content\b/.test(ty) || PREPRINT_VENUE.test(journal)) return 'preprint';
  if (CONFERENCE_TYPE.test(ty) || CONFERENCE_VENUE.test(journal)) return 'conference';
  if (PROCEEDINGS.test(journal) && !PROCEEDINGS_JOURNAL.test(journal)) return 'conference';
  if (JOURNAL_TYPE.test(ty) || journal !== '') return 'journal';
  return 'unknown';
}

// ---------------------------------------------------------------------------
// Authors

const NAME_NOISE = /\b(?:et al|and others|jr|sr|ii|iii|iv|md|phd|msc|bsc|rn|prof|dr)\b\.?/gi;

export interface ParsedAuthor {
  surname: string;
  initial: string;
  tokens: string[];
}

/**
 * One author as written, in any of the usual forms: `Smith, John A.`,
 * `Smith JA`, `J. A. Smith`, `John Smith`, `van der Berg, H`.
 */
const nameLetters = (s: string) => fold(s).replace(/[^a-z]/g, '');
const nameTokens = (s: string) => fold(s).split(/[^a-z]+/).filter((w) => w.length >= 2);

export function parseAuthor(name: string): ParsedAuthor | undefined {
  const raw = name.replace(NAME_NOISE, ' ').trim();
  if (raw === '' || isPlaceholder(raw)) return undefined;
  const comma = raw.indexOf(',');
  if (comma > 0) {
    const surname = nameLetters(raw.slice(0, comma));
    const given = raw.slice(comma + 1).trim();
    return { surname, initial: nameLetters(given).slice(0, 1), tokens: nameTokens(raw) };
  }
  const parts = raw.split(/\s+/);
  if (parts.length === 1) return { surname: nameLetters(raw), initial: '', tokens: nameTokens(raw) };
  const last = parts[parts.length - 1];
  // MEDLINE style: surname then initials in capitals (`Smith JA`).
  if (/^[A-Z]{1,3}\.?$/.test(last) || /^(?:[A-Z]\.){1,3}$/.test(last)) {
    return { surname: nameLetters(parts.slice(0, -1).join(' ')), initial: last[0].toLowerCase(), tokens: nameTokens(raw) };
  }
  // Given names first (`J. A. Smith`, `John Smith`).
  return { surname: nameLetters(last), initial: nameLetters(parts[0]).slice(0, 1), tokens: nameTokens(raw) };
}

// ---------------------------------------------------------------------------
// Journal, volume, pages

const JOURNAL_STOP = new Set(['the', 'of', 'and', 'for', 'in', 'on', 'de', 'la', 'le', 'der', 'die', 'und', 'et', 'du', 'des', 'a', 'd', 'l']);

/** A journal name as one or more word lists (alternatives after `=`, inside `[…]`; `: subtitle` dropped). */
export function journalVariants(journal: string | null): string[][] {
  if (!journal || isPlaceholder(journal)) return [];
  const variants: string[] = [];
  const bracketed = /\[([^\]]+)\]/.exec(journal);
  if (bracketed) variants.push(bracketed[1]);
  for (const part of journal.replace(/\[[^\]]*\]/g, ' ').split(/\s=\s|=/)) {
    variants.push(part.replace(/\([^)]*\)/g, ' ').split(/\s:\s/)[0]);
  }
  const out: string[][] = [];
  for (const v of variants) {
    const w = words(v).filter((x) => !JOURNAL_STOP.has(x));
    if (w.length > 0 && !out.some((o) => o.join(' ') === w.join(' '))) out.push(w);
  }
  return out;
}

/** Leading number of a volume (`30a` → `30`, `4 (1) (no pagination)` → `4`); null when there is none. */
export function normaliseVolume(volume: string | null): string | null {
  const m = volume ? /^\D{0,6}?(\d+)/.exec(volume.trim()) : null;
  return m ? String(Number(m[1])) : null;
}

/** First and last page (`221-8` → 221, 228); null when the start carries no digit (`Suppl-29`). */
export function normalisePages(pages: string | null): { start: string | null; end: string | null } {
  if (!pages) return { start: null, end: null };
  const p = fold(pages).replace(/\bpp?\.?\s*/g, '').trim();
  const m = /^([a-z]{0,3}\d+[a-z]?)(?:\s*(?:-+|–|—|to)\s*([a-z]{0,3}\d+[a-z]?))?/.exec(p);
  if (!m) return { start: null, end: null };
  const start = m[1].replace(/^([a-z]*)0+(\d)/, '$1$2');
  let end = m[2]?.replace(/^([a-z]*)0+(\d)/, '$1$2') ?? null;
  const sd = /^([a-z]*)(\d+)/.exec(start);
  const ed = end ? /^([a-z]*)(\d+)/.exec(end) : null;
  if (sd && ed && ed[2].length < sd[2].length) {
    // MEDLINE abbreviates end pages: 6913-7 → 6917.
    end = sd[1] + sd[2].slice(0, sd[2].length - ed[2].length) + ed[2];
  }
  return { start, end: end === start ? null : end };
}

/** A DOI's version suffix (Cochrane reviews: `.pub2`, `.pub3`) removed. */
export function doiBase(doi: string): string {
  return doi.replace(/\.pub\d+$/, '');
}

// ---------------------------------------------------------------------------

/** Cochrane review number (`CD006828`) from the pages or DOI: versions of one review share it. */
function cochraneNumber(pages: string | null, doi: string | null): string | null {
  const m = /\bcd(\d{6})\b/i.exec(`${pages ?? ''} ${doi ?? ''}`);
  return m ? `cd${m[1]}` : null;
}

/** Word → small integer, shared by the records of one run. */
export class WordIds {
  private readonly ids = new Map<string, number>();
  of(words: string[]): Int32Array {
    const out = new Int32Array(new Set(words.map((w) => {
      let id = this.ids.get(w);
      if (id === undefined) this.ids.set(w, (id = this.ids.size));
      return id;
    })));
    return out.sort();
  }
}

// Shared empty values until completeRecord fills a record in (a library holds 100k records or more).
const NONE: string[] = [];
const NO_TOKENS: Set<string> = new Set();

/**
 * The fields blocking and the cheap pre-check need (title words, identifiers,
 * volume and pages, first author, year); the rest is filled in by
 * `completeRecord` only for records that meet a candidate. An incremental run
 * over a large library thus pays the full cost only around the new records.
 */
export function normaliseKeys(r: DedupeInput, ids: WordIds = new WordIds()): NormRecord {
  // "RETRACTED: title" is the retracted article itself, under its own title.
  const original = r.title && !isPlaceholder(r.title) ? r.title.replace(/^\s*retracted\s*(?:article)?\s*:\s*/i, '') : '';
  const parts = titleParts(original);
  const w = words(parts.text);
  const doi = r.doi ? r.doi.trim().toLowerCase() : null;
  const pages = normalisePages(r.pages);
  let firstSurname: string | null = null;
  for (const name of r.authors) {
    const a = parseAuthor(name);
    if (a && a.surname !== '') {
      firstSurname = a.surname;
      break;
    }
  }
  return {
    id: r.id,
    complete: false,
    title: '',
    words: w,
    wordIds: ids.of(w),
    compact: w.join(''),
    genericTitle: false,
    translatedTitle: parts.translated,
    kind: kindOf(parts, r.type),
    venue: 'unknown',
    firstSurname,
    surnames: NONE,
    initials: NONE,
    nameTokens: NO_TOKENS,
    firstTokens: NONE,
    year: r.year ?? null,
    journals: [],
    volume: normaliseVolume(r.volume),
    pageStart: pages.start,
    pageEnd: pages.end,
    doi,
    doiBase: doi ? doiBase(doi) : null,
    cochrane: /\bcochrane database\b/i.test(r.journal ?? '') ? cochraneNumber(r.pages, doi) ?? 'cochrane' : cochraneNumber(null, doi),
    pmid: r.pmid ? r.pmid.trim() : null,
    abstractLength: r.abstractLength,
  };
}

/** Fill in the fields only a full comparison needs: every author, the journal, the venue, a generic title. */
export function completeRecord(n: NormRecord, r: DedupeInput): NormRecord {
  if (n.complete) return n;
  const journals = journalVariants(r.journal);
  const parsed: ParsedAuthor[] = [];
  for (const name of r.authors) {
    const a = parseAuthor(name);
    if (a && a.surname !== '') parsed.push(a);
  }
  n.title = n.words.join(' ');
  n.journals = journals;
  n.genericTitle = isGenericTitle(n.words, journals[0] ?? []);
  n.venue = venueOf(r.type, journals.map((j) => j.join(' ')).join(' | '), n.doi);
  n.surnames = parsed.map((a) => a.surname);
  n.initials = parsed.map((a) => a.initial);
  n.nameTokens = new Set(parsed.flatMap((a) => a.tokens));
  n.firstTokens = parsed[0]?.tokens ?? [];
  n.complete = true;
  return n;
}

/**
 * A record with the DOI of an erratum, reply or other notice is that notice,
 * even when its own title does not say so: PubMed-as-RIS gives an erratum the
 * title of the article it corrects, where Scopus writes "Erratum: …". Only
 * when the article itself is there under another DOI (a record with the same
 * title and a different DOI): a notice that wrongly carries its article's DOI
 * must not turn the article into a notice. Sets `kind` in place.
 */
export function kindsByDoi<T extends { doi: string | null; kind: Kind }>(records: T[], titleKey: (r: T) => string): T[] {
  const notices = new Map<string, Kind>();
  for (const r of records) if (r.doi && r.kind !== 'article') notices.set(r.doi.toLowerCase(), r.kind);
  if (notices.size === 0) return records;
  const suspects = records.filter((r) => r.doi && r.kind === 'article' && notices.has(r.doi.toLowerCase()));
  if (suspects.length === 0) return records;
  // DOIs of the articles under each title.
  const doisByTitle = new Map<string, Set<string>>();
  for (const r of records) {
    if (!r.doi || r.kind !== 'article') continue;
    const key = titleKey(r);
    if (key === '') continue;
    const set = doisByTitle.get(key) ?? new Set<string>();
    set.add(r.doi.toLowerCase());
    doisByTitle.set(key, set);
  }
  for (const r of suspects) {
    const doi = r.doi!.toLowerCase();
    const dois = doisByTitle.get(titleKey(r));
    if (dois && [...dois].some((d) => d !== doi && !notices.has(d))) r.kind = notices.get(doi)!;
  }
  return records;
}

/** Every normalised field of one record. */
export function normaliseRecord(r: DedupeInput, ids: WordIds = new WordIds()): NormRecord {
  return completeRecord(normaliseKeys(r, ids), r);
}
