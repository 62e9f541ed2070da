/**
 * The metric math functions ("Metric math syntax and functions", CloudWatch User Guide),
 * one entry each: how many arguments it takes and what it makes of them. The statistical
 * functions reduce one series to a scalar and an array to one series (the statistic across
 * the series at each timestamp, over the series that have a value there).
 */
import { grid, type MathContext } from './context.js';
import { MathError } from './errors.js';
import { elementwise } from './operators.js';
import { array, kindOf, mapValues, pairsOf, scalar, seriesOf, single, type Series, type Value } from './values.js';

interface MathFunction {
  args: [min: number, max: number];
  apply(args: Value[], context: MathContext): Value;
}

type Reducer = (values: number[]) => number;

export const REDUCERS: Readonly<Record<string, Reducer>> = {
  SUM: (values) => values.reduce((a, b) => a + b, 0),
  AVG: (values) => (values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length),
  MIN: (values) => (values.length === 0 ? NaN : Math.min(...values)),
  MAX: (values) => (values.length === 0 ? NaN : Math.max(...values)),
  // AWS does not say population or sample; the population deviation is taken here.
  STDDEV: (values) => {
    if (values.length === 0) return NaN;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
  },
};

function statistical(name: string): MathFunction {
  const reduce = REDUCERS[name]!;
  return {
    args: [1, 1],
    apply: ([value]) => {
      switch (value!.kind) {
        case 'scalar':
          return value;
        case 'series':
          return scalar(reduce(value.series.values));
        case 'array': {
          const byTime = new Map<number, number[]>();
          for (const s of value.series) {
            s.timestamps.forEach((t, i) => {
              const values = byTime.get(t);
              if (values === undefined) byTime.set(t, [s.values[i]!]);
              else values.push(s.values[i]!);
            });
          }
          const first = value.series[0];
          return single(seriesOf([...byTime].map(([t, values]) => [t, reduce(values)] as const), { label: name, period: first?.source.period ?? 60 }));
        }
        default:
          throw new MathError(`${name} cannot be applied to ${kindOf(value!)}`);
      }
    },
  };
}

function perPoint(name: string, f: (v: number) => number): MathFunction {
  return { args: [1, 1], apply: ([value]) => elementwise(value!, f, name) };
}

/** A function of one series applied to a series or to each series of an array. */
function perSeries(name: string, f: (series: Series, context: MathContext) => Series): MathFunction {
  return {
    args: [1, 1],
    apply: ([value], context) => {
      if (value!.kind === 'series') return single(f(value.series, context));
      if (value!.kind === 'array') return array(value.series.map((s) => f(s, context)));
      throw new MathError(`${name} needs a time series or an array of time series, not ${kindOf(value!)}`);
    },
  };
}

/** Each point against the one before it; the first point has none and is left out. */
function againstPrevious(series: Series, f: (value: number, previous: number, seconds: number) => number): Series {
  const pairs = pairsOf(series);
  return seriesOf(pairs.slice(1).map(([t, v], i) => [t, f(v, pairs[i]![1], (t - pairs[i]![0]) / 1000)] as const), series.source);
}

function seriesArg(value: Value | undefined, name: string): Series {
  if (value?.kind !== 'series') throw new MathError(`${name} needs a time series, not ${value === undefined ? 'nothing' : kindOf(value)}`);
  return value.series;
}

function arrayArg(value: Value | undefined, name: string): Series[] {
  if (value?.kind === 'array') return value.series;
  if (value?.kind === 'series') return [value.series];
  throw new MathError(`${name} needs an array of time series, not ${value === undefined ? 'nothing' : kindOf(value)}`);
}

function keywordArg(value: Value | undefined, name: string, allowed: readonly string[]): string {
  if (value?.kind !== 'keyword' || !allowed.includes(value.name)) throw new MathError(`${name} takes one of ${allowed.join(', ')} here`);
  return value.name;
}

function numberArg(value: Value | undefined, name: string): number {
  if (value?.kind !== 'scalar') throw new MathError(`${name} needs a number here, not ${value === undefined ? 'nothing' : kindOf(value)}`);
  return value.value;
}

function stringArg(value: Value | undefined, name: string): string {
  if (value?.kind !== 'string') throw new MathError(`${name} needs a quoted string here`);
  return value.value;
}

function fill(series: Series, how: Value, context: MathContext): Series {
  const known = new Map(pairsOf(series));
  const times = grid(context, series.source.period);
  const values: Array<[number, number]> = [];
  if (how.kind === 'scalar') {
    for (const t of times) values.push([t, known.get(t) ?? how.value]);
  } else if (how.kind === 'keyword' && how.name === 'REPEAT') {
    // A gap before the first value takes the first value: there is nothing earlier to repeat.
    let last = series.values[0];
    for (const t of times) {
      last = known.get(t) ?? last;
      if (last !== undefined) values.push([t, last]);
    }
  } else if (how.kind === 'keyword' && how.name === 'LINEAR') {
    // A gap is drawn straight between the values either side; one open at either end stays empty.
    for (const t of times) {
      const at = known.get(t);
      if (at !== undefined) {
        values.push([t, at]);
        continue;
      }
      const before = series.timestamps.findLastIndex((s) => s < t);
      const after = series.timestamps.findIndex((s) => s > t);
      if (before < 0 || after < 0) continue;
      const [t0, v0, t1, v1] = [series.timestamps[before]!, series.values[before]!, series.timestamps[after]!, series.values[after]!];
      values.push([t, v0 + ((v1 - v0) * (t - t0)) / (t1 - t0)]);
    }
  } else {
    throw new MathError('FILL takes a number, REPEAT or LINEAR as its second argument');
  }
  return seriesOf(values, series.source);
}

function conditional([condition, whenTrue, whenFalse]: Value[]): Value {
  const pick = (truth: boolean, t: number): number | undefined => {
    const branch = truth ? whenTrue : whenFalse;
    if (branch === undefined) return undefined;
    if (branch.kind === 'scalar') return branch.value;
    if (branch.kind === 'series') {
      const i = branch.series.timestamps.indexOf(t);
      return i < 0 ? undefined : branch.series.values[i];
    }
    throw new MathError(`IF takes a scalar or a time series as its branches, not ${kindOf(branch)}`);
  };
  const over = (series: Series): Series => {
    const source = whenTrue?.kind === 'series' ? whenTrue.series.source : series.source;
    const pairs: Array<[number, number]> = [];
    series.timestamps.forEach((t, i) => {
      const value = pick(series.values[i] !== 0, t);
      if (value !== undefined) pairs.push([t, value]);
    });
    return seriesOf(pairs, source);
  };
  switch (condition!.kind) {
    case 'scalar': {
      const branch = condition.value !== 0 ? whenTrue : whenFalse;
      if (branch === undefined) return array([]);
      return branch;
    }
    case 'series':
      return single(over(condition.series));
    case 'array':
      return array(condition.series.map(over));
    default:
      throw new MathError(`IF takes a scalar or a time series as its condition, not ${kindOf(condition!)}`);
  }
}

function sort([values, by, order, limit]: Value[]): Value {
  const series = arrayArg(values, 'SORT');
  const reduce = REDUCERS[keywordArg(by, 'SORT', ['SUM', 'AVG', 'MIN', 'MAX'])]!;
  const direction = keywordArg(order, 'SORT', ['ASC', 'DESC']) === 'ASC' ? 1 : -1;
  const keyed = series.map((s) => ({ s, key: reduce(s.values) }));
  // A series with no values has no statistic: it goes last either way.
  keyed.sort((a, b) => (Number.isNaN(a.key) ? 1 : Number.isNaN(b.key) ? -1 : direction * (a.key - b.key)));
  const count = limit === undefined ? keyed.length : numberArg(limit, 'SORT');
  if (!Number.isInteger(count) || count < 0) throw new MathError('SORT takes a whole number of time series as its fourth argument');
  return array(keyed.slice(0, count).map(({ s }) => s));
}

const utc = (t: number): Date => new Date(t);

export const FUNCTIONS: Readonly<Record<string, MathFunction>> = {
  SUM: statistical('SUM'),
  AVG: statistical('AVG'),
  MIN: statistical('MIN'),
  MAX: statistical('MAX'),
  STDDEV: statistical('STDDEV'),
  ABS: perPoint('ABS', Math.abs),
  CEIL: perPoint('CEIL', Math.ceil),
  FLOOR: perPoint('FLOOR', Math.floor),
  LOG: perPoint('LOG', Math.log),
  LOG10: perPoint('LOG10', Math.log10),
  DIFF: perSeries('DIFF', (s) => againstPrevious(s, (v, previous) => v - previous)),
  DIFF_TIME: perSeries('DIFF_TIME', (s) => againstPrevious(s, (_v, _previous, seconds) => seconds)),
  RATE: perSeries('RATE', (s) => againstPrevious(s, (v, previous, seconds) => (v - previous) / seconds)),
  RUNNING_SUM: perSeries('RUNNING_SUM', (s) => {
    let total = 0;
    return mapValues(s, (v) => (total += v));
  }),
  EPOCH: perSeries('EPOCH', (s) => seriesOf(s.timestamps.map((t) => [t, t / 1000] as const), s.source)),
  MINUTE: perSeries('MINUTE', (s) => seriesOf(s.timestamps.map((t) => [t, utc(t).getUTCMinutes()] as const), s.source)),
  HOUR: perSeries('HOUR', (s) => seriesOf(s.timestamps.map((t) => [t, utc(t).getUTCHours()] as const), s.source)),
  // 1 is Monday and 7 Sunday, as the June 2021 launch post on these functions gives it.
  DAY: perSeries('DAY', (s) => seriesOf(s.timestamps.map((t) => [t, utc(t).getUTCDay() || 7] as const), s.source)),
  DATE: perSeries('DATE', (s) => seriesOf(s.timestamps.map((t) => [t, utc(t).getUTCDate()] as const), s.source)),
  MONTH: perSeries('MONTH', (s) => seriesOf(s.timestamps.map((t) => [t, utc(t).getUTCMonth() + 1] as const), s.source)),
  FILL: {
    args: [2, 2],
    apply: ([value, how], context) => {
      if (value!.kind === 'series') return single(fill(value.series, how!, context));
      if (value!.kind === 'array') return array(value.series.map((s) => fill(s, how!, context)));
      throw new MathError(`FILL needs a time series or an array of time series, not ${kindOf(value!)}`);
    },
  },
  PERIOD: { args: [1, 1], apply: ([value]) => scalar(seriesArg(value, 'PERIOD').source.period) },
  DATAPOINT_COUNT: { args: [1, 1], apply: ([value]) => scalar(seriesArg(value, 'DATAPOINT_COUNT').values.length) },
  FIRST: { args: [1, 1], apply: ([value]) => firstOrLast(value, 'FIRST', (series) => series[0]) },
  LAST: { args: [1, 1], apply: ([value]) => firstOrLast(value, 'LAST', (series) => series[series.length - 1]) },
  IF: { args: [2, 3], apply: conditional },
  SORT: { args: [3, 4], apply: sort },
  REMOVE_EMPTY: { args: [1, 1], apply: ([value]) => array(arrayArg(value, 'REMOVE_EMPTY').filter((s) => s.values.length > 0)) },
  TIME_SERIES: {
    args: [1, 1],
    apply: ([value], context) => single(seriesOf(grid(context, context.period).map((t) => [t, numberArg(value, 'TIME_SERIES')] as const), { label: 'TIME_SERIES', period: context.period })),
  },
  METRICS: {
    args: [0, 1],
    apply: ([filter], context) => array(context.metrics(filter === undefined ? undefined : stringArg(filter, 'METRICS'))),
  },
  SEARCH: {
    args: [2, 3],
    apply: ([query, stat, period], context) =>
      array(context.search(stringArg(query, 'SEARCH'), stringArg(stat, 'SEARCH'), period === undefined ? context.period : numberArg(period, 'SEARCH'))),
  },
};

function firstOrLast(value: Value | undefined, name: string, pick: (series: Series[]) => Series | undefined): Value {
  const chosen = pick(arrayArg(value, name));
  return chosen === undefined ? array([]) : single(chosen);
}

