/** PartiQL's errors in DynamoDB's words (as DynamoDB Local, AWS's own engine, answers them). */
import type { AwsError } from '../../../errors.js';
import { validation } from '../errors.js';

/** DynamoDB names no position, only the statement it could not parse. */
export const malformed = (statement: string): AwsError => validation(`Statement wasn't well formed, can't be processed: ${statement}`);

export const parameterCountMismatch = (): AwsError => validation("Number of parameters in request and statement don't match.");

export const missingKeyEquality = (): AwsError => validation('Where clause does not contain a mandatory equality on all key attributes');
