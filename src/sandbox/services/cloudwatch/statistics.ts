/**
 * GetMetricStatistics: one metric's standard statistics or percentiles per period, each
 * datapoint stamped with its period's start and its unit; at most 1,440 periods a call.
 */
import type { Datapoint, GetMetricStatisticsCommandInput, GetMetricStatisticsCommandOutput } from '@aws-sdk/client-cloudwatch';
import type { Handler } from '../../service.js';
import { isPercentile, percentile, STATISTICS, summarize, type Statistic } from './aggregation.js';
import { invalidCombination, invalidParameter } from './errors.js';
import { buckets, checkDatapointLimit, checkPeriod, checkTimeRange, periodOf, STATISTICS_SHORT_PERIODS } from './series.js';
import type { CloudWatchState } from './state.js';
import { STANDARD_UNITS } from './units.js';

export function getMetricStatistics(state: CloudWatchState): Handler<GetMetricStatisticsCommandInput, GetMetricStatisticsCommandOutput> {
  return (input, ctx) => {
    const statistics = input.Statistics ?? [];
    const extended = input.ExtendedStatistics ?? [];
    if (statistics.length > 0 && extended.length > 0) throw invalidCombination('Must specify either Statistics or ExtendedStatistics, but not both.');
    if (statistics.length === 0 && extended.length === 0) throw invalidCombination('Must specify either Statistics or ExtendedStatistics.');
    statistics.forEach((name, i) => {
      if (!(STATISTICS as readonly string[]).includes(name)) throw invalidParameter(name, `Statistics.member.${i + 1}`);
    });
    extended.forEach((name) => {
      if (!isPercentile(name)) throw invalidParameter(name, 'ExtendedStatistics');
    });
    if (input.Unit !== undefined && !STANDARD_UNITS.has(input.Unit)) throw invalidParameter(input.Unit, 'Unit');
    const seconds = input.Period ?? 0;
    checkPeriod(seconds, STATISTICS_SHORT_PERIODS, 'Period');
    const startTime = new Date(input.StartTime ?? 0).getTime();
    const endTime = new Date(input.EndTime ?? 0).getTime();
    checkTimeRange(startTime, endTime);
    const period = periodOf(startTime, endTime, seconds, ctx.clock.now());
    checkDatapointLimit(period);

    const metric = state.metric(ctx.region, { Namespace: input.Namespace ?? '', MetricName: input.MetricName ?? '', Dimensions: dimensionsOf(input) });
    const Datapoints = buckets(metric, period, input.Unit, ctx.clock.now()).map(({ timestamp, unit, samples }): Datapoint => {
      const datapoint: Datapoint = { Timestamp: new Date(timestamp) };
      const summary = summarize(samples);
      for (const name of statistics as Statistic[]) datapoint[name] = summary[name];
      if (extended.length > 0) {
        const values: Record<string, number> = {};
        for (const name of extended) {
          const value = percentile(samples, name);
          if (value !== undefined) values[name] = value;
        }
        datapoint.ExtendedStatistics = values;
      }
      datapoint.Unit = unit as Datapoint['Unit'];
      return datapoint;
    });
    return { Label: input.MetricName, Datapoints };
  };
}

function dimensionsOf(input: GetMetricStatisticsCommandInput): Array<{ Name: string; Value: string }> {
  return (input.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' }));
}
