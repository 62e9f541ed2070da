/**
 * AWS's own code for an SDK error, as the AWS CLI prints it: the query protocols' wire code
 * (`NoSuchEntity`, where the SDK names the class `NoSuchEntityException`), else the name.
 */
export function awsErrorCode(error: unknown): string {
  const sdkError = error as { Code?: unknown; name?: unknown } | null;
  if (typeof sdkError?.Code === 'string' && sdkError.Code !== '') return sdkError.Code;
  return typeof sdkError?.name === 'string' ? sdkError.name : 'UnknownError';
}
