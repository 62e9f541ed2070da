/**
 * The CloudWatch service of the sandbox: custom metrics per region, put and read back as
 * statistics; alarms on them, evaluated on the sandbox clock, whose actions publish to SNS;
 * and dashboards.
 */
import { withRules } from '../../kit/operations.js';
import type { AnyHandler, ServiceFactory } from '../../service.js';
import { alarmOperations } from './alarms/describe.js';
import { AlarmEvaluator } from './alarms/evaluator.js';
import { describeAlarmHistory } from './alarms/history.js';
import type { AlarmParts } from './alarms/parts.js';
import { putMetricAlarm } from './alarms/put-metric-alarm.js';
import { AlarmsState } from './alarms/records.js';
import { tagOperations } from './alarms/tags.js';
import { cloudWatchBackend } from './backend.js';
import { dashboardOperations } from './dashboards.js';
import { listMetrics } from './list-metrics.js';
import { getMetricData } from './metric-data.js';
import { refuseUnmodelled } from './not-yet.js';
import { putMetricData } from './put-metric-data.js';
import { CloudWatchState } from './state.js';
import { getMetricStatistics } from './statistics.js';

export const cloudwatchService: ServiceFactory = ({ backends }) => {
  const state = new CloudWatchState();
  const alarms = new AlarmsState();
  const parts: AlarmParts = { alarms, metrics: state, sns: () => backends.sns };
  const evaluator = new AlarmEvaluator(parts);
  const operations = {
    PutMetricData: putMetricData(state),
    ListMetrics: listMetrics(state),
    GetMetricStatistics: getMetricStatistics(state),
    GetMetricData: getMetricData(state),
    PutMetricAlarm: putMetricAlarm(parts),
    DescribeAlarmHistory: describeAlarmHistory(alarms),
    ...alarmOperations(parts),
    ...tagOperations(alarms),
    ...dashboardOperations(alarms),
  };
  let openClock: Parameters<AlarmEvaluator['start']>[0] | undefined;
  return {
    operations: afterEvaluation(withRules(operations, refuseUnmodelled), evaluator),
    backend: cloudWatchBackend(state),
    snapshot: () => ({ ...(state.snapshot() as object), alarms: alarms.snapshot() }),
    restore: (saved) => {
      state.restore(saved);
      alarms.restore((saved as { alarms?: unknown } | undefined)?.alarms ?? {});
    },
    reset: () => {
      evaluator.stop();
      state.restore({});
      alarms.restore({});
      if (openClock !== undefined) evaluator.start(openClock);
    },
    open: ({ clock }) => {
      openClock = clock;
      evaluator.start(clock);
      return Promise.resolve();
    },
    close: () => {
      openClock = undefined;
      evaluator.stop();
      return Promise.resolve();
    },
  };
};

/** Every operation sees the alarms brought up to the request's clock first (alarms/evaluator.ts). */
function afterEvaluation(operations: Record<string, AnyHandler>, evaluator: AlarmEvaluator): Record<string, AnyHandler> {
  return Object.fromEntries(Object.entries(operations).map(([name, handler]): [string, AnyHandler] => [
    name,
    async (input, ctx) => {
      await evaluator.catchUp(ctx.clock);
      return handler(input, ctx);
    },
  ]));
}
