/**
 * KeyConditionExpression: the condition grammar, narrowed to what a Query can seek on.
 * `=` on the partition key, and at most one of =, <, <=, >, >=, BETWEEN or begins_with on
 * the sort key, joined by AND. Messages are DynamoDB's, checked in its order.
 */
import { AwsError } from '../../../errors.js';
import { typeOf, type AttributeValue } from './attribute-value.js';
import type { Condition, Operand } from './ast.js';
import { parseCondition } from './condition-parser.js';
import type { ExpressionAttributes } from './placeholders.js';

export interface KeyAttribute {
  name: string;
  /** The key's scalar type from the table's AttributeDefinitions. */
  type: 'S' | 'N' | 'B';
}

export interface KeySchema {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
}

export type SortKeyCondition =
  | { op: '=' | '<' | '<=' | '>' | '>='; value: AttributeValue }
  | { op: 'BETWEEN'; low: AttributeValue; high: AttributeValue }
  | { op: 'begins_with'; prefix: AttributeValue };

export interface KeyConditions {
  partitionKey: { name: string; value: AttributeValue };
  sortKey?: { name: string; condition: SortKeyCondition };
  /** The whole condition, for evaluateCondition over candidate items. */
  condition: Condition;
}

/** One leaf condition on one key attribute. */
interface KeyTerm {
  name: string;
  condition: SortKeyCondition;
}

const FLIPPED = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

function invalid(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function parseKeyCondition(expression: string, attributes: ExpressionAttributes, schema: KeySchema): KeyConditions {
  const condition = parseCondition('KeyConditionExpression', expression, attributes);
  const leaves = flatten(condition);
  const terms = leaves.map(toTerm);
  const names = terms.map((t) => t.name);
  if (new Set(names).size !== names.length) throw invalid('KeyConditionExpressions must only contain one condition per key');
  if (terms.length > 2) throw invalid('Conditions can be of length 1 or 2 only');

  const partition = terms.find((t) => t.name === schema.partitionKey.name);
  if (!partition) throw invalid(`Query condition missed key schema element: ${schema.partitionKey.name}`);
  if (partition.condition.op !== '=') throw invalid('Query key condition not supported');
  const sort = terms.find((t) => t !== partition);
  if (sort && sort.name !== schema.sortKey?.name) {
    throw invalid(`Query condition missed key schema element: ${schema.sortKey?.name ?? sort.name}`);
  }
  checkTypes(partition, schema.partitionKey);
  if (sort) checkTypes(sort, schema.sortKey!);
  return {
    partitionKey: { name: partition.name, value: partition.condition.value },
    ...(sort ? { sortKey: sort } : {}),
    condition,
  };
}

/** The AND-ed leaves, refusing any other operator DynamoDB cannot seek with. */
function flatten(condition: Condition): Condition[] {
  switch (condition.kind) {
    case 'and':
      return [...flatten(condition.left), ...flatten(condition.right)];
    case 'or':
    case 'not':
    case 'in':
      throw invalid(`Invalid operator used in KeyConditionExpression: ${condition.kind.toUpperCase()}`);
    case 'compare':
      if (condition.op === '<>') throw invalid('Invalid operator used in KeyConditionExpression: <>');
      return [condition];
    case 'between':
    case 'begins_with':
      return [condition];
    default:
      throw invalid(`Invalid operator used in KeyConditionExpression: ${condition.kind}`);
  }
}

function toTerm(condition: Condition): KeyTerm {
  switch (condition.kind) {
    case 'compare': {
      const [name, value, flipped] = keyAndValue([condition.left, condition.right]);
      const op = condition.op as keyof typeof FLIPPED;
      return { name, condition: { op: flipped ? FLIPPED[op] : op, value } };
    }
    case 'between': {
      if (condition.operand.kind !== 'path') throw firstOperand('BETWEEN');
      const [name] = keyAndValue([condition.operand, condition.low, condition.high]);
      const [low, high] = [condition.low, condition.high].map((o) => (o as { value: AttributeValue }).value);
      return { name, condition: { op: 'BETWEEN', low: low!, high: high! } };
    }
    case 'begins_with': {
      const [name] = keyAndValue([{ kind: 'path', path: condition.path }, condition.operand]);
      return { name, condition: { op: 'begins_with', prefix: (condition.operand as { value: AttributeValue }).value } };
    }
    default:
      throw new Error(`unreachable: ${condition.kind} survived flatten`);
  }
}

function firstOperand(operator: string): AwsError {
  return invalid(`Invalid condition in KeyConditionExpression: ${operator} operator must have the key attribute as its first operand`);
}

/**
 * The single top-level attribute a leaf names, the first `:value` beside it, and whether
 * the attribute stood on the right (`:v < sk` is `sk > :v`). Operands are checked in
 * order, as DynamoDB does, so the first offending one picks the message.
 */
function keyAndValue(operands: Operand[]): [string, AttributeValue, boolean] {
  let name: string | undefined;
  let value: AttributeValue | undefined;
  let flipped = false;
  for (const [i, operand] of operands.entries()) {
    if (operand.kind === 'size') throw invalid('KeyConditionExpressions cannot contain nested operations');
    if (operand.kind === 'value') {
      value ??= operand.value;
      continue;
    }
    if (name !== undefined) throw invalid('Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
    const [first] = operand.path;
    if (operand.path.length > 1 || !first || !('name' in first)) {
      throw invalid('KeyConditionExpressions cannot have conditions on nested attributes');
    }
    name = first.name;
    flipped = i > 0;
  }
  if (name === undefined || value === undefined) throw invalid('Invalid condition in KeyConditionExpression: No key attribute specified');
  return [name, value, flipped];
}

function checkTypes(term: KeyTerm, key: KeyAttribute): void {
  const c = term.condition;
  const values = c.op === 'BETWEEN' ? [c.low, c.high] : c.op === 'begins_with' ? [c.prefix] : [c.value];
  if (values.some((v) => typeOf(v) !== key.type)) {
    throw invalid('One or more parameter values were invalid: Condition parameter type does not match schema type');
  }
}
