import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseJsonDocument } from '../../src/output/parse-json.js';
import { renderJsonText } from '../../src/output/render.js';
import { compareCodePoints, keysInOrder, markFloat, numberText, pyFloatRepr, pyNumberText, pyStr, withoutKey, type JsonObject } from '../../src/output/value.js';

// Pairs of (IEEE 754 bits, Python 3.11 repr) made by /usr/bin/python3 from seeded random doubles.
const cases = JSON.parse(readFileSync(new URL('../../../test/output/float-repr-cases.json', import.meta.url), 'utf8')) as [string, string][];

test('pyFloatRepr matches Python repr() for 1,127 doubles across magnitudes', () => {
  const view = new DataView(new ArrayBuffer(8));
  for (const [bits, expected] of cases) {
    view.setBigUint64(0, BigInt(`0x${bits}`));
    assert.equal(pyFloatRepr(view.getFloat64(0)), expected, `bits ${bits}`);
  }
});

test('integral JS numbers print as Python ints, exactly, whatever their size', () => {
  assert.equal(pyNumberText(0), '0');
  assert.equal(pyNumberText(-0), '0');
  assert.equal(pyNumberText(1e21), '1000000000000000000000');
  assert.equal(pyNumberText(0.5), '0.5');
});

test('a number marked as a float keeps its .0; the mark follows its container', () => {
  const capacity = { CapacityUnits: 1, ReadCapacityUnits: 1 };
  markFloat(capacity, 'CapacityUnits', 1);
  assert.equal(numberText(capacity, 'CapacityUnits', 1), '1.0');
  assert.equal(numberText(capacity, 'ReadCapacityUnits', 1), '1');
  assert.equal(pyStr(capacity.CapacityUnits, capacity, 'CapacityUnits'), '1.0');
});

test('pyStr prints scalars as Python str() does', () => {
  assert.equal(pyStr(true), 'True');
  assert.equal(pyStr(false), 'False');
  assert.equal(pyStr(null), 'None');
  assert.equal(pyStr('Hà Nội'), 'Hà Nội');
});

test('keys sort by code point, as Python sorts str, not by UTF-16 unit', () => {
  // U+FF5E (one UTF-16 unit) sorts before U+1F600 (a surrogate pair starting 0xD83D) in Python.
  assert.deepEqual(['😀', '～', 'a', 'B'].sort(compareCodePoints), ['B', 'a', '～', '😀']);
});

test('withoutKey copies an object with its number forms and key order, less one key', () => {
  const document = parseJsonDocument('{"2": 2.0, "1": 10000000000000000001, "ResponseMetadata": {}, "x": 0.5}');
  const copy = withoutKey(document.value as JsonObject, 'ResponseMetadata');
  assert.deepEqual(keysInOrder(copy), ['2', '1', 'x']);
  assert.equal(numberText(copy, '2', 2), '2.0');
  assert.equal(numberText(copy, '1', copy['1'] as number), '10000000000000000001');
  assert.equal(renderJsonText({ input: '{"Size": 2.0, "ResponseMetadata": {"RequestId": "r"}}', output: 'text', operation: 'T', columns: 80, color: false }).stdout, '2.0\n');
});
