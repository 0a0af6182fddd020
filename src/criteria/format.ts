/**
 * The eligibility criteria file (`queries/criteria.conf`): a plain-text
 * format researchers edit, read without any parsing library.
 *
 *   # comment                        (whole-line comments only)
 *   [EX-SETTING] Setting             a criterion: its code, then the element it covers
 *   include: Community and public-sector organisations.
 *   exclude: Health services.
 *   alias: wrong setting             another tool's name for this reason (e.g. a Rayyan exclusion reason)
 *
 *   [rules]                          machine-checkable rules (`review criteria check`)
 *   years: 2013-2023 -> EX-DATE      also 2013- or -2023
 *   languages: any                   or: en, cy -> EX-LANGUAGE   (ISO 639 codes or English names)
 *   exclude-types: Editorial, Erratum -> EX-DESIGN
 *
 *   [highlight]                      terms highlighted in `review screen`; * matches any ending
 *   collaborat*, partnership*, "local government"
 *
 * Every code a rule names must be a criterion defined in the file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseLanguage } from './language.js';

export interface Criterion {
  code: string;
  element: string;
  include: string[];
  exclude: string[];
  aliases: string[];
  line: number;
}

export interface YearRule {
  from?: number;
  to?: number;
  code: string;
}

export interface LanguageRule {
  /** ISO 639-1 codes (or the lower-cased name when no code is known). */
  allowed: string[];
  code: string;
}

export interface TypeRule {
  /** Publication types, lower case, matched exactly against the record's type. */
  types: string[];
  code: string;
}

export interface Criteria {
  /** Where it was read from ('' for text parsed in memory). */
  file: string;
  sha256: string;
  text: string;
  criteria: Criterion[];
  rules: { years?: YearRule; languages?: LanguageRule; excludeTypes?: TypeRule };
  highlight: string[];
}

export class CriteriaError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file || 'criteria'}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'CriteriaError';
  }
}

export const CRITERIA_FILE = 'criteria.conf';
const CODE = /^[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*$/;
const RESERVED = new Set(['rules', 'highlight']);

/** Split "a, b, \"c, d\"" on commas outside double quotes. */
function splitList(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** "2013-2023 -> EX-DATE" → { value: '2013-2023', code: 'EX-DATE' } */
function splitArrow(value: string, file: string, line: number): { value: string; code?: string } {
  const at = value.lastIndexOf('->');
  if (at < 0) return { value: value.trim() };
  const code = value.slice(at + 2).trim();
  if (!CODE.test(code)) throw new CriteriaError(file, line, `"${code}" is not a criterion code (e.g. EX-DATE)`);
  return { value: value.slice(0, at).trim(), code };
}

function parseYears(value: string, file: string, line: number): { from?: number; to?: number } {
  const m = /^(\d{4})?\s*[-–]\s*(\d{4})?$/.exec(value) ?? /^(\d{4})$/.exec(value);
  if (!m || (m[1] === undefined && m[2] === undefined)) {
    throw new CriteriaError(file, line, `years must be written FROM-TO, FROM- or -TO with four-digit years, got "${value}"`);
  }
  const from = m[1] !== undefined ? Number(m[1]) : undefined;
  const to = m[2] !== undefined ? Number(m[2]) : m.length === 2 ? from : undefined;
  if (from !== undefined && to !== undefined && from > to) throw new CriteriaError(file, line, `years ${from}-${to}: the range is backwards`);
  return { from, to };
}

export function parseCriteria(text: string, file = ''): Criteria {
  const result: Criteria = {
    file,
    sha256: createHash('sha256').update(text).digest('hex'),
    text,
    criteria: [],
    rules: {},
    highlight: [],
  };
  let section: 'none' | 'criterion' | 'rules' | 'highlight' = 'none';
  let current: Criterion | undefined;
  const ruleCodes: Array<{ code: string; line: number }> = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const header = /^\[([^\]]+)\]\s*(.*)$/.exec(line);
    if (header) {
      const name = header[1].trim();
      if (RESERVED.has(name.toLowerCase())) {
        section = name.toLowerCase() as 'rules' | 'highlight';
        current = undefined;
        return;
      }
      if (!CODE.test(name)) {
        throw new CriteriaError(file, n, `"[${name}]" is not a criterion code: use letters, digits and dashes, e.g. [EX-SETTING]`);
      }
      if (result.criteria.some((c) => c.code.toUpperCase() === name.toUpperCase())) {
        throw new CriteriaError(file, n, `criterion ${name} is defined twice`);
      }
      if (!header[2].trim()) throw new CriteriaError(file, n, `[${name}] needs the element it covers after it, e.g. "[${name}] Setting"`);
      current = { code: name, element: header[2].trim(), include: [], exclude: [], aliases: [], line: n };
      result.criteria.push(current);
      section = 'criterion';
      return;
    }
    if (section === 'highlight') {
      result.highlight.push(...splitList(line).map((t) => t.replace(/^"|"$/g, '')));
      return;
    }
    const kv = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!kv) throw new CriteriaError(file, n, `expected "key: value" or a [SECTION] header, got "${line}"`);
    const key = kv[1].toLowerCase();
    const value = kv[2].trim();
    if (section === 'none') throw new CriteriaError(file, n, `"${key}:" must come after a [CODE] Element header or [rules]`);
    if (section === 'criterion') {
      if (!value) throw new CriteriaError(file, n, `"${key}:" has no text`);
      if (key === 'include') current!.include.push(value);
      else if (key === 'exclude') current!.exclude.push(value);
      else if (key === 'alias') current!.aliases.push(...splitList(value));
      else throw new CriteriaError(file, n, `unknown key "${key}" in [${current!.code}]: use include, exclude or alias`);
      return;
    }
    // [rules]
    const { value: v, code } = splitArrow(value, file, n);
    if (key === 'years') {
      if (!code) throw new CriteriaError(file, n, 'years needs the code records outside the range are excluded with: "years: 2013-2023 -> EX-DATE"');
      result.rules.years = { ...parseYears(v, file, n), code };
      ruleCodes.push({ code, line: n });
    } else if (key === 'languages') {
      if (/^(any|all)$/i.test(v)) return;
      if (!code) throw new CriteriaError(file, n, 'languages needs a code: "languages: en, cy -> EX-LANGUAGE" (or "languages: any")');
      const allowed = splitList(v).map((l) => normaliseLanguage(l) ?? l.toLowerCase());
      if (allowed.length === 0) throw new CriteriaError(file, n, 'languages lists no language');
      result.rules.languages = { allowed, code };
      ruleCodes.push({ code, line: n });
    } else if (key === 'exclude-types') {
      if (/^none$/i.test(v)) return;
      if (!code) throw new CriteriaError(file, n, 'exclude-types needs a code: "exclude-types: Editorial, Erratum -> EX-DESIGN"');
      result.rules.excludeTypes = { types: splitList(v).map((t) => t.toLowerCase()), code };
      ruleCodes.push({ code, line: n });
    } else {
      throw new CriteriaError(file, n, `unknown rule "${key}": use years, languages or exclude-types`);
    }
  });
  if (result.criteria.length === 0) throw new CriteriaError(file, 0, 'no criteria: add at least one "[CODE] Element" section');
  for (const { code, line } of ruleCodes) {
    const known = findCriterion(result, code);
    if (!known) throw new CriteriaError(file, line, `rule code ${code} is not defined: add a [${code}] section`);
  }
  // Rule codes are written as the criterion spells them.
  for (const rule of Object.values(result.rules)) if (rule) rule.code = findCriterion(result, rule.code)!.code;
  return result;
}

export function findCriterion(criteria: Criteria, code: string): Criterion | undefined {
  const c = code.trim().toUpperCase();
  return criteria.criteria.find((x) => x.code.toUpperCase() === c);
}

/** The criterion an exclusion reason names: its code, or an alias (case-insensitive). */
export function criterionFor(criteria: Criteria, reason: string): Criterion | undefined {
  const r = reason.trim().toLowerCase();
  return findCriterion(criteria, reason) ?? criteria.criteria.find((c) => c.aliases.some((a) => a.toLowerCase() === r));
}

/** The default criteria shipped with the project (the reference review's), in its queries/. */
export const DEFAULT_CRITERIA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../queries', CRITERIA_FILE);

export function readCriteriaFile(path: string): Criteria {
  return parseCriteria(readFileSync(path, 'utf8'), path);
}

/**
 * The criteria of a workspace: `<queries>/criteria.conf`, or the project's
 * default when the workspace has none (older workspaces), with `fallback` set.
 */
export function loadCriteria(queriesDir: string): Criteria & { fallback: boolean } {
  const path = join(queriesDir, CRITERIA_FILE);
  if (existsSync(path)) return { ...readCriteriaFile(path), fallback: false };
  return { ...readCriteriaFile(DEFAULT_CRITERIA_PATH), fallback: true };
}

/** The criteria as text for reviewers (`review criteria`, `c` in `review screen`). */
export function describeCriteria(criteria: Criteria): string {
  const out: string[] = [];
  for (const c of criteria.criteria) {
    out.push(`${c.code}  ${c.element}`);
    for (const i of c.include) out.push(`  + include: ${i}`);
    for (const e of c.exclude) out.push(`  - exclude: ${e}`);
  }
  const r = criteria.rules;
  const rules: string[] = [];
  if (r.years) rules.push(`  years ${r.years.from ?? '…'}–${r.years.to ?? '…'} (else ${r.years.code})`);
  if (r.languages) rules.push(`  languages ${r.languages.allowed.join(', ')} (else ${r.languages.code})`);
  if (r.excludeTypes) rules.push(`  publication types excluded: ${r.excludeTypes.types.join(', ')} (${r.excludeTypes.code})`);
  if (rules.length) out.push('', 'Automatic rules (review criteria check; records with no year or language go to people):', ...rules);
  return out.join('\n');
}
