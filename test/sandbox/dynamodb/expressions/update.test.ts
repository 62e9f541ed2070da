/** UpdateExpression: SET, REMOVE, ADD and DELETE applied to items, and DynamoDB's refusals. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyProjection,
  applyUpdate,
  ExpressionAttributes,
  parseUpdate,
  type AttributeValue,
  type Item,
  type UpdateResult,
} from '../../../../src/sandbox/services/dynamodb/expressions/index.js';
import { assertValidation } from './harness.js';

function update(item: Item, expression: string, values?: Record<string, AttributeValue>, names?: Record<string, string>): UpdateResult {
  const attributes = new ExpressionAttributes(names, values);
  const actions = parseUpdate(expression, attributes);
  attributes.assertAllUsed();
  return applyUpdate(actions, item);
}

const song = (): Item => ({
  id: { S: 'song-1' },
  plays: { N: '10' },
  price: { N: '0.1' },
  tags: { SS: ['rock'] },
  scores: { NS: ['1', '2'] },
  history: { L: [{ S: 'a' }, { S: 'b' }, { S: 'c' }] },
  info: { M: { label: { S: 'Indie' }, stats: { M: { uk: { N: '3' } } } } },
});

describe('SET', () => {
  it('writes top-level and nested attributes without touching the original', () => {
    const before = song();
    const { item } = update(before, 'SET artist = :a, info.stats.us = :n, #h[1] = :b', { ':a': { S: 'Acme' }, ':n': { N: '7' }, ':b': { S: 'B' } }, { '#h': 'history' });
    assert.deepEqual(item.artist, { S: 'Acme' });
    assert.deepEqual(item.info, { M: { label: { S: 'Indie' }, stats: { M: { uk: { N: '3' }, us: { N: '7' } } } } });
    assert.deepEqual(item.history, { L: [{ S: 'a' }, { S: 'B' }, { S: 'c' }] });
    assert.deepEqual(before, song());
  });

  it('adds and subtracts exactly', () => {
    const { item } = update(song(), 'SET plays = plays + :one, price = price + :p, remaining = :ten - plays', { ':one': { N: '1' }, ':p': { N: '0.2' }, ':ten': { N: '100' } });
    assert.deepEqual(item.plays, { N: '11' });
    assert.deepEqual(item.price, { N: '0.3' });
    assert.deepEqual(item.remaining, { N: '90' });
  });

  it('reads every operand from the item as it was, so two SETs can swap', () => {
    const { item } = update({ a: { S: '1' }, b: { S: '2' } }, 'SET a = b, b = a');
    assert.deepEqual(item, { a: { S: '2' }, b: { S: '1' } });
  });

  it('if_not_exists keeps what is there and fills what is not', () => {
    const { item } = update(song(), 'SET plays = if_not_exists(plays, :z), likes = if_not_exists(likes, :z) + :one', { ':z': { N: '0' }, ':one': { N: '1' } });
    assert.deepEqual(item.plays, { N: '10' });
    assert.deepEqual(item.likes, { N: '1' });
  });

  it('list_append joins lists in the order given', () => {
    const { item } = update(song(), 'SET history = list_append(:pre, history), fresh = list_append(if_not_exists(fresh, :empty), :pre)', {
      ':pre': { L: [{ S: 'z' }] },
      ':empty': { L: [] },
    });
    assert.deepEqual(item.history, { L: [{ S: 'z' }, { S: 'a' }, { S: 'b' }, { S: 'c' }] });
    assert.deepEqual(item.fresh, { L: [{ S: 'z' }] });
  });

  it('appends when the list index is past the end', () => {
    const { item } = update(song(), 'SET history[10] = :d', { ':d': { S: 'd' } });
    assert.deepEqual(item.history, { L: [{ S: 'a' }, { S: 'b' }, { S: 'c' }, { S: 'd' }] });
  });

  it('refuses to read or write through what is not there', () => {
    const missing = 'The provided expression refers to an attribute that does not exist in the item';
    assertValidation(() => update(song(), 'SET a = nothing'), missing);
    assertValidation(() => update(song(), 'SET a = nothing + :one', { ':one': { N: '1' } }), missing);
    const invalidPath = 'The document path provided in the update expression is invalid for update';
    assertValidation(() => update(song(), 'SET nothing.deeper = :one', { ':one': { N: '1' } }), invalidPath);
    assertValidation(() => update(song(), 'SET nothing[0] = :one', { ':one': { N: '1' } }), invalidPath);
  });

  it('refuses a path through the wrong type', () => {
    const invalidPath = 'The document path provided in the update expression is invalid for update';
    assertValidation(() => update(song(), 'SET plays.x = :one', { ':one': { N: '1' } }), invalidPath);
    assertValidation(() => update(song(), 'SET info[0] = :one', { ':one': { N: '1' } }), invalidPath);
    assertValidation(() => update(song(), 'REMOVE history.x'), invalidPath);
  });

  it('refuses arithmetic and list_append on the wrong types found in the item', () => {
    const wrongType = 'An operand in the update expression has an incorrect data type';
    assertValidation(() => update(song(), 'SET id = id + :one', { ':one': { N: '1' } }), wrongType);
    assertValidation(() => update(song(), 'SET id = list_append(id, :l)', { ':l': { L: [] } }), wrongType);
  });

  it('refuses a number DynamoDB cannot store', () => {
    assertValidation(
      () => update({ n: { N: '9E125' } }, 'SET n = n + :big', { ':big': { N: '9E125' } }),
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
  });
});

describe('REMOVE', () => {
  it('removes attributes, nested keys and list elements by their original index', () => {
    const { item } = update(song(), 'REMOVE plays, info.label, history[0], history[2], nothing, info.gone');
    assert.equal(item.plays, undefined);
    assert.deepEqual(item.info, { M: { stats: { M: { uk: { N: '3' } } } } });
    assert.deepEqual(item.history, { L: [{ S: 'b' }] });
  });
});

describe('ADD', () => {
  it('adds to numbers and creates missing ones', () => {
    const { item } = update(song(), 'ADD plays :n, fresh :n', { ':n': { N: '-2.5' } });
    assert.deepEqual(item.plays, { N: '7.5' });
    assert.deepEqual(item.fresh, { N: '-2.5' });
  });

  it('unions sets and creates missing ones', () => {
    const { item } = update(song(), 'ADD tags :t, scores :s, more :t', { ':t': { SS: ['rock', 'pop'] }, ':s': { NS: ['2.0', '3'] } });
    assert.deepEqual(item.tags, { SS: ['rock', 'pop'] });
    assert.deepEqual(item.scores, { NS: ['1', '2', '3'] });
    assert.deepEqual(item.more, { SS: ['rock', 'pop'] });
  });

  it('refuses a set of another type at run time', () => {
    assertValidation(() => update(song(), 'ADD tags :s', { ':s': { NS: ['1'] } }), 'An operand in the update expression has an incorrect data type');
    assertValidation(() => update(song(), 'ADD id :n', { ':n': { N: '1' } }), 'An operand in the update expression has an incorrect data type');
  });
});

describe('DELETE', () => {
  it('removes members, and the attribute with its last member', () => {
    const { item } = update(song(), 'DELETE scores :one, tags :rock, nothing :rock', { ':one': { NS: ['1.0'] }, ':rock': { SS: ['rock'] } });
    assert.deepEqual(item.scores, { NS: ['2'] });
    assert.equal('tags' in item, false);
    assert.equal('nothing' in item, false);
  });
});

describe('ReturnValues', () => {
  it('reports the paths written and the top-level attributes they live in', () => {
    const before = song();
    const result = update(before, 'SET info.stats.uk = :n REMOVE plays ADD fresh :n', { ':n': { N: '1' } });
    assert.deepEqual(result.changedAttributes, ['info', 'plays', 'fresh']);
    assert.deepEqual(applyProjection(result.item, result.updatedPaths), { info: { M: { stats: { M: { uk: { N: '1' } } } } }, fresh: { N: '1' } });
    assert.deepEqual(applyProjection(before, result.updatedPaths), { info: { M: { stats: { M: { uk: { N: '3' } } } } }, plays: { N: '10' } });
  });
});

describe('refusals', () => {
  const prefix = 'Invalid UpdateExpression: ';

  it('refuses syntax errors', () => {
    for (const expression of ['whatever', 'set a', 'set a=set', 'remove a = b', 'add a = b', 'delete a b', 'set a b', 'set :a = b', 'set a = b * c', 'set a[1] = 1', 'set a = b + c + d', 'SET a = :v,']) {
      assertValidation(() => parseUpdate(expression, new ExpressionAttributes(undefined, undefined)), new RegExp(`^${prefix}Syntax error; token: `));
    }
    assertValidation(() => parseUpdate('ADD hits : incr', new ExpressionAttributes(undefined, undefined)), `${prefix}Syntax error; token: ":", near: "hits : incr"`);
  });

  it('refuses an empty expression', () => {
    assertValidation(() => parseUpdate('', new ExpressionAttributes(undefined, undefined)), `${prefix}The expression can not be empty;`);
  });

  it('refuses a section used twice, after reserved words and before undefined placeholders', () => {
    const parse = (expression: string) => parseUpdate(expression, new ExpressionAttributes({ '#a': 'a' }, { ':a': { S: 'a' } }));
    assertValidation(() => parse('set a = #c set c = :d'), `${prefix}The "SET" section can only be used once in an update expression;`);
    assertValidation(() => parse('remove #d set a = b remove e'), `${prefix}The "REMOVE" section can only be used once in an update expression;`);
    assertValidation(() => parse(' set #c = :c set abOrt = b '), `${prefix}Attribute name is a reserved keyword; reserved keyword: abOrt`);
    assertValidation(() => parse('set #c = if_not_exist(:c) set c = d'), `${prefix}Invalid function name; function: if_not_exist`);
    assertValidation(() => parse('SET #c = :a'), `${prefix}An expression attribute name used in the document path is not defined; attribute name: #c`);
    assertValidation(() => parse('SET #a = :c'), `${prefix}An expression attribute value used in expression is not defined; attribute value: :c`);
  });

  it('refuses functions that do not belong in an update', () => {
    const parse = (expression: string) => parseUpdate(expression, new ExpressionAttributes(undefined, undefined));
    assertValidation(() => parse('SET a = size(b)'), `${prefix}The function is not allowed to be used this way in an expression; function: size`);
    assertValidation(() => parse('SET a = if_not_exists(c)'), `${prefix}Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1`);
    assertValidation(() => parse('SET a = list_append(c)'), `${prefix}Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1`);
    assertValidation(() => parse('SET a = if_not_exists(if_not_exists(a, b), c)'), `${prefix}Operator or function requires a document path; operator or function: if_not_exists`);
  });

  it('refuses :values of the wrong type before reading the item', () => {
    const values: Record<string, AttributeValue> = { ':s': { S: 'a' }, ':n': { N: '1' }, ':m': { M: {} }, ':l': { L: [] }, ':b': { BOOL: true } };
    const parse = (expression: string) => parseUpdate(expression, new ExpressionAttributes(undefined, values));
    const operand = (op: string, type: string) => `${prefix}Incorrect operand type for operator or function; operator or function: ${op}, operand type: ${type}`;
    assertValidation(() => parse('set a = a + :s'), operand('+', 'S'));
    assertValidation(() => parse('set a = :l - a'), operand('-', 'L'));
    assertValidation(() => parse('set a = list_append(:m, a)'), operand('list_append', 'M'));
    assertValidation(() => parse('set a = list_append(a, :n)'), operand('list_append', 'N'));
    const setOperand = (op: string, type: string) => `${prefix}Incorrect operand type for operator or function; operator: ${op}, operand type: ${type}, typeSet: ALLOWED_FOR_${op}_OPERAND`;
    assertValidation(() => parse('add a :s'), setOperand('ADD', 'STRING'));
    assertValidation(() => parse('add a :l'), setOperand('ADD', 'LIST'));
    assertValidation(() => parse('add a :b'), setOperand('ADD', 'BOOLEAN'));
    assertValidation(() => parse('delete a :n'), setOperand('DELETE', 'NUMBER'));
    assertValidation(() => parse('delete a :m'), setOperand('DELETE', 'MAP'));
  });

  it('refuses overlapping and conflicting paths', () => {
    const parse = (expression: string) => parseUpdate(expression, new ExpressionAttributes({ '#c': 'c', '#d': '[3]' }, undefined));
    const overlap = (one: string, two: string) => `${prefix}Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`;
    const conflict = (one: string, two: string) => `${prefix}Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`;
    assertValidation(() => parse('set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a, b)'), overlap('[c, [1], a]', '[c]'));
    assertValidation(() => parse('set #c[3].#d = a, #c[3] = a'), overlap('[c, [3], [3]]', '[c, [3]]'));
    assertValidation(() => parse('SET a = b REMOVE a'), overlap('[a]', '[a]'));
    assertValidation(() => parse('set #c[3].#d = a, #c.#d[3] = if_not_exists(a, b)'), conflict('[c, [3], [3]]', '[c, [3], [3]]'));
    assertValidation(() => parse('remove a.#c set a[1] = #d'), conflict('[a, c]', '[a, [1]]'));
  });
});
