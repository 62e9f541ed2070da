/** The IAM service of the sandbox: global users, groups, managed policy attachments and access keys. */
import { keptIn } from '../../kit/saved-state.js';
import type { ServiceFactory } from '../../service.js';
import { groupOperations } from './groups.js';
import { policyOperations } from './policies.js';
import { IamState } from './state.js';
import { userOperations } from './users.js';

export const iamService: ServiceFactory = () => {
  const state = new IamState();
  return {
    operations: { ...userOperations(state), ...groupOperations(state), ...policyOperations(state) },
    ...keptIn(state),
  };
};
