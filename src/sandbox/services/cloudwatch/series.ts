/**
 * One metric's datapoints between two times, gathered into periods: what GetMetricStatistics
 * and GetMetricData both read. The rules on a query's time range (Period, StartTime before
 * EndTime, at most 1,440 periods) are AWS's, worded as AWS words them.
 */
import { alignedStart, periodIndex, type Sample } from './aggregation.js';
import { invalidCombination, invalidValue } from './errors.js';
import type { Metric } from './state.js';

/** Periods under a minute that high-resolution metrics may be read at (GetMetricStatistics' Period; MetricStat adds 20). */
export const STATISTICS_SHORT_PERIODS: readonly number[] = [1, 5, 10, 30];
export const METRIC_STAT_SHORT_PERIODS: readonly number[] = [1, 5, 10, 20, 30];

const DATAPOINT_LIMIT = 1440;
const MINUTE = 60_000;
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
/**
 * How long CloudWatch keeps each resolution (the GetMetricData documentation): under a
 * minute for 3 hours, a minute for 15 days, 5 minutes for 63 days, an hour for 455 days.
 * A datapoint older than a tier is read only at a period that is a multiple of the next.
 */
const RETENTION: ReadonlyArray<[maxAge: number, granularity: number]> = [[3 * HOUR, 1], [15 * DAY, 60], [63 * DAY, 300], [455 * DAY, 3600]];

/** Whether a datapoint `age` ms old is still kept at a resolution a `seconds` period can read. */
function readableAt(age: number, seconds: number): boolean {
  const tier = RETENTION.find(([maxAge]) => age <= maxAge);
  return tier !== undefined && seconds % tier[1] === 0;
}

export interface Period {
  /** The first period's start, ms: StartTime rounded down (aggregation.ts, alignedStart). */
  start: number;
  end: number;
  seconds: number;
}

export interface Bucket {
  /** The period's start, ms. */
  timestamp: number;
  unit: string;
  samples: Sample[];
}

/** `parameter`: how the query names its Period (`Period`, `MetricDataQueries.member.1.MetricStat.Period`). */
export function checkPeriod(seconds: number, shortPeriods: readonly number[], parameter: string): void {
  if (seconds < 1 || (seconds < 60 ? !shortPeriods.includes(seconds) : seconds % 60 !== 0)) {
    throw invalidValue(`The parameter ${parameter} must be a multiple of 60.`);
  }
}

export function checkTimeRange(startTime: number, endTime: number): void {
  if (startTime >= endTime) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.');
}

/** `now`: the clock's, for how far back StartTime is (aggregation.ts, alignedStart). */
export function periodOf(startTime: number, endTime: number, seconds: number, now?: number): Period {
  return { start: alignedStart(startTime, seconds, now), end: endTime, seconds };
}

/** GetMetricStatistics' limit: AWS counts the periods the range spans. */
export function checkDatapointLimit(period: Period): void {
  const requested = Math.ceil((period.end - period.start) / (period.seconds * 1000));
  if (requested > DATAPOINT_LIMIT) {
    throw invalidCombination(
      `You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of 1,440. ` +
        'You may reduce the datapoints requested by increasing Period, or decreasing the time range.',
    );
  }
}

/**
 * The metric's datapoints per period (and per unit, as CloudWatch keeps units apart), in
 * time order. A regular-resolution datapoint counts at its minute, which is all CloudWatch
 * keeps of it; what is older than its resolution's retention is read only at a coarser period.
 */
export function buckets(metric: Metric | undefined, period: Period, unit: string | undefined, now: number): Bucket[] {
  if (metric === undefined) return [];
  const periodMs = period.seconds * 1000;
  const byKey = new Map<string, Bucket>();
  for (const datapoint of metric.datapoints) {
    if (unit !== undefined && datapoint.unit !== unit) continue;
    const at = datapoint.storageResolution === 60 && period.seconds < 60 ? Math.floor(datapoint.timestamp / MINUTE) * MINUTE : datapoint.timestamp;
    if (!readableAt(now - at, period.seconds)) continue;
    const index = periodIndex(at, period.start, period.end, periodMs);
    if (index === undefined) continue;
    const timestamp = period.start + index * periodMs;
    const key = `${timestamp} ${datapoint.unit}`;
    const bucket = byKey.get(key) ?? { timestamp, unit: datapoint.unit, samples: [] };
    bucket.samples.push(datapoint.sample);
    byKey.set(key, bucket);
  }
  return [...byKey.values()].sort((a, b) => a.timestamp - b.timestamp || (a.unit < b.unit ? -1 : 1));
}
