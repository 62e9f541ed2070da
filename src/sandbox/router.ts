/**
 * One request's path through the sandbox, shared by the HTTP server and the in-process
 * SDK handler: which service (SigV4 scope), which protocol (headers and body), which
 * operation (the codec), then decode, handle, encode. Every failure on the way is answered
 * as an AWS error in the request's own wire format.
 */
import { createClock, type Clock } from './clock.js';
import { SANDBOX_ACCOUNT_ID, SANDBOX_DEFAULT_REGION } from './constants.js';
import { AwsError } from './errors.js';
import { requestId as newRequestId } from './ids.js';
import type { HttpRequest, HttpResponse, ProtocolCodec } from './protocol/codec.js';
import { credentialScope } from './protocol/credential-scope.js';
import { detectProtocol, type ProtocolFamily } from './protocol/detect.js';
import { awsQueryCodec } from './protocol/query.js';
import { withoutRequestCompression } from './protocol/request-compression.js';
import { serviceModel } from './protocol/service-model.js';
import type { RequestContext, SandboxService } from './service.js';

export interface Router {
  readonly services: readonly SandboxService[];
  /** The signing names served, each once (DynamoDB Streams signs as 'dynamodb'). */
  readonly serviceNames: readonly string[];
  readonly clock: Clock;
  handle(request: HttpRequest): Promise<HttpResponse>;
  /** Forget every service's state. */
  reset(): void;
}

/** A request as the handler receives it. */
export interface ObservedCall {
  service: string;
  operation: string;
  input: unknown;
}

export interface RouterOptions {
  services: readonly SandboxService[];
  clock?: Clock;
  /** Where unexpected handler failures are reported; the request still gets a 500. */
  log?: (message: string) => void;
  /** Sees every decoded call before its handler runs: how tests compare two clients' requests. */
  observe?: (call: ObservedCall) => void;
}

export function createRouter(options: RouterOptions): Router {
  const clock = options.clock ?? createClock();
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const serviceFor = (signingName: string, request: HttpRequest): SandboxService | undefined => {
    const candidates = options.services.filter((service) => service.signingName === signingName);
    if (candidates.length <= 1) return candidates[0];
    const prefix = request.headers['x-amz-target']?.split('.')[0];
    return candidates.find((service) => service.targetPrefix === prefix) ?? candidates[0];
  };
  const clients = new Map<SandboxService, Promise<Record<string, unknown>>>();
  const loadClient = (service: SandboxService): Promise<Record<string, unknown>> => {
    let client = clients.get(service);
    if (client === undefined) clients.set(service, (client = service.loadClient()));
    return client;
  };

  async function handle(received: HttpRequest): Promise<HttpResponse> {
    const requestId = newRequestId();
    const scope = credentialScope(received);
    const signed = scope === undefined ? undefined : serviceFor(scope.service, received);
    // A signing name no service has is taken as a query service's, so its error reads as AWS's would.
    const declared = scope === undefined ? undefined : (signed?.protocol ?? 'query');
    const request = withoutRequestCompression(received, declared);
    const detected = detectProtocol(request, declared);
    const codec = detected.codec;
    // Unsigned REST requests are anonymous S3 calls.
    const signingName = scope?.service ?? (detected.family === 'rest' ? 's3' : undefined);
    const service = scope === undefined && signingName !== undefined ? serviceFor(signingName, request) : signed;
    let client: Record<string, unknown> = {};
    let operation: string | undefined;
    try {
      if (signingName === undefined) throw missingAuthentication(detected.family);
      if (service === undefined) throw unknownService(detected.family, signingName);
      client = await loadClient(service);
      operation = codec.operationName(request, client);
      const schema = operation === undefined ? undefined : serviceModel(client).operation(operation);
      const handler = operation === undefined ? undefined : service.operations[operation];
      if (operation === undefined || schema === undefined || handler === undefined) {
        throw unknownOperation(detected.family, signingName, operation, schema !== undefined);
      }
      const input = await codec.decodeInput(request, schema, client);
      options.observe?.({ service: signingName, operation, input });
      const context: RequestContext = { accountId: SANDBOX_ACCOUNT_ID, region: scope?.region ?? SANDBOX_DEFAULT_REGION, requestId, clock };
      const output = await handler(input, context);
      return withRequestId(codec.encodeOutput(output, schema, { requestId, operation, client }), requestId);
    } catch (thrown) {
      const error = thrown instanceof AwsError ? thrown : internalError(detected.family, thrown, signingName, operation, log);
      return withRequestId(encodeError(codec, error, { requestId, client, ...(operation === undefined ? {} : { operation }) }, log), requestId);
    }
  }

  return {
    services: options.services,
    serviceNames: [...new Set(options.services.map((service) => service.signingName))],
    clock,
    handle,
    reset: () => {
      for (const service of options.services) service.reset?.();
    },
  };
}

/** An error the codec itself cannot write (a bug) still reaches the client as XML. */
function encodeError(codec: ProtocolCodec, error: AwsError, context: Parameters<ProtocolCodec['encodeError']>[1], log: (message: string) => void): HttpResponse {
  try {
    return codec.encodeError(error, context);
  } catch (failure) {
    log(`sandbox: ${codec.name} could not write ${error.code}: ${(failure as Error).stack ?? String(failure)}`);
    return awsQueryCodec.encodeError(new AwsError('InternalFailure', 'The server could not write its error response.', { status: 500 }), { ...context, client: {} });
  }
}

function withRequestId(response: HttpResponse, requestId: string): HttpResponse {
  response.headers['x-amzn-requestid'] ??= requestId;
  response.headers['x-amz-request-id'] ??= requestId;
  return response;
}

function missingAuthentication(family: ProtocolFamily): AwsError {
  return family === 'query'
    ? new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', { status: 403 })
    : new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', { status: 403 });
}

function unknownService(family: ProtocolFamily, signingName: string): AwsError {
  const message = `The lab sandbox does not serve the '${signingName}' service.`;
  if (family === 'query') return new AwsError('InvalidAction', message);
  if (family === 'rest') return new AwsError('NotImplemented', message, { status: 501 });
  return new AwsError('UnknownOperationException', message);
}

function unknownOperation(family: ProtocolFamily, signingName: string, operation: string | undefined, known: boolean): AwsError {
  if (family === 'query' && operation === undefined) return new AwsError('MissingAction', 'Missing Action');
  const name = operation ?? '(none)';
  if (family === 'rest') {
    return new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', { status: 501 });
  }
  const message = known
    ? `The action ${name} is not implemented by the lab sandbox's ${signingName} service yet.`
    : `The action ${name} is not valid for this web service.`;
  return new AwsError(family === 'query' ? 'InvalidAction' : 'UnknownOperationException', message);
}

function internalError(family: ProtocolFamily, thrown: unknown, signingName: string | undefined, operation: string | undefined, log: (message: string) => void): AwsError {
  log(`sandbox: ${signingName ?? '?'} ${operation ?? '?'} failed: ${(thrown as Error)?.stack ?? String(thrown)}`);
  const code = family === 'query' || family === 'rest' ? 'InternalError' : 'InternalFailure';
  return new AwsError(code, 'We encountered an internal error. Please try again.', { status: 500 });
}
