/**
 * What the week 8 tests compare before and after `lab cleanup`: the EC2 world, plus every
 * ElastiCache group and snapshot, every DynamoDB table, and the cache nodes' processes.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeCacheParameterGroupsCommand, DescribeCacheSubnetGroupsCommand, DescribeReplicationGroupsCommand, DescribeSnapshotsCommand, ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { connectRedis } from '../../src/cache/redis-connection.js';
import { parseInfo } from '../../src/cache/redis-info.js';
import { createClock } from '../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { sdkClients, snapshotWorld, destroyClients, type SdkClients, type World } from '../support/world.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

export interface WeekClients extends SdkClients {
  elasticache: ElastiCacheClient;
  dynamodb: DynamoDBClient;
}

export function weekClients(endpoint: string): WeekClients {
  const config = { endpoint, region: 'us-east-1', credentials };
  return { ...sdkClients(endpoint), elasticache: new ElastiCacheClient(config), dynamodb: new DynamoDBClient(config) };
}

export function destroyWeekClients(clients: WeekClients): void {
  destroyClients(clients);
}

export interface WeekSandbox {
  sandbox: RunningSandbox;
  clients: WeekClients;
  /** The lab process's environment: a config dir (ledger, reports) of this file's own. */
  env: Record<string, string>;
}

/** For one test file: a fresh sandbox with short delays, the week's clients, a config dir; all gone after. */
export function useWeekSandbox(labId: string): WeekSandbox {
  const week = {} as WeekSandbox;
  before(async () => {
    week.sandbox = await startSandbox({ port: 0, clock: createClock({ defaultDelayMs: 100 }) });
    week.clients = weekClients(week.sandbox.url);
    week.env = { LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), `lab-${labId}-`)) };
  });
  after(async () => {
    if (week.clients) destroyWeekClients(week.clients);
    await week.sandbox?.stop();
  });
  return week;
}

export async function snapshotWeek(clients: WeekClients): Promise<World> {
  const sorted = (ids: (string | undefined)[]) => ids.map(String).sort();
  const { elasticache, dynamodb } = clients;
  return {
    ...(await snapshotWorld(clients)),
    replicationGroups: sorted((await elasticache.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups?.map((group) => group.ReplicationGroupId) ?? []),
    cacheSubnetGroups: sorted((await elasticache.send(new DescribeCacheSubnetGroupsCommand({}))).CacheSubnetGroups?.map((group) => group.CacheSubnetGroupName) ?? []),
    cacheParameterGroups: sorted((await elasticache.send(new DescribeCacheParameterGroupsCommand({}))).CacheParameterGroups?.map((group) => group.CacheParameterGroupName) ?? []),
    snapshots: sorted((await elasticache.send(new DescribeSnapshotsCommand({}))).Snapshots?.map((snapshot) => snapshot.SnapshotName) ?? []),
    tables: sorted((await dynamodb.send(new ListTablesCommand({}))).TableNames ?? []),
  };
}

/** The redis-server process behind an endpoint, by asking it (INFO server). */
export async function nodePid(address: string, port: number): Promise<number> {
  const redis = await connectRedis({ Address: address, Port: port });
  try {
    return Number(parseInfo(await redis.info('server')).process_id);
  } finally {
    redis.disconnect();
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Files left in a directory tree (the lab config dir): ledgers, locks, reports. */
export async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name).sort();
}
