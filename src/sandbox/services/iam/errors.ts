/** IAM's errors as AWS words them; the codec takes each code's status from the IAM schemas. */
import { AwsError } from '../../errors.js';

export const noSuchEntity = (message: string): AwsError => new AwsError('NoSuchEntity', message, { status: 404 });

export const entityAlreadyExists = (message: string): AwsError => new AwsError('EntityAlreadyExists', message, { status: 409 });

export const deleteConflict = (message: string): AwsError => new AwsError('DeleteConflict', message, { status: 409 });

export const limitExceeded = (message: string): AwsError => new AwsError('LimitExceeded', message, { status: 409 });

export const invalidInput = (message: string): AwsError => new AwsError('InvalidInput', message);

/** Calls that default to the caller's own user; the sandbox's caller is the account, not a user. */
export const userNameRequired = (): AwsError =>
  new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
