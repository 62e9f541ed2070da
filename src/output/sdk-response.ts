/**
 * An AWS SDK v3 command output, turned into the document the AWS CLI would have formatted
 * for the same response: no `$metadata`, timestamps as the CLI prints them, blobs as
 * base64 (the CLI leaves them as they came over the wire), absent members absent, and
 * whole numbers in double or float members marked as floats (`1.0`), which the SDK's
 * schemas cannot tell from ints but the CLI's models can (float-members-data.ts).
 */
import { NormalizedSchema } from '@smithy/core/schema';
import { FLOAT_MEMBERS } from './float-members-data.js';
import { doc, markFloat, type Doc, type Json, type JsonObject } from './value.js';

/** `outputSchema`: the operation's output schema (`command.schema[5]`), when known. */
export function responseDocument(output: object, outputSchema?: unknown): Doc {
  const { $metadata: _metadata, ...response } = output as Record<string, unknown>;
  return doc(toJson(response, outputSchema === undefined ? undefined : NormalizedSchema.of(outputSchema as never)));
}

function toJson(value: unknown, schema: NormalizedSchema | undefined): Json {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return cliTimestamp(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (typeof value === 'bigint') return Number(value);
  const floats = schema ? floatMembers(schema) : undefined;
  if (Array.isArray(value) || value instanceof Set) {
    const element = schema?.isListSchema() ? schema.getValueSchema() : undefined;
    const list = [...value].map((item) => toJson(item, element));
    if (floats?.includes('member')) list.forEach((item, index) => markIfNumber(list, index, item));
    return list;
  }
  if (value instanceof Map) return toJson(Object.fromEntries(value), schema);
  if (typeof value === 'object') {
    const members = schema?.isStructSchema() ? new Map(schema.structIterator()) : undefined;
    const mapValue = schema?.isMapSchema() ? schema.getValueSchema() : undefined;
    const object: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      if (member === undefined) continue;
      object[key] = toJson(member, members?.get(key) ?? mapValue);
      if (floats?.includes(mapValue ? 'value' : key)) markIfNumber(object, key, object[key]!);
    }
    return object;
  }
  return null;
}

function markIfNumber(container: object, key: string | number, value: Json): void {
  if (typeof value === 'number') markFloat(container, key, value);
}

/** The CLI model's float members of this shape: struct members, `member` or `value`. */
function floatMembers(schema: NormalizedSchema): readonly string[] | undefined {
  const tuple = schema.getSchema();
  if (!Array.isArray(tuple) || typeof tuple[1] !== 'string' || typeof tuple[2] !== 'string') return undefined;
  return FLOAT_MEMBERS[`${tuple[1]}#${tuple[2]}`];
}

/** Python's `datetime.isoformat()` of a UTC time, as the CLI's default iso8601 format prints it. */
export function cliTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2026-11-22T15:39:15.123Z
  const milliseconds = date.getUTCMilliseconds();
  const fraction = milliseconds === 0 ? '' : `.${String(milliseconds).padStart(3, '0')}000`;
  return `${iso.slice(0, 19)}${fraction}+00:00`;
}
