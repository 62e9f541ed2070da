/** DynamoDB's errors as AWS words them; the JSON codec takes `__type` from the DynamoDB schemas. */
import { AwsError } from '../../errors.js';

export const validation = (message: string): AwsError => new AwsError('ValidationException', message);

/** Control-plane calls name the table; item calls only say the resource is missing. */
export const tableNotFound = (tableName?: string): AwsError =>
  new AwsError('ResourceNotFoundException', tableName === undefined
    ? 'Requested resource not found'
    : `Requested resource not found: Table: ${tableName} not found`);

export const tableExists = (tableName: string): AwsError => new AwsError('ResourceInUseException', `Table already exists: ${tableName}`);

export const tableInUse = (tableName: string, status: 'CREATING' | 'DELETING'): AwsError =>
  new AwsError('ResourceInUseException',
    `Attempt to change a resource which is still in use: Table is being ${status === 'CREATING' ? 'created' : 'deleted'}: ${tableName}`);

export const conditionalCheckFailed = (): AwsError => new AwsError('ConditionalCheckFailedException', 'The conditional request failed');

export const keyMismatch = (): AwsError => validation('The provided key element does not match the schema');

/** AWS prefixes most parameter errors this way. */
export const invalidParameter = (detail: string): AwsError => validation(`One or more parameter values were invalid: ${detail}`);
