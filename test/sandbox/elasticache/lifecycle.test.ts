/**
 * Cache nodes live as long as the sandbox: stopped with their data when it stops, back on
 * the same ports with that data when it starts from its state again, gone with every file
 * on reset, and killed by the next sandbox when a sandbox was killed without stopping.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { once } from 'node:events';
import { DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import { createWorkspace, workspaceRoot } from '../../../src/sandbox/redis/workspace.js';
import { createGroup, endpoints, eventually, isAlive, network, pidBehind, redis, startCacheSandbox } from './harness.js';

const stateDir = mkdtempSync(join(tmpdir(), 'lab-elasticache-state-'));
after(() => rmSync(stateDir, { recursive: true, force: true }));

describe('the life of cache nodes', () => {
  it('stops nodes with the sandbox and starts them again, same ports, same data', async () => {
    const first = await startCacheSandbox(stateDir);
    await network(first);
    const before = endpoints(await createGroup(first, 'lab-persist'));
    const writer = redis(before.primary);
    await writer.set('movie:7', 'Se7en');
    writer.disconnect();
    const pids = await Promise.all(Object.values(before.members).map((m) => pidBehind(m.port)));
    await first.stop();
    assert.ok(pids.every((pid) => !isAlive(pid)), 'stopping the sandbox stops its nodes');

    const second = await startCacheSandbox(stateDir);
    try {
      const { ReplicationGroups } = await second.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'lab-persist' }));
      const again = endpoints(ReplicationGroups![0]!);
      assert.deepEqual(again, before, 'the same endpoints and roles');
      const reader = redis(again.reader);
      assert.equal(await eventually(async () => (await reader.get('movie:7')) ?? undefined, 'the replica resyncing'), 'Se7en');
      reader.disconnect();
      const primary = redis(again.primary);
      assert.equal(await primary.get('movie:7'), 'Se7en');
      primary.disconnect();
    } finally {
      await second.stop();
    }
  });

  it('reset kills every node and removes every file', async () => {
    const cache = await startCacheSandbox();
    try {
      await network(cache);
      const group = endpoints(await createGroup(cache, 'lab-reset'));
      const pids = await Promise.all(Object.values(group.members).map((m) => pidBehind(m.port)));
      const workspaces = ownWorkspaces();
      assert.equal(workspaces.length, 1);
      cache.sandbox.router.reset();
      await eventually(async () => (pids.every((pid) => !isAlive(pid)) ? true : undefined), 'the nodes to die');
      assert.ok(!existsSync(workspaces[0]!));
      assert.deepEqual((await cache.elasticache.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups, []);
    } finally {
      await cache.stop();
    }
  });

  it('kills the nodes of a sandbox that was killed (SIGKILL) when the next one starts', async () => {
    const script = `
      const { startCacheSandbox, network, createGroup, endpoints, pidBehind } = await import(${JSON.stringify(new URL('./harness.js', import.meta.url).href)});
      const cache = await startCacheSandbox();
      await network(cache);
      const group = endpoints(await createGroup(cache, 'lab-orphans'));
      const pids = await Promise.all(Object.values(group.members).map((m) => pidBehind(m.port)));
      process.stdout.write(JSON.stringify(pids) + '\\n');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const pids = JSON.parse(line.toString()) as number[];
    child.kill('SIGKILL');
    await once(child, 'exit');
    assert.ok(pids.every(isAlive), 'a killed sandbox leaves its nodes running');

    const next = createWorkspace();
    try {
      await eventually(async () => (pids.every((pid) => !isAlive(pid)) ? true : undefined), 'the strays to die');
      assert.ok(!readdirSync(workspaceRoot()).some((entry) => entry.startsWith(`${child.pid}-`)), 'and their files are gone');
    } finally {
      next.remove();
    }
  });
});

function ownWorkspaces(): string[] {
  const root = workspaceRoot();
  return existsSync(root) ? readdirSync(root).filter((entry) => entry.startsWith(`${process.pid}-`)).map((entry) => join(root, entry)) : [];
}
