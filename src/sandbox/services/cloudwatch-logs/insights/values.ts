/**
 * A field's value in a Logs Insights row: text, a number, a boolean, or a time (a Date, so
 * `@timestamp` sorts and compares as a time and prints as AWS prints it); `undefined` when
 * the row has no such field.
 */
export type Value = string | number | boolean | Date | undefined;

/** A number from a number, a numeric string or a time; NaN otherwise. */
export function toNumber(value: Value): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return NaN;
}

export function toText(value: Value): string {
  if (value === undefined) return '';
  if (value instanceof Date) return renderTime(value.getTime());
  return String(value);
}

/** As GetQueryResults shows times: `2026-12-04 14:02:00.000`, UTC. */
export function renderTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

export function isPresent(value: Value): boolean {
  return value !== undefined && value !== '';
}

export function isTruthy(value: Value): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return value instanceof Date || value !== '';
}

/** Comparison as Logs Insights does it: numerically when both sides are numbers, else as text. */
export function compareValues(a: Value, b: Value): number {
  const x = toNumber(a);
  const y = toNumber(b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x < y ? -1 : x > y ? 1 : 0;
  const s = toText(a);
  const t = toText(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * `sort`'s ascending order, as "Logs Insights: sort" describes it: every non-number before
 * every number; numbers by value; other values chunk by chunk (runs of digits, runs of
 * anything else), digit runs by length then value, other runs in Unicode order.
 */
export function sortOrder(a: Value, b: Value): number {
  const aNumber = isNumberValue(a);
  const bNumber = isNumberValue(b);
  if (aNumber && bNumber) {
    const x = toNumber(a);
    const y = toNumber(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (aNumber !== bNumber) return aNumber ? 1 : -1;
  return naturalOrder(toText(a), toText(b));
}

function isNumberValue(value: Value): boolean {
  return typeof value === 'number' || value instanceof Date || (typeof value === 'string' && NUMBER_TEXT.test(value));
}

const CHUNK = /\d+|\D+/g;

function naturalOrder(a: string, b: string): number {
  if (a === b) return 0;
  const x = a.match(CHUNK) ?? [];
  const y = b.match(CHUNK) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const digits = /^\d/.test(p) && /^\d/.test(q);
    if (digits && p.length !== q.length) return p.length - q.length;
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}
