/**
 * What the DynamoDB lab tests share: a fresh sandbox per test file, the `lab` command run
 * against it with its own ledger, and the world as snapshotWorld sees it plus the tables.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createClock } from '../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { lab, type LabResult } from '../support/lab-process.js';
import { destroyClients, sdkClients, snapshotWorld, type SdkClients, type World } from '../support/world.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

export interface DynamoDbLabTarget {
  sandbox: RunningSandbox;
  clients: SdkClients;
  dynamodb: DynamoDBClient;
  /** LAB_CONFIG_DIR of every `lab` command this target runs: its ledgers live under it. */
  configDir: string;
  /** Runs `lab ARGS --endpoint-url SANDBOX` with this target's own ledger. */
  lab(args: string[]): Promise<LabResult>;
  world(): Promise<World>;
  stop(): Promise<void>;
}

export async function dynamoDbLabTarget(name: string): Promise<DynamoDbLabTarget> {
  const sandbox = await startSandbox({ port: 0, clock: createClock({ defaultDelayMs: 100 }) });
  const clients = sdkClients(sandbox.url);
  const dynamodb = new DynamoDBClient({ endpoint: sandbox.url, region: 'us-east-1', credentials });
  const env = { LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), `lab-${name}-`)) };
  return {
    sandbox,
    clients,
    dynamodb,
    configDir: env.LAB_CONFIG_DIR,
    lab: (args) => lab([...args, '--endpoint-url', sandbox.url], env),
    world: async () => ({ ...(await snapshotWorld(clients)), tables: ((await dynamodb.send(new ListTablesCommand({}))).TableNames ?? []).sort() }),
    stop: async () => {
      destroyClients(clients);
      dynamodb.destroy();
      await sandbox.stop();
    },
  };
}
