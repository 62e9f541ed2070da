/**
 * ReturnConsumedCapacity in the sandbox through the real DynamoDBClient, by DynamoDB's
 * rules (every number here was also measured on DynamoDB Local): 4 KB read units, half
 * when eventually consistent; 1 KB write units on the larger of the item before and after;
 * Query and Scan rounded once over all items read, filter or not; BatchGetItem per item;
 * and the write units of each secondary index an item enters, changes in or leaves. Also
 * ReturnValuesOnConditionCheckFailure, which hands back the item a condition failed on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BatchGetItemCommand, BatchWriteItemCommand, CreateTableCommand, DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand,
  ScanCommand, UpdateItemCommand, waitUntilTableExists, type AttributeValue, type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { failure } from '../../support/aws-errors.js';
import { useSandbox } from './harness.js';

const harness = useSandbox();
const TableName = 'lab-capacity';
const song = { pk: { S: 'song' }, sk: { N: '1' } };

/** pk + sk, a KEYS_ONLY GSI on g, an ALL GSI on album, a KEYS_ONLY LSI on year. */
async function capacityTable(): Promise<void> {
  await harness.ddb.send(new CreateTableCommand({
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    AttributeDefinitions: ['pk:S', 'sk:N', 'g:S', 'album:S', 'year:N'].map((d) => ({ AttributeName: d.split(':')[0], AttributeType: d.split(':')[1] as 'S' | 'N' })),
    GlobalSecondaryIndexes: [
      { IndexName: 'byGenre', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
      { IndexName: 'byAlbum', KeySchema: [{ AttributeName: 'album', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
    ],
    LocalSecondaryIndexes: [
      { IndexName: 'byYear', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'year', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
  }));
  await waitUntilTableExists({ client: harness.ddb, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 }, { TableName });
}

/** An item of `pk` big and sort key `sk` padded to about `bytes`. */
const padded = (sk: number, bytes: number, extra: Record<string, AttributeValue> = {}) => ({ pk: { S: 'big' }, sk: { N: String(sk) }, ...extra, pad: { S: 'x'.repeat(bytes) } });

const update = (UpdateExpression: string, values?: Record<string, AttributeValue>) => harness.ddb.send(new UpdateItemCommand({
  TableName, Key: song, UpdateExpression, ExpressionAttributeNames: UpdateExpression.includes('#y') ? { '#y': 'year' } : undefined,
  ExpressionAttributeValues: values, ReturnConsumedCapacity: 'INDEXES',
}));

describe('ReturnConsumedCapacity on single items', () => {
  it('charges reads per 4 KB, half when eventually consistent, and a missing item the smallest read', async () => {
    await capacityTable();
    const get = (ConsistentRead: boolean, Key: Record<string, AttributeValue> = song) =>
      harness.ddb.send(new GetItemCommand({ TableName, Key, ConsistentRead, ReturnConsumedCapacity: 'TOTAL' }));
    assert.deepEqual((await get(false)).ConsumedCapacity, { TableName, CapacityUnits: 0.5 });
    assert.deepEqual((await get(true)).ConsumedCapacity, { TableName, CapacityUnits: 1 });
    await harness.ddb.send(new PutItemCommand({ TableName, Item: padded(1, 9000) }));
    const big = { pk: { S: 'big' }, sk: { N: '1' } };
    assert.deepEqual([(await get(false, big)).ConsumedCapacity?.CapacityUnits, (await get(true, big)).ConsumedCapacity?.CapacityUnits], [1.5, 3]);
    const none = await harness.ddb.send(new GetItemCommand({ TableName, Key: big, ReturnConsumedCapacity: 'NONE' }));
    assert.equal(none.ConsumedCapacity, undefined);
  });

  it('charges writes per 1 KB on the larger of the item before and after, and at least one unit', async () => {
    await capacityTable();
    const put = async (Item: Record<string, AttributeValue>) =>
      (await harness.ddb.send(new PutItemCommand({ TableName, Item, ReturnConsumedCapacity: 'TOTAL' }))).ConsumedCapacity?.CapacityUnits;
    // pk "big" (5 bytes) + sk 1 (4) + pad name (3) + value: 1012 bytes of padding make exactly 1024.
    assert.equal(await put(padded(1, 1012)), 1);
    assert.equal(await put(padded(2, 1013)), 2);
    assert.equal(await put({ pk: { S: 'big' }, sk: { N: '2' } }), 2, 'replacing a 1025-byte item');
    // Numbers are base-100 digits on the decimal point, one byte more when negative: -1.5 takes 4 bytes.
    assert.equal(await put({ ...padded(3, 1007), n: { N: '-1.5' } }), 1);
    assert.equal(await put({ ...padded(4, 1008), n: { N: '-1.5' } }), 2);
    const deleted = await harness.ddb.send(new DeleteItemCommand({ TableName, Key: { pk: { S: 'big' }, sk: { N: '9' } }, ReturnConsumedCapacity: 'TOTAL' }));
    assert.deepEqual(deleted.ConsumedCapacity, { TableName, CapacityUnits: 1 });
  });

  it('charges each index an item enters, changes in, moves in (two writes) or leaves, with INDEXES', async () => {
    await capacityTable();
    const entered = await harness.ddb.send(new PutItemCommand({ TableName, Item: { ...song, g: { S: 'rock' }, album: { S: 'A' } }, ReturnConsumedCapacity: 'INDEXES' }));
    assert.deepEqual(entered.ConsumedCapacity, {
      TableName, CapacityUnits: 3, Table: { CapacityUnits: 1 }, GlobalSecondaryIndexes: { byGenre: { CapacityUnits: 1 }, byAlbum: { CapacityUnits: 1 } },
    });
    // plays is not in the KEYS_ONLY index, so only the ALL index is rewritten.
    assert.deepEqual((await update('SET plays = :n', { ':n': { N: '1' } })).ConsumedCapacity, {
      TableName, CapacityUnits: 2, Table: { CapacityUnits: 1 }, GlobalSecondaryIndexes: { byAlbum: { CapacityUnits: 1 } },
    });
    assert.deepEqual((await update('SET g = :g', { ':g': { S: 'jazz' } })).ConsumedCapacity?.GlobalSecondaryIndexes, {
      byGenre: { CapacityUnits: 2 }, byAlbum: { CapacityUnits: 1 },
    });
    assert.deepEqual((await update('REMOVE g')).ConsumedCapacity?.GlobalSecondaryIndexes, { byGenre: { CapacityUnits: 1 }, byAlbum: { CapacityUnits: 1 } });
    assert.deepEqual((await update('SET #y = :y', { ':y': { N: '2020' } })).ConsumedCapacity, {
      TableName, CapacityUnits: 3, Table: { CapacityUnits: 1 }, LocalSecondaryIndexes: { byYear: { CapacityUnits: 1 } }, GlobalSecondaryIndexes: { byAlbum: { CapacityUnits: 1 } },
    });
    const removed = await harness.ddb.send(new DeleteItemCommand({ TableName, Key: song, ReturnConsumedCapacity: 'INDEXES' }));
    assert.equal(removed.ConsumedCapacity?.CapacityUnits, 3);
  });
});

describe('ReturnConsumedCapacity on Query, Scan and batches', () => {
  async function threeBigItems(): Promise<void> {
    await capacityTable();
    for (const sk of [1, 2, 3]) await harness.ddb.send(new PutItemCommand({ TableName, Item: padded(sk, 1500, { g: { S: 'pop' } }) }));
  }
  const query = async (extra: Partial<QueryCommandInput> = {}) => {
    const out = await harness.ddb.send(new QueryCommand({
      TableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'big' } }, ReturnConsumedCapacity: 'TOTAL', ...extra,
    }));
    return [out.ConsumedCapacity?.CapacityUnits, out.Count, out.ScannedCount];
  };

  it('rounds a Query once over everything it read, before the filter', async () => {
    await threeBigItems();
    // 3 x ~1.5 KB = ~4.5 KB: two 4 KB units, not three.
    assert.deepEqual(await query(), [1, 3, 3]);
    assert.deepEqual(await query({ ConsistentRead: true }), [2, 3, 3]);
    assert.deepEqual(await query({ FilterExpression: 'attribute_exists(nothing)' }), [1, 0, 3]);
    assert.deepEqual(await query({ Limit: 1 }), [0.5, 1, 1]);
    const scan = await harness.ddb.send(new ScanCommand({ TableName, FilterExpression: 'attribute_exists(nothing)', ReturnConsumedCapacity: 'INDEXES' }));
    assert.deepEqual(scan.ConsumedCapacity, { TableName, CapacityUnits: 1, Table: { CapacityUnits: 1 } });
  });

  it('charges an index Query to the index, by the size of its entries', async () => {
    await threeBigItems();
    const byGenre = await query({ IndexName: 'byGenre', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'pop' } }, ReturnConsumedCapacity: 'INDEXES' });
    assert.deepEqual(byGenre, [0.5, 3, 3]);
    const out = await harness.ddb.send(new QueryCommand({
      TableName, IndexName: 'byGenre', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'pop' } }, ReturnConsumedCapacity: 'INDEXES',
    }));
    assert.deepEqual(out.ConsumedCapacity, { TableName, CapacityUnits: 0.5, Table: { CapacityUnits: 0 }, GlobalSecondaryIndexes: { byGenre: { CapacityUnits: 0.5 } } });
  });

  it('charges BatchGetItem per item found and BatchWriteItem per write, one entry per table', async () => {
    await threeBigItems();
    const got = await harness.ddb.send(new BatchGetItemCommand({
      RequestItems: { [TableName]: { Keys: [{ pk: { S: 'big' }, sk: { N: '1' } }, { pk: { S: 'big' }, sk: { N: '2' } }, { pk: { S: 'none' }, sk: { N: '1' } }] } },
      ReturnConsumedCapacity: 'TOTAL',
    }));
    assert.deepEqual(got.ConsumedCapacity, [{ TableName, CapacityUnits: 1 }]);
    const written = await harness.ddb.send(new BatchWriteItemCommand({
      RequestItems: { [TableName]: [{ PutRequest: { Item: { pk: { S: 'w' }, sk: { N: '1' }, g: { S: 'x' } } } }, { DeleteRequest: { Key: { pk: { S: 'big' }, sk: { N: '3' } } } }] },
      ReturnConsumedCapacity: 'INDEXES',
    }));
    assert.deepEqual(written.ConsumedCapacity, [{ TableName, CapacityUnits: 5, Table: { CapacityUnits: 3 }, GlobalSecondaryIndexes: { byGenre: { CapacityUnits: 2 } } }]);
  });
});

describe('ReturnValuesOnConditionCheckFailure', () => {
  it('hands back the item the condition failed on with ALL_OLD, binaries intact', async () => {
    await capacityTable();
    const Item = { pk: { S: 'bin' }, sk: { N: '1' }, b: { B: new Uint8Array([1, 2, 255]) } };
    await harness.ddb.send(new PutItemCommand({ TableName, Item }));
    const conditional = { TableName, Item: { pk: { S: 'bin' }, sk: { N: '1' } }, ConditionExpression: 'attribute_not_exists(pk)' };
    const withItem = await failure(harness.ddb.send(new PutItemCommand({ ...conditional, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })));
    assert.equal(withItem.name, 'ConditionalCheckFailedException');
    assert.deepEqual(withItem['Item'], Item);
    const without = await failure(harness.ddb.send(new PutItemCommand(conditional)));
    assert.equal(without['Item'], undefined);
    const update = await failure(harness.ddb.send(new UpdateItemCommand({
      TableName, Key: { pk: { S: 'bin' }, sk: { N: '1' } }, UpdateExpression: 'SET x = :x', ConditionExpression: 'attribute_exists(nope)',
      ExpressionAttributeValues: { ':x': { S: 'x' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    })));
    assert.deepEqual(update['Item'], Item);
  });
});
