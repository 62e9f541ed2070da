/**
 * The durable record of every resource a lab created on one target, and of what each lab
 * remembered for later steps and later labs (a VPC id, a table name).
 *
 * A create goes through two writes: the intent before the call (with the client token,
 * where the API takes one, so a retried create cannot make a second resource) and the id
 * after. A crash between them leaves an `intended` record that cleanup can still resolve,
 * by token or by the lab's tags. Every write is a locked read-modify-write of one JSON file,
 * replaced atomically, so concurrent runs and kill -9 lose nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { withFileLock } from './file-lock.js';

export type ResourceStatus = 'intended' | 'created' | 'deleted' | 'failed';

export interface ResourceRecord {
  /** The record's own id. */
  id: string;
  /** The resource type's name in the cleanup registry, e.g. `ec2:vpc`. */
  type: string;
  lab: string;
  run: string;
  step: string;
  status: ResourceStatus;
  /** AWS's id or name for it: `vpc-0a1b...`, a bucket name, an ARN. */
  resourceId?: string;
  clientToken?: string;
  region?: string;
  /** What deleting it needs to know: the VPC an IGW is attached to, a topic's ARN. */
  attributes?: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /** Why a create failed or a delete was refused. */
  reason?: string;
}

export interface RunRecord {
  lab: string;
  /** The process running it, so cleanup can tell a live run from one that was killed. */
  pid?: number;
  startedAt: string;
  endedAt?: string;
  /** How it ended: completed, quit, aborted, interrupted. Absent while running (or killed). */
  outcome?: string;
}

export interface LedgerData {
  version: 1;
  resources: ResourceRecord[];
  runs: Record<string, RunRecord>;
  /** Per lab, what its steps remembered, for later runs and later labs. */
  outputs: Record<string, Record<string, string>>;
}

export class LedgerCorruptError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`the ledger ${path} cannot be read (${reason}); it was left untouched. Move it aside to start a new one.`);
    this.name = 'LedgerCorruptError';
  }
}

export type IntentInput = Pick<ResourceRecord, 'type' | 'lab' | 'run' | 'step'> &
  Partial<Pick<ResourceRecord, 'clientToken' | 'region' | 'attributes'>>;

export class Ledger {
  /** Runs started but not yet written: a run is written with the first thing it records. */
  private readonly unwrittenRuns = new Map<string, RunRecord>();

  constructor(readonly path: string) {}

  /** The ledger as it stands; a reader needs no lock, since files are replaced whole. */
  async read(): Promise<LedgerData> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyLedger();
      throw error;
    }
    return parseLedger(this.path, text);
  }

  /** Runs `change` on the current ledger under the lock and saves what it leaves. */
  async update<T>(change: (data: LedgerData) => T): Promise<T> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    return withFileLock(`${this.path}.lock`, async () => {
      const data = await this.read();
      for (const [run, record] of this.unwrittenRuns) data.runs[run] = record;
      this.unwrittenRuns.clear();
      const result = change(data);
      await writeFileAtomic(this.path, `${JSON.stringify(data, null, 2)}\n`);
      return result;
    });
  }

  /** Written before the create call: what is about to exist, and the token that makes it idempotent. */
  recordIntent(input: IntentInput): Promise<ResourceRecord> {
    const now = new Date().toISOString();
    const record: ResourceRecord = { id: randomUUID(), ...input, status: 'intended', createdAt: now, updatedAt: now };
    return this.update((data) => {
      data.resources.push(record);
      return record;
    });
  }

  /** Records a create whose intent was resolved after the fact (found by tags or by name and time). */
  async recordFound(input: IntentInput, resourceId: string, attributes?: Record<string, string>): Promise<ResourceRecord> {
    const record = await this.recordIntent(input);
    return this.recordCreated(record.id, resourceId, attributes);
  }

  recordCreated(recordId: string, resourceId: string, attributes?: Record<string, string>): Promise<ResourceRecord> {
    return this.change(recordId, (record) => {
      record.status = 'created';
      record.resourceId = resourceId;
      if (attributes) record.attributes = { ...record.attributes, ...attributes };
      delete record.reason;
    });
  }

  /** The create call failed and AWS made nothing. */
  recordFailed(recordId: string, reason: string): Promise<ResourceRecord> {
    return this.change(recordId, (record) => {
      record.status = 'failed';
      record.reason = reason;
    });
  }

  recordDeleted(recordId: string): Promise<ResourceRecord> {
    return this.change(recordId, (record) => {
      record.status = 'deleted';
      delete record.reason;
    });
  }

  /** Cleanup could not delete it (yet): the record stays live, with why. */
  recordRefused(recordId: string, reason: string): Promise<ResourceRecord> {
    return this.change(recordId, (record) => {
      record.reason = reason;
    });
  }

  /**
   * A run begins. It reaches the file with the run's first record (an intent, an output),
   * which is when another process needs it (cleanup asks whether an intent's run is still
   * going): a run that records nothing, such as one against an endpoint that never
   * answered, leaves no ledger file behind.
   */
  startRun(run: string, lab: string): Promise<void> {
    this.unwrittenRuns.set(run, { lab, pid: process.pid, startedAt: new Date().toISOString() });
    return Promise.resolve();
  }

  endRun(run: string, outcome: string): Promise<void> {
    if (this.unwrittenRuns.delete(run)) return Promise.resolve();
    return this.update((data) => {
      const record = data.runs[run];
      if (record) Object.assign(record, { endedAt: new Date().toISOString(), outcome });
    });
  }

  remember(lab: string, key: string, value: string): Promise<void> {
    return this.update((data) => {
      (data.outputs[lab] ??= {})[key] = value;
    });
  }

  forget(lab: string, keys: string[]): Promise<void> {
    return this.update((data) => {
      const outputs = data.outputs[lab];
      if (!outputs) return;
      for (const key of keys) delete outputs[key];
      if (Object.keys(outputs).length === 0) delete data.outputs[lab];
    });
  }

  private change(recordId: string, mutate: (record: ResourceRecord) => void): Promise<ResourceRecord> {
    return this.update((data) => {
      const record = data.resources.find((candidate) => candidate.id === recordId);
      if (!record) throw new Error(`the ledger ${this.path} has no record ${recordId}`);
      mutate(record);
      record.updatedAt = new Date().toISOString();
      return { ...record };
    });
  }
}

/** Records that may still stand for a live resource: created, or intended and never resolved. */
export function liveResources(data: LedgerData): ResourceRecord[] {
  return data.resources.filter((record) => record.status === 'created' || record.status === 'intended');
}

/**
 * Forgets the outputs of each lab `which` picks that has nothing left alive: they name
 * resources that are gone, and later runs must not reuse them.
 */
export async function forgetFinishedLabs(ledger: Ledger, which: (lab: string) => boolean): Promise<void> {
  await ledger.update((data) => {
    const alive = new Set(liveResources(data).map((record) => record.lab));
    for (const lab of Object.keys(data.outputs)) if (which(lab) && !alive.has(lab)) delete data.outputs[lab];
  });
}

function emptyLedger(): LedgerData {
  return { version: 1, resources: [], runs: {}, outputs: {} };
}

function parseLedger(path: string, text: string): LedgerData {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new LedgerCorruptError(path, (error as Error).message);
  }
  const candidate = data as Partial<LedgerData> | null;
  if (candidate?.version !== 1 || !Array.isArray(candidate.resources) || typeof candidate.runs !== 'object' || typeof candidate.outputs !== 'object') {
    throw new LedgerCorruptError(path, 'not a version 1 ledger');
  }
  return candidate as LedgerData;
}
