/**
 * Where a lab runs, resolved from the options: the local sandbox (the default), another
 * endpoint (`--endpoint-url`: a running `lab sandbox`, LocalStack, moto), or a real AWS
 * account (`--target aws` or `--profile`). A target names its ledger, makes its clients,
 * and knows the flags that make a printed `aws` command reach the same place.
 */
import { defaultSandboxStateDir } from '../ledger/paths.js';
import { ClientPool, type ClientSettings } from './clients.js';

export type TargetKind = 'sandbox' | 'endpoint' | 'aws';

export interface TargetOptions {
  target?: 'sandbox' | 'aws';
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

export interface Target {
  kind: TargetKind;
  region: string;
  /** The ledger's name for this target: one world of resources. */
  key: string;
  /** How the learner reads it: `the local sandbox at http://127.0.0.1:4566`. */
  description: string;
  clients: ClientPool;
  /** Flags every printed `aws` command needs to reach this target. */
  cliGlobals: Record<string, string>;
  /** The AWS account, once known (always for `aws`). */
  accountId?: string;
  /** Closes clients and, for a sandbox this process started, stops it and saves its state. */
  close(): Promise<void>;
}

/**
 * What a lab step may know about where it runs (`ctx.target`): the kind, the region, the
 * account, the words the runner shows. Never the clients: steps reach AWS through `ctx.call`.
 */
export type TargetFacts = Readonly<Pick<Target, 'kind' | 'region' | 'description' | 'accountId'>>;

export function targetFacts(target: Target): TargetFacts {
  return { kind: target.kind, region: target.region, description: target.description, ...(target.accountId === undefined ? {} : { accountId: target.accountId }) };
}

export const SANDBOX_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4566';

export function targetKind(options: TargetOptions): TargetKind {
  if (options.endpointUrl) return 'endpoint';
  if (options.target === 'aws' || (options.profile && options.target !== 'sandbox')) return 'aws';
  return 'sandbox';
}

export async function connectTarget(options: TargetOptions, env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  // Off AWS, the region comes from the flag or the environment, as the AWS CLI reads it.
  const localRegion = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  switch (targetKind(options)) {
    case 'endpoint':
      return endpointTarget(options.endpointUrl!, localRegion, env);
    case 'aws':
      return awsTarget(options, env);
    case 'sandbox':
      return sandboxTarget(localRegion, env);
  }
}

function endpointTarget(endpointUrl: string, region: string, env: NodeJS.ProcessEnv): Target {
  let url: URL;
  try {
    url = new URL(endpointUrl);
  } catch {
    throw new Error(`--endpoint-url ${endpointUrl} is not a URL; for example: --endpoint-url http://127.0.0.1:4566`);
  }
  const credentials = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? undefined : SANDBOX_CREDENTIALS;
  const clients = new ClientPool({ region, endpoint: url.origin, ...(credentials ? { credentials } : {}) });
  return {
    kind: 'endpoint',
    region,
    key: `endpoint-${url.hostname}-${url.port || (url.protocol === 'https:' ? 443 : 80)}-${region}`,
    description: `the endpoint ${url.origin} (${region})`,
    clients,
    cliGlobals: { 'endpoint-url': url.origin, region },
    close: () => clients.destroy(),
  };
}

async function awsTarget(options: TargetOptions, env: NodeJS.ProcessEnv): Promise<Target> {
  const { loadAwsConfigFiles } = await import('../doctor/aws-config-files.js');
  const { resolveRegion } = await import('../doctor/aws-region.js');
  const files = await loadAwsConfigFiles(options.profile, env);
  const resolved = resolveRegion(options.region, env, files);
  if (!resolved) {
    throw new Error(`no AWS region is set for profile '${files.profile}'. Pass --region us-east-1, or run: aws configure set region us-east-1 --profile ${files.profile}`);
  }
  const settings: ClientSettings = { region: resolved.region, ...(options.profile ? { profile: options.profile } : {}) };
  const clients = new ClientPool(settings);
  const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  let identity: { Account?: string; Arn?: string };
  try {
    identity = await clients.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    await clients.destroy();
    throw new Error(`AWS did not accept the credentials of profile '${files.profile}' (${(error as Error).name}: ${(error as Error).message}). Check them with: lab doctor --target aws`);
  }
  return {
    kind: 'aws',
    region: resolved.region,
    key: `aws-${identity.Account}-${resolved.region}`,
    description: `AWS account ${identity.Account} in ${resolved.region} as ${identity.Arn}`,
    accountId: identity.Account!,
    clients,
    cliGlobals: { region: resolved.region, ...(options.profile ? { profile: options.profile } : {}) },
    close: () => clients.destroy(),
  };
}

/**
 * The sandbox a learner already runs (`lab sandbox start`) when one answers on the default
 * port; otherwise one started in this process, listening on that port while the lab runs
 * (so the printed `aws` commands work alongside), with its state kept between runs.
 */
async function sandboxTarget(region: string, env: NodeJS.ProcessEnv): Promise<Target> {
  const running = await answersHealth(DEFAULT_SANDBOX_URL);
  if (running) {
    const clients = new ClientPool({ region, endpoint: DEFAULT_SANDBOX_URL, credentials: SANDBOX_CREDENTIALS });
    return sandboxDescription(region, DEFAULT_SANDBOX_URL, clients, () => clients.destroy());
  }
  const { startSandbox } = await import('../sandbox/server.js');
  const { InProcessHandler } = await import('../sandbox/in-process.js');
  const stateDir = defaultSandboxStateDir(env);
  let sandbox;
  try {
    sandbox = await startSandbox({ port: 4566, stateDir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    sandbox = await startSandbox({ port: 0, stateDir });
  }
  const clients = new ClientPool({ region, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, requestHandler: new InProcessHandler(sandbox.router) });
  return sandboxDescription(region, sandbox.url, clients, async () => {
    await clients.destroy();
    await sandbox.stop();
  });
}

function sandboxDescription(region: string, url: string, clients: ClientPool, close: () => Promise<void>): Target {
  return {
    kind: 'sandbox',
    region,
    key: `sandbox-${region}`,
    description: `the local sandbox at ${url} (${region})`,
    accountId: '123456789012',
    clients,
    cliGlobals: { 'endpoint-url': url, region },
    close,
  };
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_lab/health`, { signal: AbortSignal.timeout(500) });
    return response.ok;
  } catch {
    return false;
  }
}
