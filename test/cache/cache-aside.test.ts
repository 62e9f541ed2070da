/**
 * The cache-aside layer against a real redis-server and the sandbox's DynamoDB, through
 * the real SDK client: what a read fills, what a write invalidates, and that reads keep
 * answering from DynamoDB when Redis is gone.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { Redis } from 'ioredis';
import { runBenchmark, SERIES } from '../../src/bench/cache-aside-benchmark.js';
import { CacheAside } from '../../src/cache/cache-aside.js';
import { connectRedis } from '../../src/cache/redis-connection.js';
import { createClock } from '../../src/sandbox/clock.js';
import { freePort } from '../../src/sandbox/free-port.js';
import { findRedisServer } from '../../src/sandbox/redis/binary.js';
import { LOOPBACK, RedisNode } from '../../src/sandbox/redis/node.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const key = (year: number, title: string) => ({ year: { N: String(year) }, title: { S: title } });

let sandbox: RunningSandbox;
let dynamodb: DynamoDBClient;
let server: RedisNode;
let serverDir: string;
let redis: Redis;
let cache: CacheAside;

before(async () => {
  sandbox = await startSandbox({ port: 0, clock: createClock({ defaultDelayMs: 50 }) });
  dynamodb = new DynamoDBClient({ endpoint: sandbox.url, region: 'us-east-1', credentials });
  await dynamodb.send(new CreateTableCommand({
    TableName: 'Movies',
    AttributeDefinitions: [{ AttributeName: 'year', AttributeType: 'N' }, { AttributeName: 'title', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'year', KeyType: 'HASH' }, { AttributeName: 'title', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: 'Movies' });
  for (const [year, title, rating] of [[2013, 'Rush', '8.3'], [2013, 'Gravity', '7.9'], [2014, 'Interstellar', '8.6']] as const) {
    await dynamodb.send(new PutItemCommand({ TableName: 'Movies', Item: { ...key(year, title), rating: { N: rating } } }));
  }
  // A cache node as the sandbox runs one, connected to as a lab step connects.
  serverDir = await mkdtemp(join(tmpdir(), 'lab-cache-aside-'));
  server = await RedisNode.start({ binary: findRedisServer(), port: await freePort(), dir: serverDir });
  redis = await connectRedis({ Address: LOOPBACK, Port: server.port });
  cache = new CacheAside({ redis, send: (command) => dynamodb.send(command as GetItemCommand), tableName: 'Movies', ttlSeconds: 60 });
});

after(async () => {
  redis?.disconnect();
  await server?.stop(false);
  if (serverDir) await rm(serverDir, { recursive: true, force: true });
  dynamodb?.destroy();
  await sandbox?.stop();
});

test('a miss reads DynamoDB and fills the cache with a TTL; the next read is a hit', async () => {
  const rush = key(2013, 'Rush');
  const first = await cache.read(rush);
  assert.equal(first.source, 'database');
  assert.equal(first.item?.rating?.N, '8.3');
  const ttl = await redis.ttl(cache.cacheKey(rush));
  assert.ok(ttl > 0 && ttl <= 60, `TTL ${ttl}`);
  const second = await cache.read(rush);
  assert.equal(second.source, 'cache');
  assert.deepEqual(second.item, first.item);
});

test('the cache key does not depend on the order of key attributes', () => {
  assert.equal(cache.cacheKey({ title: { S: 'Rush' }, year: { N: '2013' } }), cache.cacheKey(key(2013, 'Rush')));
});

test('an update writes DynamoDB, then deletes the cached copy, so the next read sees the new item', async () => {
  const gravity = key(2013, 'Gravity');
  await cache.read(gravity);
  assert.equal(await redis.exists(cache.cacheKey(gravity)), 1);
  const updated = await cache.update(gravity, { UpdateExpression: 'SET rating = :r', ExpressionAttributeValues: { ':r': { N: '9.1' } } });
  assert.equal(updated?.rating?.N, '9.1');
  assert.equal(await redis.exists(cache.cacheKey(gravity)), 0);
  const stored = await dynamodb.send(new GetItemCommand({ TableName: 'Movies', Key: gravity }));
  assert.equal(stored.Item?.rating?.N, '9.1');
  const read = await cache.read(gravity);
  assert.equal(read.source, 'database');
  assert.equal(read.item?.rating?.N, '9.1');
});

test('an item DynamoDB does not have is not cached', async () => {
  const missing = key(1999, 'Not a movie');
  assert.deepEqual(await cache.read(missing), { item: undefined, source: 'database' });
  assert.equal(await redis.exists(cache.cacheKey(missing)), 0);
});

test('the benchmark files reads as hits and misses by where they were answered, at about the asked ratio', async () => {
  const keys = [key(2013, 'Rush'), key(2013, 'Gravity'), key(2014, 'Interstellar')];
  let state = 7;
  const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
  const result = await runBenchmark({ cache, keys, samples: 200, warmUp: 10, hitRatio: 0.7, random });
  assert.equal(result.hit.length + result.miss.length, 200);
  assert.equal(result.direct.length, 200);
  assert.ok(result.measuredHitRatio > 0.55 && result.measuredHitRatio < 0.85, `hit ratio ${result.measuredHitRatio}`);
  assert.deepEqual(result.summaries.map((one) => one.name), [SERIES.hit, SERIES.miss, SERIES.direct]);
  for (const summary of result.summaries) assert.ok(summary.p50 <= summary.p99 && summary.p99 <= summary.max);
});

test('with Redis gone, reads still answer from DynamoDB and say why', async () => {
  await server.stop(false);
  const read = await cache.read(key(2014, 'Interstellar'));
  assert.equal(read.source, 'database');
  assert.equal(read.item?.rating?.N, '8.6');
  assert.ok(read.cacheError);
});
