/**
 * One cache node: a redis-server process on a loopback port, with its files in its own
 * directory. The node reports an exit it did not ask for, so whoever owns it can fail over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { NODE_PID_FILE } from './workspace.js';

export const LOOPBACK = '127.0.0.1';
export const DATA_FILE = 'dump.rdb';
const LOG_FILE = 'redis.log';
const READY_ATTEMPTS = 200;
const POLL_MS = 25;

export interface RedisNodeOptions {
  binary: string;
  port: number;
  /** Holds the node's data file, log and pid file; a data file already there is loaded. */
  dir: string;
  /** The primary's port when this node starts as a replica. */
  replicaOf?: number;
  /** Parameters (`maxmemory-policy`) given at start, as CONFIG SET would set them. */
  config?: Readonly<Record<string, string>>;
  /** Called when the process ends without stop() or kill(): a crash, or a kill from outside. */
  onUnexpectedExit?: (node: RedisNode) => void;
}

export class RedisNode {
  private stopping = false;
  /** Exits before the node first answered are start failures, reported by start(). */
  private started = false;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess, readonly port: number, readonly dir: string, onUnexpectedExit?: (node: RedisNode) => void) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.started && !this.stopping) onUnexpectedExit?.(this);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  static async start(options: RedisNodeOptions): Promise<RedisNode> {
    const args = [
      '--port', String(options.port), '--bind', LOOPBACK, '--daemonize', 'no',
      '--dir', options.dir, '--dbfilename', DATA_FILE, '--pidfile', join(options.dir, NODE_PID_FILE), '--logfile', LOG_FILE,
      // Data is saved when the sandbox stops or a snapshot is asked for, never on a timer.
      '--save', '', '--appendonly', 'no',
      // A replica syncs at once rather than after Redis's default five-second gather delay.
      '--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0',
      ...(options.replicaOf === undefined ? [] : ['--replicaof', LOOPBACK, String(options.replicaOf)]),
      ...Object.entries(options.config ?? {}).flatMap(([name, value]) => [`--${name}`, value]),
    ];
    const child = spawn(options.binary, args, { cwd: options.dir, stdio: 'ignore' });
    const node = new RedisNode(child, options.port, options.dir, options.onUnexpectedExit);
    const failed = new Promise<never>((_resolve, reject) => {
      child.once('error', reject);
      void node.exited.then(() => reject(new Error(`redis-server on port ${options.port} exited while starting: ${node.logTail()}`)));
    });
    failed.catch(() => {});
    await Promise.race([node.waitUntilAnswering(), failed]);
    node.started = true;
    return node;
  }

  /** One command on a short-lived admin connection: `CONFIG SET`, `REPLICAOF`, `INFO`. */
  command(...args: string[]): Promise<unknown> {
    return redisCommand(this.port, args);
  }

  /** Writes the data file with BGSAVE and waits until it is on disk; returns its path. */
  async saveInBackground(): Promise<string> {
    await this.command('BGSAVE');
    for (let attempt = 0; attempt < READY_ATTEMPTS * 4; attempt++) {
      const info = String(await this.command('INFO', 'persistence'));
      if (/^rdb_bgsave_in_progress:0/m.test(info)) {
        if (!/^rdb_last_bgsave_status:ok/m.test(info)) throw new Error(`BGSAVE failed on port ${this.port}: ${this.logTail()}`);
        return join(this.dir, DATA_FILE);
      }
      await sleep(POLL_MS);
    }
    throw new Error(`BGSAVE did not finish on port ${this.port}`);
  }

  /** Stops the process; with `save`, Redis writes its data file first (SHUTDOWN SAVE). */
  async stop(save: boolean): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    await this.command('SHUTDOWN', save ? 'SAVE' : 'NOSAVE').catch(() => {});
    await Promise.race([this.exited, sleep(5000).then(() => this.kill())]);
    await this.exited;
  }

  /** Ends the process at once, without saving; synchronous so reset and process exit can use it. */
  kill(): void {
    this.stopping = true;
    if (this.running) this.child.kill('SIGKILL');
  }

  private async waitUntilAnswering(): Promise<void> {
    for (let attempt = 0; attempt < READY_ATTEMPTS; attempt++) {
      if (!this.running) throw new Error(`redis-server on port ${this.port} exited while starting: ${this.logTail()}`);
      try {
        await this.command('PING');
        return;
      } catch {
        await sleep(POLL_MS);
      }
    }
    this.kill();
    throw new Error(`redis-server on port ${this.port} did not answer PING: ${this.logTail()}`);
  }

  private logTail(): string {
    const log = join(this.dir, LOG_FILE);
    if (!existsSync(log)) return 'no log written';
    return readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' | ');
  }
}

/** Sends one command on its own connection and closes it; rejects with Redis's error reply. */
export async function redisCommand(port: number, args: string[]): Promise<unknown> {
  const { Redis } = await import('ioredis');
  const client = new Redis({
    host: LOOPBACK, port, lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0,
    enableOfflineQueue: false, retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return await client.call(args[0]!, ...args.slice(1));
  } finally {
    client.disconnect();
  }
}
