/**
 * The cache-aside benchmark: N reads at a chosen hit ratio through the cache, each timed
 * with the high-resolution clock and filed as a hit or a miss by where the answer came
 * from, beside N direct DynamoDB reads of the same items. A warm-up first lets sockets,
 * JIT and both servers settle, so the figures describe the steady state.
 */
import type { CacheAside, Key } from '../cache/cache-aside.js';
import { summarize, timeMillis, type LatencySummary } from './latency.js';

export interface BenchmarkOptions {
  cache: CacheAside;
  /** Keys of items that exist in the table. */
  keys: readonly Key[];
  samples: number;
  /** 0..1: the share of reads that should find the item cached. */
  hitRatio: number;
  warmUp: number;
  /** Reproducible choices of key and hit/miss; Math.random when absent. */
  random?: () => number;
}

export interface BenchmarkResult {
  /** Milliseconds per read. */
  hit: number[];
  miss: number[];
  direct: number[];
  /** The hits among the cache-aside reads, as measured (not as planned). */
  measuredHitRatio: number;
  summaries: LatencySummary[];
}

export const SERIES = { hit: 'cache hit', miss: 'cache miss (cache + DynamoDB)', direct: 'DynamoDB GetItem' } as const;

export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const { cache, keys } = options;
  if (keys.length === 0) throw new RangeError('the benchmark needs at least one item to read');
  const random = options.random ?? Math.random;
  const pick = () => keys[Math.floor(random() * keys.length)]!;

  for (let i = 0; i < options.warmUp; i++) {
    const key = pick();
    await cache.read(key);
    await cache.getItem(key);
  }

  const hit: number[] = [];
  const miss: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const key = pick();
    const wantHit = random() < options.hitRatio;
    // Setting the stage is not timed: fill the cache for a hit, empty it for a miss.
    if (wantHit) await cache.read(key);
    else await cache.invalidate(key);
    let source = 'cache';
    const took = await timeMillis(async () => {
      source = (await cache.read(key)).source;
    });
    (source === 'cache' ? hit : miss).push(took);
    direct.push(await timeMillis(() => cache.getItem(key)));
  }
  const summaries = [summarize(SERIES.hit, hit), summarize(SERIES.miss, miss), summarize(SERIES.direct, direct)].filter((one) => one.samples > 0);
  return { hit, miss, direct, measuredHitRatio: hit.length / Math.max(1, hit.length + miss.length), summaries };
}
