/** The DynamoDB service of the sandbox: tables per region, their items, queries and batches. */
import type { SandboxService } from '../../service.js';
import { batchOperations } from './batches.js';
import { itemOperations } from './items.js';
import { refusingUnsupported } from './not-yet.js';
import { queryOperations } from './queries.js';
import { DynamoDbState } from './state.js';
import { captureStreamRecords } from './streams.js';
import { dynamodbStreamsService } from './streams-service.js';
import { withStreams } from './streams-table.js';
import { tableOperations } from './tables.js';
import { tagOperations, withCreateTableTags } from './tags.js';
import { limitOperations } from './limits.js';
import { batchPartiqlOperations } from './partiql/batch.js';
import { partiqlOperations } from './partiql/execute.js';
import { transactionOperations } from './transactions.js';
import { ttlOperations } from './ttl.js';
import { TtlSweeper } from './ttl-sweeper.js';
import { updateTableOperations } from './update-table.js';

/** DynamoDB and DynamoDB Streams over one state: the streams hold what DynamoDB's writes record. */
export function dynamodbServices(): SandboxService[] {
  const state = new DynamoDbState();
  const sweeper = new TtlSweeper(state);
  return [dynamodbService(state, sweeper), dynamodbStreamsService(state, sweeper)];
}

export function dynamodbService(state = new DynamoDbState(), sweeper = new TtlSweeper(state)): SandboxService {
  captureStreamRecords(state);
  const tables = withStreams(state, { ...tableOperations(state), ...updateTableOperations(state) });
  return {
    signingName: 'dynamodb',
    loadClient: () => import('@aws-sdk/client-dynamodb'),
    operations: Object.fromEntries(
      Object.entries({ ...tables, CreateTable: withCreateTableTags(state, tables.CreateTable), ...itemOperations(state), ...queryOperations(state), ...batchOperations(state), ...tagOperations(state), ...ttlOperations(state), ...limitOperations() }).map(
        ([operation, handler]) => [operation, sweeper.sweepingFirst(refusingUnsupported(operation, handler))],
      ).concat(
        // These report their own ConsumedCapacity and refuse what they lack themselves.
        Object.entries({ ...transactionOperations(state), ...partiqlOperations(state), ...batchPartiqlOperations(state) }).map(([operation, handler]) => [operation, sweeper.sweepingFirst(handler)]),
      ),
    ),
    snapshot: () => state.snapshot(),
    restore: (saved) => state.restore(saved),
    reset: () => state.restore({}),
  };
}
