/**
 * `aws-chunked` request bodies. Current SDKs upload streams of unknown length as chunks
 * (`<hex size>[;chunk-signature=...]\r\n<bytes>\r\n`, ending with a zero-size chunk) followed
 * by trailing headers that carry the checksum (`x-amz-checksum-crc32:...`). The sandbox
 * does not check signatures or checksums; it keeps the bytes and the trailers.
 */
import type { HttpRequest } from './codec.js';

export interface DecodedBody {
  body: Buffer;
  /** Trailing headers, names lower-cased. */
  trailers: Record<string, string>;
}

export function isAwsChunked(request: HttpRequest): boolean {
  return (request.headers['content-encoding'] ?? '').includes('aws-chunked')
    || (request.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
}

export function decodeAwsChunked(raw: Buffer): DecodedBody {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset);
    if (lineEnd < 0) throw new SyntaxError('aws-chunked body ends inside a chunk header');
    const size = Number.parseInt(raw.toString('latin1', offset, lineEnd).split(';')[0]!, 16);
    if (!Number.isFinite(size)) throw new SyntaxError('aws-chunked chunk size is not hexadecimal');
    offset = lineEnd + 2;
    if (size === 0) break;
    chunks.push(raw.subarray(offset, offset + size));
    offset += size + 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of raw.toString('latin1', offset).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(chunks), trailers };
}
