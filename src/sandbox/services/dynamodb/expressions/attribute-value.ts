/**
 * DynamoDB's AttributeValue as the wire carries it (one member set), with the equality
 * and ordering the expression language needs. Defined here because the DynamoDB client
 * package, which owns the real type, is not a dependency of the sandbox.
 */
import { compareNumbers } from './numbers.js';

export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: Uint8Array }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: Uint8Array[] }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { NULL: true }
  | { BOOL: boolean };

export type Item = Record<string, AttributeValue>;

export type AttributeType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';

export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];

export function typeOf(value: AttributeValue): AttributeType {
  return Object.keys(value)[0] as AttributeType;
}

export function isSet(value: AttributeValue): value is { SS: string[] } | { NS: string[] } | { BS: Uint8Array[] } {
  return 'SS' in value || 'NS' in value || 'BS' in value;
}

export function compareBinary(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Set members compare as their scalar type: numbers by value, binaries by bytes. */
export function sameScalar(type: 'S' | 'N' | 'B', a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (type === 'N') return compareNumbers(a as string, b as string) === 0;
  if (type === 'B') return compareBinary(a as Uint8Array, b as Uint8Array) === 0;
  return a === b;
}

export function setElementType(type: 'SS' | 'NS' | 'BS'): 'S' | 'N' | 'B' {
  return type[0] as 'S' | 'N' | 'B';
}

function sameMembers(type: 'S' | 'N' | 'B', a: readonly (string | Uint8Array)[], b: readonly (string | Uint8Array)[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => sameScalar(type, x, y)));
}

/** Deep equality as DynamoDB's `=`: sets ignore order, numbers compare by value. */
export function attributeEquals(a: AttributeValue, b: AttributeValue): boolean {
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  const x = (a as Record<string, unknown>)[type];
  const y = (b as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
    case 'N':
    case 'B':
      return sameScalar(type, x as string | Uint8Array, y as string | Uint8Array);
    case 'SS':
    case 'NS':
    case 'BS':
      return sameMembers(setElementType(type), x as string[], y as string[]);
    case 'L': {
      const [l, r] = [x as AttributeValue[], y as AttributeValue[]];
      return l.length === r.length && l.every((v, i) => attributeEquals(v, r[i]!));
    }
    case 'M': {
      const [l, r] = [x as Item, y as Item];
      const keys = Object.keys(l);
      return keys.length === Object.keys(r).length && keys.every((k) => k in r && attributeEquals(l[k]!, r[k]!));
    }
    default:
      return x === y;
  }
}

/**
 * Ordering for `<`, `<=`, `>`, `>=` and BETWEEN: defined only between two numbers, two
 * strings (UTF-8 byte order, which code point order matches) or two binaries; any other
 * pair is undefined, and the comparison is false.
 */
export function compareAttributes(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('N' in a && 'N' in b) return compareNumbers(a.N, b.N);
  if ('S' in a && 'S' in b) return compareCodePoints(a.S, b.S);
  if ('B' in a && 'B' in b) return compareBinary(a.B, b.B);
  return undefined;
}

function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** A deep copy, so updates never alias the stored item. */
export function cloneAttribute(value: AttributeValue): AttributeValue {
  return structuredClone(value);
}

/** A value as DynamoDB quotes one in a message: `AttributeValue: {N:1}`. */
export function describeValue(value: AttributeValue): string {
  const type = typeOf(value);
  const raw = (value as Record<string, unknown>)[type];
  const text = raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  return `AttributeValue: {${type}:${text}}`;
}
