/** What the DynamoDB expression tests share: DynamoDB's error, and condition checks against one item. */
import assert from 'node:assert/strict';
import { AwsError } from '../../../../src/sandbox/errors.js';
import {
  evaluateCondition,
  ExpressionAttributes,
  parseCondition,
  type AttributeValue,
  type Item,
} from '../../../../src/sandbox/services/dynamodb/expressions/index.js';

/** Asserts `fn` throws DynamoDB's ValidationException with exactly this message. */
export function assertValidation(fn: () => unknown, message: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AwsError, `not an AwsError: ${String(e)}`);
    assert.equal(e.code, 'ValidationException');
    assert.equal(e.status, 400);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

/** Parses and evaluates a FilterExpression against `item`, checking every placeholder was used. */
export function matches(
  item: Item,
  expression: string,
  values?: Record<string, AttributeValue>,
  names?: Record<string, string>,
): boolean {
  const attributes = new ExpressionAttributes(names, values);
  const condition = parseCondition('FilterExpression', expression, attributes);
  attributes.assertAllUsed();
  return evaluateCondition(condition, item);
}

/** Parses a ConditionExpression, for tests about what it refuses. */
export function parseConditionExpression(
  expression: string,
  values?: Record<string, AttributeValue>,
  names?: Record<string, string>,
): void {
  const attributes = new ExpressionAttributes(names, values);
  parseCondition('ConditionExpression', expression, attributes);
  attributes.assertAllUsed();
}
