/**
 * jmespath.py 1.0.1's TreeInterpreter: what each node of a parsed query does to a value,
 * with Python's semantics where they show (ints and floats compare exactly, bool is not a
 * number here but equals 0 and 1 inside containers, ordering a str against a number raises).
 */
import { callFunction } from './jmespath-functions.js';
import type { ComparatorName, Node } from './jmespath-parser.js';
import { compareCodePoints } from './value.js';
import { Expression, isDict, isFalse, isNumber, pyEquals, PyError, pyLess, pyTypeName, type PyDict, type PyValue } from './jmespath-value.js';

export function evaluate(node: Node, value: PyValue): PyValue {
  switch (node.type) {
    case 'identity':
    case 'current':
      return value;
    case 'field':
      return isDict(value) ? (value.get(node.name) ?? null) : null;
    case 'literal':
      return node.value;
    case 'subexpression':
    case 'index_expression':
      return node.children.reduce<PyValue>((result, child) => evaluate(child, result), value);
    case 'pipe':
      return evaluate(node.right, evaluate(node.left, value));
    case 'index':
      return Array.isArray(value) ? index(value, node.index) : null;
    case 'slice':
      return Array.isArray(value) ? slice(value, node.start, node.stop, node.step) : null;
    case 'comparator':
      return compare(node.name, evaluate(node.left, value), evaluate(node.right, value));
    case 'expref':
      return new Expression((element) => evaluate(node.child, element));
    case 'function_expression':
      return callFunction(node.name, node.args.map((argument) => evaluate(argument, value)));
    case 'filter_projection': {
      const base = evaluate(node.left, value);
      if (!Array.isArray(base)) return null;
      // Condition and right side alternate per element, so the first failure is jmespath.py's.
      const collected: PyValue[] = [];
      for (const element of base) {
        if (isFalse(evaluate(node.condition, element))) continue;
        const current = evaluate(node.right, element);
        if (current !== null) collected.push(current);
      }
      return collected;
    }
    case 'projection': {
      const base = evaluate(node.left, value);
      return Array.isArray(base) ? collect(base, node.right) : null;
    }
    case 'value_projection': {
      const base = evaluate(node.left, value);
      return isDict(base) ? collect([...base.values()], node.right) : null;
    }
    case 'flatten': {
      const base = evaluate(node.child, value);
      return Array.isArray(base) ? base.flatMap((element) => (Array.isArray(element) ? element : [element])) : null;
    }
    case 'multi_select_list':
      return value === null ? null : node.children.map((child) => evaluate(child, value));
    case 'multi_select_dict': {
      if (value === null) return null;
      const collected: PyDict = new Map();
      for (const pair of node.pairs) collected.set(pair.key, evaluate(pair.value, value));
      return collected;
    }
    case 'or_expression': {
      const matched = evaluate(node.left, value);
      return isFalse(matched) ? evaluate(node.right, value) : matched;
    }
    case 'and_expression': {
      const matched = evaluate(node.left, value);
      return isFalse(matched) ? matched : evaluate(node.right, value);
    }
    case 'not_expression':
      return isFalse(evaluate(node.child, value));
  }
}

/** A projection keeps what its right side makes of each element, dropping nulls. */
function collect(elements: PyValue[], right: Node): PyValue[] {
  const collected: PyValue[] = [];
  for (const element of elements) {
    const current = evaluate(right, element);
    if (current !== null) collected.push(current);
  }
  return collected;
}

function index(list: PyValue[], position: bigint): PyValue {
  const length = BigInt(list.length);
  const at = position < 0n ? position + length : position;
  return at >= 0n && at < length ? list[Number(at)]! : null;
}

/** Python's `list[start:stop:step]`, bounds clamped as `slice.indices()` clamps them. */
function slice(list: PyValue[], start: bigint | null, stop: bigint | null, step: bigint | null): PyValue[] {
  const stride = step ?? 1n;
  if (stride === 0n) throw new PyError('slice step cannot be zero');
  const length = BigInt(list.length);
  const [lower, upper] = stride > 0n ? [0n, length] : [-1n, length - 1n];
  const bound = (given: bigint | null, fallback: bigint): number => {
    if (given === null) return Number(fallback);
    const at = given < 0n ? given + length : given;
    return Number(at < lower ? lower : at > upper ? upper : at);
  };
  const first = bound(start, stride > 0n ? lower : upper);
  const end = bound(stop, stride > 0n ? upper : lower);
  const by = Number(stride > length ? length + 1n : stride < -length ? -length - 1n : stride);
  const result: PyValue[] = [];
  if (by > 0) for (let i = first; i < end; i += by) result.push(list[i]!);
  else for (let i = first; i > end; i += by) result.push(list[i]!);
  return result;
}

const OPERATORS: Record<Exclude<ComparatorName, 'eq' | 'ne'>, string> = { lt: '<', gt: '>', lte: '<=', gte: '>=' };

function compare(name: ComparatorName, left: PyValue, right: PyValue): PyValue {
  if (name === 'eq') return equals(left, right);
  if (name === 'ne') return !equals(left, right);
  // Ordering is only defined for numbers and strings; anything else gives null.
  const comparable = (value: PyValue) => isNumber(value) || typeof value === 'string';
  if (!comparable(left) || !comparable(right)) return null;
  if (typeof left === 'string' !== (typeof right === 'string')) {
    throw new PyError(`'${OPERATORS[name]}' not supported between instances of '${pyTypeName(left)}' and '${pyTypeName(right)}'`);
  }
  const [a, b] = [left as string | number | bigint, right as string | number | bigint];
  switch (name) {
    case 'lt':
      return pyLess(a, b);
    case 'gt':
      return pyLess(b, a);
    case 'lte':
      return pyLessOrEqual(a, b);
    case 'gte':
      return pyLessOrEqual(b, a);
  }
}

/** jmespath.py's `_equals`: a bare 0 or 1 never equals a bool, though Python says 1 == True. */
function equals(left: PyValue, right: PyValue): boolean {
  const zeroOrOne = (value: PyValue) => isNumber(value) && (value == 0 || value == 1);
  if (zeroOrOne(left)) return typeof right !== 'boolean' && pyEquals(left, right);
  if (zeroOrOne(right)) return typeof left !== 'boolean' && pyEquals(left, right);
  return pyEquals(left, right);
}

function pyLessOrEqual(a: string | number | bigint, b: string | number | bigint): boolean {
  if (typeof a === 'string') return compareCodePoints(a, b as string) <= 0;
  return a <= (b as number | bigint);
}
