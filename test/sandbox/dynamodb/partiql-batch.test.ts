/**
 * BatchExecuteStatement through the real DynamoDBClient: single-item reads, independent
 * writes each answering its own error, and the batch-wide refusals.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BatchExecuteStatementCommand, ExecuteStatementCommand, GetItemCommand, type BatchStatementRequest } from '@aws-sdk/client-dynamodb';
import { assertError, failure } from '../../support/aws-errors.js';
import { activeTable, useSandbox } from './harness.js';

const harness = useSandbox();

const batch = (Statements: BatchStatementRequest[], ReturnConsumedCapacity?: 'TOTAL') =>
  harness.ddb.send(new BatchExecuteStatementCommand({ Statements, ...(ReturnConsumedCapacity ? { ReturnConsumedCapacity } : {}) }));

async function players(): Promise<void> {
  await activeTable(harness.ddb, 'lab-players');
  for (const [pk, score] of [['ana', 10], ['dee', 4]] as const) {
    await harness.ddb.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "lab-players" VALUE {'pk': ?, 'score': ?}`, Parameters: [{ S: pk }, { N: String(score) }] }));
  }
}


describe('BatchExecuteStatement', () => {
  it('reads single items, an absent one answering only its table', async () => {
    await players();
    const { Responses, ConsumedCapacity } = await batch([
      { Statement: 'SELECT score FROM "lab-players" WHERE pk = ?', Parameters: [{ S: 'ana' }] },
      { Statement: `SELECT * FROM "lab-players" WHERE pk = 'bo'` },
      { Statement: `SELECT * FROM "lab-players" WHERE score > 1` },
      { Statement: `SELECT * FROM "nope" WHERE pk = 'x'` },
    ], 'TOTAL');
    assert.deepEqual(Responses, [
      { TableName: 'lab-players', Item: { score: { N: '10' } } },
      { TableName: 'lab-players' },
      { TableName: 'lab-players', Error: { Code: 'ValidationError', Message: 'Only single item select is supported' } },
      { Error: { Code: 'ResourceNotFound', Message: 'Requested resource not found' } },
    ]);
    assert.deepEqual(ConsumedCapacity, [{ TableName: 'lab-players', CapacityUnits: 1 }]);
  });

  it('runs each write alone: a failed one answers its error, the others are applied', async () => {
    await players();
    const { Responses } = await batch([
      { Statement: `INSERT INTO "lab-players" VALUE {'pk': 'dee'}` },
      { Statement: `UPDATE "lab-players" SET score = 0 WHERE pk = 'ana' AND score = 99`, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
      { Statement: `INSERT INTO "lab-players" VALUE {'pk': 'bo', 'score': 3}` },
      { Statement: 'SELEC' },
    ]);
    assert.deepEqual(Responses, [
      { TableName: 'lab-players', Error: { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' } },
      {
        TableName: 'lab-players',
        Error: { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 'ana' }, score: { N: '10' } } },
      },
      { TableName: 'lab-players' },
      { Error: { Code: 'ValidationError', Message: "Statement wasn't well formed, can't be processed: SELEC" } },
    ]);
    const { Item } = await harness.ddb.send(new GetItemCommand({ TableName: 'lab-players', Key: { pk: { S: 'bo' } } }));
    assert.deepEqual(Item, { pk: { S: 'bo' }, score: { N: '3' } });
  });

  it('refuses reads mixed with writes, and two statements on one item', async () => {
    await players();
    assertError(await failure(batch([
      { Statement: `INSERT INTO "lab-players" VALUE {'pk': 'cy'}` }, { Statement: `SELECT * FROM "lab-players" WHERE pk = 'ana'` },
    ])), 'ValidationException', 'Read and write requests together in the same batch is not supported.', 400);
    assertError(await failure(batch([
      { Statement: `DELETE FROM "lab-players" WHERE pk = 'ana'` }, { Statement: `UPDATE "lab-players" SET x = 1 WHERE pk = 'ana'` },
    ])), 'ValidationException', 'Provided list of item keys contains duplicates', 400);
  });
});
