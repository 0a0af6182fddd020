/**
 * The few PRISMA numbers that cannot be derived, entered by hand as explicit,
 * dated, attributed entries (table `prisma_manual_entries`, migration 005).
 * Entries are never deleted; a wrong one is withdrawn (who, when, why).
 */
import type { DB } from '../store/db.js';

export const MANUAL_BOXES = ['excluded_other', 'excluded_automatic', 'previous_studies', 'previous_reports'] as const;
export type ManualBox = (typeof MANUAL_BOXES)[number];
/** Removal boxes: records removed before import, which also count as identified. */
export const REMOVAL_BOXES: readonly ManualBox[] = ['excluded_other', 'excluded_automatic'];

export interface ManualEntry {
  id: number;
  box: ManualBox;
  n: number;
  database: string | null;
  method: 'database' | 'register' | null;
  reason: string;
  enteredBy: string;
  occurredOn: string;
  recordedAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawnReason: string | null;
}

export interface ManualInput {
  box: string;
  n: number | string;
  reason: string;
  by: string;
  /** YYYY-MM-DD; default today (UTC). */
  on?: string;
  database?: string;
  method?: string;
  /** For tests and imports: when the entry is recorded (ISO 8601). */
  recordedAt?: string;
}

export class ManualEntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManualEntryError';
  }
}

const SELECT = `SELECT id, box, n, database, method, reason, entered_by AS enteredBy, occurred_on AS occurredOn,
  recorded_at AS recordedAt, withdrawn_at AS withdrawnAt, withdrawn_by AS withdrawnBy, withdrawn_reason AS withdrawnReason
  FROM prisma_manual_entries`;

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Check an entry and say exactly what is wrong with it. */
export function validateManual(input: ManualInput): Omit<ManualEntry, 'id' | 'withdrawnAt' | 'withdrawnBy' | 'withdrawnReason'> {
  const box = input.box as ManualBox;
  if (!MANUAL_BOXES.includes(box)) {
    throw new ManualEntryError(`"${input.box}" cannot be entered by hand: only ${MANUAL_BOXES.join(', ')} can ` +
      '(every other box is derived from the database)');
  }
  const n = typeof input.n === 'number' ? input.n : /^\d+$/.test(input.n.trim()) ? Number(input.n.trim()) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new ManualEntryError(`the count must be a whole number, 0 or more (got "${input.n}")`);
  if (!input.reason?.trim()) throw new ManualEntryError('say why (--reason): what was removed or counted, and how the number is known');
  if (!input.by?.trim()) throw new ManualEntryError('say who is entering it (--by <name>)');
  const occurredOn = input.on ?? new Date().toISOString().slice(0, 10);
  if (!validDate(occurredOn)) throw new ManualEntryError(`the date must be YYYY-MM-DD (got "${occurredOn}")`);
  const removal = REMOVAL_BOXES.includes(box);
  if (removal && !input.database?.trim()) {
    throw new ManualEntryError(`${box}: name the database or register the records were removed from (--database), ` +
      'so they are counted as identified there too');
  }
  if (!removal && (input.database || input.method)) {
    throw new ManualEntryError(`${box}: --database and --method apply only to records removed before import`);
  }
  const method = removal ? (input.method ?? 'database') : null;
  if (method !== null && method !== 'database' && method !== 'register') {
    throw new ManualEntryError(`--method must be database or register (records removed before screening belong to that arm), got "${method}"`);
  }
  return {
    box, n, database: removal ? input.database!.trim() : null, method: method as ManualEntry['method'], reason: input.reason.trim(),
    enteredBy: input.by.trim(), occurredOn, recordedAt: input.recordedAt ?? new Date().toISOString(),
  };
}

export function addManualEntry(db: DB, input: ManualInput): ManualEntry {
  const e = validateManual(input);
  const id = Number(db.prepare(`INSERT INTO prisma_manual_entries (box, n, database, method, reason, entered_by, occurred_on, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(e.box, e.n, e.database, e.method, e.reason, e.enteredBy, e.occurredOn, e.recordedAt).lastInsertRowid);
  return getManualEntry(db, id)!;
}

export function getManualEntry(db: DB, id: number): ManualEntry | undefined {
  return db.prepare(`${SELECT} WHERE id = ?`).get(id) as ManualEntry | undefined;
}

/** Entries in force (or every entry, withdrawn ones too, with `all`), oldest first. */
export function listManualEntries(db: DB, { all = false }: { all?: boolean } = {}): ManualEntry[] {
  return db.prepare(`${SELECT}${all ? '' : ' WHERE withdrawn_at IS NULL'} ORDER BY id`).all() as ManualEntry[];
}

export function withdrawManualEntry(db: DB, id: number, by: string, reason: string, at = new Date().toISOString()): ManualEntry {
  const entry = getManualEntry(db, id);
  if (!entry) throw new ManualEntryError(`no manual entry ${id} (see \`review prisma manual list\`)`);
  if (entry.withdrawnAt) throw new ManualEntryError(`entry ${id} was already withdrawn by ${entry.withdrawnBy} on ${entry.withdrawnAt}`);
  if (!by?.trim()) throw new ManualEntryError('say who is withdrawing it (--by <name>)');
  if (!reason?.trim()) throw new ManualEntryError('say why it is withdrawn (--reason)');
  db.prepare('UPDATE prisma_manual_entries SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ? WHERE id = ?')
    .run(at, by.trim(), reason.trim(), id);
  return getManualEntry(db, id)!;
}
