/**
 * The interactive screening session (`review screen`), as a state machine
 * free of the terminal: keys in, a screen of text out. terminal.ts wires it
 * to a TTY; tests drive it directly and through tmux.
 *
 * Every decision is committed the moment its key is pressed (one short
 * transaction), so quitting, a crash or a closed terminal loses at most the
 * decision being typed. Resuming starts at the first record still waiting for
 * the reviewer, in the same order (import order, or the same seeded shuffle).
 * Everything shown goes through the reviewer-scoped (blinded) API.
 */
import type { DB } from '../store/db.js';
import { describeCriteria, type Criteria } from '../criteria/format.js';
import { asReviewer, type ReviewerScope, type ReviewerRecordView } from './blinding.js';
import { currentFulltext } from './fulltext.js';
import { compileTerms, highlight } from './highlight.js';
import { awaits, queueFrom, type Order } from './queue.js';
import { recordState, stageStates } from './state.js';
import { now, ScreeningError, stageLabel, type Decision, type Stage } from './types.js';

export interface Key {
  name?: string;
  sequence?: string;
  ctrl?: boolean;
  meta?: boolean;
}

export interface SessionOptions {
  db: DB;
  criteria: Criteria;
  reviewer: string;
  stage: Stage;
  order?: 'import' | 'random';
  /** For random order; default: the seed of this reviewer's last random session at this stage, else a new one. */
  seed?: number;
  width?: number;
  height?: number;
  color?: boolean;
  /** Further terms to highlight besides the criteria's `[highlight]` list: the documented search strings' terms. */
  searchTerms?: string[];
  /** Milliseconds clock (tests). */
  clock?: () => number;
}

export interface SessionSummary {
  reviewer: string;
  stage: Stage;
  decided: number;
  minutes: number;
  remaining: number;
}

type Mode = 'browse' | 'reason' | 'note' | 'criteria' | 'help';

interface RecordInfo {
  id: number;
  title: string | null;
  abstract: string | null;
  authors: string;
  year: number | null;
  journal: string | null;
  database: string | null;
  type: string | null;
  doi: string | null;
  file: string;
  ordinal: number;
}

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', reverse: '\x1b[7m', yellow: '\x1b[33;1m', green: '\x1b[32m', red: '\x1b[31m', reset: '\x1b[0m' };

/** Wrap plain text to a width, keeping words whole where possible. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n/)) {
    // Keep a paragraph's indentation, on its continuation lines too.
    const indent = /^\s*/.exec(para)![0].slice(0, Math.floor(width / 2));
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = '';
      }
      if (!line) line = indent;
      let w = word;
      while (line.length + w.length > width) {
        const room = Math.max(1, width - line.length);
        out.push(line + w.slice(0, room));
        line = indent;
        w = w.slice(room);
      }
      line = line.trim() ? `${line} ${w}` : line + w;
    }
    out.push(line);
  }
  return out;
}

export class ScreenSession {
  readonly stage: Stage;
  private readonly db: DB;
  private readonly criteria: Criteria;
  private readonly scope: ReviewerScope;
  private readonly order: Order;
  private readonly terms: RegExp | undefined;
  private readonly clock: () => number;
  private readonly startedMs: number;
  private readonly sessionId: number;
  private width: number;
  private height: number;
  private color: boolean;

  private queue: number[] = [];
  private pos = 0;
  /** Records decided (or skipped) in order, for `back`; seeded with earlier decisions. */
  private visited: number[] = [];
  private cursor: number | null = null;
  private mode: Mode = 'browse';
  private pendingNote: string | null = null;
  private noteBuffer = '';
  private criteriaTop = 0;
  private message = '';
  private decidedThisSession = 0;
  /** Records of the stage this reviewer has decided (kept up to date without a query per key). */
  private decidedCount = 0;
  private ended = false;

  constructor(options: SessionOptions) {
    this.db = options.db;
    this.criteria = options.criteria;
    this.stage = options.stage;
    this.scope = asReviewer(options.db, options.criteria, options.reviewer);
    this.clock = options.clock ?? Date.now;
    this.startedMs = this.clock();
    this.width = Math.max(40, options.width ?? 80);
    this.height = Math.max(16, options.height ?? 24);
    this.color = options.color ?? false;
    this.terms = compileTerms([...options.criteria.highlight, ...(options.searchTerms ?? [])]);
    const mode = options.order ?? 'import';
    const seed = mode === 'random' ? options.seed ?? this.lastSeed() ?? Math.floor(Math.random() * 2 ** 31) : undefined;
    this.order = mode === 'random' ? { mode, seed: seed! } : { mode: 'import' };
    this.sessionId = Number(this.db.prepare(`INSERT INTO screening_sessions (reviewer_id, stage, order_mode, seed, started_at) VALUES (?, ?, ?, ?, ?)`)
      .run(this.scope.reviewer.id, this.stage, mode, seed ?? null, now()).lastInsertRowid);
    const states = stageStates(this.db, this.stage);
    this.queue = queueFrom(states, this.scope.reviewer.id, this.order);
    for (const st of states.values()) if (st.decisions.some((d) => d.reviewerId === this.scope.reviewer.id)) this.decidedCount++;
    this.visited = (this.db.prepare(`SELECT record_id FROM current_decisions WHERE reviewer_id = ? AND stage = ?
      ORDER BY decided_at DESC, id DESC LIMIT 200`).pluck().all(this.scope.reviewer.id, this.stage) as number[]).reverse();
    this.advance();
  }

  get reviewer(): string {
    return this.scope.reviewer.name;
  }

  get seed(): number | undefined {
    return this.order.mode === 'random' ? this.order.seed : undefined;
  }

  private lastSeed(): number | undefined {
    return (this.db.prepare(`SELECT seed FROM screening_sessions WHERE reviewer_id = ? AND stage = ? AND order_mode = 'random'
      ORDER BY id DESC LIMIT 1`).pluck().get(this.scope.reviewer.id, this.stage) as number | null | undefined) ?? undefined;
  }

  resize(width: number, height: number): void {
    this.width = Math.max(40, width);
    this.height = Math.max(16, height);
  }

  /** The record on screen, or undefined when the queue is done. */
  current(): number | undefined {
    if (this.cursor !== null) return this.visited[this.cursor];
    return this.queue[this.pos];
  }

  /** Move the live position to the next record that still waits for this reviewer. */
  private advance(): void {
    while (this.pos < this.queue.length) {
      const { state } = recordState(this.db, this.queue[this.pos], this.stage);
      if (state && awaits(state, this.scope.reviewer.id)) return;
      this.pos++;
    }
  }

  private remaining(): number {
    let n = 0;
    for (const s of stageStates(this.db, this.stage).values()) if (awaits(s, this.scope.reviewer.id)) n++;
    return n;
  }

  private decide(decision: Decision, reason: string | null): void {
    const id = this.current();
    if (id === undefined) return;
    try {
      const r = this.scope.decide(id, this.stage, decision, { reason, note: this.pendingNote, source: 'screen' });
      if (r.changed) this.decidedThisSession++;
      if (r.changed && (!r.previous || r.previous.decision === 'withdrawn')) this.decidedCount++;
      this.message = `Saved: record ${id} ${decision}${reason ? ` (${reason})` : ''}${this.pendingNote ? ' with note' : ''}` +
        r.warnings.map((w) => `\nNote: ${w}`).join('');
    } catch (e) {
      if (!(e instanceof ScreeningError)) throw e;
      this.message = `Not saved: ${e.message}`;
      return;
    }
    this.pendingNote = null;
    this.forward(id);
  }

  /** After acting on the shown record: next in history, else the live queue. */
  private forward(id: number): void {
    if (this.cursor !== null) {
      this.cursor++;
      if (this.cursor >= this.visited.length) this.cursor = null;
    } else {
      this.visited = this.visited.filter((v) => v !== id);
      this.visited.push(id);
      this.pos++;
    }
    this.advance();
  }

  private skip(): void {
    const id = this.current();
    if (id === undefined) return;
    this.pendingNote = null;
    if (this.cursor !== null) {
      this.forward(id);
      return;
    }
    // Skipped records go to the end of this session's queue.
    this.queue.splice(this.pos, 1);
    this.queue.push(id);
    this.message = `Skipped record ${id}: it comes back at the end.`;
    if (this.queue.length === 1 || this.queue.slice(this.pos).every((x) => x === id)) this.message = `Record ${id} is the last one left.`;
    this.advance();
  }

  private back(): void {
    if (this.visited.length === 0) {
      this.message = 'Nothing to go back to yet.';
      return;
    }
    this.pendingNote = null;
    if (this.cursor === null) {
      const here = this.current();
      let i = this.visited.length - 1;
      if (here !== undefined && this.visited[i] === here) i--;
      if (i < 0) {
        this.message = 'Nothing to go back to yet.';
        return;
      }
      this.cursor = i;
    } else if (this.cursor > 0) this.cursor--;
    else this.message = 'This is the first record you decided.';
  }

  /** Handle one key press; returns 'quit' when the session should end. */
  handleKey(key: Key): 'continue' | 'quit' {
    const name = key.name ?? key.sequence ?? '';
    if (key.ctrl && (name === 'c' || name === 'd')) return this.quit();
    switch (this.mode) {
      case 'note':
        return this.noteKey(key);
      case 'reason':
        return this.reasonKey(key);
      case 'criteria':
        if (['down', 'j', 'space', 'pagedown'].includes(name)) this.criteriaTop += name === 'pagedown' || name === 'space' ? 10 : 1;
        else if (['up', 'k', 'pageup'].includes(name)) this.criteriaTop = Math.max(0, this.criteriaTop - (name === 'pageup' ? 10 : 1));
        else this.mode = 'browse';
        return 'continue';
      case 'help':
        this.mode = 'browse';
        return 'continue';
    }
    this.message = '';
    const ch = (key.sequence ?? name).toLowerCase();
    if (this.current() === undefined && !['q', 'b', 'c', '?', 'left'].includes(ch) && name !== 'left') {
      if (name === 'escape') return this.quit();
      this.message = 'Nothing left to screen here. b: back · q: quit';
      return 'continue';
    }
    if (name === 'left') return this.then(() => this.back());
    if (name === 'right' || name === 'space') return this.then(() => this.skip());
    switch (ch) {
      case 'i': return this.then(() => this.decide('include', null));
      case 'e':
        this.mode = 'reason';
        return 'continue';
      case 'u': return this.then(() => this.decide('unsure', null));
      case 's': return this.then(() => this.skip());
      case 'b': return this.then(() => this.back());
      case 'n':
        this.mode = 'note';
        this.noteBuffer = this.pendingNote ?? '';
        return 'continue';
      case 'c':
        this.mode = 'criteria';
        this.criteriaTop = 0;
        return 'continue';
      case '?':
      case 'h':
        this.mode = 'help';
        return 'continue';
      case 'q': return this.quit();
      default:
        this.message = `Key "${key.sequence ?? name}" does nothing here: press ? for help.`;
        return 'continue';
    }
  }

  private then(f: () => void): 'continue' {
    f();
    return 'continue';
  }

  private reasonKey(key: Key): 'continue' | 'quit' {
    const name = key.name ?? '';
    if (name === 'escape') {
      this.mode = 'browse';
      this.message = 'Exclusion cancelled.';
      return 'continue';
    }
    if (name === 'return' || name === 'enter') {
      if (this.stage === 'full-text') {
        this.message = 'A full-text exclusion needs a reason: press its number.';
        return 'continue';
      }
      this.mode = 'browse';
      this.decide('exclude', null);
      return 'continue';
    }
    const n = Number(key.sequence);
    if (Number.isInteger(n) && n >= 1 && n <= this.criteria.criteria.length) {
      this.mode = 'browse';
      this.decide('exclude', this.criteria.criteria[n - 1].code);
      return 'continue';
    }
    this.message = `Press 1–${this.criteria.criteria.length}${this.stage === 'title-abstract' ? ', Enter for no reason' : ''}, or Esc.`;
    return 'continue';
  }

  private noteKey(key: Key): 'continue' | 'quit' {
    const name = key.name ?? '';
    if (name === 'escape') {
      this.mode = 'browse';
      this.message = 'Note discarded.';
    } else if (name === 'return' || name === 'enter') {
      this.pendingNote = this.noteBuffer.trim() || null;
      this.mode = 'browse';
      this.message = this.pendingNote ? 'Note kept: press i, e or u to save it with your decision on this record.' : 'Note cleared.';
      // On a record you have already decided (going back) there is no decision key to come: save the note now,
      // with the decision as it is, rather than drop it on the next skip, back or quit.
      const id = this.current();
      const mine = id !== undefined && this.pendingNote ? this.scope.view(id, this.stage)?.mine : undefined;
      if (id !== undefined && mine) {
        try {
          this.scope.decide(id, this.stage, mine.decision, { reason: mine.reason, note: this.pendingNote, source: 'screen' });
          this.message = `Saved: note on record ${id} with your decision ${mine.decision}${mine.reason ? ` (${mine.reason})` : ''}.`;
          this.pendingNote = null;
        } catch (e) {
          if (!(e instanceof ScreeningError)) throw e;
          this.message = `Note not saved: ${e.message}`;
        }
      }
    } else if (name === 'backspace') {
      this.noteBuffer = this.noteBuffer.slice(0, -1);
    } else if (key.sequence && !key.ctrl && !key.meta && /^[^\x00-\x1f\x7f]+$/.test(key.sequence)) {
      this.noteBuffer += key.sequence;
    }
    return 'continue';
  }

  private quit(): 'quit' {
    this.end();
    return 'quit';
  }

  /** Close the session (idempotent); returns the summary. */
  end(): SessionSummary {
    const minutes = (this.clock() - this.startedMs) / 60000;
    if (!this.ended) {
      this.db.prepare('UPDATE screening_sessions SET ended_at = ?, decisions = ? WHERE id = ?').run(now(), this.decidedThisSession, this.sessionId);
      this.ended = true;
    }
    return { reviewer: this.reviewer, stage: this.stage, decided: this.decidedThisSession, minutes, remaining: this.remaining() };
  }

  // ------------------------------------------------------------ rendering

  private paint(code: keyof typeof ANSI, s: string): string {
    return this.color ? `${ANSI[code]}${s}${ANSI.reset}` : s;
  }

  private mark = (s: string): string => (this.color ? `${ANSI.yellow}${s}${ANSI.reset}` : `[${s}]`);

  private recordInfo(id: number): RecordInfo {
    return this.db.prepare(`SELECT r.id, r.title, r.abstract, r.authors, r.year, r.journal, r.database, r.type, r.doi, f.path AS file, r.ordinal
      FROM records r JOIN import_files f ON f.id = r.file_id WHERE r.id = ?`).get(id) as RecordInfo;
  }

  private progressLine(): string {
    const minutes = (this.clock() - this.startedMs) / 60000;
    const rate = minutes > 0.05 ? `${(this.decidedThisSession / minutes).toFixed(1)}/min` : '–/min';
    const left = this.queue.length - this.pos;
    return `You: ${this.decidedCount} decided, ${Math.max(0, left)} left in your queue · this session ${this.decidedThisSession} in ${Math.floor(minutes)} min (${rate})`;
  }

  private decisionLine(view: ReviewerRecordView | undefined): string {
    const mine = view?.mine;
    const you = mine ? `${mine.decision}${mine.reason ? ` (${mine.reason})` : ''}${mine.note ? ` · note: ${mine.note}` : ''}` : 'not decided yet';
    return `Your decision: ${you}${this.pendingNote ? ` · new note: ${this.pendingNote}` : ''}`;
  }

  render(): string {
    const w = this.width;
    const rule = this.paint('dim', '─'.repeat(w));
    const header = `review screen · ${stageLabel(this.stage)} · ${this.reviewer}${this.order.mode === 'random' ? ` · random order (seed ${this.order.seed})` : ''}`;
    const lines: string[] = [this.paint('bold', header.slice(0, w)), rule];
    const id = this.current();
    const footer: string[] = [];
    if (this.mode === 'criteria') {
      const text = wrap(describeCriteria(this.criteria), w);
      const room = Math.max(1, this.height - lines.length - 4);
      this.criteriaTop = Math.min(this.criteriaTop, Math.max(0, text.length - room));
      lines.push(this.paint('bold', 'Eligibility criteria'), ...text.slice(this.criteriaTop, this.criteriaTop + room));
      footer.push(text.length > room ? `Lines ${this.criteriaTop + 1}–${Math.min(text.length, this.criteriaTop + room)} of ${text.length}: ↓/↑ or space to scroll, any other key to return.` : 'Press any key to return.');
    } else if (this.mode === 'help') {
      lines.push(this.paint('bold', 'Keys'),
        '  i  include            e  exclude (then the reason: 1–9, Enter for none at title/abstract)',
        '  u  unsure             s  skip (→ or space; it comes back later)',
        '  b  back (←) to the records you decided, to change a decision',
        '  n  note (saved with your decision on this record; at once if already decided)',
        '  c  criteria           q  quit (Ctrl-C too; every decision is already saved)',
        '', 'Decisions of other reviewers are hidden until you have decided the record yourself.');
      footer.push('Press any key to return.');
    } else if (id === undefined) {
      lines.push('', this.paint('green', `Nothing left for you to screen at ${stageLabel(this.stage)}.`),
        'Records appear here when they need your decision. b: back to change a decision · q: quit');
    } else {
      const r = this.recordInfo(id);
      const view = this.scope.view(id, this.stage);
      const authors = (JSON.parse(r.authors) as string[]);
      const title = wrap(r.title ?? '(no title)', w).map((l) => this.paint('bold', highlight(l, this.terms, this.mark)));
      const meta = [r.year ?? 'no year', r.journal, r.type].filter(Boolean).join(' · ');
      lines.push(`Record ${id}${this.cursor !== null ? ' (going back)' : ''}`, ...title,
        ...wrap(`Authors: ${authors.length ? (authors.length > 6 ? `${authors.slice(0, 6).join('; ')}; … (${authors.length})` : authors.join('; ')) : '(none)'}`, w),
        ...wrap(`${meta} · Source: ${r.database ?? 'not stated'} (${r.file} #${r.ordinal})${r.doi ? ` · doi:${r.doi}` : ''}`, w));
      if (this.stage === 'full-text') {
        const ft = currentFulltext(this.db, id);
        lines.push(ft ? (ft.status === 'retrieved' ? `Full text: ${ft.location}` : `Full text NOT retrieved: ${ft.reason}`) : 'Full text: not recorded (review fulltext)');
      }
      lines.push(rule);
      footer.push(rule, this.decisionLine(view));
      if (this.mode === 'reason') {
        footer.push('Exclude because: ' + this.criteria.criteria.map((c, i) => `${i + 1} ${c.code}`).join('  ') +
          (this.stage === 'title-abstract' ? '  · Enter: no reason' : '') + '  · Esc: cancel');
      } else if (this.mode === 'note') {
        footer.push(`Note: ${this.noteBuffer}_   (Enter: keep · Esc: discard)`);
      } else {
        footer.push('[i]nclude  [e]xclude  [u]nsure  [s]kip  [b]ack  [n]ote  [c]riteria  [?]help  [q]uit');
      }
      const room = this.height - lines.length - footer.length - 2;
      const abstract = wrap(r.abstract ?? '(no abstract)', w);
      const shown = abstract.slice(0, Math.max(1, room));
      lines.push(...shown.map((l) => highlight(l, this.terms, this.mark)));
      if (shown.length < abstract.length) lines.push(this.paint('dim', `… ${abstract.length - shown.length} more lines (widen the terminal)`));
    }
    footer.push(this.paint('dim', this.progressLine().slice(0, w)));
    if (this.message) for (const line of this.message.split('\n')) footer.push(...wrap(line, w));
    // Never more lines than the terminal has: the top would scroll away.
    return [...lines.slice(0, Math.max(2, this.height - footer.length)), ...footer].join('\n');
  }
}
