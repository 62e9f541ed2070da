/**
 * Saved state is JSON, and binary attribute values (B, BS) are bytes: they are written as
 * `{ "$bytes": "<base64>" }` and read back as Uint8Array.
 */
export function toSnapshot(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toSnapshot);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toSnapshot(v)]));
  }
  return value;
}

export function fromSnapshot(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromSnapshot);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['$bytes'] === 'string' && Object.keys(record).length === 1) {
      return new Uint8Array(Buffer.from(record['$bytes'], 'base64'));
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fromSnapshot(v)]));
  }
  return value;
}
