import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { Ledger, LedgerCorruptError, liveResources } from '../../src/ledger/ledger.js';
import { ledgerPath } from '../../src/ledger/paths.js';

const ledgerModule = new URL('../../src/ledger/ledger.js', import.meta.url).href;

async function freshLedger(): Promise<Ledger> {
  const dir = await mkdtemp(join(tmpdir(), 'lab-ledger-'));
  return new Ledger(ledgerPath('endpoint-127.0.0.1-4566', { LAB_CONFIG_DIR: dir }));
}

test('a create is recorded as intent, then id; a delete closes it', async () => {
  const ledger = await freshLedger();
  const intent = await ledger.recordIntent({ type: 'ec2:vpc', lab: 'week4-fri', run: 'r1', step: 'create-vpc', clientToken: 'tok-1' });
  assert.equal(intent.status, 'intended');
  assert.deepEqual(liveResources(await ledger.read()).map((record) => record.id), [intent.id]);

  const created = await ledger.recordCreated(intent.id, 'vpc-0123456789abcdef0', { cidr: '10.0.0.0/16' });
  assert.equal(created.status, 'created');
  assert.equal(created.resourceId, 'vpc-0123456789abcdef0');
  assert.equal(created.clientToken, 'tok-1');

  await ledger.recordRefused(intent.id, 'DependencyViolation');
  assert.equal((await ledger.read()).resources[0]!.reason, 'DependencyViolation');
  await ledger.recordDeleted(intent.id);
  const data = await ledger.read();
  assert.equal(data.resources[0]!.status, 'deleted');
  assert.equal(data.resources[0]!.reason, undefined);
  assert.deepEqual(liveResources(data), []);
});

test('a failed create is kept, with why, and is not live', async () => {
  const ledger = await freshLedger();
  const intent = await ledger.recordIntent({ type: 's3:bucket', lab: 'week4-fri', run: 'r1', step: 'create-bucket' });
  await ledger.recordFailed(intent.id, 'BucketAlreadyExists');
  const data = await ledger.read();
  assert.equal(data.resources[0]!.reason, 'BucketAlreadyExists');
  assert.deepEqual(liveResources(data), []);
});

test('outputs are remembered per lab and survive a new Ledger object', async () => {
  const ledger = await freshLedger();
  await ledger.startRun('r1', 'week8-day5');
  await ledger.remember('week8-day5', 'primaryEndpoint', '127.0.0.1:6379');
  await ledger.remember('week8-day5', 'replicationGroupId', 'fcj-redis');
  await ledger.endRun('r1', 'completed');
  const again = new Ledger(ledger.path);
  const data = await again.read();
  assert.deepEqual(data.outputs['week8-day5'], { primaryEndpoint: '127.0.0.1:6379', replicationGroupId: 'fcj-redis' });
  assert.equal(data.runs.r1!.outcome, 'completed');
  await again.forget('week8-day5', ['primaryEndpoint', 'replicationGroupId']);
  assert.equal((await again.read()).outputs['week8-day5'], undefined);
});

test('a ledger that is not valid JSON is reported and left as it was', async () => {
  const ledger = await freshLedger();
  await mkdir(dirname(ledger.path), { recursive: true });
  await writeFile(ledger.path, '{"version": 1, "resources": [');
  await assert.rejects(ledger.read(), LedgerCorruptError);
  await assert.rejects(ledger.remember('week4-fri', 'vpcId', 'vpc-1'), /cannot be read .* left untouched/);
  assert.equal(await readFile(ledger.path, 'utf8'), '{"version": 1, "resources": [');
});

test('target keys become safe file names under LAB_CONFIG_DIR', () => {
  assert.equal(ledgerPath('endpoint-http://127.0.0.1:4566/', { LAB_CONFIG_DIR: '/cfg' }), '/cfg/ledgers/endpoint-http-127.0.0.1-4566.json');
  assert.throws(() => ledgerPath('///', { LAB_CONFIG_DIR: '/cfg' }), /no ledger file name/);
});

/** A separate process that records `count` resources, printing each id once it is durable. */
function writer(path: string, name: string, count: number) {
  const script = `
    const { Ledger } = await import(${JSON.stringify(ledgerModule)});
    const ledger = new Ledger(${JSON.stringify(path)});
    for (let i = 0; i < ${count}; i++) {
      const intent = await ledger.recordIntent({ type: 'ec2:vpc', lab: 'week4-fri', run: ${JSON.stringify(name)}, step: 's' + i });
      await ledger.recordCreated(intent.id, ${JSON.stringify(name)} + '-' + i);
      process.stdout.write(intent.id + '\\n');
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const durable: string[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    durable.push(...lines);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, durable, exited };
}

test('four processes writing one ledger at once lose no record', async () => {
  const ledger = await freshLedger();
  const writers = ['a', 'b', 'c', 'd'].map((name) => writer(ledger.path, name, 25));
  assert.deepEqual(await Promise.all(writers.map((w) => w.exited)), [0, 0, 0, 0]);
  const data = await ledger.read();
  assert.equal(data.resources.length, 100);
  assert.ok(data.resources.every((record) => record.status === 'created'));
  assert.equal(new Set(data.resources.map((record) => record.resourceId)).size, 100);
});

test('kill -9 at any point loses no durable record and leaves the ledger readable', async () => {
  const ledger = await freshLedger();
  const survivor = writer(ledger.path, 'survivor', 40);
  let killedAfterWriting = 0;
  for (let round = 0; round < 12; round++) {
    const victim = writer(ledger.path, `victim${round}`, 1000);
    // Start-up time varies with the machine's load: wait for the first durable record, then kill a little later each round.
    while (victim.durable.length === 0 && victim.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, (round * 7) % 40));
    victim.child.kill('SIGKILL');
    await victim.exited;
    const data = await ledger.read();
    const recorded = new Set(data.resources.map((record) => record.id));
    for (const id of victim.durable) assert.ok(recorded.has(id), `record ${id} that the killed writer saw saved is missing`);
    if (victim.durable.length > 0) killedAfterWriting++;
  }
  assert.equal(killedAfterWriting, 12, 'every writer should have been killed mid-run');
  assert.equal(await survivor.exited, 0, 'a lock left by a killed writer was not broken');
  await ledger.remember('week4-fri', 'after', 'kills');
  const data = await ledger.read();
  assert.equal(data.resources.filter((record) => record.run === 'survivor' && record.status === 'created').length, 40);
  const leftovers = (await readdir(join(ledger.path, '..'))).filter((name) => name.endsWith('.lock'));
  assert.deepEqual(leftovers, []);
});

test('a run that records nothing leaves no ledger file', async () => {
  const ledger = await freshLedger();
  await ledger.startRun('r1', 'week4-fri');
  await ledger.endRun('r1', 'aborted');
  await assert.rejects(readFile(ledger.path, 'utf8'), { code: 'ENOENT' });

  await ledger.startRun('r2', 'week4-fri');
  await ledger.remember('week4-fri', 'vpcId', 'vpc-1');
  await ledger.endRun('r2', 'completed');
  const data = await ledger.read();
  assert.deepEqual(Object.keys(data.runs), ['r2']);
  assert.equal(data.runs.r2!.outcome, 'completed');
});
