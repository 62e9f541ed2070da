/** SNS's list paging: 100 items a page and an opaque NextToken, here the next item's position. */
import { invalidParameter } from './errors.js';

const PAGE_SIZE = 100;

export function page<T>(all: readonly T[], nextToken: string | undefined): { items: T[]; NextToken?: string } {
  const start = nextToken === undefined ? 0 : Number.parseInt(Buffer.from(nextToken, 'base64').toString(), 10);
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken');
  const end = start + PAGE_SIZE;
  const items = all.slice(start, end);
  return end < all.length ? { items, NextToken: Buffer.from(String(end)).toString('base64') } : { items };
}
