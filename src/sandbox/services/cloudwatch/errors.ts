/**
 * CloudWatch's errors as AWS words them. The codes are the `awsQueryError` codes of the
 * CloudWatch schemas (InvalidParameterValueException -> InvalidParameterValue), so the
 * query answer and the JSON answer's `x-amzn-query-error` both carry them.
 */
import { AwsError } from '../../errors.js';

export const invalidValue = (message: string): AwsError => new AwsError('InvalidParameterValue', message);

/** `The value X for parameter Y is invalid.` */
export const invalidParameter = (value: unknown, parameter: string): AwsError =>
  invalidValue(`The value ${String(value)} for parameter ${parameter} is invalid.`);

export const invalidCombination = (message: string): AwsError => new AwsError('InvalidParameterCombination', message);

export const invalidNextToken = (): AwsError => new AwsError('InvalidNextToken', 'The service cannot find the next token provided.');
