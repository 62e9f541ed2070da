/** ElastiCache's paging: `MaxRecords` (20 to 100, default 100) and an opaque `Marker`. */
import { invalidParameterValue } from './errors.js';

export function page<T>(items: readonly T[], marker: string | undefined, maxRecords: number | undefined): { items: T[]; Marker?: string } {
  const size = maxRecords ?? 100;
  if (size < 20 || size > 100) throw invalidParameterValue('MaxRecords must be between 20 and 100.');
  const start = marker === undefined ? 0 : Number(Buffer.from(marker, 'base64').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw invalidParameterValue(`Invalid marker: ${marker}`);
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { Marker: Buffer.from(String(end)).toString('base64') } : {}) };
}
