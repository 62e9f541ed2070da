/**
 * CloudWatch's statistics over a period, as the CloudWatch User Guide defines them
 * ("Statistics definitions", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html):
 * SampleCount, Sum, Minimum, Maximum, Average = Sum / SampleCount, and percentiles pNN.NN
 * from raw values. A leaf: plain numbers in, plain numbers out.
 */

const DAY = 24 * 3600 * 1000;

/** What one put datapoint contributes: raw values with their counts, or a statistic set. */
export type Sample =
  | { readonly values: readonly number[]; readonly counts: readonly number[] }
  | { readonly set: { readonly SampleCount: number; readonly Sum: number; readonly Minimum: number; readonly Maximum: number } };

export interface Summary {
  SampleCount: number;
  Sum: number;
  Minimum: number;
  Maximum: number;
  Average: number;
}

export const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
export type Statistic = (typeof STATISTICS)[number];

/** `p99`, `p99.9`, `p0.1`: CloudWatch's percentile names (up to two decimals). */
const PERCENTILE = /^p(\d{1,2}(\.\d{1,2})?|100)$/;

export function isPercentile(name: string): boolean {
  return PERCENTILE.test(name) && Number(name.slice(1)) <= 100;
}

/** The period a timestamp falls in, counted from `start`; undefined before `start` or from `end` on. */
export function periodIndex(timestamp: number, start: number, end: number, periodMs: number): number | undefined {
  if (timestamp < start || timestamp >= end) return undefined;
  return Math.floor((timestamp - start) / periodMs);
}

/**
 * Where a query's first period starts (the GetMetricStatistics StartTime documentation):
 * StartTime less than 15 days before `now` rounded down to the whole minute, or, for a
 * period of 1, 5, 10 or 30 seconds, to the even division of the minute; 15 to 63 days
 * before, to the 5-minute clock interval; older, to the hour. `now` defaults to StartTime
 * itself (a recent start).
 */
export function alignedStart(startTime: number, periodSeconds: number, now: number = startTime): number {
  const age = now - startTime;
  const seconds = age > 63 * DAY ? 3600 : age > 15 * DAY ? 300 : periodSeconds < 60 ? periodSeconds : 60;
  const step = seconds * 1000;
  return Math.floor(startTime / step) * step;
}

export function summarize(samples: readonly Sample[]): Summary {
  let SampleCount = 0;
  let Sum = 0;
  let Minimum = Infinity;
  let Maximum = -Infinity;
  for (const sample of samples) {
    if ('set' in sample) {
      SampleCount += sample.set.SampleCount;
      Sum += sample.set.Sum;
      Minimum = Math.min(Minimum, sample.set.Minimum);
      Maximum = Math.max(Maximum, sample.set.Maximum);
      continue;
    }
    sample.values.forEach((value, i) => {
      const count = sample.counts[i] ?? 1;
      SampleCount += count;
      Sum += value * count;
      Minimum = Math.min(Minimum, value);
      Maximum = Math.max(Maximum, value);
    });
  }
  return { SampleCount, Sum, Minimum, Maximum, Average: SampleCount === 0 ? 0 : Sum / SampleCount };
}

export function statistic(summary: Summary, name: Statistic): number {
  return summary[name];
}

/**
 * The percentile `name` (`p90`) of the samples, or undefined where CloudWatch has none:
 * a negative value anywhere, or a statistic set that is not raw values in disguise
 * (PutMetricData: SampleCount 1 with Min = Max = Sum, or Min = Max with Sum = Min x SampleCount).
 * The nearest rank: the smallest value with at least p% of the samples at or below it.
 */
export function percentile(samples: readonly Sample[], name: string): number | undefined {
  const weighted: Array<[value: number, count: number]> = [];
  for (const sample of samples) {
    if ('set' in sample) {
      const { SampleCount, Sum, Minimum, Maximum } = sample.set;
      if (Minimum !== Maximum || Sum !== Minimum * SampleCount) return undefined;
      weighted.push([Minimum, SampleCount]);
    } else {
      sample.values.forEach((value, i) => weighted.push([value, sample.counts[i] ?? 1]));
    }
  }
  const total = weighted.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0 || weighted.some(([value]) => value < 0)) return undefined;
  weighted.sort((a, b) => a[0] - b[0]);
  const rank = Math.max(1, Math.ceil((Number(name.slice(1)) / 100) * total));
  let seen = 0;
  for (const [value, count] of weighted) {
    seen += count;
    if (seen >= rank) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** Any statistic by CloudWatch's name: the five standard ones or a percentile. */
export function statisticNamed(samples: readonly Sample[], name: string): number | undefined {
  if (isPercentile(name)) return percentile(samples, name);
  return statistic(summarize(samples), name as Statistic);
}
