import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatJson } from '../../src/output/json.js';
import { JsonSyntaxError, parseJsonDocument } from '../../src/output/parse-json.js';
import { formatText } from '../../src/output/text.js';

const roundTrip = (text: string): string => formatJson(parseJsonDocument(text));

test('numbers keep the form Python gives them: floats stay floats, big integers stay exact', () => {
  assert.equal(roundTrip('[2.0, 1e5, 1.5e-7, 10000000000000000001, -0.0, -0, 7, 0.1]'),
    '[\n    2.0,\n    100000.0,\n    1.5e-07,\n    10000000000000000001,\n    -0.0,\n    0,\n    7,\n    0.1\n]\n');
  assert.equal(formatText(parseJsonDocument('{"a": 2.0, "b": 3}')), '2.0\t3\n');
});

test('a top-level number keeps its form', () => {
  assert.equal(roundTrip('2.0'), '2.0\n');
  assert.equal(roundTrip('123456789012345678901234567890'), '123456789012345678901234567890\n');
});

test('NaN and Infinity are accepted as Python accepts them', () => {
  assert.equal(roundTrip('[NaN, Infinity, -Infinity]'), '[\n    NaN,\n    Infinity,\n    -Infinity\n]\n');
});

test('integer-like keys keep the document order, a repeated key its first place and last value', () => {
  assert.equal(roundTrip('{"b": 1, "10": 2, "2": 3}'), '{\n    "b": 1,\n    "10": 2,\n    "2": 3\n}\n');
  assert.equal(roundTrip('{"a": 1, "b": 2, "a": 3}'), '{\n    "a": 3,\n    "b": 2\n}\n');
});

test('a key named __proto__ is data', () => {
  const parsed = parseJsonDocument('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.deepEqual(Object.keys(parsed), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('strings decode escapes and keep unicode', () => {
  const parsed = parseJsonDocument('["tab\\there", "\\u00e9t\\u00e9", "Hà Nội 東京 🚀", "q\\"uote"]').value;
  assert.deepEqual(parsed, ['tab\there', 'été', 'Hà Nội 東京 🚀', 'q"uote']);
});

test('invalid JSON names what is wrong and where', () => {
  const cases: [string, RegExp][] = [
    ['', /Expecting value at line 1 column 1/],
    ['{"a": }', /Expecting value at line 1 column 7/],
    ['[1, 2', /Expecting ',' delimiter/],
    ['{"a" 1}', /Expecting ':' delimiter/],
    ['{a: 1}', /Expecting property name/],
    ['{"a": 1} x', /Extra data at line 1 column 10/],
    ['"abc', /Unterminated string/],
    ['"a\u0001"', /Invalid control character/],
    ['[1,\n  tru]', /Expecting value at line 2 column 3/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseJsonDocument(text), (error: unknown) => error instanceof JsonSyntaxError && message.test(error.message), text);
  }
});
