/** CloudWatch's NextToken paging over the kit's opaque positions. */
import { pageOf } from '../../kit/pages.js';
import { invalidNextToken } from './errors.js';

export function page<T>(all: readonly T[], nextToken: string | undefined, size: number): { items: T[]; NextToken?: string } {
  const { items, next } = pageOf(all, nextToken, size, invalidNextToken);
  return next === undefined ? { items } : { items, NextToken: next };
}
