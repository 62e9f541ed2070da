/**
 * Where lab keeps what it must not forget: the user's config directory, as each platform
 * names it, or `$LAB_CONFIG_DIR` (tests and unusual setups).
 */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export function labConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LAB_CONFIG_DIR) return env.LAB_CONFIG_DIR;
  switch (platform()) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'cloud-journey-lab');
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'cloud-journey-lab');
    default:
      return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'cloud-journey-lab');
  }
}

/**
 * One ledger per target: `aws-123456789012-us-east-1`, `endpoint-127.0.0.1-4566`. The key
 * becomes a file name, so anything but letters, digits, dot and dash turns into a dash.
 */
export function ledgerPath(targetKey: string, env: NodeJS.ProcessEnv = process.env): string {
  const safe = targetKey.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  if (safe === '') throw new Error(`no ledger file name can be made from the target '${targetKey}'`);
  return join(labConfigDir(env), 'ledgers', `${safe}.json`);
}

/** Where the default sandbox keeps its state, shared by `lab run`, `lab cleanup` and `lab sandbox start`. */
export function defaultSandboxStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(labConfigDir(env), 'sandbox');
}
