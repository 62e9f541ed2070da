/**
 * CloudWatch alarms through the real CloudWatchClient over HTTP: PutMetricAlarm's checks
 * (the PutMetricAlarm API reference and the User Guide's alarm pages), DescribeAlarms and
 * its filters, DescribeAlarmsForMetric, history, tags, deletion, and actions that publish
 * to an SNS topic of the same sandbox ("Using Amazon CloudWatch alarms": actions run on
 * state changes only).
 */
import {
  CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, DescribeAlarmsForMetricCommand,
  DisableAlarmActionsCommand, EnableAlarmActionsCommand, ListTagsForResourceCommand, PutMetricAlarmCommand, SetAlarmStateCommand,
  TagResourceCommand, UntagResourceCommand, type DescribeAlarmsCommandInput, type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, DeleteTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';
import type { SnsBackend } from '../../../src/sandbox/services/sns/backend.js';
import { MINUTE, NOON } from './harness.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const now = { at: NOON };
let sandbox: RunningSandbox;
let cw: CloudWatchClient;
let sns: SNSClient;
let stateDir: string;
const published: Array<{ topicArn: string; Subject?: string; Message: string }> = [];

async function start(): Promise<void> {
  const services = await createServices(['cloudwatch', 'sns']);
  // What the alarm publishes is kept as it goes through to SNS's own publish.
  const backend = services.find((service) => service.name === 'sns')!.backend as SnsBackend;
  const publish = backend.publish.bind(backend);
  backend.publish = (caller, topicArn, message) => {
    published.push({ topicArn, ...message });
    return publish(caller, topicArn, message);
  };
  sandbox = await startSandbox({ port: 0, services, clock: createClock({ now: () => now.at }), stateDir });
  cw = new CloudWatchClient({ endpoint: sandbox.url, region: 'us-east-1', credentials });
  sns = new SNSClient({ endpoint: sandbox.url, region: 'us-east-1', credentials });
}

before(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'lab-cw-alarms-'));
  await start();
});

after(async () => {
  cw.destroy();
  sns.destroy();
  await sandbox.stop();
});

function alarmInput(name: string, settings: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput {
  return {
    AlarmName: name, Namespace: 'Lab/App', MetricName: 'Errors', Dimensions: [{ Name: 'Stage', Value: 'prod' }], Statistic: 'Sum', Period: 60,
    EvaluationPeriods: 1, Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', ...settings,
  };
}

async function refused(settings: Partial<PutMetricAlarmCommandInput>, name: string, message: RegExp): Promise<void> {
  await assert.rejects(cw.send(new PutMetricAlarmCommand(alarmInput('refused', settings))), (error: Error) => {
    assert.equal(error.name, name);
    assert.match(error.message, message);
    return true;
  });
}

describe('PutMetricAlarm', () => {
  it('makes an alarm INSUFFICIENT_DATA, "Unchecked: Initial alarm creation", with its ARN', async () => {
    await cw.send(new PutMetricAlarmCommand(alarmInput('errors-high', { AlarmDescription: 'Too many errors', Tags: [{ Key: 'team', Value: 'lab' }] })));
    const { MetricAlarms, CompositeAlarms } = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['errors-high'] }));
    assert.equal(CompositeAlarms, undefined);
    const alarm = MetricAlarms![0]!;
    assert.equal(alarm.AlarmArn, 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors-high');
    assert.equal(alarm.StateValue, 'INSUFFICIENT_DATA');
    assert.equal(alarm.StateReason, 'Unchecked: Initial alarm creation');
    assert.equal(alarm.ActionsEnabled, true);
    assert.deepEqual(alarm.Dimensions, [{ Name: 'Stage', Value: 'prod' }]);
    assert.equal(alarm.Statistic, 'Sum');
    assert.equal(alarm.AlarmDescription, 'Too many errors');
    assert.equal(alarm.AlarmConfigurationUpdatedTimestamp!.getTime(), now.at);
    assert.equal(alarm.StateUpdatedTimestamp!.getTime(), now.at);
    const { Tags } = await cw.send(new ListTagsForResourceCommand({ ResourceARN: alarm.AlarmArn }));
    assert.deepEqual(Tags, [{ Key: 'team', Value: 'lab' }]);
  });

  it('replaces the configuration of an existing alarm and keeps its state, recording both in history', async () => {
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'errors-high', StateValue: 'OK', StateReason: 'by hand' }));
    await cw.send(new PutMetricAlarmCommand(alarmInput('errors-high', { Threshold: 7 })));
    const alarm = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['errors-high'] }))).MetricAlarms![0]!;
    assert.equal(alarm.Threshold, 7);
    assert.equal(alarm.StateValue, 'OK');
    assert.equal(alarm.AlarmDescription, undefined);
    const { AlarmHistoryItems } = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'errors-high', HistoryItemType: 'ConfigurationUpdate' }));
    assert.deepEqual(AlarmHistoryItems!.map((item) => item.HistorySummary), ['Alarm "errors-high" updated', 'Alarm "errors-high" created']);
    assert.equal(JSON.parse(AlarmHistoryItems![0]!.HistoryData!).originalUpdatedFields.Threshold, 5);
  });

  it('refuses what CloudWatch refuses', async () => {
    await refused({ Period: 45 }, 'InvalidParameterValueException', /^The parameter Period must be a multiple of 60\.$/);
    await refused({ Period: 300, EvaluationPeriods: 289 }, 'InvalidParameterValueException', /must not be more than 86400 seconds/);
    await refused({ Period: 3600, EvaluationPeriods: 169 }, 'InvalidParameterValueException', /must not be more than 604800 seconds/);
    await refused({ EvaluationPeriods: 2, DatapointsToAlarm: 3 }, 'InvalidParameterValueException', /DatapointsToAlarm/);
    await refused({ TreatMissingData: 'sometimes' }, 'InvalidParameterValueException', /^The value sometimes for parameter TreatMissingData is invalid\.$/);
    await refused({ ExtendedStatistic: 'p90' }, 'InvalidParameterCombinationException', /Statistic and ExtendedStatistic/);
    await refused({ EvaluateLowSampleCountPercentile: 'ignore' }, 'InvalidParameterCombinationException', /ExtendedStatistic/);
    await refused({ ComparisonOperator: 'GreaterThanUpperThreshold' }, 'InvalidParameterValueException', /anomaly detection/);
    await refused({ AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:ops'] }, 'ValidationException', /^Invalid region eu-west-1 specified\. Only us-east-1 is supported\.$/);
    await refused({ AlarmActions: ['ops-topic'] }, 'ValidationException', /^Invalid arn syntax: ops-topic$/);
    const metric = { Metric: { Namespace: 'Lab/App', MetricName: 'Errors' }, Period: 60, Stat: 'Sum' };
    const onMetrics = { Namespace: undefined, MetricName: undefined, Dimensions: undefined, Statistic: undefined, Period: undefined };
    await refused({ ...onMetrics, Metrics: [{ Id: 'a', MetricStat: metric }, { Id: 'b', MetricStat: metric }] }, 'ValidationException',
      /^Metrics list must contain exactly one metric matching the ReturnData parameter$/);
    await refused({ ...onMetrics, Metrics: [{ Id: 's', Expression: "SEARCH('{Lab/App} Errors', 'Sum', 60)" }] }, 'InvalidParameterValueException', /SEARCH/);
    await refused({ Metrics: [{ Id: 'a', MetricStat: metric }] }, 'InvalidParameterCombinationException', /mutually exclusive/);
    const { MetricAlarms } = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['refused'] }));
    assert.deepEqual(MetricAlarms, []);
  });

  it('accepts up to seven days of hourly periods', async () => {
    await cw.send(new PutMetricAlarmCommand(alarmInput('weekly', { Period: 3600, EvaluationPeriods: 168 })));
    assert.equal((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['weekly'] }))).MetricAlarms![0]!.EvaluationPeriods, 168);
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['weekly'] }));
  });

  it('accepts Auto Scaling policy and EC2 actions', async () => {
    const policy = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1d2e3f4a-0000-4000-8000-000000000000:autoScalingGroupName/web:policyName/scale-out';
    await cw.send(new PutMetricAlarmCommand(alarmInput('scale-out', { AlarmActions: [policy], OKActions: ['arn:aws:automate:us-east-1:ec2:reboot'] })));
    const alarm = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['scale-out'] }))).MetricAlarms![0]!;
    assert.deepEqual(alarm.AlarmActions, [policy]);
    assert.deepEqual(alarm.OKActions, ['arn:aws:automate:us-east-1:ec2:reboot']);
  });
});

describe('DescribeAlarms and DescribeAlarmsForMetric', () => {
  it('filters by prefix, state, action prefix and type, and pages', async () => {
    await cw.send(new PutMetricAlarmCommand(alarmInput('latency-p99', { MetricName: 'Latency', Statistic: undefined, ExtendedStatistic: 'p99', EvaluateLowSampleCountPercentile: 'ignore' })));
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'latency-p99', StateValue: 'ALARM', StateReason: 'testing' }));
    const names = async (input: DescribeAlarmsCommandInput): Promise<string[]> =>
      ((await cw.send(new DescribeAlarmsCommand(input))).MetricAlarms ?? []).map((alarm) => alarm.AlarmName!);
    assert.deepEqual(await names({}), ['errors-high', 'latency-p99', 'scale-out']);
    assert.deepEqual(await names({ AlarmNamePrefix: 'lat' }), ['latency-p99']);
    assert.deepEqual(await names({ StateValue: 'ALARM' }), ['latency-p99']);
    assert.deepEqual(await names({ ActionPrefix: 'arn:aws:autoscaling:' }), ['scale-out']);
    assert.deepEqual(await names({ AlarmTypes: ['CompositeAlarm'] }), []);
    const first = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 2 }));
    assert.deepEqual(first.MetricAlarms!.map((alarm) => alarm.AlarmName), ['errors-high', 'latency-p99']);
    const second = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 2, NextToken: first.NextToken }));
    assert.deepEqual(second.MetricAlarms!.map((alarm) => alarm.AlarmName), ['scale-out']);
    assert.equal(second.NextToken, undefined);
    await assert.rejects(cw.send(new DescribeAlarmsCommand({ StateValue: 'BROKEN' as 'OK' })), { name: 'ValidationException' });
  });

  it('finds the alarms on one metric, dimensions and all', async () => {
    const found = await cw.send(new DescribeAlarmsForMetricCommand({ Namespace: 'Lab/App', MetricName: 'Errors', Dimensions: [{ Name: 'Stage', Value: 'prod' }] }));
    assert.deepEqual(found.MetricAlarms!.map((alarm) => alarm.AlarmName), ['errors-high', 'scale-out']);
    const other = await cw.send(new DescribeAlarmsForMetricCommand({ Namespace: 'Lab/App', MetricName: 'Errors' }));
    assert.deepEqual(other.MetricAlarms, []);
  });
});

describe('alarm actions', () => {
  it('publishes AWS\'s notification to an SNS topic on a transition, and records the action', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'ops' }));
    await cw.send(new PutMetricAlarmCommand(alarmInput('notify', { AlarmActions: [TopicArn!], OKActions: [TopicArn!], AlarmDescription: 'pages ops' })));
    now.at += 1000;
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'notify', StateValue: 'ALARM', StateReason: 'Testing the topic' }));
    assert.equal(published.length, 1);
    const sent = published[0]!;
    assert.equal(sent.topicArn, TopicArn);
    assert.equal(sent.Subject, 'ALARM: "notify" in US East (N. Virginia)');
    const message = JSON.parse(sent.Message);
    assert.deepEqual(Object.keys(message), [
      'AlarmName', 'AlarmDescription', 'AWSAccountId', 'AlarmConfigurationUpdatedTimestamp', 'NewStateValue', 'NewStateReason', 'StateChangeTime',
      'Region', 'AlarmArn', 'OldStateValue', 'OKActions', 'AlarmActions', 'InsufficientDataActions', 'Trigger',
    ]);
    assert.equal(message.AlarmDescription, 'pages ops');
    assert.equal(message.NewStateValue, 'ALARM');
    assert.equal(message.OldStateValue, 'INSUFFICIENT_DATA');
    assert.equal(message.NewStateReason, 'Testing the topic');
    assert.equal(message.Region, 'US East (N. Virginia)');
    assert.equal(message.StateChangeTime, new Date(now.at).toISOString().replace('Z', '+0000'));
    assert.deepEqual(message.Trigger.Dimensions, [{ value: 'prod', name: 'Stage' }]);
    assert.equal(message.Trigger.Statistic, 'SUM');
    assert.equal(message.Trigger.StatisticType, 'Statistic');
    assert.match(sent.Message, /"Threshold":5\.0/);

    // The same state again is no transition: nothing is published.
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'notify', StateValue: 'ALARM', StateReason: 'Still testing' }));
    assert.equal(published.length, 1);

    const { AlarmHistoryItems } = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'notify', HistoryItemType: 'Action' }));
    assert.equal(AlarmHistoryItems!.length, 1);
    assert.equal(AlarmHistoryItems![0]!.HistorySummary, `Successfully executed action ${TopicArn}`);
    assert.equal(JSON.parse(AlarmHistoryItems![0]!.HistoryData!).actionState, 'Succeeded');
  });

  it('runs no action while actions are disabled, and records a failure for a topic that is gone', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'gone' }));
    await cw.send(new PutMetricAlarmCommand(alarmInput('quiet', { AlarmActions: [TopicArn!], OKActions: [TopicArn!] })));
    await cw.send(new DisableAlarmActionsCommand({ AlarmNames: ['quiet'] }));
    const before = published.length;
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'quiet', StateValue: 'ALARM', StateReason: 'disabled' }));
    assert.equal(published.length, before);
    assert.equal((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['quiet'] }))).MetricAlarms![0]!.ActionsEnabled, false);

    await cw.send(new EnableAlarmActionsCommand({ AlarmNames: ['quiet'] }));
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'quiet', StateValue: 'OK', StateReason: 'enabled' }));
    assert.equal(published.length, before);
    const { AlarmHistoryItems } = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'quiet', HistoryItemType: 'Action' }));
    assert.equal(AlarmHistoryItems!.length, 1);
    assert.match(AlarmHistoryItems![0]!.HistorySummary!, new RegExp(`^Failed to execute action ${TopicArn}`));
  });
});

describe('history, tags, deletion and persistence', () => {
  it('filters history by date and pages it', async () => {
    const all = await cw.send(new DescribeAlarmHistoryCommand({}));
    assert.ok(all.AlarmHistoryItems!.length > 3);
    const page = await cw.send(new DescribeAlarmHistoryCommand({ MaxRecords: 2 }));
    assert.equal(page.AlarmHistoryItems!.length, 2);
    assert.ok(page.NextToken);
    const later = await cw.send(new DescribeAlarmHistoryCommand({ StartDate: new Date(now.at + MINUTE) }));
    assert.deepEqual(later.AlarmHistoryItems, []);
    await assert.rejects(cw.send(new DescribeAlarmHistoryCommand({ NextToken: 'bogus' })), { name: 'InvalidNextToken' });
  });

  it('tags and untags an alarm by ARN; an unknown ARN is not found', async () => {
    const arn = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors-high';
    await cw.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'team', Value: 'ops' }, { Key: 'tier', Value: '1' }] }));
    assert.deepEqual((await cw.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags, [{ Key: 'team', Value: 'ops' }, { Key: 'tier', Value: '1' }]);
    await cw.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['team'] }));
    assert.deepEqual((await cw.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags, [{ Key: 'tier', Value: '1' }]);
    await assert.rejects(cw.send(new ListTagsForResourceCommand({ ResourceARN: `${arn}-nope` })), { name: 'ResourceNotFoundException' });
  });

  it('keeps alarms and history across a restart with the state directory', async () => {
    cw.destroy();
    sns.destroy();
    await sandbox.stop();
    await start();
    const { MetricAlarms } = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['latency-p99'] }));
    assert.equal(MetricAlarms![0]!.StateValue, 'ALARM');
    assert.equal(MetricAlarms![0]!.ExtendedStatistic, 'p99');
    const { AlarmHistoryItems } = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'latency-p99' }));
    assert.ok(AlarmHistoryItems!.length >= 2);
  });

  it('deletes alarms all or nothing: an unknown name deletes none', async () => {
    await assert.rejects(cw.send(new DeleteAlarmsCommand({ AlarmNames: ['errors-high', 'no-such-alarm'] })), (error: Error) => {
      assert.equal(error.name, 'ResourceNotFound');
      assert.match(error.message, /no-such-alarm/);
      return true;
    });
    assert.equal((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['errors-high'] }))).MetricAlarms!.length, 1);
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['errors-high', 'scale-out'] }));
    assert.deepEqual((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['errors-high', 'scale-out'] }))).MetricAlarms, []);
    await assert.rejects(cw.send(new SetAlarmStateCommand({ AlarmName: 'errors-high', StateValue: 'OK', StateReason: 'x' })), (error: Error) => {
      assert.equal(error.name, 'ResourceNotFound');
      assert.equal(error.message, 'Alarm errors-high not found');
      return true;
    });
    const { AlarmHistoryItems } = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'scale-out', HistoryItemType: 'ConfigurationUpdate' }));
    assert.equal(AlarmHistoryItems![0]!.HistorySummary, 'Alarm "scale-out" deleted');
  });
});

describe('the evaluation timer', () => {
  it('evaluates on the clock and publishes while nobody asks CloudWatch', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'pager' }));
    await cw.send(new PutMetricAlarmCommand(alarmInput('heartbeat-lost', { TreatMissingData: 'breaching', AlarmActions: [TopicArn!] })));
    const before = published.length;
    // The next minute boundary passes with no request made: only the service's timer can see it.
    now.at = Math.floor(now.at / MINUTE) * MINUTE + MINUTE;
    for (let waited = 0; published.length === before && waited < 200; waited++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(published.length, before + 1);
    assert.equal(published.at(-1)!.Subject, 'ALARM: "heartbeat-lost" in US East (N. Virginia)');
    const message = JSON.parse(published.at(-1)!.Message);
    assert.equal(message.NewStateReason, 'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [Breaching].');
    assert.equal(message.StateChangeTime, new Date(now.at).toISOString().replace('Z', '+0000'));
  });
});
