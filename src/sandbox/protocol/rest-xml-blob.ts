/**
 * Streaming blob payloads (GetObject's `Body`). The SDK types them as streams, so a handler
 * returns a real SDK stream over the object's bytes, and the codec, which answers
 * synchronously, takes the bytes from here rather than draining the stream.
 */
import { Readable } from 'node:stream';
import { sdkStreamMixin } from '@smithy/core/serde';

const payloadBytes = new WeakMap<object, Uint8Array>();

export function streamingBlob(bytes: Uint8Array): ReturnType<typeof sdkStreamMixin> {
  const stream = sdkStreamMixin(Readable.from([bytes]));
  payloadBytes.set(stream, bytes);
  return stream;
}

/** The bytes of a blob payload a handler returned: a `streamingBlob`, bytes, or text. */
export function blobBytes(value: unknown): Buffer {
  if (typeof value === 'string') return Buffer.from(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const bytes = typeof value === 'object' && value !== null ? payloadBytes.get(value) : undefined;
  if (!bytes) throw new TypeError('A streaming blob payload must come from streamingBlob()');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
