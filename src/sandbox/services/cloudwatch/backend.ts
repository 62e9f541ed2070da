/**
 * What CloudWatch offers the services that publish metrics into it: Logs metric filters
 * today; Elastic Load Balancing, EC2 and Auto Scaling next. They store datapoints directly,
 * in any namespace (an `AWS/` one included, which PutMetricData refuses a caller), as AWS's
 * own services do.
 */
import type { Caller } from '../ec2/backend.js';
import type { CloudWatchState, MetricId } from './state.js';

/** One value for one metric at one time, as a service reports it. */
export interface ReportedDatapoint {
  /** ms since the epoch. */
  timestamp: number;
  value: number;
  /** A CloudWatch standard unit; `None` when absent. */
  unit?: string;
}

export interface CloudWatchBackend {
  /** Stores datapoints as PutMetricData would, at standard (60 s) resolution. */
  putDatapoints(caller: Caller, metric: MetricId, datapoints: readonly ReportedDatapoint[]): void;
}

export function cloudWatchBackend(state: CloudWatchState): CloudWatchBackend {
  return {
    putDatapoints(caller, metric, datapoints) {
      const now = caller.clock.now();
      for (const { timestamp, value, unit } of datapoints) {
        state.put(caller.region, metric, { timestamp, sample: { values: [value], counts: [1] }, unit: unit ?? 'None', storageResolution: 60 }, now);
      }
    },
  };
}
