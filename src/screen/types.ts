/**
 * The vocabulary of screening: stages, decisions, and how users may spell them.
 * Stored values are always the canonical spellings below.
 */

export const STAGES = ['title-abstract', 'full-text'] as const;
export type Stage = (typeof STAGES)[number];

/** What a reviewer can decide. `unsure` is its own category (it needs discussion). */
export const DECISIONS = ['include', 'exclude', 'unsure'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * `withdrawn` is written only by the library, when a decision that was copied
 * onto a record must be taken back (a duplicate merge that is undone); it
 * means "no current decision" and keeps the history intact.
 */
export type StoredDecision = Decision | 'withdrawn';

export const RESOLUTION_METHODS = ['consensus', 'third-reviewer', 'lead'] as const;
export type ResolutionMethod = (typeof RESOLUTION_METHODS)[number];

/** Two independent reviewers per record (the reference review's method). */
export const REVIEWERS_PER_RECORD = 2;

const STAGE_ALIASES: Record<string, Stage> = {
  'title-abstract': 'title-abstract', ta: 'title-abstract', tiab: 'title-abstract', 'title/abstract': 'title-abstract',
  title_abstract: 'title-abstract', abstract: 'title-abstract',
  'full-text': 'full-text', ft: 'full-text', fulltext: 'full-text', full_text: 'full-text',
};

export function parseStage(value: string | undefined, fallback?: Stage): Stage {
  if (value === undefined || value.trim() === '') {
    if (fallback) return fallback;
    throw new ScreeningError(`a stage is required: ${STAGES.join(' or ')}`);
  }
  const stage = STAGE_ALIASES[value.trim().toLowerCase()];
  if (!stage) throw new ScreeningError(`unknown stage "${value}": use ${STAGES.join(' or ')} (or ta / ft)`);
  return stage;
}

const DECISION_ALIASES: Record<string, Decision> = {
  include: 'include', included: 'include', in: 'include', i: 'include', yes: 'include',
  exclude: 'exclude', excluded: 'exclude', ex: 'exclude', e: 'exclude', no: 'exclude',
  unsure: 'unsure', maybe: 'unsure', u: 'unsure', '?': 'unsure',
};

export function parseDecision(value: string | undefined): Decision {
  const d = value === undefined ? undefined : DECISION_ALIASES[value.trim().toLowerCase()];
  if (!d) throw new ScreeningError(`unknown decision "${value ?? ''}": use include, exclude or unsure`);
  return d;
}

/** A user error (bad input): the CLI prints its message without a stack. */
export class ScreeningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScreeningError';
  }
}

export const stageLabel = (stage: Stage): string => (stage === 'title-abstract' ? 'title/abstract' : 'full text');

/** ISO 8601 UTC with milliseconds: the one timestamp form stored. */
export const now = (): string => new Date().toISOString();
