/**
 * The metric math of the workshop: SEARCH finds every disk and memory series the agent
 * sent, SORT keeps the 3 fullest disks, an arithmetic expression turns memory used into
 * memory free, and dynamic labels name each series by its instance.
 */
import type { GetMetricDataCommandOutput, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { TimeSeries } from '../../src/output/line-chart.js';
import type { MetricWidgetSpec } from './dashboard-body.js';
import { DISK_SEARCH, MEMORY_SEARCH, METRIC_PERIOD_SECONDS } from './names.js';

export const INSTANCE_LABEL = "${PROP('Dim.InstanceId')}";

export const METRIC_MATH_QUERIES: MetricDataQuery[] = [
  { Id: 'e1', Expression: DISK_SEARCH, ReturnData: false },
  { Id: 'top3', Expression: 'SORT(e1, SUM, DESC, 3)', Label: `${INSTANCE_LABEL} disk`, ReturnData: true },
  { Id: 'e2', Expression: MEMORY_SEARCH, ReturnData: false },
  { Id: 'free', Expression: '100 - e2', Label: `${INSTANCE_LABEL} free memory`, ReturnData: true },
];

/** A dashboard widget's queries as GetMetricData takes them. */
export function widgetQueries(spec: MetricWidgetSpec): MetricDataQuery[] {
  return spec.queries.map((query) => ({
    Id: query.id,
    Expression: query.expression,
    ReturnData: query.visible !== false,
    ...(query.label ? { Label: query.label } : {}),
    Period: METRIC_PERIOD_SECONDS,
  }));
}

/** The results of one query id (a SEARCH or SORT answers several, all under its id), oldest point first. */
export function seriesOf(output: Pick<GetMetricDataCommandOutput, 'MetricDataResults'>, id?: string): TimeSeries[] {
  return (output.MetricDataResults ?? [])
    .filter((result) => id === undefined || result.Id === id)
    .map((result) => {
      const pairs = (result.Timestamps ?? []).map((at, index) => ({ at: new Date(at), value: result.Values?.[index] ?? 0 })).sort((a, b) => a.at.getTime() - b.at.getTime());
      return { label: result.Label ?? result.Id ?? '', timestamps: pairs.map((pair) => pair.at), values: pairs.map((pair) => pair.value) };
    });
}
