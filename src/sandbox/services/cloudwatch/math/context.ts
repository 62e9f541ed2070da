/** What an expression can see beyond its own arguments: the query's time range and the request's metrics. */
import { alignedStart } from '../aggregation.js';
import type { Series } from './values.js';

export interface MathContext {
  /** StartTime and EndTime, ms. */
  start: number;
  end: number;
  /** The clock's now, ms: how far back `start` is decides how it is rounded. */
  now: number;
  /** Seconds: the period of a series made from a scalar (TIME_SERIES, a scalar result). */
  period: number;
  /** METRICS(): the request's MetricStat queries' series, those whose Id contains `filter` when given. */
  metrics(filter: string | undefined): Series[];
  /** SEARCH(): the series of every metric the query string finds. */
  search(query: string, stat: string, period: number): Series[];
}

/** Every period start of the range at `seconds`: where FILL puts values and a scalar becomes a series. */
export function grid(context: MathContext, seconds: number): number[] {
  const step = seconds * 1000;
  const times: number[] = [];
  for (let t = alignedStart(context.start, seconds, context.now); t < context.end; t += step) times.push(t);
  return times;
}
