/**
 * week8-day5 end to end on a fresh sandbox whose cache nodes are real redis-server
 * processes: the lab builds the network, groups and a replication group, PINGs, reads on
 * the replica, fails over; `lab cleanup` then leaves no group, node process or ledger entry.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CreateCacheParameterGroupCommand, DescribeCacheParameterGroupsCommand, DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import { lab } from '../support/lab-process.js';
import { nodePid, processAlive, snapshotWeek, useWeekSandbox } from './week8-cache-world.js';

const week = useWeekSandbox('week8-day5');

test('lab run week8-day5 --yes builds a replicated cache and fails it over; lab cleanup --yes removes it all', async () => {
  const before = await snapshotWeek(week.clients);

  const run = await lab(['run', 'week8-day5', '--yes', '--endpoint-url', week.sandbox.url], week.env);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /\$ aws elasticache create-replication-group --replication-group-id fcj-redis .*--automatic-failover-enabled/);
  assert.match(run.stdout, /"Ping": "PONG"/);
  // Each Redis command shows as the redis-cli line that sends the same, as AWS calls show their aws command.
  assert.match(run.stdout, /\$ redis-cli -h 127\.0\.0\.1 -p \d+ PING\n\s+\$ redis-cli -h 127\.0\.0\.1 -p \d+ SET fcj:greeting "hello from [\w-]+"\n/);
  assert.match(run.stdout, /"Value": "hello from [\w-]+"/);
  assert.match(run.stdout, /"Role": "slave"/);

  const group = (await week.clients.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'fcj-redis' }))).ReplicationGroups![0]!;
  assert.equal(group.Status, 'available');
  assert.equal(group.AutomaticFailover, 'enabled');
  const members = group.NodeGroups![0]!.NodeGroupMembers!;
  assert.deepEqual(members.map((member) => member.CurrentRole).sort(), ['primary', 'replica']);
  // TestFailover promoted the member that started as replica (the second one made).
  const failover = /"Before": \[([^\]]*)\][\s\S]*?"After": \[([^\]]*)\]/.exec(run.stdout);
  assert.ok(failover, 'the failover step shows the roles before and after');
  const primaryBefore = /"Cluster": "([^"]+)",\s*"Role": "primary"/.exec(failover[1]!)![1];
  const primaryAfter = /"Cluster": "([^"]+)",\s*"Role": "primary"/.exec(failover[2]!)![1];
  assert.notEqual(primaryAfter, primaryBefore);
  assert.equal(members.find((member) => member.CurrentRole === 'primary')!.CacheClusterId, primaryAfter);
  assert.match(run.stdout, /"WriteThroughPrimaryEndpoint": \{\s*"Set": "OK",\s*"Role": "master"/);

  const endpoint = group.NodeGroups![0]!.PrimaryEndpoint!;
  const pid = await nodePid(endpoint.Address!, endpoint.Port!);
  assert.ok(processAlive(pid));

  const cleanup = await lab(['cleanup', '--yes', '--endpoint-url', week.sandbox.url], week.env);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.deepEqual(await snapshotWeek(week.clients), before);
  assert.equal(processAlive(pid), false, 'the cache node process is gone');
  const ledger = JSON.parse(await readFile(join(week.env.LAB_CONFIG_DIR!, 'ledgers', `endpoint-127.0.0.1-${week.sandbox.port}-us-east-1.json`), 'utf8'));
  assert.deepEqual(ledger.outputs, {});
  assert.deepEqual(ledger.resources.filter((record: { status: string }) => record.status !== 'deleted'), []);
});

test('run twice, the lab reuses the cache and its groups, saying so', async () => {
  const first = await lab(['run', 'week8-day5', '--yes', '--steps', '1-5', '--endpoint-url', week.sandbox.url], week.env);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  const second = await lab(['run', 'week8-day5', '--yes', '--steps', '1-5', '--endpoint-url', week.sandbox.url], week.env);
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.match(second.stderr, /The replication group fcj-redis already exists \(an earlier run made it\): reusing it/);
  assert.match(second.stderr, /The cache subnet group fcj-redis-subnets already exists/);
  assert.doesNotMatch(second.stdout, /create-replication-group/);
  const cleanup = await lab(['cleanup', '--yes', '--endpoint-url', week.sandbox.url], week.env);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
});

test('lab cleanup --scan finds cache groups by their lab tags, and leaves the learner\'s own', async () => {
  const lostLedger = { LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), 'lab-cache-scan-')) };
  const tags = [{ Key: 'managed-by', Value: 'cloud-journey-lab' }, { Key: 'lab:id', Value: 'week8-day5' }, { Key: 'lab:run', Value: 'a-lost-run' }];
  await week.clients.elasticache.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: 'tagged-params', CacheParameterGroupFamily: 'redis7', Description: 'lab made it', Tags: tags }));
  await week.clients.elasticache.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: 'learners-params', CacheParameterGroupFamily: 'redis7', Description: 'the learner made it' }));

  const scan = await lab(['cleanup', '--scan', '--yes', '--endpoint-url', week.sandbox.url], lostLedger);
  assert.equal(scan.code, 0, scan.stdout + scan.stderr);
  assert.match(scan.stderr, /found by its tags: cache parameter group tagged-params/);
  const left = (await week.clients.elasticache.send(new DescribeCacheParameterGroupsCommand({}))).CacheParameterGroups!.map((group) => group.CacheParameterGroupName);
  assert.ok(!left.includes('tagged-params'));
  assert.ok(left.includes('learners-params'));
});
