/**
 * `json.dumps(value, separators=(',', ':'))`, which jmespath.py's `to_string` returns:
 * compact, keys in insertion order, floats in Python's repr, and `ensure_ascii` on, so
 * every character outside printable ASCII is a `\uXXXX` escape.
 */
import { isDict, pyStr, type PyValue } from './jmespath-value.js';
import { pyFloatRepr } from './value.js';

export function pyJsonDumps(value: PyValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return asciiJsonString(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return floatText(value);
  }
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(',')}]`;
  if (isDict(value)) return `{${[...value].map(([key, member]) => `${asciiJsonString(key)}:${pyJsonDumps(member)}`).join(',')}}`;
  // jmespath.py passes default=str: what json cannot write, it writes as str().
  return asciiJsonString(pyStr(value));
}

function floatText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return pyFloatRepr(value);
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
const NEEDS_ESCAPE = /[\\"]|[^ -~]/g;

// UTF-16 units, so a character beyond the BMP comes out as its surrogate pair, as Python writes it.
function asciiJsonString(text: string): string {
  const escaped = text.replace(NEEDS_ESCAPE, (char) => ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}
