/**
 * CloudWatch Logs metric filters in the sandbox, through the real CloudWatchLogsClient and
 * CloudWatchClient over HTTP: PutMetricFilter's rules, DescribeMetricFilters,
 * DeleteMetricFilter, TestMetricFilter, and the datapoints filters report into CloudWatch
 * when PutLogEvents stores events, read back with GetMetricStatistics. The cases are the
 * examples of AWS's "Creating metric filters" pages (Count log events, Count occurrences of a
 * term, Count HTTP 404 codes, Extract fields from an Apache log) and of "Filter pattern syntax
 * for metric filters" (publishing `$.latency`, Default Value).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CloudWatchClient, GetMetricStatisticsCommand, type Dimension } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DeleteLogGroupCommand, DeleteMetricFilterCommand,
  DescribeLogGroupsCommand, DescribeMetricFiltersCommand, PutLogEventsCommand, PutMetricFilterCommand, TestMetricFilterCommand,
  type InputLogEvent, type MetricTransformation,
} from '@aws-sdk/client-cloudwatch-logs';
import { createClock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';
import { assertError, failure } from '../../support/aws-errors.js';

const MINUTE = 60_000;
/** The sandbox clock stands still at noon; events are put in the minutes before it. */
const NOON = Date.UTC(2026, 11, 4, 12, 0, 0);
const at = (minutes: number, seconds = 0) => NOON + minutes * MINUTE + seconds * 1000;

let sandbox: RunningSandbox;
let logs: CloudWatchLogsClient;
let cloudwatch: CloudWatchClient;

before(async () => {
  sandbox = await startSandbox({ port: 0, services: await createServices(['logs']), clock: createClock({ now: () => NOON }) });
  const config = { endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  logs = new CloudWatchLogsClient(config);
  cloudwatch = new CloudWatchClient(config);
});

after(async () => {
  logs.destroy();
  cloudwatch.destroy();
  await sandbox.stop();
});

const logGroupName = 'MyApp/access.log';
const logStreamName = 'hostname';

beforeEach(async () => {
  sandbox.router.reset();
  await logs.send(new CreateLogGroupCommand({ logGroupName }));
  await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
});

const put = (...logEvents: InputLogEvent[]) => logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents }));

const putFilter = (filterName: string, filterPattern: string, transformation: Partial<MetricTransformation>, group = logGroupName) =>
  logs.send(new PutMetricFilterCommand({
    logGroupName: group,
    filterName,
    filterPattern,
    metricTransformations: [{ metricName: 'Count', metricNamespace: 'MyNamespace', metricValue: '1', ...transformation }],
  }));

/** The metric's per-minute statistics over the hour before noon. */
async function minutes(metricName: string, dimensions: Dimension[] = []) {
  const { Datapoints } = await cloudwatch.send(new GetMetricStatisticsCommand({
    Namespace: 'MyNamespace', MetricName: metricName, Dimensions: dimensions,
    StartTime: new Date(at(-60)), EndTime: new Date(at(1)), Period: 60, Statistics: ['Sum', 'SampleCount'],
  }));
  return (Datapoints ?? [])
    .map((point) => ({ minute: (point.Timestamp!.getTime() - NOON) / MINUTE, sum: point.Sum, samples: point.SampleCount, unit: point.Unit }))
    .sort((a, b) => a.minute - b.minute);
}

const APACHE = [
  '127.0.0.1 - - [24/Sep/2013:11:49:52 -0700] "GET /index.html HTTP/1.1" 404 287',
  '127.0.0.1 - - [24/Sep/2013:11:49:52 -0700] "GET /index.html HTTP/1.1" 404 287',
  '127.0.0.1 - - [24/Sep/2013:11:50:51 -0700] "GET /~test/ HTTP/1.1" 200 3',
  '127.0.0.1 - - [24/Sep/2013:11:50:51 -0700] "GET /favicon.ico HTTP/1.1" 404 308',
  '127.0.0.1 - - [24/Sep/2013:11:50:51 -0700] "GET /favicon.ico HTTP/1.1" 404 308',
  '127.0.0.1 - - [24/Sep/2013:11:51:34 -0700] "GET /~test/index.html HTTP/1.1" 200 3',
];

describe('what metric filters report into CloudWatch', () => {
  it('Count log events: an empty pattern counts every event, at each event\'s own minute', async () => {
    await putFilter('EventCount', ' ', { metricName: 'EventCount', defaultValue: 0 });
    await put({ timestamp: at(-3), message: 'one' }, { timestamp: at(-3, 30), message: 'two' }, { timestamp: at(-2), message: 'three' });
    assert.deepEqual(await minutes('EventCount'), [
      { minute: -3, sum: 2, samples: 2, unit: 'None' },
      { minute: -2, sum: 1, samples: 1, unit: 'None' },
    ]);
  });

  it('Count occurrences of a term: "Error" is case-sensitive', async () => {
    await putFilter('MyAppErrorCount', 'Error', { metricName: 'ErrorCount' });
    await put(
      { timestamp: at(-5), message: 'This message contains an Error' },
      { timestamp: at(-5, 10), message: 'This message also contains an Error' },
      { timestamp: at(-5, 20), message: 'an error in lower case' },
    );
    assert.deepEqual(await minutes('ErrorCount'), [{ minute: -5, sum: 2, samples: 2, unit: 'None' }]);
  });

  it('Count HTTP 404 codes with a space-delimited pattern', async () => {
    await putFilter('HTTP404Errors', '[ip, id, user, timestamp, request, status_code=404, size]', { metricName: 'ApacheNotFoundErrorCount', unit: 'Count' });
    await put(
      { timestamp: at(-4), message: '127.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 404 2326' },
      { timestamp: at(-4, 10), message: '127.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /apache_pb2.gif HTTP/1.0" 200 2326' },
    );
    assert.deepEqual(await minutes('ApacheNotFoundErrorCount'), [{ minute: -4, sum: 1, samples: 1, unit: 'Count' }]);
  });

  it('Extract fields from an Apache log: $size and $7 report the bytes transferred', async () => {
    await putFilter('size', '[ip, id, user, timestamp, request, status_code, size]', { metricName: 'BytesTransferred', metricValue: '$size', unit: 'Bytes' });
    await putFilter('seventh', '[ip, id, user, timestamp, request, status_code, size]', { metricName: 'SeventhField', metricValue: '$7' });
    await put(...APACHE.map((message, i) => ({ timestamp: at(-10, i), message })));
    assert.deepEqual(await minutes('BytesTransferred'), [{ minute: -10, sum: 287 + 287 + 3 + 308 + 308 + 3, samples: 6, unit: 'Bytes' }]);
    assert.deepEqual((await minutes('SeventhField')).map((point) => point.sum), [1196]);
  });

  it('publishes $.latency from JSON events, with a dimension from a field', async () => {
    await putFilter('latency', '{ $.latency = * && $.api = * }', { metricName: 'Latency', metricValue: '$.latency', unit: 'Milliseconds', dimensions: { Api: '$.api' } });
    await put(
      { timestamp: at(-2), message: JSON.stringify({ api: 'orders', latency: 120 }) },
      { timestamp: at(-2, 5), message: JSON.stringify({ api: 'orders', latency: 80 }) },
      { timestamp: at(-2, 10), message: JSON.stringify({ api: 'users', latency: 40 }) },
      { timestamp: at(-2, 15), message: 'not json' },
    );
    assert.deepEqual(await minutes('Latency', [{ Name: 'Api', Value: 'orders' }]), [{ minute: -2, sum: 200, samples: 2, unit: 'Milliseconds' }]);
    assert.deepEqual(await minutes('Latency', [{ Name: 'Api', Value: 'users' }]), [{ minute: -2, sum: 40, samples: 1, unit: 'Milliseconds' }]);
    assert.deepEqual(await minutes('Latency'), [], 'every datapoint carries its dimension');
  });

  it('Default Value is reported for each event of a minute without a match, and not for a minute with one', async () => {
    await putFilter('errors', 'ERROR', { metricName: 'Errors', defaultValue: 0 });
    await put(
      { timestamp: at(-3), message: 'ERROR one' },
      { timestamp: at(-3, 10), message: 'fine' },
      { timestamp: at(-2), message: 'fine' },
      { timestamp: at(-2, 10), message: 'fine too' },
    );
    assert.deepEqual(await minutes('Errors'), [
      { minute: -3, sum: 1, samples: 1, unit: 'None' },
      { minute: -2, sum: 0, samples: 2, unit: 'None' },
    ]);
  });

  it('is not retroactive: events stored before the filter report nothing', async () => {
    await put({ timestamp: at(-6), message: 'ERROR before' });
    await putFilter('errors', 'ERROR', { metricName: 'Errors' });
    await put({ timestamp: at(-6, 30), message: 'ERROR after' });
    assert.deepEqual(await minutes('Errors'), [{ minute: -6, sum: 1, samples: 1, unit: 'None' }]);
  });

  it('matches regular expressions: %ERROR|WARN%', async () => {
    await putFilter('problems', '%ERROR|WARN%', { metricName: 'Problems' });
    await put({ timestamp: at(-1), message: '[WARN] disk' }, { timestamp: at(-1, 1), message: '[ERROR] down' }, { timestamp: at(-1, 2), message: '[INFO] ok' });
    assert.deepEqual((await minutes('Problems')).map((point) => point.sum), [2]);
  });

  it('a deleted filter reports nothing more', async () => {
    await putFilter('errors', 'ERROR', { metricName: 'Errors' });
    await logs.send(new DeleteMetricFilterCommand({ logGroupName, filterName: 'errors' }));
    await put({ timestamp: at(-1), message: 'ERROR' });
    assert.deepEqual(await minutes('Errors'), []);
  });
});

describe('PutMetricFilter and DescribeMetricFilters', () => {
  it('describes a filter as AWS does, counts it on the group, and replaces it by name', async () => {
    await putFilter('HTTP404Errors', '[ip, id, user, timestamp, request, status_code=404, size]', { metricName: 'ApacheNotFoundErrorCount' });
    const { metricFilters } = await logs.send(new DescribeMetricFiltersCommand({ logGroupName }));
    assert.deepEqual(metricFilters, [{
      filterName: 'HTTP404Errors',
      filterPattern: '[ip, id, user, timestamp, request, status_code=404, size]',
      metricTransformations: [{ metricName: 'ApacheNotFoundErrorCount', metricNamespace: 'MyNamespace', metricValue: '1' }],
      creationTime: NOON,
      logGroupName,
      applyOnTransformedLogs: false,
    }]);
    assert.equal((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.[0]?.metricFilterCount, 1);

    await putFilter('HTTP404Errors', 'ERROR', { metricName: 'Other', defaultValue: 0 });
    const replaced = (await logs.send(new DescribeMetricFiltersCommand({ logGroupName }))).metricFilters!;
    assert.equal(replaced.length, 1);
    assert.equal(replaced[0]!.filterPattern, 'ERROR');
    assert.deepEqual(replaced[0]!.metricTransformations, [{ metricName: 'Other', metricNamespace: 'MyNamespace', metricValue: '1', defaultValue: 0 }]);
  });

  it('filters by name prefix within a group, by metric, and pages', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'other' }));
    await putFilter('errors-a', 'ERROR', { metricName: 'A' });
    await putFilter('errors-b', 'ERROR', { metricName: 'B' });
    await putFilter('warnings', 'WARN', { metricName: 'A' });
    await putFilter('errors-c', 'ERROR', { metricName: 'A' }, 'other');

    const names = (filters?: { filterName?: string }[]) => filters?.map((filter) => filter.filterName);
    assert.deepEqual(names((await logs.send(new DescribeMetricFiltersCommand({ logGroupName, filterNamePrefix: 'errors' }))).metricFilters), ['errors-a', 'errors-b']);
    // "CloudWatch Logs uses the value that you set here only if you also include the logGroupName parameter" (API reference).
    assert.equal((await logs.send(new DescribeMetricFiltersCommand({ filterNamePrefix: 'warn' }))).metricFilters?.length, 4);
    assert.deepEqual(
      names((await logs.send(new DescribeMetricFiltersCommand({ metricName: 'A', metricNamespace: 'MyNamespace' }))).metricFilters),
      ['errors-a', 'warnings', 'errors-c'],
    );
    const first = await logs.send(new DescribeMetricFiltersCommand({ limit: 3 }));
    assert.equal(first.metricFilters?.length, 3);
    const second = await logs.send(new DescribeMetricFiltersCommand({ limit: 3, nextToken: first.nextToken }));
    assert.deepEqual(names(second.metricFilters), ['errors-c']);
    assert.equal(second.nextToken, undefined);

    const error = await failure(logs.send(new DescribeMetricFiltersCommand({ metricName: 'A' })));
    assert.equal(error.name, 'InvalidParameterException');
  });

  it('refuses what AWS refuses', async () => {
    assertError(await failure(putFilter('bad', '{ $.level = "ERROR"', {})), 'InvalidParameterException',
      "Invalid filter pattern: If a filter pattern starts with '{' it must end with '}'", 400);
    assertError(await failure(putFilter('dims', 'ERROR', { dimensions: { Level: '$.level' } })), 'InvalidParameterException',
      'The specified filter pattern does not support dimensions', 400);
    assertError(await failure(putFilter('dims', '{ $.level = * }', { dimensions: { Level: '$.level' }, defaultValue: 0 })), 'InvalidParameterException',
      'Invalid metric transformation: dimensions and default value are mutually exclusive properties', 400);
    const fourDimensions = { a: '$.a', b: '$.b', c: '$.c', d: '$.d' };
    assert.equal((await failure(putFilter('dims', '{ $.a = * }', { dimensions: fourDimensions }))).name, 'InvalidParameterException');
    assert.equal((await failure(putFilter('unit', 'ERROR', { unit: 'Furlongs' as never }))).name, 'InvalidParameterException');
    assert.equal((await failure(putFilter('bad:name', 'ERROR', {}))).name, 'InvalidParameterException');
    assertError(await failure(logs.send(new PutMetricFilterCommand({
      logGroupName, filterName: 'two', filterPattern: 'ERROR',
      metricTransformations: [
        { metricName: 'a', metricNamespace: 'n', metricValue: '1' },
        { metricName: 'b', metricNamespace: 'n', metricValue: '1' },
      ],
    }))), 'InvalidParameterException', "1 validation error detected: Value at 'metricTransformations' failed to satisfy constraint: Member must have length less than or equal to 1", 400);
    assertError(await failure(putFilter('x', 'ERROR', {}, 'missing')), 'ResourceNotFoundException', 'The specified log group does not exist.', 400);
    assertError(await failure(putFilter('regex', '%ERROR!%', {})), 'InvalidParameterException', "Invalid filter pattern: Invalid character(s) in regex: '!' in %ERROR!%", 400);
  });

  it('allows 100 filters a group (LimitExceededException past it) and 5 with regular expressions', async () => {
    for (let i = 0; i < 100; i++) await putFilter(`filter-${i}`, 'ERROR', {});
    assertError(await failure(putFilter('one-more', 'ERROR', {})), 'LimitExceededException', 'Resource limit exceeded.', 400);
    await putFilter('filter-0', 'WARN', {});

    await logs.send(new CreateLogGroupCommand({ logGroupName: 'regex' }));
    for (let i = 0; i < 5; i++) await putFilter(`regex-${i}`, `%ERR${i}%`, {}, 'regex');
    assert.equal((await failure(putFilter('regex-5', '%ERR5%', {}, 'regex'))).name, 'LimitExceededException');
    await putFilter('plain', 'ERROR', {}, 'regex');
  });

  it('DeleteMetricFilter: an unknown filter, and a deleted group takes its filters along', async () => {
    assertError(await failure(logs.send(new DeleteMetricFilterCommand({ logGroupName, filterName: 'nope' }))), 'ResourceNotFoundException', 'The specified metric filter does not exist.', 400);
    await putFilter('errors', 'ERROR', {});
    await logs.send(new DeleteLogGroupCommand({ logGroupName }));
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    assert.deepEqual((await logs.send(new DescribeMetricFiltersCommand({ logGroupName }))).metricFilters, []);
  });
});

describe('TestMetricFilter', () => {
  it('answers the matching messages, numbered from 0, with the fields a space-delimited pattern extracts', async () => {
    const { matches } = await logs.send(new TestMetricFilterCommand({
      filterPattern: '[..., request=*.html*, status_code=4*, bytes]',
      logEventMessages: [
        '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534',
        '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 200 1534',
      ],
    }));
    assert.deepEqual(matches, [{
      eventNumber: 0,
      eventMessage: '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534',
      extractedValues: {
        $1: '127.0.0.1', $2: '-', $3: 'frank', $4: '10/Oct/2000:13:25:15 -0700',
        $request: 'GET /index.html HTTP/1.0', $status_code: '404', $bytes: '1534',
      },
    }]);
  });

  it('extracts the selectors of a JSON pattern, and nothing for terms', async () => {
    const json = await logs.send(new TestMetricFilterCommand({
      filterPattern: '{ $.level = %ERR.*% && $.latency > 100 }',
      logEventMessages: ['{"level":"ERROR","latency":250}', '{"level":"ERROR","latency":50}', '{"level":"INFO","latency":900}'],
    }));
    assert.deepEqual(json.matches, [{ eventNumber: 0, eventMessage: '{"level":"ERROR","latency":250}', extractedValues: { '$.level': 'ERROR', '$.latency': '250' } }]);
    const terms = await logs.send(new TestMetricFilterCommand({ filterPattern: '?ERROR ?WARN', logEventMessages: ['ok', 'WARN x'] }));
    assert.deepEqual(terms.matches, [{ eventNumber: 1, eventMessage: 'WARN x', extractedValues: {} }]);
  });

  it('refuses a bad pattern', async () => {
    assert.equal((await failure(logs.send(new TestMetricFilterCommand({ filterPattern: '%(a)%', logEventMessages: ['a'] })))).name, 'InvalidParameterException');
  });
});
