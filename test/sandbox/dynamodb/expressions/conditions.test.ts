/** ConditionExpression and FilterExpression: the grammar, its evaluation, and DynamoDB's refusals. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExpressionAttributes, isReservedWord, parseCondition, RESERVED_WORDS, type Item } from '../../../../src/sandbox/services/dynamodb/expressions/index.js';
import { assertValidation, matches, parseConditionExpression } from './harness.js';

const bytes = (...b: number[]) => new Uint8Array(b);

const item: Item = {
  Artist: { S: 'Acme Band' },
  SongTitle: { S: 'Happy Day' },
  Released: { N: '1999' },
  Price: { N: '1.50' },
  Tags: { SS: ['rock', 'pop'] },
  Ratings: { NS: ['5', '3.0'] },
  Hashes: { BS: [bytes(1, 2)] },
  Cover: { B: bytes(0xca, 0xfe, 0xba, 0xbe) },
  Awards: { L: [{ S: 'Grammy' }, { N: '2' }, { M: { Title: { S: 'Brit' } } }] },
  Info: { M: { Label: { S: 'Indie' }, Charts: { M: { UK: { N: '3' } } }, Blank: { L: [] } } },
  Live: { BOOL: true },
  Notes: { NULL: true },
  Emoji: { S: 'é' },
};

describe('comparators', () => {
  it('compares numbers by value and strings by code point', () => {
    assert.equal(matches(item, 'Price = :p', { ':p': { N: '1.5' } }), true);
    assert.equal(matches(item, '#y > :y', { ':y': { N: '999' } }, { '#y': 'Released' }), true);
    assert.equal(matches(item, '#y < :y', { ':y': { N: '999' } }, { '#y': 'Released' }), false);
    assert.equal(matches(item, 'Artist >= :a', { ':a': { S: 'Acme' } }), true);
    assert.equal(matches(item, 'Artist < :a', { ':a': { S: 'a' } }), true);
    assert.equal(matches(item, 'Price <= :p', { ':p': { N: '1.5' } }), true);
    assert.equal(matches(item, 'Price <> :p', { ':p': { N: '2' } }), true);
  });

  it('never orders values of different types', () => {
    assert.equal(matches(item, 'Price < :s', { ':s': { S: '9' } }), false);
    assert.equal(matches(item, 'Price >= :s', { ':s': { S: '0' } }), false);
    assert.equal(matches(item, 'Price = :s', { ':s': { S: '1.5' } }), false);
    assert.equal(matches(item, 'Price <> :s', { ':s': { S: '1.5' } }), true);
  });

  it('compares two attributes of the item', () => {
    assert.equal(matches(item, 'Artist <> SongTitle'), true);
    assert.equal(matches(item, 'Artist < SongTitle'), true);
  });

  it('compares sets without regard to order, and lists and maps deeply', () => {
    assert.equal(matches(item, 'Tags = :t', { ':t': { SS: ['pop', 'rock'] } }), true);
    assert.equal(matches(item, 'Ratings = :r', { ':r': { NS: ['3', '5.00'] } }), true);
    assert.equal(matches(item, 'Awards[2] = :m', { ':m': { M: { Title: { S: 'Brit' } } } }), true);
    assert.equal(matches(item, 'Info.Charts = :m', { ':m': { M: { UK: { N: '3.0' } } } }), true);
    assert.equal(matches(item, 'Cover = :b', { ':b': { B: bytes(0xca, 0xfe, 0xba, 0xbe) } }), true);
  });

  it('treats a missing attribute as unequal to everything', () => {
    assert.equal(matches(item, 'Absent = :v', { ':v': { S: 'x' } }), false);
    assert.equal(matches(item, 'Absent < :v', { ':v': { S: 'x' } }), false);
    assert.equal(matches(item, 'Absent <> :v', { ':v': { S: 'x' } }), true);
  });
});

describe('document paths', () => {
  it('reads nested maps and list elements', () => {
    assert.equal(matches(item, 'Info.Charts.UK = :n', { ':n': { N: '3' } }), true);
    assert.equal(matches(item, 'Awards[0] = :s', { ':s': { S: 'Grammy' } }), true);
    assert.equal(matches(item, 'Awards[2].Title = :s', { ':s': { S: 'Brit' } }), true);
    assert.equal(matches(item, '#i.#c.UK = :n', { ':n': { N: '3' } }, { '#i': 'Info', '#c': 'Charts' }), true);
  });

  it('finds nothing past a missing step or a step of the wrong type', () => {
    assert.equal(matches(item, 'attribute_exists(Awards[9])'), false);
    assert.equal(matches(item, 'attribute_exists(Info[0])'), false);
    assert.equal(matches(item, 'attribute_exists(Awards.Title)'), false);
    assert.equal(matches(item, 'attribute_exists(Artist.Title)'), false);
  });

  it('takes a name with dots in it only through a placeholder', () => {
    const dotted: Item = { 'a.b': { N: '1' }, a: { M: { b: { N: '2' } } } };
    assert.equal(matches(dotted, '#ab = :one', { ':one': { N: '1' } }, { '#ab': 'a.b' }), true);
    assert.equal(matches(dotted, 'a.b = :two', { ':two': { N: '2' } }), true);
  });
});

describe('BETWEEN and IN', () => {
  it('BETWEEN includes both bounds', () => {
    assert.equal(matches(item, '#y BETWEEN :a AND :b', { ':a': { N: '1999' }, ':b': { N: '2000' } }, { '#y': 'Released' }), true);
    assert.equal(matches(item, '#y between :a and :b', { ':a': { N: '1990' }, ':b': { N: '1999' } }, { '#y': 'Released' }), true);
    assert.equal(matches(item, '#y BETWEEN :a AND :b', { ':a': { N: '2000' }, ':b': { N: '2001' } }, { '#y': 'Released' }), false);
    assert.equal(matches(item, 'Artist BETWEEN :a AND :b', { ':a': { S: 'A' }, ':b': { S: 'B' } }), true);
  });

  it('IN matches any operand of the list', () => {
    assert.equal(matches(item, 'Artist IN (:a, :b)', { ':a': { S: 'x' }, ':b': { S: 'Acme Band' } }), true);
    assert.equal(matches(item, 'Price in (:a)', { ':a': { N: '1.500' } }), true);
    assert.equal(matches(item, 'Artist IN (:a, SongTitle)', { ':a': { S: 'x' } }), false);
    assert.equal(matches(item, 'Absent IN (:a)', { ':a': { S: 'x' } }), false);
  });
});

describe('functions', () => {
  it('attribute_exists and attribute_not_exists', () => {
    assert.equal(matches(item, 'attribute_exists(Artist)'), true);
    assert.equal(matches(item, 'attribute_exists(Notes)'), true);
    assert.equal(matches(item, 'attribute_not_exists(Absent)'), true);
    assert.equal(matches(item, 'attribute_not_exists(Info.Label)'), false);
  });

  it('attribute_type names each of the ten types', () => {
    for (const [path, type] of Object.entries({ Artist: 'S', Released: 'N', Cover: 'B', Tags: 'SS', Ratings: 'NS', Hashes: 'BS', Info: 'M', Awards: 'L', Notes: 'NULL', Live: 'BOOL' })) {
      assert.equal(matches(item, `attribute_type(${path}, :t)`, { ':t': { S: type } }), true, path);
      assert.equal(matches(item, `attribute_type(${path}, :t)`, { ':t': { S: type === 'S' ? 'N' : 'S' } }), false, path);
    }
  });

  it('begins_with on strings and binaries', () => {
    assert.equal(matches(item, 'begins_with(SongTitle, :p)', { ':p': { S: 'Happy' } }), true);
    assert.equal(matches(item, 'begins_with(SongTitle, :p)', { ':p': { S: 'happy' } }), false);
    assert.equal(matches(item, 'begins_with(Cover, :p)', { ':p': { B: bytes(0xca, 0xfe) } }), true);
    assert.equal(matches(item, 'begins_with(Released, :p)', { ':p': { S: '19' } }), false);
  });

  it('contains on strings, sets and lists', () => {
    assert.equal(matches(item, 'contains(SongTitle, :s)', { ':s': { S: 'py D' } }), true);
    assert.equal(matches(item, 'contains(Tags, :s)', { ':s': { S: 'pop' } }), true);
    assert.equal(matches(item, 'contains(Tags, :s)', { ':s': { S: 'jazz' } }), false);
    assert.equal(matches(item, 'contains(Ratings, :n)', { ':n': { N: '3' } }), true);
    assert.equal(matches(item, 'contains(Ratings, :n)', { ':n': { S: '3' } }), false);
    assert.equal(matches(item, 'contains(Hashes, :b)', { ':b': { B: bytes(1, 2) } }), true);
    assert.equal(matches(item, 'contains(Awards, :n)', { ':n': { N: '2.0' } }), true);
    assert.equal(matches(item, 'contains(Cover, :b)', { ':b': { B: bytes(0xfe, 0xba) } }), true);
    assert.equal(matches(item, 'contains(Released, :n)', { ':n': { N: '1999' } }), false);
  });

  it('size counts string bytes, binary bytes, and elements', () => {
    const size = (path: string, n: number) => matches(item, `size(${path}) = :n`, { ':n': { N: String(n) } });
    assert.equal(size('Artist', 9), true);
    assert.equal(size('Emoji', 2), true);
    assert.equal(size('Cover', 4), true);
    assert.equal(size('Tags', 2), true);
    assert.equal(size('Awards', 3), true);
    assert.equal(size('Info', 3), true);
    assert.equal(size('Info.Blank', 0), true);
    assert.equal(matches(item, 'size(Released) >= :z', { ':z': { N: '0' } }), false);
    assert.equal(matches(item, 'size(Absent) <> :z', { ':z': { N: '0' } }), true);
    assert.equal(matches(item, 'size(Tags) BETWEEN :a AND :b', { ':a': { N: '1' }, ':b': { N: '3' } }), true);
  });
});

describe('logical operators', () => {
  const t = 'attribute_exists(Artist)';
  const f = 'attribute_exists(Absent)';

  it('NOT binds tighter than AND, AND tighter than OR', () => {
    assert.equal(matches(item, `${t} OR ${t} AND ${f}`), true);
    assert.equal(matches(item, `(${t} OR ${t}) AND ${f}`), false);
    assert.equal(matches(item, `NOT ${f} AND ${t}`), true);
    assert.equal(matches(item, `NOT (${t} AND ${f})`), true);
    assert.equal(matches(item, `NOT ${t} OR ${t}`), true);
    assert.equal(matches(item, `not not ${t}`), true);
    assert.equal(matches(item, `${f} or ${f} or ${t}`), true);
    assert.equal(matches(item, `((${t}))`), true);
  });

  it('keywords are case-insensitive, function names are not', () => {
    assert.equal(matches(item, `${t} aNd Artist BeTwEeN :a aNd :b`, { ':a': { S: 'A' }, ':b': { S: 'Z' } }), true);
    assertValidation(() => parseConditionExpression('Attribute_Exists(a)'), 'Invalid ConditionExpression: Invalid function name; function: Attribute_Exists');
  });
});

describe('refusals', () => {
  const syntax = (token: string, near: string) => `Invalid ConditionExpression: Syntax error; token: "${token}", near: "${near}"`;

  it('names the offending token and its neighbours in a syntax error', () => {
    assertValidation(() => parseConditionExpression('a = = :v', { ':v': { S: 'x' } }), syntax('=', '= = :v'));
    assertValidation(() => parseConditionExpression('a ='), /token: "<EOF>", near: "="/);
    assertValidation(() => parseConditionExpression('a > 4'), syntax('4', '> 4'));
    assertValidation(() => parseConditionExpression('a = "x"'), syntax('"', '= "x'));
    assertValidation(() => parseConditionExpression('a b'), syntax('b', 'a b'));
    assertValidation(() => parseConditionExpression('(a = b'), /token: "<EOF>"/);
    assertValidation(() => parseConditionExpression('a BETWEEN b c'), syntax('c', 'b c'));
    assertValidation(() => parseConditionExpression('a IN b'), syntax('b', 'IN b'));
    assertValidation(() => parseConditionExpression('a[x] = b'), syntax('x', '[x]'));
    assertValidation(() => parseConditionExpression('a = b AND'), /token: "<EOF>", near: "AND"/);
  });

  it('refuses an empty expression', () => {
    assertValidation(() => parseConditionExpression(''), 'Invalid ConditionExpression: The expression can not be empty;');
    assertValidation(() => parseConditionExpression('   '), 'Invalid ConditionExpression: The expression can not be empty;');
  });

  it('refuses a reserved word as a bare attribute name, in any case', () => {
    assertValidation(() => parseConditionExpression('Status = :s', { ':s': { S: 'x' } }), 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Status');
    assertValidation(() => parseConditionExpression('a.name = b'), 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name');
    assert.equal(matches({ status: { S: 'ok' } }, '#s = :s', { ':s': { S: 'ok' } }, { '#s': 'status' }), true);
  });

  it('reports a syntax error before a reserved word, and a reserved word before an undefined placeholder', () => {
    assertValidation(() => parseConditionExpression('#x = :y AND Year = '), /Syntax error/);
    assertValidation(() => parseConditionExpression('#x = :y AND Year = :z'), /reserved keyword: Year/);
  });

  it('refuses undefined placeholders', () => {
    assertValidation(
      () => parseConditionExpression('#a = :v', { ':v': { S: 'x' } }, { '#b': 'b' }),
      'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #a',
    );
    assertValidation(
      () => parseConditionExpression('a = :x'),
      'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x',
    );
  });

  it('refuses unused, empty and malformed placeholder maps', () => {
    assertValidation(
      () => parseConditionExpression('a = :v', { ':v': { S: 'x' }, ':w': { S: 'y' } }),
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}',
    );
    assertValidation(
      () => parseConditionExpression('a = b', undefined, { '#a': 'a', '#b': 'b' }),
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}',
    );
    assertValidation(() => new ExpressionAttributes({}, undefined), 'ExpressionAttributeNames must not be empty');
    assertValidation(() => new ExpressionAttributes(undefined, {}), 'ExpressionAttributeValues must not be empty');
    assertValidation(() => new ExpressionAttributes({ a: 'a' }, undefined), 'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"');
    assertValidation(() => new ExpressionAttributes(undefined, { a: { S: 'a' } }), 'ExpressionAttributeValues contains invalid key: Syntax error; key: "a"');
    assertValidation(() => new ExpressionAttributes({ '#a': 'a' }, undefined).assertAllUsed(), 'ExpressionAttributeNames can only be specified when using expressions');
  });

  it('counts a placeholder used by any expression of the request', () => {
    const attributes = new ExpressionAttributes({ '#a': 'a' }, { ':v': { S: 'x' } });
    parseCondition('ConditionExpression', 'attribute_exists(#a)', attributes);
    parseCondition('FilterExpression', 'b = :v', attributes);
    attributes.assertAllUsed();
  });

  it('refuses unknown functions and functions in the wrong place', () => {
    assertValidation(() => parseConditionExpression('foo(a)'), 'Invalid ConditionExpression: Invalid function name; function: foo');
    assertValidation(() => parseConditionExpression('a = foo(b)'), 'Invalid ConditionExpression: Invalid function name; function: foo');
    assertValidation(() => parseConditionExpression('size(a)'), 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size');
    assertValidation(
      () => parseConditionExpression('a = if_not_exists(a, b)'),
      'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: if_not_exists',
    );
    assertValidation(
      () => parseConditionExpression('a = attribute_exists(b)'),
      'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists',
    );
  });

  it('refuses the wrong number or kind of operands', () => {
    assertValidation(
      () => parseConditionExpression('begins_with(a)'),
      'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1',
    );
    assertValidation(
      () => parseConditionExpression('attribute_exists(a, b)'),
      'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2',
    );
    assertValidation(
      () => parseConditionExpression('attribute_exists(:v)', { ':v': { S: 'x' } }),
      'Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists',
    );
    assertValidation(
      () => parseConditionExpression('begins_with(a, :n)', { ':n': { N: '1' } }),
      'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    );
    assertValidation(
      () => parseConditionExpression('attribute_type(a, :t)', { ':t': { N: '1' } }),
      'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N',
    );
    assertValidation(
      () => parseConditionExpression('attribute_type(a, :t)', { ':t': { S: 'STRING' } }),
      'Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }',
    );
  });

  it('refuses BETWEEN bounds of different types or in the wrong order', () => {
    assertValidation(
      () => parseConditionExpression('a BETWEEN :lo AND :hi', { ':lo': { N: '10' }, ':hi': { N: '9' } }),
      'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:9}',
    );
    assertValidation(
      () => parseConditionExpression('a BETWEEN :lo AND :hi', { ':lo': { N: '1' }, ':hi': { S: 'a' } }),
      'Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}',
    );
  });

  it('refuses more than 100 IN operands', () => {
    const values = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`:v${i}`, { N: String(i) }]));
    assertValidation(
      () => parseConditionExpression(`a IN (${Object.keys(values).join(', ')})`, values),
      'Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101',
    );
    delete values[':v100'];
    parseConditionExpression(`a IN (${Object.keys(values).join(', ')})`, values);
  });
});

describe('reserved words', () => {
  it('holds DynamoDB\'s 573 words, matched in any case', () => {
    assert.equal(RESERVED_WORDS.size, 573);
    for (const word of ['abort', 'Name', 'STATUS', 'zone', 'Flattern']) assert.equal(isReservedWord(word), true, word);
    for (const word of ['Artist', 'SongTitle', 'id', 'names2']) assert.equal(isReservedWord(word), false, word);
  });
});
