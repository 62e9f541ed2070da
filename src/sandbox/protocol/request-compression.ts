/**
 * Request compression (Smithy's `@requestCompression`): the SDK gzips a body over 10 KB for
 * operations that allow it (CloudWatch's PutMetricData), saying so in `Content-Encoding`.
 * The body is unwrapped before the protocol is detected, since a query form's `Action=` is
 * inside it. REST XML requests keep theirs: on S3, `Content-Encoding: gzip` belongs to the
 * object stored, not to the request.
 */
import { gunzipSync } from 'node:zlib';
import type { WireProtocol } from '../../aws/services.js';
import type { HttpRequest } from './codec.js';

/** `declared`: the protocol of the service the request is signed for; absent for an unsigned request. */
export function withoutRequestCompression(request: HttpRequest, declared: WireProtocol | undefined): HttpRequest {
  const encodings = (request.headers['content-encoding'] ?? '').split(',').map((coding) => coding.trim().toLowerCase());
  if (!encodings.includes('gzip') || declared === undefined || declared === 'rest-xml') return request;
  let body: Buffer;
  try {
    body = gunzipSync(request.body);
  } catch {
    return request; // not gzip after all: the codec answers what it cannot read
  }
  const headers = { ...request.headers };
  const rest = encodings.filter((coding) => coding !== 'gzip');
  if (rest.length === 0) delete headers['content-encoding'];
  else headers['content-encoding'] = rest.join(', ');
  return { ...request, headers, body };
}
