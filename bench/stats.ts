/** Summaries of repeated timings. Medians and percentiles, not means: one slow outlier on a shared machine must not move the figure. */

/** The p-th percentile (0 to 100) by linear interpolation between the closest ranks. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new RangeError('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

export function best(samples: number[]): number {
  return Math.min(...samples);
}
