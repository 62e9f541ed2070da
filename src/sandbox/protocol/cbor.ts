/**
 * RPCv2 CBOR (what newer SDKs use for CloudWatch): `POST /service/<Service>/operation/<Op>`,
 * CBOR bodies read and written by the SDK's own `CborCodec`, errors as a CBOR map with
 * `__type`. Every response carries `smithy-protocol: rpc-v2-cbor` or clients reject it.
 */
import { CborCodec } from '@smithy/core/cbor';
import { AwsError } from '../errors.js';
import type { ProtocolCodec } from './codec.js';
import { pathOf } from './credential-scope.js';
import { inputSchema, outputSchema } from './operation-schema.js';
import { missingMember } from './required.js';
import { serviceModel } from './service-model.js';

const codec = new CborCodec();
const HEADERS = { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor' };

export const cborCodec: ProtocolCodec = {
  name: 'rpcv2Cbor',
  operationName: (request) => /\/service\/[^/]+\/operation\/([^/?]+)$/.exec(pathOf(request.url))?.[1],
  decodeInput(request, operation) {
    const schema = inputSchema(operation);
    let input: unknown;
    try {
      input = request.body.length === 0 ? {} : codec.createDeserializer().read(schema, request.body);
    } catch {
      throw new AwsError('SerializationException', 'Could not parse the request body as CBOR.');
    }
    if (input === null || typeof input !== 'object') throw new AwsError('SerializationException', 'The request body is not a CBOR map.');
    const missing = missingMember(schema, input);
    if (missing !== undefined) {
      throw new AwsError('ValidationException', `1 validation error detected: Value null at '${missing}' failed to satisfy constraint: Member must not be null`);
    }
    return input;
  },
  encodeOutput(output, operation) {
    const serializer = codec.createSerializer();
    serializer.write(outputSchema(operation), output ?? {});
    return { status: 200, headers: { ...HEADERS }, body: Buffer.from(serializer.flush()) };
  },
  encodeError(error, context) {
    const model = serviceModel(context.client);
    const shape = model.errorShape(error.code);
    const headers: Record<string, string> = { ...HEADERS };
    if (model.awsQueryCompatible) headers['x-amzn-query-error'] = `${shape?.queryCode ?? error.code};${error.fault}`;
    const serializer = codec.createSerializer();
    serializer.write(15, { ...error.fields, __type: shape?.name ?? error.code, message: error.message });
    return { status: shape?.status ?? error.status, headers, body: Buffer.from(serializer.flush()) };
  },
};
