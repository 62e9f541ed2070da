/**
 * The data model every formatter reads: plain JSON values, plus the few facts about
 * numbers that a JavaScript number cannot carry but the AWS CLI prints.
 *
 * The AWS CLI is Python: `2.0` is a float and prints as `2.0`, `10000000000000000001` is
 * an exact int. A JS number holds neither distinction, so a number whose printed form
 * differs from what its JS value implies keeps that form in a side table keyed by the
 * object (or array) that holds it. Keying by container rather than wrapping the number
 * keeps values plain, so the JMESPath library can query them unchanged, and a query
 * result that returns the same containers keeps the marks.
 */

export type Json = null | boolean | number | string | JsonArray | JsonObject;
export type JsonArray = Json[];
export interface JsonObject {
  [key: string]: Json;
}

/** The root of a document: the value lives in `value`, so a top-level number can be marked too. */
export interface Doc {
  value: Json;
}

export function doc(value: Json): Doc {
  return { value };
}

const numberTexts = new WeakMap<object, Map<string, string>>();

/** Records that the number at `container[key]` prints as `text` in Python's `str()` form. */
export function setNumberText(container: object, key: string | number, text: string): void {
  let texts = numberTexts.get(container);
  if (!texts) {
    texts = new Map();
    numberTexts.set(container, texts);
  }
  texts.set(String(key), text);
}

/** The recorded Python form of the number at `container[key]`, if it differs from what its value implies. */
export function markedNumberText(container: object, key: string | number): string | undefined {
  return numberTexts.get(container)?.get(String(key));
}

/** Python's `str()` of the number stored at `container[key]`. */
export function numberText(container: object, key: string | number, value: number): string {
  const texts = numberTexts.get(container);
  return texts?.get(String(key)) ?? pyNumberText(value);
}

/** Marks `container[key]` as a Python float, so an integral value prints as `2.0`. */
export function markFloat(container: object, key: string | number, value: number): void {
  if (Number.isInteger(value)) setNumberText(container, key, pyFloatRepr(value));
}

/** Python's `str()` of a number whose type follows its value: integral means int. */
export function pyNumberText(value: number): string {
  return Number.isInteger(value) ? BigInt(value).toString() : pyFloatRepr(value);
}

/**
 * Python's `repr(float)`: the shortest digits that round-trip (as JS finds them too),
 * laid out fixed when the decimal exponent is in [-4, 16) and scientific otherwise,
 * always with a `.0` or a fraction in fixed form and a two-digit signed exponent.
 */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa!.startsWith('-');
  const digits = mantissa!.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fracPart = digits.slice(exponent + 1) || '0';
  return `${sign}${intPart}.${fracPart}`;
}

/**
 * Python's `str()` of a scalar as the text and table formatters print it:
 * `True`, `False`, `None`, numbers as above, strings unchanged.
 * `container` and `key` locate the value so a marked number keeps its form.
 */
export function pyStr(value: Json, container?: object, key?: string | number): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return container !== undefined && key !== undefined ? numberText(container, key, value) : pyNumberText(value);
    case 'boolean':
      return value ? 'True' : 'False';
    default:
      if (value === null) return 'None';
      throw new TypeError('pyStr takes a scalar');
  }
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isScalar(value: Json | undefined): value is null | boolean | number | string {
  return value === null || typeof value !== 'object';
}

/** Python's `sorted()` order for dict keys: by code point, not UTF-16 unit. */
export function sortedKeys(object: JsonObject): string[] {
  return Object.keys(object).sort(compareCodePoints);
}

export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/*
 * JS objects enumerate integer-like keys ("2", "10") first and in numeric order, while
 * Python dicts keep insertion order. Where a parsed object has such keys, its original
 * order is recorded here, for the one format that keeps order (json).
 */
const keyOrders = new WeakMap<object, string[]>();

export function setKeyOrder(object: JsonObject, keys: string[]): void {
  keyOrders.set(object, keys);
}

/** Sets a member; a `__proto__` key is data too, where plain assignment would set the prototype. */
export function setMember(object: JsonObject, key: string, value: Json): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/** A copy of `object` without `key`: same members, same key order, same number forms. */
export function withoutKey(object: JsonObject, key: string): JsonObject {
  const copy: JsonObject = {};
  const keys = keysInOrder(object).filter((name) => name !== key);
  for (const name of keys) setMember(copy, name, object[name]!);
  const texts = numberTexts.get(object);
  if (texts) numberTexts.set(copy, new Map([...texts].filter(([name]) => name !== key)));
  if (keyOrders.has(object)) keyOrders.set(copy, keys);
  return copy;
}

/** The object's keys in the order the document gave them. */
export function keysInOrder(object: JsonObject): string[] {
  return keyOrders.get(object) ?? Object.keys(object);
}
