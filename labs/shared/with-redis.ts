/**
 * A lab step's Redis session: a connection to the cache node for the length of the step
 * (src/cache/redis-connection.ts), closed after it.
 *
 * ElastiCache nodes have only private addresses inside their VPC: from a laptop a
 * connection to them never answers. A timeout is therefore not an error in the lab but a
 * lesson, returned as the step's result with the way to run the step from inside the VPC.
 */
import type { Redis } from 'ioredis';
import { CacheUnreachableError, connectRedis, endpointText, type CacheEndpoint } from '../../src/cache/redis-connection.js';
import type { StepResult } from '../../src/runner/lab.js';
import type { StepContext } from '../../src/runner/step-context.js';

/** What a learner outside the VPC reads instead of a hang or a stack trace. */
export function unreachableResult(error: CacheUnreachableError): StepResult {
  return {
    operation: 'Connect',
    response: {
      Endpoint: endpointText(error.endpoint),
      Reachable: false,
      Reason: error.cause.message,
      Why: 'ElastiCache gives its nodes private addresses in the VPC only; no connection from outside the VPC (your laptop) reaches them, so it times out.',
      HowToConnect:
        'Launch a small EC2 instance in one of the cache subnets, in a security group the cache security group admits (its rule allows 6379 from the VPC CIDR), ' +
        'connect to it with EC2 Instance Connect or Session Manager, install Node.js 20 and this project there, and run the connection steps from it: ' +
        'lab run week8-day5 --target aws --steps 6-8 (or, with redis-cli installed there: redis-cli -h <primary endpoint> -p 6379 PING).',
    },
  };
}

/**
 * Runs `use` with a connection to the endpoint and closes it after; a node that does not
 * answer gives the explanation above as the step's result.
 */
export async function withRedis(ctx: StepContext, endpoint: CacheEndpoint, use: (redis: Redis) => Promise<StepResult>): Promise<StepResult> {
  let redis: Redis;
  try {
    redis = await connectRedis(endpoint);
  } catch (error) {
    if (!(error instanceof CacheUnreachableError)) throw error;
    ctx.note(`The cache did not answer at ${endpointText(endpoint)}: it is reachable only from inside its VPC. See HowToConnect below.`);
    return unreachableResult(error);
  }
  const shown = showRedisCli(ctx, endpoint, redis);
  try {
    return await use(redis);
  } finally {
    shown.finish();
    redis.disconnect();
  }
}

/** How many `redis-cli` lines one step shows: a benchmark's thousand GETs are counted, not listed. */
const REDIS_CLI_LINES_PER_STEP = 8;

/**
 * Shows each command the step sends as the `redis-cli` line that sends the same (as an AWS
 * call shows its `aws` command), up to a few a step, and counts the rest when the step ends.
 */
function showRedisCli(ctx: StepContext, endpoint: CacheEndpoint, redis: Redis): { finish(): void } {
  let sent = 0;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command: Parameters<Redis['sendCommand']>[0], ...rest: unknown[]) => {
    if (sent++ < REDIS_CLI_LINES_PER_STEP) {
      const words = [command.name.toUpperCase(), ...command.args.map(redisCliWord)];
      ctx.showCommand(`redis-cli -h ${endpoint.Address} -p ${endpoint.Port} ${words.join(' ')}`);
    }
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as Redis['sendCommand'];
  return {
    finish() {
      const more = sent - REDIS_CLI_LINES_PER_STEP;
      if (more > 0) ctx.note(`... and ${more} more Redis command${more === 1 ? '' : 's'} like these.`);
    },
  };
}

/** An argument as redis-cli reads it: bare when plain, else in double quotes with its escapes. */
function redisCliWord(arg: unknown): string {
  const text = Buffer.isBuffer(arg) ? arg.toString('utf8') : String(arg);
  return /^[\w:.@/*+=-]+$/.test(text) ? text : JSON.stringify(text);
}
