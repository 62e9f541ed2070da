/**
 * TransactWriteItems and TransactGetItems through the real DynamoDBClient: all or nothing,
 * cancellation reasons in request order (with the old item when asked), one action per
 * item, idempotency by ClientRequestToken, and AWS's messages.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GetItemCommand, PutItemCommand, TransactGetItemsCommand, TransactWriteItemsCommand, TransactionCanceledException,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { assertError, failure } from '../../support/aws-errors.js';
import { activeTable, useSandbox } from './harness.js';

const harness = useSandbox();

const get = async (TableName: string, pk: string) =>
  (await harness.ddb.send(new GetItemCommand({ TableName, Key: { pk: { S: pk } } }))).Item;

/** Two tables: an account with a balance of 100 and a binary attribute, and an empty ledger. */
async function accounts(): Promise<void> {
  await activeTable(harness.ddb, 'lab-accounts');
  await activeTable(harness.ddb, 'lab-ledger');
  await harness.ddb.send(new PutItemCommand({
    TableName: 'lab-accounts', Item: { pk: { S: 'alice' }, balance: { N: '100' }, avatar: { B: new Uint8Array([0, 1, 255]) } },
  }));
}

const transfer = (amount: number, token?: string): TransactWriteItem[] => [
  {
    Update: {
      TableName: 'lab-accounts', Key: { pk: { S: 'alice' } },
      UpdateExpression: 'SET balance = balance - :amount', ConditionExpression: 'balance >= :amount',
      ExpressionAttributeValues: { ':amount': { N: String(amount) } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  },
  { Put: { TableName: 'lab-ledger', Item: { pk: { S: token ?? `t-${amount}` }, amount: { N: String(amount) } } } },
];

describe('TransactWriteItems', () => {
  it('applies every action when every condition holds', async () => {
    await accounts();
    await harness.ddb.send(new TransactWriteItemsCommand({
      TransactItems: [
        ...transfer(30),
        { ConditionCheck: { TableName: 'lab-ledger', Key: { pk: { S: 'never-written' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Delete: { TableName: 'lab-ledger', Key: { pk: { S: 'also-never-written' } } } },
      ],
    }));
    assert.deepEqual((await get('lab-accounts', 'alice'))?.balance, { N: '70' });
    assert.deepEqual(await get('lab-ledger', 't-30'), { pk: { S: 't-30' }, amount: { N: '30' } });
  });

  it('applies nothing when one condition fails, and gives one reason per action with the old item', async () => {
    await accounts();
    const error = await failure(harness.ddb.send(new TransactWriteItemsCommand({ TransactItems: transfer(500) })));
    assertError(error, 'TransactionCanceledException',
      'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]', 400);
    assert.ok(error instanceof TransactionCanceledException);
    assert.deepEqual(error.CancellationReasons, [
      {
        Code: 'ConditionalCheckFailed', Message: 'The conditional request failed',
        Item: { pk: { S: 'alice' }, balance: { N: '100' }, avatar: { B: new Uint8Array([0, 1, 255]) } },
      },
      { Code: 'None' },
    ]);
    assert.deepEqual((await get('lab-accounts', 'alice'))?.balance, { N: '100' });
    assert.equal(await get('lab-ledger', 't-500'), undefined);
  });

  it('words a failed ConditionCheck with a period, as AWS does', async () => {
    await accounts();
    const error = await failure(harness.ddb.send(new TransactWriteItemsCommand({
      TransactItems: [{ ConditionCheck: { TableName: 'lab-accounts', Key: { pk: { S: 'alice' } }, ConditionExpression: 'attribute_not_exists(pk)' } }],
    })));
    assert.ok(error instanceof TransactionCanceledException);
    assert.deepEqual(error.CancellationReasons, [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed.' }]);
  });

  it('reports an update of a key attribute as that action\'s ValidationError', async () => {
    await accounts();
    const error = await failure(harness.ddb.send(new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: 'lab-ledger', Item: { pk: { S: 'x' } } } },
        { Update: { TableName: 'lab-accounts', Key: { pk: { S: 'alice' } }, UpdateExpression: 'SET pk = :v', ExpressionAttributeValues: { ':v': { S: 'bob' } } } },
      ],
    })));
    assert.ok(error instanceof TransactionCanceledException);
    assert.equal(error.message, 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]');
    assert.deepEqual(error.CancellationReasons?.[1],
      { Code: 'ValidationError', Message: 'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key' });
    assert.equal(await get('lab-ledger', 'x'), undefined);
  });

  it('refuses two actions on one item, an action with two members, and more than 100 actions', async () => {
    await accounts();
    const alice = { TableName: 'lab-accounts', Key: { pk: { S: 'alice' } } };
    assertError(await failure(harness.ddb.send(new TransactWriteItemsCommand({
      TransactItems: [{ Delete: alice }, { ConditionCheck: { ...alice, ConditionExpression: 'attribute_exists(pk)' } }],
    }))), 'ValidationException', 'Transaction request cannot include multiple operations on one item', 400);
    assertError(await failure(harness.ddb.send(new TransactWriteItemsCommand({
      TransactItems: [{ Delete: alice, Put: { TableName: 'lab-ledger', Item: { pk: { S: 'x' } } } }],
    }))), 'ValidationException', 'TransactItems can only contain one of Check, Put, Update or Delete', 400);
    const many = Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: 'lab-ledger', Item: { pk: { S: `k${i}` } } } }));
    assertError(await failure(harness.ddb.send(new TransactWriteItemsCommand({ TransactItems: many }))),
      'ValidationException', 'Member must have length less than or equal to 100', 400);
    assertError(await failure(harness.ddb.send(new TransactWriteItemsCommand({ TransactItems: [{ Delete: { ...alice, TableName: 'nope' } }] }))),
      'ResourceNotFoundException', 'Requested resource not found', 400);
  });

  it('answers a retried token without applying it twice, and refuses the token with other parameters', async () => {
    await accounts();
    await harness.ddb.send(new TransactWriteItemsCommand({ TransactItems: transfer(10, 'once'), ClientRequestToken: 'tok-1' }));
    await harness.ddb.send(new TransactWriteItemsCommand({ TransactItems: transfer(10, 'once'), ClientRequestToken: 'tok-1' }));
    assert.deepEqual((await get('lab-accounts', 'alice'))?.balance, { N: '90' });
    assertError(await failure(harness.ddb.send(new TransactWriteItemsCommand({ TransactItems: transfer(20), ClientRequestToken: 'tok-1' }))),
      'IdempotentParameterMismatchException',
      'DynamoDB rejected the request because you retried a request with a different payload but with an idempotent token that was already used.', 400);
  });

  it('lets a cancelled transaction be retried with its token', async () => {
    await accounts();
    await failure(harness.ddb.send(new TransactWriteItemsCommand({ TransactItems: transfer(150), ClientRequestToken: 'tok-2' })));
    await harness.ddb.send(new PutItemCommand({ TableName: 'lab-accounts', Item: { pk: { S: 'alice' }, balance: { N: '200' } } }));
    await harness.ddb.send(new TransactWriteItemsCommand({ TransactItems: transfer(150), ClientRequestToken: 'tok-2' }));
    assert.deepEqual((await get('lab-accounts', 'alice'))?.balance, { N: '50' });
  });
});

describe('ReturnConsumedCapacity on transactions', () => {
  it('charges twice the units of a plain write or strong read, per table in request order', async () => {
    await accounts();
    await harness.ddb.send(new PutItemCommand({ TableName: 'lab-ledger', Item: { pk: { S: 'big' }, text: { S: 'x'.repeat(5000) } } }));
    const written = await harness.ddb.send(new TransactWriteItemsCommand({
      ReturnConsumedCapacity: 'INDEXES',
      TransactItems: [
        { ConditionCheck: { TableName: 'lab-ledger', Key: { pk: { S: 'big' } }, ConditionExpression: 'attribute_exists(pk)' } },
        { Put: { TableName: 'lab-accounts', Item: { pk: { S: 'bob' } } } },
        { Delete: { TableName: 'lab-ledger', Key: { pk: { S: 'nothing' } } } },
      ],
    }));
    // The 5 KB check is two 4 KB reads, doubled; deleting nothing costs one unit.
    assert.deepEqual(written.ConsumedCapacity, [
      { TableName: 'lab-ledger', CapacityUnits: 5, Table: { CapacityUnits: 5 } },
      { TableName: 'lab-accounts', CapacityUnits: 2, Table: { CapacityUnits: 2 } },
    ]);
    const read = await harness.ddb.send(new TransactGetItemsCommand({
      ReturnConsumedCapacity: 'TOTAL',
      TransactItems: [{ Get: { TableName: 'lab-ledger', Key: { pk: { S: 'big' } } } }, { Get: { TableName: 'lab-ledger', Key: { pk: { S: 'missing' } } } }],
    }));
    assert.deepEqual(read.ConsumedCapacity, [{ TableName: 'lab-ledger', CapacityUnits: 6 }]);
  });
});

describe('TransactGetItems', () => {
  it('reads items across tables in request order, an empty response for a missing one, with projection', async () => {
    await accounts();
    await harness.ddb.send(new PutItemCommand({ TableName: 'lab-ledger', Item: { pk: { S: 't-1' }, amount: { N: '1' } } }));
    const { Responses } = await harness.ddb.send(new TransactGetItemsCommand({
      TransactItems: [
        { Get: { TableName: 'lab-accounts', Key: { pk: { S: 'alice' } }, ProjectionExpression: '#b', ExpressionAttributeNames: { '#b': 'balance' } } },
        { Get: { TableName: 'lab-ledger', Key: { pk: { S: 'missing' } } } },
        { Get: { TableName: 'lab-ledger', Key: { pk: { S: 't-1' } } } },
      ],
    }));
    assert.deepEqual(Responses, [{ Item: { balance: { N: '100' } } }, {}, { Item: { pk: { S: 't-1' }, amount: { N: '1' } } }]);
  });

  it('refuses the same item twice', async () => {
    await accounts();
    const alice = { Get: { TableName: 'lab-accounts', Key: { pk: { S: 'alice' } } } };
    assertError(await failure(harness.ddb.send(new TransactGetItemsCommand({ TransactItems: [alice, alice] }))),
      'ValidationException', 'Transaction request cannot include multiple operations on one item', 400);
  });
});
