/**
 * Reads a JSON text the way Python's `json.loads` does, into the formatter's data model:
 * numbers keep their Python type and exact value (`2.0` is a float, big integers stay
 * exact), objects keep the document's key order, a repeated key keeps its first position
 * and last value, and `NaN` / `Infinity` are accepted. `JSON.parse` can do none of the
 * number or order parts, which is why this parser exists.
 */
import { doc, pyFloatRepr, setKeyOrder, setNumberText, type Doc, type Json, type JsonObject } from './value.js';

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line} column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids exactly these raw in a string
const PLAIN_STRING = /[^"\\\u0000-\u001f]*/y;
const INTEGER_KEY = /^(?:0|[1-9]\d{0,9})$/;

export function parseJsonDocument(text: string): Doc {
  const root = doc(null);
  let at = 0;

  const fail = (reason: string, position = at): never => {
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    throw new JsonSyntaxError(reason, line, column);
  };

  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at++;
      else return;
    }
  };

  const readString = (): string => {
    const start = at;
    at++; // opening quote
    PLAIN_STRING.lastIndex = at;
    PLAIN_STRING.test(text);
    at = PLAIN_STRING.lastIndex;
    if (text.charCodeAt(at) === 0x22) {
      at++;
      return text.slice(start + 1, at - 1);
    }
    // Escapes or a stray control character: find the closing quote and let JSON.parse decode.
    for (;;) {
      const c = text.charCodeAt(at);
      if (Number.isNaN(c)) fail('Unterminated string starting', start);
      if (c < 0x20) fail('Invalid control character');
      if (c === 0x5c) at += 2;
      else if (c === 0x22) break;
      else at++;
    }
    at++;
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      return fail('Invalid \\escape', start);
    }
  };

  const readNumber = (container: object, key: string | number): number => {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) return fail('Expecting value');
    at = NUMBER.lastIndex;
    const lexeme = match[0];
    const value = Number(lexeme);
    const isFloat = match[1] !== undefined || match[2] !== undefined;
    if (isFloat) {
      if (Number.isInteger(value) || !Number.isFinite(value) || Object.is(value, -0)) {
        setNumberText(container, key, pyFloatRepr(value));
      }
    } else if (!Number.isSafeInteger(value)) {
      setNumberText(container, key, BigInt(lexeme).toString());
    }
    return value;
  };

  const readValue = (container: object, key: string | number, depth: number): Json => {
    if (depth > 1000) fail('Document nested too deeply');
    skipSpace();
    const c = text.charCodeAt(at);
    switch (c) {
      case 0x7b /* { */:
        return readObject(depth);
      case 0x5b /* [ */:
        return readArray(depth);
      case 0x22 /* " */:
        return readString();
      case 0x74 /* t */:
        return readWord('true', true);
      case 0x66 /* f */:
        return readWord('false', false);
      case 0x6e /* n */:
        return readWord('null', null);
      case 0x4e /* N */:
        return readSpecialNumber('NaN', NaN, container, key);
      case 0x49 /* I */:
        return readSpecialNumber('Infinity', Infinity, container, key);
      default:
        if (text.startsWith('-Infinity', at)) return readSpecialNumber('-Infinity', -Infinity, container, key);
        return readNumber(container, key);
    }
  };

  const readWord = <T extends Json>(word: string, value: T): T => {
    if (!text.startsWith(word, at)) fail('Expecting value');
    at += word.length;
    return value;
  };

  const readSpecialNumber = (word: string, value: number, container: object, key: string | number): number => {
    readWord(word, null);
    setNumberText(container, key, pyFloatRepr(value));
    return value;
  };

  const readArray = (depth: number): Json[] => {
    at++;
    const array: Json[] = [];
    skipSpace();
    if (text.charCodeAt(at) === 0x5d) {
      at++;
      return array;
    }
    for (;;) {
      array.push(readValue(array, array.length, depth + 1));
      skipSpace();
      const c = text.charCodeAt(at++);
      if (c === 0x5d) return array;
      if (c !== 0x2c) fail("Expecting ',' delimiter", at - 1);
    }
  };

  const readObject = (depth: number): JsonObject => {
    at++;
    const object: JsonObject = {};
    let keys: string[] | undefined;
    let hasIntegerKey = false;
    skipSpace();
    if (text.charCodeAt(at) === 0x7d) {
      at++;
      return object;
    }
    for (;;) {
      skipSpace();
      if (text.charCodeAt(at) !== 0x22) fail('Expecting property name enclosed in double quotes');
      const key = readString();
      skipSpace();
      if (text.charCodeAt(at++) !== 0x3a) fail("Expecting ':' delimiter", at - 1);
      const value = readValue(object, key, depth + 1);
      if (!Object.prototype.hasOwnProperty.call(object, key)) {
        (keys ??= []).push(key);
        if (!hasIntegerKey && INTEGER_KEY.test(key)) hasIntegerKey = true;
      }
      if (key === '__proto__') {
        // Plain assignment would set the prototype; a document's key is data.
        Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
      } else {
        object[key] = value;
      }
      skipSpace();
      const c = text.charCodeAt(at++);
      if (c === 0x7d) break;
      if (c !== 0x2c) fail("Expecting ',' delimiter", at - 1);
    }
    if (hasIntegerKey) setKeyOrder(object, keys!);
    return object;
  };

  root.value = readValue(root, 'value', 0);
  skipSpace();
  if (at < text.length) fail('Extra data');
  return root;
}
