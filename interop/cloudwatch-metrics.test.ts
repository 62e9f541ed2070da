/**
 * The real AWS CLI v2 (2.9.19) against `lab sandbox start` for CloudWatch metric math:
 * put-metric-data, then get-metric-data with --metric-data-queries JSON holding a math
 * expression, a SEARCH and a SORT, read through --query and --output table, and a malformed
 * expression refused as the CLI prints a service error.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { cliSession } from './cli-session.js';

const { aws } = cliSession();
const MINUTE = 60_000;
/** A whole minute a little in the past, on the sandbox's real clock: every datapoint sits before it. */
const base = Math.floor(Date.now() / MINUTE) * MINUTE;
const iso = (minutes: number): string => new Date(base + minutes * MINUTE).toISOString();

function ok(...args: string[]): string {
  const result = aws(...args);
  assert.equal(result.code, 0, `aws ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

const disk = (instance: string, value: number, minutes: number) => ({
  MetricName: 'disk_used_percent', Value: value, Timestamp: iso(minutes),
  Dimensions: [{ Name: 'InstanceId', Value: instance }, { Name: 'path', Value: '/' }],
});

describe('CloudWatch get-metric-data with metric math', () => {
  before(() => {
    ok('cloudwatch', 'put-metric-data', '--namespace', 'CWAgent', '--metric-data', JSON.stringify([
      disk('i-0aaa', 40, -4), disk('i-0aaa', 44, -3), disk('i-0bbb', 70, -4), disk('i-0bbb', 90, -3), disk('i-0ccc', 10, -4),
    ]));
  });

  const range = ['--start-time', iso(-5), '--end-time', iso(0), '--scan-by', 'TimestampAscending'];

  test('a SEARCH sorted by SORT(e1, MAX, DESC, 2), labelled dynamically, read through --query and --output table', () => {
    const queries = [
      { Id: 'e1', Expression: `SEARCH('{CWAgent,InstanceId,path} MetricName="disk_used_percent"', 'Maximum', 60)`, ReturnData: false },
      { Id: 'top', Expression: 'SORT(e1, MAX, DESC, 2)', Label: "${PROP('Dim.InstanceId')} max ${MAX}" },
    ];
    const table = ok('cloudwatch', 'get-metric-data', '--metric-data-queries', JSON.stringify(queries), ...range,
      '--query', 'MetricDataResults[].[Id,Label,StatusCode]', '--output', 'table');
    const rows = table.split('\n').filter((line) => line.startsWith('|') && line.includes('top'));
    assert.deepEqual(rows.map((row) => row.split('|').map((cell) => cell.trim()).filter((cell) => cell !== '')), [
      ['top', 'i-0bbb max 90', 'Complete'],
      ['top', 'i-0aaa max 44', 'Complete'],
    ], table);
    assert.match(table, /GetMetricData/);
  });

  test('arithmetic over the series of ReturnData=false queries, as JSON', () => {
    const metric = (instance: string) => ({ Namespace: 'CWAgent', MetricName: 'disk_used_percent', Dimensions: [{ Name: 'InstanceId', Value: instance }, { Name: 'path', Value: '/' }] });
    const queries = [
      { Id: 'a', MetricStat: { Metric: metric('i-0aaa'), Period: 60, Stat: 'Average' }, ReturnData: false },
      { Id: 'b', MetricStat: { Metric: metric('i-0bbb'), Period: 60, Stat: 'Average' }, ReturnData: false },
      { Id: 'gap', Expression: 'b - a', Label: 'b minus a' },
    ];
    const out = JSON.parse(ok('cloudwatch', 'get-metric-data', '--metric-data-queries', JSON.stringify(queries), ...range, '--output', 'json'));
    assert.deepEqual(out.MetricDataResults, [
      { Id: 'gap', Label: 'b minus a', Timestamps: [iso(-4).replace('.000Z', '+00:00'), iso(-3).replace('.000Z', '+00:00')], Values: [30.0, 46.0], StatusCode: 'Complete' },
    ]);
  });

  test('a malformed expression is a ValidationError the CLI prints and exits 254 on', () => {
    const queries = [{ Id: 'e1', Expression: 'SUM(METRICS(' }];
    const result = aws('cloudwatch', 'get-metric-data', '--metric-data-queries', JSON.stringify(queries), ...range);
    assert.equal(result.code, 254, result.stdout + result.stderr);
    assert.match(result.stderr, /An error occurred \(ValidationError\) when calling the GetMetricData operation( \(reached max retries: \d+\))?: Error in expression e1: Syntax error: unexpected end of expression/);
  });
});
