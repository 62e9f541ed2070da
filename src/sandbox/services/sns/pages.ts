/** SNS's list paging: 100 items a page and an opaque NextToken. */
import { pageOf } from '../../kit/pages.js';
import { invalidParameter } from './errors.js';

const PAGE_SIZE = 100;

export function page<T>(all: readonly T[], nextToken: string | undefined): { items: T[]; NextToken?: string } {
  const { items, next } = pageOf(all, nextToken, PAGE_SIZE, () => invalidParameter('NextToken'));
  return next === undefined ? { items } : { items, NextToken: next };
}
