/** `--state-dir` persistence and the `lab sandbox` actions, with real files, ports and signals. */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { reset, start, status } from '../../../src/cli/commands/sandbox.js';
import type { CommandIo } from '../../../src/cli/io.js';
import { capturedOutput, type CapturedOutput } from '../../support/captured-output.js';
import { startSandbox } from '../../../src/sandbox/server.js';
import { SERVICES, type ServiceDescriptor } from '../../../src/aws/services.js';
import type { SandboxService } from '../../../src/sandbox/service.js';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lab-sandbox-'));
  dirs.push(dir);
  return dir;
}

/** A service whose whole state is a counter the test can read. */
function counterService(): SandboxService & { count: number } {
  const service = {
    count: 0,
    name: 'counter',
    signingName: 'counter',
    protocol: 'query' as const,
    loadClient: () => import('@aws-sdk/client-sts'),
    operations: {},
    snapshot: () => ({ count: service.count }),
    restore: (state: unknown) => {
      service.count = (state as { count: number }).count;
    },
    reset: () => {
      service.count = 0;
    },
  };
  return service;
}

function captureIo(): CommandIo & CapturedOutput {
  return { stdin: new PassThrough(), env: {}, terminal: { isTTY: false, columns: 80 }, ...capturedOutput() };
}

/** What `lab sandbox status` lists: each signing name served, once, in descriptor order. */
const SIGNING_NAMES = [...new Set(Object.values<ServiceDescriptor>(SERVICES).flatMap((service) => (service.sandbox ? [service.sandbox.signingName] : [])))];

test('state is saved atomically on stop and restored on start', async () => {
  const stateDir = await tempDir();
  const first = counterService();
  const sandbox = await startSandbox({ port: 0, services: [first], stateDir });
  first.count = 7;
  await sandbox.stop();
  assert.deepEqual(await readdir(stateDir), ['counter.json']);
  assert.deepEqual(JSON.parse(await readFile(join(stateDir, 'counter.json'), 'utf8')), { count: 7 });

  const second = counterService();
  const restarted = await startSandbox({ port: 0, services: [second], stateDir });
  assert.equal(second.count, 7);
  await fetch(`${restarted.url}/_lab/reset`, { method: 'POST' });
  assert.equal(second.count, 0);
  await restarted.stop();
});

test('a corrupt state file stops the start with the file named', async () => {
  const stateDir = await tempDir();
  const first = counterService();
  const sandbox = await startSandbox({ port: 0, services: [first], stateDir });
  await sandbox.stop();
  await import('node:fs/promises').then(({ writeFile }) => writeFile(join(stateDir, 'counter.json'), '{"count":'));
  await assert.rejects(startSandbox({ port: 0, services: [counterService()], stateDir }), /cannot restore counter from .*counter\.json/);
});

test('lab sandbox start serves until SIGTERM; status and reset find it on its port', async () => {
  const probe = await startSandbox({ port: 0, services: [] });
  const port = probe.port;
  await probe.stop();

  const stateDir = await tempDir();
  const io = captureIo();
  const running = start({ color: 'off', port: String(port), stateDir }, [], io);
  for (let attempt = 0; attempt < 100 && !io.out().includes('Ctrl-C'); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.match(io.out(), new RegExp(`Sandbox running at http://127.0.0.1:${port}`));
  assert.match(io.out(), new RegExp(`aws --endpoint-url http://127.0.0.1:${port} sts get-caller-identity`));
  assert.match(io.out(), /AWS_ENDPOINT_URL=/);

  const statusIo = captureIo();
  assert.equal(await status({ color: 'off', port: String(port) }, [], statusIo), 0);
  assert.match(statusIo.out(), new RegExp(`^Sandbox running at http://127.0.0.1:${port}  \\(services: ${SIGNING_NAMES.join(', ')}; up \\d+s\\)\\n$`));

  const resetIo = captureIo();
  assert.equal(await reset({ color: 'off', port: String(port) }, [], resetIo), 0);
  assert.match(resetIo.out(), /Reset the sandbox running at/);

  process.emit('SIGTERM', 'SIGTERM');
  assert.equal(await running, 0);
  assert.match(io.out(), /Stopped \(SIGTERM\); state saved in/);
  const saved = await readdir(stateDir);
  assert.ok(saved.length > 0 && saved.every((file) => file.endsWith('.json')), saved.join());

  const afterIo = captureIo();
  assert.equal(await status({ color: 'off', port: String(port) }, [], afterIo), 1);
  assert.match(afterIo.out(), /No sandbox is answering/);

  const clearIo = captureIo();
  assert.equal(await reset({ color: 'off', port: String(port), stateDir }, [], clearIo), 0);
  assert.match(clearIo.out(), /Removed \d+ saved state file\(s\)/);
  assert.deepEqual(await readdir(stateDir), []);
});

test('lab sandbox start refuses a bad port as a usage error', async () => {
  const io = captureIo();
  assert.equal(await start({ color: 'off', port: 'http' }, [], io), 252);
  assert.match(io.err(), /--port must be a whole number/);
});
