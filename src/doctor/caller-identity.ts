/**
 * STS GetCallerIdentity: the one call that proves AWS accepts the credentials. It needs the
 * network, so when AWS cannot be reached it only warns; a refusal from AWS fails.
 */
import type { AwsConfigFiles } from './aws-config-files.js';
import type { AwsCredentials } from './aws-credentials.js';
import type { CheckResult } from './check.js';

const IDENTITY_TIMEOUT_MS = 5000;

/** Answers in which AWS itself says no to these credentials, as opposed to not answering. */
const REJECTIONS = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'AccessDenied',
  'UnrecognizedClientException',
]);

export async function checkCallerIdentity(
  credentials: AwsCredentials,
  region: string,
  endpointUrl: string | undefined,
  files: AwsConfigFiles,
): Promise<CheckResult> {
  const name = 'AWS identity';
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient({
    region,
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: IDENTITY_TIMEOUT_MS, requestTimeout: IDENTITY_TIMEOUT_MS },
    ...(endpointUrl ? { endpoint: endpointUrl } : {}),
  });
  const where = endpointUrl ?? `STS in ${region}`;
  try {
    const identity = await client.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(IDENTITY_TIMEOUT_MS) });
    return { name, status: 'ok', required: true, detail: `account ${identity.Account}, ${identity.Arn}` };
  } catch (error) {
    const { name: code, message } = error as Error;
    if (REJECTIONS.has(code)) {
      return {
        name,
        status: 'fail',
        required: true,
        detail: `${where} rejected the credentials: ${code}: ${message}`,
        fix: `aws configure --profile ${files.profile}   (SSO: aws sso login --profile ${files.profile})`,
      };
    }
    return {
      name,
      status: 'warn',
      required: true,
      detail: `could not ask ${where} who these credentials are: ${describeUnreachable(error as Error & { code?: string })}`,
      fix: 'check the network, proxy (HTTPS_PROXY) or --endpoint-url; the credentials themselves were found',
    };
  } finally {
    client.destroy();
  }
}

function describeUnreachable(error: Error & { code?: string }): string {
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return `no answer within ${IDENTITY_TIMEOUT_MS / 1000} s`;
  return error.code ?? `${error.name}: ${error.message}`;
}
