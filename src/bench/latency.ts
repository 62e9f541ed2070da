/**
 * Latency samples and what a learner reads from them: percentiles (nearest rank, see
 * percentiles.ts), the worst case, and throughput.
 */
import { nearestRank } from './percentiles.js';

export interface LatencySummary {
  /** What was measured: `cache hit`, `cache miss (cache + DynamoDB)`, `DynamoDB GetItem`. */
  name: string;
  samples: number;
  /** Milliseconds. */
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** Sequential operations per second: samples over the summed latency. */
  throughputPerSecond: number;
}

export function summarize(name: string, millis: readonly number[]): LatencySummary {
  const sorted = [...millis].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    name,
    samples: sorted.length,
    p50: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    p95: nearestRank(sorted, 95),
    p99: nearestRank(sorted, 99),
    max: sorted[sorted.length - 1]!,
    throughputPerSecond: total > 0 ? (sorted.length * 1000) / total : 0,
  };
}

/** Times one operation with the monotonic high-resolution clock, in milliseconds. */
export async function timeMillis(operation: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await operation();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
