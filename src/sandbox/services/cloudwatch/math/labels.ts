/**
 * Dynamic labels ("Use dynamic labels", CloudWatch User Guide): `${LABEL}`, the series'
 * properties through `${PROP('...')}`, and statistics of the values in the returned range.
 * A placeholder this sandbox does not know is left as written.
 */
import type { Series } from './values.js';

const format = (value: number): string => (Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4))));

export function hasDynamicParts(label: string): boolean {
  return /\$\{[^}]*\}/.test(label);
}

export function renderLabel(label: string, series: Series): string {
  const { values, timestamps, source } = series;
  const stats: Record<string, () => number | undefined> = {
    AVG: () => (values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length),
    SUM: () => values.reduce((a, b) => a + b, 0),
    MIN: () => (values.length === 0 ? undefined : Math.min(...values)),
    MAX: () => (values.length === 0 ? undefined : Math.max(...values)),
    FIRST: () => values[0],
    LAST: () => values[values.length - 1],
    DATAPOINT_COUNT: () => values.length,
    MIN_MAX_RANGE: () => (values.length === 0 ? undefined : Math.max(...values) - Math.min(...values)),
    FIRST_LAST_RANGE: () => (values.length === 0 ? undefined : values[values.length - 1]! - values[0]!),
  };
  const times: Record<string, () => number | undefined> = {
    FIRST_TIME: () => timestamps[0],
    LAST_TIME: () => timestamps[timestamps.length - 1],
  };
  const props: Record<string, string | undefined> = {
    MetricName: source.metricName,
    Namespace: source.namespace,
    Period: String(source.period),
    Stat: source.stat,
    Label: source.label,
  };
  return label.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    const name = inner.trim();
    if (name === 'LABEL') return source.label;
    const stat = stats[name];
    if (stat) {
      const value = stat();
      return value === undefined ? '' : format(value);
    }
    const time = times[name];
    if (time) {
      const value = time();
      return value === undefined ? '' : new Date(value).toISOString();
    }
    const prop = /^PROP\(\s*['"]([^'"]+)['"]\s*\)$/.exec(name);
    if (prop) {
      const key = prop[1]!;
      if (key.startsWith('Dim.')) return source.dimensions?.find((d) => d.Name === key.slice(4))?.Value ?? '';
      return props[key] ?? '';
    }
    return whole;
  });
}
