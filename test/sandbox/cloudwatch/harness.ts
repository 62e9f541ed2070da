/** A CloudWatch sandbox on a clock the tests step by hand, and the real CloudWatchClient against it. */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { after, before, beforeEach } from 'node:test';
import { createClock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';

/** Noon on a fixed day: periods line up with whole minutes and hours. */
export const NOON = Date.parse('2026-06-01T12:00:00Z');
export const MINUTE = 60_000;

export interface Harness {
  sandbox: RunningSandbox;
  cw: CloudWatchClient;
  /** The sandbox clock's now, ms; tests move it. */
  now: { at: number };
  client(region: string): CloudWatchClient;
  close(): Promise<void>;
}

export async function startHarness(stateDir?: string): Promise<Harness> {
  const now = { at: NOON };
  const sandbox = await startSandbox({
    port: 0,
    services: await createServices(['cloudwatch']),
    clock: createClock({ now: () => now.at }),
    ...(stateDir === undefined ? {} : { stateDir }),
  });
  const client = (region: string): CloudWatchClient =>
    new CloudWatchClient({ endpoint: sandbox.url, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const cw = client('us-east-1');
  return {
    sandbox, cw, now, client,
    close: async () => {
      cw.destroy();
      await sandbox.stop();
    },
  };
}

/**
 * The harness of a whole test file: started before its tests, stopped after them, and
 * before each test emptied and set back to noon. Filled in by the `before` hook.
 */
export function useHarness(): Harness {
  const harness = {} as Harness;
  before(async () => {
    Object.assign(harness, await startHarness());
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.sandbox.router.reset();
    harness.now.at = NOON;
  });
  return harness;
}

/** A form POST in the AWS query protocol, as the AWS CLI v2 sends CloudWatch calls; only the scope is read. */
export async function queryCall(sandbox: RunningSandbox, params: Record<string, string>): Promise<{ status: number; body: string }> {
  const response = await fetch(sandbox.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260601/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({ Version: '2010-08-01', ...params }).toString(),
  });
  return { status: response.status, body: await response.text() };
}

/** A query-compatible JSON 1.0 call, as the SDK sends it, for what the SDK hides: the wire text and headers. */
export async function jsonCall(sandbox: RunningSandbox, operation: string, input: unknown): Promise<Response> {
  return fetch(sandbox.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `GraniteServiceVersion20100801.${operation}`,
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260601/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(input),
  });
}
