/** The SNS service of the sandbox: topics per region, their subscriptions, tags and publishing. */
import type { SandboxService } from '../../service.js';
import { SnsState } from './state.js';
import { subscriptionOperations } from './subscriptions.js';
import { topicOperations } from './topics.js';

export function snsService(): SandboxService {
  const state = new SnsState();
  return {
    signingName: 'sns',
    loadClient: () => import('@aws-sdk/client-sns'),
    operations: { ...topicOperations(state), ...subscriptionOperations(state) },
    snapshot: () => state.snapshot(),
    restore: (saved) => state.restore(saved),
    reset: () => state.restore({}),
  };
}
