/** SNS's errors as AWS words them; the codec takes each code's status from the SNS schemas. */
import { AwsError } from '../../errors.js';

export const topicNotFound = (): AwsError => new AwsError('NotFound', 'Topic does not exist', { status: 404 });

export const subscriptionNotFound = (): AwsError => new AwsError('NotFound', 'Subscription does not exist', { status: 404 });

export const resourceNotFound = (): AwsError => new AwsError('ResourceNotFound', 'Resource does not exist', { status: 404 });

/** SNS words every parameter error `Invalid parameter: <what>`. */
export const invalidParameter = (what: string): AwsError => new AwsError('InvalidParameter', `Invalid parameter: ${what}`);

export const tagLimitExceeded = (): AwsError =>
  new AwsError('TagLimitExceeded', 'Could not complete request: tag quota of per resource exceeded');

/** Unlike the other parameter errors, not prefixed `Invalid parameter:`. */
export const invalidSmsEndpoint = (endpoint: string): AwsError => new AwsError('InvalidParameter', `Invalid SMS endpoint: ${endpoint}`);
