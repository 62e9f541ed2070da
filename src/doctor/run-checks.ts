/** Which checks `lab doctor` runs for a target, in the order the report lists them. */
import type { GlobalOptions } from '../cli/global-options.js';
import { SANDBOX_DEFAULT_PORT } from '../sandbox/constants.js';
import { loadAwsConfigFiles } from './aws-config-files.js';
import { checkAwsCredentials } from './aws-credentials.js';
import { checkAwsRegion, resolveRegion } from './aws-region.js';
import { checkCallerIdentity } from './caller-identity.js';
import type { CheckResult } from './check.js';
import { checkNodeVersion } from './node-version.js';
import { checkRedisServer } from './redis-server.js';
import type { DebugLog, Redactor } from './redact.js';
import { checkSandboxPort } from './sandbox-port.js';

export interface DoctorContext {
  env: NodeJS.ProcessEnv;
  redactor: Redactor;
  debug: DebugLog;
}

/** `--profile` implies the AWS target, as everywhere in lab. */
export function targetsAws(options: Pick<GlobalOptions, 'target' | 'profile'>): boolean {
  return options.target === 'aws' || options.profile !== undefined;
}

export async function runChecks(options: GlobalOptions, context: DoctorContext): Promise<CheckResult[]> {
  const onAws = targetsAws(options);
  const timed = async (label: string, check: Promise<CheckResult>): Promise<CheckResult> => {
    const started = performance.now();
    const result = await check;
    context.debug(`${label}: ${result.status} in ${Math.round(performance.now() - started)} ms`);
    return result;
  };
  const local = await Promise.all([
    timed('node', Promise.resolve(checkNodeVersion())),
    // Labs on AWS never start the sandbox, so there a busy loopback is worth a warning at most.
    timed('sandbox port', checkSandboxPort(SANDBOX_DEFAULT_PORT, !onAws)),
    timed('redis-server', checkRedisServer(context.env)),
  ]);
  if (!onAws) return local;
  return [...local, ...(await awsChecks(options, context))];
}

async function awsChecks(options: GlobalOptions, context: DoctorContext): Promise<CheckResult[]> {
  const files = await loadAwsConfigFiles(options.profile, context.env);
  context.debug(`profile '${files.profile}'; config ${files.configPath}; credentials ${files.credentialsPath}`);
  const resolved = resolveRegion(options.region, context.env, files);
  const region = checkAwsRegion(resolved, files);
  const { result: credentials, credentials: found } = await checkAwsCredentials(files, context.redactor, context.debug);
  if (!found || !resolved) return [credentials, region];
  return [credentials, region, await checkCallerIdentity(found, resolved.region, options.endpointUrl, files)];
}
