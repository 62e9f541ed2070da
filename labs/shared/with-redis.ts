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
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}
