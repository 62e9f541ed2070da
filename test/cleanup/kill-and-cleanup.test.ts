/**
 * A learner's run can die at any instant (kill -9, a closed laptop). Whatever it created
 * must still be found and removed by `lab cleanup`, and the ledger must stay readable.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createClock } from '../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { lab, startLab } from '../support/lab-process.js';
import { destroyClients, sdkClients, snapshotWorld, type SdkClients } from '../support/world.js';

let sandbox: RunningSandbox;
let clients: SdkClients;

before(async () => {
  sandbox = await startSandbox({ port: 0, clock: createClock({ defaultDelayMs: 100 }) });
  clients = sdkClients(sandbox.url);
});

after(async () => {
  destroyClients(clients);
  await sandbox.stop();
});

test('SIGKILL at many points of lab run, then lab cleanup --yes: nothing created is left, the ledger is valid', async () => {
  const env = { LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), 'lab-kill-')) };
  const ledgerFile = join(env.LAB_CONFIG_DIR, 'ledgers', `endpoint-127.0.0.1-${sandbox.port}-us-east-1.json`);
  const before = await snapshotWorld(clients);
  // Kill after the ledger has seen this many writes: spread over the whole run, including mid-call.
  const killPoints = [1, 3, 6, 9, 13, 17, 22, 27, 33, 38];
  let killedMidRun = 0;
  for (const writes of killPoints) {
    const run = startLab(['run', 'week4-fri', '--yes', '--endpoint-url', sandbox.url], env);
    let seen = 0;
    let last = '';
    while (run.child.exitCode === null && seen < writes) {
      const text = await readFile(ledgerFile, 'utf8').catch(() => '');
      if (text !== last) {
        seen++;
        last = text;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    if (run.child.exitCode === null) {
      run.child.kill('SIGKILL');
      killedMidRun++;
    }
    await run.done;
    JSON.parse(await readFile(ledgerFile, 'utf8'));
    const cleanup = await lab(['cleanup', '--yes', '--endpoint-url', sandbox.url], env);
    assert.equal(cleanup.code, 0, `after a kill at ledger write ${writes}:\n${cleanup.stdout}${cleanup.stderr}`);
    assert.deepEqual(await snapshotWorld(clients), before, `after a kill at ledger write ${writes}, something was left`);
    JSON.parse(await readFile(ledgerFile, 'utf8'));
  }
  assert.ok(killedMidRun >= 8, `only ${killedMidRun} runs were killed before they finished`);
});

test('two lab runs at once on one ledger lose no record', async () => {
  const env = { LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), 'lab-concurrent-')) };
  const before = await snapshotWorld(clients);
  const [network, messaging] = await Promise.all([
    lab(['run', 'week4-fri', '--yes', '--steps', '11-14', '--endpoint-url', sandbox.url], env),
    lab(['run', 'week4-fri', '--yes', '--steps', '3-8', '--endpoint-url', sandbox.url], env),
  ]);
  assert.equal(network.code, 0, network.stdout + network.stderr);
  assert.equal(messaging.code, 0, messaging.stdout + messaging.stderr);
  const ledger = JSON.parse(await readFile(join(env.LAB_CONFIG_DIR, 'ledgers', `endpoint-127.0.0.1-${sandbox.port}-us-east-1.json`), 'utf8'));
  const created = (ledger.resources as { type: string; status: string }[]).filter((record) => record.status === 'created').map((record) => record.type).sort();
  assert.deepEqual(created, ['ec2:internet-gateway', 'ec2:route-table', 'ec2:subnet', 'ec2:subnet', 'ec2:vpc', 's3:bucket', 'sns:subscription', 'sns:topic']);
  assert.equal(Object.keys(ledger.runs).length, 2);
  const cleanup = await lab(['cleanup', '--yes', '--endpoint-url', sandbox.url], env);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.deepEqual(await snapshotWorld(clients), before);
});
