/**
 * What a full cache does, measured: write more data than fits, read it all back, and count
 * what is still there. With an eviction policy such as allkeys-lru Redis makes room by
 * dropping the least recently used keys, so the hit ratio falls; with volatile-lru (the
 * ElastiCache default) keys without a TTL cannot be evicted and writes are refused instead.
 */
import type { Redis } from 'ioredis';
import { parseInfo } from './redis-info.js';

export interface FillOptions {
  keys: number;
  valueBytes: number;
  /** Keys are `${prefix}${n}`, so the experiment never touches anything else. */
  prefix: string;
}

export interface FillResult {
  written: number;
  /** Writes Redis refused (OOM: maxmemory reached and nothing it may evict). */
  refused: number;
  /** Keys still readable afterwards. */
  found: number;
  /** found / attempted writes. */
  hitRatio: number;
  /** From INFO: the server's eviction count grew by this much during the fill. */
  evictedKeys: number;
  maxmemoryPolicy: string;
  /** Bytes; 0 means no limit. */
  maxmemory: number;
}

const BATCH = 500;

export async function fillAndReadBack(redis: Redis, options: FillOptions): Promise<FillResult> {
  const evictedBefore = await infoNumber(redis, 'stats', 'evicted_keys');
  const value = 'x'.repeat(options.valueBytes);
  let written = 0;
  let refused = 0;
  for (let start = 0; start < options.keys; start += BATCH) {
    const pipeline = redis.pipeline();
    for (let n = start; n < Math.min(options.keys, start + BATCH); n++) pipeline.set(`${options.prefix}${n}`, value);
    for (const [error] of (await pipeline.exec()) ?? []) {
      if (error) refused++;
      else written++;
    }
  }
  let found = 0;
  for (let start = 0; start < options.keys; start += BATCH) {
    const names = Array.from({ length: Math.min(BATCH, options.keys - start) }, (_, i) => `${options.prefix}${start + i}`);
    found += (await redis.exists(...names));
  }
  return {
    written,
    refused,
    found,
    hitRatio: found / options.keys,
    evictedKeys: (await infoNumber(redis, 'stats', 'evicted_keys')) - evictedBefore,
    maxmemoryPolicy: (await infoField(redis, 'memory', 'maxmemory_policy')) ?? 'unknown',
    maxmemory: await infoNumber(redis, 'memory', 'maxmemory'),
  };
}

/** Removes what the experiment wrote, batch by batch (UNLINK frees memory off the main thread). */
export async function removeFill(redis: Redis, options: Pick<FillOptions, 'keys' | 'prefix'>): Promise<void> {
  for (let start = 0; start < options.keys; start += BATCH) {
    const names = Array.from({ length: Math.min(BATCH, options.keys - start) }, (_, i) => `${options.prefix}${start + i}`);
    await redis.unlink(...names);
  }
}

async function infoField(redis: Redis, section: string, field: string): Promise<string | undefined> {
  return parseInfo(await redis.info(section))[field];
}

async function infoNumber(redis: Redis, section: string, field: string): Promise<number> {
  return Number((await infoField(redis, section, field)) ?? 0);
}
