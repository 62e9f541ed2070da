/**
 * Transactions on the sandbox against DynamoDB Local: TransactWriteItems across two tables,
 * all or nothing, cancelled with a reason per action; TransactGetItems; idempotency tokens;
 * ReturnValuesOnConditionCheckFailure on single-item writes too; and what both refuse.
 */
import { describe, test } from 'node:test';
import {
  DeleteItemCommand, GetItemCommand, PutItemCommand, TransactGetItemsCommand, TransactWriteItemsCommand, UpdateItemCommand,
  type AttributeValue, type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { caseOptions, useDifferential, type Divergence } from './dynamodb-reference.js';

const Accounts = 'tx-accounts';
const Ledger = 'tx-ledger';
const ddb = useDifferential({
  tables: [
    {
      TableName: Accounts,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'owner', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [{ IndexName: 'ByOwner', KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    },
    {
      TableName: Ledger,
      KeySchema: [{ AttributeName: 'account', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'account', AttributeType: 'S' }, { AttributeName: 'at', AttributeType: 'N' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
  ],
});

const account = (id: string, balance: number, owner = 'an'): Record<string, AttributeValue> => ({ id: { S: id }, balance: { N: String(balance) }, owner: { S: owner } });
const key = (id: string) => ({ id: { S: id } });

/** Moves `amount` from one account to another and records it, if the source can pay. */
function transfer(from: string, to: string, amount: number, at: number): TransactWriteItem[] {
  const value = { ':n': { N: String(amount) } };
  return [
    { Update: { TableName: Accounts, Key: key(from), UpdateExpression: 'SET balance = balance - :n', ConditionExpression: 'balance >= :n', ExpressionAttributeValues: value, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
    { Update: { TableName: Accounts, Key: key(to), UpdateExpression: 'SET balance = balance + :n', ConditionExpression: 'attribute_exists(id)', ExpressionAttributeValues: value } },
    { Put: { TableName: Ledger, Item: { account: { S: from }, at: { N: String(at) }, amount: { N: String(-amount) } }, ConditionExpression: 'attribute_not_exists(account)' } },
  ];
}

async function balances(...ids: string[]): Promise<void> {
  await ddb.same(new TransactGetItemsCommand({ TransactItems: ids.map((id) => ({ Get: { TableName: Accounts, Key: key(id) } })), ReturnConsumedCapacity: 'TOTAL' }));
}

describe('TransactWriteItems', () => {
  test('a transfer commits every action, and reports capacity per table and index', async () => {
    await ddb.same(new PutItemCommand({ TableName: Accounts, Item: account('a1', 100) }));
    await ddb.same(new PutItemCommand({ TableName: Accounts, Item: account('a2', 5, 'bình') }));
    await ddb.same(new TransactWriteItemsCommand({ TransactItems: transfer('a1', 'a2', 30, 1) }));
    await balances('a1', 'a2', 'nobody');
    await ddb.same(new GetItemCommand({ TableName: Ledger, Key: { account: { S: 'a1' }, at: { N: '1' } } }));
  });

  // One write a table: DynamoDB Local charges two writes to one table in a transaction as one
  // transactional write (2 units), where AWS charges 2 units for each.
  test('capacity per table and index, transactional writes costing double', async () => {
    await ddb.same(new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: Accounts, Item: { ...account('a3', 1, 'chi'), note: { S: 'n'.repeat(1500) } } } },
        { Put: { TableName: Ledger, Item: { account: { S: 'a3' }, at: { N: '0' }, amount: { N: '1' } } } },
      ],
      ReturnConsumedCapacity: 'INDEXES',
    }));
  });

  test('a failed condition cancels all, with one reason per action', async () => {
    await ddb.same(new PutItemCommand({ TableName: Accounts, Item: account('b1', 10) }));
    await ddb.same(new PutItemCommand({ TableName: Accounts, Item: account('b2', 0) }));
    await ddb.same(new TransactWriteItemsCommand({ TransactItems: transfer('b1', 'b2', 50, 1), ReturnConsumedCapacity: 'TOTAL' }));
    await ddb.same(new TransactWriteItemsCommand({ TransactItems: transfer('b1', 'missing', 5, 2) }));
    await balances('b1', 'b2', 'missing');
  });

  test('ConditionCheck and Delete', async () => {
    await ddb.same(new PutItemCommand({ TableName: Accounts, Item: account('c1', 1) }));
    await ddb.same(new PutItemCommand({ TableName: Accounts, Item: account('c2', 2) }));
    const closeC2 = (needed: number): TransactWriteItem[] => [
      { ConditionCheck: { TableName: Accounts, Key: key('c1'), ConditionExpression: 'balance >= :n', ExpressionAttributeValues: { ':n': { N: String(needed) } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
      { Delete: { TableName: Accounts, Key: key('c2'), ConditionExpression: 'attribute_exists(id)' } },
    ];
    await ddb.same(new TransactWriteItemsCommand({ TransactItems: closeC2(5) }));
    await ddb.same(new TransactWriteItemsCommand({ TransactItems: closeC2(1), ReturnConsumedCapacity: 'TOTAL' }));
    await balances('c1', 'c2');
  });

  test('a client request token makes a retry idempotent', async () => {
    await ddb.same(new PutItemCommand({ TableName: Accounts, Item: account('d1', 100) }));
    await ddb.same(new PutItemCommand({ TableName: Accounts, Item: account('d2', 0) }));
    const input = { TransactItems: transfer('d1', 'd2', 10, 7), ClientRequestToken: 'transfer-d1-d2-7' };
    await ddb.same(new TransactWriteItemsCommand(input));
    await ddb.same(new TransactWriteItemsCommand(input));
    await balances('d1', 'd2');
    await ddb.refusedAlike(new TransactWriteItemsCommand({ ...input, TransactItems: transfer('d1', 'd2', 20, 8) }),
      'DynamoDB Local says "UnknownError"; AWS: "DynamoDB rejected the request because you retried a request with a different payload but with an idempotent token that was already used."');
  });
});

describe('ReturnValuesOnConditionCheckFailure on single-item writes', () => {
  for (const returned of ['ALL_OLD', 'NONE'] as const) {
    test(returned, async () => {
      await ddb.same(new PutItemCommand({ TableName: Accounts, Item: account('e1', 3) }));
      const failing = { ConditionExpression: 'balance > :n', ExpressionAttributeValues: { ':n': { N: '99' } }, ReturnValuesOnConditionCheckFailure: returned };
      await ddb.same(new PutItemCommand({ TableName: Accounts, Item: account('e1', 4), ...failing }));
      await ddb.same(new UpdateItemCommand({ TableName: Accounts, Key: key('e1'), UpdateExpression: 'SET balance = :n', ...failing }));
      await ddb.same(new DeleteItemCommand({ TableName: Accounts, Key: key('e1'), ...failing }));
    });
  }
});

const MISSING_TABLE: Divergence = { localWording: 'AWS: "Requested resource not found"' };

describe('transactions refused', () => {
  const refusals: [string, { input: unknown }, Divergence?][] = [
    ['two actions on one item', new TransactWriteItemsCommand({ TransactItems: [
      { Put: { TableName: Accounts, Item: account('f1', 1) } },
      { Update: { TableName: Accounts, Key: key('f1'), UpdateExpression: 'SET balance = :n', ExpressionAttributeValues: { ':n': { N: '2' } } } },
    ] })],
    ['101 actions', new TransactWriteItemsCommand({ TransactItems: Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: Accounts, Item: account(`g${i}`, i) } })) })],
    ['no actions', new TransactWriteItemsCommand({ TransactItems: [] }), { localWording: 'AWS: "1 validation error detected: Value \'[]\' at \'transactItems\' failed to satisfy constraint: ..."' }],
    ['an action naming two operations', new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: Accounts, Item: account('h1', 1) }, Delete: { TableName: Accounts, Key: key('h1') } }] })],
    ['a table that does not exist', new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'tx-missing', Item: account('i1', 1) } }] }), MISSING_TABLE],
    ['an update expression that does not parse', new TransactWriteItemsCommand({ TransactItems: [{ Update: { TableName: Accounts, Key: key('j1'), UpdateExpression: 'SET = 1' } }] })],
    ['a get of a table that does not exist', new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'tx-missing', Key: key('k1') } }] }), MISSING_TABLE],
    ['two gets of one item', new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: Accounts, Key: key('a1') } }, { Get: { TableName: Accounts, Key: key('a1') } }] })],
  ];
  for (const [what, command, divergence] of refusals) {
    test(what, caseOptions(divergence), async () => {
      await ddb.compare(command, divergence);
      await ddb.same(new GetItemCommand({ TableName: Accounts, Key: key('f1') }));
    });
  }
});
