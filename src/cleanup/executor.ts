/**
 * Carries out a cleanup plan: each wave's deletions run side by side; AWS's "not yet"
 * answers (DependencyViolation, throttling, a resource still in use) are retried with
 * backoff until a deadline; "not found" counts as done. Every outcome is written to the
 * ledger as it happens, so an interrupted cleanup resumes where it stopped.
 */
import type { ClientPool } from '../aws/clients.js';
import { awsErrorCode } from '../aws/error-code.js';
import { processIsAlive } from '../ledger/file-lock.js';
import type { Ledger, ResourceRecord } from '../ledger/ledger.js';
import { blockingType, planCleanup, type CleanupPlan } from './plan.js';
import { resourceType } from './registry.js';
import { deletionInProgress, type WaitOptions } from './resource-type.js';

export interface CleanupOutcome {
  record: ResourceRecord;
  status: 'deleted' | 'left';
  /** Deleted by someone else first: AWS answered that it does not exist. */
  alreadyGone?: boolean;
  /** Why it was left: AWS's code and message, or what it waited for. */
  reason?: string;
}

export interface CleanupOptions {
  clients: ClientPool;
  ledger: Ledger;
  /** Give up retrying one resource after this long. */
  retryForMs?: number;
  wait?: Partial<WaitOptions>;
  concurrency?: number;
  signal?: AbortSignal;
  onStart?: (record: ResourceRecord) => void;
  onOutcome?: (outcome: CleanupOutcome) => void;
}

const RETRYABLE = /DependencyViolation|Throttl|RequestLimitExceeded|TooManyRequests|ResourceInUse|InvalidState|DeleteConflict|ServiceUnavailable|InternalError|InternalFailure/;

export async function executeCleanup(records: ResourceRecord[], options: CleanupOptions): Promise<CleanupOutcome[]> {
  const { resolved, unresolved } = await resolveIntents(records, options);
  const plan: CleanupPlan = planCleanup(resolved);
  const outcomes: CleanupOutcome[] = [
    ...unresolved,
    ...plan.unknown.map((record): CleanupOutcome => ({ record, status: 'left', reason: `this version of lab does not know how to delete a ${record.type}` })),
  ];
  for (const outcome of outcomes) options.onOutcome?.(outcome);
  const wait: WaitOptions = { pollMs: options.wait?.pollMs ?? 1000, timeoutMs: options.wait?.timeoutMs ?? 15 * 60_000, signal: options.signal };
  const leftTypes = new Set<string>();
  for (const wave of plan.waves) {
    const results = await mapLimited(wave, options.concurrency ?? 6, async (record) => {
      const blocker = blockingType(record.type, leftTypes);
      const outcome: CleanupOutcome = blocker
        ? { record, status: 'left', reason: `waits for a ${resourceType(blocker)!.title} that could not be deleted` }
        : await deleteOne(record, options, wait);
      options.onOutcome?.(outcome);
      return outcome;
    });
    for (const outcome of results) if (outcome.status === 'left') leftTypes.add(outcome.record.type);
    outcomes.push(...results);
  }
  return outcomes;
}

/**
 * A record still `intended` means its create call never reported back (the run was killed
 * mid-call). Each is settled before planning: what the call made is found by the run's tags
 * or by name and creation time, and recorded; when it made nothing, the intent is closed.
 */
async function resolveIntents(records: ResourceRecord[], options: CleanupOptions): Promise<{ resolved: ResourceRecord[]; unresolved: CleanupOutcome[] }> {
  const data = await options.ledger.read();
  const known = new Set(data.resources.flatMap((record) => (record.resourceId ? [record.resourceId] : [])));
  const resolved: ResourceRecord[] = [];
  const unresolved: CleanupOutcome[] = [];
  for (const record of records) {
    if (record.status !== 'intended') {
      resolved.push(record);
      continue;
    }
    const run = data.runs[record.run];
    if (run && !run.endedAt && run.pid !== undefined && run.pid !== process.pid && processIsAlive(run.pid)) {
      unresolved.push({ record, status: 'left', reason: `its run ${record.run} is still going (process ${run.pid}); clean up when it ends` });
      continue;
    }
    const type = resourceType(record.type);
    if (!type?.resolveIntent) {
      const reason = 'its create call was interrupted and lab cannot tell whether AWS made it; check for it in the console';
      await options.ledger.recordRefused(record.id, reason);
      unresolved.push({ record, status: 'left', reason });
      continue;
    }
    const [first, ...more] = await type.resolveIntent(record, options.clients, known);
    if (!first) {
      await options.ledger.recordFailed(record.id, 'its create call was interrupted before AWS made anything');
      continue;
    }
    resolved.push(await options.ledger.recordCreated(record.id, first.resourceId, first.attributes));
    for (const extra of more) resolved.push(await options.ledger.recordFound({ type: record.type, lab: record.lab, run: record.run, step: record.step }, extra.resourceId, extra.attributes));
    for (const found of [first, ...more]) known.add(found.resourceId);
  }
  return { resolved, unresolved };
}

async function deleteOne(record: ResourceRecord, options: CleanupOptions, wait: WaitOptions): Promise<CleanupOutcome> {
  const type = resourceType(record.type)!;
  options.onStart?.(record);
  const deadline = Date.now() + (options.retryForMs ?? 5 * 60_000);
  for (let attempt = 0; ; attempt++) {
    try {
      const deletion = { foundGone: false };
      await deletionInProgress.run(deletion, () => type.delete(record, options.clients, wait));
      await options.ledger.recordDeleted(record.id);
      return { record, status: 'deleted', ...(deletion.foundGone ? { alreadyGone: true } : {}) };
    } catch (error) {
      const code = awsErrorCode(error);
      const reason = `${code}: ${(error as Error).message}`;
      const retry = RETRYABLE.test(code) && Date.now() < deadline && !options.signal?.aborted;
      if (!retry) {
        await options.ledger.recordRefused(record.id, reason);
        return { record, status: 'left', reason };
      }
      const backoff = Math.min(200 * 2 ** attempt, 10_000) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
