/**
 * ElastiCache's records per region: cache subnet groups, cache parameter groups,
 * replication groups with their member clusters, snapshots and events, and the rules
 * between them. Timed states (creating, modifying, snapshotting, deleting) end on the
 * sandbox clock; settle() brings every record up to it before a request reads anything.
 * The processes behind the records are nodes.ts's business.
 */
import type { Clock } from '../../clock.js';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import type { Tag } from '../../kit/tags.js';
import { statesReached, type Timeline, type TimedState } from '../../kit/timed-state.js';
import type { Role } from '../../redis/node-group.js';
import { replicationGroupNotFound } from './errors.js';

export interface SubnetRecord {
  SubnetIdentifier: string;
  AvailabilityZone: string;
}

export interface CacheSubnetGroupRecord {
  name: string;
  description: string;
  vpcId: string;
  subnets: SubnetRecord[];
  tags: Tag[];
}

export interface CacheParameterGroupRecord {
  name: string;
  family: string;
  description: string;
  /** Values the user set; everything else is the family's default. */
  values: Record<string, string>;
  tags: Tag[];
}

export type GroupStatus = 'creating' | 'available' | 'modifying' | 'snapshotting' | 'deleting';
export type SnapshotStatus = 'creating' | 'available';

/** Every status but `available` ends on the clock; a deleted group is forgotten. */
const GROUP_TIMELINE: Timeline<GroupStatus | 'deleted'> = {
  creating: { transition: 'elasticache.replication-group.creating', to: 'available' },
  modifying: { transition: 'elasticache.replication-group.modifying', to: 'available' },
  snapshotting: { transition: 'elasticache.snapshot.creating', to: 'available' },
  deleting: { transition: 'elasticache.replication-group.deleting', to: 'deleted' },
};

const SNAPSHOT_TIMELINE: Timeline<SnapshotStatus> = {
  creating: { transition: 'elasticache.snapshot.creating', to: 'available' },
};

export interface MemberRecord {
  /** The member cache cluster's id, `<group>-001`. */
  id: string;
  role: Role;
  /** The node's loopback port: its endpoint. */
  port: number;
  availabilityZone: string;
}

export interface ReplicationGroupRecord {
  id: string;
  description: string;
  status: TimedState<GroupStatus>;
  members: MemberRecord[];
  primaryEndpointPort: number;
  readerEndpointPort: number;
  cacheNodeType: string;
  engineVersion: string;
  cacheParameterGroupName: string;
  cacheSubnetGroupName: string;
  securityGroupIds: string[];
  automaticFailover: boolean;
  multiAZ: boolean;
  atRestEncryption: boolean;
  snapshotRetentionLimit: number;
  snapshotWindow: string;
  createdAt: number;
  tags: Tag[];
  /** The primary's data file (base64) while the nodes are stopped: saved state. */
  data?: string;
}

export interface SnapshotRecord {
  name: string;
  status: TimedState<SnapshotStatus>;
  source: 'manual' | 'automated';
  /** The group as it was when the snapshot was taken. */
  group: Omit<ReplicationGroupRecord, 'status' | 'data' | 'tags'>;
  createdAt: number;
  /** The RDB file, base64; also written to the nodes' workspace while the sandbox runs. */
  data: string;
  tags: Tag[];
}

export interface EventRecord {
  SourceIdentifier: string;
  SourceType: 'cache-cluster' | 'replication-group' | 'cache-parameter-group' | 'cache-subnet-group';
  Message: string;
  Date: number;
}

export interface RegionState {
  cacheSubnetGroups: Record<string, CacheSubnetGroupRecord>;
  cacheParameterGroups: Record<string, CacheParameterGroupRecord>;
  replicationGroups: Record<string, ReplicationGroupRecord>;
  snapshots: Record<string, SnapshotRecord>;
  events: EventRecord[];
}

/** AWS keeps events for 14 days; the sandbox keeps the latest ones. */
const EVENTS_KEPT = 1000;

export class ElastiCacheState {
  regions: Record<string, RegionState> = {};

  region(name: string): RegionState {
    return (this.regions[name] ??= { cacheSubnetGroups: {}, cacheParameterGroups: {}, replicationGroups: {}, snapshots: {}, events: [] });
  }

  /** The group with this id (ids are stored lowercase), else ReplicationGroupNotFoundFault. */
  replicationGroup(region: string, id: string): ReplicationGroupRecord {
    const group = this.region(region).replicationGroups[id.toLowerCase()];
    if (group === undefined) throw replicationGroupNotFound(id);
    return group;
  }

  event(region: string, SourceIdentifier: string, SourceType: EventRecord['SourceType'], Message: string, Date: number): void {
    const events = this.region(region).events;
    events.push({ SourceIdentifier, SourceType, Message, Date });
    if (events.length > EVENTS_KEPT) events.splice(0, events.length - EVENTS_KEPT);
  }

  /**
   * Ends the transitions whose time has come: returns the groups whose deletion finished,
   * so their owner forgets them, and records the events AWS would have sent then.
   */
  settle(regionName: string, clock: Clock): ReplicationGroupRecord[] {
    const region = this.region(regionName);
    const gone: ReplicationGroupRecord[] = [];
    for (const group of Object.values(region.replicationGroups)) {
      const reached = statesReached<GroupStatus | 'deleted'>(group.status, GROUP_TIMELINE, clock).at(-1);
      if (reached === undefined) continue;
      const ended = group.status.name;
      if (reached.name === 'deleted') {
        delete region.replicationGroups[group.id];
        gone.push(group);
        this.event(regionName, group.id, 'replication-group', `Replication group ${group.id} deleted`, reached.since);
        continue;
      }
      group.status = { name: reached.name, since: reached.since };
      if (ended === 'creating') {
        for (const member of group.members) this.event(regionName, member.id, 'cache-cluster', 'Cache cluster created', reached.since);
        this.event(regionName, group.id, 'replication-group', `Replication group ${group.id} created`, reached.since);
      }
    }
    for (const snapshot of Object.values(region.snapshots)) {
      const reached = statesReached(snapshot.status, SNAPSHOT_TIMELINE, clock).at(-1);
      if (reached === undefined) continue;
      snapshot.status = reached;
      this.event(regionName, snapshot.group.id, 'replication-group', `Snapshot succeeded for snapshot with ID '${snapshot.name}' of replication group with ID '${snapshot.group.id}'`, reached.since);
    }
    return gone;
  }

  snapshot(): unknown {
    return { regions: this.regions };
  }

  restore(saved: unknown): void {
    this.regions = (saved as { regions?: Record<string, RegionState> } | undefined)?.regions ?? {};
    for (const region of Object.values(this.regions)) {
      for (const group of Object.values(region.replicationGroups)) group.status = statusOf(group);
      for (const snapshot of Object.values(region.snapshots)) snapshot.status = statusOf(snapshot);
    }
  }
}

/**
 * A record's status as saved, also by versions before the timed-state kit, which kept
 * `transition: { status, since, transition }` while a status lasted and nothing once available.
 */
function statusOf<S extends string>(record: { status: TimedState<S>; createdAt: number }): TimedState<S> {
  const saved = record as { status?: TimedState<S>; createdAt: number; transition?: { status: S; since: number } };
  const { transition } = saved;
  delete saved.transition;
  if (saved.status !== undefined) return saved.status;
  return transition === undefined ? { name: 'available' as S, since: saved.createdAt } : { name: transition.status, since: transition.since };
}

export function arn(region: string, kind: 'replicationgroup' | 'cluster' | 'subnetgroup' | 'parametergroup' | 'snapshot', name: string): string {
  return `arn:aws:elasticache:${region}:${SANDBOX_ACCOUNT_ID}:${kind}:${name}`;
}
