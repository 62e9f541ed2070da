/** DynamoDB's errors as AWS words them; the JSON codec takes `__type` from the DynamoDB schemas. */
import { AwsError } from '../../errors.js';

export const validation = (message: string): AwsError => new AwsError('ValidationException', message);

/** Control-plane calls name the table; item calls only say the resource is missing. */
export const tableNotFound = (tableName?: string): AwsError =>
  new AwsError('ResourceNotFoundException', tableName === undefined
    ? 'Requested resource not found'
    : `Requested resource not found: Table: ${tableName} not found`);

export const tableExists = (tableName: string): AwsError => new AwsError('ResourceInUseException', `Table already exists: ${tableName}`);

const IN_PROGRESS = { CREATING: 'created', UPDATING: 'updated', DELETING: 'deleted' } as const;

export const tableInUse = (tableName: string, status: keyof typeof IN_PROGRESS): AwsError =>
  new AwsError('ResourceInUseException', `Attempt to change a resource which is still in use: Table is being ${IN_PROGRESS[status]}: ${tableName}`);

/** With ReturnValuesOnConditionCheckFailure ALL_OLD, the error carries the item it failed on. */
export const conditionalCheckFailed = (item?: Record<string, unknown>): AwsError =>
  new AwsError('ConditionalCheckFailedException', 'The conditional request failed', item ? { fields: { Item: item } } : {});

export const onlyOneIndexChange = (): AwsError =>
  new AwsError('LimitExceededException', 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table');

export const keyMismatch = (): AwsError => validation('The provided key element does not match the schema');

/** AWS prefixes most parameter errors this way. */
export const invalidParameter = (detail: string): AwsError => validation(`One or more parameter values were invalid: ${detail}`);

/** A member outside its schema's constraint, as AWS's request validation words it. */
export const constraintViolation = (value: string | number, member: string, constraint: string): AwsError =>
  validation(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
