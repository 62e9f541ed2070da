/**
 * GetMetricData: the queries' results (metric-queries.ts: MetricStat and metric math alike),
 * timestamps and values side by side, newest first unless ScanBy says TimestampAscending;
 * MaxDatapoints across all results a page, the rest behind a NextToken (a result cut short
 * says PartialData).
 */
import type { GetMetricDataCommandInput, GetMetricDataCommandOutput, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { Handler } from '../../service.js';
import { invalidParameter } from './errors.js';
import { evaluateMetricQueries } from './metric-queries.js';
import { page } from './pages.js';
import { checkTimeRange } from './series.js';
import type { CloudWatchState } from './state.js';

const DEFAULT_MAX_DATAPOINTS = 100_800;

interface Entry {
  result: number;
  timestamp: number;
  value: number;
}

export function getMetricData(state: CloudWatchState): Handler<GetMetricDataCommandInput, GetMetricDataCommandOutput> {
  return (input, ctx) => {
    if (input.ScanBy !== undefined && input.ScanBy !== 'TimestampAscending' && input.ScanBy !== 'TimestampDescending') {
      throw invalidParameter(input.ScanBy, 'ScanBy');
    }
    const startTime = new Date(input.StartTime ?? 0).getTime();
    const endTime = new Date(input.EndTime ?? 0).getTime();
    checkTimeRange(startTime, endTime);
    const size = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
    if (size < 1) throw invalidParameter(size, 'MaxDatapoints');
    const results = evaluateMetricQueries(state, input.MetricDataQueries ?? [], { startTime, endTime, region: ctx.region, now: ctx.clock.now() });

    const ascending = input.ScanBy === 'TimestampAscending';
    const entries: Entry[] = [];
    results.forEach((result, r) => {
      const points = result.timestamps.map((timestamp, i) => ({ result: r, timestamp, value: result.values[i]! }));
      if (!ascending) points.reverse();
      entries.push(...points);
    });

    const { items, NextToken } = page(entries, input.NextToken, size);
    const pageEnd = items.length === 0 ? entries.length : entries.indexOf(items[items.length - 1]!) + 1;
    const MetricDataResults = results.map((result, r): MetricDataResult => {
      const mine = items.filter((entry) => entry.result === r);
      const more = entries.slice(pageEnd).some((entry) => entry.result === r);
      return {
        Id: result.Id,
        Label: result.Label,
        Timestamps: mine.map((entry) => new Date(entry.timestamp)),
        Values: mine.map((entry) => entry.value),
        StatusCode: more ? 'PartialData' : 'Complete',
        ...(result.messages.length === 0 ? {} : { Messages: result.messages }),
      };
    });
    return { MetricDataResults, Messages: [], ...(NextToken === undefined ? {} : { NextToken }) };
  };
}
