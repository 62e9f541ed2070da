/**
 * The real AWS CLI v2 against `lab sandbox start`: a CloudWatch alarm made, listed with
 * --query and as a table, set by hand, its history read and deleted; a dashboard refused
 * for an invalid body, put, read, listed and deleted. CloudWatch speaks AWS query to this CLI.
 * The sandbox runs on the real clock, so the alarm ignores missing data: its evaluations
 * every minute keep whatever state it is in, and no assertion depends on when they fall.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cliSession } from './cli-session.js';

const { aws, ok, refused, printed } = cliSession();
const text = (...args: string[]): string => printed('text', ...args);

describe('CloudWatch alarms with the AWS CLI', () => {
  test('put-metric-alarm, then describe-alarms with --query and as a table', () => {
    ok('cloudwatch', 'put-metric-alarm', '--alarm-name', 'cpu-high', '--alarm-description', 'CPU above 70%',
      '--namespace', 'AWS/EC2', '--metric-name', 'CPUUtilization', '--dimensions', 'Name=InstanceId,Value=i-0123456789abcdef0',
      '--statistic', 'Average', '--period', '300', '--evaluation-periods', '2', '--datapoints-to-alarm', '2',
      '--threshold', '70', '--comparison-operator', 'GreaterThanThreshold', '--treat-missing-data', 'ignore',
      '--tags', 'Key=team,Value=lab');
    assert.equal(text('cloudwatch', 'describe-alarms', '--alarm-names', 'cpu-high', '--query', 'MetricAlarms[0].[AlarmName,StateValue,StateReason]'),
      'cpu-high\tINSUFFICIENT_DATA\tUnchecked: Initial alarm creation');
    assert.equal(text('cloudwatch', 'describe-alarms', '--query', 'MetricAlarms[0].AlarmArn'), 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu-high');
    const table = aws('cloudwatch', 'describe-alarms', '--query', 'MetricAlarms[].{Name:AlarmName,State:StateValue,Threshold:Threshold}', '--output', 'table');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /\|\s+DescribeAlarms\s+\|/);
    assert.match(table.stdout, /\|\s*cpu-high\s*\|\s*INSUFFICIENT_DATA\s*\|\s*70\.0\s*\|/);
  });

  test('refuses a period CloudWatch does not allow', () => {
    const stderr = refused('InvalidParameterValue', 'cloudwatch', 'put-metric-alarm', '--alarm-name', 'bad', '--namespace', 'Lab', '--metric-name', 'x',
      '--statistic', 'Sum', '--period', '45', '--evaluation-periods', '1', '--threshold', '1', '--comparison-operator', 'GreaterThanThreshold');
    assert.match(stderr, /The parameter Period must be a multiple of 60\./);
  });

  test('set-alarm-state, then describe-alarm-history', () => {
    ok('cloudwatch', 'set-alarm-state', '--alarm-name', 'cpu-high', '--state-value', 'ALARM', '--state-reason', 'Testing the alarm');
    assert.equal(text('cloudwatch', 'describe-alarms', '--state-value', 'ALARM', '--query', 'MetricAlarms[].AlarmName'), 'cpu-high');
    const history = ok('cloudwatch', 'describe-alarm-history', '--alarm-name', 'cpu-high', '--history-item-type', 'StateUpdate');
    assert.equal(history.AlarmHistoryItems.length, 1);
    assert.equal(history.AlarmHistoryItems[0].HistorySummary, 'Alarm updated from INSUFFICIENT_DATA to ALARM');
    assert.equal(JSON.parse(history.AlarmHistoryItems[0].HistoryData).newState.stateReason, 'Testing the alarm');
    assert.equal(text('cloudwatch', 'describe-alarm-history', '--alarm-name', 'cpu-high', '--query', 'AlarmHistoryItems[].HistoryItemType'), 'StateUpdate\tConfigurationUpdate');
    refused('ResourceNotFound', 'cloudwatch', 'set-alarm-state', '--alarm-name', 'no-such-alarm', '--state-value', 'OK', '--state-reason', 'x');
  });

  test('delete-alarms', () => {
    refused('ResourceNotFound', 'cloudwatch', 'delete-alarms', '--alarm-names', 'cpu-high', 'no-such-alarm');
    ok('cloudwatch', 'delete-alarms', '--alarm-names', 'cpu-high');
    assert.equal(text('cloudwatch', 'describe-alarms', '--query', 'length(MetricAlarms)'), '0');
  });
});

describe('CloudWatch dashboards with the AWS CLI', () => {
  const body = JSON.stringify({ widgets: [{ type: 'text', x: 0, y: 0, width: 6, height: 3, properties: { markdown: '# Lab' } }] });

  test('put-dashboard refuses an invalid body with its validation messages', () => {
    const stderr = refused('InvalidParameterInput', 'cloudwatch', 'put-dashboard', '--dashboard-name', 'lab', '--dashboard-body', '{"widgets":[{"type":"text"}]}');
    assert.match(stderr, /The dashboard body is invalid, there are 1 validation errors:/);
    assert.match(stderr, /Should have required property 'properties'/);
  });

  test('put-dashboard, get-dashboard, list-dashboards, delete-dashboards', () => {
    assert.deepEqual(ok('cloudwatch', 'put-dashboard', '--dashboard-name', 'lab', '--dashboard-body', body).DashboardValidationMessages, []);
    const got = ok('cloudwatch', 'get-dashboard', '--dashboard-name', 'lab');
    assert.equal(got.DashboardArn, 'arn:aws:cloudwatch::123456789012:dashboard/lab');
    assert.equal(got.DashboardBody, body);
    assert.equal(text('cloudwatch', 'list-dashboards', '--query', 'DashboardEntries[].[DashboardName,Size]'), `lab\t${Buffer.byteLength(body)}`);
    refused('ResourceNotFound', 'cloudwatch', 'delete-dashboards', '--dashboard-names', 'lab', 'nope');
    ok('cloudwatch', 'delete-dashboards', '--dashboard-names', 'lab');
    const gone = refused('ResourceNotFound', 'cloudwatch', 'get-dashboard', '--dashboard-name', 'lab');
    assert.match(gone, /Dashboard lab does not exist/);
  });
});
