/**
 * DynamoDB Streams in the sandbox through the real DynamoDBClient and DynamoDBStreamsClient:
 * StreamSpecification on CreateTable and UpdateTable, the records item writes make (and the
 * writes that make none), shard iterators of every type, their expiry, 24 hours of
 * retention, and a stream that outlives its table.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateTableCommand, DeleteItemCommand, DeleteTableCommand, DescribeTableCommand, PutItemCommand, UpdateItemCommand, UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { assertError, failure } from '../../support/aws-errors.js';
import { acrossRestart, activeTable, allRecords, shardOf, useStreamsSandbox } from './harness.js';

const harness = useStreamsSandbox();
const TableName = 'lab-stream';
const HOUR = 3_600_000;
const withStream = (StreamViewType: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES') =>
  ({ StreamSpecification: { StreamEnabled: true, StreamViewType } });

/** Put, the same put again, an update, an update to the same value, a delete, a delete of nothing. */
async function writeEveryKind(): Promise<void> {
  const Key = { pk: { S: 'a' } };
  const { ddb } = harness;
  await ddb.send(new PutItemCommand({ TableName, Item: { ...Key, v: { N: '1' }, ttl: { N: '100' } } }));
  await ddb.send(new PutItemCommand({ TableName, Item: { ...Key, v: { N: '1.0' }, ttl: { N: '100' } } }));
  for (let i = 0; i < 2; i++) {
    await ddb.send(new UpdateItemCommand({ TableName, Key, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '2' } } }));
  }
  await ddb.send(new DeleteItemCommand({ TableName, Key }));
  await ddb.send(new DeleteItemCommand({ TableName, Key }));
}

describe('StreamSpecification on tables', () => {
  it('names the stream in CreateTable and DescribeTable, and the stream goes ENABLING to ENABLED', async () => {
    const created = await harness.ddb.send(new CreateTableCommand({
      TableName, BillingMode: 'PAY_PER_REQUEST', ...withStream('NEW_AND_OLD_IMAGES'),
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    }));
    const table = created.TableDescription!;
    assert.deepEqual(table.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    assert.match(table.LatestStreamLabel!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    assert.equal(table.LatestStreamArn, `${table.TableArn}/stream/${table.LatestStreamLabel}`);
    const described = async () => (await harness.streams.send(new DescribeStreamCommand({ StreamArn: table.LatestStreamArn! }))).StreamDescription!;
    assert.equal((await described()).StreamStatus, 'ENABLING');
    harness.advance(50);
    const stream = await described();
    assert.equal(stream.StreamStatus, 'ENABLED');
    assert.equal(stream.StreamLabel, table.LatestStreamLabel);
    assert.equal(stream.StreamViewType, 'NEW_AND_OLD_IMAGES');
    assert.equal(stream.TableName, TableName);
    assert.deepEqual(stream.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }]);
    assert.equal(stream.Shards!.length, 1);
    assert.match(stream.Shards![0]!.ShardId!, /^shardId-\d{20}-[0-9a-f]{8}$/);
    assert.match(stream.Shards![0]!.SequenceNumberRange!.StartingSequenceNumber!, /^\d{21,40}$/);
    assert.equal(stream.Shards![0]!.SequenceNumberRange!.EndingSequenceNumber, undefined);
    const again = (await harness.ddb.send(new DescribeTableCommand({ TableName }))).Table!;
    assert.deepEqual([again.StreamSpecification, again.LatestStreamArn], [table.StreamSpecification, table.LatestStreamArn]);
  });

  it('refuses specifications AWS refuses, in its words', async () => {
    await activeTable(harness, TableName);
    const update = (StreamSpecification: object) => failure(harness.ddb.send(new UpdateTableCommand({ TableName, StreamSpecification } as never)));
    assertError(await update({ StreamEnabled: false }), 'ValidationException', 'Table has no stream to disable', 400);
    assertError(await update({ StreamEnabled: true }), 'ValidationException',
      'Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.', 400);
    assertError(await update({ StreamEnabled: false, StreamViewType: 'KEYS_ONLY' }), 'ValidationException',
      'Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present.', 400);
    assertError(await update({ StreamEnabled: true, StreamViewType: 'ALL' }), 'ValidationException',
      "1 validation error detected: Value 'ALL' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]", 400);
    await harness.ddb.send(new UpdateTableCommand({ TableName, ...withStream('KEYS_ONLY') }));
    assertError(await update({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }), 'ValidationException', 'Table already has an enabled stream', 400);
  });

  it('changes the stream with the rest of an UpdateTable, or not at all when the rest fails', async () => {
    await activeTable(harness, TableName);
    const failed = await failure(harness.ddb.send(new UpdateTableCommand({ TableName, BillingMode: 'PROVISIONED', ...withStream('NEW_IMAGE') })));
    assert.equal(failed.name, 'ValidationException');
    assert.equal((await harness.ddb.send(new DescribeTableCommand({ TableName }))).Table!.LatestStreamArn, undefined);
    const updated = (await harness.ddb.send(new UpdateTableCommand({
      TableName, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }, ...withStream('NEW_IMAGE'),
    }))).TableDescription!;
    assert.deepEqual([updated.BillingModeSummary?.BillingMode, updated.StreamSpecification?.StreamViewType], ['PROVISIONED', 'NEW_IMAGE']);
    assertError(await failure(harness.ddb.send(new UpdateTableCommand({ TableName, StreamSpecification: { StreamEnabled: false } }))),
      'ResourceInUseException', `Attempt to change a resource which is still in use: Table is being updated: ${TableName}`, 400);
    harness.advance(50);
    const disabled = (await harness.ddb.send(new UpdateTableCommand({
      TableName, ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 }, StreamSpecification: { StreamEnabled: false },
    }))).TableDescription!;
    assert.deepEqual([disabled.ProvisionedThroughput?.ReadCapacityUnits, disabled.StreamSpecification, disabled.LatestStreamArn],
      [2, undefined, updated.LatestStreamArn]);
  });

  it('disabling keeps the stream readable, closes its shard, and a new enabling makes a new stream', async () => {
    const table = await activeTable(harness, TableName, withStream('NEW_IMAGE'));
    harness.advance(50);
    await writeEveryKind();
    const disabled = (await harness.ddb.send(new UpdateTableCommand({ TableName, StreamSpecification: { StreamEnabled: false } }))).TableDescription!;
    assert.equal(disabled.StreamSpecification, undefined);
    assert.equal(disabled.LatestStreamArn, table.LatestStreamArn);
    await harness.ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'after' } } }));
    const describe = async () => (await harness.streams.send(new DescribeStreamCommand({ StreamArn: table.LatestStreamArn! }))).StreamDescription!;
    assert.equal((await describe()).StreamStatus, 'DISABLING');
    harness.advance(50);
    const closed = await describe();
    assert.equal(closed.StreamStatus, 'DISABLED');
    const records = await allRecords(harness.streams, table.LatestStreamArn!);
    assert.deepEqual(records.map((r) => r.eventName), ['INSERT', 'MODIFY', 'REMOVE']);
    assert.equal(closed.Shards![0]!.SequenceNumberRange!.EndingSequenceNumber, records.at(-1)!.dynamodb!.SequenceNumber);

    const ShardId = closed.Shards![0]!.ShardId!;
    const ShardIterator = (await harness.streams.send(new GetShardIteratorCommand({ StreamArn: table.LatestStreamArn!, ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator!;
    const toEnd = await harness.streams.send(new GetRecordsCommand({ ShardIterator }));
    assert.equal(toEnd.Records!.length, 3);
    assert.equal(toEnd.NextShardIterator, undefined, 'a closed shard read to its end has no next iterator');

    const reenabled = (await harness.ddb.send(new UpdateTableCommand({ TableName, ...withStream('KEYS_ONLY') }))).TableDescription!;
    assert.notEqual(reenabled.LatestStreamArn, table.LatestStreamArn);
    assert.deepEqual(reenabled.StreamSpecification, { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
    const listed = (await harness.streams.send(new ListStreamsCommand({ TableName }))).Streams!;
    assert.deepEqual(listed.map((s) => s.StreamArn), [reenabled.LatestStreamArn, table.LatestStreamArn]);
    assert.deepEqual(listed[0], { StreamArn: reenabled.LatestStreamArn, TableName, StreamLabel: reenabled.LatestStreamLabel });

    await harness.ddb.send(new UpdateTableCommand({ TableName, StreamSpecification: { StreamEnabled: false } }));
    const sameMoment = (await harness.ddb.send(new UpdateTableCommand({ TableName, ...withStream('KEYS_ONLY') }))).TableDescription!;
    assert.notEqual(sameMoment.LatestStreamArn, reenabled.LatestStreamArn, 'two streams enabled in one millisecond are still two');
  });

  it('lists streams page by page, newest first, filtered by table', async () => {
    const arns: string[] = [];
    for (const name of ['lab-one', 'lab-two', 'lab-three']) {
      arns.unshift((await activeTable(harness, name, withStream('KEYS_ONLY'))).LatestStreamArn!);
      harness.advance(5);
    }
    const first = await harness.streams.send(new ListStreamsCommand({ Limit: 2 }));
    assert.deepEqual(first.Streams!.map((s) => s.StreamArn), arns.slice(0, 2));
    assert.equal(first.LastEvaluatedStreamArn, arns[1]);
    const second = await harness.streams.send(new ListStreamsCommand({ Limit: 2, ExclusiveStartStreamArn: first.LastEvaluatedStreamArn! }));
    assert.deepEqual(second.Streams!.map((s) => s.StreamArn), arns.slice(2));
    assert.equal(second.LastEvaluatedStreamArn, undefined);
    assert.deepEqual((await harness.streams.send(new ListStreamsCommand({ TableName: 'lab-two' }))).Streams!.map((s) => s.TableName), ['lab-two']);
    assertError(await failure(harness.streams.send(new ListStreamsCommand({ Limit: 0 }))), 'ValidationException',
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1", 400);
  });
});

describe('stream records', () => {
  it('records inserts, changes and removals, not writes that change nothing', async () => {
    const table = await activeTable(harness, TableName, withStream('NEW_AND_OLD_IMAGES'));
    await writeEveryKind();
    const records = await allRecords(harness.streams, table.LatestStreamArn!);
    assert.deepEqual(records.map((r) => r.eventName), ['INSERT', 'MODIFY', 'REMOVE']);
    const [insert, modify, remove] = records.map((r) => r.dynamodb!);
    const v1 = { pk: { S: 'a' }, v: { N: '1' }, ttl: { N: '100' } };
    const v2 = { ...v1, v: { N: '2' } };
    assert.deepEqual([insert!.Keys, insert!.NewImage, insert!.OldImage], [{ pk: { S: 'a' } }, v1, undefined]);
    assert.deepEqual([modify!.NewImage, modify!.OldImage], [v2, v1]);
    assert.deepEqual([remove!.NewImage, remove!.OldImage], [undefined, v2]);
    // Key and images, names and values: 3 + 11 (+ 11), as DynamoDB counts them.
    assert.deepEqual(records.map((r) => r.dynamodb!.SizeBytes), [14, 25, 14]);
    for (const record of records) {
      assert.equal(record.eventSource, 'aws:dynamodb');
      assert.equal(record.eventVersion, '1.1');
      assert.equal(record.awsRegion, 'us-east-1');
      assert.match(record.eventID!, /^[0-9a-f]{32}$/);
      assert.equal(record.userIdentity, undefined);
      assert.equal(record.dynamodb!.StreamViewType, 'NEW_AND_OLD_IMAGES');
      assert.equal(record.dynamodb!.ApproximateCreationDateTime!.getTime() % 1000, 0, 'rounded down to the second');
      assert.match(record.dynamodb!.SequenceNumber!, /^\d{21,40}$/);
    }
    const numbers = records.map((r) => BigInt(r.dynamodb!.SequenceNumber!));
    assert.ok(numbers[0]! < numbers[1]! && numbers[1]! < numbers[2]!);
  });

  it('carries the images its view type names', async () => {
    const cases = { KEYS_ONLY: [false, false], NEW_IMAGE: [true, false], OLD_IMAGE: [false, true] } as const;
    for (const [viewType, [hasNew, hasOld]] of Object.entries(cases)) {
      const name = `lab-${viewType.toLowerCase().replace('_', '-')}`;
      const table = await activeTable(harness, name, withStream(viewType as keyof typeof cases));
      await harness.ddb.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'k' }, n: { N: '1' } } }));
      await harness.ddb.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'k' }, n: { N: '2' } } }));
      const modify = (await allRecords(harness.streams, table.LatestStreamArn!))[1]!.dynamodb!;
      assert.deepEqual([modify.Keys, modify.NewImage !== undefined, modify.OldImage !== undefined], [{ pk: { S: 'k' } }, hasNew, hasOld], viewType);
      assert.equal(modify.StreamViewType, viewType);
    }
  });
});

describe('shard iterators', () => {
  async function streamWithThreeRecords() {
    const table = await activeTable(harness, TableName, withStream('KEYS_ONLY'));
    for (const pk of ['a', 'b', 'c']) await harness.ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: pk } } }));
    const StreamArn = table.LatestStreamArn!;
    const ShardId = await shardOf(harness.streams, StreamArn);
    const iterator = async (ShardIteratorType: string, SequenceNumber?: string) =>
      (await harness.streams.send(new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType, SequenceNumber } as never))).ShardIterator!;
    const keys = async (ShardIterator: string, Limit?: number) => {
      const out = await harness.streams.send(new GetRecordsCommand({ ShardIterator, Limit }));
      return { keys: out.Records!.map((r) => r.dynamodb!.Keys!.pk!.S), next: out.NextShardIterator, records: out.Records! };
    };
    return { StreamArn, ShardId, iterator, keys };
  }

  it('starts where its type says and pages with Limit', async () => {
    const { iterator, keys } = await streamWithThreeRecords();
    const page = await keys(await iterator('TRIM_HORIZON'), 2);
    assert.deepEqual(page.keys, ['a', 'b']);
    const rest = await keys(page.next!);
    assert.deepEqual(rest.keys, ['c']);
    const b = page.records[1]!.dynamodb!.SequenceNumber!;
    assert.deepEqual((await keys(await iterator('AT_SEQUENCE_NUMBER', b))).keys, ['b', 'c']);
    assert.deepEqual((await keys(await iterator('AFTER_SEQUENCE_NUMBER', b))).keys, ['c']);
    const latest = await iterator('LATEST');
    const empty = await keys(latest);
    assert.deepEqual(empty.keys, []);
    assert.ok(empty.next, 'an open shard always has a next iterator');
    await harness.ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'd' } } }));
    assert.deepEqual((await keys(empty.next!)).keys, ['d']);
    assert.notEqual(latest.split('|')[0], latest, 'shaped like AWS: the stream ARN, then opaque parts');
  });

  it('refuses bad requests in AWS words', async () => {
    const { StreamArn, iterator } = await streamWithThreeRecords();
    assertError(await failure(iterator('LATEST', '1'.repeat(21))), 'ValidationException',
      'One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type', 400);
    assertError(await failure(iterator('AT_SEQUENCE_NUMBER')), 'ValidationException', 'One or more parameter values were invalid: Invalid SequenceNumber', 400);
    assertError(await failure(iterator('AT_SEQUENCE_NUMBER', '1')), 'ValidationException',
      "1 validation error detected: Value '1' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21", 400);
    assertError(await failure(iterator('AFTER_SEQUENCE_NUMBER', '9'.repeat(30))), 'ValidationException', 'One or more parameter values were invalid: Invalid SequenceNumber', 400);
    assertError(await failure(harness.streams.send(new GetShardIteratorCommand({ StreamArn, ShardId: 'shardId-00000000000000000000-00000000', ShardIteratorType: 'LATEST' }))),
      'ResourceNotFoundException', 'Requested resource not found: Shard does not exist', 400);
    // The label ends in the creation time's milliseconds, which may be 999 themselves.
    const missing = `${StreamArn.slice(0, -3)}${StreamArn.endsWith('999') ? '998' : '999'}`;
    assertError(await failure(harness.streams.send(new DescribeStreamCommand({ StreamArn: missing }))),
      'ResourceNotFoundException', `Requested resource not found: Stream: ${missing} not found`, 400);
    assertError(await failure(harness.streams.send(new GetRecordsCommand({ ShardIterator: 'not-an-iterator' }))), 'ValidationException', 'Invalid ShardIterator', 400);
  });

  it('expire 15 minutes after they are handed out', async () => {
    const { iterator, keys } = await streamWithThreeRecords();
    const ShardIterator = await iterator('TRIM_HORIZON');
    harness.advance(14 * 60_000);
    const next = (await keys(ShardIterator, 1)).next!;
    harness.advance(2 * 60_000);
    const error = await failure(harness.streams.send(new GetRecordsCommand({ ShardIterator })));
    assert.equal(error.name, 'ExpiredIteratorException');
    assert.match(error.message, /^Iterator expired\. The iterator was created at time .* which is further in the future than the tolerated delay of 900000 milliseconds\.$/);
    assert.deepEqual((await keys(next)).keys, ['b', 'c'], 'each GetRecords hands out a fresh iterator');
  });

  it('keep records for 24 hours; reading trimmed data fails', async () => {
    const { iterator, keys } = await streamWithThreeRecords();
    const a = (await keys(await iterator('TRIM_HORIZON'), 1)).records[0]!.dynamodb!.SequenceNumber!;
    harness.advance(24 * HOUR - 60_000);
    await harness.ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'd' } } }));
    const old = await iterator('TRIM_HORIZON');
    harness.advance(2 * 60_000);
    assertError(await failure(keys(old)), 'TrimmedDataAccessException', 'The operation attempted to read past the oldest stream record in a shard.', 400);
    assertError(await failure(iterator('AT_SEQUENCE_NUMBER', a)), 'TrimmedDataAccessException', 'The operation attempted to read past the oldest stream record in a shard.', 400);
    assert.deepEqual((await keys(await iterator('TRIM_HORIZON'))).keys, ['d']);
  });
});

describe('a deleted table', () => {
  it('leaves its stream readable, DISABLED, for a day', async () => {
    const table = await activeTable(harness, TableName, withStream('NEW_IMAGE'));
    await harness.ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'kept' } } }));
    const deleted = (await harness.ddb.send(new DeleteTableCommand({ TableName }))).TableDescription!;
    assert.deepEqual(deleted.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    harness.advance(HOUR);
    assert.equal((await failure(harness.ddb.send(new DescribeTableCommand({ TableName })))).name, 'ResourceNotFoundException');
    const StreamArn = table.LatestStreamArn!;
    assert.equal((await harness.streams.send(new DescribeStreamCommand({ StreamArn }))).StreamDescription!.StreamStatus, 'DISABLED');
    assert.deepEqual((await allRecords(harness.streams, StreamArn)).map((r) => r.dynamodb!.NewImage), [{ pk: { S: 'kept' } }]);
    assert.deepEqual((await harness.streams.send(new ListStreamsCommand({}))).Streams!.map((s) => s.StreamArn), [StreamArn]);
    harness.advance(24 * HOUR);
    assert.equal((await failure(harness.streams.send(new DescribeStreamCommand({ StreamArn })))).name, 'ResourceNotFoundException');
    assert.deepEqual((await harness.streams.send(new ListStreamsCommand({}))).Streams, []);
  });
});

describe('saved state', () => {
  it('keeps streams and their records across a restart with a state directory', async () => {
    await acrossRestart(harness, async (before) => {
      const table = (await before.ddb.send(new CreateTableCommand({
        TableName, BillingMode: 'PAY_PER_REQUEST', ...withStream('NEW_IMAGE'),
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      }))).TableDescription!;
      harness.advance(50);
      await before.ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, bytes: { B: new Uint8Array([0, 255]) } } }));
      return { table, recorded: await allRecords(before.streams, table.LatestStreamArn!) };
    }, async (after, { table, recorded }) => {
      assert.deepEqual(await allRecords(after.streams, table.LatestStreamArn!), recorded);
      assert.equal((await after.ddb.send(new DescribeTableCommand({ TableName }))).Table!.LatestStreamArn, table.LatestStreamArn);
      await after.ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'b' } } }));
      const records = await allRecords(after.streams, table.LatestStreamArn!);
      assert.equal(records.length, 2, 'the restored table still writes to its stream');
      assert.ok(BigInt(records[1]!.dynamodb!.SequenceNumber!) > BigInt(records[0]!.dynamodb!.SequenceNumber!));
    });
  });
});
