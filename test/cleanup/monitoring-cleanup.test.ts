/**
 * The cleanup types of week4-tue's resources, in process against the sandbox: what each
 * create records, the order `lab cleanup` deletes them in (a metric filter before its log
 * group), deletions of what is already gone, a confirmed email subscription found by its
 * endpoint, and alarms and log groups whose create was interrupted found by name.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeAlarmsCommand, ListDashboardsCommand, PutDashboardCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateLogGroupCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand, DescribeQueryDefinitionsCommand, ListTagsForResourceCommand, PutMetricFilterCommand, PutQueryDefinitionCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { ConfirmSubscriptionCommand, CreateTopicCommand, ListSubscriptionsCommand, ListTopicsCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import type { Output } from '../../src/cleanup/resource-type.js';
import { liveResources } from '../../src/ledger/ledger.js';
import { cleanupTarget, type CleanupTarget } from './cleanup-target.js';

let target: CleanupTarget;

before(async () => {
  target = await cleanupTarget('monitoring-cleanup');
});

after(() => target.stop());

const send = <T = Output>(command: object) => target.clients.send<T>(command as never);

async function world() {
  return {
    alarms: ((await send(new DescribeAlarmsCommand({}))).MetricAlarms ?? []).map((alarm: Output) => alarm.AlarmName),
    dashboards: ((await send(new ListDashboardsCommand({}))).DashboardEntries ?? []).map((entry: Output) => entry.DashboardName),
    logGroups: ((await send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((group: Output) => group.logGroupName),
    queryDefinitions: ((await send(new DescribeQueryDefinitionsCommand({}))).queryDefinitions ?? []).map((definition: Output) => definition.name),
    topics: ((await send(new ListTopicsCommand({}))).Topics ?? []).map((topic: Output) => topic.TopicArn),
    subscriptions: ((await send(new ListSubscriptionsCommand({}))).Subscriptions ?? []).map((subscription: Output) => subscription.SubscriptionArn),
  };
}

test("week4-tue's creates are recorded by name or id, tagged where the API takes tags, and lab cleanup deletes them all", async () => {
  const empty = await world();
  const ctx = target.step('week4-tue', 'run-1', 'all');
  await ctx.call(new CreateLogGroupCommand({ logGroupName: '/ec2/system-logs' }));
  await ctx.call(new PutMetricFilterCommand({ logGroupName: '/ec2/system-logs', filterName: 'PythonAppErrors', filterPattern: 'ERROR', metricTransformations: [{ metricNamespace: 'PythonApp', metricName: 'PythonAppErrors', metricValue: '1', defaultValue: 0 }] }));
  const saved = await ctx.call(new PutQueryDefinitionCommand({ name: 'Errors', queryString: 'fields @message | filter @message like /ERROR/', logGroupNames: ['/ec2/system-logs'] }));
  const topic = await ctx.call(new CreateTopicCommand({ Name: 'fcj-cloudwatch-alerts' }));
  await ctx.call(new PutMetricAlarmCommand({ AlarmName: 'errors-high', Namespace: 'PythonApp', MetricName: 'PythonAppErrors', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 10, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [topic.TopicArn!] }));
  await ctx.call(new PutDashboardCommand({ DashboardName: 'fcj-dash', DashboardBody: JSON.stringify({ widgets: [{ type: 'text', properties: { markdown: 'hi' } }] }) }));
  // An email subscription answers "pending confirmation"; confirmed, it has an ARN the ledger never saw.
  await ctx.call(new SubscribeCommand({ TopicArn: topic.TopicArn!, Protocol: 'email', Endpoint: 'learner@example.com' }));
  const confirmation = (await ctx.sandboxInbox())!.find((message) => message.kind === 'confirmation')!;
  await send(new ConfirmSubscriptionCommand({ TopicArn: topic.TopicArn!, Token: confirmation.token! }));

  const records = liveResources(await target.ledger.read());
  assert.deepEqual(records.map((record) => [record.type, record.resourceId]).sort(), [
    ['cloudwatch:alarm', 'errors-high'],
    ['cloudwatch:dashboard', 'fcj-dash'],
    ['logs:log-group', '/ec2/system-logs'],
    ['logs:metric-filter', 'PythonAppErrors'],
    ['logs:query-definition', saved.queryDefinitionId],
    ['sns:subscription', 'learner@example.com (pending confirmation)'],
    ['sns:topic', topic.TopicArn],
  ]);
  const groupArn = `arn:aws:logs:us-east-1:${topic.TopicArn!.split(':')[4]}:log-group:/ec2/system-logs`;
  assert.deepEqual((await send(new ListTagsForResourceCommand({ resourceArn: groupArn }))).tags, { 'lab:id': 'week4-tue', 'lab:run': 'run-1', 'managed-by': 'cloud-journey-lab' });
  const alarm = (await send(new DescribeAlarmsCommand({ AlarmNames: ['errors-high'] }))).MetricAlarms[0];
  assert.ok(alarm);

  const outcomes = await target.cleanup();
  assert.deepEqual(outcomes.filter((outcome) => outcome.status !== 'deleted'), []);
  const order = outcomes.map((outcome) => outcome.record.type);
  assert.ok(order.indexOf('logs:metric-filter') < order.indexOf('logs:log-group'), order.join(', '));
  assert.deepEqual(await world(), empty);
});

test('deleting what is already gone is done: a metric filter whose group went first, an alarm deleted by hand', async () => {
  const ctx = target.step('week4-tue', 'run-2', 'all');
  await ctx.call(new CreateLogGroupCommand({ logGroupName: '/gone' }));
  await ctx.call(new PutMetricFilterCommand({ logGroupName: '/gone', filterName: 'f', filterPattern: 'ERROR', metricTransformations: [{ metricNamespace: 'N', metricName: 'M', metricValue: '1' }] }));
  await ctx.call(new PutMetricAlarmCommand({ AlarmName: 'gone-alarm', Namespace: 'N', MetricName: 'M', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));
  await send(new DeleteLogGroupCommand({ logGroupName: '/gone' }));
  const { DeleteAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
  await send(new DeleteAlarmsCommand({ AlarmNames: ['gone-alarm'] }));

  const outcomes = await target.cleanup();
  assert.deepEqual(outcomes.map((outcome) => [outcome.record.type, outcome.status]).sort(), [['cloudwatch:alarm', 'deleted'], ['logs:log-group', 'deleted'], ['logs:metric-filter', 'deleted']]);
});

test('an alarm and a log group whose create was interrupted before the ledger learned of them are found by name', async () => {
  const intent = { lab: 'week4-tue', run: 'a-killed-run', step: 'alarm', region: 'us-east-1' };
  await target.ledger.recordIntent({ ...intent, type: 'cloudwatch:alarm', attributes: { name: 'interrupted-alarm' } });
  await target.ledger.recordIntent({ ...intent, type: 'logs:log-group', attributes: { name: '/interrupted' } });
  await send(new PutMetricAlarmCommand({ AlarmName: 'interrupted-alarm', Namespace: 'N', MetricName: 'M', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));
  await send(new CreateLogGroupCommand({ logGroupName: '/interrupted' }));

  const outcomes = await target.cleanup();
  assert.deepEqual(outcomes.filter((outcome) => outcome.status !== 'deleted'), []);
  const left = await world();
  assert.deepEqual(left.alarms, []);
  assert.deepEqual(left.logGroups, []);
});
