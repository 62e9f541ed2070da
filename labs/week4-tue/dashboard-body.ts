/**
 * The dashboard as PutDashboard takes it: a JSON body of widgets on a 24-column grid. Two
 * metric widgets built from SEARCH (the top 3 disks by SORT, and memory per instance), the
 * alarm's status, and a Logs Insights table of the latest errors. The HTML rendering reads
 * the same widgets, so what the console shows and what the report shows are one definition.
 */
import { ALARM, DISK_SEARCH, HISTORY_HOURS, LOG_GROUP, MEMORY_SEARCH, METRIC_PERIOD_SECONDS } from './names.js';

export interface MetricWidgetQuery {
  id: string;
  expression: string;
  label?: string;
  /** False for an expression only others use. */
  visible?: boolean;
}

export interface MetricWidgetSpec {
  title: string;
  queries: MetricWidgetQuery[];
}

export const DISK_WIDGET: MetricWidgetSpec = {
  title: 'Top 3 instances by disk used (%)',
  queries: [
    { id: 'e1', expression: DISK_SEARCH, visible: false },
    { id: 'top3', expression: 'SORT(e1, SUM, DESC, 3)', label: "${PROP('Dim.InstanceId')} disk" },
  ],
};

export const MEMORY_WIDGET: MetricWidgetSpec = {
  title: 'Memory used per instance (%)',
  queries: [{ id: 'e2', expression: MEMORY_SEARCH, label: "${PROP('Dim.InstanceId')} memory" }],
};

export const ERRORS_QUERY = 'fields @timestamp, @logStream, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20';

export const LOG_WIDGET = { title: `Latest ERROR lines in ${LOG_GROUP}`, query: ERRORS_QUERY } as const;

function metricWidget(spec: MetricWidgetSpec, region: string, x: number, y: number) {
  return {
    type: 'metric',
    x,
    y,
    width: 12,
    height: 6,
    properties: {
      title: spec.title,
      region,
      view: 'timeSeries',
      stat: 'Average',
      period: METRIC_PERIOD_SECONDS,
      start: `-PT${HISTORY_HOURS}H`,
      end: 'P0D',
      metrics: spec.queries.map((query) => [{ expression: query.expression, id: query.id, ...(query.label ? { label: query.label } : {}), ...(query.visible === false ? { visible: false } : {}) }]),
    },
  };
}

export function dashboardBody(region: string, alarmArn: string): string {
  return JSON.stringify({
    start: `-PT${HISTORY_HOURS}H`,
    widgets: [
      metricWidget(DISK_WIDGET, region, 0, 0),
      metricWidget(MEMORY_WIDGET, region, 12, 0),
      { type: 'alarm', x: 0, y: 6, width: 8, height: 6, properties: { title: `Alarm ${ALARM}`, alarms: [alarmArn] } },
      {
        type: 'log',
        x: 8,
        y: 6,
        width: 16,
        height: 6,
        properties: { title: LOG_WIDGET.title, region, view: 'table', query: `SOURCE '${LOG_GROUP}' | ${LOG_WIDGET.query}` },
      },
    ],
  });
}
