/**
 * week4-tue end to end on a fresh sandbox, through the `lab` command as a learner runs it:
 * the played agent's logs and metrics, metric math with its chart, Logs Insights, the
 * alarm reaching ALARM from an error burst with its email in the sandbox mailbox, the
 * dashboard and its offline HTML; a second run reuses what exists; `lab cleanup` leaves
 * the sandbox as it was (metrics stay: CloudWatch cannot delete them).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CloudWatchClient, DescribeAlarmsCommand, ListDashboardsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand, DescribeQueryDefinitionsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTopicCommand, ListSubscriptionsCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { createClock } from '../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { lab } from '../support/lab-process.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

let sandbox: RunningSandbox;
let cloudwatch: CloudWatchClient;
let logs: CloudWatchLogsClient;
let sns: SNSClient;
let env: Record<string, string>;

before(async () => {
  sandbox = await startSandbox({ port: 0, clock: createClock({ defaultDelayMs: 100 }) });
  const config = { endpoint: sandbox.url, region: 'us-east-1', credentials };
  cloudwatch = new CloudWatchClient(config);
  logs = new CloudWatchLogsClient(config);
  sns = new SNSClient(config);
  env = { LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), 'lab-week4-tue-')) };
});

after(async () => {
  for (const client of [cloudwatch, logs, sns]) client.destroy();
  await sandbox.stop();
});

/** Everything week4-tue could leave behind, as sorted names per kind. */
async function monitoringWorld(): Promise<Record<string, string[]>> {
  const sorted = (names: (string | undefined)[]) => names.map(String).sort();
  const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
  const filters = await Promise.all(groups.map(async (group) => (await logs.send(new DescribeMetricFiltersCommand({ logGroupName: group.logGroupName }))).metricFilters ?? []));
  return {
    alarms: sorted((await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms?.map((alarm) => alarm.AlarmName) ?? []),
    dashboards: sorted((await cloudwatch.send(new ListDashboardsCommand({}))).DashboardEntries?.map((entry) => entry.DashboardName) ?? []),
    logGroups: sorted(groups.map((group) => group.logGroupName)),
    metricFilters: sorted(filters.flat().map((filter) => `${filter.logGroupName}>${filter.filterName}`)),
    queryDefinitions: sorted((await logs.send(new DescribeQueryDefinitionsCommand({}))).queryDefinitions?.map((definition) => definition.name) ?? []),
    topics: sorted((await sns.send(new ListTopicsCommand({}))).Topics?.map((topic) => topic.TopicArn) ?? []),
    subscriptions: sorted((await sns.send(new ListSubscriptionsCommand({}))).Subscriptions?.map((subscription) => `${subscription.TopicArn}>${subscription.Endpoint}`) ?? []),
  };
}

test('lab run week4-tue --yes monitors the played fleet end to end; a second run reuses it; lab cleanup --yes removes it all', async () => {
  // The learner's own topic, which the lab must not touch.
  await sns.send(new CreateTopicCommand({ Name: 'learners-own-topic' }));
  const before = await monitoringWorld();

  const run = await lab(['run', 'week4-tue', '--yes', '--endpoint-url', sandbox.url], env);
  assert.equal(run.code, 0, run.stdout + run.stderr);

  // The agent's history: five streams, one per instance.
  assert.equal([...run.stdout.matchAll(/"logStreamName": "i-0[0-9a-f]{16}",\s*"Events": \d+/g)].length, 5);
  assert.match(run.stdout, /"Retention": 7/);

  // Metric math: SORT's top 3 labelled by instance, the arithmetic per instance, a chart of them.
  assert.equal([...run.stdout.matchAll(/"Id": "top3",\s*"Label": "i-0[0-9a-f]{16} disk",\s*"Points": 36/g)].length, 3);
  assert.equal([...run.stdout.matchAll(/"Id": "free",\s*"Label": "i-0[0-9a-f]{16} free memory"/g)].length, 5);
  assert.match(run.stderr, /Top 3 instances by disk used[\s\S]*● i-0[0-9a-f]{16} disk {2}\(min [\d.]+%, max [\d.]+%, last [\d.]+%\)\n[\s\S]*┤/);

  // Logs Insights finished and found errors; the saved query exists.
  assert.match(run.stdout, /"status": "Complete"/);
  assert.match(run.stdout, /"value": "[^"]*python3\[2417\]: ERROR /);
  assert.match(run.stdout, /"queryDefinitionId": "[\w-]+"/);

  // The subscription confirmed from the mailbox, the alarm in ALARM with AWS's reason, its history, its email.
  assert.match(run.stdout, /"Endpoint": "learner@example.com",\s*"SubscriptionArn": "arn:aws:sns:/);
  assert.match(run.stdout, /"State": "ALARM",\s*"Reason": "Threshold Crossed: 1 out of the last 1 datapoints \[\d+\.0 /);
  assert.match(run.stdout, /"Summary": "Alarm updated from (INSUFFICIENT_DATA|OK) to ALARM"/);
  assert.match(run.stdout, /"Subject": "ALARM: \\"PythonAppErrors-above-10-per-minute\\" in US East \(N. Virginia\)"/);

  // The dashboard and its offline HTML.
  assert.match(run.stdout, /"DashboardArn": "arn:aws:cloudwatch::\d+:dashboard\/fcj-cloudwatch-workshop"/);
  const reportFile = /"ReportFile": "([^"]+)"/.exec(run.stdout)![1]!;
  assert.ok(reportFile.startsWith(env.LAB_CONFIG_DIR!));
  const html = await readFile(reportFile, 'utf8');
  assert.equal(html.match(/<svg /g)?.length, 2);
  assert.equal(html.match(/<polyline /g)?.length, 3 + 5);
  assert.match(html, /<span class="state" style="background:#d62728">ALARM<\/span>/);
  assert.match(html, /<td>[^<]*ERROR [^<]*<\/td>/);
  assert.doesNotMatch(html, /https?:/);
  assert.doesNotMatch(html, /<script|<link /);

  const built = await monitoringWorld();
  assert.deepEqual(built.alarms, ['PythonAppErrors-above-10-per-minute']);
  assert.deepEqual(built.dashboards, ['fcj-cloudwatch-workshop']);
  assert.deepEqual(built.metricFilters, ['/ec2/system-logs>PythonAppErrors']);
  assert.deepEqual(built.queryDefinitions, ['Errors']);

  // Again: everything found and reused, nothing made twice, the alarm goes to ALARM anew.
  const again = await lab(['run', 'week4-tue', '--yes', '--endpoint-url', sandbox.url], env);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  for (const what of ['log group /ec2/system-logs', 'saved query Errors', 'metric filter PythonAppErrors', 'topic fcj-cloudwatch-alerts', 'alarm PythonAppErrors-above-10-per-minute', 'dashboard fcj-cloudwatch-workshop']) {
    assert.match(again.stdout + again.stderr, new RegExp(`The ${what} already exists`), what);
  }
  assert.match(again.stdout + again.stderr, /learner@example.com is already subscribed and confirmed/);
  assert.match(again.stdout, /"State": "ALARM"/);
  assert.deepEqual(await monitoringWorld(), built);

  const cleanup = await lab(['cleanup', '--yes', '--endpoint-url', sandbox.url], env);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.deepEqual(await monitoringWorld(), before);
});

test('lab show week4-tue prints every step and its aws commands without calling anything', async () => {
  const shown = await lab(['show', 'week4-tue'], env);
  assert.equal(shown.code, 0, shown.stdout + shown.stderr);
  for (const command of ['aws logs create-log-group', 'aws cloudwatch put-metric-data', 'aws cloudwatch get-metric-data', 'aws logs start-query', 'aws logs put-metric-filter', 'aws sns subscribe', 'aws cloudwatch put-metric-alarm', 'aws cloudwatch put-dashboard']) {
    assert.ok(shown.stdout.includes(`$ ${command} `), command);
  }
});
