/**
 * What a metric math expression evaluates to: a scalar, one time series, an array of time
 * series, or a string or keyword argument. A series keeps what it was read from (namespace,
 * name, dimensions, statistic, period) for the dynamic labels of its result.
 */
import type { Dimension } from '../state.js';

export interface SeriesSource {
  /** The series' own label: what `${LABEL}` names and what a multi-series result is labelled with. */
  label: string;
  /** The query Id it came from, when it is one query's series. */
  id?: string;
  namespace?: string;
  metricName?: string;
  dimensions?: readonly Dimension[];
  stat?: string;
  /** Seconds. */
  period: number;
}

export interface Series {
  /** Period starts, ms, ascending. */
  timestamps: number[];
  values: number[];
  source: SeriesSource;
}

export type Value =
  | { kind: 'scalar'; value: number }
  | { kind: 'series'; series: Series }
  | { kind: 'array'; series: Series[] }
  | { kind: 'string'; value: string }
  | { kind: 'keyword'; name: string };

export const scalar = (value: number): Value => ({ kind: 'scalar', value });
export const single = (series: Series): Value => ({ kind: 'series', series });
export const array = (series: Series[]): Value => ({ kind: 'array', series });

/** A series from [timestamp, value] pairs, any order; a pair whose value is not a finite number is dropped (a division by zero, a NaN). */
export function seriesOf(pairs: Iterable<readonly [number, number]>, source: SeriesSource): Series {
  const sorted = [...pairs].filter(([, value]) => Number.isFinite(value)).sort((a, b) => a[0] - b[0]);
  return { timestamps: sorted.map(([t]) => t), values: sorted.map(([, v]) => v), source };
}

export function pairsOf(series: Series): Array<[number, number]> {
  return series.timestamps.map((t, i) => [t, series.values[i]!]);
}

export function mapValues(series: Series, f: (value: number, index: number) => number): Series {
  return seriesOf(series.timestamps.map((t, i) => [t, f(series.values[i]!, i)] as const), series.source);
}

/** What the expression's result is, in words, for an error. */
export function kindOf(value: Value): string {
  return { scalar: 'a scalar', series: 'a time series', array: 'an array of time series', string: 'a string', keyword: 'a keyword' }[value.kind];
}
