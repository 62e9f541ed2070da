/**
 * What the ElastiCache sandbox tests share: a sandbox serving EC2 and ElastiCache on an
 * ephemeral port with a fast clock, the real SDK clients, the network a cache subnet
 * group needs, and ways to look at the redis-server processes behind the endpoints.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateCacheSubnetGroupCommand, CreateReplicationGroupCommand, DescribeReplicationGroupsCommand, ElastiCacheClient,
  type CreateReplicationGroupCommandInput, type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import { Redis } from 'ioredis';
import { createClock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';

/** Every ElastiCache transition takes 40 ms here. */
export const TEST_DELAY_MS = 40;
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface CacheSandbox {
  sandbox: RunningSandbox;
  ec2: EC2Client;
  elasticache: ElastiCacheClient;
  stop(): Promise<void>;
}

export async function startCacheSandbox(stateDir?: string): Promise<CacheSandbox> {
  const sandbox = await startSandbox({
    port: 0,
    services: await createServices(['ec2', 'elasticache']),
    clock: createClock({ defaultDelayMs: TEST_DELAY_MS }),
    ...(stateDir === undefined ? {} : { stateDir }),
  });
  const ec2 = new EC2Client({ endpoint: sandbox.url, region: 'us-east-1', credentials: CREDENTIALS });
  const elasticache = new ElastiCacheClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: CREDENTIALS });
  return {
    sandbox, ec2, elasticache,
    stop: async () => {
      ec2.destroy();
      elasticache.destroy();
      await sandbox.stop();
    },
  };
}

/** A VPC with two subnets and a security group, and a cache subnet group over them. */
export async function network(cache: CacheSandbox, name = 'lab-cache-subnets'): Promise<{ vpcId: string; subnetIds: string[]; securityGroupId: string }> {
  const { Vpc } = await cache.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  const subnetIds: string[] = [];
  for (const [index, zone] of ['us-east-1a', 'us-east-1b'].entries()) {
    const { Subnet } = await cache.ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId!, CidrBlock: `10.0.${index}.0/24`, AvailabilityZone: zone }));
    subnetIds.push(Subnet!.SubnetId!);
  }
  const { GroupId } = await cache.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'lab-redis', Description: 'Redis 6379 from the VPC', VpcId: Vpc!.VpcId! }));
  await cache.elasticache.send(new CreateCacheSubnetGroupCommand({ CacheSubnetGroupName: name, CacheSubnetGroupDescription: 'lab', SubnetIds: subnetIds }));
  return { vpcId: Vpc!.VpcId!, subnetIds, securityGroupId: GroupId! };
}

/** The week 8 shape: a primary and one replica with automatic failover, waited on until available. */
export async function createGroup(cache: CacheSandbox, id: string, extra: Partial<CreateReplicationGroupCommandInput> = {}): Promise<ReplicationGroup> {
  await cache.elasticache.send(new CreateReplicationGroupCommand({
    ReplicationGroupId: id,
    ReplicationGroupDescription: 'week 8 cache',
    Engine: 'redis',
    CacheNodeType: 'cache.t3.micro',
    NumCacheClusters: 2,
    AutomaticFailoverEnabled: true,
    MultiAZEnabled: true,
    CacheSubnetGroupName: 'lab-cache-subnets',
    ...extra,
  }));
  return waitForStatus(cache, id, 'available');
}

export async function waitForStatus(cache: CacheSandbox, id: string, status: string): Promise<ReplicationGroup> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { ReplicationGroups } = await cache.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }));
    if (ReplicationGroups![0]!.Status === status) return ReplicationGroups![0]!;
    await sleep(TEST_DELAY_MS / 2);
  }
  throw new Error(`${id} never became ${status}`);
}

/** Polls `check` (bounded) until it holds: replication and recovery are asynchronous. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, attempts = 200): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A client that gives up at once rather than queueing: each test says when to retry. */
export function redis(port: number): Redis {
  const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, retryStrategy: (times) => (times > 50 ? null : 20) });
  client.on('error', () => {});
  return client;
}

/** `process_id` from INFO server: the redis-server process behind a port. */
export async function pidBehind(port: number): Promise<number> {
  const client = redis(port);
  try {
    return Number(/process_id:(\d+)/.exec(String(await client.info('server')))![1]);
  } finally {
    client.disconnect();
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function endpoints(group: ReplicationGroup): { primary: number; reader: number; members: Record<string, { port: number; role: string }> } {
  const nodeGroup = group.NodeGroups![0]!;
  return {
    primary: nodeGroup.PrimaryEndpoint!.Port!,
    reader: nodeGroup.ReaderEndpoint!.Port!,
    members: Object.fromEntries(nodeGroup.NodeGroupMembers!.map((m) => [m.CacheClusterId!, { port: m.ReadEndpoint!.Port!, role: m.CurrentRole! }])),
  };
}
