/**
 * CloudWatch metrics in the sandbox through the real CloudWatchClient over HTTP
 * (query-compatible JSON 1.0): PutMetricData, ListMetrics, GetMetricStatistics and
 * GetMetricData, their errors in AWS's words, paging, and state across a restart.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  GetMetricDataCommand, GetMetricStatisticsCommand, ListMetricsCommand, PutMetricDataCommand, type Dimension, type ListMetricsCommandInput, type MetricDataQuery, type MetricDatum,
} from '@aws-sdk/client-cloudwatch';
import { assertError, failure } from '../../support/aws-errors.js';
import { jsonCall, MINUTE, NOON, startHarness, useHarness } from './harness.js';

const h = useHarness();

const Namespace = 'Lab/App';
const API: Dimension[] = [{ Name: 'Service', Value: 'api' }, { Name: 'Stage', Value: 'prod' }];
const at = (minutes: number): Date => new Date(NOON + minutes * MINUTE);

async function put(...MetricData: MetricDatum[]): Promise<void> {
  await h.cw.send(new PutMetricDataCommand({ Namespace, MetricData }));
}

function latency(Value: number, minutes: number, extra: Partial<MetricDatum> = {}): MetricDatum {
  return { MetricName: 'Latency', Dimensions: API, Value, Timestamp: at(minutes), Unit: 'Milliseconds', ...extra };
}

describe('PutMetricData and GetMetricStatistics', () => {
  it('aggregates values, values with counts and statistic sets per period, stamped from StartTime', async () => {
    await put(latency(2, -9.5), latency(4, -8));
    await put({ ...latency(0, -7), Value: undefined, Values: [10, 20], Counts: [1, 3] });
    await put({ ...latency(0, -1), Value: undefined, StatisticValues: { SampleCount: 2, Sum: 6, Minimum: 1, Maximum: 5 } });
    const out = await h.cw.send(new GetMetricStatisticsCommand({
      Namespace, MetricName: 'Latency', Dimensions: [...API].reverse(), StartTime: at(-10), EndTime: at(0), Period: 300,
      Statistics: ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'],
    }));
    assert.equal(out.Label, 'Latency');
    assert.deepEqual(out.Datapoints, [
      { Timestamp: at(-10), SampleCount: 6, Sum: 76, Average: 76 / 6, Minimum: 2, Maximum: 20, Unit: 'Milliseconds' },
      { Timestamp: at(-5), SampleCount: 2, Sum: 6, Average: 3, Minimum: 1, Maximum: 5, Unit: 'Milliseconds' },
    ]);
  });

  it('rounds StartTime down to the minute and leaves out EndTime itself', async () => {
    await put(latency(1, -2), latency(5, 0));
    const out = await h.cw.send(new GetMetricStatisticsCommand({
      Namespace, MetricName: 'Latency', Dimensions: API, StartTime: new Date(NOON - 2 * MINUTE + 25_000), EndTime: at(0), Period: 60, Statistics: ['Sum'],
    }));
    assert.deepEqual(out.Datapoints, [{ Timestamp: at(-2), Sum: 1, Unit: 'Milliseconds' }]);
  });

  it('answers percentiles from raw values, and none over a statistic set that is not raw values', async () => {
    await put({ ...latency(0, -3), Value: undefined, Values: Array.from({ length: 100 }, (_, i) => i + 1) });
    await put({ ...latency(0, -45), Value: undefined, StatisticValues: { SampleCount: 2, Sum: 6, Minimum: 1, Maximum: 5 } });
    const out = await h.cw.send(new GetMetricStatisticsCommand({
      Namespace, MetricName: 'Latency', Dimensions: API, StartTime: at(-60), EndTime: at(0), Period: 1800, ExtendedStatistics: ['p50', 'p99.9'],
    }));
    assert.deepEqual(out.Datapoints, [
      { Timestamp: at(-60), ExtendedStatistics: {}, Unit: 'Milliseconds' },
      { Timestamp: at(-30), ExtendedStatistics: { p50: 50, 'p99.9': 100 }, Unit: 'Milliseconds' },
    ]);
  });

  it('keeps units apart and filters by Unit; a put without a unit is None', async () => {
    await put(latency(1, -1), latency(7, -1, { Unit: 'Seconds' }), latency(3, -1, { Unit: undefined }));
    const read = (Unit?: 'Seconds') => h.cw.send(new GetMetricStatisticsCommand({
      Namespace, MetricName: 'Latency', Dimensions: API, StartTime: at(-5), EndTime: at(0), Period: 300, Statistics: ['Sum'], ...(Unit ? { Unit } : {}),
    }));
    assert.deepEqual((await read()).Datapoints?.map((d) => [d.Unit, d.Sum]), [['Milliseconds', 1], ['None', 3], ['Seconds', 7]]);
    assert.deepEqual((await read('Seconds')).Datapoints?.map((d) => [d.Unit, d.Sum]), [['Seconds', 7]]);
  });

  it('reads high-resolution data at 1, 5, 10 and 30 seconds, regular data at its minute', async () => {
    await put(latency(1, -1, { StorageResolution: 1 }), latency(2, -1 + 15 / 60, { StorageResolution: 1 }), latency(4, -1 + 15 / 60));
    const out = await h.cw.send(new GetMetricStatisticsCommand({
      Namespace, MetricName: 'Latency', Dimensions: API, StartTime: at(-1), EndTime: at(0), Period: 10, Statistics: ['Sum'],
    }));
    assert.deepEqual(out.Datapoints?.map((d) => [d.Timestamp?.toISOString(), d.Sum]), [
      ['2026-06-01T11:59:00.000Z', 5],
      ['2026-06-01T11:59:10.000Z', 2],
    ]);
  });

  it('keeps metrics per region', async () => {
    await put(latency(1, -1));
    const tokyo = h.client('ap-northeast-1');
    const out = await tokyo.send(new GetMetricStatisticsCommand({
      Namespace, MetricName: 'Latency', Dimensions: API, StartTime: at(-5), EndTime: at(0), Period: 60, Statistics: ['Sum'],
    }));
    assert.deepEqual(out.Datapoints, []);
    assert.deepEqual((await tokyo.send(new ListMetricsCommand({}))).Metrics, []);
    tokyo.destroy();
  });

  it('writes whole doubles as 2.0 on the JSON wire', async () => {
    await put(latency(2, -1));
    const response = await jsonCall(h.sandbox, 'GetMetricStatistics', {
      Namespace, MetricName: 'Latency', Dimensions: API, StartTime: (NOON - 5 * MINUTE) / 1000, EndTime: NOON / 1000, Period: 300, Statistics: ['Sum', 'SampleCount'],
    });
    const text = await response.text();
    assert.match(text, /"Sum":2\.0/);
    assert.match(text, /"SampleCount":1\.0/);
  });
});

describe('PutMetricData errors', () => {
  const rejects = async (datum: MetricDatum, name: string, message: string, namespace = Namespace) =>
    assertError(await failure(h.cw.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: [latency(1, -1), datum] }))), name, message, 400);

  it('refuses the AWS/ namespaces', async () => {
    await rejects(latency(1, -1), 'InvalidParameterValueException', 'The value AWS/ for parameter Namespace is invalid.', 'AWS/EC2');
  });

  it('accepts timestamps from two weeks back to two hours ahead, and nothing beyond', async () => {
    await put(latency(1, -14 * 24 * 60), latency(1, 120));
    await rejects(latency(1, -14 * 24 * 60 - 1), 'InvalidParameterValueException',
      'The parameter MetricData.member.2.Timestamp must specify a time within the past two weeks.');
    await rejects(latency(1, 121), 'InvalidParameterValueException',
      'The parameter MetricData.member.2.Timestamp must specify a time no more than two hours in the future.');
  });

  it('checks values, counts, statistic sets, storage resolution, units and dimensions', async () => {
    await rejects({ ...latency(1, -1), Values: [1] }, 'InvalidParameterCombinationException',
      'The parameters MetricData.member.2.Value and MetricData.member.2.Values are mutually exclusive and you have specified both.');
    await rejects({ ...latency(1, -1), StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } }, 'InvalidParameterCombinationException',
      'The parameters MetricData.member.2.Value and MetricData.member.2.StatisticValues are mutually exclusive and you have specified both.');
    await rejects({ ...latency(0, -1), Value: undefined, Values: [1, 2], Counts: [1] }, 'InvalidParameterValueException',
      'The parameters MetricData.member.2.Values and MetricData.member.2.Counts must be of the same size.');
    await rejects(latency(1, -1, { StorageResolution: 5 }), 'InvalidParameterValueException',
      'The value 5 for parameter MetricData.member.2.StorageResolution is invalid.');
    await rejects(latency(2 ** 361, -1), 'InvalidParameterValueException',
      `The value ${2 ** 361} for parameter MetricData.member.2.Value is invalid.`);
    await rejects(latency(1, -1, { Unit: 'Parsecs' as 'None' }), 'InvalidParameterValueException',
      'The value Parsecs for parameter MetricData.member.2.Unit is invalid.');
    const dimensions = Array.from({ length: 31 }, (_, i) => ({ Name: `d${i}`, Value: 'v' }));
    await rejects(latency(1, -1, { Dimensions: dimensions }), 'InvalidParameterValueException',
      'The collection MetricData.member.2.Dimensions must not contain more than 30 items.');
    // A refused call stores none of its data.
    assert.deepEqual((await h.cw.send(new ListMetricsCommand({}))).Metrics, []);
  });

  it('takes at most 1000 metrics a call', async () => {
    const data = Array.from({ length: 1001 }, (_, i) => ({ MetricName: `m${i}`, Value: 1 }));
    assertError(await failure(h.cw.send(new PutMetricDataCommand({ Namespace, MetricData: data }))), 'InvalidParameterValueException',
      'The collection MetricData must not contain more than 1000 items.', 400);
  });

  it('answers the query error code in x-amzn-query-error on JSON', async () => {
    const response = await jsonCall(h.sandbox, 'PutMetricData', { Namespace: 'AWS/EC2', MetricData: [{ MetricName: 'x', Value: 1 }] });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-query-error'), 'InvalidParameterValue;Sender');
    assert.deepEqual(await response.json(), { __type: 'InvalidParameterValueException', message: 'The value AWS/ for parameter Namespace is invalid.' });
  });
});

describe('GetMetricStatistics errors', () => {
  const read = (input: Partial<ConstructorParameters<typeof GetMetricStatisticsCommand>[0]>) => h.cw.send(new GetMetricStatisticsCommand({
    Namespace, MetricName: 'Latency', StartTime: at(-60), EndTime: at(0), Period: 60, Statistics: ['Sum'], ...input,
  }));

  it('checks Period, the time range and the 1,440 datapoint limit', async () => {
    assertError(await failure(read({ Period: 45 })), 'InvalidParameterValueException', 'The parameter Period must be a multiple of 60.', 400);
    assertError(await failure(read({ Period: 90 })), 'InvalidParameterValueException', 'The parameter Period must be a multiple of 60.', 400);
    assertError(await failure(read({ StartTime: at(0) })), 'InvalidParameterValueException',
      'The parameter StartTime must be less than the parameter EndTime.', 400);
    await read({ StartTime: at(-1440), Period: 60 });
    assertError(await failure(read({ StartTime: at(-1441), Period: 60 })), 'InvalidParameterCombinationException',
      'You have requested up to 1,441 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.', 400);
  });

  it('wants Statistics or ExtendedStatistics, not both, with known names', async () => {
    assertError(await failure(read({ ExtendedStatistics: ['p90'] })), 'InvalidParameterCombinationException',
      'Must specify either Statistics or ExtendedStatistics, but not both.', 400);
    assertError(await failure(read({ Statistics: [] })), 'InvalidParameterCombinationException',
      'Must specify either Statistics or ExtendedStatistics.', 400);
    assertError(await failure(read({ Statistics: undefined, ExtendedStatistics: ['p101'] })), 'InvalidParameterValueException',
      'The value p101 for parameter ExtendedStatistics is invalid.', 400);
  });
});

describe('ListMetrics', () => {
  it('filters by namespace, name and dimensions, a name-only filter matching any value', async () => {
    await put(latency(1, -1), latency(1, -1, { Dimensions: [{ Name: 'Service', Value: 'web' }] }), { MetricName: 'Requests', Value: 1 });
    await h.cw.send(new PutMetricDataCommand({ Namespace: 'Lab/Other', MetricData: [{ MetricName: 'Latency', Value: 1 }] }));
    const names = async (input: ListMetricsCommandInput) =>
      (await h.cw.send(new ListMetricsCommand(input))).Metrics?.map((m) => `${m.Namespace} ${m.MetricName} ${(m.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(',')}`);
    assert.deepEqual(await names({}), ['Lab/App Latency Service=api,Stage=prod', 'Lab/App Latency Service=web', 'Lab/App Requests ', 'Lab/Other Latency ']);
    assert.deepEqual(await names({ Namespace: 'Lab/Other' }), ['Lab/Other Latency ']);
    assert.deepEqual(await names({ MetricName: 'Requests' }), ['Lab/App Requests ']);
    assert.deepEqual(await names({ Dimensions: [{ Name: 'Service' }] }), ['Lab/App Latency Service=api,Stage=prod', 'Lab/App Latency Service=web']);
    assert.deepEqual(await names({ Dimensions: [{ Name: 'Service', Value: 'web' }] }), ['Lab/App Latency Service=web']);
    assert.deepEqual(await names({ Dimensions: [{ Name: 'Service' }, { Name: 'Stage' }] }), ['Lab/App Latency Service=api,Stage=prod']);
  });

  it('lists only metrics put to in the last three hours with RecentlyActive PT3H', async () => {
    await put({ MetricName: 'Old', Value: 1 });
    h.now.at = NOON + 3 * 60 * MINUTE + 1;
    await put({ MetricName: 'New', Value: 1 });
    assert.deepEqual((await h.cw.send(new ListMetricsCommand({ RecentlyActive: 'PT3H' }))).Metrics?.map((m) => m.MetricName), ['New']);
    assert.equal((await h.cw.send(new ListMetricsCommand({}))).Metrics?.length, 2);
  });

  it('pages 500 metrics at a time, and refuses a token it did not issue', async () => {
    const batch = (from: number) => Array.from({ length: 1000 }, (_, i) => ({ MetricName: `m${String(from + i).padStart(4, '0')}`, Value: 1 }));
    await put(...batch(0));
    await put({ MetricName: 'm1000', Value: 1 });
    const first = await h.cw.send(new ListMetricsCommand({}));
    assert.equal(first.Metrics?.length, 500);
    const second = await h.cw.send(new ListMetricsCommand({ NextToken: first.NextToken }));
    assert.equal(second.Metrics?.[0]?.MetricName, 'm0500');
    const third = await h.cw.send(new ListMetricsCommand({ NextToken: second.NextToken }));
    assert.deepEqual(third.Metrics?.map((m) => m.MetricName), ['m1000']);
    assert.equal(third.NextToken, undefined);
    assertError(await failure(h.cw.send(new ListMetricsCommand({ NextToken: 'bogus' }))), 'InvalidNextToken',
      'The service cannot find the next token provided.', 400);
  });
});

describe('GetMetricData', () => {
  const query = (Id: string, Stat: string, extra: Partial<MetricDataQuery> = {}): MetricDataQuery & { MetricStat: NonNullable<MetricDataQuery['MetricStat']> } => ({
    Id, MetricStat: { Metric: { Namespace, MetricName: 'Latency', Dimensions: API }, Period: 60, Stat }, ...extra,
  });

  it('answers each MetricStat query per period, newest first by default, with its label', async () => {
    await put(latency(1, -3), latency(3, -3), latency(10, -1));
    const out = await h.cw.send(new GetMetricDataCommand({
      StartTime: at(-5), EndTime: at(0),
      MetricDataQueries: [query('avg', 'Average'), query('top', 'p50', { Label: 'median' }), query('hidden', 'Sum', { ReturnData: false })],
    }));
    assert.deepEqual(out.MetricDataResults, [
      { Id: 'avg', Label: 'Latency', Timestamps: [at(-1), at(-3)], Values: [10, 2], StatusCode: 'Complete' },
      { Id: 'top', Label: 'median', Timestamps: [at(-1), at(-3)], Values: [10, 1], StatusCode: 'Complete' },
    ]);
    assert.deepEqual(out.Messages, []);
  });

  it('scans oldest first with TimestampAscending, and pages by MaxDatapoints across queries', async () => {
    await put(latency(1, -4), latency(2, -3), latency(3, -2));
    const input = { StartTime: at(-5), EndTime: at(0), ScanBy: 'TimestampAscending' as const, MaxDatapoints: 4, MetricDataQueries: [query('a', 'Sum'), query('b', 'Maximum')] };
    const first = await h.cw.send(new GetMetricDataCommand(input));
    assert.deepEqual(first.MetricDataResults?.map((r) => [r.Id, r.Values, r.StatusCode]), [['a', [1, 2, 3], 'Complete'], ['b', [1], 'PartialData']]);
    assert.deepEqual(first.MetricDataResults?.[0]?.Timestamps, [at(-4), at(-3), at(-2)]);
    const second = await h.cw.send(new GetMetricDataCommand({ ...input, NextToken: first.NextToken }));
    assert.deepEqual(second.MetricDataResults?.map((r) => [r.Id, r.Values, r.StatusCode]), [['a', [], 'Complete'], ['b', [2, 3], 'Complete']]);
    assert.equal(second.NextToken, undefined);
  });

  it('checks ids, statistics and periods, and refuses Metrics Insights by name', async () => {
    const run = (...MetricDataQueries: MetricDataQuery[]) => h.cw.send(new GetMetricDataCommand({ StartTime: at(-5), EndTime: at(0), MetricDataQueries }));
    assertError(await failure(run(query('M1', 'Sum'))), 'ValidationException',
      'The value M1 for parameter MetricDataQueries.member.1.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.', 400);
    assertError(await failure(run(query('a', 'Sum'), query('a', 'Sum'))), 'InvalidParameterValueException',
      'The value a for parameter MetricDataQueries.member.2.Id is duplicated.', 400);
    assertError(await failure(run(query('a', 'Median'))), 'InvalidParameterValueException',
      'The value Median for parameter MetricDataQueries.member.1.MetricStat.Stat is invalid.', 400);
    assertError(await failure(run({ ...query('a', 'Sum'), MetricStat: { ...query('a', 'Sum').MetricStat, Period: 7 } })), 'InvalidParameterValueException',
      'The parameter MetricDataQueries.member.1.MetricStat.Period must be a multiple of 60.', 400);
    assertError(await failure(run(query('a', 'Sum'), { Id: 'e1', Expression: 'SELECT AVG(Latency) FROM "Lab/App"', Period: 60 })), 'InvalidParameterValueException',
      'The lab sandbox does not support Metrics Insights queries (MetricDataQueries.member.2.Expression starts with SELECT) yet; use metric math or SEARCH.', 400);
  });
});

describe('state', () => {
  it('keeps metrics and their datapoints across a restart with a state directory', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'lab-cloudwatch-'));
    try {
      const first = await startHarness(stateDir);
      await first.cw.send(new PutMetricDataCommand({ Namespace, MetricData: [latency(2, -1), { ...latency(0, -1), Value: undefined, Values: [4], Counts: [2] }] }));
      await first.close();
      const second = await startHarness(stateDir);
      try {
        assert.equal((await second.cw.send(new ListMetricsCommand({}))).Metrics?.length, 1);
        const out = await second.cw.send(new GetMetricStatisticsCommand({
          Namespace, MetricName: 'Latency', Dimensions: API, StartTime: at(-5), EndTime: at(0), Period: 300, Statistics: ['Sum', 'SampleCount'],
        }));
        assert.deepEqual(out.Datapoints, [{ Timestamp: at(-5), Sum: 10, SampleCount: 3, Unit: 'Milliseconds' }]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
