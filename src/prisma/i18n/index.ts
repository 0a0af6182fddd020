/**
 * The message catalogues, one file per language. A further language is one
 * file beside these (a `Messages` object: the type makes every key required)
 * plus its line in CATALOGUES below.
 */
import { cy } from './cy.js';
import { en, type MessageKey, type Messages } from './en.js';

export type { MessageKey, Messages };

export const CATALOGUES: Record<string, Messages> = { en, cy };

export type Lang = string;

export function languages(): string[] {
  return Object.keys(CATALOGUES);
}

export function catalogue(lang: Lang): Messages {
  const m = CATALOGUES[lang];
  if (!m) throw new Error(`no message catalogue for language "${lang}" (available: ${languages().join(', ')})`);
  return m;
}

/** A message with its `{placeholders}` filled in. */
export function t(m: Messages, key: MessageKey, params: Record<string, string | number> = {}): string {
  return m[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The placeholders a message uses, e.g. `['n']` for "(n = {n})". */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
}

/** Label of an exclusion reason code: the catalogue's when it has one, else the code itself. */
export function reasonLabel(m: Messages, code: string, fallback?: string): string {
  if (code === '') return m['reason.none'];
  const key = `reason.${code}` as MessageKey;
  return key in m ? m[key] : fallback ?? code;
}
