/**
 * The real prompts, driven through a pseudo-terminal (util-linux `script`) as a person
 * would: untick a step in the checkbox list, run one step, skip one, quit.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { LAB_BIN } from '../support/lab-process.js';

const DOWN = '\u001b[B';
const ENTER = '\r';

let sandbox: RunningSandbox;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
});

after(() => sandbox.stop());

test('choose steps, run one, skip one, quit', async (t) => {
  // `script` gives the program a terminal; stty gives that terminal a size, as a real one has.
  const command = `stty cols 100 rows 40 && exec ${process.execPath} ${LAB_BIN} run week4-fri --endpoint-url ${sandbox.url} --output text`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm', LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), 'lab-interactive-')) },
  });
  let screen = '';
  child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // A failed wait must not leave the program running behind the test.
  t.after(() => void child.kill('SIGKILL'));

  let consumed = 0;
  const waitFor = async (text: string) => {
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
  };
  const press = (keys: string) => child.stdin.write(keys);

  await waitFor('Steps of week4-fri to run');
  press(DOWN); // to step 2, "Check who you are"
  press(' '); // untick it
  press(ENTER);
  await waitFor('Step 1/19');
  await waitFor('Run this step?');
  press(ENTER); // Run
  await waitFor('Step 3/19'); // step 2 was unticked
  await waitFor('Run this step?');
  press(DOWN + ENTER); // Skip
  await waitFor('Step 4/19');
  await waitFor('Run this step?');
  press(DOWN + DOWN + ENTER); // Quit

  assert.equal(await exited, 0, screen);
  assert.match(screen, /fixed sandbox credentials\ttext \(--output\)/, 'step 1 ran and printed its response in text');
  assert.doesNotMatch(screen, /get-caller-identity/, 'the unticked step did not run');
  assert.doesNotMatch(screen, /create-bucket/, 'the skipped step did not run');
  assert.match(screen, /Stopped week4-fri \(run [\w-]+\): 0 resources recorded/);
});
