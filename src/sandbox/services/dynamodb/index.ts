/** The DynamoDB service of the sandbox: tables per region, their items, queries and batches. */
import type { SandboxService } from '../../service.js';
import { batchOperations } from './batches.js';
import { itemOperations } from './items.js';
import { refusingUnsupported } from './not-yet.js';
import { queryOperations } from './queries.js';
import { DynamoDbState } from './state.js';
import { tableOperations } from './tables.js';

export function dynamodbService(): SandboxService {
  const state = new DynamoDbState();
  return {
    signingName: 'dynamodb',
    loadClient: () => import('@aws-sdk/client-dynamodb'),
    operations: Object.fromEntries(
      Object.entries({ ...tableOperations(state), ...itemOperations(state), ...queryOperations(state), ...batchOperations(state) }).map(
        ([operation, handler]) => [operation, refusingUnsupported(operation, handler)],
      ),
    ),
    snapshot: () => state.snapshot(),
    restore: (saved) => state.restore(saved),
    reset: () => state.restore({}),
  };
}
