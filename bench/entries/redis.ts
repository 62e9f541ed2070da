/**
 * Cache-hit latency through the cache-aside layer (ioredis GET, JSON parse, the layer's
 * own code) beside `redis-benchmark -t get` against the same redis-server, one client,
 * no pipelining: the loopback floor, what the fastest client on this machine gets.
 * DynamoDB (the sandbox's) is only read once per key, to fill the cache.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { Redis } from 'ioredis';
import { CacheAside } from '../../src/cache/cache-aside.js';
import { connectRedis } from '../../src/cache/redis-connection.js';
import { timeMillis } from '../../src/bench/latency.js';
import { median } from '../../src/bench/percentiles.js';
import { createClock } from '../../src/sandbox/clock.js';
import { findRedisServer } from '../../src/sandbox/redis/binary.js';
import { LOOPBACK, RedisNode } from '../../src/sandbox/redis/node.js';
import { freePort } from '../../src/sandbox/free-port.js';
import { startSandbox } from '../../src/sandbox/server.js';
import type { BenchEntry } from '../harness.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ROUNDS = 5;
const HITS = 20_000;
const WARM_UP = 2_000;
const KEYS = 100;
const GOAL = 1.5;
const FLOOR_KEY = 'bench:floor';

export const redisCacheHit: BenchEntry = {
  name: 'redis-cache-hit',
  about: `p50 of ${HITS} cache hits through the cache-aside layer, ${ROUNDS} rounds, beside redis-benchmark GETs on the same redis-server`,
  run: async () => {
    const port = await freePort();
    // A cache node as the sandbox runs one, started and answering before the clients connect.
    const dir = await mkdtemp(join(tmpdir(), 'lab-bench-redis-'));
    const server = await RedisNode.start({ binary: findRedisServer(), port, dir });
    const sandbox = await startSandbox({ port: 0, clock: createClock({ defaultDelayMs: 0 }) });
    const dynamodb = new DynamoDBClient({ endpoint: sandbox.url, region: 'us-east-1', credentials });
    let connection: Redis | undefined;
    try {
      // Connected as a lab step connects, so the figures are the labs'.
      const redis = (connection = await connectRedis({ Address: LOOPBACK, Port: port }));
      const keys = await loadMovies(dynamodb);
      const cache = new CacheAside({ redis, send: (command) => dynamodb.send(command as never), tableName: 'Movies', ttlSeconds: 3600 });
      for (const key of keys) await cache.read(key);
      for (let i = 0; i < WARM_UP; i++) await cache.read(keys[i % KEYS]!);
      const cacheKeys = keys.map((key) => cache.cacheKey(key));
      // redis-benchmark's CSV does not quote what it echoes: the floor reads a copy of a cached
      // movie under a key without commas or quotes, the same bytes to answer.
      await redis.set(FLOOR_KEY, (await redis.get(cacheKeys[0]!))!);
      const layer: number[] = [];
      const client: number[] = [];
      const floor: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        layer.push(await p50Seconds((i) => cache.read(keys[i % KEYS]!)));
        client.push(await p50Seconds((i) => redis.get(cacheKeys[i % KEYS]!)));
        floor.push(await redisBenchmarkGetP50(port, FLOOR_KEY));
      }
      const ratio = median(layer) / median(floor);
      return {
        reference: `redis-benchmark -c 1 -n ${HITS} GET <a cached key> (what -t get does, on a key that exists) on the same redis-server: its p50, the loopback floor`,
        comparisons: [
          { figure: 'cache hit p50', lab: layer, reference: floor, goal: { text: `hit p50 within ${GOAL}x of the floor`, met: ratio <= GOAL } },
          // Where the time goes: the same GETs through ioredis alone, without the layer.
          { figure: 'ioredis GET p50', lab: client, reference: floor, note: `the layer adds ${Math.round((median(layer) - median(client)) * 1e6)} µs to ioredis's own GET` },
        ],
        notes: ['redis-benchmark reports latencies in steps of 8 µs at best; on a shared machine both sides move together.'],
      };
    } finally {
      connection?.disconnect();
      dynamodb.destroy();
      await sandbox.stop();
      await server.stop(false);
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function loadMovies(dynamodb: DynamoDBClient) {
  await dynamodb.send(new CreateTableCommand({
    TableName: 'Movies',
    AttributeDefinitions: [{ AttributeName: 'year', AttributeType: 'N' }, { AttributeName: 'title', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'year', KeyType: 'HASH' }, { AttributeName: 'title', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: 'Movies' });
  const keys = [];
  for (let n = 0; n < KEYS; n++) {
    const key = { year: { N: String(1990 + (n % 30)) }, title: { S: `Movie ${n}` } };
    await dynamodb.send(new PutItemCommand({ TableName: 'Movies', Item: { ...key, info: { M: { rating: { N: '7.5' }, plot: { S: 'A plot of about the length AWS\'s sample movies have, give or take a sentence.' } } } } }));
    keys.push(key);
  }
  return keys;
}

/** Seconds: the p50 of HITS sequential calls of `read(i)`. */
async function p50Seconds(read: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < HITS; i++) samples.push(await timeMillis(() => read(i)));
  return median(samples) / 1000;
}

/** Seconds: the p50 redis-benchmark reports for GET of an existing key, one client, no pipeline. */
async function redisBenchmarkGetP50(port: number, key: string): Promise<number> {
  const { stdout } = await promisify(execFile)('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), '-c', '1', '-n', String(HITS), '--csv', 'GET', key]);
  const [header, row] = stdout.trim().split('\n').map((line) => line.split(',').map((cell) => cell.replace(/"/g, '')));
  const column = header!.indexOf('p50_latency_ms');
  if (column < 0 || !row) throw new Error(`redis-benchmark printed no p50: ${stdout}`);
  return Number(row[column]) / 1000;
}
