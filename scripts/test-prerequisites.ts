/**
 * Run by `npm test` before the suite: the ElastiCache tests start real redis-server
 * processes, so a machine without one would answer with a wall of failures. Where it can
 * (root, with apt-get) this installs Debian's redis-server and says so; elsewhere it stops
 * with the install command for the platform.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { checkRedisServer, REDIS_SERVER_ENV } from '../src/doctor/redis-server.js';

const APT_GET = '/usr/bin/apt-get';

async function main(): Promise<number> {
  const redis = await checkRedisServer(process.env);
  if (redis.status === 'ok') return 0;
  // A binary the user named is theirs to fix: installing another would not be used.
  const canInstall = !process.env[REDIS_SERVER_ENV] && process.platform === 'linux' && process.getuid?.() === 0 && existsSync(APT_GET);
  if (!canInstall) {
    process.stderr.write(`npm test: redis-server is needed (${redis.detail}); the ElastiCache tests run real Redis nodes.\nInstall it, then run npm test again:\n${indent(redis.fix ?? '')}\n`);
    return 1;
  }
  process.stderr.write(`npm test: redis-server is missing (${redis.detail}); installing Debian's redis-server with apt-get (running as root)...\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'redis-server']]) {
    const result = spawnSync(APT_GET, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) {
      process.stderr.write(`npm test: apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal}); install redis-server yourself, then run npm test again.\n`);
      return 1;
    }
  }
  const after = await checkRedisServer(process.env);
  process.stderr.write(after.status === 'ok' ? `npm test: installed ${after.detail}.\n` : `npm test: redis-server still not usable: ${after.detail}\n`);
  return after.status === 'ok' ? 0 : 1;
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}

process.exitCode = await main();
