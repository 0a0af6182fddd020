/**
 * People in the loop: uncertain pairs side by side, decisions on pairs
 * (`same` merges, `different` keeps apart and splits them if grouped), and
 * undoing a group. Decisions are appended, never changed; the latest decision
 * on a pair counts, and every later run respects it.
 */
import type { DB } from '../store/db.js';
import { loadMembers, type MemberRow } from './merge.js';
import { GroupStore, now } from './store.js';
import { OPEN_UNCERTAIN_SQL } from './summary.js';
import { DEFAULT_OPTIONS, resolveOptions, type DedupeOptions, type TrapPolicy } from './options.js';
import { lastOptions } from './run.js';

export class DedupeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DedupeError';
  }
}

export interface PairView {
  pair: number;
  score: number;
  rule: string;
  /** Why it was left for a person, in words. */
  why: string;
  evidence: string[];
  a: MemberRow;
  b: MemberRow;
}

/** Uncertain pairs nobody has decided yet, highest score first. */
export function listUncertain(db: DB, limit = -1): PairView[] {
  const rows = db.prepare(`SELECT p.id, p.record_a AS a, p.record_b AS b, p.score, p.rule, p.evidence ${OPEN_UNCERTAIN_SQL}
    ORDER BY p.score DESC, p.id LIMIT ?`).all(limit) as Array<{ id: number; a: number; b: number; score: number; rule: string; evidence: string }>;
  const options = resolveOptions(lastOptions(db));
  return rows.map((r) => {
    const [a, b] = loadMembers(db, [r.a, r.b]);
    return { pair: r.id, score: r.score, rule: r.rule, why: whyUncertain(r.rule, options), evidence: JSON.parse(r.evidence) as string[], a, b };
  });
}

/**
 * Why a pair was left for a person, in words, from its rule and the options
 * of the run that left it: a trap whose policy is 'uncertain' says so; under
 * any other policy the pair is uncertain by its score.
 */
export function whyUncertain(rule: string, options: DedupeOptions = DEFAULT_OPTIONS): string {
  if (rule.startsWith('contested:')) {
    return 'merging it would put records known to differ in one group (a person\'s "different", different DOIs, an erratum kept apart)';
  }
  const grey = 'the evidence below neither confirms nor rules out a duplicate (a score between --uncertain and --certain)';
  const trap = (what: string, policy: TrapPolicy, flag: string) =>
    (policy === 'uncertain' ? `${what} (${flag} uncertain)` : `${what}, and ${grey}`);
  const kind = rule.startsWith('trap:') ? rule.slice(5) : rule;
  switch (kind) {
    case 'retitled': return 'the same authors, journal and year under a rewritten title, and nothing in the citation to tell them apart';
    case 'erratum': case 'reply': case 'comment': case 'retraction-notice':
      return trap(`${kind === 'erratum' ? 'an' : 'a'} ${kind.replace('-', ' ')} and the article it concerns`, options.notices, '--notices');
    case 'preprint': return trap('a preprint and a published version', options.preprints, '--preprints');
    case 'conference': return trap('a conference abstract or paper and a journal article', options.conferenceAbstracts, '--conference-abstracts');
    case 'version': return trap('versions of one work, e.g. .pub2 and .pub3 of a Cochrane review', options.versions, '--versions');
    case 'generic-title': return 'a generic title ("Editorial", "Reply") in the same journal and year: it needs the same pages or an identifier';
    default: return grey;
  }
}

/** A pair named by its id (`17`) or by its two record ids (`12-57`, `12,57`, `12:57`). */
export function resolvePair(db: DB, ref: string): { a: number; b: number; pairId: number | null } {
  const two = /^\s*(\d+)\s*[-,:/]\s*(\d+)\s*$/.exec(ref);
  if (two) {
    const [x, y] = [Number(two[1]), Number(two[2])];
    if (x === y) throw new DedupeError(`a pair needs two different records, got ${ref}`);
    for (const id of [x, y]) {
      if (!db.prepare('SELECT 1 FROM records WHERE id = ?').get(id)) throw new DedupeError(`no record with id ${id}`);
    }
    const [a, b] = x < y ? [x, y] : [y, x];
    const pairId = db.prepare('SELECT id FROM dedupe_pairs WHERE record_a = ? AND record_b = ?').pluck().get(a, b) as number | undefined;
    return { a, b, pairId: pairId ?? null };
  }
  if (!/^\s*\d+\s*$/.test(ref)) throw new DedupeError(`"${ref}" is not a pair: give a pair id (see --review) or two record ids, e.g. 12-57`);
  const row = db.prepare('SELECT id, record_a AS a, record_b AS b FROM dedupe_pairs WHERE id = ?').get(Number(ref)) as
    | { id: number; a: number; b: number }
    | undefined;
  if (!row) throw new DedupeError(`no pair ${ref} (pair ids are listed by \`review dedupe --review\`)`);
  return { a: row.a, b: row.b, pairId: row.id };
}

export type PairDecision = 'same' | 'different';

export function parseDecision(value: string): PairDecision {
  const v = value.trim().toLowerCase();
  if (['same', 'duplicate', 'duplicates', 'dup', 'yes', 'y', 's'].includes(v)) return 'same';
  if (['different', 'distinct', 'not-duplicate', 'no', 'n', 'd'].includes(v)) return 'different';
  throw new DedupeError(`decision must be "same" or "different", got "${value}"`);
}

export interface DecideResult {
  a: number;
  b: number;
  decision: PairDecision;
  /** The group the two records are in after the decision (same), or the group they were split from (different). */
  groupId: number | null;
  /** What changed: merged, split, or nothing (already so). */
  effect: 'merged' | 'split' | 'unchanged';
}

/** Record a person's decision on a pair and apply it to the groups at once. */
export function decidePair(db: DB, ref: string, decision: PairDecision, opts: { source?: string; note?: string } = {}): DecideResult {
  return db.transaction(() => {
    const { a, b, pairId } = resolvePair(db, ref);
    db.prepare(`INSERT INTO dedupe_decisions (record_a, record_b, decision, source, note, decided_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(a, b, decision, opts.source ?? 'command', opts.note ?? null, now());
    const store = new GroupStore(db);
    store.log('decide', null, null, { a, b, pair: pairId, decision, source: opts.source ?? 'command', note: opts.note });
    const ga = store.groupOf(a);
    const gb = store.groupOf(b);
    if (decision === 'same') {
      if (ga !== undefined && ga === gb) return { a, b, decision, groupId: ga, effect: 'unchanged' as const };
      assertNoConflict(db, store, a, b);
      const change = store.unite([a, b], new Map([
        [a, { rule: 'person', score: 1, matchedWith: b }],
        [b, { rule: 'person', score: 1, matchedWith: a }],
      ]));
      return { a, b, decision, groupId: change.groupId, effect: 'merged' as const };
    }
    if (ga === undefined || ga !== gb) return { a, b, decision, groupId: null, effect: 'unchanged' as const };
    // Split: the one that is not the primary leaves (b when neither is).
    const group = store.openGroup(ga)!;
    const leaving = group.primaryId === b ? a : b;
    store.detach(ga, [leaving], 'decided different');
    return { a, b, decision, groupId: ga, effect: 'split' as const };
  })();
}

/** Refuse to merge two groups when a person said a member of one differs from a member of the other. */
function assertNoConflict(db: DB, store: GroupStore, a: number, b: number): void {
  const membersOf = (id: number) => {
    const g = store.groupOf(id);
    return g === undefined ? [id] : store.openGroup(g)!.members;
  };
  const left = membersOf(a);
  const right = membersOf(b);
  const latest = db.prepare(`SELECT decision FROM dedupe_decisions WHERE record_a = ? AND record_b = ? ORDER BY id DESC LIMIT 1`).pluck();
  for (const x of left) {
    for (const y of right) {
      if (x === y) continue;
      const [p, q] = x < y ? [x, y] : [y, x];
      if (latest.get(p, q) === 'different') {
        throw new DedupeError(`records ${p} and ${q} were decided different; merging ${a} and ${b} would put them in one group. ` +
          `Decide ${p}-${q} same first if that was wrong.`);
      }
    }
  }
}

/**
 * Split a group (or take one record out of it). The records are recorded as
 * different from each other, so later runs do not merge them again; keep some
 * together afterwards with `review dedupe decide <a>-<b> same`.
 */
export function undoGroup(db: DB, groupId: number, opts: { record?: number; note?: string } = {}): { groupId: number; released: number[] } {
  return db.transaction(() => {
    const store = new GroupStore(db);
    const group = store.openGroup(groupId);
    if (!group) {
      const status = db.prepare('SELECT status FROM dedupe_groups WHERE id = ?').pluck().get(groupId) as string | undefined;
      throw new DedupeError(status ? `group ${groupId} is ${status}, not active` : `no group ${groupId} (groups are listed by \`review dedupe groups\`)`);
    }
    if (opts.record !== undefined && !group.members.includes(opts.record)) {
      throw new DedupeError(`record ${opts.record} is not in group ${groupId} (members: ${group.members.join(', ')})`);
    }
    const leaving = opts.record !== undefined ? [opts.record] : group.members;
    const staying = opts.record !== undefined ? group.members.filter((m) => m !== opts.record) : group.members;
    const insert = db.prepare(`INSERT INTO dedupe_decisions (record_a, record_b, decision, source, note, decided_at)
      VALUES (?, ?, 'different', ?, ?, ?)`);
    const t = now();
    for (const x of leaving) {
      for (const y of staying) {
        if (x === y || (opts.record === undefined && x > y)) continue;
        insert.run(Math.min(x, y), Math.max(x, y), `undo:${groupId}`, opts.note ?? null, t);
      }
    }
    store.log('undo-requested', groupId, opts.record ?? null, { note: opts.note });
    store.detach(groupId, opts.record !== undefined ? [opts.record] : group.members, 'undo');
    return { groupId, released: leaving };
  })();
}

export interface GroupView {
  id: number;
  status: string;
  /** For an absorbed group: the group its members moved to. */
  absorbedInto: number | null;
  primaryId: number;
  rule: string;
  score: number | null;
  createdAt: string;
  updatedAt: string;
  merged: Record<string, unknown>;
  members: Array<{ recordId: number; sourceKey: string | null; database: string | null; title: string | null; rule: string;
    score: number | null; matchedWith: number | null; addedAt: string; removedAt: string | null; removedWhy: string | null }>;
  history: Array<{ at: string; action: string; recordId: number | null; detail: unknown }>;
}

/** Everything about one group: members past and present, how each joined, and its history. */
export function showGroup(db: DB, groupId: number): GroupView | undefined {
  const g = db.prepare(`SELECT id, status, absorbed_into AS absorbedInto, primary_id AS primaryId, rule, score, created_at AS createdAt, updated_at AS updatedAt, merged
    FROM dedupe_groups WHERE id = ?`).get(groupId) as (Omit<GroupView, 'merged' | 'members' | 'history'> & { merged: string }) | undefined;
  if (!g) return undefined;
  const members = db.prepare(`SELECT m.record_id AS recordId, r.source_key AS sourceKey, r.database, r.title, m.rule, m.score,
      m.matched_with AS matchedWith, m.added_at AS addedAt, m.removed_at AS removedAt, m.removed_why AS removedWhy
    FROM dedupe_members m JOIN records r ON r.id = m.record_id WHERE m.group_id = ? ORDER BY m.id`).all(groupId) as GroupView['members'];
  const history = (db.prepare(`SELECT at, action, record_id AS recordId, detail FROM dedupe_history WHERE group_id = ? ORDER BY id`)
    .all(groupId) as Array<{ at: string; action: string; recordId: number | null; detail: string }>)
    .map((h) => ({ ...h, detail: JSON.parse(h.detail) as unknown }));
  return { ...g, merged: JSON.parse(g.merged) as Record<string, unknown>, members, history };
}

/** Active groups, largest first, with their primary's title. */
export function listGroups(db: DB, limit = -1): Array<{ id: number; size: number; rule: string; score: number | null; primaryId: number; title: string | null }> {
  return db.prepare(`SELECT g.id, COUNT(m.id) AS size, g.rule, g.score, g.primary_id AS primaryId, r.title
    FROM dedupe_groups g JOIN dedupe_members m ON m.group_id = g.id AND m.removed_at IS NULL JOIN records r ON r.id = g.primary_id
    WHERE g.status = 'active' GROUP BY g.id ORDER BY g.score IS NULL, g.score, g.id LIMIT ?`).all(limit) as Array<{
    id: number; size: number; rule: string; score: number | null; primaryId: number; title: string | null }>;
}

/** The history log, newest last. */
export function history(db: DB, limit = 50): Array<{ id: number; at: string; action: string; groupId: number | null; recordId: number | null; detail: unknown }> {
  const rows = db.prepare(`SELECT id, at, action, group_id AS groupId, record_id AS recordId, detail FROM dedupe_history
    ORDER BY id DESC LIMIT ?`).all(limit) as Array<{ id: number; at: string; action: string; groupId: number | null; recordId: number | null; detail: string }>;
  return rows.reverse().map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
}
