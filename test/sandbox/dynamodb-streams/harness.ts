/**
 * A sandbox serving DynamoDB and DynamoDB Streams over one state, the real DynamoDBClient and
 * DynamoDBStreamsClient talking to it, and a clock that stands still until the test moves
 * it, so every state a test sees is the one it asked for, and a day passes in a call.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { createClock, type Clock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';

export interface StreamsHarness {
  sandbox: RunningSandbox;
  ddb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  clock: Clock;
  /** Moves the sandbox clock forward. */
  advance(ms: number): void;
  clients(url: string): { ddb: DynamoDBClient; streams: DynamoDBStreamsClient };
}

const DELAY_MS = 50;

export function useStreamsSandbox(): StreamsHarness {
  const harness = {} as StreamsHarness;
  const opened: { destroy(): void }[] = [];
  let now = Date.now();
  harness.clock = createClock({ defaultDelayMs: DELAY_MS, now: () => now });
  harness.advance = (ms) => {
    now += ms;
  };
  harness.clients = (url) => {
    const config = { endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    const pair = { ddb: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
    opened.push(pair.ddb, pair.streams);
    return pair;
  };
  before(async () => {
    harness.sandbox = await startSandbox({ port: 0, services: await createServices(['dynamodb', 'dynamodbstreams']), clock: harness.clock });
    Object.assign(harness, harness.clients(harness.sandbox.url));
  });
  after(async () => {
    for (const client of opened) client.destroy();
    await harness.sandbox.stop();
  });
  beforeEach(() => harness.sandbox.router.reset());
  return harness;
}

type Clients = ReturnType<StreamsHarness['clients']>;

/**
 * Two sandboxes one after the other over one state directory, on the harness's clock:
 * `first` works in the one that saves, `then` checks the one that restores, given what
 * `first` returned. The directory is removed after.
 */
export async function acrossRestart<T>(harness: StreamsHarness, first: (clients: Clients) => Promise<T>, then: (clients: Clients, left: T) => Promise<void>): Promise<void> {
  const stateDir = await mkdtemp(join(tmpdir(), 'lab-ddb-streams-'));
  const start = async () => startSandbox({ port: 0, services: await createServices(['dynamodb', 'dynamodbstreams']), stateDir, clock: harness.clock });
  try {
    const saving = await start();
    let left: T;
    try {
      left = await first(harness.clients(saving.url));
    } finally {
      await saving.stop();
    }
    const restarted = await start();
    try {
      await then(harness.clients(restarted.url), left);
    } finally {
      await restarted.stop();
    }
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** A table keyed by `pk` (S), ACTIVE once the clock has moved past its creation. */
export async function activeTable(harness: StreamsHarness, TableName: string, extra: Partial<CreateTableCommandInput> = {}) {
  const out = await harness.ddb.send(new CreateTableCommand({
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    ...extra,
  }));
  harness.advance(DELAY_MS);
  return out.TableDescription!;
}

/** The stream's only shard. */
export async function shardOf(streams: DynamoDBStreamsClient, StreamArn: string): Promise<string> {
  return (await streams.send(new DescribeStreamCommand({ StreamArn }))).StreamDescription!.Shards![0]!.ShardId!;
}

/** Every record from TRIM_HORIZON on, read page by page until a page comes back empty. */
export async function allRecords(streams: DynamoDBStreamsClient, StreamArn: string): Promise<_Record[]> {
  const ShardId = await shardOf(streams, StreamArn);
  let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const records: _Record[] = [];
  for (let page = 0; iterator !== undefined && page < 100; page++) {
    const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    records.push(...out.Records!);
    if (out.Records!.length === 0) break;
    iterator = out.NextShardIterator;
  }
  return records;
}
