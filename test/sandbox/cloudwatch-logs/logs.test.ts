/**
 * CloudWatch Logs in the sandbox, through the real CloudWatchLogsClient over HTTP (JSON 1.1):
 * log groups and their errors, retention on the sandbox clock, tags, streams, PutLogEvents'
 * batch rules and rejection indexes, GetLogEvents' tokens, FilterLogEvents, paging, restart.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DeleteLogGroupCommand, DeleteLogStreamCommand,
  DeleteRetentionPolicyCommand, DescribeLogGroupsCommand, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand,
  ListTagsForResourceCommand, ListTagsLogGroupCommand, PutLogEventsCommand, PutRetentionPolicyCommand, TagLogGroupCommand,
  TagResourceCommand, UntagResourceCommand, type InputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { createClock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';
import { assertError, failure } from '../../support/aws-errors.js';

const DAY = 86_400_000;
let offset = 0;
const now = () => Date.now() + offset;
let sandbox: RunningSandbox;
let logs: CloudWatchLogsClient;
const clients: CloudWatchLogsClient[] = [];

function client(region: string, url = sandbox.url): CloudWatchLogsClient {
  const made = new CloudWatchLogsClient({ endpoint: url, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  clients.push(made);
  return made;
}

before(async () => {
  sandbox = await startSandbox({ port: 0, services: await createServices(['logs']), clock: createClock({ now }) });
  logs = client('us-east-1');
});

after(async () => {
  for (const made of clients) made.destroy();
  await sandbox.stop();
});

beforeEach(() => {
  offset = 0;
  sandbox.router.reset();
});

const logGroupName = '/lab/app';
const logStreamName = 'web-1';

async function groupWithStream(streams: string[] = [logStreamName]): Promise<void> {
  await logs.send(new CreateLogGroupCommand({ logGroupName }));
  for (const name of streams) await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: name }));
}

const put = (logEvents: InputLogEvent[], stream = logStreamName) =>
  logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: stream, logEvents }));

describe('log groups', () => {
  it('creates, describes (with ARNs and tags), and deletes a group per region', async () => {
    const before = now();
    await logs.send(new CreateLogGroupCommand({ logGroupName, tags: { team: 'lab' } }));
    const { logGroups } = await logs.send(new DescribeLogGroupsCommand({}));
    assert.equal(logGroups?.length, 1);
    const [group] = logGroups!;
    assert.equal(group!.logGroupName, logGroupName);
    assert.equal(group!.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:/lab/app:*');
    assert.equal(group!.logGroupArn, 'arn:aws:logs:us-east-1:123456789012:log-group:/lab/app');
    assert.equal(group!.storedBytes, 0);
    assert.equal(group!.retentionInDays, undefined);
    assert.ok(group!.creationTime! >= before && group!.creationTime! <= now());
    assert.deepEqual((await logs.send(new ListTagsLogGroupCommand({ logGroupName }))).tags, { team: 'lab' });

    const tokyo = client('ap-northeast-1');
    assert.deepEqual((await tokyo.send(new DescribeLogGroupsCommand({}))).logGroups, []);

    await logs.send(new DeleteLogGroupCommand({ logGroupName }));
    assert.deepEqual((await logs.send(new DescribeLogGroupsCommand({}))).logGroups, []);
  });

  it('answers AWS errors for an existing, missing or misnamed group', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    assertError(await failure(logs.send(new CreateLogGroupCommand({ logGroupName }))),
      'ResourceAlreadyExistsException', 'The specified log group already exists', 400);
    assertError(await failure(logs.send(new DeleteLogGroupCommand({ logGroupName: '/lab/none' }))),
      'ResourceNotFoundException', 'The specified log group does not exist.', 400);
    assertError(await failure(logs.send(new DescribeLogStreamsCommand({ logGroupName: '/lab/none' }))),
      'ResourceNotFoundException', 'The specified log group does not exist.', 400);
    const misnamed = await failure(logs.send(new CreateLogGroupCommand({ logGroupName: 'bad name!' })));
    assert.equal(misnamed.name, 'InvalidParameterException');
  });

  it('lists by prefix and pages with limit and nextToken', async () => {
    for (const name of ['/lab/c', '/lab/a', '/other/x', '/lab/b']) await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/lab/', limit: 2 }));
    assert.deepEqual(first.logGroups?.map((group) => group.logGroupName), ['/lab/a', '/lab/b']);
    assert.ok(first.nextToken);
    const second = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/lab/', limit: 2, nextToken: first.nextToken }));
    assert.deepEqual(second.logGroups?.map((group) => group.logGroupName), ['/lab/c']);
    assert.equal(second.nextToken, undefined);
    assertError(await failure(logs.send(new DescribeLogGroupsCommand({ nextToken: 'not-a-token' }))),
      'InvalidParameterException', 'The specified nextToken is invalid.', 400);
  });

  it('sets and removes retention, refusing days AWS does not offer', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 7 }));
    assert.equal((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.[0]?.retentionInDays, 7);
    assertError(await failure(logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 8 }))),
      'InvalidParameterException',
      "1 validation error detected: Value '8' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: " +
      '[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]', 400);
    assertError(await failure(logs.send(new PutRetentionPolicyCommand({ logGroupName: '/lab/none', retentionInDays: 7 }))),
      'ResourceNotFoundException', 'The specified log group does not exist.', 400);
    await logs.send(new DeleteRetentionPolicyCommand({ logGroupName }));
    assert.equal((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.[0]?.retentionInDays, undefined);
  });

  it('tags by name and by ARN', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    await logs.send(new TagLogGroupCommand({ logGroupName, tags: { a: '1' } }));
    const resourceArn = 'arn:aws:logs:us-east-1:123456789012:log-group:/lab/app';
    await logs.send(new TagResourceCommand({ resourceArn, tags: { b: '2', a: 'one' } }));
    assert.deepEqual((await logs.send(new ListTagsForResourceCommand({ resourceArn }))).tags, { a: 'one', b: '2' });
    await logs.send(new UntagResourceCommand({ resourceArn, tagKeys: ['a'] }));
    assert.deepEqual((await logs.send(new ListTagsLogGroupCommand({ logGroupName }))).tags, { b: '2' });
  });
});

describe('log streams', () => {
  it('creates, lists by name or last event, and deletes streams', async () => {
    await groupWithStream(['b', 'a', 'c']);
    assertError(await failure(logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 'a' }))),
      'ResourceAlreadyExistsException', 'The specified log stream already exists', 400);
    await put([{ timestamp: now() - 3000, message: 'one' }], 'c');
    await put([{ timestamp: now() - 2000, message: 'two' }], 'a');
    await put([{ timestamp: now() - 1000, message: 'three' }], 'b');
    const names = async (input: Omit<ConstructorParameters<typeof DescribeLogStreamsCommand>[0], 'logGroupName'>) =>
      (await logs.send(new DescribeLogStreamsCommand({ logGroupName, ...input }))).logStreams?.map((stream) => stream.logStreamName);
    assert.deepEqual(await names({}), ['a', 'b', 'c']);
    assert.deepEqual(await names({ descending: true }), ['c', 'b', 'a']);
    assert.deepEqual(await names({ orderBy: 'LastEventTime', descending: true }), ['b', 'a', 'c']);
    assert.deepEqual(await names({ logStreamNamePrefix: 'b' }), ['b']);
    const first = await logs.send(new DescribeLogStreamsCommand({ logGroupName, limit: 2 }));
    assert.deepEqual(first.logStreams?.map((stream) => stream.logStreamName), ['a', 'b']);
    assert.deepEqual(await names({ limit: 2, nextToken: first.nextToken }), ['c']);

    const [stream] = (await logs.send(new DescribeLogStreamsCommand({ logGroupName, logStreamNamePrefix: 'a' }))).logStreams!;
    assert.equal(stream!.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:/lab/app:log-stream:a');
    assert.equal(stream!.firstEventTimestamp, stream!.lastEventTimestamp);
    assert.equal(stream!.storedBytes, 3);

    await logs.send(new DeleteLogStreamCommand({ logGroupName, logStreamName: 'a' }));
    assert.deepEqual(await names({}), ['b', 'c']);
    assertError(await failure(logs.send(new DeleteLogStreamCommand({ logGroupName, logStreamName: 'a' }))),
      'ResourceNotFoundException', 'The specified log stream does not exist.', 400);
  });
});

describe('PutLogEvents', () => {
  it('stores a batch and counts its bytes in the group', async () => {
    await groupWithStream();
    const result = await put([{ timestamp: now() - 10, message: 'hello' }, { timestamp: now(), message: 'world!' }]);
    assert.ok(result.nextSequenceToken);
    assert.equal(result.rejectedLogEventsInfo, undefined);
    assert.equal((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.[0]?.storedBytes, 11);
  });

  it('rejects expired and too new events by index, keeping the rest', async () => {
    await groupWithStream();
    await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 1 }));
    const t = now();
    // A batch spans at most 24 hours, so the expired and the too new come in two.
    const expired = await put([
      { timestamp: t - DAY - 2000, message: 'expired' },
      { timestamp: t - DAY - 1000, message: 'expired too' },
      { timestamp: t - 3000, message: 'kept 1' },
    ]);
    assert.deepEqual(expired.rejectedLogEventsInfo, { expiredLogEventEndIndex: 2 });
    const tooNew = await put([
      { timestamp: t, message: 'kept 2' },
      { timestamp: t + 2 * 3_600_000 + 60_000, message: 'too new' },
    ]);
    assert.deepEqual(tooNew.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 1 });
    const { events } = await logs.send(new GetLogEventsCommand({ logGroupName, logStreamName, startFromHead: true }));
    assert.deepEqual(events?.map((event) => event.message), ['kept 1', 'kept 2']);
  });

  it('reports too old events with an exclusive end index', async () => {
    await groupWithStream();
    const t = now();
    const result = await put([
      { timestamp: t - 14 * DAY - 2000, message: 'too old' },
      { timestamp: t - 14 * DAY - 1000, message: 'too old too' },
      { timestamp: t - 13 * DAY - 23 * 3_600_000, message: 'in time' },
    ]);
    assert.deepEqual(result.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 2 });
    const { events } = await logs.send(new GetLogEventsCommand({ logGroupName, logStreamName }));
    assert.deepEqual(events?.map((event) => event.message), ['in time']);
  });

  it('refuses batches AWS refuses, in its words', async () => {
    await groupWithStream();
    const t = now();
    assertError(await failure(put([{ timestamp: t, message: 'b' }, { timestamp: t - 1, message: 'a' }])),
      'InvalidParameterException', 'Log events in a single PutLogEvents request must be in chronological order.', 400);
    assertError(await failure(put([{ timestamp: t - DAY - 1, message: 'a' }, { timestamp: t, message: 'b' }])),
      'InvalidParameterException', 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.', 400);
    const big = 'x'.repeat(1_048_576 - 26 + 1);
    assertError(await failure(put([{ timestamp: t, message: big }])),
      'InvalidParameterException', 'Upload too large: 1048577 bytes exceeds limit of 1048576', 400);
    const many = Array.from({ length: 10_001 }, () => ({ timestamp: t, message: 'm' }));
    assert.equal((await failure(put(many))).name, 'InvalidParameterException');
    assertError(await failure(put([{ timestamp: t, message: 'a' }], 'none')),
      'ResourceNotFoundException', 'The specified log stream does not exist.', 400);
  });
});

describe('GetLogEvents', () => {
  it('reads from the tail or the head, by time, and pages with forward and backward tokens', async () => {
    await groupWithStream();
    const t = now() - 10_000;
    await put(Array.from({ length: 5 }, (_, i) => ({ timestamp: t + i * 1000, message: `event ${i}` })));
    const read = (input: Partial<ConstructorParameters<typeof GetLogEventsCommand>[0]>) =>
      logs.send(new GetLogEventsCommand({ logGroupName, logStreamName, ...input }));
    const messages = (page: { events?: { message?: string }[] }) => page.events?.map((event) => event.message);

    assert.deepEqual(messages(await read({ limit: 2 })), ['event 3', 'event 4']);
    const head = await read({ limit: 2, startFromHead: true });
    assert.deepEqual(messages(head), ['event 0', 'event 1']);
    assert.match(head.nextForwardToken!, /^f\/\d{56}$/);
    const next = await read({ limit: 2, nextToken: head.nextForwardToken });
    assert.deepEqual(messages(next), ['event 2', 'event 3']);
    assert.deepEqual(messages(await read({ limit: 2, nextToken: next.nextBackwardToken })), ['event 0', 'event 1']);
    const last = await read({ limit: 2, nextToken: (await read({ limit: 2, nextToken: next.nextForwardToken })).nextForwardToken });
    assert.deepEqual(messages(last), []);
    assert.equal((await read({ limit: 2, nextToken: last.nextForwardToken })).nextForwardToken, last.nextForwardToken);
    assert.deepEqual(messages(await read({ startTime: t + 1000, endTime: t + 3000, startFromHead: true })), ['event 1', 'event 2']);
    const [event] = (await read({ limit: 1 })).events!;
    assert.equal(event!.timestamp, t + 4000);
    assert.ok(event!.ingestionTime! >= event!.timestamp!);
  });

  it('hides events once retention expires them on the sandbox clock', async () => {
    await groupWithStream();
    await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 1 }));
    const t = now();
    await put([{ timestamp: t - 3_600_000, message: 'older' }, { timestamp: t, message: 'newer' }]);
    offset = DAY - 1000;
    const read = async () => (await logs.send(new GetLogEventsCommand({ logGroupName, logStreamName }))).events?.map((event) => event.message);
    assert.deepEqual(await read(), ['newer']);
    assert.equal((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.[0]?.storedBytes, 5);
    offset = DAY + 1000;
    assert.deepEqual(await read(), []);
    const filtered = await logs.send(new FilterLogEventsCommand({ logGroupName }));
    assert.deepEqual(filtered.events, []);
  });
});

describe('FilterLogEvents', () => {
  beforeEach(async () => {
    await groupWithStream(['api-1', 'api-2', 'worker']);
    const t = now() - 10_000;
    await put([
      { timestamp: t, message: '{"level":"INFO","latency":12,"path":"/health"}' },
      { timestamp: t + 2000, message: '{"level":"ERROR","latency":950,"path":"/orders"}' },
    ], 'api-1');
    await put([
      { timestamp: t + 1000, message: '{"level":"WARN","latency":600,"path":"/orders"}' },
      { timestamp: t + 3000, message: '{"level":"ERROR","latency":20,"path":"/login"}' },
    ], 'api-2');
    await put([
      { timestamp: t + 500, message: '10.0.0.1 GET /orders 200 512' },
      { timestamp: t + 4000, message: '10.0.0.2 POST /orders 500 13 Exception: timeout' },
    ], 'worker');
  });

  const filter = async (input: Omit<ConstructorParameters<typeof FilterLogEventsCommand>[0], 'logGroupName'>) =>
    (await logs.send(new FilterLogEventsCommand({ logGroupName, ...input }))).events?.map((event) => `${event.logStreamName}: ${event.message}`);

  it('interleaves every stream by time', async () => {
    const all = await filter({});
    assert.equal(all?.length, 6);
    assert.deepEqual(all?.map((line) => line.split(':')[0]), ['api-1', 'worker', 'api-2', 'api-1', 'api-2', 'worker']);
  });

  it('matches JSON patterns, terms and space-delimited patterns', async () => {
    assert.deepEqual(await filter({ filterPattern: '{ $.level = "ERROR" }' }), [
      'api-1: {"level":"ERROR","latency":950,"path":"/orders"}',
      'api-2: {"level":"ERROR","latency":20,"path":"/login"}',
    ]);
    assert.equal((await filter({ filterPattern: '{ $.level = "ERROR" && $.latency > 100 }' }))?.length, 1);
    assert.equal((await filter({ filterPattern: '{ $.level = "WARN" || $.latency < 15 }' }))?.length, 2);
    assert.equal((await filter({ filterPattern: '{ $.level != "INFO" }' }))?.length, 3);
    assert.deepEqual(await filter({ filterPattern: 'Exception timeout' }), ['worker: 10.0.0.2 POST /orders 500 13 Exception: timeout']);
    assert.equal((await filter({ filterPattern: '?WARN ?Exception' }))?.length, 2);
    assert.equal((await filter({ filterPattern: 'orders -ERROR -WARN' }))?.length, 2);
    assert.deepEqual(await filter({ filterPattern: '[ip, method, path, status=5*, ...]' }), ['worker: 10.0.0.2 POST /orders 500 13 Exception: timeout']);
    assert.equal((await failure(filter({ filterPattern: '{ $.level = ' }))).name, 'InvalidParameterException');
  });

  it('reads the named streams or a prefix, within a time window', async () => {
    assert.equal((await filter({ logStreamNames: ['worker'] }))?.length, 2);
    assert.equal((await filter({ logStreamNamePrefix: 'api-' }))?.length, 4);
    const t = now() - 10_000;
    assert.equal((await filter({ startTime: t + 1000, endTime: t + 3000 }))?.length, 2);
  });

  it('pages with limit and nextToken', async () => {
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName, limit: 4 }));
    assert.equal(first.events?.length, 4);
    assert.ok(first.nextToken);
    const second = await logs.send(new FilterLogEventsCommand({ logGroupName, limit: 4, nextToken: first.nextToken }));
    assert.equal(second.events?.length, 2);
    assert.equal(second.nextToken, undefined);
    assert.equal(new Set([...first.events!, ...second.events!].map((event) => event.eventId)).size, 6);
  });
});

describe('a restart with a state directory', () => {
  it('keeps groups, retention, tags, streams and events', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'lab-logs-'));
    try {
      const first = await startSandbox({ port: 0, services: await createServices(['logs']), stateDir });
      const before = client('us-east-1', first.url);
      await before.send(new CreateLogGroupCommand({ logGroupName, tags: { team: 'lab' } }));
      await before.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 30 }));
      await before.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
      await before.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: [{ timestamp: Date.now(), message: 'kept' }] }));
      await first.stop();

      const second = await startSandbox({ port: 0, services: await createServices(['logs']), stateDir });
      const after = client('us-east-1', second.url);
      const [group] = (await after.send(new DescribeLogGroupsCommand({}))).logGroups!;
      assert.equal(group!.retentionInDays, 30);
      assert.deepEqual((await after.send(new ListTagsLogGroupCommand({ logGroupName }))).tags, { team: 'lab' });
      const { events } = await after.send(new GetLogEventsCommand({ logGroupName, logStreamName }));
      assert.deepEqual(events?.map((event) => event.message), ['kept']);
      await after.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: [{ timestamp: Date.now(), message: 'more' }] }));
      const filtered = await after.send(new FilterLogEventsCommand({ logGroupName }));
      assert.equal(new Set(filtered.events?.map((event) => event.eventId)).size, 2, 'event ids stay unique after a restart');
      await second.stop();
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
