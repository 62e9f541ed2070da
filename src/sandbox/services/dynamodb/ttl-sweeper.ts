/**
 * The TTL sweeper. AWS deletes expired items in the background, "typically within a few
 * days"; until then they stay readable. Here an item whose TTL attribute (a Number, epoch
 * seconds) has passed is deleted once the `dynamodb.ttl.sweep` delay has passed after its
 * expiry too.
 *
 * The sweep runs lazily, before every DynamoDB and DynamoDB Streams request, over the
 * request's region: no timer, so what a request sees depends only on the sandbox clock, and
 * tests that step the clock see deletions exactly when they are due. Each table remembers
 * its earliest expiry (lowered by writes; an expiry that went away only costs one early
 * look), so a request costs one comparison per TTL-enabled table until something is due.
 *
 * As on AWS, values that are not Numbers are ignored, as are expiries more than five years
 * in the past (often a timestamp in the wrong unit). A sweep deletes through writeItem as
 * DynamoDB itself, so a stream records a service REMOVE.
 */
import type { DynamoDbState, RegionContext, Table } from './state.js';
import { timeToLiveStatus } from './ttl.js';

export const SWEEP = 'dynamodb.ttl.sweep';
const IGNORED_AFTER_MS = 5 * 365 * 24 * 60 * 60 * 1000;

export class TtlSweeper {
  /** Each TTL-enabled table's earliest expiry (ms), for the attribute it was computed for. */
  private readonly earliest = new WeakMap<Table, { attributeName: string; expiry: number }>();

  constructor(private readonly state: DynamoDbState) {
    state.changeListeners.push(({ table, new: item }) => {
      const known = this.earliest.get(table);
      const expiry = known && item && expiryOf(item[known.attributeName]);
      if (known && expiry !== undefined) known.expiry = Math.min(known.expiry, expiry);
    });
  }

  /** Deletes what is due in the request's region: run before every DynamoDB and DynamoDB Streams operation. */
  sweep(ctx: RegionContext): void {
    const tables = this.state.regionOf(ctx);
    const now = ctx.clock.now();
    const delay = ctx.clock.delay(SWEEP);
    for (const name of tables.tableNames()) {
      const table = tables.table(name);
      if (timeToLiveStatus(table, ctx.clock) !== 'ENABLED' || tables.status(table) === 'DELETING') continue;
      const attributeName = table.timeToLive!.AttributeName;
      const known = this.earliest.get(table);
      if (known && known.attributeName === attributeName && known.expiry + delay > now) continue;
      let earliest = Infinity;
      for (const [keyId, item] of Object.entries(table.items)) {
        const expiry = expiryOf(item[attributeName]);
        if (expiry === undefined || expiry < now - IGNORED_AFTER_MS) continue;
        if (expiry + delay <= now) tables.writeItem(table, keyId, undefined, { byService: true });
        else earliest = Math.min(earliest, expiry);
      }
      this.earliest.set(table, { attributeName, expiry: earliest });
    }
  }
}

/** Epoch milliseconds of a TTL attribute; undefined unless it is a Number. */
function expiryOf(value: unknown): number | undefined {
  if (value === null || typeof value !== 'object' || !('N' in value)) return undefined;
  const seconds = Number((value as { N: string }).N);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}
