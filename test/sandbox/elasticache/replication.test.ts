/**
 * Replication groups through the real ElastiCacheClient, with real redis-server nodes:
 * replicas replicate, TestFailover swaps roles behind a primary endpoint that keeps
 * taking writes, a killed primary is failed over, snapshots are RDB files, and deleting
 * the group leaves no process.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateReplicationGroupCommand, CreateSnapshotCommand, DeleteCacheClusterCommand, DeleteReplicationGroupCommand, DeleteSnapshotCommand, DescribeCacheClustersCommand,
  DescribeEventsCommand, DescribeReplicationGroupsCommand, DescribeSnapshotsCommand, TestFailoverCommand,
} from '@aws-sdk/client-elasticache';
import { workspaceRoot } from '../../../src/sandbox/redis/workspace.js';
import { assertError, failure } from '../../support/aws-errors.js';
import {
  createGroup, endpoints, eventually, isAlive, network, pidBehind, redis, startCacheSandbox, waitForStatus, type CacheSandbox,
} from './harness.js';

let cache: CacheSandbox;

before(async () => {
  cache = await startCacheSandbox();
  await network(cache);
});

after(() => cache.stop());

describe('a replication group with a primary and a replica', () => {
  it('is creating, then available with loopback endpoints and member roles', async () => {
    const created = await cache.elasticache.send(new DescribeReplicationGroupsCommand({})).then(() => createGroup(cache, 'Lab-Roles'));
    assert.equal(created.ReplicationGroupId, 'lab-roles');
    assert.deepEqual(created.MemberClusters, ['lab-roles-001', 'lab-roles-002']);
    assert.equal(created.AutomaticFailover, 'enabled');
    assert.equal(created.MultiAZ, 'enabled');
    const { primary, reader, members } = endpoints(created);
    assert.equal(created.NodeGroups![0]!.PrimaryEndpoint!.Address, '127.0.0.1');
    assert.notEqual(primary, reader);
    assert.deepEqual(Object.values(members).map((m) => m.role), ['primary', 'replica']);

    const { CacheClusters } = await cache.elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId: 'lab-roles-002', ShowCacheNodeInfo: true }));
    assert.equal(CacheClusters![0]!.ReplicationGroupId, 'lab-roles');
    assert.equal(CacheClusters![0]!.CacheClusterStatus, 'available');
    assert.deepEqual(CacheClusters![0]!.CacheNodes![0]!.Endpoint, { Address: '127.0.0.1', Port: members['lab-roles-002']!.port });
    await deleteGroup('lab-roles');
  });

  it('replicates a write on the primary endpoint to the replica, and serves it on the reader endpoint', async () => {
    const { primary, reader, members } = endpoints(await createGroup(cache, 'lab-replicate'));
    const writer = redis(primary);
    const replica = redis(members['lab-replicate-002']!.port);
    const readerClient = redis(reader);
    try {
      await writer.set('movie:1', 'Inception');
      assert.equal(await eventually(async () => (await replica.get('movie:1')) ?? undefined, 'replication'), 'Inception');
      assert.equal(await readerClient.get('movie:1'), 'Inception');
      await assert.rejects(readerClient.set('movie:2', 'x'), /READONLY/);
    } finally {
      [writer, replica, readerClient].forEach((client) => client.disconnect());
    }
    await deleteGroup('lab-replicate');
  });

  it('TestFailover promotes the replica, and writes continue through the primary endpoint', async () => {
    const before = endpoints(await createGroup(cache, 'lab-failover'));
    const writer = redis(before.primary);
    try {
      await writer.set('before', '1');
      const { ReplicationGroup } = await cache.elasticache.send(new TestFailoverCommand({ ReplicationGroupId: 'lab-failover', NodeGroupId: '0001' }));
      const after = endpoints(ReplicationGroup!);
      assert.equal(after.members['lab-failover-001']!.role, 'replica');
      assert.equal(after.members['lab-failover-002']!.role, 'primary');
      assert.equal(after.primary, before.primary, 'the primary endpoint stays where it was');
      assert.equal(await pidBehind(after.primary), await pidBehind(after.members['lab-failover-002']!.port));

      await eventually(async () => ((await writer.set('after', '2')) === 'OK' ? true : undefined), 'a write through the primary endpoint');
      assert.equal(await writer.get('before'), '1');
      const oldPrimary = redis(after.members['lab-failover-001']!.port);
      assert.equal(await eventually(async () => (await oldPrimary.get('after')) ?? undefined, 'the old primary replicating'), '2');
      oldPrimary.disconnect();
    } finally {
      writer.disconnect();
    }
    const { Events } = await cache.elasticache.send(new DescribeEventsCommand({ SourceIdentifier: 'lab-failover' }));
    assert.ok(Events!.some((event) => event.Message === 'Failover from master node lab-failover-001 to replica node lab-failover-002 completed'));
    await deleteGroup('lab-failover');
  });

  it('fails over on its own when the primary process dies, and brings the old node back as a replica', async () => {
    const before = endpoints(await createGroup(cache, 'lab-crash'));
    const writer = redis(before.primary);
    await writer.set('survives', 'yes');
    await eventually(async () => ((await redis(before.members['lab-crash-002']!.port).get('survives')) === 'yes' ? true : undefined), 'replication');
    const primaryPid = await pidBehind(before.members['lab-crash-001']!.port);
    process.kill(primaryPid, 'SIGKILL');

    const after = await eventually(async () => {
      const { ReplicationGroups } = await cache.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'lab-crash' }));
      const seen = endpoints(ReplicationGroups![0]!);
      return seen.members['lab-crash-002']!.role === 'primary' ? seen : undefined;
    }, 'the failover');
    assert.equal(await eventually(async () => (await writer.get('survives')) ?? undefined, 'reads through the primary endpoint'), 'yes');
    await eventually(async () => ((await writer.set('later', '1')) === 'OK' ? true : undefined), 'writes through the primary endpoint');
    const restarted = await eventually(async () => pidBehind(after.members['lab-crash-001']!.port), 'the old node back');
    assert.notEqual(restarted, primaryPid);
    const back = redis(after.members['lab-crash-001']!.port);
    assert.equal(await eventually(async () => (await back.get('later')) ?? undefined, 'the restarted node replicating'), '1');
    back.disconnect();
    writer.disconnect();
    await eventually(async () => {
      const { Events } = await cache.elasticache.send(new DescribeEventsCommand({ SourceIdentifier: 'lab-crash-001' }));
      return Events!.some((event) => event.Message === 'Finished recovery for cache nodes 0001') ? true : undefined;
    }, 'the recovery event');
    await deleteGroup('lab-crash');
  });

  it('checks the shape of a group before creating it, and failover needs automatic failover', async () => {
    const create = (extra: Record<string, unknown>) => cache.elasticache.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: 'lab-checks', ReplicationGroupDescription: 'x', CacheNodeType: 'cache.t3.micro', CacheSubnetGroupName: 'lab-cache-subnets', ...extra,
    }));
    assertError(await failure(create({ NumCacheClusters: 1, AutomaticFailoverEnabled: true })), 'InvalidParameterCombinationException',
      'Automatic failover requires at least 2 cache clusters (one primary and one replica) in the replication group.', 400);
    assertError(await failure(create({ NumCacheClusters: 2, MultiAZEnabled: true })), 'InvalidParameterCombinationException',
      'Multi-AZ requires automatic failover to be enabled.', 400);
    assertError(await failure(create({ CacheSubnetGroupName: 'nope' })), 'CacheSubnetGroupNotFoundFault', 'Cache subnet group nope not found.', 400);

    await createGroup(cache, 'lab-checks', { AutomaticFailoverEnabled: false, MultiAZEnabled: false });
    assertError(await failure(create({})), 'ReplicationGroupAlreadyExistsFault', 'Replication group with specified name already exists.', 400);
    assertError(await failure(cache.elasticache.send(new TestFailoverCommand({ ReplicationGroupId: 'lab-checks', NodeGroupId: '0001' }))),
      'TestFailoverNotAvailableFault', 'TestFailover is not available for replication group lab-checks: automatic failover is disabled.', 400);
    await deleteGroup('lab-checks');
    assertError(await failure(cache.elasticache.send(new TestFailoverCommand({ ReplicationGroupId: 'lab-checks', NodeGroupId: '0001' }))),
      'ReplicationGroupNotFoundFault', 'Replication group lab-checks not found.', 404);
  });

  it('refuses to delete a member cluster on its own, as AWS does', async () => {
    await createGroup(cache, 'lab-members');
    assertError(await failure(cache.elasticache.send(new DeleteCacheClusterCommand({ CacheClusterId: 'lab-members-001' }))), 'InvalidCacheClusterStateFault',
      'Cache cluster lab-members-001 is serving as primary for replication group lab-members and cannot be deleted. To delete the entire replication group, use DeleteReplicationGroup.', 400);
    const onlyReplica = await failure(cache.elasticache.send(new DeleteCacheClusterCommand({ CacheClusterId: 'lab-members-002' })));
    assert.equal(onlyReplica.name, 'InvalidCacheClusterStateFault');
    assert.match(onlyReplica.message, /only read replica for replication group lab-members which has autofailover enabled/);
    assertError(await failure(cache.elasticache.send(new DeleteCacheClusterCommand({ CacheClusterId: 'nope-001' }))), 'CacheClusterNotFoundFault', 'CacheCluster not found: nope-001', 404);
    await deleteGroup('lab-members');
  });

  it('deletes a read replica of a group that has more than one', async () => {
    const group = endpoints(await createGroup(cache, 'lab-three', { NumCacheClusters: undefined, ReplicasPerNodeGroup: 2 }));
    const pid = await pidBehind(group.members['lab-three-003']!.port);
    const { CacheCluster } = await cache.elasticache.send(new DeleteCacheClusterCommand({ CacheClusterId: 'lab-three-003' }));
    assert.equal(CacheCluster!.CacheClusterStatus, 'deleting');
    assert.ok(!isAlive(pid));
    const after = await waitForStatus(cache, 'lab-three', 'available');
    assert.deepEqual(after.MemberClusters, ['lab-three-001', 'lab-three-002']);
    await deleteGroup('lab-three');
  });

  it('takes snapshots as RDB files, and a final snapshot when the group is deleted', async () => {
    const { primary } = endpoints(await createGroup(cache, 'lab-backup'));
    const writer = redis(primary);
    await writer.set('movie:42', 'The Matrix');
    await writer.wait(1, 1000);
    writer.disconnect();

    const { Snapshot } = await cache.elasticache.send(new CreateSnapshotCommand({ ReplicationGroupId: 'lab-backup', SnapshotName: 'lab-backup-manual' }));
    assert.equal(Snapshot!.SnapshotStatus, 'creating');
    assert.equal(Snapshot!.NodeSnapshots![0]!.CacheClusterId, 'lab-backup-002', 'taken from the replica');
    assert.equal((await cache.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'lab-backup' }))).ReplicationGroups![0]!.Status, 'snapshotting');
    await waitForStatus(cache, 'lab-backup', 'available');
    const file = snapshotFile('lab-backup-manual');
    assert.equal(readFileSync(file).subarray(0, 5).toString(), 'REDIS');
    assert.ok(readFileSync(file).includes('The Matrix'));

    const pids = await Promise.all(Object.values(endpoints(await waitForStatus(cache, 'lab-backup', 'available')).members).map((m) => pidBehind(m.port)));
    const { ReplicationGroup } = await cache.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'lab-backup', FinalSnapshotIdentifier: 'lab-backup-final' }));
    assert.equal(ReplicationGroup!.Status, 'deleting');
    assert.ok(pids.every((pid) => !isAlive(pid)), 'the nodes are stopped');
    assert.ok(readFileSync(snapshotFile('lab-backup-final')).includes('The Matrix'));
    assertError(await failure(waitForStatus(cache, 'lab-backup', 'gone')), 'ReplicationGroupNotFoundFault', 'Replication group lab-backup not found.', 404);

    const restored = endpoints(await createGroup(cache, 'lab-restored', { SnapshotName: 'lab-backup-final' }));
    const reader = redis(restored.primary);
    assert.equal(await reader.get('movie:42'), 'The Matrix');
    reader.disconnect();
    await deleteGroup('lab-restored');

    const { Snapshots } = await cache.elasticache.send(new DescribeSnapshotsCommand({ ReplicationGroupId: 'lab-backup' }));
    assert.deepEqual(Snapshots!.map((s) => [s.SnapshotName, s.SnapshotStatus]), [['lab-backup-manual', 'available'], ['lab-backup-final', 'available']]);
    for (const name of ['lab-backup-manual', 'lab-backup-final']) {
      const deleted = await cache.elasticache.send(new DeleteSnapshotCommand({ SnapshotName: name }));
      assert.equal(deleted.Snapshot!.SnapshotStatus, 'deleting');
    }
    assert.equal(ownWorkspaces().length, 0, 'no node and no snapshot left: no file left');
  });
});

async function deleteGroup(id: string): Promise<void> {
  await cache.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: id }));
  await failure(waitForStatus(cache, id, 'gone'));
}

/** This process's workspaces under the per-user root. */
function ownWorkspaces(): string[] {
  const root = workspaceRoot();
  return existsSync(root) ? readdirSync(root).filter((entry) => entry.startsWith(`${process.pid}-`)).map((entry) => join(root, entry)) : [];
}

function snapshotFile(name: string): string {
  const [workspace] = ownWorkspaces();
  assert.ok(workspace, 'a workspace exists');
  return join(workspace, 'snapshots', 'us-east-1', `${name}.rdb`);
}
