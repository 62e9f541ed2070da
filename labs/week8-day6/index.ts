/**
 * week8-day6: using the cache. Redis commands (SET, GET, DEL), keys that expire (TTL and
 * EXPIRE, watched counting down), a snapshot taken and listed; then a cache-aside layer
 * over the Movies table, measured: latency of a cache hit, a miss (cache then DynamoDB)
 * and a direct DynamoDB read, as a table, a terminal histogram and an HTML report; and
 * what a too-small cache does to the hit ratio under an eviction policy.
 *
 * The cache is day 5's, reused; when day 5 never ran, the first step builds it.
 */
import { runBenchmark, SERIES } from '../../src/bench/cache-aside-benchmark.js';
import { seededRandom } from '../../src/bench/seeded-random.js';
import { CacheAside, type Key } from '../../src/cache/cache-aside.js';
import { fillAndReadBack, removeFill, type FillResult } from '../../src/cache/eviction.js';
import { formatMillis, terminalHistogram } from '../../src/bench/histogram.js';
import { benchmarkHtml } from '../../src/bench/html-report.js';
import { parseInfo } from '../../src/cache/redis-info.js';
import { parseEndpoint } from '../../src/cache/redis-connection.js';
import type { Lab, StepResult } from '../../src/runner/lab.js';
import type { StepContext } from '../../src/runner/step-context.js';
import { toAttributeValue } from '../shared/attribute-value.js';
import { readMovies } from '../shared/fixtures.js';
import { ensureMoviesTable } from '../shared/movies-table.js';
import {
  CACHE_COST,
  PARAMETER_GROUP_NAME,
  REPLICATION_GROUP_ID,
  ensureCacheNetwork,
  ensureCacheParameterGroup,
  ensureCacheSecurityGroup,
  ensureCacheSubnetGroup,
  ensureReplicationGroup,
  memberRoles,
  waitUntilAvailable,
} from '../shared/week8-cache.js';
import { withRedis } from '../shared/with-redis.js';
import { DAY6, RESULTS_KEY, parseResults, type Day6Results } from './results.js';

const elasticache = () => import('@aws-sdk/client-elasticache');

const TTL_SECONDS = 3;
const CACHE_TTL_SECONDS = 300;
const BENCHMARK = { samples: 1000, warmUp: 100, hitRatio: 0.8, keys: 200, seed: 20131 };
const EVICTION = { keys: 12_000, valueBytes: 1024, prefix: 'fcj:evict:', policy: 'allkeys-lru' };
// On AWS the node type sets maxmemory and reserved-memory-percent takes a share of it: 99%
// leaves about 5 MiB of a cache.t4g.micro. Where maxmemory itself is modifiable (the lab
// sandbox, whose nodes have no node-type memory), it is set to the same few MiB directly.
const SMALL_MAXMEMORY_BYTES = String(4 * 1024 * 1024);
const LARGE_RESERVED_MEMORY_PERCENT = '99';

function primary(ctx: StepContext) {
  return parseEndpoint(ctx.need('primaryEndpoint'));
}

async function movieKeys(count: number): Promise<Key[]> {
  return (await readMovies()).slice(0, count).map((movie) => ({ year: toAttributeValue(movie.year), title: toAttributeValue(movie.title) }));
}

async function recordResults(ctx: StepContext, change: (results: Day6Results) => void): Promise<void> {
  const results = parseResults(ctx.recall(RESULTS_KEY)) ?? { measuredAt: new Date().toISOString(), plannedHitRatio: BENCHMARK.hitRatio, measuredHitRatio: 0, summaries: [] };
  change(results);
  await ctx.remember(RESULTS_KEY, JSON.stringify(results));
}

export const week8Day6: Lab = {
  id: DAY6,
  title: 'Redis in practice: commands, TTL, snapshots, and cache-aside over DynamoDB, measured',
  services: ['ElastiCache', 'DynamoDB'],
  objectives: [
    'Use SET, GET, DEL, TTL and EXPIRE, and take and list a snapshot of the cache',
    'Put a cache-aside layer in front of DynamoDB: read through the cache, fill it on a miss with a TTL, invalidate on write',
    'Measure cache hit, cache miss and direct database latency (p50 to p99, max, throughput) and read the histogram',
    'See how a cache too small for its data evicts keys and what that does to the hit ratio',
  ],
  theory: [
    'Cache-aside (lazy loading): the application asks the cache first; on a miss it reads the database and stores the answer with a TTL. Only data that is read gets cached, and a stale entry lives at most one TTL.',
    'On a write, update the database, then delete the cached copy: the next read loads the new value. Deleting beats rewriting because two racing writers cannot leave the older value behind.',
    'A miss costs more than no cache at all (a cache round trip plus the database read): a cache pays off only when the hit ratio is high.',
    'Percentiles tell more than averages: p99 is the latency one request in a hundred exceeds, which is what a busy page with many calls runs into.',
    'When memory is full Redis applies maxmemory-policy: allkeys-lru evicts the least recently used keys; volatile-lru (ElastiCache\'s default) evicts only keys with a TTL and otherwise refuses writes.',
  ],
  steps: [
    {
      id: 'cache',
      title: 'Find day 5\'s cache (or build it) and wait until it is available',
      why: 'Every later step talks to this replication group through its primary endpoint.',
      cost: CACHE_COST,
      produces: ['replicationGroupId', 'primaryEndpoint', 'readerEndpoint'],
      run: async (ctx) => {
        await ensureCacheNetwork(ctx);
        await ensureCacheSecurityGroup(ctx);
        await ensureCacheSubnetGroup(ctx);
        await ensureCacheParameterGroup(ctx);
        return ensureReplicationGroup(ctx);
      },
    },
    {
      id: 'set-get-del',
      title: 'SET, GET and DEL a key',
      why: 'A Redis string is the simplest cache entry: SET stores it, GET reads it (nil when absent), DEL removes it and answers how many keys it removed.',
      needs: ['cache'],
      run: async (ctx) => {
        if (ctx.dryRun) return { operation: 'Redis', response: {} };
        return withRedis(ctx, primary(ctx), async (redis) => ({
          operation: 'Redis',
          response: {
            Commands: [
              { Command: 'SET movie:title "Rush"', Reply: String(await redis.set('movie:title', 'Rush')) },
              { Command: 'GET movie:title', Reply: String(await redis.get('movie:title')) },
              { Command: 'DEL movie:title', Reply: String(await redis.del('movie:title')) },
              { Command: 'GET movie:title', Reply: String(await redis.get('movie:title')) },
            ],
          },
        }));
      },
    },
    {
      id: 'ttl',
      title: `EXPIRE a key after ${TTL_SECONDS} seconds and watch its TTL count down`,
      why: 'TTL answers the seconds a key has left; -1 means no expiry, -2 that it is gone. Cache entries get a TTL so stale data cannot live forever.',
      needs: ['cache'],
      run: async (ctx) => {
        if (ctx.dryRun) return { operation: 'Redis', response: {} };
        return withRedis(ctx, primary(ctx), async (redis) => {
          const samples: { Second: number; Command: string; Reply: string }[] = [];
          await redis.set('session:learner', 'signed-in');
          samples.push({ Second: 0, Command: 'TTL session:learner', Reply: String(await redis.ttl('session:learner')) });
          samples.push({ Second: 0, Command: `EXPIRE session:learner ${TTL_SECONDS}`, Reply: String(await redis.expire('session:learner', TTL_SECONDS)) });
          for (let second = 0; second <= TTL_SECONDS + 1; second++) {
            const left = await redis.ttl('session:learner');
            samples.push({ Second: second, Command: 'TTL session:learner', Reply: String(left) });
            ctx.progress(`TTL session:learner = ${left}`);
            if (left === -2) break;
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
          samples.push({ Second: samples.at(-1)!.Second, Command: 'GET session:learner', Reply: String(await redis.get('session:learner')) });
          return { operation: 'Redis', response: { Commands: samples } };
        });
      },
    },
    {
      id: 'snapshot',
      title: 'Take a snapshot of the replica and list snapshots',
      why: 'A snapshot is an RDB file of the whole dataset, kept by ElastiCache to restore a new cache from. Taking it from a replica spares the primary the fork and copy.',
      needs: ['cache'],
      produces: ['snapshotName'],
      run: async (ctx) => {
        const { CreateSnapshotCommand, DescribeReplicationGroupsCommand, DescribeSnapshotsCommand } = await elasticache();
        const group = (await ctx.call(new DescribeReplicationGroupsCommand({ ReplicationGroupId: REPLICATION_GROUP_ID }))).ReplicationGroups?.[0] ?? {};
        const roles = ctx.dryRun ? { replicas: [] } : memberRoles(group);
        const source = roles.replicas[0] ?? roles.primary ?? '<cacheClusterId>';
        const SnapshotName = `fcj-redis-${ctx.run}`.toLowerCase();
        await ctx.call(new CreateSnapshotCommand({ CacheClusterId: source, SnapshotName }));
        await ctx.remember('snapshotName', SnapshotName);
        await ctx.waitFor(new DescribeSnapshotsCommand({ SnapshotName }), (out) => out.Snapshots?.[0]?.SnapshotStatus === 'available', { what: `snapshot ${SnapshotName} to be available`, pollMs: 1_000 });
        await waitUntilAvailable(ctx);
        const query = 'Snapshots[].{Name: SnapshotName, Status: SnapshotStatus, Source: SnapshotSource, Group: ReplicationGroupId, NodeType: CacheNodeType, Created: NodeSnapshots[0].SnapshotCreateTime}';
        const listed = await ctx.call(new DescribeSnapshotsCommand({ ReplicationGroupId: REPLICATION_GROUP_ID }), { query });
        return { operation: 'DescribeSnapshots', response: listed, query };
      },
    },
    {
      id: 'movies',
      title: 'Find (or create and load) the Movies table',
      why: 'The database behind the cache: AWS\'s Movies sample, keyed by year and title, as the DynamoDB days built it.',
      produces: ['moviesTable'],
      run: ensureMoviesTable,
    },
    {
      id: 'cache-aside',
      title: 'Cache-aside over Movies: miss, hit, update and invalidate, miss again',
      why: 'The first read misses and fills the cache; the second is served by Redis; an update writes DynamoDB and deletes the cached copy, so the next read fetches the new item.',
      needs: ['cache', 'movies'],
      run: async (ctx) => {
        if (ctx.dryRun) return { operation: 'CacheAside', response: {} };
        const [key] = await movieKeys(1);
        return withRedis(ctx, primary(ctx), async (redis) => {
          const cache = new CacheAside({ redis, send: (command) => ctx.measure(command), tableName: ctx.need('moviesTable'), ttlSeconds: CACHE_TTL_SECONDS });
          await cache.invalidate(key!);
          const rows: Record<string, string>[] = [];
          const read = async (what: string) => {
            const took = process.hrtime.bigint();
            const answer = await cache.read(key!);
            const ms = Number(process.hrtime.bigint() - took) / 1e6;
            rows.push({ Operation: what, Source: answer.source, Title: answer.item?.title?.S ?? '', Rating: answer.item?.info?.M?.rating?.N ?? '', Latency: formatMillis(ms), CacheTtl: String(await redis.ttl(cache.cacheKey(key!))) });
          };
          await read('read (cold cache)');
          await read('read again');
          const rating = (Math.round((5 + Math.random() * 4) * 10) / 10).toString();
          await cache.update(key!, { UpdateExpression: 'SET info.rating = :rating', ExpressionAttributeValues: { ':rating': { N: rating } } });
          rows.push({ Operation: `UpdateItem rating=${rating}, then DEL`, Source: 'database', Title: '', Rating: rating, Latency: '', CacheTtl: String(await redis.ttl(cache.cacheKey(key!))) });
          await read('read after update');
          await read('read again');
          return { operation: 'CacheAside', response: { CacheKey: cache.cacheKey(key!), Reads: rows } };
        });
      },
    },
    {
      id: 'benchmark',
      title: `Benchmark: ${BENCHMARK.samples} reads at an ${BENCHMARK.hitRatio * 100}% hit ratio vs direct DynamoDB reads, with an HTML report`,
      why: 'Measured, not assumed: each read is timed with the high-resolution clock after a warm-up, and filed as a hit or a miss by where its answer came from. The report file opens in any browser, offline.',
      needs: ['cache', 'movies'],
      produces: ['results'],
      run: async (ctx) => {
        if (ctx.dryRun) return { operation: 'Benchmark', response: {} };
        const keys = await movieKeys(BENCHMARK.keys);
        return withRedis(ctx, primary(ctx), async (redis) => {
          const cache = new CacheAside({ redis, send: (command) => ctx.measure(command), tableName: ctx.need('moviesTable'), ttlSeconds: CACHE_TTL_SECONDS });
          ctx.progress(`${BENCHMARK.warmUp} warm-up reads, then ${BENCHMARK.samples} measured`);
          const result = await runBenchmark({ cache, keys, samples: BENCHMARK.samples, warmUp: BENCHMARK.warmUp, hitRatio: BENCHMARK.hitRatio, random: seededRandom(BENCHMARK.seed) });
          const hit = result.summaries.find((one) => one.name === SERIES.hit);
          const direct = result.summaries.find((one) => one.name === SERIES.direct);
          const speedUp = hit && direct ? direct.p50 / hit.p50 : undefined;
          const facts = [
            `Measured hit ratio ${(result.measuredHitRatio * 100).toFixed(1)}% (asked for ${BENCHMARK.hitRatio * 100}%).`,
            ...(speedUp ? [`A cache hit is ${speedUp.toFixed(1)}x faster than a DynamoDB GetItem at the median.`] : []),
          ];
          const reportFile = await ctx.writeArtifact(`${DAY6}-${ctx.run}.html`, benchmarkHtml({
            title: 'Cache-aside over DynamoDB: latency',
            context: `${ctx.target.description}, run ${ctx.run}, ${new Date().toISOString()}: ${BENCHMARK.samples} reads of ${keys.length} movies after ${BENCHMARK.warmUp} warm-up reads.`,
            series: [
              { summary: result.summaries.find((one) => one.name === SERIES.hit)!, millis: result.hit },
              { summary: result.summaries.find((one) => one.name === SERIES.miss)!, millis: result.miss },
              { summary: direct!, millis: result.direct },
            ].filter((one) => one.summary !== undefined),
            facts,
          }));
          await recordResults(ctx, (results) => {
            results.measuredAt = new Date().toISOString();
            results.measuredHitRatio = result.measuredHitRatio;
            results.summaries = result.summaries;
            results.reportFile = reportFile;
          });
          const response = {
            Latency: result.summaries.map((one) => ({ Measure: one.name, Samples: one.samples, P50: formatMillis(one.p50), P90: formatMillis(one.p90), P95: formatMillis(one.p95), P99: formatMillis(one.p99), Max: formatMillis(one.max), Throughput: `${Math.round(one.throughputPerSecond)}/s` })),
            HitRatio: result.measuredHitRatio.toFixed(3),
            ReportFile: reportFile,
          };
          const chart = `Latency histogram (share of each measure's samples):\n${terminalHistogram([
            { name: 'hit', millis: result.hit },
            { name: 'miss', millis: result.miss },
            { name: 'direct', millis: result.direct },
          ])}\n${facts.join(' ')}`;
          return { operation: 'Benchmark', response, chart } satisfies StepResult;
        });
      },
    },
    {
      id: 'eviction',
      title: `Shrink the cache and evict: maxmemory-policy ${EVICTION.policy}, hit ratio before and after`,
      why: 'The parameter group sets how much memory Redis may use (reserved-memory-percent takes a share of the node for other needs) and what it does when full. Writing more than fits shows the policy at work.',
      needs: ['cache'],
      run: async (ctx) => {
        const { ModifyCacheParameterGroupCommand, ResetCacheParameterGroupCommand } = await elasticache();
        const change = await smallCacheParameters(ctx);
        if (ctx.dryRun) {
          await ctx.call(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: PARAMETER_GROUP_NAME, ParameterNameValues: change }));
          return { operation: 'ModifyCacheParameterGroup', response: {} };
        }
        return withRedis(ctx, primary(ctx), async (redis) => {
          ctx.progress(`writing ${EVICTION.keys} keys of ${EVICTION.valueBytes} bytes with the group's current parameters`);
          const before = await fillAndReadBack(redis, EVICTION);
          await removeFill(redis, EVICTION);
          await ctx.call(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: PARAMETER_GROUP_NAME, ParameterNameValues: change }));
          await waitUntilAvailable(ctx);
          await waitForPolicy(ctx, redis, EVICTION.policy);
          ctx.progress(`writing ${EVICTION.keys} keys again with maxmemory-policy ${EVICTION.policy} and a small maxmemory`);
          let after: FillResult;
          try {
            after = await fillAndReadBack(redis, EVICTION);
            await removeFill(redis, EVICTION);
          } finally {
            // The cache goes back to its normal size and policy, whatever happened above.
            await ctx.call(new ResetCacheParameterGroupCommand({ CacheParameterGroupName: PARAMETER_GROUP_NAME, ResetAllParameters: true }));
          }
          await waitUntilAvailable(ctx);
          await recordResults(ctx, (results) => {
            results.eviction = { before, after, policy: EVICTION.policy };
          });
          const row = (when: string, fill: FillResult) => ({
            When: when,
            Policy: fill.maxmemoryPolicy,
            MaxMemory: fill.maxmemory === 0 ? 'no limit' : `${(fill.maxmemory / 1048576).toFixed(1)} MiB`,
            Written: fill.written,
            Refused: fill.refused,
            StillThere: fill.found,
            Evicted: fill.evictedKeys,
            HitRatio: fill.hitRatio.toFixed(3),
          });
          return { operation: 'EvictionExperiment', response: { Keys: EVICTION.keys, ValueBytes: EVICTION.valueBytes, Results: [row('before', before), row('after', after)] } };
        });
      },
    },
  ],
};

/** The policy, and a few MiB of memory through whichever parameter this cache lets a learner change. */
async function smallCacheParameters(ctx: StepContext) {
  const { DescribeCacheParametersCommand } = await elasticache();
  const listed = await ctx.call(new DescribeCacheParametersCommand({ CacheParameterGroupName: PARAMETER_GROUP_NAME, MaxRecords: 100 }));
  const maxmemoryModifiable = (listed.Parameters ?? []).some((parameter) => parameter.ParameterName === 'maxmemory' && parameter.IsModifiable);
  return [
    { ParameterName: 'maxmemory-policy', ParameterValue: EVICTION.policy },
    maxmemoryModifiable
      ? { ParameterName: 'maxmemory', ParameterValue: SMALL_MAXMEMORY_BYTES }
      : { ParameterName: 'reserved-memory-percent', ParameterValue: LARGE_RESERVED_MEMORY_PERCENT },
  ];
}

/** A parameter change reaches the nodes a moment after the API answers: wait until the node reports it. */
async function waitForPolicy(ctx: StepContext, redis: import('ioredis').Redis, policy: string): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    if (parseInfo(await redis.info('memory')).maxmemory_policy === policy) return;
    ctx.progress(`waiting for the node to apply maxmemory-policy ${policy}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the cache node still does not report maxmemory-policy ${policy} after 30 s`);
}
