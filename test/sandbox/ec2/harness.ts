/**
 * What every EC2 sandbox test shares: a sandbox on an ephemeral port serving only EC2,
 * with a fast clock, the real EC2Client pointed at it, and a way to look at a failure.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import { EC2Client } from '@aws-sdk/client-ec2';
import { createClock, type ClockOptions } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';

/** Transitions take 40 ms, so waiters finish quickly; terminated instances stay listed for half a second. */
export const TEST_CLOCK: ClockOptions = { defaultDelayMs: 40, delays: { 'ec2.instance.terminated': 500 } };

export interface Ec2Sandbox {
  readonly ec2: EC2Client;
  readonly url: string;
  client(region: string): EC2Client;
}

/** Registers before/after hooks: one sandbox for the file, state reset before each test. */
export function useEc2Sandbox(clock: ClockOptions = TEST_CLOCK): Ec2Sandbox {
  let sandbox: RunningSandbox;
  const clients: EC2Client[] = [];
  const harness = {
    ec2: undefined as unknown as EC2Client,
    url: '',
    client(region: string) {
      const client = new EC2Client({
        endpoint: sandbox.url,
        region,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      clients.push(client);
      return client;
    },
  };
  before(async () => {
    sandbox = await startSandbox({ port: 0, services: await createServices(['ec2']), clock: createClock(clock) });
    harness.url = sandbox.url;
    harness.ec2 = harness.client('us-east-1');
  });
  after(async () => {
    clients.forEach((c) => c.destroy());
    await sandbox.stop();
  });
  beforeEach(() => sandbox.router.reset());
  return harness;
}

export type AwsFailure = Error & { $metadata: { httpStatusCode?: number } };

/** The error an SDK call fails with. */
export async function failure(promise: Promise<unknown>): Promise<AwsFailure> {
  try {
    await promise;
  } catch (error) {
    return error as AwsFailure;
  }
  assert.fail('expected the call to fail');
}

/** Asserts a call fails with AWS's code, message and HTTP status (400 unless given). */
export async function assertAwsError(
  promise: Promise<unknown>,
  code: string,
  message: string | RegExp,
  status = 400,
): Promise<void> {
  const error = await failure(promise);
  assert.equal(error.name, code, `code (message: ${error.message})`);
  if (typeof message === 'string') assert.equal(error.message, message);
  else assert.match(error.message, message);
  assert.equal(error.$metadata.httpStatusCode, status);
}
