/**
 * The real AWS CLI v2 against `lab sandbox start`: CloudWatch Logs Insights as the CLI drives
 * it. Events put with put-log-events, then start-query, get-query-results polled until
 * Complete (its rows read with --query and printed with --output table), describe-queries,
 * get-log-record on a row's @ptr, stop-query on an ended query, and a malformed query.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cliSession, type CliJson } from './cli-session.js';

const { aws, ok, refused } = cliSession();

const logGroupName = '/interop/insights';
const startedAt = Date.now();
const range = (): string[] => ['--start-time', String(Math.floor(startedAt / 1000) - 3600), '--end-time', String(Math.ceil(Date.now() / 1000) + 60)];

/** Polls get-query-results (the CLI has no waiter for it) until the query leaves Scheduled and Running. */
async function completed(queryId: string, ...extra: string[]): Promise<CliJson> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const output = ok('logs', 'get-query-results', '--query-id', queryId, ...extra);
    if (output.status !== 'Scheduled' && output.status !== 'Running') return output;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`query ${queryId} did not complete`);
}

function startQuery(queryString: string): string {
  return ok('logs', 'start-query', '--log-group-name', logGroupName, ...range(), '--query-string', queryString).queryId;
}

describe('CloudWatch Logs Insights', () => {
  test('put-log-events, then the workshop query through start-query and get-query-results', async () => {
    ok('logs', 'create-log-group', '--log-group-name', logGroupName);
    ok('logs', 'create-log-stream', '--log-group-name', logGroupName, '--log-stream-name', 'web-1');
    const events = Array.from({ length: 6 }, (_, i) => ({
      timestamp: startedAt - (6 - i) * 60_000,
      message: i % 2 === 0 ? `ERROR request ${i} failed` : JSON.stringify({ level: 'info', request: i, ms: 10 * i }),
    }));
    ok('logs', 'put-log-events', '--log-group-name', logGroupName, '--log-stream-name', 'web-1', '--log-events', JSON.stringify(events));

    const queryId = startQuery('fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20');
    assert.match(queryId, /^[0-9a-f-]{36}$/);
    const output = await completed(queryId);
    assert.equal(output.status, 'Complete');
    assert.deepEqual(output.statistics, { recordsMatched: 3.0, recordsScanned: 6.0, bytesScanned: events.reduce((total, event) => total + Buffer.byteLength(event.message), 0) });
    assert.deepEqual(output.results.map((row: CliJson[]) => row.map((cell) => cell.field)), [0, 1, 2].map(() => ['@timestamp', '@message', '@ptr']));
    assert.match(output.results[0][0].value, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);

    const messages = aws('logs', 'get-query-results', '--query-id', queryId, '--query', 'results[*][?field==`@message`].value[]', '--output', 'text');
    assert.equal(messages.code, 0, messages.stderr);
    assert.deepEqual(messages.stdout.trim().split(/[\t\n]/), ['ERROR request 4 failed', 'ERROR request 2 failed', 'ERROR request 0 failed']);
  });

  test('stats over JSON fields, printed with --output table', async () => {
    const queryId = startQuery('filter ispresent(ms) | stats count(*) as n, avg(ms) as mean by level');
    assert.equal((await completed(queryId)).status, 'Complete');
    const table = aws('logs', 'get-query-results', '--query-id', queryId, '--output', 'table');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /GetQueryResults/);
    for (const cell of ['level', 'info', 'n', '3', 'mean', '30', 'Complete', 'recordsMatched']) assert.match(table.stdout, new RegExp(`\\|\\s+${cell}\\s+\\|`), `table lacks ${cell}:\n${table.stdout}`);
  });

  test('describe-queries and get-log-record on a row\'s @ptr', async () => {
    const queryId = startQuery('fields level | filter level = "info" | limit 1');
    const output = await completed(queryId);
    const pointer = output.results[0].find((cell: CliJson) => cell.field === '@ptr').value;
    const record = ok('logs', 'get-log-record', '--log-record-pointer', pointer).logRecord;
    assert.equal(record['@logStream'], 'web-1');
    assert.equal(record['@log'], `123456789012:${logGroupName}`);
    assert.equal(record.level, 'info');
    assert.match(record['@timestamp'], /^\d{13}$/);
    const described = ok('logs', 'describe-queries', '--log-group-name', logGroupName, '--status', 'Complete');
    assert.ok(described.queries.some((query: CliJson) => query.queryId === queryId && query.queryString === 'fields level | filter level = "info" | limit 1'));
  });

  test('stop-query on an ended query, and a malformed query', async () => {
    const queryId = startQuery('fields @message');
    await completed(queryId);
    assert.match(refused('InvalidParameterException', 'logs', 'stop-query', '--query-id', queryId), /is not running/);
    const stderr = refused('MalformedQueryException', 'logs', 'start-query', '--log-group-name', logGroupName, ...range(), '--query-string', 'fields @message | bogus');
    assert.match(stderr, /unexpected symbol found bogus at line 1 and position 18/);
    assert.match(refused('ResourceNotFoundException', 'logs', 'start-query', '--log-group-name', '/interop/none', ...range(), '--query-string', 'fields @message'), /log group does not exist/);
  });
});
