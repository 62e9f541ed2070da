/**
 * A plain-words hint beside AWS's own error, for the codes learners meet most. AWS's code
 * and message are always shown as AWS sent them; the hint only says what to do next.
 */
const HINTS: [RegExp, string][] = [
  [/^DependencyViolation$/, 'Something still uses this resource. Delete or detach what depends on it first; lab cleanup does that in the right order.'],
  [/^DryRunOperation$/, 'The call would have succeeded: DryRun checks permissions and parameters without doing anything.'],
  [/^(UnauthorizedOperation|AccessDenied|AccessDeniedException)$/, 'Your credentials are not allowed to make this call. Ask for the permission, or use a profile that has it (--profile).'],
  [/^(ExpiredToken|ExpiredTokenException|RequestExpired)$/, 'Your session expired. Sign in again (aws sso login --profile <name>) and retry.'],
  [/^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|AuthFailure)$/, 'AWS does not accept these credentials. Check them with: lab doctor --target aws'],
  [/^(Throttling|ThrottlingException|RequestLimitExceeded|TooManyRequestsException)$/, 'AWS is rate-limiting these calls. Wait a few seconds and retry.'],
  [/^BucketAlreadyExists$/, 'S3 bucket names are global across all AWS accounts, and someone has this one. Choose another name.'],
  [/^BucketAlreadyOwnedByYou$/, 'You already have this bucket; nothing new was created.'],
  [/^BucketNotEmpty$/, 'A bucket must be empty before it can be deleted. Delete its objects first.'],
  [/^(InvalidPermission\.Duplicate|InvalidGroup\.Duplicate|InvalidKeyPair\.Duplicate|EntityAlreadyExists|RouteAlreadyExists|ResourceInUseException|Resource\.AlreadyAssociated)$/, 'It already exists, probably from an earlier run. Use it, or remove it with lab cleanup.'],
  [/^DeleteConflict$/, 'IAM refuses while the user or group still has access keys, members or policies. Remove those first; lab cleanup does.'],
  [/^ConditionalCheckFailedException$/, 'The item did not meet the ConditionExpression, so nothing was written. That is the condition doing its job.'],
  [/^(InvalidParameterValue|InvalidParameterCombination|ValidationException|ValidationError|MissingParameter)$/, 'AWS rejected a parameter; its message names which one.'],
  [/^(VcpuLimitExceeded|InstanceLimitExceeded|LimitExceeded|LimitExceededException)$/, 'The account hit a service quota. Delete unused resources or request a quota increase in the Service Quotas console.'],
  [/NotFound|NoSuch/, 'AWS has no such resource in this account and region. Check the id and --region; an earlier step may not have run.'],
];

export function errorHint(code: string): string | undefined {
  return HINTS.find(([pattern]) => pattern.test(code))?.[1];
}
