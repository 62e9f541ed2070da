/**
 * Reads an S3 operation's input from a REST request, member by member, from where the
 * schema binds it: the bucket and key (httpLabel), the query string (httpQuery), headers
 * (httpHeader, httpPrefixHeaders such as `x-amz-meta-`), and the payload (httpPayload: the
 * object's bytes, or an XML document such as `<CreateBucketConfiguration>`).
 */
import { XmlShapeDeserializer } from '@aws-sdk/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';
import { AwsError } from '../errors.js';
import type { HttpRequest } from './codec.js';
import { decodeAwsChunked, isAwsChunked } from './rest-xml-chunked.js';
import { S3_XML_NAMESPACE, type SchemaRef } from './rest-xml-output.js';
import type { S3Address } from './rest-xml-routes.js';

const xmlReader = new XmlShapeDeserializer({
  timestampFormat: { useTrait: true, default: 5 },
  httpBindings: true,
  xmlNamespace: S3_XML_NAMESPACE,
  serviceNamespace: 'com.amazonaws.s3',
});

export function readInput(request: HttpRequest, address: S3Address, inputSchema: SchemaRef): Record<string, unknown> {
  const schema = NormalizedSchema.of(inputSchema);
  const input: Record<string, unknown> = {};
  if (!schema.isStructSchema()) return input;
  let { body } = request;
  let headers = request.headers;
  if (isAwsChunked(request)) {
    const decoded = decodeAwsChunked(body);
    body = decoded.body;
    headers = { ...headers, ...decoded.trailers };
  }
  for (const [name, member] of schema.structIterator()) {
    const traits = member.getMergedTraits();
    let value: unknown;
    if (traits.httpLabel) {
      value = name === 'Bucket' ? address.bucket : name === 'Key' ? address.key : undefined;
    } else if (typeof traits.httpHeader === 'string') {
      const text = headers[traits.httpHeader.toLowerCase()];
      value = text === undefined ? undefined : readText(member, text);
    } else if (typeof traits.httpPrefixHeaders === 'string') {
      value = prefixHeaders(headers, traits.httpPrefixHeaders.toLowerCase());
    } else if (typeof traits.httpQuery === 'string') {
      value = readQuery(member, address.query, traits.httpQuery);
    } else if (traits.httpPayload) {
      value = readPayload(member, body);
    }
    if (value !== undefined) input[name] = value;
  }
  return input;
}

function readQuery(member: NormalizedSchema, query: URLSearchParams, key: string): unknown {
  if (member.isListSchema()) {
    const values = query.getAll(key);
    return values.length ? values.map((text) => readText(member.getValueSchema(), text)) : undefined;
  }
  const text = query.get(key);
  return text === null ? undefined : readText(member, text);
}

/** Metadata keys arrive lower-cased, as S3 stores them. */
function prefixHeaders(headers: Readonly<Record<string, string>>, prefix: string): Record<string, string> | undefined {
  let map: Record<string, string> | undefined;
  for (const [header, value] of Object.entries(headers)) {
    if (header.startsWith(prefix)) (map ??= {})[header.slice(prefix.length)] = value;
  }
  return map;
}

function readPayload(member: NormalizedSchema, body: Buffer): unknown {
  if (member.isBlobSchema()) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body.length === 0) return undefined;
  if (member.isStringSchema()) return body.toString('utf8');
  try {
    return xmlReader.read(member, body);
  } catch {
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  }
}

/** A header or query value by type: headers send http-dates, queries ISO 8601, both parse as Dates. */
function readText(member: NormalizedSchema, text: string): unknown {
  if (member.isListSchema()) return text.split(',').map((part) => readText(member.getValueSchema(), part.trim()));
  if (member.isBooleanSchema()) return text === 'true';
  if (member.isNumericSchema()) return Number(text);
  if (member.isTimestampSchema()) {
    const date = /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
    return Number.isNaN(date.getTime()) ? text : date;
  }
  return text;
}
