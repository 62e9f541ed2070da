/**
 * DynamoDB items in the sandbox through the real DynamoDBClient: every AttributeValue type
 * round-trips the JSON wire (numbers as strings, binaries as base64), conditions, updates,
 * projections and ReturnValues behave as on DynamoDB, and bad keys and sizes are refused.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import {
  DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand, type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { createClock } from '../../../src/sandbox/clock.js';
import { startSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';
import { assertError, failure } from '../../support/aws-errors.js';
import { activeTable, useSandbox } from './harness.js';

const harness = useSandbox();
const TableName = 'lab-items';
const KEY = { pk: { S: 'user#1' }, sk: { N: '1' } };

beforeEach(() => activeTable(harness.ddb, TableName, 'N'));

const get = async (extra: object = {}) => (await harness.ddb.send(new GetItemCommand({ TableName, Key: KEY, ...extra }))).Item;

describe('PutItem and GetItem', () => {
  it('round-trips every attribute type, numbers in canonical form', async () => {
    const item: Record<string, AttributeValue> = {
      ...KEY,
      name: { S: 'Ada é' }, score: { N: '1.50' }, photo: { B: new Uint8Array([0, 1, 254, 255]) },
      tags: { SS: ['a', 'b'] }, lucky: { NS: ['7', '13'] }, keys: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
      profile: { M: { age: { N: '36' }, langs: { L: [{ S: 'en' }, { BOOL: true }, { NULL: true }] } } },
    };
    await harness.ddb.send(new PutItemCommand({ TableName, Item: item }));
    assert.deepEqual(await get(), { ...item, score: { N: '1.5' } });
    assert.equal((await harness.ddb.send(new GetItemCommand({ TableName, Key: { pk: { S: 'nobody' }, sk: { N: '1' } } }))).Item, undefined);
  });

  it('projects document paths, with names from ExpressionAttributeNames', async () => {
    await harness.ddb.send(new PutItemCommand({ TableName, Item: { ...KEY, a: { M: { b: { S: 'x' }, c: { S: 'y' } } }, name: { S: 'n' } } }));
    assert.deepEqual(await get({ ProjectionExpression: 'a.b, #n', ExpressionAttributeNames: { '#n': 'name' } }),
      { a: { M: { b: { S: 'x' } } }, name: { S: 'n' } });
  });

  it('puts only when the condition holds and returns the replaced item', async () => {
    const put = (extra: object) => harness.ddb.send(new PutItemCommand({ TableName, Item: { ...KEY, v: { N: '1' } }, ...extra }));
    await put({ ConditionExpression: 'attribute_not_exists(pk)' });
    const error = await failure(put({ ConditionExpression: 'attribute_not_exists(pk)' }));
    assertError(error, 'ConditionalCheckFailedException', 'The conditional request failed', 400);
    const { Attributes } = await put({ ReturnValues: 'ALL_OLD' });
    assert.deepEqual(Attributes, { ...KEY, v: { N: '1' } });
    assertError(await failure(put({ ReturnValues: 'ALL_NEW' })), 'ValidationException', 'Return values set to invalid value', 400);
    assertError(await failure(put({ ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': { N: '1' }, ':w': { N: '2' } } })),
      'ValidationException', 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}', 400);
  });

  it('refuses items whose key does not fit the schema, bad values, and items over 400 KB', async () => {
    const put = (Item: Record<string, AttributeValue>) => failure(harness.ddb.send(new PutItemCommand({ TableName, Item })));
    assertError(await put({ pk: { S: 'a' } }), 'ValidationException', 'One or more parameter values were invalid: Missing the key sk in the item', 400);
    assertError(await put({ pk: { S: 'a' }, sk: { S: '1' } }), 'ValidationException',
      'One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S', 400);
    assertError(await put({ pk: { S: '' }, sk: { N: '1' } }), 'ValidationException',
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk', 400);
    assertError(await put({ ...KEY, n: { N: 'ten' } }), 'ValidationException', 'A value provided cannot be converted into a number', 400);
    assertError(await put({ ...KEY, big: { S: 'x'.repeat(400 * 1024) } }), 'ValidationException', 'Item size has exceeded the maximum allowed size', 400);
    const badKeys: Record<string, AttributeValue>[] = [{ pk: { S: 'a' } }, { ...KEY, extra: { S: 'x' } }, { pk: { S: 'a' }, sk: { S: '1' } }];
    for (const Key of badKeys) {
      assertError(await failure(harness.ddb.send(new GetItemCommand({ TableName, Key }))), 'ValidationException',
        'The provided key element does not match the schema', 400);
    }
    assertError(await failure(harness.ddb.send(new GetItemCommand({ TableName: 'no-such-table', Key: KEY }))),
      'ResourceNotFoundException', 'Requested resource not found', 400);
  });
});

describe('DeleteItem', () => {
  it('deletes under a condition and returns the deleted item', async () => {
    await harness.ddb.send(new PutItemCommand({ TableName, Item: { ...KEY, v: { N: '1' } } }));
    const remove = (extra: object) => harness.ddb.send(new DeleteItemCommand({ TableName, Key: KEY, ...extra }));
    assertError(await failure(remove({ ConditionExpression: 'v > :v', ExpressionAttributeValues: { ':v': { N: '5' } } })),
      'ConditionalCheckFailedException', 'The conditional request failed', 400);
    assert.deepEqual((await remove({ ReturnValues: 'ALL_OLD' })).Attributes, { ...KEY, v: { N: '1' } });
    assert.equal(await get(), undefined);
    assert.equal((await remove({ ReturnValues: 'ALL_OLD' })).Attributes, undefined);
  });
});

describe('UpdateItem', () => {
  const update = (UpdateExpression: string, extra: object = {}) =>
    harness.ddb.send(new UpdateItemCommand({ TableName, Key: KEY, UpdateExpression, ...extra }));

  it('creates the item when absent and applies SET, ADD, REMOVE and DELETE', async () => {
    const created = await update('SET visits = :one, tags = :tags', { ExpressionAttributeValues: { ':one': { N: '1' }, ':tags': { SS: ['a', 'b'] } }, ReturnValues: 'ALL_NEW' });
    assert.deepEqual(created.Attributes, { ...KEY, visits: { N: '1' }, tags: { SS: ['a', 'b'] } });
    await update('ADD visits :n DELETE tags :a', { ExpressionAttributeValues: { ':n': { N: '0.5' }, ':a': { SS: ['a'] } } });
    await update('REMOVE nothing SET #h = list_append(if_not_exists(#h, :empty), :x)', {
      ExpressionAttributeNames: { '#h': 'history' }, ExpressionAttributeValues: { ':empty': { L: [] }, ':x': { L: [{ S: 'x' }] } },
    });
    assert.deepEqual(await get(), { ...KEY, visits: { N: '1.5' }, tags: { SS: ['b'] }, history: { L: [{ S: 'x' }] } });
  });

  it('returns ALL_OLD, UPDATED_OLD and UPDATED_NEW', async () => {
    await harness.ddb.send(new PutItemCommand({ TableName, Item: { ...KEY, a: { N: '1' }, b: { S: 'keep' } } }));
    const values = { ExpressionAttributeValues: { ':d': { N: '1' } } };
    assert.deepEqual((await update('SET a = a + :d', { ...values, ReturnValues: 'UPDATED_OLD' })).Attributes, { a: { N: '1' } });
    assert.deepEqual((await update('SET a = a + :d', { ...values, ReturnValues: 'UPDATED_NEW' })).Attributes, { a: { N: '3' } });
    assert.deepEqual((await update('SET a = a + :d', { ...values, ReturnValues: 'ALL_OLD' })).Attributes, { ...KEY, a: { N: '3' }, b: { S: 'keep' } });
    assert.equal((await update('SET a = a + :d', values)).Attributes, undefined);
  });

  it('refuses a failed condition, an update of the key, and an expression error', async () => {
    assertError(await failure(update('SET a = :v', { ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':v': { N: '1' } } })),
      'ConditionalCheckFailedException', 'The conditional request failed', 400);
    assert.equal(await get(), undefined);
    assertError(await failure(update('SET sk = :v', { ExpressionAttributeValues: { ':v': { N: '2' } } })), 'ValidationException',
      'One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key', 400);
    assertError(await failure(update('SET a = b')), 'ValidationException',
      'The provided expression refers to an attribute that does not exist in the item', 400);
  });
});

describe('saved state', () => {
  it('keeps tables and items, binaries included, across a restart with a state directory', async () => {
    const item = { ...KEY, photo: { B: new Uint8Array([0, 255]) }, keys: { BS: [new Uint8Array([7])] }, none: { NULL: true as const } };
    await harness.ddb.send(new PutItemCommand({ TableName, Item: item }));
    const stateDir = await mkdtemp(join(tmpdir(), 'lab-ddb-'));
    try {
      const [first] = await createServices(['dynamodb']);
      first!.restore!(JSON.parse(JSON.stringify(harness.sandbox.router.services.find((s) => s.signingName === 'dynamodb')!.snapshot!())));
      const saving = await startSandbox({ port: 0, services: [first!], stateDir });
      await saving.stop();
      const restarted = await startSandbox({ port: 0, services: await createServices(['dynamodb']), stateDir, clock: createClock({ defaultDelayMs: 50 }) });
      const client = new DynamoDBClient({ endpoint: restarted.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      try {
        assert.deepEqual((await client.send(new GetItemCommand({ TableName, Key: KEY }))).Item, item);
      } finally {
        client.destroy();
        await restarted.stop();
      }
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
