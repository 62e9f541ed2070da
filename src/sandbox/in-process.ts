/**
 * An SDK `requestHandler` that hands requests straight to a sandbox router, with no
 * socket: the same router, codecs and handlers as the HTTP server, minus the transport.
 *
 *   new EC2Client({ requestHandler: new InProcessHandler(router), endpoint: 'http://sandbox.local', ... })
 */
import { Readable } from 'node:stream';
import { buildQueryString, HttpResponse, type HttpHandler } from '@smithy/core/protocols';
import type { HttpRequest as SdkHttpRequest } from '@smithy/core/transport';
import type { HttpRequest } from './protocol/codec.js';
import type { Router } from './router.js';

export class InProcessHandler implements HttpHandler {
  constructor(private readonly router: Router) {}

  async handle(request: SdkHttpRequest): Promise<{ response: HttpResponse }> {
    const answer = await this.router.handle(await toSandboxRequest(request));
    return {
      response: new HttpResponse({ statusCode: answer.status, headers: { ...answer.headers, 'content-length': String(answer.body.length) }, body: Readable.from([answer.body]) }),
    };
  }

  // No connection settings exist without a connection.
  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
}

async function toSandboxRequest(request: SdkHttpRequest): Promise<HttpRequest> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const query = buildQueryString(request.query ?? {});
  return { method: request.method, url: query === '' ? request.path : `${request.path}?${query}`, headers, body: await bodyBytes(request.body) };
}

async function bodyBytes(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
