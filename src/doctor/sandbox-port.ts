/**
 * Whether the sandbox can listen on loopback: its default port, or failing that any port,
 * and when the default is taken, whether the holder answers HTTP (a sandbox, LocalStack)
 * or is something else the learner has to move out of the way.
 */
import { request } from 'node:http';
import { createServer } from 'node:net';
import { SANDBOX_DEFAULT_PORT } from '../sandbox/constants.js';
import { askSandbox, HEALTH_PATH } from '../sandbox/control.js';
import type { CheckResult } from './check.js';

const LOOPBACK = '127.0.0.1';
const HTTP_PROBE_TIMEOUT_MS = 1500;

/** The port bound, or the error code (EADDRINUSE, EACCES, ...) that refused it. */
export function tryBind(port: number): Promise<{ port: number } | { code: string }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? error.message }));
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      server.close(() => resolve({ port: bound }));
    });
  });
}

/** The answer of whatever holds the port to `GET /`, or why there was none. */
export function probeHttp(port: number): Promise<{ statusCode: number; server: string | undefined } | { error: string }> {
  return new Promise((resolve) => {
    const probe = request({ host: LOOPBACK, port, path: '/', method: 'GET', timeout: HTTP_PROBE_TIMEOUT_MS }, (response) => {
      response.resume();
      const server = response.headers.server;
      resolve({ statusCode: response.statusCode ?? 0, server: typeof server === 'string' ? server : undefined });
    });
    probe.once('timeout', () => probe.destroy(new Error('no HTTP answer within 1.5 s')));
    probe.once('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    probe.end();
  });
}

export async function checkSandboxPort(port: number = SANDBOX_DEFAULT_PORT, required = true): Promise<CheckResult> {
  const name = 'sandbox port';
  const address = `${LOOPBACK}:${port}`;
  const preferred = await tryBind(port);
  if ('port' in preferred) return { name, status: 'ok', required, detail: `${address} is free for the sandbox` };

  if (preferred.code === 'EADDRINUSE' && (await isLabSandbox(port))) {
    return { name, status: 'ok', required, detail: `${address} is held by a running lab sandbox, which lab run can use: --endpoint-url http://${address}` };
  }
  const holder = preferred.code === 'EADDRINUSE' ? await describeHolder(port) : `cannot bind it (${preferred.code})`;
  const fallback = await tryBind(0);
  if (!('port' in fallback)) {
    return {
      name,
      status: required ? 'fail' : 'warn',
      required,
      detail: `${address}: ${holder}; no loopback port binds either (${fallback.code})`,
      fix: 'the sandbox needs a loopback TCP port: check that the loopback interface is up and that no firewall or container policy forbids listening on 127.0.0.1',
    };
  }
  return {
    name,
    status: 'warn',
    required,
    detail: `${address}: ${holder}; other loopback ports bind (e.g. ${fallback.port})`,
    fix:
      `see what holds it ('lab sandbox status', or 'lsof -i :${port}' / 'ss -ltnp | grep :${port}'), ` +
      `stop it, or run the sandbox elsewhere: 'lab sandbox start --port ${fallback.port}'`,
  };
}

/** Whether lab's own sandbox answers there (its health path says `running`): the port is then in the right hands. */
async function isLabSandbox(port: number): Promise<boolean> {
  const health = await askSandbox(`http://${LOOPBACK}:${port}`, HEALTH_PATH, { timeoutMs: HTTP_PROBE_TIMEOUT_MS });
  return health?.status === 'running';
}

async function describeHolder(port: number): Promise<string> {
  const answer = await probeHttp(port);
  if ('error' in answer) return `in use by something that is not an HTTP server (${answer.error})`;
  const server = answer.server ? `, Server: ${answer.server}` : '';
  return `in use by an HTTP server (GET / answered ${answer.statusCode}${server}): likely a running lab sandbox or another AWS emulator`;
}
