/**
 * A client's connection to a cache node: one ioredis connection to an endpoint (an
 * ElastiCache primary or reader endpoint, or any redis-server), failing fast instead of
 * queueing when the node cannot be reached. Labs, the cache-aside layer's tests and the
 * benchmark all connect this way, so what they measure is what a lab step does.
 */
import { Redis } from 'ioredis';

export const REDIS_PORT = 6379;
const CONNECT_TIMEOUT_MS = 5_000;

/** An endpoint as ElastiCache describes it. */
export interface CacheEndpoint {
  Address: string;
  Port: number;
}

/** `host:port`, as labs remember an endpoint. */
export function endpointText(endpoint: CacheEndpoint): string {
  return `${endpoint.Address}:${endpoint.Port}`;
}

export function parseEndpoint(text: string): CacheEndpoint {
  const at = text.lastIndexOf(':');
  return { Address: text.slice(0, at), Port: Number(text.slice(at + 1)) };
}

/**
 * A connection that reconnects on its own (a failover closes it) but fails a command at
 * once while disconnected, so a caller can fall back instead of hanging.
 */
export async function connectRedis(endpoint: CacheEndpoint): Promise<Redis> {
  const redis = new Redis({
    host: endpoint.Address,
    port: endpoint.Port,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  // Connection errors surface on commands; unhandled, the event would crash the process.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new CacheUnreachableError(endpoint, error as Error);
  }
  return redis;
}

export class CacheUnreachableError extends Error {
  constructor(readonly endpoint: CacheEndpoint, override readonly cause: Error) {
    super(`no answer from the cache node at ${endpointText(endpoint)}: ${cause.message}`);
    this.name = 'CacheUnreachableError';
  }
}
