/**
 * A scripted terminal session: `review screen` driven through a real
 * pseudo-terminal by tmux (keys sent, the screen read back), checking the
 * database as a second process would see it. Skipped when tmux is missing
 * (install it: apt-get install tmux).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/store/db.js';
import { addReviewer } from '../../src/screen/reviewers.js';
import { tempDir } from '../helpers/tmp.js';
import { seedRecords } from './helpers.js';

const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const BIN = resolve(__dirname, '../../bin/review.js');
const SOCKET = `review-test-${process.pid}`;

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
const screen = (name: string) => tmux('capture-pane', '-p', '-t', name);
const keys = (name: string, ...k: string[]) => tmux('send-keys', '-t', name, ...k);
const type = (name: string, text: string) => tmux('send-keys', '-t', name, '-l', text);

async function waitFor(name: string, pattern: RegExp, timeout = 15_000): Promise<string> {
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    try {
      last = screen(name);
    } catch {
      last = '(session gone)';
    }
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${pattern} on the screen:\n${last}`);
}

function workspace() {
  const root = join(tempDir(), 'ws');
  mkdirSync(join(root, 'queries'), { recursive: true });
  const db = openDatabase(join(root, 'review.sqlite'));
  const ids = seedRecords(db, [
    { title: 'Community anchors and local government in Wales', abstract: 'A multi-site case study of partnership working.' },
    { title: 'Hospital discharge teams', abstract: 'Integrated care in an acute hospital.' },
    { title: 'Time banks and mutual aid', abstract: 'Neighbourhood networks supporting wellbeing.' },
    { title: 'Participatory budgeting in an English city', abstract: 'Residents decide on council spending.' },
  ]);
  addReviewer(db, 'alice');
  addReviewer(db, 'bob');
  db.close();
  return { root, ids };
}

function decisions(root: string) {
  const db = openDatabase(join(root, 'review.sqlite'));
  const rows = db.prepare(`SELECT d.record_id AS record, d.decision, d.reason, d.note FROM current_decisions d ORDER BY d.record_id`).all();
  db.close();
  return rows;
}

afterEach(() => {
  if (!HAS_TMUX) return;
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  // kill-server can leave the socket file behind.
  rmSync(join(process.env.TMUX_TMPDIR ?? tmpdir(), `tmux-${userInfo().uid}`, SOCKET), { force: true });
});

describe.skipIf(!HAS_TMUX)('review screen in a terminal (driven by tmux)', () => {
  it('decides with keys, notes, goes back, shows the criteria, quits and resumes', async () => {
    const { root, ids } = workspace();
    const cmd = `${process.execPath} ${BIN} screen --reviewer alice --dir ${root}; echo "EXIT:$?"; sleep 30`;
    tmux('new-session', '-d', '-s', 'a', '-x', '100', '-y', '32', cmd);
    await waitFor('a', new RegExp(`Record ${ids[0]}\\n[\\s\\S]*Community anchors and local government`));
    expect(screen('a')).toContain('[i]nclude  [e]xclude  [u]nsure');

    keys('a', 'i');
    await waitFor('a', new RegExp(`Record ${ids[1]}`));
    expect(decisions(root)).toEqual([{ record: ids[0], decision: 'include', reason: null, note: null }]);

    keys('a', 'e');
    await waitFor('a', /Exclude because: 1 EX-SETTING/);
    keys('a', '1');
    await waitFor('a', new RegExp(`Record ${ids[2]}`));

    keys('a', 'n');
    type('a', 'ask the team');
    keys('a', 'Enter');
    await waitFor('a', /new note: ask the team/);
    keys('a', 'u');
    await waitFor('a', new RegExp(`Record ${ids[3]}`));

    keys('a', 'b');
    await waitFor('a', /\(going back\)[\s\S]*Your decision: unsure · note: ask the team/);
    keys('a', 'c');
    await waitFor('a', /Eligibility criteria[\s\S]*EX-PHENOMENON/);
    keys('a', 'Escape');
    await waitFor('a', /\[i\]nclude/);

    keys('a', 'q');
    const after = await waitFor('a', /EXIT:0/);
    expect(after).toMatch(/alice: 3 decisions at title\/abstract in [\d.]+ min; 1 left for you/);
    expect(decisions(root)).toEqual([
      { record: ids[0], decision: 'include', reason: null, note: null },
      { record: ids[1], decision: 'exclude', reason: 'EX-SETTING', note: null },
      { record: ids[2], decision: 'unsure', reason: null, note: 'ask the team' },
    ]);

    // Resume: the same command starts at the first record still waiting.
    tmux('new-session', '-d', '-s', 'b', '-x', '100', '-y', '32', cmd);
    await waitFor('b', new RegExp(`Record ${ids[3]}\\n[\\s\\S]*Participatory budgeting`));
    keys('b', 'q');
    await waitFor('b', /EXIT:0/);
  }, 60_000);

  it('a crash mid-session loses only the decision being typed', async () => {
    const { root, ids } = workspace();
    tmux('new-session', '-d', '-s', 'c', '-x', '100', '-y', '32', `exec ${process.execPath} ${BIN} screen --reviewer bob --dir ${root}`);
    await waitFor('c', new RegExp(`Record ${ids[0]}`));
    keys('c', 'e');
    await waitFor('c', /Exclude because/);
    keys('c', '2');
    await waitFor('c', new RegExp(`Record ${ids[1]}`));
    keys('c', 'n');
    type('c', 'half a no');
    await waitFor('c', /Note: half a no_/);
    const pid = Number(tmux('display-message', '-p', '-t', 'c', '#{pane_pid}').trim());
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    expect(decisions(root)).toEqual([{ record: ids[0], decision: 'exclude', reason: 'EX-PHENOMENON', note: null }]);
    const db = openDatabase(join(root, 'review.sqlite'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 60_000);

  it('refuses to run without a terminal, pointing to the scriptable commands', () => {
    const { root } = workspace();
    const r = spawnSync(process.execPath, [BIN, 'screen', '--reviewer', 'alice', '--dir', root], { encoding: 'utf8', input: '' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/needs an interactive terminal.*review decide/);
  });
});
