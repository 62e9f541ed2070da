/**
 * Percentiles, defined once for everything lab measures: the labs' latency summaries and
 * the benchmark harness's figures. Nearest rank, so every figure (a p99, a median) is a
 * sample that really happened, never a blend of two; on a handful of runs it reads as
 * "the third of five", which is what a reader checks against the raw times.
 */

/** The p-th percentile (0 to 100) of samples already sorted ascending, by nearest rank. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The p-th percentile (0 to 100) of samples in any order. */
export function percentile(samples: readonly number[], p: number): number {
  return nearestRank([...samples].sort((a, b) => a - b), p);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}
