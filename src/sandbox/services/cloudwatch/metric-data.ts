/**
 * GetMetricData with MetricStat queries: each query's statistic per period, timestamps and
 * values side by side, newest first unless ScanBy says TimestampAscending; MaxDatapoints
 * across all queries a page, the rest behind a NextToken (a query cut short says PartialData).
 */
import type { GetMetricDataCommandInput, GetMetricDataCommandOutput, MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { AwsError, missingParameter } from '../../errors.js';
import type { Handler } from '../../service.js';
import { isPercentile, STATISTICS, statisticNamed } from './aggregation.js';
import { invalidValue, invalidParameter } from './errors.js';
import { page } from './pages.js';
import { buckets, checkPeriod, checkTimeRange, METRIC_STAT_SHORT_PERIODS, periodOf } from './series.js';
import type { CloudWatchState } from './state.js';
import { STANDARD_UNITS } from './units.js';

const QUERIES_PER_CALL = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const ID = /^[a-z][a-zA-Z0-9_]*$/;

interface Entry {
  query: number;
  timestamp: number;
  value: number;
}

export function getMetricData(state: CloudWatchState): Handler<GetMetricDataCommandInput, GetMetricDataCommandOutput> {
  return (input, ctx) => {
    const queries = input.MetricDataQueries ?? [];
    if (queries.length > QUERIES_PER_CALL) throw invalidValue(`The collection MetricDataQueries must not contain more than ${QUERIES_PER_CALL} items.`);
    checkIds(queries);
    if (input.ScanBy !== undefined && input.ScanBy !== 'TimestampAscending' && input.ScanBy !== 'TimestampDescending') {
      throw invalidParameter(input.ScanBy, 'ScanBy');
    }
    const startTime = new Date(input.StartTime ?? 0).getTime();
    const endTime = new Date(input.EndTime ?? 0).getTime();
    checkTimeRange(startTime, endTime);
    const ascending = input.ScanBy === 'TimestampAscending';
    const returned = queries.filter((query) => query.ReturnData !== false);

    const entries: Entry[] = [];
    queries.forEach((query, i) => {
      const series = seriesOf(state, query, `MetricDataQueries.member.${i + 1}`, startTime, endTime, ctx.region, ctx.clock.now());
      if (query.ReturnData === false) return;
      if (!ascending) series.reverse();
      entries.push(...series.map(([timestamp, value]) => ({ query: returned.indexOf(query), timestamp, value })));
    });

    const size = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
    if (size < 1) throw invalidParameter(size, 'MaxDatapoints');
    const { items, NextToken } = page(entries, input.NextToken, size);
    const pageEnd = items.length === 0 ? entries.length : entries.indexOf(items[items.length - 1]!) + 1;
    const MetricDataResults = returned.map((query, q): MetricDataResult => {
      const mine = items.filter((entry) => entry.query === q);
      const more = entries.slice(pageEnd).some((entry) => entry.query === q);
      return {
        Id: query.Id,
        Label: query.Label ?? query.MetricStat?.Metric?.MetricName,
        Timestamps: mine.map((entry) => new Date(entry.timestamp)),
        Values: mine.map((entry) => entry.value),
        StatusCode: more ? 'PartialData' : 'Complete',
      };
    });
    return { MetricDataResults, Messages: [], ...(NextToken === undefined ? {} : { NextToken }) };
  };
}

function checkIds(queries: readonly MetricDataQuery[]): void {
  const seen = new Set<string>();
  queries.forEach((query, i) => {
    const id = query.Id ?? '';
    const parameter = `MetricDataQueries.member.${i + 1}.Id`;
    if (!ID.test(id)) throw new AwsError('ValidationError', `The value ${id} for parameter ${parameter} is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.`);
    if (seen.has(id)) throw invalidValue(`The value ${id} for parameter ${parameter} is duplicated.`);
    seen.add(id);
  });
}

/** One MetricStat query's [period start, value] pairs in time order; a period whose statistic CloudWatch has no value for is left out. */
function seriesOf(state: CloudWatchState, query: MetricDataQuery, at: string, startTime: number, endTime: number, region: string, now: number): Array<[number, number]> {
  const stat = query.MetricStat;
  if (stat === undefined) throw missingParameter(`${at}.MetricStat`);
  const seconds = stat.Period ?? 0;
  checkPeriod(seconds, METRIC_STAT_SHORT_PERIODS, `${at}.MetricStat.Period`);
  const name = stat.Stat ?? '';
  if (!(STATISTICS as readonly string[]).includes(name) && !isPercentile(name)) throw invalidParameter(name, `${at}.MetricStat.Stat`);
  if (stat.Unit !== undefined && !STANDARD_UNITS.has(stat.Unit)) throw invalidParameter(stat.Unit, `${at}.MetricStat.Unit`);
  const metric = state.metric(region, {
    Namespace: stat.Metric?.Namespace ?? '',
    MetricName: stat.Metric?.MetricName ?? '',
    Dimensions: (stat.Metric?.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })),
  });
  // GetMetricData gives one value a period whatever the units; the units' samples are pooled.
  const pooled = new Map<number, ReturnType<typeof buckets>[number]['samples']>();
  for (const bucket of buckets(metric, periodOf(startTime, endTime, seconds), stat.Unit, now)) {
    pooled.set(bucket.timestamp, [...(pooled.get(bucket.timestamp) ?? []), ...bucket.samples]);
  }
  const series: Array<[number, number]> = [];
  for (const [timestamp, samples] of pooled) {
    const value = statisticNamed(samples, name);
    if (value !== undefined) series.push([timestamp, value]);
  }
  return series;
}
