/**
 * DynamoDB's table operations on the sandbox against DynamoDB Local: what a table looks like
 * once created, and how malformed CreateTable calls are refused.
 */
import { describe, test } from 'node:test';
import {
  CreateTableCommand, DeleteTableCommand, DescribeTableCommand, ListTablesCommand, type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { useDifferential } from './dynamodb-reference.js';

const ddb = useDifferential();

const keyed = (TableName: string): CreateTableCommandInput => ({
  TableName,
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
  BillingMode: 'PAY_PER_REQUEST',
});

// DynamoDB Local words its control-plane refusals its own way (AWS: "Requested resource not
// found: Table: <name> not found", "1 validation error detected: ..."), so these compare the
// error only by name; the sandbox's own tests pin AWS's wording.
const LOCAL_WORDING = 'DynamoDB Local words control-plane errors its own way';

describe('a created table', () => {
  test('on demand, described', async () => {
    await ddb.table(keyed('tables-on-demand'));
    await ddb.same(new DescribeTableCommand({ TableName: 'tables-on-demand' }));
  });

  test('provisioned, described', async () => {
    await ddb.table({
      TableName: 'tables-provisioned',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'B' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
    });
    await ddb.same(new DescribeTableCommand({ TableName: 'tables-provisioned' }));
  });

  test('listed, paged by Limit', async () => {
    await ddb.table(keyed('tables-list-a'));
    await ddb.table(keyed('tables-list-b'));
    await ddb.same(new ListTablesCommand({ ExclusiveStartTableName: 'tables-list', Limit: 1 }));
    await ddb.same(new ListTablesCommand({ ExclusiveStartTableName: 'tables-list-a', Limit: 1 }));
  });

  test('created twice', async () => {
    await ddb.table(keyed('tables-twice'));
    await ddb.refusedAlike(new CreateTableCommand(keyed('tables-twice')), LOCAL_WORDING);
  });

  test('deleted, then gone', async () => {
    await ddb.table(keyed('tables-deleted'));
    await ddb.sameTransition(new DeleteTableCommand({ TableName: 'tables-deleted' }), 'DELETING');
  });
});

describe('a table that does not exist', () => {
  test('described', () => ddb.refusedAlike(new DescribeTableCommand({ TableName: 'tables-missing' }), LOCAL_WORDING));
  test('deleted', () => ddb.refusedAlike(new DeleteTableCommand({ TableName: 'tables-missing' }), LOCAL_WORDING));
});

describe('CreateTable refused', () => {
  const refusals: [string, CreateTableCommandInput][] = [
    ['a name too short', { ...keyed('ab') }],
    ['a name with a bad character', { ...keyed('bad name!') }],
    ['no HASH key first', { ...keyed('tables-range-first'), KeySchema: [{ AttributeName: 'sk', KeyType: 'RANGE' }, { AttributeName: 'pk', KeyType: 'HASH' }] }],
    ['a key not defined', { ...keyed('tables-undefined-key'), AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }],
    ['an attribute defined but not a key', { ...keyed('tables-extra-definition'), AttributeDefinitions: [...keyed('x').AttributeDefinitions!, { AttributeName: 'other', AttributeType: 'S' }] }],
    ['provisioned without throughput', { ...keyed('tables-no-throughput'), BillingMode: 'PROVISIONED' }],
    ['zero read capacity', { ...keyed('tables-zero'), BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 1 } }],
    ['the same name for both keys', { ...keyed('tables-same-keys'), KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'pk', KeyType: 'RANGE' }] }],
  ];
  for (const [what, input] of refusals) {
    test(what, () => ddb.refusedAlike(new CreateTableCommand(input), LOCAL_WORDING));
  }
});
