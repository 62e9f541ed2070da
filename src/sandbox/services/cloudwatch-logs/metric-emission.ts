/**
 * What a log group's metric filters report to CloudWatch when PutLogEvents stores events:
 * each filter sees only events ingested after it exists (filters are not retroactive), and
 * reports at each event's own timestamp.
 *
 * A matching event reports metricValue: a number, or a value the pattern extracted (`$.latency`,
 * `$size`, `$7`); an event whose referenced value is not a number, or lacks a dimension's field,
 * reports nothing. Dimensions take their values from the extracted fields.
 *
 * defaultValue follows "Filter pattern syntax for metric filters", section "Configuring metric
 * values for a metric filter": "If logs are ingested during a one-minute time period but no
 * matches are found, the value specified for Default Value (if any) is reported. However, if
 * no log events are ingested during a one-minute period, then no value is reported." Its
 * example (two records a minute, Metric Value 1, Default Value 0) says the default "is used
 * for both log records": so each event of a minute without any match reports defaultValue,
 * and a minute with a match reports its matches only. The sandbox judges a minute within one
 * PutLogEvents call (AWS aggregates across calls before reporting).
 */
import type { CloudWatchBackend } from '../cloudwatch/backend.js';
import type { RequestContext } from '../../service.js';
import { parseFilterPattern, type CompiledFilter, type FilterMatch } from './filter-pattern.js';
import type { LogGroupRecord, MetricFilterRecord } from './state.js';

const MINUTE_MS = 60_000;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

interface Reported {
  timestamp: number;
  value: number;
  dimensions: Record<string, string>;
}

export function metricEmitter(cloudwatch: () => CloudWatchBackend) {
  // Patterns compile once, whichever filter or group uses them.
  const compiled = new Map<string, CompiledFilter>();
  const filterOf = (pattern: string): CompiledFilter => {
    let filter = compiled.get(pattern);
    if (filter === undefined) {
      filter = parseFilterPattern(pattern);
      compiled.set(pattern, filter);
    }
    return filter;
  };

  return (group: LogGroupRecord, events: readonly { timestamp: number; message: string }[], ctx: RequestContext): void => {
    const filters = Object.values(group.metricFilters ?? {});
    if (filters.length === 0 || events.length === 0) return;
    const caller = { region: group.region, clock: ctx.clock };
    for (const filter of filters) {
      const transformation = filter.metricTransformations[0]!;
      for (const { dimensions, points } of groupedByDimensions(reportsOf(filter, filterOf(filter.filterPattern), events))) {
        const metric = {
          Namespace: transformation.metricNamespace,
          MetricName: transformation.metricName,
          ...(Object.keys(dimensions).length === 0 ? {} : { Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) }),
        };
        cloudwatch().putDatapoints(caller, metric, points.map(({ timestamp, value }) => ({
          timestamp, value, ...(transformation.unit === undefined ? {} : { unit: transformation.unit }),
        })));
      }
    }
  };
}

function reportsOf(filter: MetricFilterRecord, compiled: CompiledFilter, events: readonly { timestamp: number; message: string }[]): Reported[] {
  const transformation = filter.metricTransformations[0]!;
  const reported: Reported[] = [];
  const minutesMatched = new Set<number>();
  const unmatched: number[] = [];
  for (const event of events) {
    const match = compiled.match(event.message);
    if (match === undefined) {
      unmatched.push(event.timestamp);
      continue;
    }
    minutesMatched.add(Math.floor(event.timestamp / MINUTE_MS));
    const value = numberFrom(transformation.metricValue, match);
    const dimensions = dimensionsFrom(transformation.dimensions ?? {}, match);
    if (value !== undefined && dimensions !== undefined) reported.push({ timestamp: event.timestamp, value, dimensions });
  }
  if (transformation.defaultValue !== undefined) {
    for (const timestamp of unmatched) {
      if (!minutesMatched.has(Math.floor(timestamp / MINUTE_MS))) reported.push({ timestamp, value: transformation.defaultValue, dimensions: {} });
    }
  }
  return reported;
}

/** metricValue as a number: a literal, or the extracted value it names. */
export function numberFrom(metricValue: string, match: FilterMatch): number | undefined {
  const text = NUMBER.test(metricValue.trim()) ? metricValue.trim() : valueFor(metricValue.trim(), match);
  if (text === undefined || !NUMBER.test(text.trim())) return undefined;
  return Number(text);
}

/** `$.field`, `$name` or `$3` (the third field of a space-delimited event, named or not). */
function valueFor(reference: string, match: FilterMatch): string | undefined {
  if (!reference.startsWith('$')) return undefined;
  const extracted = match.extractedValues[reference];
  if (extracted !== undefined) return extracted;
  const position = /^\$(\d+)$/.exec(reference);
  return position && match.fields ? match.fields[Number(position[1]) - 1] : undefined;
}

function dimensionsFrom(references: Record<string, string>, match: FilterMatch): Record<string, string> | undefined {
  const dimensions: Record<string, string> = {};
  for (const [name, reference] of Object.entries(references)) {
    const value = valueFor(reference.trim(), match);
    if (value === undefined || value === '') return undefined;
    dimensions[name] = value;
  }
  return dimensions;
}

function groupedByDimensions(reported: readonly Reported[]): { dimensions: Record<string, string>; points: Reported[] }[] {
  const groups = new Map<string, { dimensions: Record<string, string>; points: Reported[] }>();
  for (const point of reported) {
    const key = JSON.stringify(Object.entries(point.dimensions).sort());
    let group = groups.get(key);
    if (group === undefined) {
      group = { dimensions: point.dimensions, points: [] };
      groups.set(key, group);
    }
    group.points.push(point);
  }
  return [...groups.values()];
}
