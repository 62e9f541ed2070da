/** The DynamoDB service of the sandbox; DynamoDB Streams (../dynamodb-streams/) reads its state through its backend. */
import type { AnyHandler, ServiceFactory } from '../../service.js';
import type { DynamoDbBackend } from './backend.js';
import { batchOperations } from './batches.js';
import { itemOperations } from './items.js';
import { limitOperations } from './limits.js';
import { refusingUnsupported } from './not-yet.js';
import { batchPartiqlOperations } from './partiql/batch.js';
import { partiqlOperations } from './partiql/execute.js';
import { queryOperations } from './queries.js';
import { DynamoDbState } from './state.js';
import { withStreams } from './streams-table.js';
import { captureStreamRecords } from './streams.js';
import { tableOperations } from './tables.js';
import { tagOperations, withCreateTableTags } from './tags.js';
import { transactionOperations } from './transactions.js';
import { TtlSweeper } from './ttl-sweeper.js';
import { ttlOperations } from './ttl.js';
import { updateTableOperations } from './update-table.js';

export const dynamodbService: ServiceFactory = () => {
  const state = new DynamoDbState();
  const sweeper = new TtlSweeper(state);
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
  const backend: DynamoDbBackend = { state, sweeper };
  return {
    backend,
    // Expired items are swept before any request sees its table; what is not modelled is refused by name.
    operations: Object.fromEntries(
      Object.entries(operations).map(([operation, handler]) => [operation, sweeper.sweepingFirst(refusingUnsupported(operation, handler))]),
    ),
    snapshot: () => state.snapshot(),
    restore: (saved) => state.restore(saved),
    reset: () => state.restore({}),
  };
};
