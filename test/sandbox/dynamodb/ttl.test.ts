/**
 * DynamoDB Time to Live in the sandbox through the real clients: UpdateTimeToLive and
 * DescribeTimeToLive through their states and AWS's refusals, and the sweeper that deletes
 * expired items a sweep delay after they expire, as DynamoDB itself (a service REMOVE in
 * the table's stream), leaving alone what AWS leaves alone.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  CreateTableCommand, DescribeTimeToLiveCommand, GetItemCommand, PutItemCommand, ScanCommand, UpdateTimeToLiveCommand, type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { assertError, failure } from '../../support/aws-errors.js';
import { acrossRestart, activeTable, allRecords, useStreamsSandbox } from '../dynamodb-streams/harness.js';

const harness = useStreamsSandbox();
const TableName = 'lab-ttl';
const SETTLE_MS = 50;

const updateTtl = (Enabled: boolean, AttributeName = 'expiresAt', ddb = harness.ddb) =>
  ddb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled, AttributeName } }));
const describeTtl = async (ddb = harness.ddb) =>
  (await ddb.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription;

describe('UpdateTimeToLive and DescribeTimeToLive', () => {
  beforeEach(() => activeTable(harness, TableName));

  it('go ENABLING to ENABLED and DISABLING to DISABLED on the clock', async () => {
    assert.deepEqual(await describeTtl(), { TimeToLiveStatus: 'DISABLED' });
    const enabled = await updateTtl(true);
    assert.deepEqual(enabled.TimeToLiveSpecification, { Enabled: true, AttributeName: 'expiresAt' });
    assert.deepEqual(await describeTtl(), { TimeToLiveStatus: 'ENABLING', AttributeName: 'expiresAt' });
    harness.advance(SETTLE_MS);
    assert.deepEqual(await describeTtl(), { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    assert.deepEqual((await updateTtl(false)).TimeToLiveSpecification, { Enabled: false, AttributeName: 'expiresAt' });
    assert.deepEqual(await describeTtl(), { TimeToLiveStatus: 'DISABLING', AttributeName: 'expiresAt' });
    harness.advance(SETTLE_MS);
    assert.deepEqual(await describeTtl(), { TimeToLiveStatus: 'DISABLED' });
  });

  it('refuses what AWS refuses, in its words', async () => {
    const refused = async (promise: Promise<unknown>, message: string) => assertError(await failure(promise), 'ValidationException', message, 400);
    await refused(updateTtl(false), 'TimeToLive is already disabled');
    await refused(updateTtl(true, ''),
      "1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1");
    await updateTtl(true);
    await refused(updateTtl(false), 'Time to live has been modified multiple times within a fixed interval');
    harness.advance(SETTLE_MS);
    await refused(updateTtl(true), 'TimeToLive is already enabled');
    await refused(updateTtl(true, 'other'), 'TimeToLive is active on a different AttributeName');
    await refused(updateTtl(false, 'other'), 'TimeToLive is active on a different AttributeName');
    const missing = await failure(harness.ddb.send(new DescribeTimeToLiveCommand({ TableName: 'lab-none' })));
    assertError(missing, 'ResourceNotFoundException', 'Requested resource not found: Table: lab-none not found', 400);
  });
});

describe('the TTL sweeper', () => {
  const nowSeconds = () => Math.floor(harness.clock.now() / 1000);
  const item = (pk: string, expiresAt?: AttributeValue): Record<string, AttributeValue> =>
    ({ pk: { S: pk }, ...(expiresAt ? { expiresAt } : {}) });
  const keysLeft = async () =>
    ((await harness.ddb.send(new ScanCommand({ TableName }))).Items ?? []).map((i) => i.pk!.S).sort();

  it('deletes expired items after the sweep delay, as DynamoDB, into the stream', async () => {
    const table = await activeTable(harness, TableName, { StreamSpecification: { StreamEnabled: true, StreamViewType: 'OLD_IMAGE' } });
    await updateTtl(true);
    harness.advance(SETTLE_MS);
    const sweep = harness.clock.delay('dynamodb.ttl.sweep');
    const expired = item('expired', { N: String(nowSeconds() - 1) });
    for (const put of [
      expired,
      item('later', { N: String(nowSeconds() + 3600) }),
      item('text', { S: String(nowSeconds() - 10) }),
      item('ancient', { N: String(nowSeconds() - 6 * 365 * 86_400) }),
      item('none'),
    ]) await harness.ddb.send(new PutItemCommand({ TableName, Item: put }));

    const getExpired = async () => (await harness.ddb.send(new GetItemCommand({ TableName, Key: { pk: { S: 'expired' } } }))).Item;
    assert.deepEqual(await getExpired(), expired, 'expired but not yet swept: still readable');
    harness.advance(sweep);
    assert.equal(await getExpired(), undefined);
    assert.deepEqual(await keysLeft(), ['ancient', 'later', 'none', 'text']);

    const removal = (await allRecords(harness.streams, table.LatestStreamArn!)).at(-1)!;
    assert.equal(removal.eventName, 'REMOVE');
    assert.deepEqual(removal.userIdentity, { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
    assert.deepEqual(removal.dynamodb!.OldImage, expired);

    harness.advance(3600_000);
    await harness.streams.send(new ListStreamsCommand({}));
    assert.deepEqual(await keysLeft(), ['ancient', 'none', 'text'], 'a Streams request sweeps too');
  });

  it('leaves items alone while TTL is not ENABLED, and sweeps what a write made expire', async () => {
    await activeTable(harness, TableName);
    const sweep = harness.clock.delay('dynamodb.ttl.sweep');
    await harness.ddb.send(new PutItemCommand({ TableName, Item: item('a', { N: String(nowSeconds() - 60) }) }));
    harness.advance(sweep);
    assert.deepEqual(await keysLeft(), ['a'], 'TTL is off');
    await updateTtl(true);
    assert.deepEqual(await keysLeft(), ['a'], 'TTL is ENABLING');
    harness.advance(SETTLE_MS);
    assert.deepEqual(await keysLeft(), []);

    await harness.ddb.send(new PutItemCommand({ TableName, Item: item('b', { N: String(nowSeconds() + 3600) }) }));
    harness.advance(sweep);
    assert.deepEqual(await keysLeft(), ['b']);
    await harness.ddb.send(new PutItemCommand({ TableName, Item: item('b', { N: String(nowSeconds() - 1) }) }));
    harness.advance(sweep);
    assert.deepEqual(await keysLeft(), [], 'the rewritten expiry counts, not the one remembered');
  });
});

describe('saved state', () => {
  it('keeps the TTL setting across a restart with a state directory', async () => {
    await acrossRestart(harness, async (before) => {
      await before.ddb.send(new CreateTableCommand({
        TableName, BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      }));
      harness.advance(SETTLE_MS);
      await updateTtl(true, 'expiresAt', before.ddb);
      harness.advance(SETTLE_MS);
    }, async (after) => {
      assert.deepEqual(await describeTtl(after.ddb), { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    });
  });
});
