/**
 * `redis-server` for the ElastiCache labs (week8-day5, week8-day6): the sandbox runs real
 * Redis processes as cache nodes. Most labs do without it, so its absence only warns.
 */
import { execFile } from 'node:child_process';
import { findRedisServer, REDIS_SERVER_ENV, RedisServerMissing } from '../sandbox/redis/binary.js';
import type { CheckResult } from './check.js';

export { REDIS_SERVER_ENV };
const VERSION_TIMEOUT_MS = 3000;

/** Every platform's command (the sandbox's own error names just this one's): a reader may be helping someone else. */
const INSTALL_HINT = [
  'Debian/Ubuntu: sudo apt-get install -y redis-server',
  'Fedora: sudo dnf install redis',
  'macOS: brew install redis',
  'Windows: in WSL, sudo apt-get install -y redis-server; or Docker: docker run -p 6379:6379 redis',
  `or point ${REDIS_SERVER_ENV} at a redis-server binary`,
].join('\n');

export async function checkRedisServer(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<CheckResult> {
  const name = 'redis-server';
  let path: string;
  try {
    path = findRedisServer(env, platform);
  } catch (error) {
    if (!(error instanceof RedisServerMissing)) throw error;
    const detail = env[REDIS_SERVER_ENV] ? error.detail : 'not found on PATH; only week8-day5 and week8-day6 (ElastiCache for Redis) need it';
    return { name, status: 'warn', required: false, detail, fix: INSTALL_HINT };
  }
  const origin = env[REDIS_SERVER_ENV] ? `${REDIS_SERVER_ENV}=${path}` : path;
  const version = await redisVersion(path);
  if ('error' in version) {
    return { name, status: 'warn', required: false, detail: `${origin} --version failed: ${version.error}`, fix: INSTALL_HINT };
  }
  return { name, status: 'ok', required: false, detail: `${version.version} (${origin})` };
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
