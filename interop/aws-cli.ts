/**
 * Running the real AWS CLI v2 (Debian's package, always /usr/bin/aws: a PATH `aws` may be
 * CLI v1) against an endpoint, with throwaway credentials and no user configuration.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const AWS_CLI = '/usr/bin/aws';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function requireAwsCli(): void {
  if (!existsSync(AWS_CLI)) {
    throw new Error(`${AWS_CLI} is missing: the interop suite needs AWS CLI v2 from Debian (apt-get install -y awscli)`);
  }
}

export function awsCli(endpoint: string, args: string[], options: { cwd?: string } = {}): CliResult {
  const result = spawnSync(AWS_CLI, [...args, '--endpoint-url', endpoint, '--region', 'us-east-1'], {
    encoding: 'utf8',
    cwd: options.cwd,
    timeout: 60_000,
    env: cliEnvironment(),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking this process: for a sandbox running inside it. */
export function awsCliAsync(args: string[], options: { cwd?: string } = {}): Promise<CliResult> {
  const child = spawn(AWS_CLI, args, { cwd: options.cwd, env: cliEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function cliEnvironment(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
}
