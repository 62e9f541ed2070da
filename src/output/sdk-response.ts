/**
 * An AWS SDK v3 command output, turned into the document the AWS CLI would have formatted
 * for the same response: no `$metadata`, timestamps as the CLI prints them, blobs as
 * base64 (the CLI leaves them as they came over the wire), absent members absent.
 */
import { doc, type Doc, type Json, type JsonObject } from './value.js';

export function responseDocument(output: object): Doc {
  const { $metadata: _metadata, ...response } = output as Record<string, unknown>;
  return doc(toJson(response));
}

function toJson(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return cliTimestamp(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value) || value instanceof Set) return [...value].map(toJson);
  if (value instanceof Map) return toJson(Object.fromEntries(value));
  if (typeof value === 'object') {
    const object: JsonObject = {};
    for (const [key, member] of Object.entries(value)) if (member !== undefined) object[key] = toJson(member);
    return object;
  }
  return null;
}

/** Python's `datetime.isoformat()` of a UTC time, as the CLI's default iso8601 format prints it. */
export function cliTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2026-11-22T15:39:15.123Z
  const milliseconds = date.getUTCMilliseconds();
  const fraction = milliseconds === 0 ? '' : `.${String(milliseconds).padStart(3, '0')}000`;
  return `${iso.slice(0, 19)}${fraction}+00:00`;
}
