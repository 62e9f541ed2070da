/**
 * The contract between the router and a protocol family's codec. A codec knows one wire
 * format (EC2 query, AWS query, JSON 1.0/1.1, REST XML, RPCv2 CBOR) and nothing about any
 * service: it reads the operation's input from a request and writes an output or an
 * AwsError, both driven by the operation schemas the SDK client ships.
 */
import type { AwsError } from '../errors.js';

export interface HttpRequest {
  method: string;
  /** Path and query string as received, e.g. `/my-bucket/key?list-type=2`. */
  url: string;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** An operation schema tuple as the SDK exports it (`ec2.CreateVpc$`). */
export type OperationSchema = unknown;

export interface EncodeContext {
  requestId: string;
  /** The operation's name, e.g. `CreateVpc`; absent when the request named none we know. */
  operation?: string;
  /** The service's schema namespace and client module, for error schemas and xml namespaces. */
  client: Record<string, unknown>;
}

export interface ProtocolCodec {
  readonly name: string;
  /** The operation a request names, or undefined when it is not in this codec's format. */
  operationName(request: HttpRequest, client: Record<string, unknown>): string | undefined;
  /** The handler's input, read against the operation's input schema. */
  decodeInput(request: HttpRequest, operation: OperationSchema, client: Record<string, unknown>): unknown | Promise<unknown>;
  encodeOutput(output: unknown, operation: OperationSchema, context: EncodeContext): HttpResponse;
  encodeError(error: AwsError, context: EncodeContext): HttpResponse;
}
