/**
 * Parameters AWS accepts that this sandbox does not model yet. A learner who sends one gets
 * a clear refusal rather than a call that seems to work and silently ignores it.
 */
import type { AnyHandler } from '../../service.js';
import { AwsError } from '../../errors.js';

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

export function refusingUnsupported(operation: string, handler: AnyHandler): AnyHandler {
  const members = NOT_YET[operation] ?? [];
  return (input, ctx) => {
    const request = input as Record<string, unknown>;
    const unsupported = members.find((member) => request[member] !== undefined);
    if (unsupported) throw notYet(unsupported, operation);
    if (!CAPACITY_COMPUTED.has(operation) && CAPACITY_REPORTS.has(String(request.ReturnConsumedCapacity))) throw notYet('ReturnConsumedCapacity', operation);
    return handler(input, ctx);
  };
}

function notYet(member: string, operation: string): AwsError {
  return new AwsError('ValidationException', `The lab sandbox does not support ${member} on ${operation} yet.`);
}
