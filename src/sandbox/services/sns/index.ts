/** The SNS service of the sandbox: topics per region, their subscriptions, tags, publishing and the mailbox. */
import { keptIn } from '../../kit/saved-state.js';
import type { ServiceFactory } from '../../service.js';
import { snsBackend } from './backend.js';
import { SnsState } from './state.js';
import { subscriptionOperations } from './subscriptions.js';
import { topicOperations } from './topics.js';

export const snsService: ServiceFactory = () => {
  const state = new SnsState();
  return {
    operations: { ...topicOperations(state), ...subscriptionOperations(state) },
    backend: snsBackend(state),
    ...keptIn(state),
  };
};
