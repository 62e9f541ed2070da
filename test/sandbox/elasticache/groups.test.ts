/**
 * Cache subnet groups (checked against the sandbox's EC2 subnets) and cache parameter
 * groups (ElastiCache's defaults, changes applied live to running nodes with CONFIG SET).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddTagsToResourceCommand, ListTagsForResourceCommand, RemoveTagsFromResourceCommand, CreateCacheParameterGroupCommand, CreateCacheSubnetGroupCommand, CreateReplicationGroupCommand, DeleteCacheParameterGroupCommand,
  DeleteCacheSubnetGroupCommand, DeleteReplicationGroupCommand, DescribeCacheParametersCommand, DescribeCacheSubnetGroupsCommand,
  ModifyCacheParameterGroupCommand, ModifyReplicationGroupCommand, ResetCacheParameterGroupCommand,
} from '@aws-sdk/client-elasticache';
import { assertError, failure } from '../../support/aws-errors.js';
import { createGroup, endpoints, network, redis, startCacheSandbox, waitForStatus, type CacheSandbox } from './harness.js';

let cache: CacheSandbox;
let net: Awaited<ReturnType<typeof network>>;

before(async () => {
  cache = await startCacheSandbox();
  net = await network(cache);
});

after(() => cache.stop());

describe('cache subnet groups', () => {
  it('describes the VPC and zones of its subnets', async () => {
    const { CacheSubnetGroups } = await cache.elasticache.send(new DescribeCacheSubnetGroupsCommand({ CacheSubnetGroupName: 'lab-cache-subnets' }));
    assert.equal(CacheSubnetGroups![0]!.VpcId, net.vpcId);
    assert.deepEqual(CacheSubnetGroups![0]!.Subnets!.map((s) => [s.SubnetIdentifier, s.SubnetAvailabilityZone!.Name]),
      [[net.subnetIds[0], 'us-east-1a'], [net.subnetIds[1], 'us-east-1b']]);
  });

  it('rejects subnets EC2 does not know, a taken name, and deleting one in use', async () => {
    const unknown = await failure(cache.elasticache.send(new CreateCacheSubnetGroupCommand({
      CacheSubnetGroupName: 'bad', CacheSubnetGroupDescription: 'x', SubnetIds: ['subnet-0123456789abcdef0'],
    })));
    assert.equal(unknown.name, 'InvalidSubnet');
    assert.match(unknown.message, /subnet-0123456789abcdef0/);
    assertError(await failure(cache.elasticache.send(new CreateCacheSubnetGroupCommand({
      CacheSubnetGroupName: 'lab-cache-subnets', CacheSubnetGroupDescription: 'x', SubnetIds: net.subnetIds,
    }))), 'CacheSubnetGroupAlreadyExistsFault', 'Cache subnet group lab-cache-subnets already exists.', 400);

    await cache.elasticache.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: 'lab-subnet-use', ReplicationGroupDescription: 'x', CacheNodeType: 'cache.t3.micro', NumCacheClusters: 1,
      CacheSubnetGroupName: 'lab-cache-subnets', SecurityGroupIds: [net.securityGroupId],
    }));
    assertError(await failure(cache.elasticache.send(new DeleteCacheSubnetGroupCommand({ CacheSubnetGroupName: 'lab-cache-subnets' }))),
      'CacheSubnetGroupInUse', 'Cache subnet group lab-cache-subnets is currently in use by a cache cluster.', 400);
    await waitForStatus(cache, 'lab-subnet-use', 'available');
    await cache.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'lab-subnet-use' }));
    await failure(waitForStatus(cache, 'lab-subnet-use', 'gone'));
  });
});

describe('tags', () => {
  it('are kept by ARN, for `lab cleanup --scan`; built-in parameter groups have none', async () => {
    const subnets = 'arn:aws:elasticache:us-east-1:123456789012:subnetgroup:lab-cache-subnets';
    await cache.elasticache.send(new AddTagsToResourceCommand({ ResourceName: subnets, Tags: [{ Key: 'lab:run', Value: 'r1' }] }));
    assert.deepEqual((await cache.elasticache.send(new ListTagsForResourceCommand({ ResourceName: subnets }))).TagList, [{ Key: 'lab:run', Value: 'r1' }]);
    await cache.elasticache.send(new RemoveTagsFromResourceCommand({ ResourceName: subnets, TagKeys: ['lab:run'] }));
    assert.deepEqual((await cache.elasticache.send(new ListTagsForResourceCommand({ ResourceName: subnets }))).TagList, []);
    const builtIn = 'arn:aws:elasticache:us-east-1:123456789012:parametergroup:default.redis7';
    assert.deepEqual((await cache.elasticache.send(new ListTagsForResourceCommand({ ResourceName: builtIn }))).TagList, []);
    assertError(await failure(cache.elasticache.send(new ListTagsForResourceCommand({ ResourceName: 'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:nope' }))),
      'ReplicationGroupNotFoundFault', 'Replication group nope not found.', 404);
  });
});

describe('cache parameter groups', () => {
  it('start from ElastiCache defaults and mark what the user set', async () => {
    await cache.elasticache.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: 'lab-params', CacheParameterGroupFamily: 'redis7', Description: 'week 8' }));
    await cache.elasticache.send(new ModifyCacheParameterGroupCommand({
      CacheParameterGroupName: 'lab-params', ParameterNameValues: [{ ParameterName: 'maxmemory-policy', ParameterValue: 'allkeys-lru' }],
    }));
    const { Parameters } = await cache.elasticache.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: 'lab-params' }));
    const policy = Parameters!.find((p) => p.ParameterName === 'maxmemory-policy')!;
    assert.deepEqual([policy.ParameterValue, policy.Source, policy.IsModifiable, policy.ChangeType], ['allkeys-lru', 'user', true, 'immediate']);
    const user = await cache.elasticache.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: 'lab-params', Source: 'user' }));
    assert.deepEqual(user.Parameters!.map((p) => p.ParameterName), ['maxmemory-policy']);
    const defaults = await cache.elasticache.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: 'default.redis7' }));
    assert.equal(defaults.Parameters!.find((p) => p.ParameterName === 'maxmemory-policy')!.ParameterValue, 'volatile-lru');

    assertError(await failure(cache.elasticache.send(new ModifyCacheParameterGroupCommand({
      CacheParameterGroupName: 'lab-params', ParameterNameValues: [{ ParameterName: 'maxmemory-policy', ParameterValue: 'forget-all' }],
    }))), 'InvalidParameterValueException',
      'Value (forget-all) for parameter maxmemory-policy is invalid. Allowed values: volatile-lru,allkeys-lru,volatile-lfu,allkeys-lfu,volatile-random,allkeys-random,volatile-ttl,noeviction.', 400);
  });

  it('apply changes to running nodes with CONFIG SET, and cannot be deleted while in use', async () => {
    const group = endpoints(await createGroup(cache, 'lab-config', { CacheParameterGroupName: 'lab-params' }));
    const replica = redis(group.members['lab-config-002']!.port);
    assert.deepEqual(await replica.config('GET', 'maxmemory-policy'), ['maxmemory-policy', 'allkeys-lru']);

    await cache.elasticache.send(new ModifyCacheParameterGroupCommand({
      CacheParameterGroupName: 'lab-params',
      ParameterNameValues: [{ ParameterName: 'maxmemory', ParameterValue: '2000000' }, { ParameterName: 'maxmemory-policy', ParameterValue: 'allkeys-lfu' }],
    }));
    assert.deepEqual(await replica.config('GET', 'maxmemory-policy'), ['maxmemory-policy', 'allkeys-lfu']);
    assert.deepEqual(await replica.config('GET', 'maxmemory'), ['maxmemory', '2000000']);
    await cache.elasticache.send(new ResetCacheParameterGroupCommand({ CacheParameterGroupName: 'lab-params', ResetAllParameters: true }));
    assert.deepEqual(await replica.config('GET', 'maxmemory-policy'), ['maxmemory-policy', 'volatile-lru']);
    replica.disconnect();

    assertError(await failure(cache.elasticache.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: 'lab-params' }))),
      'InvalidCacheParameterGroupStateFault', 'One or more cache clusters are still members of this parameter group, lab-params, so the group cannot be deleted.', 400);

    const { ReplicationGroup } = await cache.elasticache.send(new ModifyReplicationGroupCommand({
      ReplicationGroupId: 'lab-config', CacheParameterGroupName: 'default.redis7', SnapshotRetentionLimit: 3, ApplyImmediately: true,
    }));
    assert.equal(ReplicationGroup!.Status, 'modifying');
    assert.equal(ReplicationGroup!.SnapshotRetentionLimit, 3);
    await waitForStatus(cache, 'lab-config', 'available');
    await cache.elasticache.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: 'lab-params' }));
    assertError(await failure(cache.elasticache.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: 'lab-params' }))),
      'CacheParameterGroupNotFoundFault', 'CacheParameterGroup lab-params not found.', 404);
    await cache.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'lab-config' }));
  });
});
