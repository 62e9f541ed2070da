/**
 * Query and Scan in the sandbox through the real DynamoDBClient: key order (numbers by
 * value, strings by bytes), filters after Limit, paging by LastEvaluatedKey, Select COUNT;
 * and BatchWriteItem / BatchGetItem with their limits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BatchGetItemCommand, BatchWriteItemCommand, PutItemCommand, QueryCommand, ScanCommand, type AttributeValue, type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { assertError, failure } from '../../support/aws-errors.js';
import { activeTable, useSandbox } from './harness.js';

const harness = useSandbox();
const TableName = 'lab-events';

/** Partition `a` holds sort keys 1, 2, 10, 20 (out of string order); `b` holds one item. */
async function seedNumbers(): Promise<void> {
  await activeTable(harness.ddb, TableName, 'N');
  for (const [pk, sk] of [['a', '10'], ['a', '2'], ['b', '5'], ['a', '20'], ['a', '1']] as const) {
    await harness.ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: pk }, sk: { N: sk }, even: { BOOL: Number(sk) % 2 === 0 } } }));
  }
}

const sortKeys = (items: Record<string, AttributeValue>[] | undefined) => (items ?? []).map((item) => item['sk']?.N ?? item['sk']?.S);

describe('Query', () => {
  const query = (extra: Partial<QueryCommandInput> = {}) => harness.ddb.send(new QueryCommand({
    TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'a' } }, ...extra,
  }));

  it('returns one partition ordered by numeric sort key, either way', async () => {
    await seedNumbers();
    assert.deepEqual(sortKeys((await query()).Items), ['1', '2', '10', '20']);
    assert.deepEqual(sortKeys((await query({ ScanIndexForward: false })).Items), ['20', '10', '2', '1']);
    const between = await query({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi', ExpressionAttributeValues: { ':pk': { S: 'a' }, ':lo': { N: '2' }, ':hi': { N: '10' } },
    });
    assert.deepEqual(sortKeys(between.Items), ['2', '10']);
  });

  it('orders string sort keys by bytes', async () => {
    await activeTable(harness.ddb, TableName, 'S');
    for (const sk of ['b', 'B', 'é', 'a']) await harness.ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, sk: { S: sk } } }));
    assert.deepEqual(sortKeys((await query()).Items), ['B', 'a', 'b', 'é']);
  });

  it('filters the items Limit read, and pages on with LastEvaluatedKey', async () => {
    await seedNumbers();
    const first = await query({ Limit: 3, FilterExpression: 'even = :t', ExpressionAttributeValues: { ':pk': { S: 'a' }, ':t': { BOOL: true } } });
    assert.deepEqual([sortKeys(first.Items), first.Count, first.ScannedCount], [['2', '10'], 2, 3]);
    assert.deepEqual(first.LastEvaluatedKey, { pk: { S: 'a' }, sk: { N: '10' } });
    const second = await query({ Limit: 3, ExclusiveStartKey: first.LastEvaluatedKey });
    assert.deepEqual([sortKeys(second.Items), second.LastEvaluatedKey], [['20'], undefined]);
  });

  it('counts without items for Select COUNT, and projects', async () => {
    await seedNumbers();
    const counted = await query({ Select: 'COUNT' });
    assert.deepEqual([counted.Items, counted.Count, counted.ScannedCount], [undefined, 4, 4]);
    assert.deepEqual((await query({ ProjectionExpression: 'sk', Limit: 1 })).Items, [{ sk: { N: '1' } }]);
  });

  it('refuses a query without a key condition, on a non-key attribute, or with a bad Limit', async () => {
    await seedNumbers();
    assertError(await failure(harness.ddb.send(new QueryCommand({ TableName }))), 'ValidationException',
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.', 400);
    assertError(await failure(query({ KeyConditionExpression: 'even = :pk' })), 'ValidationException',
      'Query condition missed key schema element: pk', 400);
    assertError(await failure(query({ Limit: 0 })), 'ValidationException',
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1", 400);
  });

  it('refuses a filter on a key, a projected count, and a start key outside the query', async () => {
    await seedNumbers();
    const values = { ':pk': { S: 'a' }, ':n': { N: '5' } };
    assertError(await failure(query({ FilterExpression: 'sk > :n', ExpressionAttributeValues: values })), 'ValidationException',
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: sk', 400);
    assertError(await failure(query({ Select: 'COUNT', ProjectionExpression: 'sk' })), 'ValidationException',
      'Cannot specify the ProjectionExpression when choosing to get only the Count', 400);
    assertError(await failure(query({ ExclusiveStartKey: { pk: { S: 'a' } } })), 'ValidationException', 'The provided starting key is invalid', 400);
    assertError(await failure(query({ ExclusiveStartKey: { pk: { S: 'b' }, sk: { N: '5' } } })), 'ValidationException',
      'The provided starting key is outside query boundaries based on provided condition', 400);
    const above = { KeyConditionExpression: 'pk = :pk AND sk > :n', ExpressionAttributeValues: values };
    assertError(await failure(query({ ...above, ExclusiveStartKey: { pk: { S: 'a' }, sk: { N: '1' } } })), 'ValidationException',
      'The provided starting key does not match the range key predicate', 400);
    assertError(await failure(query({ ...above, ExclusiveStartKey: { pk: { S: 'b' }, sk: { N: '10' } } })), 'ValidationException',
      'The query can return at most one row and cannot be restarted', 400);
  });
});

describe('Scan', () => {
  it('reads every item in pages, filtering after the read', async () => {
    await seedNumbers();
    const seen: (string | undefined)[] = [];
    let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await harness.ddb.send(new ScanCommand({ TableName, Limit: 2, ExclusiveStartKey }));
      seen.push(...sortKeys(result.Items));
      ExclusiveStartKey = result.LastEvaluatedKey;
      if (!ExclusiveStartKey) break;
    }
    assert.deepEqual(seen, ['1', '2', '10', '20', '5']);
    const odd = await harness.ddb.send(new ScanCommand({ TableName, FilterExpression: 'even = :f', ExpressionAttributeValues: { ':f': { BOOL: false } } }));
    assert.deepEqual([sortKeys(odd.Items), odd.Count, odd.ScannedCount], [['1', '5'], 2, 5]);
  });
});

describe('BatchWriteItem and BatchGetItem', () => {
  const put = (sk: number) => ({ PutRequest: { Item: { pk: { S: 'a' }, sk: { N: String(sk) } } } });

  it('writes and deletes across a batch, then reads keys back', async () => {
    await activeTable(harness.ddb, TableName, 'N');
    const written = await harness.ddb.send(new BatchWriteItemCommand({ RequestItems: { [TableName]: [put(1), put(2), put(3)] } }));
    assert.deepEqual(written.UnprocessedItems, {});
    await harness.ddb.send(new BatchWriteItemCommand({ RequestItems: { [TableName]: [{ DeleteRequest: { Key: { pk: { S: 'a' }, sk: { N: '2' } } } }] } }));
    const keys = [1, 2, 3].map((sk) => ({ pk: { S: 'a' }, sk: { N: String(sk) } }));
    const read = await harness.ddb.send(new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: keys, ProjectionExpression: 'sk' } } }));
    assert.deepEqual(sortKeys(read.Responses?.[TableName]), ['1', '3']);
    assert.deepEqual(read.UnprocessedKeys, {});
  });

  it('refuses oversized batches, duplicate keys and missing tables, writing nothing', async () => {
    await activeTable(harness.ddb, TableName, 'N');
    const write = (requests: object[], table = TableName) =>
      failure(harness.ddb.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } })));
    assertError(await write(Array.from({ length: 26 }, (_, i) => put(i))), 'ValidationException', 'Too many items requested for the BatchWriteItem call', 400);
    assertError(await write([put(1), put(1)]), 'ValidationException', 'Provided list of item keys contains duplicates', 400);
    assertError(await write([put(1)], 'no-such-table'), 'ResourceNotFoundException', 'Requested resource not found', 400);
    const keys = Array.from({ length: 101 }, (_, i) => ({ pk: { S: 'a' }, sk: { N: String(i) } }));
    assertError(await failure(harness.ddb.send(new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: keys } } }))),
      'ValidationException', 'Too many items requested for the BatchGetItem call', 400);
    assert.equal((await harness.ddb.send(new ScanCommand({ TableName }))).Count, 0);
  });
});
