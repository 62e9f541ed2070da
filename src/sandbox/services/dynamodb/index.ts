/**
 * The DynamoDB service of the sandbox: one state, the operations, and two rules that hold
 * for every operation: expired items are swept before any request sees its table, and a
 * member the sandbox does not model is refused by name. DynamoDB Streams
 * (../dynamodb-streams/) reads the state through the backend.
 */
import { withRules, type BeforeOperation } from '../../kit/operations.js';
import { keptIn } from '../../kit/saved-state.js';
import type { ServiceFactory } from '../../service.js';
import type { DynamoDbBackend } from './backend.js';
import { batchOperations } from './batches.js';
import { itemOperations } from './items.js';
import { limitOperations } from './limits.js';
import { refuseUnmodelled } from './not-yet.js';
import { batchPartiqlOperations } from './partiql/batch.js';
import { partiqlOperations } from './partiql/execute.js';
import { keepPartitionsCurrent } from './partitions.js';
import { queryOperations } from './queries.js';
import { DynamoDbState } from './state.js';
import { captureStreamRecords } from './streams.js';
import { tableOperations } from './tables.js';
import { tagOperations } from './tags.js';
import { transactionOperations } from './transactions.js';
import { TtlSweeper } from './ttl-sweeper.js';
import { ttlOperations } from './ttl.js';
import { updateTableOperations } from './update-table.js';

export const dynamodbService: ServiceFactory = () => {
  const state = new DynamoDbState();
  // What watches every item write: a Query's partition index, a table's stream, the TTL sweeper's next expiry.
  keepPartitionsCurrent(state);
  captureStreamRecords(state);
  const sweeper = new TtlSweeper(state);
  const handlers = {
    ...tableOperations(state),
    ...updateTableOperations(state),
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
  const sweepExpiredItems: BeforeOperation = (_input, ctx) => sweeper.sweep(ctx);
  const operations = withRules(handlers, sweepExpiredItems, refuseUnmodelled);
  const backend: DynamoDbBackend = { state, sweeper };
  return {
    backend,
    operations,
    ...keptIn(state),
  };
};
