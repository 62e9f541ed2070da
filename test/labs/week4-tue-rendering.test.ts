/** week4-tue's pure parts: the played agent's data, the terminal charts, the dashboard body and its HTML. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agentInstances, agentLogEvents, agentMetricData, errorBurst, logEventBatches, syslogTime } from '../../labs/week4-tue/agent-data.js';
import { dashboardBody } from '../../labs/week4-tue/dashboard-body.js';
import { dashboardHtml, lineChartSvg } from '../../labs/week4-tue/dashboard-html.js';
import { resultTable } from '../../labs/week4-tue/insights.js';
import { seriesOf } from '../../labs/week4-tue/metric-math.js';
import { shrink, terminalLineChart, terminalLineCharts } from '../../src/output/line-chart.js';

const window = { fromMs: Date.UTC(2026, 11, 4, 9), toMs: Date.UTC(2026, 11, 4, 12) };

test('the five instances and their lines are the same every time', () => {
  const instances = agentInstances();
  assert.equal(instances.length, 5);
  assert.equal(new Set(instances.map((instance) => instance.instanceId)).size, 5);
  for (const instance of instances) assert.match(instance.instanceId, /^i-0[0-9a-f]{16}$/);
  assert.deepEqual(agentInstances(), instances);
  assert.deepEqual(agentLogEvents(instances[0]!, window), agentLogEvents(instances[0]!, window));
});

test('log lines read like /var/log/messages, in time order inside the window, with every level', () => {
  const events = agentLogEvents(agentInstances()[0]!, window);
  assert.ok(events.length > 200 && events.length < 1100, `${events.length} events`);
  for (let at = 1; at < events.length; at++) assert.ok(events[at]!.timestamp! > events[at - 1]!.timestamp!);
  assert.ok(events[0]!.timestamp! >= window.fromMs && events.at(-1)!.timestamp! < window.toMs);
  for (const level of ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']) assert.ok(events.some((event) => event.message!.includes(`python3[2417]: ${level} `)), level);
  assert.ok(events.some((event) => event.message!.includes('on eth0')));
  assert.equal(syslogTime(Date.UTC(2026, 11, 4, 9, 3, 7)), 'Dec  4 09:03:07');
  assert.match(events[0]!.message!, /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d ip-10-0-\d-\d+ /);
});

test('an error burst is `count` ERROR lines inside one minute', () => {
  const minute = Date.UTC(2026, 11, 4, 12, 5);
  const burst = errorBurst(agentInstances()[1]!, minute, 15);
  assert.equal(burst.length, 15);
  for (const event of burst) {
    assert.ok(event.timestamp! >= minute && event.timestamp! < minute + 60_000);
    assert.match(event.message!, / ERROR /);
  }
});

test('PutLogEvents batches keep order and stay under 10,000 events and 1 MiB', () => {
  const events = Array.from({ length: 25_000 }, (_, index) => ({ timestamp: 25_000 - index, message: 'x'.repeat(10) }));
  const batches = logEventBatches(events);
  assert.deepEqual(batches.map((batch) => batch.length), [10_000, 10_000, 5_000]);
  assert.equal(batches[0]![0]!.timestamp, 1);
  const big = logEventBatches(Array.from({ length: 30 }, (_, index) => ({ timestamp: index, message: 'y'.repeat(100_000) })));
  for (const batch of big) assert.ok(batch.reduce((sum, event) => sum + event.message!.length + 26, 0) <= 1_048_576);
});

test("metric data: the agent's dimensions, 5-minute points on period boundaries, percentages", () => {
  const instance = agentInstances()[2]!;
  const data = agentMetricData(instance, window, 300);
  assert.equal(data.length, 2 * 36);
  const disk = data.filter((datum) => datum.MetricName === 'disk_used_percent');
  assert.deepEqual(disk[0]!.Dimensions!.map((dimension) => dimension.Name).sort(), ['InstanceId', 'device', 'fstype', 'path']);
  assert.deepEqual(data.find((datum) => datum.MetricName === 'mem_used_percent')!.Dimensions, [{ Name: 'InstanceId', Value: instance.instanceId }]);
  for (const datum of data) {
    assert.equal(datum.Timestamp!.getTime() % 300_000, 0);
    assert.ok(datum.Value! > 0 && datum.Value! < 100);
    assert.equal(datum.Unit, 'Percent');
  }
});

const series = { label: 'i-0abc disk', timestamps: [0, 1, 2, 3].map((index) => new Date(Date.UTC(2026, 11, 4, 9) + index * 300_000)), values: [40, 42, 41, 45] };

test('a terminal chart: a legend with min, max and last, a plot of the given height, the time range', () => {
  const chart = terminalLineChart(series, { height: 4, unit: '%' });
  const lines = chart.split('\n');
  assert.equal(lines[0], '● i-0abc disk  (min 40.0%, max 45.0%, last 45.0%)');
  assert.equal(lines.length, 1 + 5 + 1);
  assert.match(lines[1]!, /45\.0 ┤/);
  assert.match(lines.at(-1)!, /09:00 +09:15 UTC$/);
  assert.match(terminalLineCharts('Title:', [series, { label: 'empty', timestamps: [], values: [] }]), /^Title:\n\n● i-0abc disk[\s\S]*● empty: no datapoints in this range$/);
  // A flat series still plots.
  assert.match(terminalLineChart({ ...series, values: [50, 50, 50, 50] }), /50\.0/);
});

test('shrink averages a long series down to the width', () => {
  assert.deepEqual(shrink([1, 2, 3], 5), [1, 2, 3]);
  assert.deepEqual(shrink([1, 3, 5, 7], 2), [2, 6]);
  assert.equal(shrink(Array.from({ length: 100 }, (_, index) => index), 30).length, 30);
});

test('GetMetricData results become series oldest first, per query id', () => {
  const output = {
    MetricDataResults: [
      { Id: 'top3', Label: 'a', Timestamps: [new Date(2000), new Date(1000)], Values: [2, 1] },
      { Id: 'free', Label: 'b', Timestamps: [new Date(1000)], Values: [5] },
    ],
  };
  assert.deepEqual(seriesOf(output, 'top3'), [{ label: 'a', timestamps: [new Date(1000), new Date(2000)], values: [1, 2] }]);
  assert.equal(seriesOf(output).length, 2);
});

test('Insights rows become a table without @ptr', () => {
  const table = resultTable([
    [{ field: '@timestamp', value: '2026-12-04 09:00:00.000' }, { field: '@message', value: 'ERROR x' }, { field: '@ptr', value: 'abc' }],
    [{ field: '@timestamp', value: '2026-12-04 09:01:00.000' }, { field: '@message', value: 'ERROR y' }],
  ]);
  assert.deepEqual(table, { columns: ['@timestamp', '@message'], rows: [['2026-12-04 09:00:00.000', 'ERROR x'], ['2026-12-04 09:01:00.000', 'ERROR y']] });
});

test('the dashboard body has the two metric widgets, the alarm and the Insights table', () => {
  const body = JSON.parse(dashboardBody('us-east-1', 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:A'));
  assert.deepEqual(body.widgets.map((widget: { type: string }) => widget.type), ['metric', 'metric', 'alarm', 'log']);
  assert.equal(body.widgets[0].properties.metrics[1][0].expression, 'SORT(e1, SUM, DESC, 3)');
  assert.deepEqual(body.widgets[2].properties.alarms, ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:A']);
  assert.match(body.widgets[3].properties.query, /^SOURCE '\/ec2\/system-logs' \| fields /);
  for (const widget of body.widgets) assert.ok(widget.x + widget.width <= 24);
});

test('the HTML dashboard is self-contained: inline SVG, escaped text, no URLs', () => {
  const html = dashboardHtml({
    name: 'fcj <dash>',
    context: 'the local sandbox',
    charts: [{ title: 'Disk', series: [series, { ...series, label: 'second', values: [10, 20, 30, 40] }] }, { title: 'Memory', series: [] }],
    alarm: { name: 'A', state: 'ALARM', reason: 'Threshold Crossed: 1 > 10 & more', updated: '2026-12-04T12:00:00.000Z' },
    insights: { title: 'Errors', query: 'filter @message like /ERROR/', columns: ['@timestamp', '@message'], rows: [['t', '<b>ERROR</b>']] },
  });
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /fcj &lt;dash&gt;/);
  assert.match(html, /Threshold Crossed: 1 &gt; 10 &amp; more/);
  assert.match(html, /<td>&lt;b&gt;ERROR&lt;\/b&gt;<\/td>/);
  assert.equal(html.match(/<polyline /g)?.length, 2);
  assert.match(html, /No datapoints in this range/);
  assert.doesNotMatch(html, /https?:|<script|<link /);
  assert.match(lineChartSvg([series]), /^<svg width="\d+" height="\d+" viewBox="[\d ]+" role="img">.*<\/svg>$/);
  assert.match(lineChartSvg([series]), /09:00 UTC[\s\S]*09:15 UTC/);
});
