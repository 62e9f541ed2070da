/**
 * The REST XML codec (S3): the operation from the method, bucket, key and query; the input
 * from labels, query, headers and payload; the output as headers, status and an XML body;
 * errors as S3's `<Error>` document (no body at all for HEAD, as S3 answers).
 */
import type { AwsError } from '../errors.js';
import type { EncodeContext, HttpRequest, HttpResponse, OperationSchema, ProtocolCodec } from './codec.js';
import { readInput } from './rest-xml-input.js';
import { inputSchema, outputSchema } from './operation-schema.js';
import { writeOutput } from './rest-xml-output.js';
import { routeOperation, s3Address } from './rest-xml-routes.js';
import { escapeXml } from './xml-writer.js';

/** The operation's `http` trait: `[method, uri, status]`. */
function httpTrait(operation: OperationSchema): [string, string, number] | undefined {
  return ((operation as unknown[])[3] as { http?: [string, string, number] }).http;
}

export const restXmlCodec: ProtocolCodec = {
  name: 'rest-xml',

  operationName: (request, client) => routeOperation(request, client),

  decodeInput(request: HttpRequest, operation: OperationSchema) {
    return readInput(request, s3Address(request), inputSchema(operation));
  },

  encodeOutput(output: unknown, operation: OperationSchema, context: EncodeContext): HttpResponse {
    const status = httpTrait(operation)?.[2] ?? 200;
    return writeOutput(output as Record<string, unknown>, outputSchema(operation), status, responseHeaders(context.requestId));
  },

  encodeError(error: AwsError, context: EncodeContext): HttpResponse {
    const headers = responseHeaders(context.requestId);
    if (httpMethod(context) === 'HEAD') return { status: error.status, headers, body: Buffer.alloc(0) };
    const fields = Object.entries(error.fields)
      .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
      .join('');
    const document = '<?xml version="1.0" encoding="UTF-8"?>\n'
      + `<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${fields}`
      + `<RequestId>${context.requestId}</RequestId><HostId>${headers['x-amz-id-2']}</HostId></Error>`;
    headers['content-type'] = 'application/xml';
    return { status: error.status, headers, body: Buffer.from(document) };
  },
};

/** S3 names each request twice: `x-amz-request-id`, and the opaque host id `x-amz-id-2`. */
function responseHeaders(requestId: string): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': Buffer.from(requestId).toString('base64') };
}

function httpMethod(context: EncodeContext): string | undefined {
  const operation = context.operation === undefined ? undefined : context.client[`${context.operation}$`];
  return Array.isArray(operation) ? httpTrait(operation)?.[0] : undefined;
}
