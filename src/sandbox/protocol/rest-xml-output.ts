/**
 * Writes an S3 operation's output where the schema binds each member: headers (`etag`,
 * `Last-Modified` as an HTTP date, `x-amz-meta-*`), the status code, the payload (the
 * object's bytes) and, for everything unbound, an XML document rooted at the output's
 * `xmlName` (`ListBucketResult`) in S3's namespace. Header names are lower-cased, as the
 * router and server expect (HTTP does not care).
 */
import { NormalizedSchema } from '@smithy/core/schema';
import type { HttpResponse } from './codec.js';
import { blobBytes } from './rest-xml-blob.js';
import { writeStructMembers } from './xml-writer.js';

export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export type SchemaRef = Parameters<typeof NormalizedSchema.of>[0];

export function writeOutput(output: Record<string, unknown>, outputSchema: SchemaRef, status: number, headers: Record<string, string>): HttpResponse {
  const schema = NormalizedSchema.of(outputSchema);
  let body: Buffer = Buffer.alloc(0);
  let hasBodyMembers = false;
  for (const [name, member] of schema.isStructSchema() ? schema.structIterator() : []) {
    const value = output[name];
    if (value === undefined || value === null) continue;
    const traits = member.getMergedTraits();
    if (typeof traits.httpHeader === 'string') {
      headers[traits.httpHeader.toLowerCase()] = headerText(member, value);
    } else if (typeof traits.httpPrefixHeaders === 'string') {
      for (const [key, text] of Object.entries(value as Record<string, string>)) headers[(traits.httpPrefixHeaders + key).toLowerCase()] = text;
    } else if (traits.httpResponseCode) {
      status = value as number;
    } else if (traits.httpPayload) {
      body = member.isBlobSchema() || member.isStringSchema()
        ? blobBytes(value)
        : xmlDocument((traits.xmlName as string | undefined) ?? member.getName()!, member, value, headers);
    } else {
      hasBodyMembers = true;
    }
  }
  if (hasBodyMembers) {
    body = xmlDocument((schema.getMergedTraits().xmlName as string | undefined) ?? schema.getName()!, bodyOnly(schema), output, headers);
  }
  return { status, headers, body };
}

function xmlDocument(rootName: string, schema: NormalizedSchema, value: unknown, headers: Record<string, string>): Buffer {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n', `<${rootName} xmlns="${S3_XML_NAMESPACE}">`];
  writeStructMembers(schema, value, out);
  out.push(`</${rootName}>`);
  headers['content-type'] = 'application/xml';
  return Buffer.from(out.join(''));
}

/** Header values: timestamps are HTTP dates unless the schema says otherwise, lists join with commas. */
function headerText(member: NormalizedSchema, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => headerText(member.getValueSchema(), item)).join(', ');
  if (value instanceof Date) {
    const format = member.getSchema();
    if (format === 5) return value.toISOString();
    if (format === 7) return String(value.getTime() / 1000);
    return value.toUTCString();
  }
  return String(value);
}

const bodySchemas = new WeakMap<object, NormalizedSchema>();

/**
 * The output structure without its HTTP-bound members, so the XML writer sees only what
 * belongs in the document; built once per output shape, as the SDK builds its own.
 */
function bodyOnly(schema: NormalizedSchema): NormalizedSchema {
  const raw = schema.getSchema() as unknown[];
  let body = bodySchemas.get(raw);
  if (!body) {
    const names: string[] = [];
    const members: unknown[] = [];
    (raw[4] as string[]).forEach((name, index) => {
      const traits = schema.getMemberSchema(name).getMergedTraits();
      if (traits.httpHeader || traits.httpPrefixHeaders || traits.httpResponseCode || traits.httpPayload) return;
      names.push(name);
      members.push((raw[5] as unknown[])[index]);
    });
    body = NormalizedSchema.of([3, raw[1], `${String(raw[2])}Body`, raw[3], names, members] as SchemaRef);
    bodySchemas.set(raw, body);
  }
  return body;
}
