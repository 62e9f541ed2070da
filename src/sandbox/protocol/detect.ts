/**
 * Which wire protocol a request speaks, decided per request rather than per service
 * (CloudWatch alone is reached over query, JSON and CBOR by different SDKs); the service's
 * declared protocol (its descriptor's) settles what the request itself leaves open.
 */
import type { HttpRequest, ProtocolCodec } from './codec.js';
import { cborCodec } from './cbor.js';
import { queryString } from './credential-scope.js';
import { json10Codec, json11Codec } from './json.js';
import { awsQueryCodec, ec2QueryCodec } from './query.js';
import { restXmlCodec } from './rest-xml.js';
import type { WireProtocol } from '../../aws/services.js';

export type ProtocolFamily = 'cbor' | 'json' | 'query' | 'rest';

export interface DetectedProtocol {
  family: ProtocolFamily;
  codec: ProtocolCodec;
}

/** `declared`: the protocol of the service the request is signed for; absent for an unsigned request. */
export function detectProtocol(request: HttpRequest, declared: WireProtocol | undefined): DetectedProtocol {
  const headers = request.headers;
  if (headers['smithy-protocol'] === 'rpc-v2-cbor') return { family: 'cbor', codec: cborCodec };
  if (headers['x-amz-target'] !== undefined) {
    return { family: 'json', codec: (headers['content-type'] ?? '').includes('1.1') ? json11Codec : json10Codec };
  }
  // A request for a service that does not speak REST, without a protocol's marks, is a query request missing its Action.
  if (hasAction(request) || (declared !== undefined && declared !== 'rest-xml')) return { family: 'query', codec: declared === 'ec2' ? ec2QueryCodec : awsQueryCodec };
  return { family: 'rest', codec: restXmlCodec };
}

function hasAction(request: HttpRequest): boolean {
  if (/(^|&)Action=/.test(queryString(request.url))) return true;
  const type = request.headers['content-type'];
  if (type !== undefined && !type.startsWith('application/x-www-form-urlencoded')) return false;
  return request.method === 'POST' && /(^|&)Action=/.test(request.body.subarray(0, 4096).toString('latin1'));
}
