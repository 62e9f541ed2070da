/**
 * What the in-process cleanup tests share: a fresh sandbox, lab's own client pool on it, a
 * ledger of the test's own, and a step context whose `call` fills that ledger as a lab's does.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientPool } from '../../src/aws/clients.js';
import { SANDBOX_CREDENTIALS } from '../../src/aws/target.js';
import { executeCleanup, type CleanupOutcome, type CleanupOptions } from '../../src/cleanup/executor.js';
import { Ledger, liveResources } from '../../src/ledger/ledger.js';
import { StepContext } from '../../src/runner/step-context.js';
import { createClock } from '../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';

export interface CleanupTarget {
  sandbox: RunningSandbox;
  clients: ClientPool;
  ledger: Ledger;
  /** A context for one step of `lab`'s run `run`, calling the sandbox for real. */
  step(lab: string, run: string, step: string): StepContext;
  /** `lab cleanup` of every live record, with short waits. */
  cleanup(options?: Partial<CleanupOptions>): Promise<CleanupOutcome[]>;
  stop(): Promise<void>;
}

export async function cleanupTarget(name: string): Promise<CleanupTarget> {
  const sandbox = await startSandbox({ port: 0, clock: createClock({ defaultDelayMs: 50 }) });
  const clients = new ClientPool({ region: 'us-east-1', endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS });
  const ledger = new Ledger(join(await mkdtemp(join(tmpdir(), `lab-${name}-`)), 'ledger.json'));
  return {
    sandbox,
    clients,
    ledger,
    step: (lab, run, step) =>
      new StepContext({
        lab, run, step, region: 'us-east-1', clients, ledger, outputs: {}, dryRun: false, cliGlobals: { 'endpoint-url': sandbox.url },
        events: { command: () => undefined, progress: () => undefined, note: () => undefined }, settings: {},
      }),
    cleanup: async (options = {}) => executeCleanup(liveResources(await ledger.read()), { clients, ledger, wait: { pollMs: 20, timeoutMs: 10_000 }, retryForMs: 5_000, ...options }),
    stop: async () => {
      await clients.destroy();
      await sandbox.stop();
    },
  };
}
