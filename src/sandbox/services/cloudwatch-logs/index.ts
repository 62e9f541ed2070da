/** The CloudWatch Logs service of the sandbox: log groups per region, their streams and events, retention on the clock. */
import { keptIn } from '../../kit/saved-state.js';
import type { ServiceFactory } from '../../service.js';
import { eventOperations } from './events.js';
import { groupOperations } from './groups.js';
import { insightsOperations } from './insights/operations.js';
import { LogsState } from './state.js';
import { streamOperations } from './streams.js';

export const logsService: ServiceFactory = () => {
  const state = new LogsState();
  return {
    operations: { ...groupOperations(state), ...streamOperations(state), ...eventOperations(state), ...insightsOperations(state) },
    ...keptIn(state),
  };
};
