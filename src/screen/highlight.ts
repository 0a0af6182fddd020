/**
 * Highlighting search terms in titles and abstracts. Terms: words or
 * "quoted phrases"; `*` at the end of a word matches any ending; a space
 * or hyphen in a phrase matches either. Case-insensitive.
 */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileTerms(terms: string[]): RegExp | undefined {
  const parts = terms
    .map((t) => t.trim().replace(/^"|"$/g, '').trim())
    .filter((t) => t.replace(/\*/g, '').length >= 2)
    .map((t) => t.split(/[\s-]+/).map((w) => escape(w).replace(/\\\*/g, '[\\p{L}\\p{N}]*')).join('[\\s-]+'))
    .sort((a, b) => b.length - a.length); // longest first, so phrases win over their words
  if (parts.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Wrap every match with `mark` (e.g. ANSI colour); text without matches is returned as is. */
export function highlight(text: string, terms: RegExp | undefined, mark: (s: string) => string): string {
  if (!terms) return text;
  return text.replace(terms, (m) => mark(m));
}
