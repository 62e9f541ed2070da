/**
 * ExecuteStatement (PartiQL) through the real DynamoDBClient: INSERT, SELECT with WHERE,
 * projections, parameters and pages, UPDATE and DELETE by key, and DynamoDB's messages.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExecuteStatementCommand, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { assertError, failure } from '../../support/aws-errors.js';
import { activeTable, useSandbox } from './harness.js';

const harness = useSandbox();

const run = (Statement: string, Parameters?: AttributeValue[], more: { Limit?: number; NextToken?: string } = {}) =>
  harness.ddb.send(new ExecuteStatementCommand({ Statement, ...(Parameters ? { Parameters } : {}), ...more }));

/** lab-songs: pk (S) artist, sk (N) track, three songs. */
async function songs(): Promise<void> {
  await activeTable(harness.ddb, 'lab-songs', 'N');
  await run(`INSERT INTO "lab-songs" VALUE {'pk': 'Queen', 'sk': 1, 'title': 'Bohemian Rhapsody', 'year': 1975, 'tags': <<'rock', 'opera'>>}`);
  await run(`INSERT INTO "lab-songs" VALUE {'pk': 'Queen', 'sk': 2, 'title': 'Love of My Life', 'year': 1975, 'meta': {'live': true, 'takes': [3, 'x', null]}}`);
  await run('INSERT INTO "lab-songs" VALUE {\'pk\': ?, \'sk\': ?, \'title\': ?}', [{ S: 'Abba' }, { N: '1' }, { S: 'Waterloo' }]);
}

const titles = (items: Record<string, AttributeValue>[] | undefined) => items?.map((item) => item.title?.S);

describe('ExecuteStatement SELECT', () => {
  it('reads the whole table in key order, and every literal type INSERT wrote', async () => {
    await songs();
    const { Items } = await run('SELECT * FROM "lab-songs"');
    assert.deepEqual(titles(Items), ['Waterloo', 'Bohemian Rhapsody', 'Love of My Life']);
    assert.deepEqual(Items?.[1]?.tags, { SS: ['rock', 'opera'] });
    assert.deepEqual(Items?.[2]?.meta, { M: { live: { BOOL: true }, takes: { L: [{ N: '3' }, { S: 'x' }, { NULL: true }] } } });
  });

  it('filters with comparisons, BETWEEN, IN, begins_with, IS MISSING, AND, OR and NOT', async () => {
    await songs();
    const where = async (condition: string, parameters?: AttributeValue[]) =>
      titles((await run(`SELECT * FROM "lab-songs" WHERE ${condition}`, parameters)).Items);
    assert.deepEqual(await where("pk = 'Queen' AND sk >= 2"), ['Love of My Life']);
    assert.deepEqual(await where('sk BETWEEN 1 AND 1'), ['Waterloo', 'Bohemian Rhapsody']);
    assert.deepEqual(await where("pk IN ['Abba', 'Nobody']"), ['Waterloo']);
    assert.deepEqual(await where("begins_with(title, 'Lo') OR year < 1970"), ['Love of My Life']);
    assert.deepEqual(await where('year IS MISSING'), ['Waterloo']);
    assert.deepEqual(await where('attribute_exists(meta.live) AND NOT sk <> 2'), ['Love of My Life']);
    assert.deepEqual(await where('pk = ? AND sk != ?', [{ S: 'Queen' }, { N: '1' }]), ['Love of My Life']);
  });

  it('projects attributes, naming a nested one after its last name', async () => {
    await songs();
    const { Items } = await run(`SELECT title, meta.live, meta.takes[1] FROM "lab-songs" WHERE pk = 'Queen' AND sk = 2`);
    assert.deepEqual(Items, [{ title: { S: 'Love of My Life' }, live: { BOOL: true }, 'takes[1]': { S: 'x' } }]);
  });

  it('pages by Limit items evaluated, continuing from NextToken', async () => {
    await songs();
    const first = await run('SELECT title FROM "lab-songs" WHERE year = 1975', undefined, { Limit: 2 });
    assert.deepEqual(titles(first.Items), ['Bohemian Rhapsody']);
    assert.ok(first.NextToken);
    const second = await run('SELECT title FROM "lab-songs" WHERE year = 1975', undefined, { Limit: 2, NextToken: first.NextToken });
    assert.deepEqual(titles(second.Items), ['Love of My Life']);
    assert.equal(second.NextToken, undefined);
  });
});

describe('ExecuteStatement reads of one partition', () => {
  it('reads only the partition a WHERE fixes, so Limit counts its items alone, and reports capacity', async () => {
    await songs();
    const page = await harness.ddb.send(new ExecuteStatementCommand({
      Statement: `SELECT title FROM "lab-songs" WHERE pk = 'Queen'`, Limit: 1, ReturnConsumedCapacity: 'TOTAL',
    }));
    assert.deepEqual(titles(page.Items), ['Bohemian Rhapsody']);
    assert.ok(page.NextToken);
    assert.deepEqual(page.ConsumedCapacity, { TableName: 'lab-songs', CapacityUnits: 0.5 });
  });
});

describe('ExecuteStatement INSERT, UPDATE, DELETE', () => {
  const song = async (pk: string, sk: number) =>
    (await harness.ddb.send(new GetItemCommand({ TableName: 'lab-songs', Key: { pk: { S: pk }, sk: { N: String(sk) } } }))).Item;

  it('refuses to INSERT over an existing key, or without the whole key', async () => {
    await songs();
    assertError(await failure(run(`INSERT INTO "lab-songs" VALUE {'pk': 'Abba', 'sk': 1}`)),
      'DuplicateItemException', 'Duplicate primary key exists in table', 400);
    assertError(await failure(run(`INSERT INTO "lab-songs" VALUE {'pk': 'Abba'}`)),
      'ValidationException', 'Key attribute should be present in the item: Key sk', 400);
  });

  it('UPDATEs one item by its key: SET with arithmetic and list_append, REMOVE, and a condition', async () => {
    await songs();
    const result = await run(`UPDATE "lab-songs" SET year = year + 1, plays = 10 SET meta.takes = list_append(meta.takes, [4]) REMOVE meta.live WHERE pk = 'Queen' AND sk = 2 AND year = 1975`);
    assert.deepEqual(result.Items, []);
    const item = await song('Queen', 2);
    assert.deepEqual(item?.year, { N: '1976' });
    assert.deepEqual(item?.plays, { N: '10' });
    assert.deepEqual(item?.meta, { M: { takes: { L: [{ N: '3' }, { S: 'x' }, { NULL: true }, { N: '4' }] } } });

    assertError(await failure(run(`UPDATE "lab-songs" SET plays = 0 WHERE pk = 'Queen' AND sk = 2 AND year = 1975`)),
      'ConditionalCheckFailedException', 'The conditional request failed', 400);
    assertError(await failure(run(`UPDATE "lab-songs" SET plays = 0 WHERE pk = 'Nobody' AND sk = 1`)),
      'ConditionalCheckFailedException', 'The conditional request failed', 400);
    assertError(await failure(run(`UPDATE "lab-songs" SET plays = 0 WHERE pk = 'Queen'`)),
      'ValidationException', 'Where clause does not contain a mandatory equality on all key attributes', 400);
    assertError(await failure(run(`UPDATE "lab-songs" SET pk = 'Abba' WHERE pk = 'Queen' AND sk = 2`)),
      'ValidationException', 'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key', 400);
  });

  it('DELETEs one item by its key; a missing item is no error', async () => {
    await songs();
    await run(`DELETE FROM "lab-songs" WHERE pk = 'Abba' AND sk = 1`);
    assert.equal(await song('Abba', 1), undefined);
    await run(`DELETE FROM "lab-songs" WHERE pk = 'Abba' AND sk = 1`);
    assertError(await failure(run(`DELETE FROM "lab-songs" WHERE pk = 'Queen' AND sk = 1 AND year = 2000`)),
      'ConditionalCheckFailedException', 'The conditional request failed', 400);
  });
});

describe('ExecuteStatement errors', () => {
  it('names malformed statements, parameter counts, missing tables and indexes as DynamoDB does', async () => {
    await songs();
    for (const statement of ['SELECT * FROM "lab-songs" WHERE', 'SELEC * FROM "lab-songs"', `SELECT * FROM "lab-songs" WHERE pk = 'a' extra`]) {
      assertError(await failure(run(statement)), 'ValidationException', `Statement wasn't well formed, can't be processed: ${statement}`, 400);
    }
    assertError(await failure(run('SELECT * FROM "lab-songs" WHERE pk = ?')),
      'ValidationException', "Number of parameters in request and statement don't match.", 400);
    assertError(await failure(run('SELECT * FROM "lab-songs"', [{ S: 'extra' }])),
      'ValidationException', "Number of parameters in request and statement don't match.", 400);
    assertError(await failure(run('SELECT * FROM "nope"')), 'ResourceNotFoundException', 'Requested resource not found', 400);
    assertError(await failure(run('SELECT * FROM "lab-songs"."by-year"')),
      'ValidationException', 'The table does not have the specified index: by-year', 400);
  });
});
