/**
 * The one record model every export format is mapped into.
 *
 * Fields that a format carries but this model does not name are kept in
 * `extra` under their original tag or column name, and the record's raw text
 * is kept in `raw`, so nothing in an export is ever lost.
 */
export interface BibRecord {
  /** The record's own identifier in its file (RIS ID/AN, CSV ID/EID, PMID, UT…). */
  sourceKey?: string;
  /** Source database named inside the record itself (e.g. RIS `DB`, `DP`). */
  database?: string;
  /** The platform (interface) the record says it was found through: RIS `DP  - EBSCOhost`, Ovid's `DB  - Ovid MEDLINE(R)`. */
  interface?: string;
  /** Publication type as the file gives it (e.g. `JOUR`, `Article`, `Journal Article`). */
  type?: string;
  title?: string;
  abstract?: string;
  /** Ordered author list, each as written in the file ("Smith, John A."). */
  authors: string[];
  year?: number;
  /** The fullest date the file gives, as written (e.g. `2008/08//`, `2019 Mar 5`). */
  date?: string;
  journal?: string;
  volume?: string;
  issue?: string;
  /** Page range, e.g. `212-231`, or an article number. */
  pages?: string;
  /** Normalised DOI: lower case, no `https://doi.org/` prefix. */
  doi?: string;
  pmid?: string;
  issn: string[];
  isbn: string[];
  keywords: string[];
  language?: string;
  url?: string;
  /** Unmapped fields, by their original tag or column name, every value kept. */
  extra: Record<string, string[]>;
  /** The record's text exactly as it appeared in the file. */
  raw: string;
  /** 1-based line in the file where the record starts (0 when not line-based). */
  line: number;
}

export function emptyRecord(raw = '', line = 0): BibRecord {
  return { authors: [], issn: [], isbn: [], keywords: [], extra: {}, raw, line };
}

export type Severity = 'error' | 'warning';

/** A problem found while reading a file, located as precisely as the format allows. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `ris/untagged-line`. */
  code: string;
  message: string;
  /** 1-based line in the file. */
  line?: number;
  /** 1-based ordinal of the record in the file. */
  record?: number;
}

/** What a format reader yields while walking a file. */
export type ReadItem =
  | { kind: 'record'; record: BibRecord }
  | { kind: 'diagnostic'; diagnostic: Diagnostic }
  /** File-level metadata, e.g. the database named in a header. */
  | { kind: 'meta'; database?: string };

/** Where a diagnostic points, as far as the format knows: the line and the record's ordinal. */
export interface Place {
  line?: number;
  record?: number;
}

/** A diagnostic as a reader yields it; `line`/`record` are left out when not known. */
export function diagnostic(severity: Severity, code: string, message: string, place: Place = {}): ReadItem {
  const d: Diagnostic = { severity, code, message };
  if (place.line !== undefined) d.line = place.line;
  if (place.record !== undefined) d.record = place.record;
  return { kind: 'diagnostic', diagnostic: d };
}

/** A tolerated oddity. */
export function warning(code: string, message: string, place?: Place): ReadItem {
  return diagnostic('warning', code, message, place);
}

/** The file is malformed: its import is rolled back. */
export function error(code: string, message: string, place?: Place): ReadItem {
  return diagnostic('error', code, message, place);
}
