/**
 * Python's `repr()` of a value, which the text formatter prints when one element of a
 * list of dicts holds a dict or list where the others hold a scalar.
 */
import { NON_PRINTABLE_RANGES } from './py-printable-data.js';
import { keysInOrder, numberText, type Json } from './value.js';

export function pyRepr(value: Json, container: object, key: string | number): string {
  if (typeof value === 'string') return pyStringRepr(value);
  if (typeof value === 'number') return numberText(container, key, value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return 'None';
  if (Array.isArray(value)) return `[${value.map((element, index) => pyRepr(element, value, index)).join(', ')}]`;
  const entries = keysInOrder(value).map((name) => `${pyStringRepr(name)}: ${pyRepr(value[name]!, value, name)}`);
  return `{${entries.join(', ')}}`;
}

export function pyStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (isNonPrintable(code)) out += escapeCodePoint(code);
    else out += char;
  }
  return out + quote;
}

// What Python's repr() escapes depends on its own Unicode version (14.0 in Python 3.11),
// not Node's, hence a table generated from the reference interpreter.
function isNonPrintable(code: number): boolean {
  let low = 0;
  let high = NON_PRINTABLE_RANGES.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (code < NON_PRINTABLE_RANGES[2 * middle]!) high = middle - 1;
    else if (code > NON_PRINTABLE_RANGES[2 * middle + 1]!) low = middle + 1;
    else return true;
  }
  return false;
}

function escapeCodePoint(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}
