/**
 * The sandbox's HTTP listener on 127.0.0.1: reads each request, hands it to the router,
 * writes its answer. Control paths under `/_lab/` sit beside the AWS APIs: health (for
 * `lab sandbox status`), reset, and the inbox (what SNS sent to email, SMS and HTTP endpoints).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from './clock.js';
import { SANDBOX_DEFAULT_PORT } from './constants.js';
import type { HttpRequest, HttpResponse } from './protocol/codec.js';
import { HEALTH_PATH, INBOX_PATH, RESET_PATH } from './control.js';
import { createRouter, type Router, type RouterOptions } from './router.js';
import type { SandboxService } from './service.js';
import { createServices } from './services/index.js';
import { sandboxMailbox } from './services/sns/inbox.js';
import { loadState, saveState } from './state-store.js';

export interface SandboxOptions {
  /** Default 4566; 0 picks a free port. */
  port?: number;
  /** Default: every service the sandbox serves (createServices()). */
  services?: readonly SandboxService[];
  clock?: Clock;
  /** Restores `<stateDir>/<service name>.json` on start and saves it on stop. */
  stateDir?: string;
  log?: (message: string) => void;
  observe?: RouterOptions['observe'];
}

export interface RunningSandbox {
  url: string;
  port: number;
  router: Router;
  /** Stops listening, waits for open requests, then saves state when a state dir is set. */
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const services = options.services ?? (await createServices());
  if (options.stateDir !== undefined) await loadState(options.stateDir, services);
  const router = createRouter({
    services,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.observe ? { observe: options.observe } : {}),
  });
  const startedAt = Date.now();

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('error', () => outgoing.destroy());
    incoming.on('end', () => {
      const request = toHttpRequest(incoming, Buffer.concat(chunks));
      const control = controlResponse(request, router, startedAt);
      const answer = control ? Promise.resolve(control) : router.handle(request);
      answer.then(
        (response) => send(outgoing, response),
        () => outgoing.destroy(),
      );
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? SANDBOX_DEFAULT_PORT, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  for (const service of services) await service.open?.({ clock: router.clock });
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    router,
    stop: () =>
      (stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        for (const service of services) await service.close?.();
        if (options.stateDir !== undefined) await saveState(options.stateDir, services);
      })()),
  };
}

function toHttpRequest(incoming: IncomingMessage, body: Buffer): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers, body };
}

function controlResponse(request: HttpRequest, router: Router, startedAt: number): HttpResponse | undefined {
  const path = request.url.split('?')[0];
  if (path === HEALTH_PATH && request.method === 'GET') {
    return json(200, {
      status: 'running',
      services: router.serviceNames,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
    });
  }
  if (path === RESET_PATH && request.method === 'POST') {
    router.reset();
    return json(200, { status: 'reset', services: router.serviceNames });
  }
  if (path === INBOX_PATH && request.method === 'GET') {
    return json(200, { messages: sandboxMailbox(router.services) });
  }
  return undefined;
}

/**
 * A control answer closes its connection: control calls come one at a time, minutes apart,
 * from clients (fetch) that would otherwise reuse a pooled socket the server has meanwhile
 * closed as idle, and fail with "other side closed".
 */
function json(status: number, document: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', connection: 'close' }, body: Buffer.from(`${JSON.stringify(document)}\n`) };
}

function send(outgoing: ServerResponse, response: HttpResponse): void {
  // A codec's own Content-Length wins: S3's HEAD answers give the object's size with no body.
  outgoing.writeHead(response.status, { 'content-length': String(response.body.length), ...response.headers });
  outgoing.end(response.body);
}
