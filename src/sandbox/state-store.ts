/**
 * `--state-dir`: each service's snapshot as `<dir>/<name>.json` (`ec2.json`), written atomically
 * (temporary file, fsync, rename) so a crash mid-save leaves the previous state whole.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxService } from './service.js';

function stateFile(stateDir: string, service: SandboxService): string {
  return join(stateDir, `${service.name}.json`);
}

/** Restores each service that has a saved state; a service without one starts empty. */
export async function loadState(stateDir: string, services: readonly SandboxService[]): Promise<void> {
  for (const service of services) {
    if (service.restore === undefined) continue;
    let text: string;
    try {
      text = await readFile(stateFile(stateDir, service), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    try {
      service.restore(JSON.parse(text));
    } catch (error) {
      throw new Error(`cannot restore ${service.name} from ${stateFile(stateDir, service)}: ${(error as Error).message}`);
    }
  }
}

export async function saveState(stateDir: string, services: readonly SandboxService[]): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  for (const service of services) {
    if (service.snapshot === undefined) continue;
    await writeAtomically(stateFile(stateDir, service), `${JSON.stringify(service.snapshot())}\n`);
  }
}

/** Deletes the saved state of these services; returns the files that existed. */
export async function clearState(stateDir: string, services: readonly SandboxService[]): Promise<string[]> {
  const removed: string[] = [];
  for (const service of services) {
    const file = stateFile(stateDir, service);
    try {
      await rm(file);
      removed.push(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
