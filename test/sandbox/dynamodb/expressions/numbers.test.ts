/** DynamoDB numbers: exact decimal arithmetic, canonical form, and the stored range. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../../../../src/sandbox/errors.js';
import { addNumbers, compareNumbers, normalizeNumber, subtractNumbers } from '../../../../src/sandbox/services/dynamodb/expressions/numbers.js';

function rejects(fn: () => unknown, message: string): void {
  assert.throws(fn, (e: unknown) => e instanceof AwsError && e.code === 'ValidationException' && e.message === message);
}

describe('normalizeNumber', () => {
  for (const [input, expected] of [
    ['1.50', '1.5'],
    ['007', '7'],
    ['-0', '0'],
    ['0.000', '0'],
    ['+5', '5'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['-0.0100', '-0.01'],
    ['1E2', '100'],
    ['1.5e-3', '0.0015'],
    ['123.456E1', '1234.56'],
    ['100', '100'],
    ['99999999999999999999999999999999999999', '99999999999999999999999999999999999999'],
    ['1E-130', `0.${'0'.repeat(129)}1`],
    ['9.9E+125', `99${'0'.repeat(124)}`],
  ]) {
    it(`${input} -> ${expected.length > 40 ? `${expected.slice(0, 12)}...` : expected}`, () => {
      assert.equal(normalizeNumber(input!), expected);
    });
  }

  it('refuses text that is not a number', () => {
    for (const text of ['', 'abc', '1.2.3', '--1', '1e', 'e5', '.', ' 1', '0x10', 'Infinity', 'NaN']) {
      rejects(() => normalizeNumber(text), 'A value provided cannot be converted into a number');
    }
  });

  it('refuses more than 38 significant digits, but not trailing zeros', () => {
    rejects(() => normalizeNumber('1234567890123456789012345678901234567891'), 'Attempting to store more than 38 significant digits in a Number');
    assert.equal(normalizeNumber(`1${'0'.repeat(50)}`), `1${'0'.repeat(50)}`);
  });

  it('refuses magnitudes outside 1E-130..9.99E+125', () => {
    rejects(() => normalizeNumber('1E126'), 'Number overflow. Attempting to store a number with magnitude larger than supported range');
    rejects(() => normalizeNumber('-1E126'), 'Number overflow. Attempting to store a number with magnitude larger than supported range');
    rejects(() => normalizeNumber('1E-131'), 'Number underflow. Attempting to store a number with magnitude smaller than supported range');
  });
});

describe('decimal arithmetic', () => {
  it('adds without binary rounding', () => {
    assert.equal(addNumbers('0.1', '0.2'), '0.3');
    assert.equal(addNumbers('1.10', '2.20'), '3.3');
    assert.equal(addNumbers('99999999999999999999999999999999999998', '1'), '99999999999999999999999999999999999999');
    assert.equal(addNumbers('-5', '5'), '0');
    assert.equal(addNumbers('1E10', '0.5'), '10000000000.5');
  });

  it('subtracts', () => {
    assert.equal(subtractNumbers('1', '0.9'), '0.1');
    assert.equal(subtractNumbers('5', '7'), '-2');
    assert.equal(subtractNumbers('-1.5', '-1.5'), '0');
  });

  it('refuses a result that cannot be stored', () => {
    rejects(() => addNumbers('99999999999999999999999999999999999999', '0.1'), 'Attempting to store more than 38 significant digits in a Number');
    rejects(() => addNumbers('9.9E125', '9.9E125'), 'Number overflow. Attempting to store a number with magnitude larger than supported range');
  });

  it('compares by value, not by text', () => {
    assert.equal(compareNumbers('10', '9'), 1);
    assert.equal(compareNumbers('1.0', '1'), 0);
    assert.equal(compareNumbers('-3', '2'), -1);
    assert.equal(compareNumbers('1E2', '99.99'), 1);
  });
});
