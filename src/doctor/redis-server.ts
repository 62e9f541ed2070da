/**
 * `redis-server` for the ElastiCache labs (week8-day5, week8-day6): the sandbox runs real
 * Redis processes as cache nodes. Most labs do without it, so its absence only warns.
 */
import { execFile } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { CheckResult } from './check.js';

export const REDIS_SERVER_ENV = 'LAB_REDIS_SERVER';
const VERSION_TIMEOUT_MS = 3000;

const INSTALL_HINT = [
  'Debian/Ubuntu: sudo apt-get install -y redis-server',
  'macOS: brew install redis',
  'Windows: in WSL, sudo apt-get install -y redis-server; or Docker: docker run -p 6379:6379 redis',
  `or point ${REDIS_SERVER_ENV} at a redis-server binary`,
].join('\n');

export async function checkRedisServer(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<CheckResult> {
  const name = 'redis-server';
  const configured = env[REDIS_SERVER_ENV];
  const path = configured || (await findOnPath('redis-server', env, platform));
  if (!path) {
    return {
      name,
      status: 'warn',
      required: false,
      detail: 'not found on PATH; only week8-day5 and week8-day6 (ElastiCache for Redis) need it',
      fix: INSTALL_HINT,
    };
  }
  const origin = configured ? `${REDIS_SERVER_ENV}=${path}` : path;
  if (!(await isExecutableFile(path))) {
    return { name, status: 'warn', required: false, detail: `${origin} is not an executable file`, fix: INSTALL_HINT };
  }
  const version = await redisVersion(path);
  if ('error' in version) {
    return { name, status: 'warn', required: false, detail: `${origin} --version failed: ${version.error}`, fix: INSTALL_HINT };
  }
  return { name, status: 'ok', required: false, detail: `${version.version} (${origin})` };
}

async function findOnPath(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string | undefined> {
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const directory of (env.PATH ?? '').split(delimiter)) {
    if (directory === '') continue;
    for (const extension of extensions) {
      const candidate = join(directory, command + extension);
      if (await isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `Redis server v=7.0.15 sha=... ` becomes `Redis 7.0.15`; other answers print as they are. */
function redisVersion(path: string): Promise<{ version: string } | { error: string }> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: VERSION_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout) => {
      if (error) {
        resolve({ error: error.killed ? `no answer within ${VERSION_TIMEOUT_MS / 1000} s` : error.message.split('\n')[0]! });
        return;
      }
      const match = /\bv=(\S+)/.exec(stdout);
      resolve({ version: match ? `Redis ${match[1]}` : stdout.trim().split('\n')[0]! });
    });
  });
}
