/**
 * `--output json`: what Python's `json.dump(response, indent=4, ensure_ascii=False)`
 * writes, keys in the document's own order, then a newline. An empty object prints
 * nothing (the CLI's "operation has no output" case); every other value prints.
 */
import { keysInOrder, numberText, type Doc, type Json } from './value.js';

export function formatJson(document: Doc): string {
  const value = document.value;
  if (isEmptyObject(value)) return '';
  const parts: string[] = [];
  writeValue(value, document, 'value', '', parts);
  parts.push('\n');
  return parts.join('');
}

/** One scalar as `json.dumps` writes it, as the YAML formatter prints top-level scalars. */
export function jsonScalar(value: Json, container: object, key: string | number): string {
  if (typeof value === 'string') return pyJsonString(value);
  if (typeof value === 'number') return jsonNumber(numberText(container, key, value));
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw new TypeError('jsonScalar takes a scalar');
}

function writeValue(value: Json, container: object, key: string | number, indent: string, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(jsonScalar(value, container, key));
    return;
  }
  const inner = indent + '    ';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      out.push(i === 0 ? '\n' : ',\n', inner);
      writeValue(value[i]!, value, i, inner, out);
    }
    out.push('\n', indent, ']');
    return;
  }
  const keys = keysInOrder(value);
  if (keys.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{');
  for (let i = 0; i < keys.length; i++) {
    const name = keys[i]!;
    out.push(i === 0 ? '\n' : ',\n', inner, pyJsonString(name), ': ');
    writeValue(value[name]!, value, name, inner, out);
  }
  out.push('\n', indent, '}');
}

/** Python's float forms for the non-finite values differ between str() and json. */
function jsonNumber(text: string): string {
  switch (text) {
    case 'nan':
      return 'NaN';
    case 'inf':
      return 'Infinity';
    case '-inf':
      return '-Infinity';
    default:
      return text;
  }
}

// Python's json escapes these and nothing else when ensure_ascii is off.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

export function pyJsonString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  let escaped = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (ESCAPES[char] !== undefined) escaped += ESCAPES[char];
    else if (code < 0x20) escaped += `\\u${code.toString(16).padStart(4, '0')}`;
    else escaped += char;
  }
  return `"${escaped}"`;
}

function isEmptyObject(value: Json): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
