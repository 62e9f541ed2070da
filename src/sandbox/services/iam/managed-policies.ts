/**
 * The AWS managed policies the sandbox knows, the ones the study plan's labs attach. Their
 * ARNs live in the `aws` account: `arn:aws:iam::aws:policy/ReadOnlyAccess`.
 */
const MANAGED_POLICY_NAMES = [
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'IAMFullAccess',
  'IAMReadOnlyAccess',
  'IAMUserChangePassword',
  'AmazonS3FullAccess',
  'AmazonS3ReadOnlyAccess',
  'AmazonEC2FullAccess',
  'AmazonEC2ReadOnlyAccess',
  'AmazonVPCFullAccess',
  'AmazonSNSFullAccess',
  'AmazonSNSReadOnlyAccess',
  'AmazonDynamoDBFullAccess',
  'AmazonDynamoDBReadOnlyAccess',
  'AmazonRDSFullAccess',
  'AmazonElastiCacheFullAccess',
  'CloudWatchFullAccess',
  'CloudWatchReadOnlyAccess',
  'CloudWatchLogsFullAccess',
  'AmazonSSMManagedInstanceCore',
];

const MANAGED_POLICY_ARN_PREFIX = 'arn:aws:iam::aws:policy/';

/** The policy's name when `arn` is a managed policy the sandbox knows. */
export function managedPolicyName(arn: string): string | undefined {
  if (!arn.startsWith(MANAGED_POLICY_ARN_PREFIX)) return undefined;
  const name = arn.slice(MANAGED_POLICY_ARN_PREFIX.length);
  return MANAGED_POLICY_NAMES.includes(name) ? name : undefined;
}
