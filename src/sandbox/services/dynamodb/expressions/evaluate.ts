/** Whether an item satisfies a condition (ConditionExpression, FilterExpression). */
import {
  attributeEquals,
  compareAttributes,
  compareBinary,
  sameScalar,
  setElementType,
  typeOf,
  type AttributeValue,
  type Item,
} from './attribute-value.js';
import type { Condition, Operand } from './ast.js';
import { readPath } from './paths.js';

export function evaluateCondition(condition: Condition, item: Item): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluateCondition(condition.left, item) && evaluateCondition(condition.right, item);
    case 'or':
      return evaluateCondition(condition.left, item) || evaluateCondition(condition.right, item);
    case 'not':
      return !evaluateCondition(condition.condition, item);
    case 'compare':
      return compare(condition.op, operandValue(condition.left, item), operandValue(condition.right, item));
    case 'between': {
      const value = operandValue(condition.operand, item);
      return compare('>=', value, operandValue(condition.low, item)) && compare('<=', value, operandValue(condition.high, item));
    }
    case 'in': {
      const value = operandValue(condition.operand, item);
      return value !== undefined && condition.list.some((o) => compare('=', value, operandValue(o, item)));
    }
    case 'attribute_exists':
      return readPath(item, condition.path) !== undefined;
    case 'attribute_not_exists':
      return readPath(item, condition.path) === undefined;
    case 'attribute_type': {
      const value = readPath(item, condition.path);
      const type = operandValue(condition.type, item);
      return value !== undefined && type !== undefined && 'S' in type && typeOf(value) === type.S;
    }
    case 'begins_with':
      return beginsWith(readPath(item, condition.path), operandValue(condition.operand, item));
    case 'contains':
      return contains(readPath(item, condition.path), operandValue(condition.operand, item));
  }
}

export function operandValue(operand: Operand, item: Item): AttributeValue | undefined {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path':
      return readPath(item, operand.path);
    case 'size': {
      const value = readPath(item, operand.path);
      const size = value && sizeOf(value);
      return size === undefined ? undefined : { N: String(size) };
    }
  }
}

/**
 * size(): a string's length in UTF-8 bytes (how DynamoDB measures strings everywhere),
 * a binary's in bytes, a set's, list's or map's in elements; other types have no size.
 */
function sizeOf(value: AttributeValue): number | undefined {
  if ('S' in value) return Buffer.byteLength(value.S, 'utf8');
  if ('B' in value) return value.B.length;
  if ('SS' in value) return value.SS.length;
  if ('NS' in value) return value.NS.length;
  if ('BS' in value) return value.BS.length;
  if ('L' in value) return value.L.length;
  if ('M' in value) return Object.keys(value.M).length;
  return undefined;
}

/** A missing operand makes every comparison false except `<>`, which it satisfies. */
function compare(op: string, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (a === undefined || b === undefined) return op === '<>';
  if (op === '=') return attributeEquals(a, b);
  if (op === '<>') return !attributeEquals(a, b);
  const order = compareAttributes(a, b);
  if (order === undefined) return false;
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

function beginsWith(value: AttributeValue | undefined, prefix: AttributeValue | undefined): boolean {
  if (!value || !prefix) return false;
  if ('S' in value && 'S' in prefix) return value.S.startsWith(prefix.S);
  if ('B' in value && 'B' in prefix) {
    return prefix.B.length <= value.B.length && compareBinary(value.B.subarray(0, prefix.B.length), prefix.B) === 0;
  }
  return false;
}

/** contains(): a substring of a string, a byte run of a binary, a member of a set, an element of a list. */
function contains(value: AttributeValue | undefined, member: AttributeValue | undefined): boolean {
  if (!value || !member) return false;
  if ('S' in value) return 'S' in member && value.S.includes(member.S);
  if ('B' in value) return 'B' in member && Buffer.from(value.B).includes(Buffer.from(member.B));
  if ('L' in value) return value.L.some((element) => attributeEquals(element, member));
  for (const type of ['SS', 'NS', 'BS'] as const) {
    if (!(type in value)) continue;
    const scalar = setElementType(type);
    const needle = (member as Record<string, unknown>)[scalar] as string | Uint8Array | undefined;
    if (needle === undefined) return false;
    const members = (value as Record<string, (string | Uint8Array)[]>)[type]!;
    return members.some((m) => sameScalar(scalar, m, needle));
  }
  return false;
}
