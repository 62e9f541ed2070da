/**
 * ListMetrics: a region's metrics filtered by namespace, name and dimensions (a filter
 * with only a Name matches any value of that dimension), and RecentlyActive PT3H (a put in
 * the last three hours), 500 a page.
 */
import type { ListMetricsCommandInput, ListMetricsCommandOutput } from '@aws-sdk/client-cloudwatch';
import type { Handler } from '../../service.js';
import { invalidParameter, invalidValue } from './errors.js';
import { page } from './pages.js';
import type { CloudWatchState, Metric } from './state.js';

const PAGE_SIZE = 500;
const DIMENSION_FILTERS = 30;
const THREE_HOURS = 3 * 3600 * 1000;

export function listMetrics(state: CloudWatchState): Handler<ListMetricsCommandInput, ListMetricsCommandOutput> {
  return (input, ctx) => {
    if (input.RecentlyActive !== undefined && input.RecentlyActive !== 'PT3H') throw invalidParameter(input.RecentlyActive, 'RecentlyActive');
    const filters = input.Dimensions ?? [];
    if (filters.length > DIMENSION_FILTERS) throw invalidValue(`The collection Dimensions must not contain more than ${DIMENSION_FILTERS} items.`);
    const since = ctx.clock.now() - THREE_HOURS;
    const matches = (metric: Metric): boolean =>
      (input.Namespace === undefined || metric.Namespace === input.Namespace) &&
      (input.MetricName === undefined || metric.MetricName === input.MetricName) &&
      filters.every((filter) => metric.Dimensions.some((d) => d.Name === filter.Name && (filter.Value === undefined || d.Value === filter.Value))) &&
      (input.RecentlyActive === undefined || metric.lastPut >= since);
    const { items, NextToken } = page(state.metrics(ctx.region).filter(matches), input.NextToken, PAGE_SIZE);
    return {
      Metrics: items.map(({ Namespace, MetricName, Dimensions }) => ({ Namespace, MetricName, Dimensions: Dimensions.map((d) => ({ ...d })) })),
      ...(NextToken === undefined ? {} : { NextToken }),
    };
  };
}
