/**
 * Latency samples and what a learner reads from them: percentiles (nearest rank, so every
 * figure is a latency that really happened), the worst case, and throughput.
 */

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

/** The p-th percentile (0..100) of samples by nearest rank. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
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
