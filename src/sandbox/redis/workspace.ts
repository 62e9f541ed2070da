/**
 * Where running cache nodes keep their files: one directory per sandbox process under a
 * per-user root in the temp dir, holding `owner.pid` and, per node, redis-server's own
 * pid file. A sandbox killed with SIGKILL cannot stop its nodes, so every new workspace
 * first kills the nodes of workspaces whose owner is gone and removes their files.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NODE_PID_FILE = 'redis.pid';
const OWNER_FILE = 'owner.pid';

export function workspaceRoot(): string {
  return join(tmpdir(), `lab-sandbox-redis-${process.getuid?.() ?? 'user'}`);
}

export interface Workspace {
  readonly dir: string;
  /** A fresh directory for one node or snapshot, inside the workspace. */
  subdirectory(...names: string[]): string;
  /** Removes every file; the caller has stopped the nodes. */
  remove(): void;
}

export function createWorkspace(root: string = workspaceRoot()): Workspace {
  reclaimStrays(root);
  const dir = join(root, `${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, OWNER_FILE), `${process.pid}\n`);
  return {
    dir,
    subdirectory: (...names) => {
      const path = join(dir, ...names);
      mkdirSync(path, { recursive: true });
      return path;
    },
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      // The per-user root goes too once no other sandbox uses it.
      try {
        rmdirSync(root);
      } catch {
        // Another sandbox's workspace is still in it.
      }
    },
  };
}

/** Kills the redis-server processes of workspaces whose sandbox process is gone, and removes their files. */
function reclaimStrays(root: string): void {
  for (const entry of entries(root)) {
    const dir = join(root, entry);
    const owner = readPid(join(dir, OWNER_FILE));
    if (owner !== undefined && isAlive(owner)) continue;
    for (const pidFile of nodePidFiles(dir)) {
      const pid = readPid(pidFile);
      if (pid !== undefined && isRedisServer(pid)) {
        process.kill(pid, 'SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function nodePidFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path === NODE_PID_FILE || path.endsWith(`/${NODE_PID_FILE}`))
    .map((path) => join(dir, path));
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A pid file can outlive its process and the pid be reused: only kill what is still redis-server. */
function isRedisServer(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
  } catch {
    // No /proc (macOS): the pid file was written by redis-server inside our own workspace.
    return process.platform !== 'linux';
  }
}
