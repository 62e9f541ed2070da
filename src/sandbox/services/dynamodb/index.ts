/** The DynamoDB service of the sandbox, and DynamoDB Streams beside it over the same state. */
import type { AnyHandler, SandboxService } from '../../service.js';
import { batchOperations } from './batches.js';
import { itemOperations } from './items.js';
import { limitOperations } from './limits.js';
import { refusingUnsupported } from './not-yet.js';
import { batchPartiqlOperations } from './partiql/batch.js';
import { partiqlOperations } from './partiql/execute.js';
import { queryOperations } from './queries.js';
import { DynamoDbState } from './state.js';
import { dynamodbStreamsService } from './streams-service.js';
import { withStreams } from './streams-table.js';
import { captureStreamRecords } from './streams.js';
import { tableOperations } from './tables.js';
import { tagOperations, withCreateTableTags } from './tags.js';
import { transactionOperations } from './transactions.js';
import { TtlSweeper } from './ttl-sweeper.js';
import { ttlOperations } from './ttl.js';
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
  const operations: Record<string, AnyHandler> = {
    ...tables,
    CreateTable: withCreateTableTags(state, tables.CreateTable),
    ...itemOperations(state),
    ...queryOperations(state),
    ...batchOperations(state),
    ...transactionOperations(state),
    ...partiqlOperations(state),
    ...batchPartiqlOperations(state),
    ...tagOperations(state),
    ...ttlOperations(state),
    ...limitOperations(),
  };
  return {
    signingName: 'dynamodb',
    loadClient: () => import('@aws-sdk/client-dynamodb'),
    // Expired items are swept before any request sees its table; what is not modelled is refused by name.
    operations: Object.fromEntries(
      Object.entries(operations).map(([operation, handler]) => [operation, sweeper.sweepingFirst(refusingUnsupported(operation, handler))]),
    ),
    snapshot: () => state.snapshot(),
    restore: (saved) => state.restore(saved),
    reset: () => state.restore({}),
  };
}
