/** IAM's list paging: at most MaxItems (default 100) per page, `IsTruncated`, and an opaque `Marker` to resume from. */
import { pageOf } from '../../kit/pages.js';
import { invalidInput } from './errors.js';

const DEFAULT_MAX_ITEMS = 100;

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

export function page<T>(all: readonly T[], marker: string | undefined, maxItems: number | undefined): Page<T> {
  const { items, next } = pageOf(all, marker, maxItems ?? DEFAULT_MAX_ITEMS, () => invalidInput('Invalid Marker.'));
  return next === undefined ? { items, IsTruncated: false } : { items, IsTruncated: true, Marker: next };
}
