/** The SNS service of the sandbox: topics per region, their subscriptions, tags and publishing. */
import type { ServiceFactory } from '../../service.js';
import { SnsState } from './state.js';
import { subscriptionOperations } from './subscriptions.js';
import { topicOperations } from './topics.js';

export const snsService: ServiceFactory = () => {
  const state = new SnsState();
  return {
    operations: { ...topicOperations(state), ...subscriptionOperations(state) },
    snapshot: () => state.snapshot(),
    restore: (saved) => state.restore(saved),
    reset: () => state.restore({}),
  };
};
