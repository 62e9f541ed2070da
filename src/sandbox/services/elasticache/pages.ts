/** ElastiCache's paging: `MaxRecords` (20 to 100, default 100) and an opaque `Marker`. */
import { pageOf } from '../../kit/pages.js';
import { invalidParameterValue } from './errors.js';

export function page<T>(items: readonly T[], marker: string | undefined, maxRecords: number | undefined): { items: T[]; Marker?: string } {
  const size = maxRecords ?? 100;
  if (size < 20 || size > 100) throw invalidParameterValue('MaxRecords must be between 20 and 100.');
  const { items: found, next } = pageOf(items, marker, size, () => invalidParameterValue(`Invalid marker: ${marker}`));
  return { items: found, ...(next === undefined ? {} : { Marker: next }) };
}
