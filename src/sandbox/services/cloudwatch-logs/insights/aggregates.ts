/**
 * stats' aggregation functions ("Logs Insights: Aggregation functions in the stats command"):
 * each group of rows feeds one accumulator per function, which keeps only what its result
 * needs (a count, a sum, a set, or the values pct() sorts once at the end).
 */
import { isPresent, toNumber, type Value } from './values.js';

export interface Accumulator {
  /** One row's value of the function's field (`true` for count(*)), and the row's @timestamp. */
  add(value: Value, time: number): void;
  result(): Value;
}

export interface AggregateSpec {
  /** Whether `f(*)` is allowed (count(*)). */
  star: boolean;
  /** How many arguments: the field, and for pct() the percentile. */
  args: readonly [number, number];
  make(parameter: number): Accumulator;
}

function numericFold(initial: number, fold: (total: number, n: number) => number, finish: (total: number, count: number) => Value = (total) => total): () => Accumulator {
  return () => {
    let total = initial;
    let count = 0;
    return {
      add(value) {
        const n = toNumber(value);
        if (Number.isNaN(n)) return;
        total = count === 0 ? n : fold(total, n);
        count++;
      },
      result: () => (count === 0 ? undefined : finish(total, count)),
    };
  };
}

function byTime(later: boolean): () => Accumulator {
  return () => {
    let best: Value;
    let bestTime = later ? -Infinity : Infinity;
    return {
      add(value, time) {
        if (value === undefined) return;
        if (later ? time >= bestTime : time < bestTime) {
          best = value;
          bestTime = time;
        }
      },
      // A time comes back as epoch milliseconds, as AWS answers earliest(@timestamp).
      result: () => (best instanceof Date ? best.getTime() : best),
    };
  };
}

/** The nearest-rank percentile of the numeric values. */
function percentile(parameter: number): Accumulator {
  const values: number[] = [];
  return {
    add(value) {
      const n = toNumber(value);
      if (!Number.isNaN(n)) values.push(n);
    },
    result() {
      if (values.length === 0) return undefined;
      values.sort((a, b) => a - b);
      const rank = Math.max(1, Math.ceil((parameter / 100) * values.length));
      return values[Math.min(rank, values.length) - 1];
    },
  };
}

function standardDeviation(): Accumulator {
  let count = 0;
  let mean = 0;
  let squares = 0;
  return {
    add(value) {
      const n = toNumber(value);
      if (Number.isNaN(n)) return;
      count++;
      const delta = n - mean;
      mean += delta / count;
      squares += delta * (n - mean);
    },
    // Sample standard deviation; AWS does not say which, and the sample one is the usual.
    result: () => (count < 2 ? (count === 1 ? 0 : undefined) : Math.sqrt(squares / (count - 1))),
  };
}

export const AGGREGATES: ReadonlyMap<string, AggregateSpec> = new Map<string, AggregateSpec>([
  ['count', {
    star: true,
    args: [0, 1],
    make: () => {
      let count = 0;
      return { add: (value) => void (count += isPresent(value) ? 1 : 0), result: () => count };
    },
  }],
  ['count_distinct', {
    star: false,
    args: [1, 1],
    make: () => {
      const seen = new Set<string | number>();
      return { add: (value) => void (isPresent(value) && seen.add(value instanceof Date ? value.getTime() : typeof value === 'boolean' ? String(value) : value!)), result: () => seen.size };
    },
  }],
  ['sum', { star: false, args: [1, 1], make: numericFold(0, (total, n) => total + n) }],
  ['avg', { star: false, args: [1, 1], make: numericFold(0, (total, n) => total + n, (total, count) => total / count) }],
  ['min', { star: false, args: [1, 1], make: numericFold(0, Math.min) }],
  ['max', { star: false, args: [1, 1], make: numericFold(0, Math.max) }],
  ['stddev', { star: false, args: [1, 1], make: standardDeviation }],
  ['pct', { star: false, args: [2, 2], make: percentile }],
  ['percentile', { star: false, args: [2, 2], make: percentile }],
  ['earliest', { star: false, args: [1, 1], make: byTime(false) }],
  ['latest', { star: false, args: [1, 1], make: byTime(true) }],
]);
