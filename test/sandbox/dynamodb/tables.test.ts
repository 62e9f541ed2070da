/**
 * DynamoDB tables in the sandbox, through the real DynamoDBClient over HTTP (JSON 1.0):
 * CREATING then ACTIVE on the sandbox clock, DELETING then gone, the SDK's waiters, and
 * CreateTable's validation in AWS's words.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateTableCommand, DeleteTableCommand, DescribeTableCommand, ListTablesCommand, ScanCommand, waitUntilTableExists, waitUntilTableNotExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { assertError, failure } from '../../support/aws-errors.js';
import { activeTable, useSandbox } from './harness.js';

const harness = useSandbox();
const WAIT = { maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 };

const ORDERS: CreateTableCommandInput = {
  TableName: 'lab-orders',
  KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'placed', KeyType: 'RANGE' }],
  AttributeDefinitions: [{ AttributeName: 'customer', AttributeType: 'S' }, { AttributeName: 'placed', AttributeType: 'N' }],
  ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
};

describe('CreateTable, DescribeTable, DeleteTable', () => {
  it('creates a provisioned table CREATING, waits it ACTIVE, deletes it DELETING, waits it gone', async () => {
    const { ddb } = harness;
    const before = Date.now();
    const { TableDescription: created } = await ddb.send(new CreateTableCommand(ORDERS));
    assert.equal(created?.TableStatus, 'CREATING');
    assert.equal(created?.TableArn, 'arn:aws:dynamodb:us-east-1:123456789012:table/lab-orders');
    assert.deepEqual(created?.KeySchema, ORDERS.KeySchema);
    assert.deepEqual(created?.AttributeDefinitions, ORDERS.AttributeDefinitions);
    assert.deepEqual(created?.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 5, WriteCapacityUnits: 2 });
    assert.equal(created?.BillingModeSummary, undefined);
    assert.equal(created?.ItemCount, 0);
    assert.ok(created?.CreationDateTime instanceof Date);
    assert.ok(Math.abs(created.CreationDateTime.getTime() - before) < 5_000);

    const waited = await waitUntilTableExists({ client: ddb, ...WAIT }, { TableName: 'lab-orders' });
    assert.equal(waited.state, 'SUCCESS');
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'lab-orders' }));
    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.equal(Table?.TableId, created.TableId);

    const { TableDescription: deleted } = await ddb.send(new DeleteTableCommand({ TableName: 'lab-orders' }));
    assert.equal(deleted?.TableStatus, 'DELETING');
    assertError(await failure(ddb.send(new DeleteTableCommand({ TableName: 'lab-orders' }))), 'ResourceInUseException',
      'Attempt to change a resource which is still in use: Table is being deleted: lab-orders', 400);
    assert.equal((await waitUntilTableNotExists({ client: ddb, ...WAIT }, { TableName: 'lab-orders' })).state, 'SUCCESS');
    assertError(await failure(ddb.send(new DescribeTableCommand({ TableName: 'lab-orders' }))), 'ResourceNotFoundException',
      'Requested resource not found: Table: lab-orders not found', 400);
  });

  it('reports an on-demand table with zero throughput and its billing mode', async () => {
    const { TableDescription } = await harness.ddb.send(new CreateTableCommand({
      TableName: 'lab-sessions', BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    }));
    assert.deepEqual(TableDescription?.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    assert.equal(TableDescription?.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
  });

  it('refuses a second table of the same name and deleting a table still being created', async () => {
    const { ddb } = harness;
    await ddb.send(new CreateTableCommand(ORDERS));
    assertError(await failure(ddb.send(new CreateTableCommand(ORDERS))), 'ResourceInUseException', 'Table already exists: lab-orders', 400);
    assertError(await failure(ddb.send(new DeleteTableCommand({ TableName: 'lab-orders' }))), 'ResourceInUseException',
      'Attempt to change a resource which is still in use: Table is being created: lab-orders', 400);
  });

  it('answers a missing table with ResourceNotFoundException', async () => {
    for (const command of [new DescribeTableCommand({ TableName: 'nope-table' }), new DeleteTableCommand({ TableName: 'nope-table' })]) {
      assertError(await failure(harness.ddb.send(command)), 'ResourceNotFoundException', 'Requested resource not found: Table: nope-table not found', 400);
    }
  });

  it('validates the key schema, attribute definitions, name and capacity', async () => {
    const cases: [Partial<CreateTableCommandInput>, string][] = [
      [{ TableName: 'ab' }, "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"],
      [{ TableName: 'bad name' }, "1 validation error detected: Value 'bad name' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"],
      [{ KeySchema: [{ AttributeName: 'placed', KeyType: 'RANGE' }, { AttributeName: 'customer', KeyType: 'HASH' }] },
        'Invalid KeySchema: The first KeySchemaElement is not a HASH key type'],
      [{ KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'customer', KeyType: 'RANGE' }] },
        'Both the Hash Key and the Range Key element in the KeySchema have the same name'],
      [{ AttributeDefinitions: [{ AttributeName: 'customer', AttributeType: 'S' }] },
        'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [customer, placed], AttributeDefinitions: [customer]'],
      [{ AttributeDefinitions: [...ORDERS.AttributeDefinitions!, { AttributeName: 'extra', AttributeType: 'S' }] },
        'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions'],
      [{ ProvisionedThroughput: undefined },
        'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED'],
      [{ BillingMode: 'PAY_PER_REQUEST' },
        'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST'],
    ];
    for (const [change, message] of cases) {
      assertError(await failure(harness.ddb.send(new CreateTableCommand({ ...ORDERS, ...change }))), 'ValidationException', message, 400);
    }
    assert.deepEqual((await harness.ddb.send(new ListTablesCommand({}))).TableNames, []);
  });
});

describe('ListTables', () => {
  it('lists the region\'s tables in name order, a page at a time', async () => {
    const { ddb } = harness;
    for (const name of ['lab-c', 'lab-a', 'lab-b']) await activeTable(ddb, name);
    const far = harness.client('eu-west-1');
    await activeTable(far, 'lab-z');
    assert.deepEqual((await ddb.send(new ListTablesCommand({}))).TableNames, ['lab-a', 'lab-b', 'lab-c']);
    const first = await ddb.send(new ListTablesCommand({ Limit: 2 }));
    assert.deepEqual([first.TableNames, first.LastEvaluatedTableName], [['lab-a', 'lab-b'], 'lab-b']);
    const second = await ddb.send(new ListTablesCommand({ Limit: 2, ExclusiveStartTableName: first.LastEvaluatedTableName }));
    assert.deepEqual([second.TableNames, second.LastEvaluatedTableName], [['lab-c'], undefined]);
    assert.deepEqual((await far.send(new ListTablesCommand({}))).TableNames, ['lab-z']);
    assertError(await failure(ddb.send(new ListTablesCommand({ Limit: 101 }))), 'ValidationException',
      "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100", 400);
  });
});

describe('what the sandbox does not model yet', () => {
  it('refuses it by name instead of ignoring it', async () => {
    const encrypted = await failure(harness.ddb.send(new CreateTableCommand({
      TableName: 'Music',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'Artist', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }],
      SSESpecification: { Enabled: true },
    })));
    assertError(encrypted, 'ValidationException', 'The lab sandbox does not support SSESpecification on CreateTable yet.', 400);
    await activeTable(harness.ddb, 'Music');
    const legacy = await failure(harness.ddb.send(new ScanCommand({ TableName: 'Music', ScanFilter: { Artist: { ComparisonOperator: 'NOT_NULL' } } })));
    assertError(legacy, 'ValidationException', 'The lab sandbox does not support ScanFilter on Scan yet.', 400);
    assert.deepEqual((await harness.ddb.send(new ScanCommand({ TableName: 'Music', ReturnConsumedCapacity: 'NONE' }))).Items, []);
  });
});
