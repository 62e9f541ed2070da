/**
 * Parameters AWS accepts that this sandbox does not model yet. A learner who sends one gets
 * a clear refusal rather than a call that seems to work and silently ignores it.
 */
import type { AnyHandler } from '../../service.js';
import { AwsError } from '../../errors.js';

const NOT_YET: Readonly<Record<string, readonly string[]>> = {
  CreateTable: ['GlobalSecondaryIndexes', 'LocalSecondaryIndexes', 'SSESpecification', 'Tags'],
  PutItem: ['Expected', 'ConditionalOperator', 'ReturnItemCollectionMetrics', 'ReturnValuesOnConditionCheckFailure'],
  GetItem: ['AttributesToGet'],
  DeleteItem: ['Expected', 'ConditionalOperator', 'ReturnItemCollectionMetrics', 'ReturnValuesOnConditionCheckFailure'],
  UpdateItem: ['Expected', 'AttributeUpdates', 'ConditionalOperator', 'ReturnItemCollectionMetrics', 'ReturnValuesOnConditionCheckFailure'],
  Query: ['IndexName', 'KeyConditions', 'QueryFilter', 'AttributesToGet', 'ConditionalOperator'],
  Scan: ['IndexName', 'ScanFilter', 'AttributesToGet', 'ConditionalOperator', 'Segment', 'TotalSegments'],
  BatchWriteItem: ['ReturnItemCollectionMetrics'],
};

// Consumed capacity is computed in a later change; asking for none is fine.
const CAPACITY_REPORTS = new Set(['INDEXES', 'TOTAL']);

export function refusingUnsupported(operation: string, handler: AnyHandler): AnyHandler {
  const members = NOT_YET[operation] ?? [];
  return (input, ctx) => {
    const request = input as Record<string, unknown>;
    const unsupported = members.find((member) => request[member] !== undefined);
    if (unsupported) throw notYet(unsupported, operation);
    if (CAPACITY_REPORTS.has(String(request.ReturnConsumedCapacity))) throw notYet('ReturnConsumedCapacity', operation);
    return handler(input, ctx);
  };
}

function notYet(member: string, operation: string): AwsError {
  return new AwsError('ValidationException', `The lab sandbox does not support ${member} on ${operation} yet.`);
}
