/**
 * What a step may do: call AWS through `call`, remember outputs for later steps and labs,
 * and report progress while it waits. `call` is the one door to AWS: it tags what the call
 * creates, records the intent in the ledger before the call and the id after, announces
 * the AWS CLI equivalent, honours dry-run, and turns SDK errors into AWS's code and message
 * with a hint. The few other things a step may do each have a named door of their own:
 * `measure` (calls that are measurements, not lessons), `cleanup` (the cleanup engine),
 * `writeArtifact` (a file left for the learner). A step never holds the clients or the ledger.
 */
import { randomUUID } from 'node:crypto';
import { cliEquivalent, namedFiles } from '../aws/cli-equivalent.js';
import { commandNamespace, commandOperation, hasInputMember, type ClientPool } from '../aws/clients.js';
import { awsErrorCode } from '../aws/error-code.js';
import { errorHint } from '../aws/error-hints.js';
import type { TargetFacts } from '../aws/target.js';
import { askSandbox, INBOX_PATH } from '../sandbox/control.js';
import { inboxMessagesOf, type InboxMessage } from '../sandbox/inbox.js';
import type { CleanupOutcome } from '../cleanup/executor.js';
import type { CleanupPlan } from '../cleanup/plan.js';
import type { Ledger, LedgerData } from '../ledger/ledger.js';
import { resourceType, typeCreatedBy } from '../cleanup/registry.js';
import type { Tag } from '../cleanup/resource-type.js';
import { artifactPath, defaultArtifactsDir, defaultCommandFilesDir, writeArtifactFile } from './artifacts.js';
import { connectionFailure } from './connection-failure.js';
import { dryRunPlaceholder } from './dry-run.js';
import { pause } from './pause.js';
import { cleanUpLabs, cleanupPlanOf, type LabFilter } from './step-cleanup.js';

/** What the runner shows while a step runs; steps themselves never print. */
export interface StepEvents {
  /** The AWS CLI command equivalent to the call about to be made. */
  command(text: string): void;
  /** A status line for a long wait. */
  progress(message: string): void;
  /** Something the learner should know about this step's choice (reusing what exists). */
  note(message: string): void;
  /** With --debug: what each call did on the wire (never its credentials or signature). */
  debug?(message: string): void;
}

export interface StepContextOptions {
  lab: string;
  run: string;
  step: string;
  region: string;
  /** Where the run goes. Absent only in `lab show`'s offline dry run, which stands for a sandbox in `region`. */
  target?: TargetFacts;
  clients: ClientPool;
  ledger: Ledger;
  /** Outputs remembered so far, per lab (the ledger's, plus this run's). */
  outputs: Record<string, Record<string, string>>;
  dryRun: boolean;
  /** In a dry run, also send EC2 calls with DryRun (a permission check); false for `lab show`. */
  checkWithDryRun?: boolean;
  /** Global flags every printed `aws` command needs on this target (`--endpoint-url`). */
  cliGlobals: Record<string, string>;
  events: StepEvents;
  signal?: AbortSignal;
  /** What lab resolved for this run (target, region, profile, output), never secrets. */
  settings: Record<string, string>;
  /** Where the files printed commands name are written; `<config dir>/files/<lab>/` when absent. */
  commandFilesDir?: string;
  /** Where `writeArtifact` puts files; `<config dir>/reports/` when absent. */
  artifactsDir?: string;
  /** How often `cleanup` looks again while AWS deletes; 1 s when absent. */
  cleanupPollMs?: number;
}

/** An AWS error as a learner sees it: AWS's code and message, the command, a hint. */
export class AwsCallError extends Error {
  constructor(
    readonly code: string,
    readonly awsMessage: string,
    readonly command: string,
    readonly hint: string | undefined,
  ) {
    super(`${code}: ${awsMessage}`);
    this.name = 'AwsCallError';
  }
}

interface CallMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

/** A step needs an output that no earlier step (or lab) has produced. */
export class MissingOutputError extends Error {
  constructor(readonly key: string, readonly lab: string) {
    super(`this step needs '${key}' from lab ${lab}, which no earlier step has produced yet`);
    this.name = 'MissingOutputError';
  }
}

interface CallOptions {
  /** Members the CLI reads from files (`s3api put-object --body`): member name to file name. */
  files?: Record<string, string>;
  /** A `--query` the printed command shows (the step returns the same query with its result). */
  query?: string;
  /**
   * False for the second and later of many calls alike (100 batch writes): the step shows
   * the first command and says how many more went, instead of a screen of near-copies.
   */
  showCommand?: boolean;
}

export interface WaitOptions {
  /** What is awaited, for the progress line: `instance i-0abc to be running`. */
  what: string;
  timeoutMs?: number;
  pollMs?: number;
  /** A `--query` the printed command shows, when the step returns the awaited answer with that query. */
  query?: string;
}

/** An SDK v3 command, as far as `call` needs it. */
export interface SdkCommand {
  readonly input: object;
  readonly schema?: unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolveMiddleware(...args: any[]): unknown;
}

/** `CreateVpcCommandOutput` for a `CreateVpcCommand`, read off the command's middleware handler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OutputOf<C> = C extends { resolveMiddleware(...args: any[]): (...args: any[]) => Promise<{ output: infer O }> } ? O : never;

export class StepContext {
  constructor(private readonly options: StepContextOptions) {}

  get region(): string {
    return this.options.region;
  }

  get run(): string {
    return this.options.run;
  }

  /** Where this run goes: `ctx.target.kind === 'aws'` on a real account, where AWS's own clock applies. */
  get target(): TargetFacts {
    return this.options.target ?? { kind: 'sandbox', region: this.options.region, description: `the local sandbox (${this.options.region})` };
  }

  get settings(): Readonly<Record<string, string>> {
    return this.options.settings;
  }

  get dryRun(): boolean {
    return this.options.dryRun;
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** The tags every resource a lab creates carries, so `lab cleanup --scan` can find it. */
  get tags(): Tag[] {
    return runTags(this.options.lab, this.options.run);
  }

  async call<C extends SdkCommand>(command: C, callOptions: CallOptions = {}): Promise<OutputOf<C>> {
    type Output = OutputOf<C>;
    const { ledger, clients, lab, run, step } = this.options;
    const namespace = commandNamespace(command);
    const operation = commandOperation(command);
    const input = command.input as Record<string, unknown>;
    const creates = typeCreatedBy(namespace, operation);
    if (creates?.addTags) creates.addTags(input, this.tags);
    if (creates?.clientTokenMember && input[creates.clientTokenMember] === undefined) input[creates.clientTokenMember] = randomUUID();
    const globals = { ...(callOptions.query ? { query: callOptions.query } : {}), ...this.options.cliGlobals };
    const files = callOptions.files && (await this.writeCommandFiles(command, callOptions.files, callOptions.showCommand !== false));
    const text = cliEquivalent(command, { globals, ...(files ? { files } : {}) }).text;
    if (callOptions.showCommand !== false) this.options.events.command(text);
    if (this.options.dryRun) return this.dryRunCall<Output>(command, operation);

    const intent = creates
      ? await ledger.recordIntent({
          type: creates.name,
          lab,
          run,
          step,
          region: this.options.region,
          ...(creates.clientTokenMember ? { clientToken: String(input[creates.clientTokenMember]) } : {}),
          ...(creates.intentAttributes ? { attributes: creates.intentAttributes(input) } : {}),
        })
      : undefined;
    let output: Output;
    const started = performance.now();
    try {
      output = await clients.send<Output>(command, { abortSignal: this.options.signal });
      this.debugCall(operation, started, (output as { $metadata?: CallMetadata }).$metadata);
    } catch (error) {
      this.debugCall(operation, started, (error as { $metadata?: CallMetadata }).$metadata, (error as Error).name);
      const failure = toCallError(error, text, this.target, this.options.cliGlobals['endpoint-url']);
      // Only an answer from AWS proves nothing was made; a lost connection leaves the intent open.
      if (intent && failure.fromAws) await ledger.recordFailed(intent.id, failure.error.message);
      throw failure.error;
    }
    if (creates && intent) {
      const made = creates.created(output, input);
      const [first, ...more] = made;
      if (first) await ledger.recordCreated(intent.id, first.resourceId, first.attributes);
      for (const extra of more) await ledger.recordFound({ type: creates.name, lab, run, step, region: this.options.region }, extra.resourceId, extra.attributes);
    }
    return output;
  }

  /**
   * A lookup before a create, for steps that reuse what an earlier run made: the answer, or
   * undefined when AWS answers `missingCode` (and in a dry run, where nothing exists yet).
   */
  async find<C extends SdkCommand>(command: C, missingCode: string): Promise<OutputOf<C> | undefined> {
    try {
      const found = await this.call(command);
      return this.options.dryRun ? undefined : found;
    } catch (error) {
      if (error instanceof AwsCallError && error.code === missingCode) return undefined;
      throw error;
    }
  }

  /**
   * A call that is a measurement, not a lesson (day 6's thousand benchmark reads): sent
   * through the run's clients as `call` sends it, but not printed, not recorded, not tagged,
   * and with nothing between the step and the SDK but this function, so what is timed is
   * the call. Errors are the SDK's own. It refuses a create: no ledger would know of it.
   */
  measure<C extends SdkCommand>(command: C): Promise<OutputOf<C>> {
    if (this.options.dryRun) return Promise.resolve(dryRunPlaceholder(commandOperation(command)) as OutputOf<C>);
    assertMeasurable(command);
    return this.options.clients.send<OutputOf<C>>(command);
  }

  /** What `cleanup(which)` would delete, in deletion order (waves), read from the ledger; nothing is called. */
  cleanupPlan(which: LabFilter): Promise<CleanupPlan> {
    return cleanupPlanOf(this.options.ledger, which);
  }

  /**
   * Deletes what the labs `which` accepts created, through the same engine and in the same
   * order as `lab cleanup`, then forgets their outputs once nothing of theirs is left. Each
   * deletion shows as progress. A dry run deletes nothing and returns no outcomes.
   */
  async cleanup(which: LabFilter): Promise<CleanupOutcome[]> {
    if (this.options.dryRun) return [];
    const { clients, ledger, signal } = this.options;
    return cleanUpLabs(which, {
      clients,
      ledger,
      pollMs: this.options.cleanupPollMs ?? 1_000,
      ...(signal ? { signal } : {}),
      onStart: (record) => this.progress(`deleting ${resourceType(record.type)?.title ?? record.type} ${record.resourceId ?? '(unconfirmed)'}`),
    });
  }

  /**
   * What SNS sent to email, SMS and HTTP subscribers, oldest first, read from the sandbox's
   * mailbox (`/_lab/inbox`) when the target is the sandbox or a local endpoint that keeps one:
   * how a step shows the alarm email the learner would receive. Undefined on real AWS,
   * where mail goes to real inboxes, and from an endpoint without a mailbox. Empty in a dry run.
   */
  async sandboxInbox(): Promise<InboxMessage[] | undefined> {
    if (this.target.kind === 'aws') return undefined;
    if (this.options.dryRun) return [];
    const endpoint = this.options.cliGlobals['endpoint-url'];
    if (endpoint === undefined) return undefined;
    const answer = await askSandbox(endpoint, INBOX_PATH, { timeoutMs: 5_000, ...(this.options.signal ? { signal: this.options.signal } : {}) });
    this.options.signal?.throwIfAborted();
    return inboxMessagesOf(answer);
  }

  /**
   * Shows the command-line equivalent of something a step does outside the AWS API (a Redis
   * command as `redis-cli ...`), where `call` shows the `aws` command: the same line, the
   * same place.
   */
  showCommand(text: string): void {
    this.options.events.command(text);
  }

  /** The ledger's record of this target (runs, resources, outputs), for a step that looks back over them. A copy: changing it changes nothing. */
  readLedger(): Promise<LedgerData> {
    return this.options.ledger.read();
  }

  /**
   * Leaves a file for the learner (an HTML report) in the folder the runner chose, and
   * answers its path. In a dry run nothing is written; the path is the one it would have.
   */
  async writeArtifact(name: string, content: string): Promise<string> {
    const path = artifactPath(this.options.artifactsDir ?? defaultArtifactsDir(), name);
    if (!this.options.dryRun) await writeArtifactFile(path, content);
    return path;
  }

  /** Keeps a value (a VPC id) for later steps, later runs and later labs on this target. */
  async remember(key: string, value: string): Promise<void> {
    const { lab, outputs } = this.options;
    if (this.options.dryRun) {
      // Later steps' commands then show `<vpcId>` where the real id will go.
      (outputs[lab] ??= {})[key] = `<${key}>`;
      return;
    }
    (outputs[lab] ??= {})[key] = String(value);
    await this.options.ledger.remember(lab, key, String(value));
  }

  /** A value this lab (or `fromLab`) remembered, or undefined. */
  recall(key: string, fromLab: string = this.options.lab): string | undefined {
    return this.options.outputs[fromLab]?.[key];
  }

  /** A value an earlier step must have remembered; in a dry run, a placeholder naming it. */
  need(key: string, fromLab: string = this.options.lab): string {
    const value = this.recall(key, fromLab);
    if (value !== undefined) return value;
    if (this.options.dryRun) return `<${key}>`;
    throw new MissingOutputError(key, fromLab);
  }

  progress(message: string): void {
    this.options.events.progress(message);
  }

  note(message: string): void {
    this.options.events.note(message);
  }

  private debugCall(operation: string, started: number, metadata: CallMetadata | undefined, errorCode?: string): void {
    if (!this.options.events.debug) return;
    const took = Math.round(performance.now() - started);
    const status = metadata?.httpStatusCode === undefined ? 'no HTTP answer' : `HTTP ${metadata.httpStatusCode}`;
    this.options.events.debug(`${operation}: ${status}${errorCode ? ` ${errorCode}` : ''} in ${took} ms, request id ${metadata?.requestId ?? 'none'}, ${metadata?.attempts ?? 1} attempt(s)`);
  }

  /**
   * Repeats a read-only call until its answer satisfies `done`, as an SDK waiter or
   * `aws ... wait` does, showing the elapsed time. The command prints once.
   */
  async waitFor<C extends SdkCommand>(command: C, done: (output: OutputOf<C>) => boolean, options: WaitOptions): Promise<OutputOf<C>> {
    const globals = { ...(options.query ? { query: options.query } : {}), ...this.options.cliGlobals };
    const text = cliEquivalent(command, { globals }).text;
    this.options.events.command(`${text}   # repeated until ${options.what}`);
    if (this.options.dryRun) return dryRunPlaceholder(commandOperation(command)) as OutputOf<C>;
    const started = Date.now();
    const timeoutMs = options.timeoutMs ?? 15 * 60_000;
    for (;;) {
      let output: OutputOf<C>;
      try {
        output = await this.options.clients.send<OutputOf<C>>(command, { abortSignal: this.options.signal });
      } catch (error) {
        throw toCallError(error, text, this.target, this.options.cliGlobals['endpoint-url']).error;
      }
      if (done(output)) return output;
      const elapsed = Math.round((Date.now() - started) / 1000);
      if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting for ${options.what} after ${elapsed} s`);
      this.progress(`waiting for ${options.what} (${elapsed} s)`);
      await pause(options.pollMs ?? 1000, this.options.signal);
    }
  }

  /**
   * Writes the files a printed command names (`--body hello.txt`, `file://batch-001.json`)
   * into the lab's files folder, so the command runs as printed; answers member -> path. A
   * dry run (and `lab show`) writes nothing and prints the plain names.
   */
  private async writeCommandFiles(command: SdkCommand, files: Record<string, string>, shown: boolean): Promise<Record<string, string>> {
    if (this.options.dryRun) return files;
    const dir = this.options.commandFilesDir ?? defaultCommandFilesDir(this.options.lab);
    const paths: Record<string, string> = {};
    for (const { member, file, content } of namedFiles(command, files)) {
      paths[member] = artifactPath(dir, file);
      // A command that is not printed names nothing a learner would run.
      if (shown) await writeArtifactFile(paths[member], content);
    }
    return paths;
  }

  /** In a dry run, EC2 calls go out with DryRun, which checks permissions and changes nothing. */
  private async dryRunCall<Output>(command: SdkCommand, operation: string): Promise<Output> {
    const input = command.input as Record<string, unknown>;
    // A call naming an earlier step's placeholder (`<vpcId>`) cannot be checked against AWS.
    const namesPlaceholders = /"<[^"]*>"/.test(JSON.stringify(input));
    if (this.options.checkWithDryRun && hasInputMember(command, 'DryRun') && !namesPlaceholders) {
      input.DryRun = true;
      try {
        await this.options.clients.send(command);
      } catch (error) {
        if ((error as Error).name !== 'DryRunOperation') throw toCallError(error, operation, this.target, this.options.cliGlobals['endpoint-url']).error;
      } finally {
        delete input.DryRun;
      }
    }
    return dryRunPlaceholder(operation) as Output;
  }
}

// Command classes already checked by `measure`: one WeakSet lookup per call after the first.
const measurable = new WeakSet<object>();

function assertMeasurable(command: SdkCommand): void {
  if (measurable.has(command.constructor)) return;
  const operation = commandOperation(command);
  if (typeCreatedBy(commandNamespace(command), operation)) throw new Error(`${operation} creates a resource: a step sends it with ctx.call, which records it for lab cleanup, not with ctx.measure`);
  measurable.add(command.constructor);
}

const MANAGED_BY: Tag = { Key: 'managed-by', Value: 'cloud-journey-lab' };

export function runTags(lab: string, run: string): Tag[] {
  return [{ Key: 'lab:id', Value: lab }, { Key: 'lab:run', Value: run }, MANAGED_BY];
}

/** What every resource a lab made carries (of one lab, when named): what `lab cleanup --scan` looks for. */
export function labTags(lab?: string): Tag[] {
  return [MANAGED_BY, ...(lab === undefined ? [] : [{ Key: 'lab:id', Value: lab }])];
}

function toCallError(error: unknown, command: string, target: TargetFacts, endpointUrl: string | undefined): { error: Error; fromAws: boolean } {
  const sdkError = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
  const status = sdkError.$metadata?.httpStatusCode;
  if (sdkError.name === 'AbortError') return { error: error as Error, fromAws: false };
  const unreachable = status === undefined ? connectionFailure(error, target, endpointUrl) : undefined;
  // A refused connection proves nothing was made, as an answer from AWS would.
  if (unreachable) return { error: new AwsCallError('EndpointConnectionError', unreachable.message, command, unreachable.hint), fromAws: unreachable.nothingSent };
  if (status === undefined) return { error: error as Error, fromAws: false };
  const code = awsErrorCode(error);
  return { error: new AwsCallError(code, sdkError.message ?? '', command, errorHint(code)), fromAws: status < 500 };
}
