/**
 * Applies a parsed UpdateExpression to an item. Every SET value is computed from the item
 * as it was before the update, as DynamoDB does, so `SET a = b, b = a` swaps.
 */
import { AwsError } from '../../../errors.js';
import { cloneAttribute, sameScalar, setElementType, type AttributeValue, type Item } from './attribute-value.js';
import type { DocumentPath, SetValue, UpdateAction } from './ast.js';
import { addNumbers, subtractNumbers } from './numbers.js';
import { readPath } from './paths.js';

export interface UpdateResult {
  item: Item;
  /** The paths the expression wrote, for ReturnValues UPDATED_OLD and UPDATED_NEW. */
  updatedPaths: DocumentPath[];
  /** The top-level attributes those paths live in. */
  changedAttributes: string[];
}

const MISSING = 'The provided expression refers to an attribute that does not exist in the item';
const INVALID_PATH = 'The document path provided in the update expression is invalid for update';
const WRONG_TYPE = 'An operand in the update expression has an incorrect data type';

function fail(message: string): never {
  throw new AwsError('ValidationException', message);
}

export function applyUpdate(actions: readonly UpdateAction[], original: Item): UpdateResult {
  const values = actions.map((a) => (a.kind === 'SET' ? setValue(a.value, original) : undefined));
  const item = (cloneAttribute({ M: original }) as { M: Item }).M;
  actions.forEach((action, i) => {
    if (action.kind === 'SET') writePath(item, action.path, values[i]!);
    else if (action.kind === 'ADD') add(item, action.path, action.operand.value);
    else if (action.kind === 'DELETE') remove(item, action.path, action.operand.value);
  });
  // Later list indices first, so each REMOVE still addresses the element it named.
  const removals = actions.filter((a) => a.kind === 'REMOVE').map((a) => a.path);
  for (const path of removals.sort(byLastIndexDescending)) removePath(item, path);
  const updatedPaths = actions.map((a) => a.path);
  const changedAttributes = [...new Set(updatedPaths.map((p) => (p[0] as { name: string }).name))];
  return { item, updatedPaths, changedAttributes };
}

function byLastIndexDescending(a: DocumentPath, b: DocumentPath): number {
  const [x, y] = [a.at(-1)!, b.at(-1)!];
  return 'index' in x && 'index' in y ? y.index - x.index : 0;
}

function setValue(value: SetValue, item: Item): AttributeValue {
  switch (value.kind) {
    case 'operand': {
      const operand = value.operand;
      const result = operand.kind === 'value' ? operand.value : readPath(item, operand.path);
      return result ?? fail(MISSING);
    }
    case 'if_not_exists':
      return readPath(item, value.path) ?? setValue(value.fallback, item);
    case 'list_append': {
      const [first, second] = [setValue(value.first, item), setValue(value.second, item)];
      if (!('L' in first) || !('L' in second)) return fail(WRONG_TYPE);
      return { L: [...first.L, ...second.L] };
    }
    case 'arithmetic': {
      const [left, right] = [setValue(value.left, item), setValue(value.right, item)];
      if (!('N' in left) || !('N' in right)) return fail(WRONG_TYPE);
      return { N: value.op === '+' ? addNumbers(left.N, right.N) : subtractNumbers(left.N, right.N) };
    }
  }
}

/** The map or list that holds the path's last element; absent parents are DynamoDB's error. */
function parentOf(item: Item, path: DocumentPath): AttributeValue | undefined {
  return readPath(item, path.slice(0, -1));
}

function writePath(item: Item, path: DocumentPath, value: AttributeValue): void {
  const parent = parentOf(item, path) ?? fail(INVALID_PATH);
  const last = path.at(-1)!;
  if ('name' in last) {
    if (!('M' in parent)) fail(INVALID_PATH);
    parent.M[last.name] = cloneAttribute(value);
  } else {
    if (!('L' in parent)) fail(INVALID_PATH);
    // An index past the end appends, rather than leaving a hole.
    if (last.index < parent.L.length) parent.L[last.index] = cloneAttribute(value);
    else parent.L.push(cloneAttribute(value));
  }
}

function removePath(item: Item, path: DocumentPath): void {
  const parent = parentOf(item, path);
  if (!parent) return;
  const last = path.at(-1)!;
  if ('name' in last) {
    if (!('M' in parent)) fail(INVALID_PATH);
    delete parent.M[last.name];
  } else {
    if (!('L' in parent)) fail(INVALID_PATH);
    if (last.index < parent.L.length) parent.L.splice(last.index, 1);
  }
}

type SetMembers = (string | Uint8Array)[];

function setParts(value: AttributeValue): ['SS' | 'NS' | 'BS', SetMembers] | undefined {
  if ('SS' in value) return ['SS', value.SS];
  if ('NS' in value) return ['NS', value.NS];
  if ('BS' in value) return ['BS', value.BS];
  return undefined;
}

/** ADD: a number to a number, members to a set; a missing attribute starts from the operand. */
function add(item: Item, path: DocumentPath, operand: AttributeValue): void {
  const current = readPath(item, path);
  if (current === undefined) return writePath(item, path, operand);
  if ('N' in current && 'N' in operand) return writePath(item, path, { N: addNumbers(current.N, operand.N) });
  const [have, extra] = [setParts(current), setParts(operand)];
  if (!have || !extra || have[0] !== extra[0]) fail(WRONG_TYPE);
  const scalar = setElementType(have[0]);
  const union = [...have[1]];
  for (const m of extra[1]) if (!union.some((u) => sameScalar(scalar, u, m))) union.push(m);
  writePath(item, path, { [have[0]]: union } as AttributeValue);
}

/** DELETE: members from a set; a set left empty is removed, as DynamoDB stores no empty sets. */
function remove(item: Item, path: DocumentPath, operand: AttributeValue): void {
  const current = readPath(item, path);
  if (current === undefined) return;
  const [have, gone] = [setParts(current), setParts(operand)];
  if (!have || !gone || have[0] !== gone[0]) fail(WRONG_TYPE);
  const scalar = setElementType(have[0]);
  const rest = have[1].filter((m) => !gone[1].some((g) => sameScalar(scalar, m, g)));
  if (rest.length === 0) removePath(item, path);
  else writePath(item, path, { [have[0]]: rest } as AttributeValue);
}
