/**
 * The running side of the ElastiCache records: one NodeGroup of real redis-server
 * processes per replication group, snapshot files, and the workspace holding them. Nodes
 * belong to the sandbox process: they stop (saving data) when it closes, start again on
 * their old ports when it opens, and die with it if it exits without closing.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRedisServer, RedisServerMissing } from '../../redis/binary.js';
import { NodeGroup } from '../../redis/node-group.js';
import { createWorkspace, type Workspace } from '../../redis/workspace.js';
import { insufficientCapacity } from './errors.js';
import type { ReplicationGroupRecord } from './state.js';

export interface StartOptions {
  region: string;
  group: ReplicationGroupRecord;
  config: () => Readonly<Record<string, string>>;
  data?: Buffer;
  onEvent: (source: string, message: string) => void;
}

export class CacheNodes {
  private workspace: Workspace | undefined;
  private readonly running = new Map<string, NodeGroup>();
  private readonly killOnExit = () => this.kill();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Fails as AWS fails when it has no capacity, naming the install command, before any record exists. */
  binary(): string {
    try {
      return findRedisServer(this.env);
    } catch (error) {
      if (error instanceof RedisServerMissing) throw insufficientCapacity(error.message);
      throw error;
    }
  }

  /** Starts the group's nodes and endpoints, then writes their ports and roles into the record. */
  async start(options: StartOptions): Promise<void> {
    const { group } = options;
    const nodeGroup = await NodeGroup.start({
      binary: this.binary(),
      workspace: this.ensureWorkspace(),
      name: `${options.region}-${group.id}`,
      members: group.members.map((member) => ({ id: member.id, role: member.role, ...(member.port > 0 ? { port: member.port } : {}) })),
      ...(options.data ? { data: options.data } : {}),
      ...(group.primaryEndpointPort > 0 ? { primaryEndpointPort: group.primaryEndpointPort } : {}),
      ...(group.readerEndpointPort > 0 ? { readerEndpointPort: group.readerEndpointPort } : {}),
      config: options.config,
      automaticFailover: () => group.automaticFailover,
      onEvent: options.onEvent,
      onChange: () => record(),
    });
    const record = () => {
      for (const member of group.members) {
        const running = nodeGroup.members.find((candidate) => candidate.id === member.id);
        if (running === undefined) continue;
        member.role = running.role;
        member.port = running.port;
      }
      group.primaryEndpointPort = nodeGroup.primaryEndpoint.port;
      group.readerEndpointPort = nodeGroup.readerEndpoint.port;
    };
    record();
    this.running.set(key(options.region, group.id), nodeGroup);
  }

  group(region: string, id: string): NodeGroup | undefined {
    return this.running.get(key(region, id));
  }

  /** Stops a group's nodes; with `save`, returns the primary's data. */
  async stop(region: string, id: string, save: boolean): Promise<Buffer | undefined> {
    const nodeGroup = this.running.get(key(region, id));
    if (nodeGroup === undefined) return undefined;
    this.running.delete(key(region, id));
    const data = await nodeGroup.stop(save);
    if (this.workspace !== undefined) rmSync(join(this.workspace.dir, `${region}-${id}`), { recursive: true, force: true });
    this.releaseWhenIdle();
    return data;
  }

  /** Writes a snapshot's RDB file into the workspace; returns its path. */
  writeSnapshotFile(region: string, name: string, data: Buffer): string {
    const file = join(this.ensureWorkspace().subdirectory('snapshots', region), `${name}.rdb`);
    writeFileSync(file, data);
    return file;
  }

  removeSnapshotFile(region: string, name: string): void {
    if (this.workspace !== undefined) rmSync(join(this.workspace.dir, 'snapshots', region, `${name}.rdb`), { force: true });
    this.releaseWhenIdle();
  }

  /** Stops every group, saving data, and removes the workspace; `saved` receives each group's data. */
  async close(saved: (region: string, id: string, data: Buffer | undefined) => void): Promise<void> {
    for (const name of [...this.running.keys()]) {
      const [region, id] = split(name);
      saved(region, id, await this.stop(region, id, true));
    }
    this.removeWorkspace();
  }

  /** Kills every process and removes every file, synchronously: reset, and the process exiting. */
  kill(): void {
    for (const nodeGroup of this.running.values()) nodeGroup.kill();
    this.running.clear();
    this.removeWorkspace();
  }

  /** Once no node runs and no snapshot file is left, the workspace goes too: deleting everything leaves no file. */
  private releaseWhenIdle(): void {
    if (this.running.size > 0 || this.workspace === undefined) return;
    const files = readdirSync(this.workspace.dir, { recursive: true, encoding: 'utf8' });
    if (!files.some((file) => file.endsWith('.rdb'))) this.removeWorkspace();
  }

  private ensureWorkspace(): Workspace {
    if (this.workspace === undefined) {
      this.workspace = createWorkspace();
      process.once('exit', this.killOnExit);
    }
    return this.workspace;
  }

  private removeWorkspace(): void {
    this.workspace?.remove();
    this.workspace = undefined;
    process.off('exit', this.killOnExit);
  }
}

function key(region: string, id: string): string {
  return `${region}/${id}`;
}

function split(name: string): [string, string] {
  const slash = name.indexOf('/');
  return [name.slice(0, slash), name.slice(slash + 1)];
}
