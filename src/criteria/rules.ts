/**
 * The machine-checkable rules, as pure functions over one record. A record
 * that lacks the field a rule needs is never excluded by it: it goes to people.
 */
import type { Criteria } from './format.js';
import { recordLanguages } from './language.js';

export interface RuleInput {
  year: number | null;
  language: string | null;
  type: string | null;
}

export type RuleName = 'year' | 'language' | 'type';

export interface RuleHit {
  rule: RuleName;
  code: string;
  detail: string;
}

/** The first rule that excludes the record (years, then languages, then types), or undefined. */
export function applyRules(criteria: Criteria, record: RuleInput): RuleHit | undefined {
  const { years, languages, excludeTypes } = criteria.rules;
  if (years && record.year !== null && record.year !== undefined) {
    if (years.from !== undefined && record.year < years.from) {
      return { rule: 'year', code: years.code, detail: `published ${record.year}, before ${years.from}` };
    }
    if (years.to !== undefined && record.year > years.to) {
      return { rule: 'year', code: years.code, detail: `published ${record.year}, after ${years.to}` };
    }
  }
  if (languages && record.language && record.language.trim()) {
    const { known, unknown } = recordLanguages(record.language);
    // Only when every part was recognised and none is allowed: an unreadable language is for people.
    if (known.length > 0 && unknown.length === 0 && !known.some((l) => languages.allowed.includes(l))) {
      return { rule: 'language', code: languages.code, detail: `language ${record.language.trim()} is not ${languages.allowed.join(' or ')}` };
    }
  }
  if (excludeTypes && record.type && excludeTypes.types.includes(record.type.trim().toLowerCase())) {
    return { rule: 'type', code: excludeTypes.code, detail: `publication type ${record.type.trim()}` };
  }
  return undefined;
}
