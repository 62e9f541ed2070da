/**
 * The real prompts, driven through a pseudo-terminal (util-linux `script`) as a person
 * would: untick a step in the checkbox list, run one step, skip one, quit when a later one needs it.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { KEYS, labInTerminal } from '../support/pseudo-terminal.js';

const { DOWN, ENTER } = KEYS;

let sandbox: RunningSandbox;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
});

after(() => sandbox.stop());

test('choose steps, run one, skip one, quit', async (t) => {
  const { waitFor, press, exited, screen } = labInTerminal(t, `run week4-fri --endpoint-url ${sandbox.url} --output text`, {
    LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), 'lab-interactive-')),
  });

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
  await waitFor('This step needs what step 3 (Create an S3 bucket) makes, which was skipped. What now?');
  press(DOWN + DOWN + ENTER); // Quit

  assert.equal(await exited, 0, screen());
  assert.match(screen(), /fixed sandbox credentials\ttext \(--output\)/, 'step 1 ran and printed its response in text');
  assert.doesNotMatch(screen(), /get-caller-identity/, 'the unticked step did not run');
  assert.doesNotMatch(screen(), /create-bucket/, 'the skipped step did not run');
  assert.match(screen(), /Stopped week4-fri \(run [\w-]+\): 0 resources recorded/);
});
