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
/** Periods under a minute read only the last three hours: high-resolution data is kept at its own resolution that long. */
const HIGH_RESOLUTION_RETENTION = 3 * 3600 * 1000;

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

export function periodOf(startTime: number, endTime: number, seconds: number): Period {
  return { start: alignedStart(startTime, seconds), end: endTime, seconds };
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
 * keeps of it; periods under a minute see only the last three hours.
 */
export function buckets(metric: Metric | undefined, period: Period, unit: string | undefined, now: number): Bucket[] {
  if (metric === undefined) return [];
  const periodMs = period.seconds * 1000;
  const byKey = new Map<string, Bucket>();
  for (const datapoint of metric.datapoints) {
    if (unit !== undefined && datapoint.unit !== unit) continue;
    const at = datapoint.storageResolution === 60 && period.seconds < 60 ? Math.floor(datapoint.timestamp / MINUTE) * MINUTE : datapoint.timestamp;
    if (period.seconds < 60 && at < now - HIGH_RESOLUTION_RETENTION) continue;
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
