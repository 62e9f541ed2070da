/**
 * Latency histograms on logarithmic buckets, shared by the terminal chart and the HTML
 * report: latencies spanning microseconds to tens of milliseconds only read well on a log scale.
 */

export interface Bucket {
  /** Lower and upper bound in milliseconds (upper exclusive). */
  from: number;
  to: number;
  count: number;
}

/** Bounds 1, 2, 5 per decade: the largest at or below the fastest sample up to the first above the slowest. */
export function logBounds(series: readonly (readonly number[])[]): number[] {
  const all = series.flat();
  if (all.length === 0) return [];
  const low = Math.max(Math.min(...all), 0.001);
  const high = Math.max(...all);
  const candidates: number[] = [];
  for (let decade = Math.floor(Math.log10(low)); decade <= Math.ceil(Math.log10(high)) + 1; decade++) {
    for (const step of [1, 2, 5]) candidates.push(Number((step * 10 ** decade).toPrecision(1)));
  }
  const first = candidates.filter((bound) => bound <= low).pop() ?? candidates[0]!;
  const last = candidates.find((bound) => bound > high)!;
  return candidates.filter((bound) => bound >= first && bound <= last);
}

export function histogram(samples: readonly number[], bounds: readonly number[]): Bucket[] {
  const buckets = bounds.slice(0, -1).map((from, index) => ({ from, to: bounds[index + 1]!, count: 0 }));
  for (const sample of samples) {
    const bucket = buckets.find((candidate) => sample < candidate.to) ?? buckets[buckets.length - 1];
    if (bucket) bucket.count++;
  }
  return buckets;
}

export function formatMillis(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${Number(ms.toPrecision(3))} ms`;
  return `${Math.round(ms * 1000)} µs`;
}

/**
 * Side-by-side text histograms, one bar per series and bucket, scaled to the largest share
 * so series with different sample counts compare by shape.
 */
export function terminalHistogram(series: readonly { name: string; millis: readonly number[] }[], width = 40): string {
  const bounds = logBounds(series.map((one) => one.millis));
  const counted = series.map((one) => ({ name: one.name, total: one.millis.length, buckets: histogram(one.millis, bounds) }));
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  const largest = Math.max(...counted.flatMap((one) => one.buckets.map((bucket) => share(bucket.count, one.total))), 0);
  const nameWidth = Math.max(...series.map((one) => one.name.length));
  const lines: string[] = [];
  const ranges = counted[0]?.buckets ?? [];
  ranges.forEach((range, index) => {
    if (counted.every((one) => one.buckets[index]!.count === 0)) return;
    lines.push(`${formatMillis(range.from)} – ${formatMillis(range.to)}`);
    for (const one of counted) {
      const part = share(one.buckets[index]!.count, one.total);
      const bar = largest === 0 ? '' : '█'.repeat(Math.round((part / largest) * width));
      lines.push(`  ${one.name.padEnd(nameWidth)} ${bar}${bar ? ' ' : ''}${(part * 100).toFixed(1)}%`);
    }
  });
  return lines.join('\n');
}
