/**
 * A lock between processes on one machine: a lock file created atomically with its content,
 * the owner's pid and a nonce. Critical sections are a read-modify-write of a small file,
 * so waiting is short; a lock whose owner died (kill -9 mid-update) is recognised by its
 * dead pid and broken, by renaming it aside and checking it is still the one seen dead, so
 * two waiters breaking it at once cannot remove a live owner's fresh lock.
 */
import { randomUUID } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';

export class LockTimeoutError extends Error {
  constructor(readonly path: string, readonly holder: string) {
    super(`timed out waiting for the lock ${path} (held by ${holder || 'an unknown process'})`);
    this.name = 'LockTimeoutError';
  }
}

export interface LockOptions {
  /** Give up after this long; a live holder never needs more than milliseconds. */
  timeoutMs?: number;
}

export async function withFileLock<T>(path: string, body: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquire(path, options.timeoutMs ?? 15_000);
  try {
    return await body();
  } finally {
    await release();
  }
}

async function acquire(path: string, timeoutMs: number): Promise<() => Promise<void>> {
  const content = `${process.pid} ${randomUUID()}\n`;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (await createWithContent(path, content)) return () => releaseIfOurs(path, content);
    const holder = await readFile(path, 'utf8').catch(() => '');
    if (holder !== '' && !ownerIsAlive(holder)) {
      await breakStaleLock(path, holder);
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(path, holder.trim());
    await sleep(Math.min(2 + attempt * 2, 50) * (0.5 + Math.random()));
  }
}

/**
 * Creates the lock file with its content in one step: written under a private name, then
 * hard-linked into place, which fails if the lock exists. A process killed at any point
 * leaves either no lock or a lock naming its (now dead) pid, never an empty one.
 */
async function createWithContent(path: string, content: string): Promise<boolean> {
  const temporary = `${path}.${randomUUID()}.new`;
  await writeFile(temporary, content, { mode: 0o600 });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function releaseIfOurs(path: string, content: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => '');
  if (current === content) await unlink(path).catch(() => undefined);
}

function ownerIsAlive(holder: string): boolean {
  return processIsAlive(Number.parseInt(holder, 10));
}

/** Whether a process with this pid exists on this machine. */
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function breakStaleLock(path: string, staleContent: string): Promise<void> {
  const aside = `${path}.${randomUUID()}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else broke it first
  }
  const taken = await readFile(aside, 'utf8').catch(() => '');
  if (taken !== staleContent) {
    // Between our read and our rename a live process took the lock: give it back.
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
