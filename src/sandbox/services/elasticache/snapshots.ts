/**
 * Manual backups: a BGSAVE on one node of the group (a replica when there is one), whose
 * RDB file is copied into the sandbox's workspace and kept with the saved state. A group
 * can also be created from one (CreateReplicationGroup SnapshotName).
 */
import type {
  CreateSnapshotCommandInput, CreateSnapshotCommandOutput, DeleteSnapshotCommandInput, DeleteSnapshotCommandOutput,
  DescribeSnapshotsCommandInput, DescribeSnapshotsCommandOutput,
} from '@aws-sdk/client-elasticache';
import type { Handler, RequestContext } from '../../service.js';
import {
  cacheClusterNotFound, invalidParameterCombination, invalidReplicationGroupState, invalidSnapshotState, snapshotAlreadyExists,
  snapshotNotFound,
} from './errors.js';
import { page } from './pages.js';
import type { ServiceParts } from './parts.js';
import type { ReplicationGroupRecord, SnapshotRecord } from './state.js';
import { snapshotView } from './views.js';

export function snapshotOperations(parts: ServiceParts) {
  const { state, nodes } = parts;

  const CreateSnapshot: Handler<CreateSnapshotCommandInput, CreateSnapshotCommandOutput> = async (input, ctx) => {
    if ((input.ReplicationGroupId === undefined) === (input.CacheClusterId === undefined)) {
      throw invalidParameterCombination('Exactly one of ReplicationGroupId or CacheClusterId must be specified.');
    }
    const group = input.ReplicationGroupId !== undefined
      ? state.replicationGroup(ctx.region, input.ReplicationGroupId)
      : groupOfMember(parts, ctx, input.CacheClusterId!);
    if (group.status.name !== 'available') throw invalidReplicationGroupState(`Replication group ${group.id} is not in available state.`);
    const snapshot = await takeSnapshot(parts, ctx, group, input.SnapshotName!);
    snapshot.tags = input.Tags?.map((tag) => ({ Key: tag.Key!, Value: tag.Value ?? '' })) ?? [];
    group.status = { name: 'snapshotting', since: ctx.clock.now() };
    return { Snapshot: view(parts, ctx, snapshot) };
  };

  const DescribeSnapshots: Handler<DescribeSnapshotsCommandInput, DescribeSnapshotsCommandOutput> = (input, ctx) => {
    const region = state.region(ctx.region);
    if (input.SnapshotName !== undefined && region.snapshots[input.SnapshotName] === undefined) throw snapshotNotFound(input.SnapshotName);
    const snapshots = Object.values(region.snapshots)
      .filter((snapshot) => input.SnapshotName === undefined || snapshot.name === input.SnapshotName)
      .filter((snapshot) => input.ReplicationGroupId === undefined || snapshot.group.id === input.ReplicationGroupId.toLowerCase())
      .filter((snapshot) => input.CacheClusterId === undefined || snapshot.group.members.some((member) => member.id === input.CacheClusterId))
      .filter((snapshot) => input.SnapshotSource === undefined || snapshot.source === input.SnapshotSource)
      .sort((a, b) => a.createdAt - b.createdAt);
    const { items, Marker } = page(snapshots, input.Marker, input.MaxRecords ?? 50);
    return { Snapshots: items.map((snapshot) => view(parts, ctx, snapshot)), ...(Marker ? { Marker } : {}) };
  };

  const DeleteSnapshot: Handler<DeleteSnapshotCommandInput, DeleteSnapshotCommandOutput> = (input, ctx) => {
    const region = state.region(ctx.region);
    const snapshot = region.snapshots[input.SnapshotName!];
    if (snapshot === undefined) throw snapshotNotFound(input.SnapshotName!);
    if (snapshot.status.name !== 'available') throw invalidSnapshotState(`Snapshot ${snapshot.name} is not in available state.`);
    delete region.snapshots[snapshot.name];
    nodes.removeSnapshotFile(ctx.region, snapshot.name);
    return { Snapshot: { ...view(parts, ctx, snapshot), SnapshotStatus: 'deleting' } };
  };

  return { CreateSnapshot, DescribeSnapshots, DeleteSnapshot };
}

/** BGSAVE on the running group, the RDB file kept as the snapshot (also DeleteReplicationGroup's final snapshot). */
export async function takeSnapshot(parts: ServiceParts, ctx: RequestContext, group: ReplicationGroupRecord, name: string): Promise<SnapshotRecord> {
  const region = parts.state.region(ctx.region);
  if (region.snapshots[name]) throw snapshotAlreadyExists(name);
  const running = parts.nodes.group(ctx.region, group.id);
  if (running === undefined) throw invalidReplicationGroupState(`The cache nodes of replication group ${group.id} are not running.`);
  const data = await running.snapshot();
  const { status: _status, data: _data, tags: _tags, ...shape } = group;
  const snapshot: SnapshotRecord = {
    name,
    status: { name: 'creating', since: ctx.clock.now() },
    source: 'manual',
    group: structuredClone(shape),
    createdAt: ctx.clock.now(),
    data: data.toString('base64'),
    tags: [],
  };
  parts.nodes.writeSnapshotFile(ctx.region, name, data);
  region.snapshots[name] = snapshot;
  return snapshot;
}

function groupOfMember(parts: ServiceParts, ctx: RequestContext, clusterId: string): ReplicationGroupRecord {
  const group = Object.values(parts.state.region(ctx.region).replicationGroups).find((candidate) => candidate.members.some((member) => member.id === clusterId));
  if (group === undefined) throw cacheClusterNotFound(clusterId);
  return group;
}

function view(parts: ServiceParts, ctx: RequestContext, snapshot: SnapshotRecord) {
  return snapshotView(ctx.region, snapshot, parts.state.region(ctx.region).cacheSubnetGroups[snapshot.group.cacheSubnetGroupName]?.vpcId);
}
