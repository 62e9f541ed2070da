/** S3's errors as AWS words them; S3 names the bucket or key in the error document. */
import { AwsError } from '../../errors.js';

export const noSuchBucket = (bucket: string): AwsError =>
  new AwsError('NoSuchBucket', 'The specified bucket does not exist', { status: 404, fields: { BucketName: bucket } });

export const noSuchKey = (key: string): AwsError =>
  new AwsError('NoSuchKey', 'The specified key does not exist.', { status: 404, fields: { Key: key } });

export const bucketNotEmpty = (bucket: string): AwsError =>
  new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', { status: 409, fields: { BucketName: bucket } });

export const bucketAlreadyOwnedByYou = (bucket: string): AwsError =>
  new AwsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', {
    status: 409,
    fields: { BucketName: bucket },
  });

export const invalidBucketName = (bucket: string): AwsError =>
  new AwsError('InvalidBucketName', 'The specified bucket is not valid.', { fields: { BucketName: bucket } });

export const noSuchTagSet = (bucket: string): AwsError =>
  new AwsError('NoSuchTagSet', 'The TagSet does not exist', { status: 404, fields: { BucketName: bucket } });

export const invalidTag = (message: string): AwsError => new AwsError('InvalidTag', message);

export const invalidArgument = (message: string, name: string, value: string): AwsError =>
  new AwsError('InvalidArgument', message, { fields: { ArgumentName: name, ArgumentValue: value } });

export const invalidLocationConstraint = (constraint: string): AwsError =>
  new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', {
    fields: { LocationConstraint: constraint },
  });

/** The constraint names another region than the endpoint the request went to. */
export const illegalLocationConstraint = (constraint: string | undefined): AwsError =>
  new AwsError(
    'IllegalLocationConstraintException',
    `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
  );

export const malformedXml = (): AwsError =>
  new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
