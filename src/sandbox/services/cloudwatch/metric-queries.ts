/**
 * A list of MetricDataQuery evaluated over a time range: what GetMetricData answers with,
 * and what an alarm on a math expression watches. A MetricStat query reads one metric's
 * statistic per period; an Expression query is metric math (math/) over the other queries
 * by Id, ReturnData=false ones included, and may yield several series, each its own
 * result under the query's Id. Every query is checked before any is evaluated, with AWS's
 * errors; a query's series is worked out once however many expressions name it.
 */
import type { MessageData, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { AwsError, missingParameter } from '../../errors.js';
import { isPercentile, STATISTICS, statisticNamed, type Sample } from './aggregation.js';
import { invalidCombination, invalidParameter, invalidValue } from './errors.js';
import type { Node } from './math/ast.js';
import type { MathContext } from './math/context.js';
import { grid } from './math/context.js';
import { MathError } from './math/errors.js';
import { refuseMetricsInsights } from './not-yet.js';
import { evaluate } from './math/evaluator.js';
import { hasDynamicParts, renderLabel } from './math/labels.js';
import { parseExpression, referencedIds } from './math/parser.js';
import { parseSearch, searchMatches } from './math/search.js';
import { seriesOf, type Series, type SeriesSource, type Value } from './math/values.js';
import { buckets, checkPeriod, METRIC_STAT_SHORT_PERIODS, periodOf } from './series.js';
import type { CloudWatchState, Metric, MetricId } from './state.js';
import { STANDARD_UNITS } from './units.js';

const QUERIES_PER_CALL = 500;
const ID = /^[a-z][a-zA-Z0-9_]*$/;
const EXPRESSION_LENGTH = 2048;
/** "A search expression can return up to 500 time series" (Use search expressions in graphs). */
const SEARCH_SERIES = 500;
/** SEARCH finds only metrics that reported data within the past two weeks. */
const SEARCH_WINDOW = 14 * 24 * 3600 * 1000;

export interface QueryRange {
  /** ms since the epoch. */
  startTime: number;
  endTime: number;
  region: string;
  /** The sandbox clock's now, ms. */
  now: number;
  /** How the request names the list in errors: `MetricDataQueries` (GetMetricData, the default) or `Metrics` (PutMetricAlarm). */
  parameter?: string;
}

/** One returned series: a query's Id and label, its points oldest first. */
export interface QueryResult {
  Id: string;
  Label: string;
  timestamps: number[];
  values: number[];
  messages: MessageData[];
}

/**
 * Checks the queries, evaluates them, and returns one result per series of every query
 * whose ReturnData is not false, in the queries' order. Throws AWS's error for a query
 * that is malformed or that names an Id it cannot reach.
 */
export function evaluateMetricQueries(state: CloudWatchState, queries: readonly MetricDataQuery[], range: QueryRange): QueryResult[] {
  const parameter = range.parameter ?? 'MetricDataQueries';
  if (queries.length > QUERIES_PER_CALL) throw invalidValue(`The collection ${parameter} must not contain more than ${QUERIES_PER_CALL} items.`);
  checkIds(queries, parameter);
  const parsed = new Map<string, Node>();
  queries.forEach((query, i) => {
    const tree = checkQuery(query, `${parameter}.member.${i + 1}`);
    if (tree !== undefined) parsed.set(query.Id!, tree);
  });
  checkReferences(queries, parsed);

  const byId = new Map(queries.map((query) => [query.Id!, query]));
  const messages = new Map<string, MessageData[]>();
  const computed = new Map<string, Value>();
  const defaultPeriod = queries.find((query) => query.MetricStat?.Period !== undefined)?.MetricStat?.Period ?? 60;

  const contextFor = (query: MetricDataQuery): MathContext => ({
    start: range.startTime,
    end: range.endTime,
    now: range.now,
    period: query.Period ?? defaultPeriod,
    // METRICS() is the request's MetricStat queries, not its expressions; METRICS('s') keeps those whose Id
    // contains s (the sandbox's reading of the functions table, which it could not check against AWS).
    metrics: (filter) =>
      queries
        .filter((q) => q.MetricStat !== undefined && (filter === undefined || q.Id!.includes(filter)))
        .map((q) => valueOf(q.Id!))
        .flatMap((value) => (value.kind === 'series' ? [value.series] : [])),
    search: (text, stat, period) => {
      const found = search(state, text, stat, period, range);
      if (found.length > SEARCH_SERIES) {
        // AWS's pages give the limit, not what is said when it is passed; the sandbox keeps the first 500 and says so.
        const list = messages.get(query.Id!) ?? [];
        list.push({ Code: 'MaxMatchingSeriesExceeded', Value: `SEARCH matched ${found.length} metrics; only the first ${SEARCH_SERIES} are returned.` });
        messages.set(query.Id!, list);
      }
      return found.slice(0, SEARCH_SERIES);
    },
  });

  const valueOf = (id: string): Value => {
    const known = computed.get(id);
    if (known !== undefined) return known;
    const query = byId.get(id)!;
    let value: Value;
    if (query.MetricStat !== undefined) {
      value = { kind: 'series', series: metricStatSeries(state, query, range) };
    } else {
      try {
        value = evaluate(parsed.get(id)!, valueOf, contextFor(query));
      } catch (error) {
        if (error instanceof MathError) throw expressionError(id, error.message);
        throw error;
      }
    }
    computed.set(id, value);
    return value;
  };

  return queries
    .filter((query) => query.ReturnData !== false)
    .flatMap((query) => resultsOf(query, valueOf(query.Id!), contextFor(query), messages.get(query.Id!) ?? []));
}

function checkIds(queries: readonly MetricDataQuery[], list: string): void {
  const seen = new Set<string>();
  queries.forEach((query, i) => {
    const id = query.Id ?? '';
    const parameter = `${list}.member.${i + 1}.Id`;
    if (!ID.test(id)) throw new AwsError('ValidationError', `The value ${id} for parameter ${parameter} is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.`);
    if (seen.has(id)) throw invalidValue(`The value ${id} for parameter ${parameter} is duplicated.`);
    seen.add(id);
  });
}

/** A query's own checks; its parsed expression when it has one. */
function checkQuery(query: MetricDataQuery, at: string): Node | undefined {
  if (query.MetricStat !== undefined && query.Expression !== undefined) {
    throw invalidCombination(`The parameters ${at}.MetricStat and ${at}.Expression are mutually exclusive and you have specified both.`);
  }
  if (query.Expression === undefined) {
    checkMetricStat(query, at);
    return undefined;
  }
  const expression = query.Expression;
  // Refused here too, for the callers that do not come through GetMetricData's rule (alarms).
  refuseMetricsInsights(query, at);
  if (expression.length > EXPRESSION_LENGTH) {
    throw new AwsError('ValidationError', `1 validation error detected: Value at '${at}.Expression' failed to satisfy constraint: Member must have length less than or equal to ${EXPRESSION_LENGTH}`);
  }
  if (query.Period !== undefined) checkPeriod(query.Period, METRIC_STAT_SHORT_PERIODS, `${at}.Period`);
  try {
    return parseExpression(expression);
  } catch (error) {
    if (error instanceof MathError) throw expressionError(query.Id!, error.message);
    throw error;
  }
}

function checkMetricStat(query: MetricDataQuery, at: string): void {
  const stat = query.MetricStat;
  if (stat === undefined) throw missingParameter(`${at}.MetricStat`);
  checkPeriod(stat.Period ?? 0, METRIC_STAT_SHORT_PERIODS, `${at}.MetricStat.Period`);
  const name = stat.Stat ?? '';
  if (!isStatistic(name)) throw invalidParameter(name, `${at}.MetricStat.Stat`);
  if (stat.Unit !== undefined && !STANDARD_UNITS.has(stat.Unit)) throw invalidParameter(stat.Unit, `${at}.MetricStat.Unit`);
}

const isStatistic = (name: string): boolean => (STATISTICS as readonly string[]).includes(name) || isPercentile(name);

/**
 * Every Id an expression names exists, and no expression reaches itself. AWS's pages give
 * no wording for either; these say which expression and which Id, as its other
 * ValidationErrors do.
 */
function checkReferences(queries: readonly MetricDataQuery[], parsed: ReadonlyMap<string, Node>): void {
  const ids = new Set(queries.map((query) => query.Id!));
  for (const [id, tree] of parsed) {
    const unknown = referencedIds(tree).find((name) => !ids.has(name));
    if (unknown !== undefined) throw expressionError(id, `Unrecognized metric or expression Id ${unknown}`);
  }
  const done = new Set<string>();
  const visit = (id: string, path: string[]): void => {
    if (path.includes(id)) throw expressionError(path[0]!, `Circular reference: ${[...path.slice(path.indexOf(id)), id].join(' -> ')}`);
    if (done.has(id)) return;
    const tree = parsed.get(id);
    if (tree !== undefined) for (const next of referencedIds(tree)) visit(next, [...path, id]);
    done.add(id);
  };
  for (const id of parsed.keys()) visit(id, []);
}

const expressionError = (id: string, detail: string): AwsError => new AwsError('ValidationError', `Error in expression ${id}: ${detail}`);

/** One metric's statistic per period, oldest first; a period CloudWatch has no value for is left out. */
function statisticSeries(metric: Metric | undefined, stat: string, unit: string | undefined, seconds: number, range: QueryRange, source: SeriesSource): Series {
  // GetMetricData gives one value a period whatever the units; the units' samples are pooled.
  const pooled = new Map<number, Sample[]>();
  for (const bucket of buckets(metric, periodOf(range.startTime, range.endTime, seconds, range.now), unit, range.now)) {
    pooled.set(bucket.timestamp, [...(pooled.get(bucket.timestamp) ?? []), ...bucket.samples]);
  }
  const pairs: Array<[number, number]> = [];
  for (const [timestamp, samples] of pooled) {
    const value = statisticNamed(samples, stat);
    if (value !== undefined) pairs.push([timestamp, value]);
  }
  return seriesOf(pairs, source);
}

function metricStatSeries(state: CloudWatchState, query: MetricDataQuery, range: QueryRange): Series {
  const stat = query.MetricStat!;
  const id: MetricId = {
    Namespace: stat.Metric?.Namespace ?? '',
    MetricName: stat.Metric?.MetricName ?? '',
    Dimensions: (stat.Metric?.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })),
  };
  const source: SeriesSource = {
    label: query.Label ?? id.MetricName, id: query.Id!, namespace: id.Namespace, metricName: id.MetricName,
    dimensions: id.Dimensions ?? [], stat: stat.Stat!, period: stat.Period!,
  };
  return statisticSeries(state.metric(range.region, id), stat.Stat!, stat.Unit, stat.Period!, range, source);
}

function search(state: CloudWatchState, text: string, stat: string, period: number, range: QueryRange): Series[] {
  if (!isStatistic(stat)) throw new MathError(`SEARCH: ${stat} is not a statistic`);
  if (period < 1 || (period < 60 ? !METRIC_STAT_SHORT_PERIODS.includes(period) : period % 60 !== 0)) {
    throw new MathError(`SEARCH: the period ${period} must be 1, 5, 10, 20, 30 or a multiple of 60`);
  }
  const query = parseSearch(text);
  return state
    .metrics(range.region)
    .filter((metric) => metric.lastPut >= range.now - SEARCH_WINDOW && searchMatches(query, metric))
    .map((metric) =>
      statisticSeries(metric, stat, undefined, period, range, {
        // AWS's pages do not give a searched series' default label; its dimension values and metric name tell the series apart.
        label: [...metric.Dimensions.map((d) => d.Value), metric.MetricName].join(' '),
        namespace: metric.Namespace, metricName: metric.MetricName, dimensions: metric.Dimensions, stat, period,
      }),
    );
}

/**
 * A query's value as results. One series: the query's Label, else (for an expression) its
 * Id. Several: each series' own label, after the query's Label when it has one ("Expression-
 * Label Metric-Label", Using metric math), or the Label alone when it is a dynamic one,
 * which is worked out per series. A scalar becomes a series with that value every period.
 */
function resultsOf(query: MetricDataQuery, value: Value, context: MathContext, messages: MessageData[]): QueryResult[] {
  const id = query.Id!;
  const result = (series: Series, label: string): QueryResult => ({
    Id: id, Label: hasDynamicParts(label) ? renderLabel(label, series) : label, timestamps: series.timestamps, values: series.values, messages,
  });
  switch (value.kind) {
    case 'series': {
      const fallback = query.MetricStat !== undefined ? value.series.source.label : id;
      return [result(value.series, query.Label ?? fallback)];
    }
    case 'scalar': {
      const series = seriesOf(grid(context, context.period).map((t) => [t, value.value] as const), { label: id, period: context.period });
      return [result(series, query.Label ?? id)];
    }
    case 'array':
      return value.series.map((series) => {
        const label = query.Label === undefined || query.Label === '' ? series.source.label : hasDynamicParts(query.Label) ? query.Label : `${query.Label} ${series.source.label}`;
        return result(series, label);
      });
    default:
      throw expressionError(id, `The expression must produce a time series, an array of time series or a number, not a ${value.kind}`);
  }
}
