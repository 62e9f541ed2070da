/**
 * evaluateMetricQueries, as an alarm on a math expression calls it (without GetMetricData):
 * the series of a list of MetricDataQuery over a time range, and errors naming the list as
 * the caller does (`Metrics.member.N` for PutMetricAlarm).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../../../src/sandbox/errors.js';
import { evaluateMetricQueries } from '../../../src/sandbox/services/cloudwatch/metric-queries.js';
import { CloudWatchState } from '../../../src/sandbox/services/cloudwatch/state.js';

const MINUTE = 60_000;
const NOON = Date.parse('2026-06-01T12:00:00Z');

function stateWith(values: Record<string, number[]>): CloudWatchState {
  const state = new CloudWatchState();
  for (const [MetricName, list] of Object.entries(values)) {
    list.forEach((value, i) => state.put('us-east-1', { Namespace: 'Lab/App', MetricName }, {
      timestamp: NOON - (list.length - i) * MINUTE, sample: { values: [value], counts: [1] }, unit: 'Count', storageResolution: 60,
    }, NOON));
  }
  return state;
}

const stat = (Id: string, MetricName: string) => ({ Id, ReturnData: false, MetricStat: { Metric: { Namespace: 'Lab/App', MetricName }, Period: 60, Stat: 'Sum' } });

describe('evaluateMetricQueries', () => {
  it('returns the one series an alarm watches, oldest first', () => {
    const state = stateWith({ Errors: [1, 0, 5], Requests: [10, 10, 10] });
    const results = evaluateMetricQueries(state, [stat('e', 'Errors'), stat('r', 'Requests'), { Id: 'rate', Expression: 'e / r * 100', ReturnData: true }], {
      startTime: NOON - 3 * MINUTE, endTime: NOON, region: 'us-east-1', now: NOON, parameter: 'Metrics',
    });
    assert.deepEqual(results, [{ Id: 'rate', Label: 'rate', timestamps: [NOON - 3 * MINUTE, NOON - 2 * MINUTE, NOON - MINUTE], values: [10, 0, 50], messages: [] }]);
  });

  it("names the caller's list in its errors", () => {
    const range = { startTime: NOON - 3 * MINUTE, endTime: NOON, region: 'us-east-1', now: NOON, parameter: 'Metrics' };
    assert.throws(() => evaluateMetricQueries(new CloudWatchState(), [stat('e', 'Errors'), stat('e', 'Errors')], range),
      (error: unknown) => error instanceof AwsError && error.message === 'The value e for parameter Metrics.member.2.Id is duplicated.');
    assert.throws(() => evaluateMetricQueries(new CloudWatchState(), [{ Id: 'x', Expression: 'SELECT 1' }], range),
      (error: unknown) => error instanceof AwsError && /Metrics\.member\.1\.Expression starts with SELECT/.test(error.message));
  });
});
