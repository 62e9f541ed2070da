/**
 * JSON 1.0 and 1.1 (DynamoDB, Logs, CloudWatch, ...): `X-Amz-Target: Prefix.Operation`
 * names the operation, the body is the input structure. Reading and writing are the SDK's
 * own `JsonCodec` run the other way round; what it leaves out (required members, members
 * of the wrong JSON type) is checked here, in the words AWS's JSON services use. Errors
 * are `{"__type": ..., "message": ...}`; query-compatible services (CloudWatch) also send
 * the query code in `x-amzn-query-error`.
 */
import { JsonCodec, type JsonShapeDeserializer } from '@smithy/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';
import { AwsError } from '../errors.js';
import type { HttpRequest, ProtocolCodec } from './codec.js';
import { hasWholeDouble, stringifyWithDoubles } from './json-doubles.js';
import { inputSchema, outputSchema } from './operation-schema.js';
import { requiredCount } from './required.js';
import { serviceModel } from './service-model.js';

const codec = new JsonCodec({ timestampFormat: { useTrait: true, default: 7 }, jsonName: false });

export const json10Codec = jsonCodec('awsJson1_0', 'application/x-amz-json-1.0');
export const json11Codec = jsonCodec('awsJson1_1', 'application/x-amz-json-1.1');

function jsonCodec(name: string, contentType: string): ProtocolCodec {
  return {
    name,
    operationName: (request) => targetOperation(request),
    decodeInput(request, operation) {
      const schema = inputSchema(operation);
      const text = request.body.toString('utf8').trim();
      let document: unknown;
      try {
        document = text === '' ? {} : JSON.parse(text);
      } catch {
        throw new AwsError('SerializationException', 'Could not parse the request body as JSON.');
      }
      if (document === null || typeof document !== 'object' || Array.isArray(document)) {
        throw new AwsError('SerializationException', 'Start of structure or map not found at the top of the request body.');
      }
      checkShape(schema, document, '');
      return codec.createDeserializer().readObject(schema, document as Parameters<JsonShapeDeserializer['readObject']>[1]);
    },
    encodeOutput(output, operation) {
      const schema = outputSchema(operation);
      const serializer = codec.createSerializer();
      serializer.write(schema, output ?? {});
      // An operation with no output (Unit: TagResource) flushes an object, not JSON text.
      const flushed = serializer.flush();
      let body = typeof flushed === 'string' ? flushed : '{}';
      if (hasWholeDouble(schema, output)) body = stringifyWithDoubles(schema, JSON.parse(body));
      return { status: 200, headers: { 'content-type': contentType }, body: Buffer.from(body, 'utf8') };
    },
    encodeError(error, context) {
      const model = serviceModel(context.client);
      const shape = model.errorShape(error.code);
      const headers: Record<string, string> = { 'content-type': contentType, 'x-amzn-errortype': shape?.name ?? error.code };
      if (model.awsQueryCompatible) headers['x-amzn-query-error'] = `${shape?.queryCode ?? error.code};${error.fault}`;
      const document = { ...errorFields(context.client, shape?.name, error.fields), __type: shape?.name ?? error.code, message: error.message };
      return { status: shape?.status ?? error.status, headers, body: Buffer.from(JSON.stringify(document), 'utf8') };
    },
  };
}

/**
 * An error's extra members on the wire: through the error's own schema when the client
 * ships one, so attribute values inside (DynamoDB's CancellationReasons[].Item) are
 * written as on output, binaries in base64.
 */
function errorFields(client: Record<string, unknown>, shapeName: string | undefined, fields: Record<string, unknown>): Record<string, unknown> {
  const schema = shapeName === undefined ? undefined : client[`${shapeName}$`];
  if (Object.keys(fields).length === 0 || !Array.isArray(schema)) return fields;
  const serializer = codec.createSerializer();
  serializer.write(NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]), fields);
  return JSON.parse(String(serializer.flush())) as Record<string, unknown>;
}

function targetOperation(request: HttpRequest): string | undefined {
  const target = request.headers['x-amz-target'];
  if (target === undefined) return undefined;
  const dot = target.lastIndexOf('.');
  return dot < 0 ? undefined : target.slice(dot + 1);
}

/**
 * Required members present and every member of its schema's JSON type, before the
 * SDK's lenient reader sees the document.
 */
function checkShape(ns: NormalizedSchema, value: unknown, path: string): void {
  if (ns.isStructSchema()) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw unexpected(path, 'structure');
    const record = value as Record<string, unknown>;
    const required = requiredCount(ns);
    let index = 0;
    for (const [name, member] of ns.structIterator()) {
      const memberPath = path === '' ? lowerFirst(name) : `${path}.${lowerFirst(name)}`;
      const memberValue = Object.hasOwn(record, name) ? record[name] : undefined;
      if (memberValue === undefined || memberValue === null) {
        if (index < required) {
          throw new AwsError('ValidationException', `1 validation error detected: Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
        }
      } else {
        checkShape(member, memberValue, memberPath);
      }
      index++;
    }
    return;
  }
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) throw unexpected(path, 'list');
    const item = ns.getValueSchema();
    value.forEach((entry, i) => entry !== null && checkShape(item, entry, `${path}.${i + 1}.member`));
    return;
  }
  if (ns.isMapSchema()) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw unexpected(path, 'map');
    const item = ns.getValueSchema();
    for (const [key, entry] of Object.entries(value)) if (entry !== null) checkShape(item, entry, `${path}.${key}`);
    return;
  }
  if (ns.isDocumentSchema()) return;
  if (ns.isBooleanSchema()) {
    if (typeof value !== 'boolean') throw unexpected(path, 'boolean');
  } else if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) {
    if (typeof value !== 'number' && !NON_FINITE.has(value as string)) throw unexpected(path, 'number');
  } else if (ns.isTimestampSchema()) {
    if (typeof value !== 'number' && typeof value !== 'string') throw unexpected(path, 'timestamp');
  } else if (typeof value !== 'string') {
    throw unexpected(path, 'string');
  }
}

/** JSON has no literal for these; AWS sends them as strings. */
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

function unexpected(path: string, expected: string): AwsError {
  return new AwsError('SerializationException', `Unexpected value type at '${path || 'the request body'}': expected a ${expected}.`);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
