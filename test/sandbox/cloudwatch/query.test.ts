/**
 * CloudWatch over the AWS query protocol, as the AWS CLI v2 (2.9.19) reaches it: form
 * POSTs, XML answers in the monitoring namespace, and query errors in their ErrorResponse.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { MINUTE, NOON, queryCall, startHarness, type Harness } from './harness.js';

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(() => h.close());

const iso = (minutes: number): string => new Date(NOON + minutes * MINUTE).toISOString();

describe('CloudWatch over AWS query', () => {
  it('puts with MetricData.member.N and answers GetMetricStatistics and ListMetrics in XML', async () => {
    const put = await queryCall(h.sandbox, {
      Action: 'PutMetricData', Namespace: 'Lab/App',
      'MetricData.member.1.MetricName': 'Latency', 'MetricData.member.1.Value': '2', 'MetricData.member.1.Unit': 'Milliseconds',
      'MetricData.member.1.Timestamp': iso(-2), 'MetricData.member.1.Dimensions.member.1.Name': 'Stage', 'MetricData.member.1.Dimensions.member.1.Value': 'prod',
      'MetricData.member.2.MetricName': 'Latency', 'MetricData.member.2.Unit': 'Milliseconds', 'MetricData.member.2.Timestamp': iso(-1),
      'MetricData.member.2.Values.member.1': '4', 'MetricData.member.2.Counts.member.1': '2',
      'MetricData.member.2.Dimensions.member.1.Name': 'Stage', 'MetricData.member.2.Dimensions.member.1.Value': 'prod',
    });
    assert.equal(put.status, 200);
    assert.match(put.body, /^<PutMetricDataResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/">/);

    const stats = await queryCall(h.sandbox, {
      Action: 'GetMetricStatistics', Namespace: 'Lab/App', MetricName: 'Latency', StartTime: iso(-5), EndTime: iso(0), Period: '300',
      'Statistics.member.1': 'Sum', 'Statistics.member.2': 'SampleCount', 'Dimensions.member.1.Name': 'Stage', 'Dimensions.member.1.Value': 'prod',
    });
    assert.equal(stats.status, 200);
    assert.match(stats.body, /<GetMetricStatisticsResult><Label>Latency<\/Label><Datapoints><member>/);
    assert.match(stats.body, /<Timestamp>2026-06-01T11:55:00(\.000)?Z<\/Timestamp>/);
    assert.match(stats.body, /<Sum>10(\.0)?<\/Sum>/);
    assert.match(stats.body, /<SampleCount>3(\.0)?<\/SampleCount>/);
    assert.match(stats.body, /<Unit>Milliseconds<\/Unit>/);

    const list = await queryCall(h.sandbox, { Action: 'ListMetrics', 'Dimensions.member.1.Name': 'Stage' });
    assert.match(list.body, /<Metrics><member><Namespace>Lab\/App<\/Namespace><MetricName>Latency<\/MetricName><Dimensions><member><Name>Stage<\/Name><Value>prod<\/Value><\/member><\/Dimensions><\/member><\/Metrics>/);
  });

  it('answers errors in the query ErrorResponse with the awsQueryError code', async () => {
    const refused = await queryCall(h.sandbox, { Action: 'PutMetricData', Namespace: 'AWS/EC2', 'MetricData.member.1.MetricName': 'x', 'MetricData.member.1.Value': '1' });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /<ErrorResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><Error><Type>Sender<\/Type><Code>InvalidParameterValue<\/Code><Message>The value AWS\/ for parameter Namespace is invalid.<\/Message><\/Error>/);
    const missing = await queryCall(h.sandbox, { Action: 'GetMetricStatistics', Namespace: 'Lab/App', MetricName: 'Latency', Period: '60', EndTime: iso(0), 'Statistics.member.1': 'Sum' });
    assert.equal(missing.status, 400);
    assert.match(missing.body, /<Code>MissingParameter<\/Code>/);
    assert.match(missing.body, /StartTime/);
  });

  it('reads a gzipped form, as a compressing client sends a large PutMetricData', async () => {
    const body = gzipSync(new URLSearchParams({ Action: 'PutMetricData', Version: '2010-08-01', Namespace: 'Lab/Zip', 'MetricData.member.1.MetricName': 'Zipped', 'MetricData.member.1.Value': '1' }).toString());
    const response = await fetch(h.sandbox.url, {
      method: 'POST', body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'content-encoding': 'gzip',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260601/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0',
      },
    });
    assert.equal(response.status, 200);
    assert.match((await queryCall(h.sandbox, { Action: 'ListMetrics', Namespace: 'Lab/Zip' })).body, /<MetricName>Zipped<\/MetricName>/);
  });
});

describe('GetMetricData with metric math over AWS query', () => {
  it('takes MetricDataQueries.member.N.Expression from the form and answers each series in XML', async () => {
    h.sandbox.router.reset();
    const put = await queryCall(h.sandbox, {
      Action: 'PutMetricData', Namespace: 'Lab/Math',
      'MetricData.member.1.MetricName': 'Requests', 'MetricData.member.1.Value': '8', 'MetricData.member.1.Timestamp': iso(-2),
      'MetricData.member.2.MetricName': 'Errors', 'MetricData.member.2.Value': '2', 'MetricData.member.2.Timestamp': iso(-2),
    });
    assert.equal(put.status, 200);
    const metric = (id: string, name: string, n: number): Record<string, string> => ({
      [`MetricDataQueries.member.${n}.Id`]: id, [`MetricDataQueries.member.${n}.ReturnData`]: 'false',
      [`MetricDataQueries.member.${n}.MetricStat.Metric.Namespace`]: 'Lab/Math', [`MetricDataQueries.member.${n}.MetricStat.Metric.MetricName`]: name,
      [`MetricDataQueries.member.${n}.MetricStat.Period`]: '60', [`MetricDataQueries.member.${n}.MetricStat.Stat`]: 'Sum',
    });
    const data = await queryCall(h.sandbox, {
      Action: 'GetMetricData', StartTime: iso(-5), EndTime: iso(0),
      ...metric('req', 'Requests', 1), ...metric('err', 'Errors', 2),
      'MetricDataQueries.member.3.Id': 'rate', 'MetricDataQueries.member.3.Expression': '100 * err / req', 'MetricDataQueries.member.3.Label': 'Error rate',
    });
    assert.equal(data.status, 200, data.body);
    assert.match(data.body, /<MetricDataResults><member><Id>rate<\/Id><Label>Error rate<\/Label><Timestamps><member>2026-06-01T11:58:00(\.000)?Z<\/member><\/Timestamps><Values><member>25(\.0)?<\/member><\/Values><StatusCode>Complete<\/StatusCode><\/member><\/MetricDataResults>/);

    const bad = await queryCall(h.sandbox, { Action: 'GetMetricData', StartTime: iso(-5), EndTime: iso(0), 'MetricDataQueries.member.1.Id': 'e1', 'MetricDataQueries.member.1.Expression': 'e1 * 2' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /<Code>ValidationError<\/Code><Message>Error in expression e1: Circular reference: e1 -&gt; e1<\/Message>/);
  });
});
