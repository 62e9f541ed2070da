/**
 * Finding redis-server: LAB_REDIS_SERVER, else PATH; missing, the error names the install
 * command for the platform. A missing binary reaches the learner as an AWS error.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateReplicationGroupCommand, DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { findRedisServer, installCommand, RedisServerMissing } from '../../../src/sandbox/redis/binary.js';
import { startSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';

const dir = mkdtempSync(join(tmpdir(), 'lab-redis-binary-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('finding redis-server', () => {
  it('takes LAB_REDIS_SERVER first, then PATH', () => {
    const fake = join(dir, 'redis-server');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    assert.equal(findRedisServer({ LAB_REDIS_SERVER: fake, PATH: '' }, 'linux'), fake);
    assert.equal(findRedisServer({ PATH: `/nonexistent:${dir}` }, 'linux'), fake);
  });

  it('names the install command when there is none', () => {
    assert.throws(() => findRedisServer({ PATH: '/nonexistent' }, 'darwin'), (error: Error) =>
      error instanceof RedisServerMissing && error.message.includes('no redis-server is on PATH') && error.message.includes('brew install redis'));
    assert.throws(() => findRedisServer({ LAB_REDIS_SERVER: join(dir, 'nothing'), PATH: '' }, 'linux'), /LAB_REDIS_SERVER=.*nothing is not an executable file/);
  });

  it('knows the command of each platform', () => {
    assert.equal(installCommand('darwin', ''), 'brew install redis');
    assert.equal(installCommand('linux', 'ID=debian\n'), 'sudo apt-get install -y redis-server');
    assert.equal(installCommand('linux', 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n'), 'sudo apt-get install -y redis-server');
    assert.equal(installCommand('linux', 'NAME="Fedora Linux"\nID=fedora\n'), 'sudo dnf install redis');
  });

  it('answers CreateReplicationGroup with InsufficientCacheClusterCapacity and the command, creating nothing', async () => {
    const sandbox = await startSandbox({ port: 0, services: await createServices(['elasticache'], { env: { PATH: '/nonexistent' } }) });
    const client = new ElastiCacheClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      const error = await client.send(new CreateReplicationGroupCommand({
        ReplicationGroupId: 'lab-none', ReplicationGroupDescription: 'x', CacheNodeType: 'cache.t3.micro', NumCacheClusters: 1,
      })).then(() => assert.fail('expected a failure'), (failure: Error) => failure);
      assert.equal(error.name, 'InsufficientCacheClusterCapacityFault');
      assert.match(error.message, /redis-server.*sudo apt-get install -y redis-server|redis-server.*dnf|redis-server.*brew/);
      assert.deepEqual((await client.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups, []);
    } finally {
      client.destroy();
      await sandbox.stop();
    }
  });
});
