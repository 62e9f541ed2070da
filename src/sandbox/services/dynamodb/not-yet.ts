/**
 * Parameters AWS accepts that this sandbox does not model yet. A learner who sends one gets
 * a clear refusal rather than a call that seems to work and silently ignores it.
 */
import { AwsError } from '../../errors.js';
import type { BeforeOperation } from '../../kit/operations.js';

const NOT_YET: Readonly<Record<string, readonly string[]>> = {
  CreateTable: ['SSESpecification'],
  UpdateTable: ['SSESpecification', 'ReplicaUpdates', 'TableClass', 'OnDemandThroughput', 'WarmThroughput', 'MultiRegionConsistency'],
  PutItem: ['Expected', 'ConditionalOperator'],
  GetItem: ['AttributesToGet'],
  DeleteItem: ['Expected', 'ConditionalOperator'],
  UpdateItem: ['Expected', 'AttributeUpdates', 'ConditionalOperator'],
  Query: ['KeyConditions', 'QueryFilter', 'AttributesToGet', 'ConditionalOperator'],
  Scan: ['ScanFilter', 'AttributesToGet', 'ConditionalOperator'],
};

/** Operations that compute ConsumedCapacity (capacity.ts); others refuse TOTAL and INDEXES. */
const CAPACITY_COMPUTED = new Set([
  'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem',
  'TransactWriteItems', 'TransactGetItems', 'ExecuteStatement', 'BatchExecuteStatement',
]);
const CAPACITY_REPORTS = new Set(['INDEXES', 'TOTAL']);

/** The rule that refuses, by name, a member this sandbox would otherwise ignore. */
export const refuseUnmodelled: BeforeOperation = (input, _ctx, operation) => {
  const unsupported = (NOT_YET[operation] ?? []).find((member) => input[member] !== undefined);
  if (unsupported) throw notYet(unsupported, operation);
  if (!CAPACITY_COMPUTED.has(operation) && CAPACITY_REPORTS.has(String(input.ReturnConsumedCapacity))) throw notYet('ReturnConsumedCapacity', operation);
};

function notYet(member: string, operation: string): AwsError {
  return new AwsError('ValidationException', `The lab sandbox does not support ${member} on ${operation} yet.`);
}
