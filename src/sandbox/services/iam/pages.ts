/**
 * IAM's list paging: at most MaxItems (default 100) per page, `IsTruncated`, and an opaque
 * `Marker` to resume from. The marker here is the position of the next item.
 */
import { invalidInput } from './errors.js';

const DEFAULT_MAX_ITEMS = 100;

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

export function page<T>(all: readonly T[], marker: string | undefined, maxItems: number | undefined): Page<T> {
  const start = marker === undefined ? 0 : Number.parseInt(Buffer.from(marker, 'base64').toString(), 10);
  if (!Number.isInteger(start) || start < 0) throw invalidInput('Invalid Marker.');
  const end = start + (maxItems ?? DEFAULT_MAX_ITEMS);
  const items = all.slice(start, end);
  return end < all.length ? { items, IsTruncated: true, Marker: Buffer.from(String(end)).toString('base64') } : { items, IsTruncated: false };
}
