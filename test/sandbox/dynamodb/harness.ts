/** A sandbox serving DynamoDB alone, on a fast clock, and the real DynamoDBClient talking to it. */
import { after, before, beforeEach } from 'node:test';
import {
  CreateTableCommand, DynamoDBClient, waitUntilTableExists, type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { createClock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { createServices } from '../../../src/sandbox/services/index.js';

export interface Harness {
  sandbox: RunningSandbox;
  ddb: DynamoDBClient;
  client(region: string): DynamoDBClient;
  /** Moves the sandbox clock on, past a transition a test gave a long delay. */
  advance(ms: number): void;
}

/**
 * Starts the sandbox before the file's tests and resets it before each. Transitions take
 * 50 ms unless `delays` names them (then a test steps past them with `advance`).
 */
export function useSandbox(options: { delays?: Record<string, number> } = {}): Harness {
  const harness = {} as Harness;
  let offset = 0;
  harness.advance = (ms) => {
    offset += ms;
  };
  const clients: DynamoDBClient[] = [];
  harness.client = (region) => {
    const client = new DynamoDBClient({ endpoint: harness.sandbox.url, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    clients.push(client);
    return client;
  };
  before(async () => {
    harness.sandbox = await startSandbox({ port: 0, services: await createServices(['dynamodb']), clock: createClock({ defaultDelayMs: 50, delays: options.delays ?? {}, now: () => Date.now() + offset }) });
    harness.ddb = harness.client('us-east-1');
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await harness.sandbox.stop();
  });
  beforeEach(() => harness.sandbox.router.reset());
  return harness;
}

/** A table of `pk` (S) and, when asked, `sk` of the given type, created and waited for. */
export async function activeTable(ddb: DynamoDBClient, TableName: string, sortKeyType?: 'S' | 'N' | 'B'): Promise<void> {
  const input: CreateTableCommandInput = {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, ...(sortKeyType ? [{ AttributeName: 'sk', KeyType: 'RANGE' as const }] : [])],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, ...(sortKeyType ? [{ AttributeName: 'sk', AttributeType: sortKeyType }] : [])],
  };
  await ddb.send(new CreateTableCommand(input));
  await waitUntilTableExists({ client: ddb, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 }, { TableName });
}
