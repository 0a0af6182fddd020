/** Runs a ScreenSession on a terminal: raw keys in, full-screen redraws out. */
import { emitKeypressEvents } from 'node:readline';
import type { ReadStream } from 'node:tty';
import type { Key, ScreenSession, SessionSummary } from './session.js';
import { ScreeningError } from './types.js';

export function runTerminalSession(
  session: ScreenSession,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stdout,
): Promise<SessionSummary> {
  if (!input.isTTY || !output.isTTY) {
    return Promise.reject(new ScreeningError(
      '`review screen` needs an interactive terminal; in scripts use `review decide` or `review decisions import`',
    ));
  }
  const tty = input as ReadStream;
  return new Promise((resolve, reject) => {
    const draw = () => output.write(`\x1b[H\x1b[2J${session.render()}`);
    const finish = (error?: unknown) => {
      tty.off('keypress', onKey);
      output.off('resize', onResize);
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      if (tty.isRaw) tty.setRawMode(false);
      tty.pause();
      output.write('\x1b[?25h\x1b[?1049l'); // cursor back, leave the alternate screen
      if (error) reject(error);
      else resolve(session.end());
    };
    const onKey = (sequence: string | undefined, key: Key | undefined) => {
      try {
        const k: Key = { ...(key ?? {}), sequence: sequence ?? key?.sequence };
        if (session.handleKey(k) === 'quit') finish();
        else draw();
      } catch (e) {
        finish(e);
      }
    };
    const onResize = () => {
      session.resize(output.columns ?? 80, output.rows ?? 24);
      draw();
    };
    // Every decision is already committed; a signal only has to restore the terminal.
    const onSignal = () => finish();
    emitKeypressEvents(tty);
    tty.setRawMode(true);
    tty.resume();
    tty.on('keypress', onKey);
    output.on('resize', onResize);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    output.write('\x1b[?1049h\x1b[?25l'); // alternate screen, hide the cursor
    session.resize(output.columns ?? 80, output.rows ?? 24);
    draw();
  });
}
