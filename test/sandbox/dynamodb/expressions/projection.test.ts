/** ProjectionExpression: which parts of an item come back, and DynamoDB's refusals. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyProjection, ExpressionAttributes, parseProjection, type Item } from '../../../../src/sandbox/services/dynamodb/expressions/index.js';
import { assertValidation } from './harness.js';

function project(item: Item, expression: string, names?: Record<string, string>): Item {
  const attributes = new ExpressionAttributes(names, undefined);
  const paths = parseProjection(expression, attributes);
  attributes.assertAllUsed();
  return applyProjection(item, paths);
}

const movie: Item = {
  title: { S: 'Heat' },
  released: { N: '1995' },
  actors: { L: [{ M: { actor: { S: 'Pacino' }, part: { S: 'Hanna' } } }, { M: { actor: { S: 'De Niro' } } }, { S: 'extra' }] },
  info: { M: { rating: { N: '8.3' }, genres: { SS: ['crime'] } } },
};

describe('applyProjection', () => {
  it('keeps only the named top-level attributes', () => {
    assert.deepEqual(project(movie, 'title, released'), { title: { S: 'Heat' }, released: { N: '1995' } });
  });

  it('keeps nested map keys inside their maps', () => {
    assert.deepEqual(project(movie, 'info.rating'), { info: { M: { rating: { N: '8.3' } } } });
  });

  it('packs projected list elements together in their original order', () => {
    assert.deepEqual(project(movie, 'actors[2], actors[0].actor'), { actors: { L: [{ M: { actor: { S: 'Pacino' } } }, { S: 'extra' }] } });
    assert.deepEqual(project(movie, 'actors[1].actor, actors[0].part'), { actors: { L: [{ M: { part: { S: 'Hanna' } } }, { M: { actor: { S: 'De Niro' } } }] } });
  });

  it('leaves out paths the item lacks, with no empty shells', () => {
    assert.deepEqual(project(movie, 'nothing, info.gone, title.deeper, actors[7]'), {});
  });

  it('resolves #name placeholders', () => {
    assert.deepEqual(project(movie, '#t, #i.#r', { '#t': 'title', '#i': 'info', '#r': 'rating' }), { title: { S: 'Heat' }, info: { M: { rating: { N: '8.3' } } } });
  });

  it('returns copies, not the stored values', () => {
    const result = project(movie, 'info');
    (result.info as { M: Item }).M.rating = { N: '0' };
    assert.deepEqual(movie.info, { M: { rating: { N: '8.3' }, genres: { SS: ['crime'] } } });
  });
});

describe('refusals', () => {
  const parse = (expression: string, names?: Record<string, string>) => parseProjection(expression, new ExpressionAttributes(names, undefined));

  it('refuses syntax errors and empty expressions', () => {
    assertValidation(() => parse('a,'), 'Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","');
    assertValidation(() => parse('a b'), 'Invalid ProjectionExpression: Syntax error; token: "b", near: "a b"');
    assertValidation(() => parse('a[-1]'), 'Invalid ProjectionExpression: Syntax error; token: "-", near: "[-1"');
    assertValidation(() => parse('[0]'), 'Invalid ProjectionExpression: Syntax error; token: "[", near: "[0"');
    assertValidation(() => parse(''), 'Invalid ProjectionExpression: The expression can not be empty;');
  });

  it('refuses reserved words and undefined names', () => {
    assertValidation(() => parse('title, year'), 'Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: year');
    assertValidation(() => parse('#y'), 'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #y');
  });

  it('refuses overlapping paths', () => {
    assertValidation(
      () => parse('info, info.rating'),
      'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [info], path two: [info, rating]',
    );
    assertValidation(
      () => parse('#a[0], a[0]', { '#a': 'a' }),
      'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, [0]]',
    );
  });
});
