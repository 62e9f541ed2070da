/**
 * Time series as small terminal line charts (asciichart), one per series with its label as
 * the legend above it and the time range below: several series in one plot cannot be told
 * apart without colour, and lab's output must read the same in a pipe or a log.
 */
import * as asciichart from 'asciichart';

export interface TimeSeries {
  label: string;
  /** Oldest first, one per value. */
  timestamps: readonly Date[];
  values: readonly number[];
}

export interface LineChartOptions {
  /** Rows of the plot itself. */
  height?: number;
  /** A series with more points is averaged down to this many columns. */
  maxWidth?: number;
  unit?: string;
}

/** One chart per series, under a title; a series without points says so instead of a plot. */
export function terminalLineCharts(title: string, series: readonly TimeSeries[], options: LineChartOptions = {}): string {
  const blocks = series.map((one) => terminalLineChart(one, options));
  return [title, ...blocks].join('\n\n');
}

export function terminalLineChart(series: TimeSeries, options: LineChartOptions = {}): string {
  const unit = options.unit ?? '';
  if (series.values.length === 0) return `● ${series.label}: no datapoints in this range`;
  const values = shrink(series.values, options.maxWidth ?? 60);
  const min = Math.min(...series.values);
  const max = Math.max(...series.values);
  const last = series.values.at(-1)!;
  const legend = `● ${series.label}  (min ${fixed(min)}${unit}, max ${fixed(max)}${unit}, last ${fixed(last)}${unit})`;
  // A flat line still gets a band to sit in, or asciichart divides by zero.
  const band = max - min < 0.5 ? { min: min - 0.5, max: max + 0.5 } : {};
  const plot = asciichart.plot([...values], { height: options.height ?? 5, format: (x) => fixed(x).padStart(8), ...band });
  const from = hhmm(series.timestamps[0]);
  const to = hhmm(series.timestamps.at(-1));
  const axisWidth = 10;
  // The last time sits under the last column, but never runs into the first.
  const span = Math.max(values.length - from.length, to.length + 1);
  const axis = `${' '.repeat(axisWidth)}${from}${to.padStart(span)} UTC`;
  return `${legend}\n${plot}\n${axis}`;
}

function fixed(value: number): string {
  return value.toFixed(1);
}

function hhmm(date: Date | undefined): string {
  return date ? date.toISOString().slice(11, 16) : '';
}

/** Averages neighbouring points so a long series fits the width. */
export function shrink(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const per = values.length / width;
  return Array.from({ length: width }, (_, column) => {
    const part = values.slice(Math.floor(column * per), Math.max(Math.floor((column + 1) * per), Math.floor(column * per) + 1));
    return part.reduce((sum, value) => sum + value, 0) / part.length;
  });
}
