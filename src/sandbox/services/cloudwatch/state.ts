/**
 * CloudWatch metrics, per region: a metric is its namespace, name and dimensions (a
 * different dimension set is a different metric, as on CloudWatch), holding the datapoints
 * put to it. Plain JSON records, saved with the sandbox's state directory.
 */
import type { Sample } from './aggregation.js';

export interface Dimension {
  Name: string;
  Value: string;
}

export interface StoredDatapoint {
  /** The datapoint's own timestamp, ms since the epoch. */
  timestamp: number;
  sample: Sample;
  /** `None` when the put named no unit, as CloudWatch stores it. */
  unit: string;
  /** 1 (high resolution) or 60 seconds. */
  storageResolution: number;
}

export interface Metric {
  Namespace: string;
  MetricName: string;
  /** Sorted by name, so one dimension set is one metric whatever order a put lists them in. */
  Dimensions: Dimension[];
  datapoints: StoredDatapoint[];
  /** When a put last reached it (the clock's ms): ListMetrics' RecentlyActive. */
  lastPut: number;
}

export interface MetricId {
  Namespace: string;
  MetricName: string;
  Dimensions?: readonly Dimension[];
}

export function sortedDimensions(dimensions: readonly Dimension[] = []): Dimension[] {
  return dimensions.map(({ Name, Value }) => ({ Name, Value })).sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

export function metricKey(id: MetricId): string {
  return JSON.stringify([id.Namespace, id.MetricName, sortedDimensions(id.Dimensions).map((d) => [d.Name, d.Value])]);
}

export class CloudWatchState {
  /** region -> metric key -> metric */
  regions: Record<string, Record<string, Metric>> = {};

  /** Adds a datapoint, making the metric on its first put. */
  put(region: string, id: MetricId, datapoint: StoredDatapoint, now: number): void {
    const metrics = (this.regions[region] ??= {});
    const key = metricKey(id);
    const metric = (metrics[key] ??= {
      Namespace: id.Namespace, MetricName: id.MetricName, Dimensions: sortedDimensions(id.Dimensions), datapoints: [], lastPut: now,
    });
    metric.datapoints.push(datapoint);
    metric.lastPut = now;
  }

  metric(region: string, id: MetricId): Metric | undefined {
    return this.regions[region]?.[metricKey(id)];
  }

  /** A region's metrics, in key order (namespace, then name, then dimensions): a stable order for pages. */
  metrics(region: string): Metric[] {
    const metrics = this.regions[region] ?? {};
    return Object.keys(metrics).sort().map((key) => metrics[key]!);
  }

  snapshot(): unknown {
    return { regions: this.regions };
  }

  restore(saved: unknown): void {
    this.regions = (saved as { regions?: Record<string, Record<string, Metric>> }).regions ?? {};
  }
}
