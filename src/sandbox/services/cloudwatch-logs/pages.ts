/** CloudWatch Logs' list paging: `limit` items a page (checked against the operation's bounds) and an opaque nextToken. */
import { pageOf } from '../../kit/pages.js';
import { invalidNextToken, validationFailed } from './errors.js';

export function page<T>(all: readonly T[], nextToken: string | undefined, limit: number | undefined, max: number): { items: T[]; nextToken?: string } {
  const size = checkedLimit(limit, max);
  const { items, next } = pageOf(all, nextToken, size, invalidNextToken);
  return next === undefined ? { items } : { items, nextToken: next };
}

/** `limit` as the operation allows it (1 to `max`), `max` when absent. */
export function checkedLimit(limit: number | undefined, max: number): number {
  if (limit === undefined) return max;
  if (limit < 1) throw validationFailed(String(limit), 'limit', 'Member must have value greater than or equal to 1');
  if (limit > max) throw validationFailed(String(limit), 'limit', `Member must have value less than or equal to ${max}`);
  return limit;
}
