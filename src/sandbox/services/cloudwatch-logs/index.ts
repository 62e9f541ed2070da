/**
 * The CloudWatch Logs service of the sandbox: log groups per region, their streams and events,
 * retention on the clock, metric filters that report into CloudWatch, saved queries.
 */
import { keptIn } from '../../kit/saved-state.js';
import type { ServiceFactory } from '../../service.js';
import { eventOperations } from './events.js';
import { groupOperations } from './groups.js';
import { insightsOperations } from './insights/operations.js';
import { metricEmitter } from './metric-emission.js';
import { metricFilterOperations } from './metric-filters.js';
import { queryDefinitionOperations } from './query-definitions.js';
import { LogsState } from './state.js';
import { streamOperations } from './streams.js';

export const logsService: ServiceFactory = ({ backends }) => {
  const state = new LogsState();
  // Asked for now, so serving Logs also serves the CloudWatch its metric filters report into.
  const cloudwatch = backends.cloudwatch;
  return {
    operations: {
      ...groupOperations(state),
      ...streamOperations(state),
      ...eventOperations(state, metricEmitter(() => cloudwatch)),
      ...metricFilterOperations(state),
      ...queryDefinitionOperations(state),
      ...insightsOperations(state),
    },
    ...keptIn(state),
  };
};
