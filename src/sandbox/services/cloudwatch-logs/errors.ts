/** CloudWatch Logs' errors as AWS words them; every one is a 400 on the JSON 1.1 wire. */
import { AwsError } from '../../errors.js';
import { FilterPatternError } from './filter-errors.js';

export const logGroupNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');

export const logStreamNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');

export const logGroupExists = (): AwsError => new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');

export const logStreamExists = (): AwsError => new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');

export const invalidParameter = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/** The service's request validation, worded as its other validation errors are. */
export const validationFailed = (value: string, member: string, constraint: string): AwsError =>
  invalidParameter(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);

export const invalidNextToken = (): AwsError => invalidParameter('The specified nextToken is invalid.');

export const metricFilterNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified metric filter does not exist.');

export const limitExceeded = (message = 'Resource limit exceeded.'): AwsError => new AwsError('LimitExceededException', message);

/** What a pattern the filter-pattern syntax refuses is answered with (FilterLogEvents, PutMetricFilter, TestMetricFilter). */
export function refusingBadPatterns<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof FilterPatternError) throw invalidParameter(`Invalid filter pattern: ${error.message}`);
    throw error;
  }
}
