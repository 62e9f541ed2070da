/** The CloudWatch service of the sandbox: custom metrics per region, put and read back as statistics. */
import { withRules } from '../../kit/operations.js';
import { keptIn } from '../../kit/saved-state.js';
import type { ServiceFactory } from '../../service.js';
import { cloudWatchBackend } from './backend.js';
import { listMetrics } from './list-metrics.js';
import { getMetricData } from './metric-data.js';
import { refuseUnmodelled } from './not-yet.js';
import { putMetricData } from './put-metric-data.js';
import { CloudWatchState } from './state.js';
import { getMetricStatistics } from './statistics.js';

export const cloudwatchService: ServiceFactory = () => {
  const state = new CloudWatchState();
  const operations = {
    PutMetricData: putMetricData(state),
    ListMetrics: listMetrics(state),
    GetMetricStatistics: getMetricStatistics(state),
    GetMetricData: getMetricData(state),
  };
  return { operations: withRules(operations, refuseUnmodelled), backend: cloudWatchBackend(state), ...keptIn(state) };
};
