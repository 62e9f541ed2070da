/**
 * The cleanup a step may run (week8-day7 tears the week down inside a lab): the same plan
 * and engine as `lab cleanup`, over the records of the labs a step names, so the step holds
 * neither the ledger nor the clients.
 */
import type { ClientPool } from '../aws/clients.js';
import { executeCleanup, type CleanupOutcome } from '../cleanup/executor.js';
import { planCleanup, type CleanupPlan } from '../cleanup/plan.js';
import { forgetFinishedLabs, liveResources, type Ledger, type ResourceRecord } from '../ledger/ledger.js';

/** Which labs' resources a cleanup covers: `(lab) => lab.startsWith('week8-')`. */
export type LabFilter = (lab: string) => boolean;

export interface StepCleanupOptions {
  clients: ClientPool;
  ledger: Ledger;
  signal?: AbortSignal;
  /** How often to look again while AWS deletes (a replication group takes minutes). */
  pollMs: number;
  onStart?: (record: ResourceRecord) => void;
}

export async function liveRecordsOf(ledger: Ledger, which: LabFilter): Promise<ResourceRecord[]> {
  return liveResources(await ledger.read()).filter((record) => which(record.lab));
}

export async function cleanupPlanOf(ledger: Ledger, which: LabFilter): Promise<CleanupPlan> {
  return planCleanup(await liveRecordsOf(ledger, which));
}

/**
 * Deletes what the ledger records of those labs, then forgets the outputs of each of them
 * that has nothing left alive: they name resources that are gone, and later runs must not
 * reuse them (as `lab cleanup` does).
 */
export async function cleanUpLabs(which: LabFilter, options: StepCleanupOptions): Promise<CleanupOutcome[]> {
  const { clients, ledger } = options;
  const outcomes = await executeCleanup(await liveRecordsOf(ledger, which), {
    clients,
    ledger,
    wait: { pollMs: options.pollMs },
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onStart ? { onStart: options.onStart } : {}),
  });
  await forgetFinishedLabs(ledger, which);
  return outcomes;
}
