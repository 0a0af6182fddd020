/** Named reviewers, the lead, and blinding per stage. */
import type { DB } from '../store/db.js';
import { now, ScreeningError, STAGES, type Stage } from './types.js';

export interface Reviewer {
  id: number;
  name: string;
  lead: boolean;
  addedAt: string;
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,62}$/u;

interface ReviewerRow {
  id: number;
  name: string;
  lead: number;
  added_at: string;
}

const toReviewer = (r: ReviewerRow): Reviewer => ({ id: r.id, name: r.name, lead: r.lead === 1, addedAt: r.added_at });

/** Add a reviewer (or make an existing one lead). Returns the reviewer and whether it is new. */
export function addReviewer(db: DB, name: string, options: { lead?: boolean; addedAt?: string } = {}): { reviewer: Reviewer; created: boolean; promoted?: boolean } {
  const clean = name.trim();
  if (!NAME.test(clean)) {
    throw new ScreeningError(`"${name}" is not a usable reviewer name: letters, digits, spaces, . _ ' - (up to 63 characters)`);
  }
  return db.transaction(() => {
    const existing = findReviewer(db, clean);
    if (existing) {
      const promoted = options.lead === true && !existing.lead;
      if (promoted) db.prepare('UPDATE reviewers SET lead = 1 WHERE id = ?').run(existing.id);
      return { reviewer: { ...existing, lead: existing.lead || options.lead === true }, created: false, promoted };
    }
    const at = options.addedAt ?? now();
    const id = Number(db.prepare('INSERT INTO reviewers (name, lead, added_at) VALUES (?, ?, ?)').run(clean, options.lead ? 1 : 0, at).lastInsertRowid);
    return { reviewer: { id, name: clean, lead: options.lead === true, addedAt: at }, created: true };
  }).immediate();
}

export function findReviewer(db: DB, name: string): Reviewer | undefined {
  const row = db.prepare('SELECT * FROM reviewers WHERE name = ? COLLATE NOCASE').get(name.trim()) as ReviewerRow | undefined;
  return row ? toReviewer(row) : undefined;
}

/** A registered reviewer, or a clear error naming the known ones. */
export function getReviewer(db: DB, name: string | undefined): Reviewer {
  if (!name || !name.trim()) throw new ScreeningError('say who you are: --reviewer <name> (see `review reviewer list`)');
  const r = findReviewer(db, name);
  if (r) return r;
  const known = listReviewers(db).map((x) => x.name);
  throw new ScreeningError(
    `unknown reviewer "${name}"; ${known.length ? `known reviewers: ${known.join(', ')}` : 'no reviewers yet'}` +
      ` (add one with \`review reviewer add "${name.trim()}"\`)`,
  );
}

export function reviewerById(db: DB, id: number): Reviewer {
  return toReviewer(db.prepare('SELECT * FROM reviewers WHERE id = ?').get(id) as ReviewerRow);
}

export function listReviewers(db: DB): Reviewer[] {
  return (db.prepare('SELECT * FROM reviewers ORDER BY id').all() as ReviewerRow[]).map(toReviewer);
}

/** A registered reviewer who is a lead, or an error. */
export function getLead(db: DB, name: string | undefined): Reviewer {
  const r = getReviewer(db, name);
  if (!r.lead) throw new ScreeningError(`${r.name} is not a lead (make them one with \`review reviewer add "${r.name}" --lead\`)`);
  return r;
}

/** Whether the lead has lifted blinding for a stage (the latest event is in force). */
export function blindingLifted(db: DB, stage: Stage): boolean {
  const action = db.prepare('SELECT action FROM blinding_events WHERE stage = ? ORDER BY at DESC, id DESC LIMIT 1').pluck().get(stage);
  return action === 'lift';
}

/** The lead lifts blinding (`lift`) or restores it (`restore`) for one stage or both. */
export function setBlinding(db: DB, leadName: string, action: 'lift' | 'restore', stages: Stage[] = [...STAGES], note?: string, at?: string): void {
  const lead = getLead(db, leadName);
  db.transaction(() => {
    const when = at ?? now();
    for (const stage of stages) {
      if (blindingLifted(db, stage) === (action === 'lift')) continue;
      db.prepare('INSERT INTO blinding_events (stage, action, reviewer_id, at, note) VALUES (?, ?, ?, ?, ?)').run(stage, action, lead.id, when, note ?? null);
    }
  }).immediate();
}
