/** KeyConditionExpression: what a Query may seek on, in DynamoDB's words when it may not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  evaluateCondition,
  ExpressionAttributes,
  parseKeyCondition,
  type AttributeValue,
  type KeyConditions,
  type KeySchema,
} from '../../../../src/sandbox/services/dynamodb/expressions/index.js';
import { assertValidation } from './harness.js';

const music: KeySchema = { partitionKey: { name: 'Artist', type: 'S' }, sortKey: { name: 'SongTitle', type: 'S' } };
const values: Record<string, AttributeValue> = { ':a': { S: 'Acme' }, ':b': { S: 'B' }, ':c': { S: 'C' }, ':n': { N: '1' } };

function keyCondition(expression: string, schema = music, names?: Record<string, string>): KeyConditions {
  const used = Object.fromEntries(Object.entries(values).filter(([k]) => new RegExp(`${k}\\b`).test(expression)));
  const attributes = new ExpressionAttributes(names, Object.keys(used).length ? used : undefined);
  const result = parseKeyCondition(expression, attributes, schema);
  attributes.assertAllUsed();
  return result;
}

describe('parseKeyCondition', () => {
  it('finds the partition key value alone', () => {
    const result = keyCondition('Artist = :a');
    assert.deepEqual(result.partitionKey, { name: 'Artist', value: { S: 'Acme' } });
    assert.equal(result.sortKey, undefined);
  });

  it('finds each sort key operator, in either order of the two conditions', () => {
    for (const op of ['=', '<', '<=', '>', '>='] as const) {
      assert.deepEqual(keyCondition(`SongTitle ${op} :b AND Artist = :a`).sortKey, { name: 'SongTitle', condition: { op, value: { S: 'B' } } });
    }
    assert.deepEqual(keyCondition('Artist = :a AND SongTitle BETWEEN :b AND :c').sortKey, {
      name: 'SongTitle',
      condition: { op: 'BETWEEN', low: { S: 'B' }, high: { S: 'C' } },
    });
    assert.deepEqual(keyCondition('Artist = :a and begins_with(#s, :b)', music, { '#s': 'SongTitle' }).sortKey, {
      name: 'SongTitle',
      condition: { op: 'begins_with', prefix: { S: 'B' } },
    });
  });

  it('turns a value-first comparison around', () => {
    assert.deepEqual(keyCondition(':a = Artist AND :b < SongTitle').sortKey, { name: 'SongTitle', condition: { op: '>', value: { S: 'B' } } });
  });

  it('returns the condition for matching candidate items', () => {
    const { condition } = keyCondition('Artist = :a AND SongTitle BETWEEN :b AND :c');
    assert.equal(evaluateCondition(condition, { Artist: { S: 'Acme' }, SongTitle: { S: 'Bee' } }), true);
    assert.equal(evaluateCondition(condition, { Artist: { S: 'Acme' }, SongTitle: { S: 'Dee' } }), false);
  });
});

describe('refusals', () => {
  it('refuses operators a Query cannot seek with', () => {
    for (const [expression, operator] of [
      ['Artist = :a OR SongTitle = :b', 'OR'],
      ['NOT Artist = :a', 'NOT'],
      ['Artist IN (:a, :b)', 'IN'],
      ['Artist <> :a', '<>'],
      ['attribute_exists(Artist)', 'attribute_exists'],
      ['attribute_not_exists(Artist)', 'attribute_not_exists'],
      ['contains(Artist, :a)', 'contains'],
    ]) {
      assertValidation(() => keyCondition(expression!), `Invalid operator used in KeyConditionExpression: ${operator}`);
    }
  });

  it('refuses conditions that are not one key against values', () => {
    assertValidation(() => keyCondition(':a BETWEEN :b AND :c'), 'Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand');
    assertValidation(() => keyCondition('size(Artist) > :n'), 'KeyConditionExpressions cannot contain nested operations');
    assertValidation(() => keyCondition('Artist = :a AND SongTitle BETWEEN size(SongTitle) AND :c'), 'KeyConditionExpressions cannot contain nested operations');
    assertValidation(() => keyCondition('Artist = SongTitle'), 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
    assertValidation(() => keyCondition('Artist.x = :a'), 'KeyConditionExpressions cannot have conditions on nested attributes');
    assertValidation(() => keyCondition('Artist[0] = :a'), 'KeyConditionExpressions cannot have conditions on nested attributes');
    assertValidation(() => keyCondition(':a = :b'), 'Invalid condition in KeyConditionExpression: No key attribute specified');
  });

  it('refuses two conditions on one key, and more than two conditions', () => {
    assertValidation(() => keyCondition('Artist = :a AND Artist = :b'), 'KeyConditionExpressions must only contain one condition per key');
    assertValidation(() => keyCondition('Artist = :a AND SongTitle > :b AND Genre = :c'), 'Conditions can be of length 1 or 2 only');
  });

  it('requires = on the partition key and a sort key for anything else', () => {
    assertValidation(() => keyCondition('SongTitle = :b'), 'Query condition missed key schema element: Artist');
    assertValidation(() => keyCondition('Artist > :a'), 'Query key condition not supported');
    assertValidation(() => keyCondition('begins_with(Artist, :a)'), 'Query key condition not supported');
    assertValidation(() => keyCondition('Artist = :a AND Genre = :b'), 'Query condition missed key schema element: SongTitle');
    assertValidation(() => keyCondition('Artist = :a AND Genre = :b', { partitionKey: music.partitionKey }), 'Query condition missed key schema element: Genre');
  });

  it('refuses values of another type than the key', () => {
    assertValidation(() => keyCondition('Artist = :n'), 'One or more parameter values were invalid: Condition parameter type does not match schema type');
    assertValidation(() => keyCondition('Artist = :a AND SongTitle < :n'), 'One or more parameter values were invalid: Condition parameter type does not match schema type');
  });

  it('refuses what the condition grammar refuses, under its own name', () => {
    assertValidation(() => keyCondition('Artist = '), 'Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "="');
    assertValidation(() => keyCondition(''), 'Invalid KeyConditionExpression: The expression can not be empty;');
    assertValidation(
      () => keyCondition('Artist = :a AND SongTitle BETWEEN :c AND :b'),
      'Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:C}, upper bound operand: AttributeValue: {S:B}',
    );
  });
});
