/**
 * AWS credentials through the SDK's standard chain, the one every lab client will use,
 * reported by where they come from: never by what they are.
 */
import type { AwsConfigFiles } from './aws-config-files.js';
import type { CheckResult } from './check.js';
import { maskAccessKeyId, type DebugLog, type Redactor } from './redact.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  /** The SDK's record of which provider produced them (feature ids, e.g. CREDENTIALS_PROFILE). */
  $source?: Record<string, unknown>;
}

/** Long enough for SSO or AssumeRole round trips, short enough that doctor never hangs. */
const CHAIN_TIMEOUT_MS = 10_000;
/** The instance metadata service answers in milliseconds where it exists at all. */
const IMDS_TIMEOUT_MS = 1000;

export async function checkAwsCredentials(
  files: AwsConfigFiles,
  redactor: Redactor,
  debug: DebugLog,
): Promise<{ result: CheckResult; credentials?: AwsCredentials }> {
  const name = 'AWS credentials';
  const required = true;
  if (files.profileNamed && !files.inConfig && !files.inCredentials) {
    return {
      result: {
        name,
        status: 'fail',
        required,
        detail: `profile '${files.profile}' is in neither ${files.credentialsPath} nor ${files.configPath}`,
        fix: `aws configure --profile ${files.profile}   (or 'aws configure sso --profile ${files.profile}' for IAM Identity Center)`,
      },
    };
  }
  // Imported here: the credential providers are large and only --target aws needs them.
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  const log = (...parts: unknown[]): void => debug(parts.map(String).join(' '));
  const provider = defaultProvider({
    // A named profile must win over AWS_ACCESS_KEY_ID, as it does for the AWS CLI; unnamed, the SDK tries the environment first.
    ...(files.profileNamed ? { profile: files.profile } : {}),
    logger: { debug: log, info: log, warn: log, error: log },
    timeout: IMDS_TIMEOUT_MS,
    maxRetries: 0,
  });
  try {
    const credentials = (await withTimeout(provider(), CHAIN_TIMEOUT_MS)) as AwsCredentials;
    redactor.addCredentials(credentials);
    debug(`credential features: ${Object.keys(credentials.$source ?? {}).join(', ') || 'none'}`);
    return { result: { name, status: 'ok', required, detail: describeCredentials(credentials, files) }, credentials };
  } catch (error) {
    return { result: { name, status: 'fail', required, detail: describeFailure(error as Error, files), fix: credentialsFix(files) } };
  }
}

function describeCredentials(credentials: AwsCredentials, files: AwsConfigFiles): string {
  const temporary = credentials.sessionToken
    ? `, temporary${credentials.expiration ? ` until ${credentials.expiration.toISOString()}` : ''}`
    : '';
  return `${credentialSource(credentials, files)}; access key ${maskAccessKeyId(credentials.accessKeyId)}${temporary}`;
}

/** Most specific first: an assumed role's credentials also carry the features of its source. */
function credentialSource(credentials: AwsCredentials, files: AwsConfigFiles): string {
  const features = new Set(Object.keys(credentials.$source ?? {}));
  const has = (...ids: string[]): boolean => ids.some((id) => features.has(id));
  const profile = `profile '${files.profile}'`;
  const settings = { ...files.inCredentials, ...files.inConfig };
  if (has('CREDENTIALS_PROFILE_SOURCE_PROFILE')) {
    const from = settings.source_profile ? `source_profile '${settings.source_profile}'` : `credential_source ${settings.credential_source ?? '?'}`;
    return `${profile}: role ${settings.role_arn ?? '?'} assumed from ${from}`;
  }
  if (has('CREDENTIALS_PROFILE_SSO', 'CREDENTIALS_PROFILE_SSO_LEGACY', 'CREDENTIALS_SSO', 'CREDENTIALS_SSO_LEGACY')) {
    const session = settings.sso_session ? ` (sso_session '${settings.sso_session}')` : '';
    return `IAM Identity Center (SSO) through ${profile}${session} in ${files.configPath}`;
  }
  if (has('CREDENTIALS_PROFILE_PROCESS', 'CREDENTIALS_PROCESS')) return `credential_process of ${profile}`;
  if (has('CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN')) return `web_identity_token_file of ${profile}`;
  if (has('CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN')) return 'web identity token (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN)';
  if (has('CREDENTIALS_PROFILE_LOGIN', 'CREDENTIALS_LOGIN')) return `console sign-in session ('aws login') of ${profile}`;
  if (has('CREDENTIALS_PROFILE')) {
    const file = files.inCredentials?.aws_access_key_id ? files.credentialsPath : files.configPath;
    return `${profile} in ${file}`;
  }
  if (has('CREDENTIALS_ENV_VARS')) {
    return `environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY${credentials.sessionToken ? ' (with AWS_SESSION_TOKEN)' : ''}`;
  }
  if (has('CREDENTIALS_HTTP')) return 'the container credentials endpoint (ECS or EKS)';
  // The instance and container metadata providers leave no mark of their own.
  return 'the container or EC2 instance role (metadata service)';
}

function describeFailure(error: Error, files: AwsConfigFiles): string {
  if (error.message === 'Could not load credentials from any providers') {
    return (
      'none found: not in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, ' +
      `not in profile '${files.profile}' of ${files.credentialsPath} or ${files.configPath}, and no container or instance role`
    );
  }
  return `profile '${files.profile}': ${error.message.split('\n')[0]}`;
}

function credentialsFix(files: AwsConfigFiles): string {
  const settings = { ...files.inCredentials, ...files.inConfig };
  if (settings.sso_session || settings.sso_start_url) return `aws sso login --profile ${files.profile}`;
  return `aws configure --profile ${files.profile}   (or 'aws configure sso --profile ${files.profile}' for IAM Identity Center)`;
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the credential chain did not answer within ${milliseconds / 1000} s`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
