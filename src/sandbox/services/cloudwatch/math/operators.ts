/**
 * Metric math's operators over scalars, series and arrays of series. A scalar meets every
 * point of a series; an array meets its operand series by series. Two series are aligned
 * by timestamp over the union of their timestamps, a point one of them lacks counting as 0
 * (the project's notes on CloudWatch, ../shared/notes/aws-behaviour.md; AWS's pages reached
 * here do not say it in so many words). A result that is not a finite number, a division by
 * zero above all, leaves no point. Comparisons and logical operators give 1 or 0.
 */
import type { BinaryOperator } from './ast.js';
import { MathError } from './errors.js';
import { array, kindOf, mapValues, scalar, seriesOf, single, type Series, type Value } from './values.js';

const truthy = (value: number): boolean => value !== 0;
const bool = (value: boolean): number => (value ? 1 : 0);

const ARITHMETIC: Readonly<Record<BinaryOperator, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => (b === 0 ? NaN : a / b),
  '^': (a, b) => a ** b,
  '==': (a, b) => bool(a === b),
  '!=': (a, b) => bool(a !== b),
  '<': (a, b) => bool(a < b),
  '>': (a, b) => bool(a > b),
  '<=': (a, b) => bool(a <= b),
  '>=': (a, b) => bool(a >= b),
  '&&': (a, b) => bool(truthy(a) && truthy(b)),
  '||': (a, b) => bool(truthy(a) || truthy(b)),
};

export function applyBinary(operator: BinaryOperator, left: Value, right: Value): Value {
  const f = ARITHMETIC[operator];
  return combine(left, right, f, `'${operator}'`);
}

export function applyUnary(operator: '-' | '+' | '!', operand: Value): Value {
  const f = operator === '-' ? (v: number) => -v : operator === '+' ? (v: number) => v : (v: number) => bool(!truthy(v));
  return elementwise(operand, f, `'${operator}'`);
}

/** A function of one number applied to every value: ABS, CEIL, unary minus. */
export function elementwise(value: Value, f: (v: number) => number, what: string): Value {
  switch (value.kind) {
    case 'scalar':
      return scalar(f(value.value));
    case 'series':
      return single(mapValues(value.series, f));
    case 'array':
      return array(value.series.map((s) => mapValues(s, f)));
    default:
      throw new MathError(`${what} cannot be applied to ${kindOf(value)}`);
  }
}

/** Two operands through a function of two numbers, with the alignment rules above. */
export function combine(left: Value, right: Value, f: (a: number, b: number) => number, what: string): Value {
  if (left.kind === 'scalar' && right.kind === 'scalar') return scalar(f(left.value, right.value));
  if (left.kind === 'scalar') return elementwise(right, (b) => f(left.value, b), what);
  if (right.kind === 'scalar') return elementwise(left, (a) => f(a, right.value), what);
  if (left.kind === 'series' && right.kind === 'series') return single(alignSeries(left.series, right.series, f));
  if (left.kind === 'array' && right.kind === 'series') return array(left.series.map((s) => alignSeries(s, right.series, f)));
  if (left.kind === 'series' && right.kind === 'array') return array(right.series.map((s) => alignSeries(left.series, s, f, s)));
  if (left.kind === 'array' && right.kind === 'array') throw new MathError(`${what} cannot combine two arrays of time series`);
  const odd = left.kind === 'string' || left.kind === 'keyword' ? left : right;
  throw new MathError(`${what} cannot be applied to ${kindOf(odd)}`);
}

function alignSeries(a: Series, b: Series, f: (a: number, b: number) => number, labelFrom: Series = a): Series {
  const left = new Map(a.timestamps.map((t, i) => [t, a.values[i]!]));
  const right = new Map(b.timestamps.map((t, i) => [t, b.values[i]!]));
  const times = new Set([...left.keys(), ...right.keys()]);
  return seriesOf([...times].map((t) => [t, f(left.get(t) ?? 0, right.get(t) ?? 0)] as const), labelFrom.source);
}
