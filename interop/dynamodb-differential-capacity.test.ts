/**
 * ConsumedCapacity on the sandbox against DynamoDB Local, exactly: reads by 4 KB (halved when
 * eventually consistent), writes by 1 KB (the larger of the item before and after), summed
 * over a Query's or Scan's page, per table in a batch, and per index with INDEXES.
 */
import { describe, test } from 'node:test';
import {
  BatchGetItemCommand, BatchWriteItemCommand, DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand,
  ScanCommand, UpdateItemCommand, type AttributeValue, type ReturnConsumedCapacity,
} from '@aws-sdk/client-dynamodb';
import { useDifferential } from './dynamodb-reference.js';

const TableName = 'capacity';
const Plain = 'capacity-plain';
const ddb = useDifferential({
  tables: [
    {
      TableName,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }, { AttributeName: 'kind', AttributeType: 'S' }, { AttributeName: 'rank', AttributeType: 'N' }],
      ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 10 },
      GlobalSecondaryIndexes: [
        { IndexName: 'ByKind', KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
        { IndexName: 'KindKeys', KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' }, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
      ],
      LocalSecondaryIndexes: [
        { IndexName: 'ByRank', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'rank', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
      ],
    },
    {
      TableName: Plain,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
  ],
});

/** An item of about `bytes` bytes, in the index when `kind` is given. */
function sized(sk: number, bytes: number, kind?: string, rank?: number): Record<string, AttributeValue> {
  return {
    pk: { S: 'p' }, sk: { N: String(sk) }, body: { S: 'x'.repeat(Math.max(0, bytes - 20)) },
    ...(kind ? { kind: { S: kind } } : {}), ...(rank === undefined ? {} : { rank: { N: String(rank) } }),
  };
}

const REPORTS: ReturnConsumedCapacity[] = ['TOTAL', 'INDEXES', 'NONE'];
// Around each unit's edge: 1 KB for writes, 4 KB for reads.
const SIZES = [100, 1000, 1024, 1100, 4000, 4096, 4200, 9000];

describe('single-item calls', () => {
  for (const ReturnConsumedCapacity of REPORTS) {
    test(`PutItem, GetItem both ways, UpdateItem and DeleteItem by size, ${ReturnConsumedCapacity}`, async () => {
      for (const [i, bytes] of SIZES.entries()) {
        const Key = { pk: { S: 'p' }, sk: { N: String(i) } };
        await ddb.same(new PutItemCommand({ TableName, Item: sized(i, bytes, i % 2 ? 'odd' : undefined, i % 3 ? i : undefined), ReturnConsumedCapacity }));
        await ddb.same(new GetItemCommand({ TableName, Key, ReturnConsumedCapacity }));
        await ddb.same(new GetItemCommand({ TableName, Key, ReturnConsumedCapacity, ConsistentRead: true }));
        await ddb.same(new UpdateItemCommand({ TableName, Key, UpdateExpression: 'SET kind = :k', ExpressionAttributeValues: { ':k': { S: 'moved' } }, ReturnConsumedCapacity }));
        await ddb.same(new PutItemCommand({ TableName, Item: sized(i, 10), ReturnConsumedCapacity }));
        await ddb.same(new DeleteItemCommand({ TableName, Key, ReturnConsumedCapacity }));
      }
    });
  }

  // Not NONE: DynamoDB Local reports a DeleteItem of a missing item even when asked for none.
  test('reads and deletes of items that are not there', async () => {
    for (const ReturnConsumedCapacity of ['TOTAL', 'INDEXES'] as const) {
      await ddb.same(new GetItemCommand({ TableName: Plain, Key: { id: { S: 'absent' } }, ReturnConsumedCapacity }));
      await ddb.same(new GetItemCommand({ TableName: Plain, Key: { id: { S: 'absent' } }, ReturnConsumedCapacity, ConsistentRead: true }));
      await ddb.same(new DeleteItemCommand({ TableName: Plain, Key: { id: { S: 'absent' } }, ReturnConsumedCapacity }));
    }
  });

  test('a failed condition still consumes', async () => {
    await ddb.same(new PutItemCommand({ TableName: Plain, Item: { id: { S: 'c' }, body: { S: 'x'.repeat(3000) } } }));
    for (const ReturnConsumedCapacity of REPORTS) {
      await ddb.same(new PutItemCommand({ TableName: Plain, Item: { id: { S: 'c' } }, ConditionExpression: 'attribute_not_exists(id)', ReturnConsumedCapacity }));
    }
  });
});

describe('Query, Scan and batches', () => {
  test('pages sum their items\' sizes', async () => {
    for (let sk = 100; sk < 130; sk++) await ddb.same(new PutItemCommand({ TableName, Item: sized(sk, 300 + sk * 37, sk % 3 ? 'a' : 'b', sk % 4) }));
    for (const ReturnConsumedCapacity of REPORTS) {
      await ddb.same(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p AND sk >= :s', ExpressionAttributeValues: { ':p': { S: 'p' }, ':s': { N: '100' } }, ReturnConsumedCapacity }));
      await ddb.same(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p AND sk >= :s', FilterExpression: 'kind = :k', ExpressionAttributeValues: { ':p': { S: 'p' }, ':s': { N: '100' }, ':k': { S: 'b' } }, ReturnConsumedCapacity, ConsistentRead: true, Limit: 7 }));
      // Items with equal index keys come in no defined order from a global index.
      await ddb.sameIndexQuery({ TableName, IndexName: 'ByKind', KeyConditionExpression: 'kind = :k', ExpressionAttributeValues: { ':k': { S: 'b' } }, ReturnConsumedCapacity });
      await ddb.sameIndexQuery({ TableName, IndexName: 'KindKeys', KeyConditionExpression: 'kind = :k', ExpressionAttributeValues: { ':k': { S: 'a' } }, ReturnConsumedCapacity }, 'sk');
      // DynamoDB Local orders a local index's equal keys its own way, so rank, not the items, must be in order.
      await ddb.sameIndexQuery({ TableName, IndexName: 'ByRank', KeyConditionExpression: 'pk = :p AND #r < :r', ExpressionAttributeNames: { '#r': 'rank' }, ExpressionAttributeValues: { ':p': { S: 'p' }, ':r': { N: '2' } }, ReturnConsumedCapacity }, 'rank');
      await ddb.same(new ScanCommand({ TableName, Select: 'COUNT', ReturnConsumedCapacity }));
    }
  });

  // Each item fetched from the table is rounded up to 4 KB on its own.
  test('a local index fetching whole items from the table', async () => {
    for (const ReturnConsumedCapacity of REPORTS) {
      await ddb.sameIndexQuery({ TableName, IndexName: 'ByRank', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, Select: 'ALL_ATTRIBUTES', ReturnConsumedCapacity }, 'rank');
    }
  });

  test('batches report per table', async () => {
    for (const ReturnConsumedCapacity of REPORTS) {
      await ddb.same(new PutItemCommand({ TableName: Plain, Item: { id: { S: 'd' }, body: { S: 'z'.repeat(1500) } } }));
      await ddb.same(new BatchWriteItemCommand({
        RequestItems: {
          [TableName]: [200, 201, 202].map((sk) => ({ PutRequest: { Item: sized(sk, sk * 10, 'batch') } })),
          // Not a delete of a missing item: DynamoDB Local charges it 2 units in a batch, 1 in DeleteItem.
          [Plain]: [{ PutRequest: { Item: { id: { S: 'b1' }, body: { S: 'y'.repeat(2500) } } } }, { DeleteRequest: { Key: { id: { S: 'd' } } } }],
        },
        ReturnConsumedCapacity,
      }));
      await ddb.same(new BatchGetItemCommand({
        RequestItems: {
          [TableName]: { Keys: [200, 201, 202, 299].map((sk) => ({ pk: { S: 'p' }, sk: { N: String(sk) } })), ConsistentRead: true },
          [Plain]: { Keys: [{ id: { S: 'b1' } }, { id: { S: 'nothing' } }] },
        },
        ReturnConsumedCapacity,
      }));
    }
  });
});
