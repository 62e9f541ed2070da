/**
 * The values a query works on, typed as jmespath.py sees them: a Python int is a `bigint`
 * (exact at any size), a Python float is a `number` (so `2.0`, `-0.0` and `1e20` stay
 * floats), a dict is a `Map` (insertion order, any key, no prototype), and an expression
 * reference (`&Key`) is an `Expression`.
 *
 * A query converts its document into this form once, evaluates, and converts the result
 * back into the formatters' model, so no number loses its Python type on the way.
 */
import { pyStringRepr } from './py-repr.js';
import {
  compareCodePoints,
  doc,
  keysInOrder,
  markedNumberText,
  markFloat,
  pyFloatRepr,
  setKeyOrder,
  setMember,
  setNumberText,
  type Doc,
  type Json,
  type JsonObject,
} from './value.js';

export type PyValue = null | boolean | string | bigint | number | PyValue[] | PyDict | Expression;
export type PyDict = Map<string, PyValue>;

/** What `&expression` evaluates to: the expression, to be applied later by a function. */
export class Expression {
  constructor(readonly apply: (value: PyValue) => PyValue) {}
}

/** A Python exception's `str()`, raised while evaluating: the CLI prints it and exits 255. */
export class PyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyError';
  }
}

export const isDict = (value: PyValue): value is PyDict => value instanceof Map;

/** Python's `isinstance(x, Number)` without bool, as jmespath.py's `_is_actual_number`. */
export const isNumber = (value: PyValue): value is bigint | number => typeof value === 'bigint' || typeof value === 'number';

/** `type(value).__name__`, which jmespath.py's type checks and Python's errors name. */
export function pyTypeName(value: PyValue): string {
  if (value === null) return 'NoneType';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
  }
  if (Array.isArray(value)) return 'list';
  return isDict(value) ? 'dict' : '_Expression';
}

const INT_TEXT = /^-?\d+$/;
// Keys JS objects enumerate first, whose document order must be recorded.
const INTEGER_KEY = /^(?:0|[1-9]\d{0,9})$/;

export function fromDoc(document: Doc): PyValue {
  // One Map or list per document object, so a value reached twice is still one object.
  const converted = new Map<object, PyValue>();
  const fromJson = (value: Json, container: object, key: string | number): PyValue => {
    if (typeof value === 'number') {
      const text = markedNumberText(container, key);
      if (text === undefined) return Number.isInteger(value) ? BigInt(value) : value;
      return INT_TEXT.test(text) ? BigInt(text) : value;
    }
    if (value === null || typeof value !== 'object') return value;
    let result = converted.get(value);
    if (result !== undefined) return result;
    if (Array.isArray(value)) {
      const list: PyValue[] = [];
      converted.set(value, list);
      value.forEach((element, index) => list.push(fromJson(element, value, index)));
      return list;
    }
    result = new Map<string, PyValue>();
    converted.set(value, result);
    for (const name of keysInOrder(value)) result.set(name, fromJson(value[name]!, value, name));
    return result;
  };
  return fromJson(document.value, document, 'value');
}

export function toDoc(value: PyValue): Doc {
  const root = doc(null);
  // The same dict or list reached twice stays one object: the YAML formatter anchors it.
  const converted = new Map<object, Json>();
  const toJson = (value: PyValue, container: object, key: string | number): Json => {
    switch (typeof value) {
      case 'bigint': {
        const number = Number(value);
        if (!Number.isSafeInteger(number)) setNumberText(container, key, value.toString());
        return number;
      }
      case 'number':
        markFloat(container, key, value);
        return value;
      case 'string':
      case 'boolean':
        return value;
    }
    if (value === null) return null;
    const done = converted.get(value);
    if (done !== undefined) return done;
    if (Array.isArray(value)) {
      const array: Json[] = [];
      converted.set(value, array);
      for (const element of value) array.push(toJson(element, array, array.length));
      return array;
    }
    if (!isDict(value)) throw new PyError('Object of type _Expression is not JSON serializable');
    const object: JsonObject = {};
    converted.set(value, object);
    let integerKeys = false;
    for (const [name, member] of value) {
      setMember(object, name, toJson(member, object, name));
      integerKeys ||= INTEGER_KEY.test(name);
    }
    if (integerKeys) setKeyOrder(object, [...value.keys()]);
    return object;
  };
  root.value = toJson(value, root, 'value');
  return root;
}

/** Python's `str()`: what `%s` prints in jmespath.py's messages. */
export function pyStr(value: PyValue): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** Python's `repr()`. */
export function pyRepr(value: PyValue): string {
  if (value === null) return 'None';
  switch (typeof value) {
    case 'boolean':
      return value ? 'True' : 'False';
    case 'string':
      return pyStringRepr(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return pyFloatRepr(value);
  }
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isDict(value)) return `{${[...value].map(([name, member]) => `${pyStringRepr(name)}: ${pyRepr(member)}`).join(', ')}}`;
  // CPython adds the object's address, which no two runs share.
  return '<jmespath.visitor._Expression object>';
}

/** A list of strings as Python prints it: `['string', 'number']`. */
export function pyListRepr(items: readonly string[]): string {
  return `[${items.map(pyStringRepr).join(', ')}]`;
}

/** Python's `==`: bool is an int, ints and floats compare exactly, containers element by element. */
export function pyEquals(left: PyValue, right: PyValue): boolean {
  if (left === right) return true;
  const a = typeof left === 'boolean' ? BigInt(left) : left;
  const b = typeof right === 'boolean' ? BigInt(right) : right;
  if (isNumber(a) && isNumber(b)) return a == b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((element, index) => pyEquals(element, b[index]!));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [name, member] of a) if (!b.has(name) || !pyEquals(member, b.get(name)!)) return false;
    return true;
  }
  return false;
}

/** jmespath.py's `_is_false`: the empty string, list and dict, null and false. */
export function isFalse(value: PyValue): boolean {
  if (value === null || value === false || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isDict(value) && value.size === 0;
}

/** Python's `<` on two numbers (exact across int and float) or two strings (by code point). */
export function pyLess(a: string | number | bigint, b: string | number | bigint): boolean {
  if (typeof a === 'string') return compareCodePoints(a, b as string) < 0;
  return a < (b as number | bigint);
}
