/**
 * One node group of a replication group, running: a primary redis-server, its replicas
 * (started with --replicaof), and the primary and reader endpoints that follow the roles.
 * Failover promotes a replica (REPLICAOF NO ONE) and re-points the others at it; a node
 * whose process dies is failed over (when the group allows it) and started again as a
 * replica on its old port, as ElastiCache replaces a failed node.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Endpoint } from './endpoint.js';
import { DATA_FILE, LOOPBACK, RedisNode, type RedisNodeOptions } from './node.js';
import { freePort } from '../free-port.js';
import type { Workspace } from './workspace.js';

export type Role = 'primary' | 'replica';

/** A member as the caller knows it; `port` is the one it had before, reused when free. */
export interface MemberSpec {
  id: string;
  role: Role;
  port?: number;
}

export interface NodeGroupOptions {
  binary: string;
  workspace: Workspace;
  /** The replication group id; node directories live under it. */
  name: string;
  members: readonly MemberSpec[];
  /** The primary's data file to start from (a restart or a restore from snapshot). */
  data?: Buffer;
  primaryEndpointPort?: number;
  readerEndpointPort?: number;
  /** Redis configuration (parameter group values) every node starts with. */
  config: () => Readonly<Record<string, string>>;
  /** Read at the moment a primary dies. */
  automaticFailover: () => boolean;
  /** Something a learner would see in DescribeEvents; `source` is a member id or the group. */
  onEvent: (source: string, message: string) => void;
  /** A role changed or a node came back: the owner records the new member list. */
  onChange: () => void;
}

export interface RunningMember {
  id: string;
  role: Role;
  port: number;
  node: RedisNode;
}

export class NodeGroup {
  private closing = false;
  /** Failovers, restarts and config changes run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: NodeGroupOptions,
    readonly members: RunningMember[],
    readonly primaryEndpoint: Endpoint,
    readonly readerEndpoint: Endpoint,
  ) {}

  static async start(options: NodeGroupOptions): Promise<NodeGroup> {
    const primaryEndpoint = await Endpoint.listen(options.primaryEndpointPort);
    const readerEndpoint = await Endpoint.listen(options.readerEndpointPort).catch((error: Error) => {
      primaryEndpoint.close();
      throw error;
    });
    const group = new NodeGroup(options, [], primaryEndpoint, readerEndpoint);
    const specs = [...options.members].sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1));
    try {
      const primaryDir = options.workspace.subdirectory(options.name, specs[0]!.id);
      if (options.data) writeFileSync(join(primaryDir, DATA_FILE), options.data);
      for (const [index, spec] of specs.entries()) {
        const node = await startOnFreePort(spec.port, {
          binary: options.binary,
          dir: options.workspace.subdirectory(options.name, spec.id),
          config: options.config(),
          ...(index === 0 ? {} : { replicaOf: group.members[0]!.port }),
          onUnexpectedExit: (exited) => group.nodeDied(exited),
        });
        group.members.push({ id: spec.id, role: index === 0 ? 'primary' : 'replica', port: node.port, node });
      }
    } catch (error) {
      group.kill();
      throw error;
    }
    group.route();
    return group;
  }

  primary(): RunningMember {
    return this.members.find((member) => member.role === 'primary')!;
  }

  /** Promotes `replicaId` (default: the first replica) and makes every other node its replica. */
  failover(replicaId?: string): Promise<void> {
    return this.serially(async () => {
      const target = this.members.find((member) => member.role === 'replica' && (replicaId === undefined || member.id === replicaId));
      if (target === undefined) throw new Error(`no replica ${replicaId ?? ''} to promote in ${this.options.name}`);
      const old = this.primary();
      // New connections wait for the switch; acknowledged writes reach the replica first.
      this.primaryEndpoint.route([]);
      if (old.node.running) await old.node.command('WAIT', String(this.members.length - 1), '1000').catch(() => {});
      await this.promote(target);
    });
  }

  /** Stops a replica and forgets it: a read replica deleted from the group. */
  removeReplica(id: string): Promise<void> {
    return this.serially(async () => {
      const member = this.members.find((candidate) => candidate.id === id && candidate.role === 'replica');
      if (member === undefined) throw new Error(`${id} is not a replica of ${this.options.name}`);
      this.members.splice(this.members.indexOf(member), 1);
      this.route();
      await member.node.stop(false);
      rmSync(member.node.dir, { recursive: true, force: true });
      this.options.onChange();
    });
  }

  /** CONFIG SET on every node, as ElastiCache applies a parameter group change. */
  applyConfig(parameters: Readonly<Record<string, string>>): Promise<void> {
    return this.serially(async () => {
      for (const member of this.members) {
        for (const [name, value] of Object.entries(parameters)) await member.node.command('CONFIG', 'SET', name, value);
      }
    });
  }

  /** A BGSAVE of a replica when there is one (as ElastiCache prefers), else of the primary; the RDB bytes. */
  snapshot(): Promise<Buffer> {
    return this.serially(async () => {
      const source = this.members.find((member) => member.role === 'replica' && member.node.running) ?? this.primary();
      return readFileSync(await source.node.saveInBackground());
    });
  }

  /** Stops every node; with `save`, returns the primary's data file as it was at the end. */
  stop(save: boolean): Promise<Buffer | undefined> {
    this.closing = true;
    return this.serially(async () => {
      this.primaryEndpoint.close();
      this.readerEndpoint.close();
      for (const member of this.members.filter((m) => m.role === 'replica')) await member.node.stop(false);
      const primary = this.primary();
      await primary.node.stop(save);
      if (!save) return undefined;
      try {
        return readFileSync(join(primary.node.dir, DATA_FILE));
      } catch {
        return undefined;
      }
    });
  }

  /** Ends every process at once, synchronously: reset, and the sandbox process exiting. */
  kill(): void {
    this.closing = true;
    this.primaryEndpoint.close();
    this.readerEndpoint.close();
    for (const member of this.members) member.node.kill();
  }

  private nodeDied(node: RedisNode): void {
    if (this.closing) return;
    const member = this.members.find((candidate) => candidate.node === node);
    if (member === undefined) return;
    void this.serially(async () => {
      if (this.closing) return;
      this.options.onEvent(member.id, 'Recovering cache nodes 0001');
      const replica = this.members.find((other) => other.role === 'replica' && other.node.running);
      if (member.role === 'primary' && replica !== undefined && this.options.automaticFailover()) {
        this.primaryEndpoint.route([]);
        await this.promote(replica);
        this.options.onEvent(this.options.name, `Failover from master node ${member.id} to replica node ${replica.id} completed`);
      }
      await this.restart(member);
      this.options.onEvent(member.id, 'Finished recovery for cache nodes 0001');
    }).catch((error: Error) => this.options.onEvent(member.id, `Recovery of cache node 0001 failed: ${error.message}`));
  }

  private async promote(target: RunningMember): Promise<void> {
    const old = this.primary();
    await target.node.command('REPLICAOF', 'NO', 'ONE');
    old.role = 'replica';
    target.role = 'primary';
    for (const member of this.members) {
      if (member !== target && member.node.running) await member.node.command('REPLICAOF', LOOPBACK, String(target.port));
    }
    this.route();
    this.options.onChange();
  }

  /** Starts a dead member again on its port: as a replica of the primary, or as the primary when it is one. */
  private async restart(member: RunningMember): Promise<void> {
    const primary = this.primary();
    member.node = await startOnFreePort(member.port, {
      binary: this.options.binary,
      dir: member.node.dir,
      config: this.options.config(),
      ...(member === primary ? {} : { replicaOf: primary.port }),
      onUnexpectedExit: (exited) => this.nodeDied(exited),
    });
    member.port = member.node.port;
    if (member === primary) {
      for (const replica of this.members) {
        if (replica !== member && replica.node.running) await replica.node.command('REPLICAOF', LOOPBACK, String(member.port));
      }
    }
    this.route();
    this.options.onChange();
  }

  private route(): void {
    const primary = this.primary();
    const replicas = this.members.filter((member) => member.role === 'replica').map((member) => member.port);
    this.primaryEndpoint.route([primary.port]);
    // AWS's reader endpoint resolves to the primary when a group has no replica.
    this.readerEndpoint.route(replicas.length > 0 ? replicas : [primary.port]);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => {});
    return result;
  }
}

const PORT_ATTEMPTS = 5;

/**
 * A free port can be taken between finding it and redis-server binding it (another
 * sandbox starting nodes at the same moment): then the node starts again on another.
 */
async function startOnFreePort(preferred: number | undefined, options: Omit<RedisNodeOptions, 'port'>): Promise<RedisNode> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(attempt === 1 ? preferred : undefined);
    try {
      return await RedisNode.start({ ...options, port });
    } catch (error) {
      if (attempt === PORT_ATTEMPTS || !/already in use/i.test((error as Error).message)) throw error;
    }
  }
}
