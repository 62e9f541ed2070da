/**
 * The cache-aside reader through a failover: the primary's redis-server is killed, the
 * sandbox promotes the replica (automatic failover) and moves the primary endpoint, and
 * every read in between still answers (from DynamoDB whenever the cache cannot), then
 * from the cache again through the same endpoint.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import { CreateCacheSubnetGroupCommand, CreateReplicationGroupCommand, DescribeReplicationGroupsCommand, type ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { Redis } from 'ioredis';
import { connectRedis } from '../../src/cache/redis-connection.js';
import { CacheAside, type CachedRead } from '../../src/cache/cache-aside.js';
import { createClock } from '../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { destroyWeekClients, nodePid, processAlive, weekClients, type WeekClients } from '../labs/week8-cache-world.js';

let sandbox: RunningSandbox;
let clients: WeekClients;
let redis: Redis | undefined;

const KEY = { year: { N: '2013' }, title: { S: 'Rush' } };

before(async () => {
  sandbox = await startSandbox({ port: 0, clock: createClock({ defaultDelayMs: 100 }) });
  clients = weekClients(sandbox.url);
});

after(async () => {
  redis?.disconnect();
  if (clients) destroyWeekClients(clients);
  await sandbox?.stop();
});

async function describeGroup(): Promise<ReplicationGroup> {
  return (await clients.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'failover-test' }))).ReplicationGroups![0]!;
}

function primaryOf(group: ReplicationGroup): string | undefined {
  return group.NodeGroups?.[0]?.NodeGroupMembers?.find((member) => member.CurrentRole === 'primary')?.CacheClusterId;
}

test('killing the primary node: the sandbox fails over and the cache-aside reader keeps answering', async () => {
  const { Vpc } = await clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }));
  const subnets = [];
  for (const [index, zone] of ['a', 'b'].entries()) subnets.push((await clients.ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId!, CidrBlock: `10.30.${index}.0/24`, AvailabilityZone: `us-east-1${zone}` }))).Subnet!.SubnetId!);
  await clients.elasticache.send(new CreateCacheSubnetGroupCommand({ CacheSubnetGroupName: 'failover-subnets', CacheSubnetGroupDescription: 'test', SubnetIds: subnets }));
  await clients.elasticache.send(new CreateReplicationGroupCommand({
    ReplicationGroupId: 'failover-test', ReplicationGroupDescription: 'test', Engine: 'redis', CacheNodeType: 'cache.t4g.micro',
    NumCacheClusters: 2, AutomaticFailoverEnabled: true, MultiAZEnabled: true, CacheSubnetGroupName: 'failover-subnets',
  }));
  await clients.dynamodb.send(new CreateTableCommand({
    TableName: 'Movies',
    AttributeDefinitions: [{ AttributeName: 'year', AttributeType: 'N' }, { AttributeName: 'title', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'year', KeyType: 'HASH' }, { AttributeName: 'title', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  await waitUntilTableExists({ client: clients.dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: 'Movies' });
  await clients.dynamodb.send(new PutItemCommand({ TableName: 'Movies', Item: { ...KEY, rating: { N: '8.3' } } }));
  let group = await describeGroup();
  for (let poll = 0; group.Status !== 'available' && poll < 300; poll++) {
    await sleep(100);
    group = await describeGroup();
  }
  assert.equal(group.Status, 'available');
  const endpoint = group.NodeGroups![0]!.PrimaryEndpoint! as { Address: string; Port: number };
  const oldPrimary = primaryOf(group);

  redis = await connectRedis(endpoint);
  const cache = new CacheAside({ redis, send: (command) => clients.dynamodb.send(command as never), tableName: 'Movies', ttlSeconds: 300 });
  assert.equal((await cache.read(KEY)).source, 'database');
  assert.equal((await cache.read(KEY)).source, 'cache');

  const pid = await nodePid(endpoint.Address, endpoint.Port);
  process.kill(pid, 'SIGKILL');

  const reads: CachedRead[] = [];
  let newPrimary: string | undefined;
  // Read on until a replica has taken over and the cache answers again (bounded: 30 s).
  for (let attempt = 0; attempt < 300; attempt++) {
    const read = await cache.read(KEY);
    reads.push(read);
    assert.equal(read.item?.rating?.N, '8.3', `read ${attempt} answered ${JSON.stringify(read)}`);
    newPrimary = primaryOf(await describeGroup());
    if (newPrimary !== undefined && newPrimary !== oldPrimary && read.source === 'cache') break;
    await sleep(100);
  }
  assert.notEqual(newPrimary, oldPrimary, 'a replica was promoted');
  assert.equal(reads.at(-1)!.source, 'cache', 'the cache answers again through the same primary endpoint');
  assert.equal(processAlive(pid), false);
  assert.notEqual(await nodePid(endpoint.Address, endpoint.Port), pid, 'the primary endpoint leads to another node');
});
