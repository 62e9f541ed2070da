/**
 * jmespath.py 1.0.1's built-in functions: the same 26 names, argument checks in the same
 * order with the same messages, and Python's arithmetic (int stays int, `sum` of ints is
 * exact, `ceil` and `floor` return ints, `avg` a float).
 */
import { pyJsonDumps } from './jmespath-dumps.js';
import { pyFloat, pyInt } from './jmespath-to-number.js';
import {
  Expression,
  isDict,
  pyEquals,
  PyError,
  pyLess,
  pyListRepr,
  pyStr,
  pyTypeName,
  type PyDict,
  type PyValue,
} from './jmespath-value.js';

interface ArgumentSpec {
  /** jmespath types, `array-number` style for typed arrays; empty accepts anything. */
  types: string[];
  variadic?: true;
}

interface FunctionSpec {
  signature: ArgumentSpec[];
  call: (args: PyValue[]) => PyValue;
}

type Orderable = string | number | bigint;

// Python type names to jmespath types, and back.
const TYPES_MAP: Record<string, string> = {
  bool: 'boolean', list: 'array', dict: 'object', NoneType: 'null', str: 'string', float: 'number', int: 'number', _Expression: 'expref',
};
const REVERSE_TYPES_MAP: Record<string, string[]> = {
  boolean: ['bool'], array: ['list'], object: ['dict'], null: ['NoneType'], string: ['str'], number: ['float', 'int'], expref: ['_Expression'],
};

const jmespathType = (value: PyValue): string => TYPES_MAP[pyTypeName(value)] ?? 'unknown';

function typeError(name: string, value: PyValue, received: string, expected: readonly string[]): PyError {
  return new PyError(`In function ${name}(), invalid type for value: ${pyStr(value)}, expected one of: ${pyListRepr(expected)}, received: "${received}"`);
}

const arg = (...types: string[]): ArgumentSpec => ({ types });
const numberArg = arg('number');
const stringArg = arg('string');
const anyArg = arg();

const FUNCTIONS: Record<string, FunctionSpec> = {
  abs: { signature: [numberArg], call: ([value]) => (typeof value === 'bigint' ? (value < 0n ? -value : value) : Math.abs(value as number)) },
  avg: {
    signature: [arg('array-number')],
    call: ([values]) => {
      const list = values as (number | bigint)[];
      return list.length === 0 ? null : toFloat(sum(list)) / list.length;
    },
  },
  ceil: { signature: [numberArg], call: ([value]) => toInt(value as number | bigint, Math.ceil) },
  contains: {
    signature: [arg('array', 'string'), anyArg],
    call: ([subject, search]) => {
      if (Array.isArray(subject)) return subject.some((element) => pyEquals(element, search!));
      if (typeof search !== 'string') throw new PyError(`'in <string>' requires string as left operand, not ${pyTypeName(search!)}`);
      return (subject as string).includes(search);
    },
  },
  ends_with: { signature: [stringArg, stringArg], call: ([subject, suffix]) => (subject as string).endsWith(suffix as string) },
  floor: { signature: [numberArg], call: ([value]) => toInt(value as number | bigint, Math.floor) },
  join: { signature: [stringArg, arg('array-string')], call: ([separator, values]) => (values as string[]).join(separator as string) },
  keys: { signature: [arg('object')], call: ([dict]) => [...(dict as PyDict).keys()] },
  length: {
    signature: [arg('string', 'array', 'object')],
    call: ([value]) => BigInt(typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : (value as PyDict).size),
  },
  map: {
    signature: [arg('expref'), arg('array')],
    call: ([expression, values]) => (values as PyValue[]).map((element) => (expression as Expression).apply(element)),
  },
  max: { signature: [arg('array-number', 'array-string')], call: ([values]) => extreme(values as Orderable[], (value) => value as Orderable, '>') },
  max_by: {
    signature: [arg('array'), arg('expref')],
    call: ([values, expression]) => extreme(values as PyValue[], keyFunction(expression as Expression, ['number', 'string'], 'max_by'), '>'),
  },
  merge: {
    signature: [{ types: ['object'], variadic: true }],
    call: (dicts) => {
      const merged: PyDict = new Map();
      for (const dict of dicts) dictUpdate(merged, dict);
      return merged;
    },
  },
  min: { signature: [arg('array-number', 'array-string')], call: ([values]) => extreme(values as Orderable[], (value) => value as Orderable, '<') },
  min_by: {
    signature: [arg('array'), arg('expref')],
    call: ([values, expression]) => extreme(values as PyValue[], keyFunction(expression as Expression, ['number', 'string'], 'min_by'), '<'),
  },
  not_null: { signature: [{ types: [], variadic: true }], call: (values) => values.find((value) => value !== null) ?? null },
  reverse: {
    signature: [arg('array', 'string')],
    call: ([value]) => (typeof value === 'string' ? [...value].reverse().join('') : [...(value as PyValue[])].reverse()),
  },
  sort: { signature: [arg('array-string', 'array-number')], call: ([values]) => sortedBy(values as Orderable[], values as Orderable[]) },
  sort_by: {
    signature: [arg('array'), arg('expref')],
    call: ([values, expression]) => {
      const list = values as PyValue[];
      if (list.length === 0) return list;
      const byKey = expression as Expression;
      // The first element's key decides whether all keys must be numbers or strings.
      const required = jmespathType(byKey.apply(list[0]!));
      if (required !== 'number' && required !== 'string') throw typeError('sort_by', list[0]!, required, ['string', 'number']);
      const key = keyFunction(byKey, [required], 'sort_by');
      return sortedBy(list, list.map(key));
    },
  },
  starts_with: { signature: [stringArg, stringArg], call: ([subject, prefix]) => (subject as string).startsWith(prefix as string) },
  sum: { signature: [arg('array-number')], call: ([values]) => sum(values as (number | bigint)[]) },
  to_array: { signature: [anyArg], call: ([value]) => (Array.isArray(value) ? value : [value!]) },
  to_number: { signature: [anyArg], call: ([value]) => toNumber(value!) },
  to_string: { signature: [anyArg], call: ([value]) => (typeof value === 'string' ? value : pyJsonDumps(value!)) },
  // An expression reference falls through jmespath.py's checks: its type is None.
  type: { signature: [anyArg], call: ([value]) => (value instanceof Expression ? null : jmespathType(value!)) },
  values: { signature: [arg('object')], call: ([dict]) => [...(dict as PyDict).values()] },
};

export function callFunction(name: string, args: PyValue[]): PyValue {
  const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (spec === undefined) throw new PyError(`Unknown function: ${name}()`);
  checkArguments(name, args, spec.signature);
  return spec.call(args);
}

function checkArguments(name: string, args: PyValue[], signature: ArgumentSpec[]): void {
  const expected = signature.length;
  const plural = expected === 1 ? 'argument' : 'arguments';
  if (signature[expected - 1]?.variadic) {
    if (args.length < expected) throw new PyError(`Expected at least ${expected} ${plural} for function ${name}(), received ${args.length}`);
  } else if (args.length !== expected) {
    throw new PyError(`Expected ${expected} ${plural} for function ${name}(), received ${args.length}`);
  }
  // Extra variadic arguments go unchecked, as in jmespath.py.
  signature.forEach((spec, index) => {
    if (spec.types.length > 0) checkType(name, args[index]!, spec.types);
  });
}

function checkType(name: string, value: PyValue, types: string[]): void {
  const allowed: string[] = [];
  const allowedSubtypes: string[][] = [];
  for (const type of types) {
    const [outer, inner] = type.split('-', 2) as [string, string | undefined];
    if (inner !== undefined) allowedSubtypes.push(REVERSE_TYPES_MAP[inner]!);
    allowed.push(...REVERSE_TYPES_MAP[outer]!);
  }
  const actual = pyTypeName(value);
  if (!allowed.includes(actual)) throw typeError(name, value, jmespathType(value), types);
  if (allowedSubtypes.length === 0) return;
  // Element errors name the Python type ("str"), as jmespath.py's do.
  const elements = value as PyValue[];
  let subtypes = allowedSubtypes[0]!;
  if (allowedSubtypes.length > 1) {
    if (elements.length === 0) return;
    const first = pyTypeName(elements[0]!);
    const matching = allowedSubtypes.find((candidate) => candidate.includes(first));
    if (matching === undefined) throw typeError(name, elements[0]!, first, types);
    subtypes = matching;
  }
  for (const element of elements) {
    if (!subtypes.includes(pyTypeName(element))) throw typeError(name, element, pyTypeName(element), types);
  }
}

function keyFunction(expression: Expression, allowed: string[], name: string): (value: PyValue) => Orderable {
  return (value) => {
    const key = expression.apply(value);
    const type = jmespathType(key);
    if (!allowed.includes(type)) throw typeError(name, key, type, allowed);
    return key as Orderable;
  };
}

/** Python's `max()` / `min()` with a key: the first element whose key beats all others. */
function extreme<T extends PyValue>(values: T[], key: (value: T) => Orderable, operator: '<' | '>'): T | null {
  if (values.length === 0) return null;
  let best = values[0] as T;
  let bestKey = key(best);
  for (const value of values.slice(1)) {
    const current = key(value);
    if (typeof current === 'string' !== (typeof bestKey === 'string')) {
      throw new PyError(`'${operator}' not supported between instances of '${pyTypeName(current)}' and '${pyTypeName(bestKey)}'`);
    }
    if (operator === '<' ? pyLess(current, bestKey) : pyLess(bestKey, current)) {
      best = value;
      bestKey = current;
    }
  }
  return best;
}

/** Python's stable `sorted()` of `values` by the keys at the same positions. */
function sortedBy<T>(values: T[], keys: Orderable[]): T[] {
  const order = values.map((_, index) => index);
  order.sort((a, b) => (pyLess(keys[a]!, keys[b]!) ? -1 : pyLess(keys[b]!, keys[a]!) ? 1 : 0));
  return order.map((index) => values[index]!);
}

/** Python's `sum()`: exact while every term is an int, float arithmetic from the first float on. */
function sum(values: (number | bigint)[]): number | bigint {
  let total: number | bigint = 0n;
  for (const value of values) {
    total = typeof total === 'bigint' && typeof value === 'bigint' ? total + value : toFloat(total) + toFloat(value);
  }
  return total;
}

function toFloat(value: number | bigint): number {
  if (typeof value === 'number') return value;
  const float = Number(value);
  if (!Number.isFinite(float)) throw new PyError('int too large to convert to float');
  return float;
}

/** `math.ceil` / `math.floor`: an int, which a float's infinity or NaN cannot become. */
function toInt(value: number | bigint, round: (value: number) => number): bigint {
  if (typeof value === 'bigint') return value;
  if (Number.isNaN(value)) throw new PyError('cannot convert float NaN to integer');
  if (!Number.isFinite(value)) throw new PyError('cannot convert float infinity to integer');
  return BigInt(round(value));
}

function toNumber(value: PyValue): PyValue {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (typeof value === 'string') return pyInt(value) ?? pyFloat(value) ?? null;
  if (value instanceof Expression) {
    throw new PyError("int() argument must be a string, a bytes-like object or a real number, not '_Expression'");
  }
  return null;
}

/**
 * Python's `dict.update()`: merge checks only its first argument, so later ones may be
 * anything `dict()` accepts (a dict or a list of key/value pairs) or fail as Python fails.
 */
function dictUpdate(target: PyDict, source: PyValue): void {
  if (isDict(source)) {
    for (const [key, value] of source) target.set(key, value);
    return;
  }
  if (typeof source === 'string') {
    if (source !== '') throw new PyError('dictionary update sequence element #0 has length 1; 2 is required');
    return;
  }
  if (!Array.isArray(source)) throw new PyError(`'${pyTypeName(source)}' object is not iterable`);
  source.forEach((pair, index) => {
    const items = typeof pair === 'string' ? [...pair] : Array.isArray(pair) ? pair : isDict(pair) ? [...pair.keys()] : undefined;
    if (items === undefined) throw new PyError(`cannot convert dictionary update sequence element #${index} to a sequence`);
    if (items.length !== 2) throw new PyError(`dictionary update sequence element #${index} has length ${items.length}; 2 is required`);
    const [key, value] = items as [PyValue, PyValue];
    if (Array.isArray(key) || isDict(key)) throw new PyError(`unhashable type: '${pyTypeName(key)}'`);
    if (typeof key !== 'string') throw new PyError(`merge() here keeps string keys only, not '${pyTypeName(key)}'`);
    target.set(key, value);
  });
}
