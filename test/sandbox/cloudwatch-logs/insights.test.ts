/**
 * CloudWatch Logs Insights in the sandbox, through the real CloudWatchLogsClient over HTTP:
 * the queries of AWS's "Sample queries" page (CloudWatch Logs User Guide, "Sample queries",
 * CWL_QuerySyntax-examples) and the One Observability workshop's, parse and stats, JSON
 * fields, a query's statuses on a stepped clock, StopQuery, DescribeQueries, GetLogRecord,
 * and StartQuery's refusals.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DescribeQueriesCommand, GetLogRecordCommand,
  GetQueryResultsCommand, PutLogEventsCommand, StartQueryCommand, StopQueryCommand, type GetQueryResultsCommandOutput,
  type InputLogEvent, type ResultField, type StartQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { createClock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';
import { assertError, failure } from '../../support/aws-errors.js';

/** The sandbox clock starts an hour after the first event and moves only when a test steps it. */
const FIRST_EVENT = Date.UTC(2026, 11, 4, 14, 0, 0);
let offset = 0;
const now = () => FIRST_EVENT + 3_600_000 + offset;
const SCHEDULED_MS = 1_000;
const RUNNING_MS = 2_000;

let sandbox: RunningSandbox;
let logs: CloudWatchLogsClient;

before(async () => {
  sandbox = await startSandbox({
    port: 0,
    services: await createServices(['logs']),
    clock: createClock({ now, delays: { 'logs.query.scheduled': SCHEDULED_MS, 'logs.query.running': RUNNING_MS } }),
  });
  logs = new CloudWatchLogsClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});

after(async () => {
  logs.destroy();
  await sandbox.stop();
});

const logGroupName = '/workshop/app';
const minute = (n: number) => FIRST_EVENT + n * 60_000;

/** 30 events a minute apart on web-1: every 3rd an ERROR, every 5th a WARN, the rest INFO; eth0 lines on web-2. */
const appEvents: InputLogEvent[] = Array.from({ length: 30 }, (_, i) => ({
  timestamp: minute(i),
  message: i % 3 === 0 ? `[ERROR] request ${i} failed` : i % 5 === 0 ? `[WARN] request ${i} slow` : `[INFO] request ${i} ok`,
}));
const networkEvents: InputLogEvent[] = Array.from({ length: 12 }, (_, i) => ({
  timestamp: minute(i * 2) + 1_000,
  message: `kernel: eth${i % 3 === 0 ? 1 : 0}: link up, 1000Mbps`,
}));

beforeEach(async () => {
  offset = 0;
  sandbox.router.reset();
  await logs.send(new CreateLogGroupCommand({ logGroupName }));
  await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 'web-1' }));
  await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 'web-2' }));
  await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: 'web-1', logEvents: appEvents }));
  await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: 'web-2', logEvents: networkEvents }));
});

function start(queryString: string, input: Partial<StartQueryCommandInput> = {}): Promise<string> {
  const range = { startTime: Math.floor(FIRST_EVENT / 1000) - 60, endTime: Math.floor(now() / 1000) };
  const names = input.logGroupNames || input.logGroupIdentifiers ? {} : { logGroupName };
  return logs.send(new StartQueryCommand({ ...names, ...range, queryString, ...input })).then((output) => output.queryId!);
}

/** Starts a query, lets the clock run past its delays, and reads its completed results. */
async function complete(queryString: string, input: Partial<StartQueryCommandInput> = {}): Promise<GetQueryResultsCommandOutput> {
  const queryId = await start(queryString, input);
  offset += SCHEDULED_MS + RUNNING_MS;
  const output = await logs.send(new GetQueryResultsCommand({ queryId }));
  assert.equal(output.status, 'Complete');
  return output;
}

/** Rows as field -> value, without @ptr. */
function table(results: ResultField[][] | undefined): Record<string, string>[] {
  return (results ?? []).map((row) => Object.fromEntries(row.filter((cell) => cell.field !== '@ptr').map((cell) => [cell.field!, cell.value!])));
}

const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

describe('sample queries', () => {
  it('fields @timestamp, @message | sort @timestamp desc | limit 20: the 20 latest events, times as AWS prints them, each with @ptr', async () => {
    const { results, statistics } = await complete('fields @timestamp, @message | sort @timestamp desc | limit 20');
    assert.equal(results?.length, 20);
    assert.deepEqual(results![0]!.map((cell) => cell.field), ['@timestamp', '@message', '@ptr']);
    assert.deepEqual(table(results)[0], { '@timestamp': '2026-12-04 14:29:00.000', '@message': '[INFO] request 29 ok' });
    // Both streams, interleaved by time: web-2's line a second after minute 22 comes before web-1's minute 22.
    const messages = table(results).map((row) => row['@message']);
    assert.ok(messages.indexOf('kernel: eth0: link up, 1000Mbps') < messages.indexOf('[INFO] request 22 ok'));
    assert.ok(table(results).some((row) => row['@timestamp'] === stamp(minute(22) + 1_000)));
    const times = table(results).map((row) => row['@timestamp']!);
    assert.deepEqual(times, [...times].sort().reverse());
    const bytes = [...appEvents, ...networkEvents].reduce((total, event) => total + Buffer.byteLength(event.message!), 0);
    assert.deepEqual(statistics, { recordsMatched: 42, recordsScanned: 42, bytesScanned: bytes });
  });

  it('the same filtered to ERROR lines, then WARN lines', async () => {
    const errors = await complete('fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20');
    assert.equal(errors.results?.length, 10);
    assert.ok(table(errors.results).every((row) => row['@message']!.startsWith('[ERROR]')));
    assert.equal(errors.statistics?.recordsMatched, 10);
    assert.equal(errors.statistics?.recordsScanned, 42);
    const warnings = await complete('fields @timestamp, @message | filter @message like /WARN/ | sort @timestamp desc | limit 20');
    assert.deepEqual(table(warnings.results).map((row) => row['@message']), ['[WARN] request 25 slow', '[WARN] request 20 slow', '[WARN] request 10 slow', '[WARN] request 5 slow']);
  });

  it('filter @message like /eth0/ | stats count(*) by bin(5m): counts per five minutes, named by their text', async () => {
    const { results, statistics } = await complete('filter @message like /eth0/ | stats count(*) by bin(5m)');
    const rows = table(results).sort((a, b) => a['bin(5m)']!.localeCompare(b['bin(5m)']!));
    // eth0 lines at minutes 2, 4, 8, 10, 14, 16, 20, 22.
    assert.deepEqual(rows, [
      { 'bin(5m)': '2026-12-04 14:00:00.000', 'count(*)': '2' },
      { 'bin(5m)': '2026-12-04 14:05:00.000', 'count(*)': '1' },
      { 'bin(5m)': '2026-12-04 14:10:00.000', 'count(*)': '2' },
      { 'bin(5m)': '2026-12-04 14:15:00.000', 'count(*)': '1' },
      { 'bin(5m)': '2026-12-04 14:20:00.000', 'count(*)': '2' },
    ]);
    assert.ok(results!.every((row) => row.every((cell) => cell.field !== '@ptr')), 'stats rows carry no @ptr');
    assert.equal(statistics?.recordsMatched, 8);
  });

  it('stats by a parsed field, sorted by the count', async () => {
    const { results } = await complete('filter @logStream = "web-1" | parse @message "[*] request * *" as level, id, outcome | stats count(*) as n by level | sort n desc');
    assert.deepEqual(table(results), [{ level: 'INFO', n: '16' }, { level: 'ERROR', n: '10' }, { level: 'WARN', n: '4' }]);
  });

  it('parse with a named-group regex, and display', async () => {
    const { results } = await complete('parse @message /request (?<id>\\d+) (?<outcome>\\w+)$/ | filter outcome = "slow" | display id, @logStream | sort id asc');
    assert.deepEqual(table(results), [5, 10, 20, 25].map((id) => ({ id: String(id), '@logStream': 'web-1' })));
  });
});

describe('JSON events and aggregation functions', () => {
  const jsonEvents: InputLogEvent[] = [120, 80, 200, 40, 95, 310, 60, 150, 70, 100].map((latency, i) => ({
    timestamp: minute(40) + i * 1000,
    message: JSON.stringify({ level: i % 4 === 0 ? 'error' : 'info', latency, user: `u${i % 3}`, request: { path: i % 2 === 0 ? '/orders' : '/cart', method: 'GET' } }),
  }));

  beforeEach(async () => {
    offset = 0;
    await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 'api' }));
    await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: 'api', logEvents: jsonEvents }));
  });

  it('discovers JSON fields, nested ones with dots, and filters and shows them', async () => {
    const { results } = await complete('fields level, latency, request.path | filter level = "error" and latency >= 100 | sort latency desc');
    assert.deepEqual(table(results), [{ level: 'error', latency: '120', 'request.path': '/orders' }]);
    const all = await complete('filter @logStream = "api" | limit 1');
    const fields = all.results![0]!.map((cell) => cell.field);
    assert.deepEqual(fields, ['@timestamp', '@message', '@logStream', '@log', 'level', 'latency', 'user', 'request.path', 'request.method', '@ptr']);
    assert.equal(table(all.results)[0]!['@log'], `123456789012:${logGroupName}`);
  });

  it('pct, count_distinct, avg, min, max, sum, earliest and latest', async () => {
    const { results } = await complete('filter ispresent(latency) | stats pct(latency, 90) as p90, count_distinct(user) as users, avg(latency) as mean, min(latency), max(latency), sum(latency), earliest(latency) as first, latest(latency) as last');
    assert.deepEqual(table(results), [{ p90: '200', users: '3', mean: '122.5', 'min(latency)': '40', 'max(latency)': '310', 'sum(latency)': '1225', first: '120', last: '100' }]);
    // earliest and latest give a time as epoch milliseconds.
    const times = await complete('filter ispresent(latency) | stats earliest(@timestamp) as first, latest(@timestamp) as last');
    assert.deepEqual(table(times.results), [{ first: String(minute(40)), last: String(minute(40) + 9_000) }]);
  });

  it('stats by two keys and a second stats over them', async () => {
    const grouped = await complete('filter ispresent(latency) | stats count(*) as n by level, request.path | sort level, request.path');
    assert.deepEqual(table(grouped.results), [
      { level: 'error', 'request.path': '/orders', n: '3' },
      { level: 'info', 'request.path': '/cart', n: '5' },
      { level: 'info', 'request.path': '/orders', n: '2' },
    ]);
    const twice = await complete('filter ispresent(latency) | stats count(*) as n by user | stats max(n) as busiest');
    assert.deepEqual(table(twice.results), [{ busiest: '4' }]);
  });
});

describe('the query life cycle', () => {
  it('is Scheduled, then Running, then Complete on the clock, showing rows once complete', async () => {
    const queryId = await start('fields @message | limit 3');
    const scheduled = await logs.send(new GetQueryResultsCommand({ queryId }));
    assert.equal(scheduled.status, 'Scheduled');
    assert.deepEqual(scheduled.results, []);
    offset += SCHEDULED_MS;
    assert.equal((await logs.send(new GetQueryResultsCommand({ queryId }))).status, 'Running');
    offset += RUNNING_MS;
    const done = await logs.send(new GetQueryResultsCommand({ queryId }));
    assert.equal(done.status, 'Complete');
    assert.equal(done.results?.length, 3);
    assert.equal(done.encryptionKey, undefined);
  });

  it('StopQuery cancels a running query, and refuses one that has ended or never was', async () => {
    const queryId = await start('fields @message');
    offset += SCHEDULED_MS;
    assert.deepEqual((await logs.send(new StopQueryCommand({ queryId }))).success, true);
    offset += RUNNING_MS;
    const stopped = await logs.send(new GetQueryResultsCommand({ queryId }));
    assert.equal(stopped.status, 'Cancelled');
    assert.deepEqual(stopped.results, []);
    assertError(await failure(logs.send(new StopQueryCommand({ queryId }))), 'InvalidParameterException', `Query ${queryId} is not running.`, 400);
    const finished = await start('fields @message');
    offset += SCHEDULED_MS + RUNNING_MS;
    assertError(await failure(logs.send(new StopQueryCommand({ queryId: finished }))), 'InvalidParameterException', `Query ${finished} is not running.`, 400);
    assertError(await failure(logs.send(new StopQueryCommand({ queryId: '00000000-0000-0000-0000-000000000000' }))), 'ResourceNotFoundException', 'Query does not exist.', 400);
    assertError(await failure(logs.send(new GetQueryResultsCommand({ queryId: 'nope' }))), 'ResourceNotFoundException', 'Query does not exist.', 400);
  });

  it('DescribeQueries lists newest first, by status and log group, a page at a time', async () => {
    const first = await start('fields @message | limit 1');
    offset += SCHEDULED_MS + RUNNING_MS;
    const second = await start('stats count(*)');
    const all = await logs.send(new DescribeQueriesCommand({}));
    assert.deepEqual(all.queries?.map((query) => [query.queryId, query.status, query.logGroupName, query.queryString]), [
      [second, 'Scheduled', logGroupName, 'stats count(*)'],
      [first, 'Complete', logGroupName, 'fields @message | limit 1'],
    ]);
    assert.equal(all.queries![0]!.createTime, now());
    assert.deepEqual((await logs.send(new DescribeQueriesCommand({ status: 'Complete' }))).queries?.map((query) => query.queryId), [first]);
    assert.deepEqual((await logs.send(new DescribeQueriesCommand({ logGroupName: '/other' }))).queries, []);
    const page = await logs.send(new DescribeQueriesCommand({ maxResults: 1 }));
    assert.deepEqual(page.queries?.map((query) => query.queryId), [second]);
    const rest = await logs.send(new DescribeQueriesCommand({ maxResults: 1, nextToken: page.nextToken }));
    assert.deepEqual(rest.queries?.map((query) => query.queryId), [first]);
    assert.equal(rest.nextToken, undefined);
  });

  it('forgets queries when the sandbox is reset', async () => {
    const queryId = await start('fields @message');
    sandbox.router.reset();
    assertError(await failure(logs.send(new GetQueryResultsCommand({ queryId }))), 'ResourceNotFoundException', 'Query does not exist.', 400);
  });
});

describe('GetLogRecord', () => {
  it('gives the whole event an @ptr points at, times in epoch milliseconds', async () => {
    await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 'api' }));
    await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: 'api', logEvents: [{ timestamp: minute(45), message: '{"level":"warn","ctx":{"id":7}}' }] }));
    const { results } = await complete('fields @timestamp | filter level = "warn"');
    const pointer = results![0]!.find((cell) => cell.field === '@ptr')!.value!;
    const { logRecord } = await logs.send(new GetLogRecordCommand({ logRecordPointer: pointer }));
    assert.deepEqual(logRecord, {
      '@ingestionTime': String(now() - SCHEDULED_MS - RUNNING_MS),
      '@log': `123456789012:${logGroupName}`,
      '@logStream': 'api',
      '@message': '{"level":"warn","ctx":{"id":7}}',
      '@timestamp': String(minute(45)),
      level: 'warn',
      'ctx.id': '7',
    });
    assertError(await failure(logs.send(new GetLogRecordCommand({ logRecordPointer: 'garbage' }))), 'InvalidParameterException', 'The specified log record pointer is invalid.', 400);
  });
});

describe('StartQuery', () => {
  it('takes several groups, by name or ARN, each row saying its @log', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/workshop/db' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/workshop/db', logStreamName: 'db-1' }));
    await logs.send(new PutLogEventsCommand({ logGroupName: '/workshop/db', logStreamName: 'db-1', logEvents: [{ timestamp: minute(50), message: 'slow query' }] }));
    const byName = await complete('stats count(*) as n by @log | sort @log', { logGroupNames: [logGroupName, '/workshop/db'] });
    assert.deepEqual(table(byName.results), [{ '@log': '123456789012:/workshop/app', n: '42' }, { '@log': '123456789012:/workshop/db', n: '1' }]);
    const byArn = await complete('fields @message', { logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:/workshop/db:*'] });
    assert.deepEqual(table(byArn.results).map((row) => row['@message']), ['slow query']);
  });

  it('reads the time range in whole seconds, both ends included', async () => {
    const from = minute(10) / 1000;
    const { results } = await complete('filter @logStream = "web-1" | stats count(*) as n', { startTime: from, endTime: from + 120 });
    assert.deepEqual(table(results), [{ n: '3' }]);
  });

  it('answers up to its limit parameter when the query has no limit, and 10,000 rows at most', async () => {
    assert.equal((await complete('fields @message', { limit: 5 })).results?.length, 5);
    assert.equal((await complete('fields @message | limit 7', { limit: 5 })).results?.length, 7);
    assert.equal((await complete('fields @message')).results?.length, 42);
  });

  it('refuses what AWS refuses', async () => {
    const malformed = await failure(start('fields @timestamp | bogus'));
    assertError(malformed, 'MalformedQueryException', 'unexpected symbol found bogus at line 1 and position 20', 400);
    assert.deepEqual(malformed.queryCompileError, { location: { startCharOffset: 20, endCharOffset: 25 }, message: 'unexpected symbol found bogus at line 1 and position 20' });
    assertError(await failure(start('fields @message', { logGroupName: '/none' })), 'ResourceNotFoundException', 'The specified log group does not exist.', 400);
    const many = Array.from({ length: 51 }, (_, i) => `/g${i}`);
    assertError(await failure(start('fields @message', { logGroupNames: many })), 'InvalidParameterException',
      "1 validation error detected: Value at 'logGroupNames' failed to satisfy constraint: Member must have length less than or equal to 50", 400);
    assert.equal((await failure(logs.send(new StartQueryCommand({ logGroupName, logGroupNames: [logGroupName], startTime: 0, endTime: 1, queryString: 'fields @message' })))).name, 'InvalidParameterException');
    assertError(await failure(start('fields @message', { startTime: 200, endTime: 100 })), 'InvalidParameterException', 'endTime must be greater than or equal to startTime.', 400);
    assertError(await failure(start('fields @message', { limit: 10_001 })), 'InvalidParameterException',
      "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000", 400);
  });
});
