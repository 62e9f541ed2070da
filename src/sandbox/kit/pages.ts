/**
 * List paging as the sandbox's services answer it: a page of `size` items from a position,
 * and an opaque token for the next page while more remain. The token is the next item's
 * position in base64 (what ElastiCache's and IAM's `Marker` and SNS's `NextToken` carry);
 * each service keeps its own page sizes and its own error for a token it did not issue.
 */
import type { AwsError } from '../errors.js';

export interface Page<T> {
  items: T[];
  /** The next page's token; absent on the last page. */
  next?: string;
}

/** `size` items of `all` from where `token` points (the start when absent); `invalid` answers a token that names no position. */
export function pageOf<T>(all: readonly T[], token: string | undefined, size: number, invalid: () => AwsError): Page<T> {
  const start = token === undefined ? 0 : positionOf(token);
  if (start === undefined) throw invalid();
  const end = start + size;
  const items = all.slice(start, end);
  return end < all.length ? { items, next: Buffer.from(String(end)).toString('base64') } : { items };
}

function positionOf(token: string): number | undefined {
  const text = Buffer.from(token, 'base64').toString('utf8');
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
