/**
 * Log retention on the sandbox clock, through the real CloudWatchLogsClient over HTTP: events
 * older than the group's retention are neither returned nor counted, and are deleted when the
 * group is read (AWS deletes them within about 72 hours; "Change log data retention in
 * CloudWatch Logs"), so the saved state no longer holds them; PutRetentionPolicy's values.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DeleteRetentionPolicyCommand, DescribeLogGroupsCommand,
  DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand, PutLogEventsCommand, PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { createClock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';
import { failure } from '../../support/aws-errors.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 11, 4, 12, 0, 0);
let now = START;
let sandbox: RunningSandbox;
let logs: CloudWatchLogsClient;

before(async () => {
  sandbox = await startSandbox({ port: 0, services: await createServices(['logs']), clock: createClock({ now: () => now }) });
  logs = new CloudWatchLogsClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});

after(async () => {
  logs.destroy();
  await sandbox.stop();
});

const logGroupName = '/lab/app';
const logStreamName = 'web-1';

beforeEach(async () => {
  now = START;
  sandbox.router.reset();
  await logs.send(new CreateLogGroupCommand({ logGroupName }));
  await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
});

/** The events the logs service's saved state holds for the stream. */
function savedMessages(): string[] {
  const logsService = sandbox.router.services.find((service) => service.name === 'logs')!;
  const saved = logsService.snapshot!() as { regions: Record<string, Record<string, { streams: Record<string, { events: { message: string }[] }> }>> };
  return saved.regions['us-east-1']![logGroupName]!.streams[logStreamName]!.events.map((event) => event.message);
}

const messages = async () => (await logs.send(new GetLogEventsCommand({ logGroupName, logStreamName, startFromHead: true }))).events?.map((event) => event.message);

describe('retention on the clock', () => {
  it('hides expired events at once and deletes them when the group is read', async () => {
    await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 1 }));
    await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: [{ timestamp: now - 12 * 3_600_000, message: 'older' }, { timestamp: now, message: 'newer' }] }));
    assert.deepEqual(await messages(), ['older', 'newer']);

    now += 18 * 3_600_000;
    assert.deepEqual(savedMessages(), ['older', 'newer'], 'not yet read since it expired');
    assert.deepEqual(await messages(), ['newer']);
    assert.deepEqual(savedMessages(), ['newer'], 'deleted by the read');

    now += DAY;
    const [group] = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups!;
    assert.equal(group!.storedBytes, 0);
    assert.deepEqual(savedMessages(), []);
    const [stream] = (await logs.send(new DescribeLogStreamsCommand({ logGroupName }))).logStreams!;
    assert.equal(stream!.firstEventTimestamp, undefined);
    assert.deepEqual((await logs.send(new FilterLogEventsCommand({ logGroupName }))).events, []);
  });

  it('applies a shorter retention to events already stored, and keeps everything without one', async () => {
    // Two calls: one batch spans at most 24 hours.
    await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: [{ timestamp: now - 10 * DAY, message: 'ten days old' }] }));
    await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: [{ timestamp: now - DAY, message: 'a day old' }] }));
    assert.deepEqual(await messages(), ['ten days old', 'a day old']);
    await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 7 }));
    assert.deepEqual(await messages(), ['a day old']);
    await logs.send(new DeleteRetentionPolicyCommand({ logGroupName }));
    now += 400 * DAY;
    assert.deepEqual(await messages(), ['a day old'], 'kept forever without a retention policy');
  });

  it('rejects events already expired when they are put', async () => {
    await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 1 }));
    const out = await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: [{ timestamp: now - 25 * 3_600_000, message: 'expired' }, { timestamp: now - 2 * 3_600_000, message: 'fresh' }] }));
    assert.deepEqual(out.rejectedLogEventsInfo, { expiredLogEventEndIndex: 1 });
    assert.deepEqual(await messages(), ['fresh']);
  });

  it('takes the documented retention values only', async () => {
    await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 7 }));
    assert.equal((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.[0]?.retentionInDays, 7);
    const error = await failure(logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 8 })));
    assert.equal(error.name, 'InvalidParameterException');
    assert.match(error.message, /retentionInDays.*Member must satisfy enum value set: \[1, 3, 5, 7, 14/);
  });
});
