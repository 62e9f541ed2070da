/**
 * The sandbox's DynamoDB beside dynalite (a DynamoDB emulator in Node, on LevelDB in memory):
 * PutItem, GetItem and Query throughput through the same DynamoDBClient code against each,
 * and how long each takes from a cold process to its first answered DynamoDB call.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand, QueryCommand,
  waitUntilTableExists, type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { InProcessHandler } from '../../src/sandbox/in-process.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { createServices } from '../../src/sandbox/services/index.js';
import type { BenchEntry, Comparison } from '../harness.js';
import { LAB_BIN } from '../paths.js';
import { median } from '../../src/bench/percentiles.js';
import { freePort } from '../../src/sandbox/free-port.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const CALLS = 1000;
const ROUNDS = 3;
const STARTS = 5;
const TableName = 'Music';
/** Songs per artist: each Query reads one artist's songs, a page of this many items. */
const SONGS = 20;
const ARTISTS = 50;
const GOAL = 2;

type Operation = 'PutItem' | 'GetItem' | 'Query';

/** The Music table of week4-thu, one row of it. */
const song = (artist: number, title: number): Record<string, AttributeValue> => ({
  Artist: { S: `Artist ${artist}` },
  SongTitle: { S: `Song ${String(title).padStart(3, '0')}` },
  AlbumTitle: { S: `Album ${title % 4}` },
  Year: { N: String(1990 + (title % 30)) },
  Genre: { S: ['Pop', 'Rock', 'Jazz', 'V-Pop'][title % 4]! },
  Price: { N: `${title % 10}.99` },
});

/** One operation, `CALLS` times in sequence, the same calls against whichever endpoint the client has. */
const CALLS_OF: Record<Operation, (client: DynamoDBClient, call: number) => Promise<unknown>> = {
  PutItem: (client, call) => client.send(new PutItemCommand({ TableName, Item: song(call % ARTISTS, SONGS + call) })),
  GetItem: (client, call) => client.send(new GetItemCommand({ TableName, Key: { Artist: { S: `Artist ${call % ARTISTS}` }, SongTitle: { S: `Song ${String(call % SONGS).padStart(3, '0')}` } } })),
  Query: (client, call) => client.send(new QueryCommand({
    TableName, KeyConditionExpression: 'Artist = :a AND begins_with(SongTitle, :s)', Limit: SONGS,
    ExpressionAttributeValues: { ':a': { S: `Artist ${call % ARTISTS}` }, ':s': { S: 'Song 0' } },
  })),
};

export const dynamodbThroughput: BenchEntry = {
  name: 'dynamodb',
  about: `PutItem, GetItem and Query (${SONGS} items), ${CALLS} sequential calls each through the SDK, ${ROUNDS} rounds; and cold start to first call`,
  run: async () => {
    const sandbox = await startSandbox({ port: 0, services: await createServices(['dynamodb']) });
    const dynalite = await startDynalite();
    const clients = { lab: client(sandbox.url), reference: client(dynalite.url) };
    // The same sandbox without a socket: how much of a call is the engine, how much HTTP and the SDK.
    const inProcess = new DynamoDBClient({ endpoint: 'http://sandbox.local', region: 'us-east-1', credentials, requestHandler: new InProcessHandler(sandbox.router) });
    try {
      for (const target of Object.values(clients)) await loadMusic(target);
      const comparisons: Comparison[] = [];
      for (const operation of Object.keys(CALLS_OF) as Operation[]) {
        const timed = async (target: DynamoDBClient) => {
          const started = performance.now();
          for (let call = 0; call < CALLS; call++) await CALLS_OF[operation](target, call);
          return (performance.now() - started) / 1000;
        };
        await timed(clients.lab); // warm-up: JIT, sockets
        await timed(clients.reference);
        const lab: number[] = [];
        const reference: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          lab.push(await timed(clients.lab));
          reference.push(await timed(clients.reference));
        }
        const labRate = CALLS / median(lab);
        const referenceRate = CALLS / median(reference);
        await timed(inProcess);
        const inProcessRate = CALLS / (await timed(inProcess));
        comparisons.push({
          figure: operation,
          lab,
          reference,
          goal: { text: `at least ${GOAL}x dynalite's calls/s`, met: labRate >= GOAL * referenceRate },
          note: `${Math.round(labRate)} calls/s against dynalite's ${Math.round(referenceRate)}: ${(labRate / referenceRate).toFixed(1)}x; through the in-process handler (no socket) ${Math.round(inProcessRate)} calls/s`,
        });
      }
      const ceiling = await sdkCeiling();
      comparisons.find((comparison) => comparison.figure === 'GetItem')!.note += `; the SDK's own ceiling, against a server answering one constant GetItem body: ${Math.round(ceiling)} calls/s`;
      comparisons.push(await coldStarts());
      return {
        reference: 'dynalite 4 in this process (createTableMs 0, LevelDB in memory) over HTTP; cold start: its CLI spawned',
        comparisons,
      };
    } finally {
      for (const target of [...Object.values(clients), inProcess]) target.destroy();
      await sandbox.stop();
      await new Promise((resolve) => dynalite.server.close(resolve));
    }
  },
};

/**
 * GetItem calls/s against a server that does no work at all: what the SDK, HTTP and this
 * machine allow, so a ratio to dynalite reads against what is possible.
 */
async function sdkCeiling(): Promise<number> {
  const body = JSON.stringify({ Item: song(1, 1) });
  const constant = createHttpServer((request, response) => {
    request.on('data', () => undefined);
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(body));
  });
  await new Promise<void>((resolve) => constant.listen(0, '127.0.0.1', resolve));
  const target = client(`http://127.0.0.1:${(constant.address() as AddressInfo).port}`);
  try {
    const rounds: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const started = performance.now();
      for (let call = 0; call < CALLS; call++) await CALLS_OF.GetItem(target, call);
      rounds.push((performance.now() - started) / 1000);
    }
    return CALLS / median(rounds.slice(1)); // the first round warms up
  } finally {
    target.destroy();
    await new Promise((resolve) => constant.close(resolve));
  }
}

function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
}

// dynalite is CommonJS without types: a factory returning a node http.Server.
type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

async function startDynalite(): Promise<{ server: Server; url: string }> {
  const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function loadMusic(target: DynamoDBClient): Promise<void> {
  await target.send(new CreateTableCommand({
    TableName,
    KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }, { AttributeName: 'SongTitle', KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: 'Artist', AttributeType: 'S' }, { AttributeName: 'SongTitle', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  await waitUntilTableExists({ client: target, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName });
  for (let artist = 0; artist < ARTISTS; artist++) {
    for (let title = 0; title < SONGS; title++) await target.send(new PutItemCommand({ TableName, Item: song(artist, title) }));
  }
}

/** `lab sandbox start` and dynalite's CLI, each spawned and timed to its first answered ListTables. */
async function coldStarts(): Promise<Comparison> {
  const lab: number[] = [];
  const reference: number[] = [];
  const dynaliteCli = createRequire(import.meta.url).resolve('dynalite/cli.js');
  for (let run = 0; run < STARTS; run++) {
    const stateDir = await mkdtemp(join(tmpdir(), 'lab-bench-dynamodb-'));
    try {
      lab.push(await startToFirstCall([LAB_BIN, 'sandbox', 'start', '--port', '0', '--state-dir', stateDir], /Sandbox running at (http:\/\/127\.0\.0\.1:\d+)/));
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
    // dynalite's CLI takes --port 0 for its default port, so it gets a free one chosen here.
    reference.push(await startToFirstCall([dynaliteCli, '--port', String(await freePort()), '--host', '127.0.0.1', '--createTableMs', '0'], /listening at: (http:\/\/127\.0\.0\.1:\d+)/));
  }
  return { figure: 'start to first call', lab, reference, note: `${STARTS} spawns each; lab starts every service, dynalite only DynamoDB` };
}

async function startToFirstCall(args: string[], announces: RegExp): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = announces.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out}`)));
    });
    const target = client(url);
    await target.send(new ListTablesCommand({}));
    const elapsed = (performance.now() - started) / 1000;
    target.destroy();
    return elapsed;
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}
