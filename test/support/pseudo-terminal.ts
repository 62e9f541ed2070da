/**
 * `lab` in a pseudo-terminal (util-linux `script`), so it prompts as it prompts a person:
 * what it shows is read as a screen, keys are pressed into it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { TestContext } from 'node:test';
import { LAB_BIN } from './lab-process.js';

export const KEYS = { DOWN: '\u001b[B', ENTER: '\r', CTRL_C: '\u0003' } as const;

export interface Terminal {
  /** Resolves once `text` appears after what earlier waits consumed; fails after 30 s, showing the screen. */
  waitFor(text: string): Promise<void>;
  press(keys: string): void;
  exited: Promise<number | null>;
  screen(): string;
}

export function labInTerminal(t: TestContext, args: string, env: Record<string, string>): Terminal {
  // stty gives the terminal a size, as a real one has.
  const command = `stty cols 100 rows 40 && exec ${process.execPath} ${LAB_BIN} ${args}`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm', ...env },
  });
  let screen = '';
  child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // A failed wait must not leave the program running behind the test.
  t.after(() => void child.kill('SIGKILL'));
  let consumed = 0;
  return {
    async waitFor(text) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const at = screen.indexOf(text, consumed);
        if (at >= 0) {
          consumed = at + text.length;
          return;
        }
        assert.ok(Date.now() < deadline, `timed out waiting for '${text}'; the screen shows:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    press: (keys) => void child.stdin.write(keys),
    exited,
    screen: () => screen,
  };
}
