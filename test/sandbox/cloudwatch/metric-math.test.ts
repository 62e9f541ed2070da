/**
 * GetMetricData with Expression queries through the real CloudWatchClient over HTTP: metric
 * math over MetricStat queries ("Using metric math", CloudWatch User Guide), SEARCH ("Using
 * search expressions in graphs", and the CloudWatch agent workshop's disk_used_percent
 * searches), SORT, FILL, RATE, IF, dynamic labels ("Use dynamic labels"), paging and the
 * errors of a bad expression.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetMetricDataCommand, PutMetricDataCommand, type GetMetricDataCommandInput, type MetricDataQuery, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { assertError, failure } from '../../support/aws-errors.js';
import { MINUTE, NOON, useHarness } from './harness.js';

const h = useHarness();

const at = (minutes: number): Date => new Date(NOON + minutes * MINUTE);

async function put(Namespace: string, ...MetricData: MetricDatum[]): Promise<void> {
  await h.cw.send(new PutMetricDataCommand({ Namespace, MetricData }));
}

const lambda = (MetricName: string, Value: number, minutes: number): MetricDatum => ({
  MetricName, Value, Timestamp: at(minutes), Dimensions: [{ Name: 'FunctionName', Value: 'orders' }],
});

const stat = (Id: string, MetricName: string, Stat = 'Sum', extra: Partial<MetricDataQuery> = {}): MetricDataQuery => ({
  Id, MetricStat: { Metric: { Namespace: 'Lab/Lambda', MetricName, Dimensions: [{ Name: 'FunctionName', Value: 'orders' }] }, Period: 60, Stat }, ...extra,
});

async function query(MetricDataQueries: MetricDataQuery[], extra: Partial<GetMetricDataCommandInput> = {}) {
  const out = await h.cw.send(new GetMetricDataCommand({ StartTime: at(-5), EndTime: at(0), ScanBy: 'TimestampAscending', MetricDataQueries, ...extra }));
  return out.MetricDataResults ?? [];
}

const minutesOf = (dates: Date[] | undefined): number[] => (dates ?? []).map((d) => (d.getTime() - NOON) / MINUTE);

/** Errors and Invocations of one function, a minute apart; minute -3 has invocations but no errors, minute -1 errors but no invocations. */
async function putErrorsAndInvocations(): Promise<void> {
  await put('Lab/Lambda', lambda('Errors', 1, -5), lambda('Errors', 2, -4), lambda('Errors', 3, -1));
  await put('Lab/Lambda', lambda('Invocations', 10, -5), lambda('Invocations', 20, -4), lambda('Invocations', 50, -3));
}

describe('metric math over MetricStat queries', () => {
  it("divides Errors by Invocations for an error rate (the User Guide's Lambda example), leaving out ReturnData=false queries", async () => {
    await putErrorsAndInvocations();
    const results = await query([
      stat('errors', 'Errors', 'Sum', { ReturnData: false }),
      stat('requests', 'Invocations', 'Sum', { ReturnData: false }),
      { Id: 'rate', Expression: 'errors / requests * 100', Label: 'Error rate (%)' },
    ]);
    assert.equal(results.length, 1);
    const [rate] = results;
    assert.equal(rate?.Id, 'rate');
    assert.equal(rate?.Label, 'Error rate (%)');
    // Minute -3: no errors counts as 0; minute -1: no invocations is a division by zero, which leaves no point.
    assert.deepEqual(minutesOf(rate?.Timestamps), [-5, -4, -3]);
    assert.deepEqual(rate?.Values, [10, 10, 0]);
    assert.equal(rate?.StatusCode, 'Complete');
  });

  it('labels an expression with its Id when it has no Label, and turns a scalar into a value every period', async () => {
    await putErrorsAndInvocations();
    const results = await query([stat('m1', 'Invocations'), { Id: 'e1', Expression: 'm1 - AVG(m1)' }, { Id: 'e2', Expression: 'MAX(m1)' }]);
    assert.deepEqual(results.map((r) => [r.Id, r.Label]), [['m1', 'Invocations'], ['e1', 'e1'], ['e2', 'e2']]);
    assert.deepEqual(results[1]?.Values, [-(80 / 3) + 10, -(80 / 3) + 20, 50 - 80 / 3]);
    assert.deepEqual(minutesOf(results[2]?.Timestamps), [-5, -4, -3, -2, -1]);
    assert.deepEqual(results[2]?.Values, [50, 50, 50, 50, 50]);
  });

  it('fills gaps (FILL with 0 and REPEAT), takes RATE per second, and picks with IF', async () => {
    await putErrorsAndInvocations();
    const results = await query([
      stat('m1', 'Errors', 'Sum', { ReturnData: false }),
      stat('m2', 'Invocations', 'Sum', { ReturnData: false }),
      { Id: 'zero', Expression: 'FILL(m1, 0)' },
      { Id: 'repeat', Expression: 'FILL(m2, REPEAT)' },
      { Id: 'rate', Expression: 'RATE(m2)' },
      { Id: 'busy', Expression: 'IF(m2 > 15, m2, 0)' },
    ]);
    const byId = Object.fromEntries(results.map((r) => [r.Id, r.Values]));
    assert.deepEqual(byId, {
      zero: [1, 2, 0, 0, 3],
      repeat: [10, 20, 50, 50, 50],
      rate: [10 / 60, 30 / 60],
      busy: [0, 20, 50],
    });
  });

  it('sums every metric of the request with SUM(METRICS()), and those whose Id holds a string with METRICS(string)', async () => {
    await putErrorsAndInvocations();
    const results = await query([
      stat('errors', 'Errors', 'Sum', { ReturnData: false }),
      stat('invocations', 'Invocations', 'Sum', { ReturnData: false }),
      { Id: 'all', Expression: 'SUM(METRICS())' },
      { Id: 'onlyErrors', Expression: "SUM(METRICS('errors'))" },
      { Id: 'each', Expression: 'METRICS() * 2', Label: 'Doubled' },
    ]);
    assert.deepEqual(results.map((r) => [r.Id, r.Label, r.Values]), [
      ['all', 'all', [11, 22, 50, 3]],
      ['onlyErrors', 'onlyErrors', [1, 2, 3]],
      ['each', 'Doubled Errors', [2, 4, 6]],
      ['each', 'Doubled Invocations', [20, 40, 100]],
    ]);
  });

  it('pages expression results by MaxDatapoints, newest first by default, with PartialData on the one cut short', async () => {
    await putErrorsAndInvocations();
    const input = { StartTime: at(-5), EndTime: at(0), MaxDatapoints: 4, MetricDataQueries: [stat('m1', 'Errors'), { Id: 'e1', Expression: 'm1 * 10' }] };
    const first = await h.cw.send(new GetMetricDataCommand(input));
    assert.deepEqual(first.MetricDataResults?.map((r) => [r.Id, minutesOf(r.Timestamps), r.Values, r.StatusCode]), [
      ['m1', [-1, -4, -5], [3, 2, 1], 'Complete'],
      ['e1', [-1], [30], 'PartialData'],
    ]);
    const second = await h.cw.send(new GetMetricDataCommand({ ...input, NextToken: first.NextToken }));
    assert.deepEqual(second.MetricDataResults?.map((r) => [r.Id, r.Values, r.StatusCode]), [['m1', [], 'Complete'], ['e1', [20, 10], 'Complete']]);
    assert.equal(second.NextToken, undefined);
  });
});

describe('SEARCH', () => {
  /** The CloudWatch agent workshop's disk metrics: three instances' root volumes, and one metric with another dimension set. */
  async function putDisks(): Promise<void> {
    const disk = (InstanceId: string, Value: number, minutes: number, extra: Array<{ Name: string; Value: string }> = [{ Name: 'path', Value: '/' }]): MetricDatum => ({
      MetricName: 'disk_used_percent', Value, Timestamp: at(minutes), Dimensions: [{ Name: 'InstanceId', Value: InstanceId }, ...extra],
    });
    await put('CWAgent', disk('i-0aaa', 40, -4), disk('i-0aaa', 42, -2), disk('i-0bbb', 70, -4), disk('i-0bbb', 90, -2), disk('i-0ccc', 10, -3));
    await put('CWAgent', disk('i-0ddd', 55, -3, [{ Name: 'path', Value: '/' }, { Name: 'fstype', Value: 'xfs' }]));
    await put('CWAgent', { MetricName: 'mem_used_percent', Value: 30, Timestamp: at(-3), Dimensions: [{ Name: 'InstanceId', Value: 'i-0aaa' }] });
  }

  it("finds the workshop's SEARCH('{CWAgent,InstanceId,path} MetricName=\"disk_used_percent\"', 'Average', 300): one result per metric of exactly that dimension set, all under the query's Id", async () => {
    await putDisks();
    const results = await query([{ Id: 'disks', Expression: `SEARCH('{CWAgent,InstanceId,path} MetricName="disk_used_percent"', 'Average', 300)` }]);
    assert.deepEqual(results.map((r) => [r.Id, r.Label, minutesOf(r.Timestamps), r.Values]), [
      ['disks', 'i-0aaa / disk_used_percent', [-5], [41]],
      ['disks', 'i-0bbb / disk_used_percent', [-5], [80]],
      ['disks', 'i-0ccc / disk_used_percent', [-5], [10]],
    ]);
  });

  it("finds SEARCH('disk_used_percent', 'Average', 300) in any dimension set, and nothing for a term that is no whole token", async () => {
    await putDisks();
    const results = await query([{ Id: 'disks', Expression: "SEARCH('disk_used_percent', 'Average', 300)" }, { Id: 'none', Expression: "SEARCH('disk_use', 'Average', 300)" }]);
    assert.deepEqual(results.map((r) => r.Label), ['i-0aaa / disk_used_percent', 'i-0bbb / disk_used_percent', 'i-0ccc / disk_used_percent', 'i-0ddd xfs / disk_used_percent']);
  });

  it('keeps the top 2 by SORT(e1, SUM, DESC, 2) and labels each with a dynamic label', async () => {
    await putDisks();
    const results = await query([
      { Id: 'e1', Expression: `SEARCH('{CWAgent,InstanceId,path} disk_used_percent', 'Maximum', 60)`, ReturnData: false },
      { Id: 'top', Expression: 'SORT(e1, SUM, DESC, 2)', Label: "${PROP('Dim.InstanceId')} ${PROP('MetricName')} (${PROP('Stat')}, ${PROP('Period')} s): max ${MAX}, last ${LAST}, avg ${AVG}" },
    ]);
    assert.deepEqual(results.map((r) => [r.Id, r.Label, r.Values]), [
      ['top', 'i-0bbb disk_used_percent (Maximum, 60 s): max 90, last 90, avg 80', [70, 90]],
      ['top', 'i-0aaa disk_used_percent (Maximum, 60 s): max 42, last 42, avg 41', [40, 42]],
    ]);
  });

  it('puts a static Label before each series label, and sums a search into one series', async () => {
    await putDisks();
    const results = await query([
      { Id: 'disks', Expression: `SEARCH('{CWAgent,InstanceId,path} MetricName="disk_used_percent" NOT i-0ccc', 'Maximum', 60)`, Label: 'Disk' },
      { Id: 'total', Expression: `SUM(SEARCH('{CWAgent,InstanceId,path} disk_used_percent', 'Maximum', 60))` },
    ]);
    assert.deepEqual(results.map((r) => [r.Label, minutesOf(r.Timestamps), r.Values]), [
      ['Disk i-0aaa / disk_used_percent', [-4, -2], [40, 42]],
      ['Disk i-0bbb / disk_used_percent', [-4, -2], [70, 90]],
      ['total', [-4, -3, -2], [110, 10, 132]],
    ]);
  });

  it('returns at most 500 series, and says so on each result when it found more', async () => {
    await put('Lab/Fleet', ...Array.from({ length: 501 }, (_, i) => ({ MetricName: 'Load', Value: i, Timestamp: at(-2), Dimensions: [{ Name: 'Host', Value: `h${String(i).padStart(3, '0')}` }] })));
    const results = await query([{ Id: 'fleet', Expression: "SEARCH('{Lab/Fleet,Host} Load', 'Average', 60)" }]);
    assert.equal(results.length, 500);
    assert.deepEqual(results[0]?.Messages, [{ Code: 'MaxMatchingSeriesExceeded', Value: 'SEARCH matched 501 metrics; only the first 500 are returned.' }]);
  });

  it('leaves out metrics that reported nothing in the past two weeks', async () => {
    await putDisks();
    h.now.at = NOON + 15 * 24 * 60 * MINUTE;
    const out = await h.cw.send(new GetMetricDataCommand({
      StartTime: at(-5), EndTime: at(0), MetricDataQueries: [{ Id: 'disks', Expression: "SEARCH('disk_used_percent', 'Average', 300)" }],
    }));
    assert.deepEqual(out.MetricDataResults, []);
  });
});

describe('resolution and retention (the GetMetricData and GetMetricStatistics documentation)', () => {
  it('reads 16-day-old data only at a multiple of 5 minutes, its StartTime rounded down to the 5-minute interval', async () => {
    await put('Lab/Lambda', lambda('Errors', 4, -1));
    h.now.at = NOON + 16 * 24 * 60 * MINUTE;
    const read = (Period: number) => h.cw.send(new GetMetricDataCommand({
      StartTime: at(-7), EndTime: at(0), MetricDataQueries: [{ ...stat('m1', 'Errors'), MetricStat: { ...stat('m1', 'Errors').MetricStat!, Period } }],
    }));
    assert.deepEqual((await read(60)).MetricDataResults?.[0]?.Values, []);
    const fiveMinutes = (await read(300)).MetricDataResults?.[0];
    assert.deepEqual([minutesOf(fiveMinutes?.Timestamps), fiveMinutes?.Values], [[-5], [4]]);
  });
});

describe('errors', () => {
  const run = (...MetricDataQueries: MetricDataQuery[]) => h.cw.send(new GetMetricDataCommand({ StartTime: at(-5), EndTime: at(0), MetricDataQueries }));

  it('refuses a malformed expression, an unknown Id, a circular reference and an unknown function', async () => {
    assertError(await failure(run(stat('m1', 'Errors'), { Id: 'e1', Expression: 'm1 +' })), 'ValidationException', 'Error in expression e1: Syntax error: unexpected end of expression', 400);
    assertError(await failure(run(stat('m1', 'Errors'), { Id: 'e1', Expression: 'm1 + m3' })), 'ValidationException', 'Error in expression e1: Unrecognized metric or expression Id m3', 400);
    assertError(await failure(run({ Id: 'e1', Expression: 'e2 * 2' }, { Id: 'e2', Expression: 'e1 + 1' })), 'ValidationException', 'Error in expression e1: Circular reference: e1 -> e2 -> e1', 400);
    assertError(await failure(run({ Id: 'e1', Expression: 'e1 + 1' })), 'ValidationException', 'Error in expression e1: Circular reference: e1 -> e1', 400);
    assertError(await failure(run(stat('m1', 'Errors'), { Id: 'e1', Expression: 'MEDIAN(m1)' })), 'ValidationException', 'Error in expression e1: Unknown function MEDIAN', 400);
    assertError(await failure(run({ Id: 'e1', Expression: "SEARCH('cpu', 'Median', 300)" })), 'ValidationException', 'Error in expression e1: SEARCH: Median is not a statistic', 400);
  });

  it('refuses MetricStat and Expression together, and a Metrics Insights query by name', async () => {
    assertError(await failure(run({ ...stat('m1', 'Errors'), Expression: 'm1' })), 'InvalidParameterCombinationException',
      'The parameters MetricDataQueries.member.1.MetricStat and MetricDataQueries.member.1.Expression are mutually exclusive and you have specified both.', 400);
    assertError(await failure(run({ Id: 'q1', Expression: 'SELECT MAX(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId)', Period: 300 })), 'InvalidParameterValueException',
      'The lab sandbox does not support Metrics Insights queries (MetricDataQueries.member.1.Expression starts with SELECT) yet; use metric math or SEARCH.', 400);
  });
});
