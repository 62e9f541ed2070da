/** The IAM service of the sandbox: global users, groups, managed policy attachments and access keys. */
import type { SandboxService } from '../../service.js';
import { groupOperations } from './groups.js';
import { policyOperations } from './policies.js';
import { IamState } from './state.js';
import { userOperations } from './users.js';

export function iamService(): SandboxService {
  const state = new IamState();
  return {
    signingName: 'iam',
    loadClient: () => import('@aws-sdk/client-iam'),
    operations: { ...userOperations(state), ...groupOperations(state), ...policyOperations(state) },
    snapshot: () => state.snapshot(),
    restore: (saved) => state.restore(saved),
    reset: () => state.restore({}),
  };
}
