/**
 * Duplicate groups in SQLite: creating, growing, absorbing, splitting, with
 * every change logged in `dedupe_history` and `records.duplicate_of` kept in
 * step with the open memberships. Callers run these inside a transaction.
 */
import type { DB } from '../store/db.js';
import { choosePrimary, loadMembers, mergeFields } from './merge.js';
import { screeningHook, type ScreeningConflict } from './screening.js';

export interface JoinInfo {
  /** How the record joined: 'doi', 'pmid', 'fuzzy', 'person', 'trap:version'… */
  rule: string;
  score: number | null;
  matchedWith: number | null;
}

export interface GroupChange {
  groupId: number;
  created: boolean;
  added: number[];
  absorbed: number[];
  primaryChanged: boolean;
}

export interface OpenGroup {
  id: number;
  primaryId: number;
  members: number[];
}

export function now(): string {
  return new Date().toISOString();
}

export class GroupStore {
  readonly conflicts: ScreeningConflict[] = [];
  private readonly st;

  constructor(private readonly db: DB, private readonly runId: number | null = null) {
    this.st = {
      groupOf: db.prepare('SELECT group_id FROM dedupe_members WHERE record_id = ? AND removed_at IS NULL').pluck(),
      group: db.prepare("SELECT id, primary_id AS primaryId, status FROM dedupe_groups WHERE id = ?"),
      openMembers: db.prepare('SELECT record_id FROM dedupe_members WHERE group_id = ? AND removed_at IS NULL ORDER BY record_id').pluck(),
      memberRows: db.prepare('SELECT record_id AS recordId, rule, score FROM dedupe_members WHERE group_id = ? AND removed_at IS NULL'),
      insertGroup: db.prepare(`INSERT INTO dedupe_groups (primary_id, rule, score, merged, status, created_at, updated_at, run_id)
        VALUES (?, '', NULL, '{}', 'active', ?, ?, ?)`),
      updateGroup: db.prepare('UPDATE dedupe_groups SET primary_id = ?, rule = ?, score = ?, merged = ?, updated_at = ? WHERE id = ?'),
      endGroup: db.prepare('UPDATE dedupe_groups SET status = ?, absorbed_into = ?, updated_at = ? WHERE id = ?'),
      insertMember: db.prepare(`INSERT INTO dedupe_members (group_id, record_id, rule, score, matched_with, added_at)
        VALUES (?, ?, ?, ?, ?, ?)`),
      closeMember: db.prepare(`UPDATE dedupe_members SET removed_at = ?, removed_why = ?
        WHERE group_id = ? AND record_id = ? AND removed_at IS NULL`),
      setDuplicateOf: db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?'),
      history: db.prepare(`INSERT INTO dedupe_history (at, action, group_id, record_id, run_id, detail) VALUES (?, ?, ?, ?, ?, ?)`),
    };
  }

  log(action: string, groupId: number | null, recordId: number | null, detail: unknown = {}): void {
    this.st.history.run(now(), action, groupId, recordId, this.runId, JSON.stringify(detail));
  }

  groupOf(recordId: number): number | undefined {
    return this.st.groupOf.get(recordId) as number | undefined;
  }

  openGroup(groupId: number): OpenGroup | undefined {
    const g = this.st.group.get(groupId) as { id: number; primaryId: number; status: string } | undefined;
    if (!g || g.status !== 'active') return undefined;
    return { id: g.id, primaryId: g.primaryId, members: this.st.openMembers.all(groupId) as number[] };
  }

  /**
   * Make `ids` one group: create it, add missing records, absorb other groups
   * holding any of them. `joins` says how each new member was matched.
   */
  unite(ids: number[], joins: Map<number, JoinInfo>): GroupChange {
    const t = now();
    const existing = [...new Set(ids.map((id) => this.groupOf(id)).filter((g): g is number => g !== undefined))]
      .map((g) => this.openGroup(g)!)
      .sort((a, b) => b.members.length - a.members.length || a.id - b.id);
    let target = existing[0];
    let created = false;
    if (!target) {
      const gid = Number(this.st.insertGroup.run(ids[0], t, t, this.runId).lastInsertRowid);
      target = { id: gid, primaryId: ids[0], members: [] };
      created = true;
    }
    const absorbed: number[] = [];
    for (const other of existing.slice(1)) {
      // Absorb a smaller group: its members move, with how they joined.
      const rows = this.st.memberRows.all(other.id) as Array<{ recordId: number; rule: string; score: number | null }>;
      for (const r of rows) {
        this.st.closeMember.run(t, 'absorbed', other.id, r.recordId);
        this.st.insertMember.run(target.id, r.recordId, r.rule, r.score, joins.get(r.recordId)?.matchedWith ?? null, t);
        target.members.push(r.recordId);
      }
      this.st.endGroup.run('absorbed', target.id, t, other.id);
      this.log('absorb', target.id, null, { absorbed: other.id, members: rows.map((r) => r.recordId) });
      absorbed.push(other.id);
    }
    const added: number[] = [];
    for (const id of ids) {
      if (target.members.includes(id)) continue;
      const j = joins.get(id) ?? { rule: 'fuzzy', score: null, matchedWith: null };
      this.st.insertMember.run(target.id, id, j.rule, j.score, j.matchedWith, t);
      target.members.push(id);
      added.push(id);
    }
    if (created) this.log('group', target.id, null, { members: target.members });
    else if (added.length > 0) this.log('join', target.id, null, { added });
    const primaryChanged = this.refresh(target.id, created ? undefined : target.primaryId);
    return { groupId: target.id, created, added, absorbed, primaryChanged };
  }

  /**
   * Recompute a group's primary, rule, score and merged fields, and mark its
   * members; move screening decisions of members newly merged away. Returns
   * whether the primary changed.
   */
  refresh(groupId: number, currentPrimary?: number): boolean {
    const members = this.st.openMembers.all(groupId) as number[];
    const rows = loadMembers(this.db, members);
    const hook = screeningHook();
    const screened = hook.screened(this.db, members);
    const primaryId = choosePrimary(rows, { screened, current: currentPrimary });
    const memberRows = this.st.memberRows.all(groupId) as Array<{ recordId: number; rule: string; score: number | null }>;
    const rules = [...new Set(memberRows.map((m) => m.rule))].sort();
    const scores = memberRows.filter((m) => m.score !== null).map((m) => m.score!);
    const merged = mergeFields(rows, primaryId);
    this.st.updateGroup.run(primaryId, rules.join('+'), scores.length ? Math.min(...scores) : null,
      JSON.stringify(merged), now(), groupId);
    for (const m of rows) {
      const target = m.id === primaryId ? null : primaryId;
      if (m.duplicateOf !== target) this.st.setDuplicateOf.run(target, m.id);
      if (m.id !== primaryId && screened.has(m.id) && m.duplicateOf !== primaryId) {
        // A screened record merged away: its decisions go to the primary; disagreements are surfaced.
        const moved = hook.moveToPrimary(this.db, m.id, primaryId);
        this.log('screening-moved', groupId, m.id, { to: primaryId, moved: moved.moved });
        for (const c of moved.conflicts) {
          this.conflicts.push(c);
          this.log('screening-conflict', groupId, m.id, c);
        }
      }
    }
    const changed = currentPrimary !== undefined && currentPrimary !== primaryId;
    if (changed) this.log('primary', groupId, primaryId, { from: currentPrimary, to: primaryId });
    return changed;
  }

  /** Take records out of their group (the group is undone when fewer than two remain). */
  detach(groupId: number, recordIds: number[], why: string): OpenGroup | undefined {
    const g = this.openGroup(groupId);
    if (!g) throw new Error(`group ${groupId} is not an active group`);
    const t = now();
    for (const id of recordIds) {
      this.st.closeMember.run(t, why, groupId, id);
      this.st.setDuplicateOf.run(null, id);
    }
    const remaining = g.members.filter((m) => !recordIds.includes(m));
    // Decisions copied onto the primary from records that are no longer merged into it are taken back
    // (when the primary itself leaves, that is every other member's; refresh moves them to the new primary).
    const unmerged = recordIds.includes(g.primaryId) ? g.members.filter((m) => m !== g.primaryId) : recordIds;
    screeningHook().restoreAfterSplit(this.db, g.primaryId, unmerged);
    if (remaining.length < 2) {
      for (const id of remaining) {
        this.st.closeMember.run(t, why, groupId, id);
        this.st.setDuplicateOf.run(null, id);
      }
      this.st.endGroup.run('undone', null, t, groupId);
      this.log('undo', groupId, null, { members: g.members, why });
      return undefined;
    }
    this.log('detach', groupId, null, { records: recordIds, why });
    this.refresh(groupId, recordIds.includes(g.primaryId) ? undefined : g.primaryId);
    return this.openGroup(groupId);
  }
}

/** Open groups as arrays of record ids. */
export function openGroups(db: DB): Map<number, number[]> {
  const rows = db.prepare(`SELECT m.group_id AS g, m.record_id AS r FROM dedupe_members m
    JOIN dedupe_groups g ON g.id = m.group_id WHERE m.removed_at IS NULL AND g.status = 'active' ORDER BY m.group_id, m.record_id`)
    .raw().all() as Array<[number, number]>;
  const groups = new Map<number, number[]>();
  for (const [g, r] of rows) {
    const list = groups.get(g);
    if (list) list.push(r);
    else groups.set(g, [r]);
  }
  return groups;
}

/** The latest decision on each decided pair. */
export function latestDecisions(db: DB): Array<{ a: number; b: number; decision: 'same' | 'different' }> {
  return db.prepare(`SELECT d.record_a AS a, d.record_b AS b, d.decision FROM dedupe_decisions d
    WHERE d.id = (SELECT MAX(id) FROM dedupe_decisions x WHERE x.record_a = d.record_a AND x.record_b = d.record_b)`)
    .all() as Array<{ a: number; b: number; decision: 'same' | 'different' }>;
}
