/**
 * Where the redis-server binary is: `LAB_REDIS_SERVER` when set, else the first one on PATH.
 * Cache nodes are real Redis processes, so a machine without one gets the install command
 * for its own platform instead of a failure deep inside a lab.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const REDIS_SERVER_ENV = 'LAB_REDIS_SERVER';

export class RedisServerMissing extends Error {
  constructor(readonly detail: string, readonly installCommand: string) {
    super(`The lab sandbox runs ElastiCache cache nodes as real redis-server processes, and ${detail}. ` +
      `Install it with: ${installCommand} (or set ${REDIS_SERVER_ENV} to a redis-server binary).`);
    this.name = 'RedisServerMissing';
  }
}

/** The binary's path; throws RedisServerMissing with the platform's install command. */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const configured = env[REDIS_SERVER_ENV];
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new RedisServerMissing(`${REDIS_SERVER_ENV}=${configured} is not an executable file`, installCommand(platform));
  }
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const directory of (env.PATH ?? '').split(delimiter)) {
    for (const extension of extensions) {
      const candidate = join(directory, `redis-server${extension}`);
      if (directory !== '' && isExecutable(candidate)) return candidate;
    }
  }
  throw new RedisServerMissing('no redis-server is on PATH', installCommand(platform));
}

/** The command that installs redis-server here: apt on Debian and Ubuntu, dnf on Fedora, brew on macOS. */
export function installCommand(platform: NodeJS.Platform = process.platform, osRelease: string = readOsRelease()): string {
  if (platform === 'darwin') return 'brew install redis';
  if (platform === 'win32') return 'sudo apt-get install -y redis-server (inside WSL)';
  if (/^ID(?:_LIKE)?="?[^\n]*\b(fedora|rhel|centos)\b/m.test(osRelease)) return 'sudo dnf install redis';
  return 'sudo apt-get install -y redis-server';
}

function readOsRelease(): string {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
