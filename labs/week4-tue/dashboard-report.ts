/**
 * Draws the dashboard into an HTML file: the metric widgets' data from GetMetricData, the
 * alarm's state from DescribeAlarms, the log widget's rows from a Logs Insights query, each
 * the call the console makes for the same widget.
 */
import type { StepResult } from '../../src/runner/lab.js';
import type { StepContext } from '../../src/runner/step-context.js';
import { DISK_WIDGET, LOG_WIDGET, MEMORY_WIDGET } from './dashboard-body.js';
import { dashboardHtml } from './dashboard-html.js';
import { resultTable, runInsightsQuery, type InsightsWindow } from './insights.js';
import { seriesOf, widgetQueries } from './metric-math.js';
import { ALARM, DASHBOARD, LAB_ID, LOG_GROUP } from './names.js';

const cloudwatch = () => import('@aws-sdk/client-cloudwatch');

export async function writeDashboardReport(ctx: StepContext, options: { window: InsightsWindow; errorsQuery: string }): Promise<StepResult> {
  const { DescribeAlarmsCommand, GetMetricDataCommand } = await cloudwatch();
  const charts = [];
  for (const widget of [DISK_WIDGET, MEMORY_WIDGET]) {
    const data = await ctx.call(new GetMetricDataCommand({
      MetricDataQueries: widgetQueries(widget),
      StartTime: new Date(options.window.fromMs),
      EndTime: new Date(options.window.toMs),
      ScanBy: 'TimestampAscending',
    }));
    const visible = widget.queries.filter((query) => query.visible !== false).map((query) => query.id);
    charts.push({ title: widget.title, series: ctx.dryRun ? [] : visible.flatMap((id) => seriesOf(data, id)) });
  }
  const alarms = await ctx.call(new DescribeAlarmsCommand({ AlarmNames: [ALARM] }));
  const alarm = alarms.MetricAlarms?.[0];
  const insights = await runInsightsQuery(ctx, LOG_GROUP, options.errorsQuery, options.window);
  const reportFile = `${LAB_ID}-dashboard-${ctx.run}.html`;
  // A dry run has only placeholders to draw: it shows the calls and where the file would go.
  if (ctx.dryRun) return { operation: 'DashboardReport', response: { DashboardName: DASHBOARD, ReportFile: await ctx.writeArtifact(reportFile, '') } };
  const table = resultTable(insights.results);
  const html = dashboardHtml({
    name: DASHBOARD,
    // Not the target's description: an endpoint's URL in the page would be the one link in an offline file.
    context: `${ctx.target.kind === 'aws' ? 'your AWS account' : 'the lab sandbox'} (${ctx.region}), run ${ctx.run}, drawn ${new Date().toISOString()}`,
    charts,
    alarm: { name: ALARM, state: alarm?.StateValue ?? 'INSUFFICIENT_DATA', reason: alarm?.StateReason ?? '', ...(alarm?.StateUpdatedTimestamp ? { updated: new Date(alarm.StateUpdatedTimestamp).toISOString() } : {}) },
    insights: { title: LOG_WIDGET.title, query: LOG_WIDGET.query, columns: table.columns, rows: table.rows },
  });
  const written = await ctx.writeArtifact(reportFile, html);
  return {
    operation: 'DashboardReport',
    response: { DashboardName: DASHBOARD, Charts: charts.map((chart) => ({ Title: chart.title, Series: chart.series.length })), AlarmState: alarm?.StateValue, InsightsRows: table.rows.length, ReportFile: written },
  };
}
