/**
 * The cache-aside pattern over a DynamoDB table. Read: GET from Redis; on a miss, GetItem
 * from DynamoDB and SET the item with a TTL, so a stale copy can live at most that long.
 * Write: UpdateItem in DynamoDB, then DEL the cached copy, so the next read fetches the
 * new item (deleting rather than rewriting avoids racing writers leaving an old copy).
 *
 * The cache is an optimisation, never the source of truth: when Redis cannot answer (a
 * failover in progress), reads go to DynamoDB and say so, instead of failing.
 */
import type { AttributeValue, GetItemCommand, GetItemCommandInput, UpdateItemCommand, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { Redis } from 'ioredis';

export type Item = Record<string, AttributeValue>;
export type Key = Record<string, AttributeValue>;

/** Sends the layer's DynamoDB commands: a plain DynamoDBClient's `send`, or a lab step's `ctx.measure`. */
export type SendDynamoDb = (command: GetItemCommand | UpdateItemCommand) => Promise<unknown>;

export interface CacheAsideOptions {
  redis: Redis;
  send: SendDynamoDb;
  tableName: string;
  /** How long a cached copy may live, in seconds. */
  ttlSeconds: number;
}

export interface CachedRead {
  item: Item | undefined;
  /** `cache` on a hit; `database` on a miss, or when the cache could not answer. */
  source: 'cache' | 'database';
  /** Why the cache was bypassed, when it was (the Redis error). */
  cacheError?: string;
}

export type ItemUpdate = Pick<UpdateItemCommandInput, 'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues' | 'ConditionExpression'>;

const dynamodb = () => import('@aws-sdk/client-dynamodb');

export class CacheAside {
  constructor(private readonly options: CacheAsideOptions) {}

  /** `Movies:{"year":{"N":"2013"},"title":{"S":"Rush"}}`: the table and the key, attribute order fixed. */
  cacheKey(key: Key): string {
    const sorted = Object.fromEntries(Object.entries(key).sort(([a], [b]) => (a < b ? -1 : 1)));
    return `${this.options.tableName}:${JSON.stringify(sorted)}`;
  }

  async read(key: Key): Promise<CachedRead> {
    const cacheKey = this.cacheKey(key);
    let cacheError: string | undefined;
    try {
      const cached = await this.options.redis.get(cacheKey);
      if (cached !== null) return { item: JSON.parse(cached) as Item, source: 'cache' };
    } catch (error) {
      cacheError = (error as Error).message;
    }
    const item = await this.getItem(key);
    if (item && cacheError === undefined) {
      // A failed fill only costs the next reader a miss.
      await this.options.redis.set(cacheKey, JSON.stringify(item), 'EX', this.options.ttlSeconds).catch(() => undefined);
    }
    return { item, source: 'database', ...(cacheError === undefined ? {} : { cacheError }) };
  }

  /** The database read alone, as cache misses make it: the baseline the cache is measured against. */
  async getItem(key: Key): Promise<Item | undefined> {
    const { GetItemCommand } = await dynamodb();
    const input: GetItemCommandInput = { TableName: this.options.tableName, Key: key };
    const out = (await this.options.send(new GetItemCommand(input))) as { Item?: Item };
    return out.Item;
  }

  /** Writes to DynamoDB first, then invalidates: a crash between them leaves at worst a copy that expires. */
  async update(key: Key, update: ItemUpdate): Promise<Item | undefined> {
    const { UpdateItemCommand } = await dynamodb();
    const out = (await this.options.send(new UpdateItemCommand({ TableName: this.options.tableName, Key: key, ...update, ReturnValues: 'ALL_NEW' }))) as { Attributes?: Item };
    await this.invalidate(key);
    return out.Attributes;
  }

  /** Drops the cached copy, so the next read goes to DynamoDB. */
  async invalidate(key: Key): Promise<void> {
    await this.options.redis.del(this.cacheKey(key));
  }
}
