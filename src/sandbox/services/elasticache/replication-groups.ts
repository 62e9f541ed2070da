/**
 * Replication groups (cluster mode disabled): one node group of a primary and up to five
 * replicas, each a member cache cluster `<group>-00N` run by a real redis-server.
 */
import type {
  CreateReplicationGroupCommandInput, CreateReplicationGroupCommandOutput, DeleteReplicationGroupCommandInput,
  DeleteReplicationGroupCommandOutput, DescribeReplicationGroupsCommandInput, DescribeReplicationGroupsCommandOutput,
  ModifyReplicationGroupCommandInput, ModifyReplicationGroupCommandOutput, TestFailoverCommandInput, TestFailoverCommandOutput,
} from '@aws-sdk/client-elasticache';
import type { Handler } from '../../service.js';
import {
  cacheClusterNotFound, insufficientCapacity, invalidParameterCombination, nodeGroupNotFound, invalidParameterValue, invalidReplicationGroupState, replicationGroupAlreadyExists,
  snapshotNotFound, testFailoverNotAvailable,
} from './errors.js';
import { page } from './pages.js';
import { familyOf, FAMILIES } from './parameters.js';
import { parameterGroup, parameterValues } from './parameter-groups.js';
import type { ServiceParts } from './parts.js';
import type { MemberRecord, ReplicationGroupRecord } from './state.js';
import { defaultSubnetGroup, securityGroupsIn, subnetGroup } from './subnet-groups.js';
import { takeSnapshot } from './snapshots.js';
import { replicationGroupView } from './views.js';

const MAX_NODES = 6;
const DEFAULT_SNAPSHOT_WINDOW = '05:00-06:00';

export function replicationGroupOperations(parts: ServiceParts) {
  const { state, nodes } = parts;

  const CreateReplicationGroup: Handler<CreateReplicationGroupCommandInput, CreateReplicationGroupCommandOutput> = async (input, ctx) => {
    const region = state.region(ctx.region);
    const id = validGroupId(input.ReplicationGroupId!);
    if (region.replicationGroups[id]) throw replicationGroupAlreadyExists();
    const restoredFrom = input.SnapshotName === undefined ? undefined : region.snapshots[input.SnapshotName];
    if (input.SnapshotName !== undefined && restoredFrom === undefined) throw snapshotNotFound(input.SnapshotName);
    if ((input.Engine ?? 'redis').toLowerCase() !== 'redis') throw invalidParameterValue(`The lab sandbox runs Redis cache nodes only, not ${input.Engine}.`);
    if ((input.NumNodeGroups ?? 1) > 1 || input.ClusterMode === 'enabled' || (input.NodeGroupConfiguration?.length ?? 0) > 1) {
      throw invalidParameterValue('The lab sandbox runs replication groups with cluster mode disabled: one node group (NumNodeGroups 1).');
    }
    // The sandbox has no standalone cache clusters to build a group around.
    if (input.PrimaryClusterId !== undefined) throw cacheClusterNotFound(input.PrimaryClusterId);
    if (input.TransitEncryptionEnabled || input.AuthToken !== undefined) {
      throw invalidParameterValue('The lab sandbox runs cache nodes without TLS or AUTH: leave TransitEncryptionEnabled and AuthToken out.');
    }
    const count = nodeCount(input);
    const automaticFailover = input.AutomaticFailoverEnabled ?? false;
    if (automaticFailover && count < 2) {
      throw invalidParameterCombination('Automatic failover requires at least 2 cache clusters (one primary and one replica) in the replication group.');
    }
    if (input.MultiAZEnabled && !automaticFailover) throw invalidParameterCombination('Multi-AZ requires automatic failover to be enabled.');
    const cacheNodeType = input.CacheNodeType ?? restoredFrom?.group.cacheNodeType;
    if (cacheNodeType === undefined) throw invalidParameterValue('The parameter CacheNodeType must be provided and must not be blank.');
    const engineVersion = input.EngineVersion ?? restoredFrom?.group.engineVersion ?? FAMILIES['redis7']!;
    const family = familyOf(engineVersion);
    if (family === undefined) throw invalidParameterValue(`Invalid engine version: ${engineVersion}.`);
    const parameterGroupName = input.CacheParameterGroupName ?? `default.${family}`;
    const parameters = parameterGroup(state, ctx.region, parameterGroupName);
    if (parameters.family !== family) {
      throw invalidParameterCombination(`The parameter group ${parameterGroupName} (family ${parameters.family}) does not match engine version ${engineVersion} (family ${family}).`);
    }
    const subnets = input.CacheSubnetGroupName === undefined ? defaultSubnetGroup(parts, ctx) : subnetGroup(state, ctx.region, input.CacheSubnetGroupName);
    const securityGroupIds = input.SecurityGroupIds ?? [];
    securityGroupsIn(parts, ctx, subnets.vpcId, securityGroupIds);
    nodes.binary();

    const shape = input.NodeGroupConfiguration?.[0];
    const zones = input.PreferredCacheClusterAZs ?? (shape?.PrimaryAvailabilityZone ? [shape.PrimaryAvailabilityZone, ...(shape.ReplicaAvailabilityZones ?? [])] : []);
    const subnetZones = [...new Set(subnets.subnets.map((subnet) => subnet.AvailabilityZone))];
    const members: MemberRecord[] = Array.from({ length: count }, (_, index) => ({
      id: `${id}-${String(index + 1).padStart(3, '0')}`,
      role: index === 0 ? 'primary' : 'replica',
      port: 0,
      availabilityZone: zones[index] ?? subnetZones[index % Math.max(subnetZones.length, 1)] ?? `${ctx.region}a`,
    }));
    const group: ReplicationGroupRecord = {
      id,
      description: input.ReplicationGroupDescription ?? ' ',
      status: { name: 'creating', since: ctx.clock.now() },
      members,
      primaryEndpointPort: 0,
      readerEndpointPort: 0,
      cacheNodeType,
      engineVersion,
      cacheParameterGroupName: parameterGroupName,
      cacheSubnetGroupName: subnets.name,
      securityGroupIds,
      automaticFailover,
      multiAZ: input.MultiAZEnabled ?? false,
      atRestEncryption: input.AtRestEncryptionEnabled ?? false,
      snapshotRetentionLimit: input.SnapshotRetentionLimit ?? 0,
      snapshotWindow: input.SnapshotWindow ?? DEFAULT_SNAPSHOT_WINDOW,
      createdAt: ctx.clock.now(),
      tags: input.Tags?.map((tag) => ({ Key: tag.Key!, Value: tag.Value ?? '' })) ?? [],
    };
    // Listed (creating) while its nodes start, so a second create of the same id fails.
    region.replicationGroups[id] = group;
    try {
      await startNodes(parts, ctx.region, group, restoredFrom ? Buffer.from(restoredFrom.data, 'base64') : undefined);
    } catch (error) {
      delete region.replicationGroups[id];
      throw insufficientCapacity(`Cache nodes for ${id} could not start: ${(error as Error).message}`);
    }
    return { ReplicationGroup: replicationGroupView(ctx.region, group) };
  };

  const DescribeReplicationGroups: Handler<DescribeReplicationGroupsCommandInput, DescribeReplicationGroupsCommandOutput> = (input, ctx) => {
    const groups = input.ReplicationGroupId === undefined
      ? Object.values(state.region(ctx.region).replicationGroups).sort((a, b) => a.createdAt - b.createdAt)
      : [state.replicationGroup(ctx.region, input.ReplicationGroupId)];
    const { items, Marker } = page(groups, input.Marker, input.MaxRecords);
    return { ReplicationGroups: items.map((group) => replicationGroupView(ctx.region, group)), ...(Marker ? { Marker } : {}) };
  };

  const ModifyReplicationGroup: Handler<ModifyReplicationGroupCommandInput, ModifyReplicationGroupCommandOutput> = async (input, ctx) => {
    const group = state.replicationGroup(ctx.region, input.ReplicationGroupId!);
    if (group.status.name !== 'available') throw invalidReplicationGroupState('Cluster not in available state to perform modification.');
    const automaticFailover = input.AutomaticFailoverEnabled ?? group.automaticFailover;
    const multiAZ = input.MultiAZEnabled ?? (automaticFailover ? group.multiAZ : false);
    if (automaticFailover && group.members.length < 2) {
      throw invalidParameterCombination('Automatic failover requires at least 2 cache clusters (one primary and one replica) in the replication group.');
    }
    if (multiAZ && !automaticFailover) throw invalidParameterCombination('Multi-AZ requires automatic failover to be enabled.');
    if (input.CacheParameterGroupName !== undefined && input.CacheParameterGroupName !== group.cacheParameterGroupName) {
      const parameters = parameterGroup(state, ctx.region, input.CacheParameterGroupName);
      if (parameters.family !== familyOf(group.engineVersion)) {
        throw invalidParameterCombination(`The parameter group ${parameters.name} (family ${parameters.family}) does not match the replication group's engine version ${group.engineVersion}.`);
      }
      await nodes.group(ctx.region, group.id)?.applyConfig(parameterValues(parameters));
      group.cacheParameterGroupName = parameters.name;
    }
    if (input.SecurityGroupIds !== undefined) {
      securityGroupsIn(parts, ctx, subnetGroup(state, ctx.region, group.cacheSubnetGroupName).vpcId, input.SecurityGroupIds);
      group.securityGroupIds = input.SecurityGroupIds;
    }
    if (input.CacheNodeType !== undefined) group.cacheNodeType = input.CacheNodeType;
    if (input.ReplicationGroupDescription !== undefined) group.description = input.ReplicationGroupDescription;
    if (input.SnapshotRetentionLimit !== undefined) group.snapshotRetentionLimit = input.SnapshotRetentionLimit;
    if (input.SnapshotWindow !== undefined) group.snapshotWindow = input.SnapshotWindow;
    group.automaticFailover = automaticFailover;
    group.multiAZ = multiAZ;
    // The sandbox applies every change at once, as ApplyImmediately does; it still passes through `modifying`.
    group.status = { name: 'modifying', since: ctx.clock.now() };
    return { ReplicationGroup: replicationGroupView(ctx.region, group) };
  };

  const DeleteReplicationGroup: Handler<DeleteReplicationGroupCommandInput, DeleteReplicationGroupCommandOutput> = async (input, ctx) => {
    const group = state.replicationGroup(ctx.region, input.ReplicationGroupId!);
    if (group.status.name !== 'available') {
      throw invalidReplicationGroupState(`Replication group ${group.id} is not in available state (it is ${group.status.name}).`);
    }
    if (input.RetainPrimaryCluster) throw invalidParameterValue('The lab sandbox deletes the whole replication group; RetainPrimaryCluster is not supported.');
    if (input.FinalSnapshotIdentifier !== undefined) await takeSnapshot(parts, ctx, group, input.FinalSnapshotIdentifier);
    await nodes.stop(ctx.region, group.id, false);
    group.status = { name: 'deleting', since: ctx.clock.now() };
    return { ReplicationGroup: replicationGroupView(ctx.region, group) };
  };

  const TestFailover: Handler<TestFailoverCommandInput, TestFailoverCommandOutput> = async (input, ctx) => {
    const group = state.replicationGroup(ctx.region, input.ReplicationGroupId!);
    if (input.NodeGroupId !== '0001') throw nodeGroupNotFound(input.NodeGroupId!);
    if (group.status.name !== 'available') throw invalidReplicationGroupState(`Replication group ${group.id} is not in available state.`);
    if (!group.automaticFailover) {
      throw testFailoverNotAvailable(`TestFailover is not available for replication group ${group.id}: automatic failover is disabled.`);
    }
    const running = nodes.group(ctx.region, group.id);
    if (running === undefined) throw invalidReplicationGroupState(`The cache nodes of replication group ${group.id} are not running.`);
    const old = group.members.find((member) => member.role === 'primary')!;
    state.event(ctx.region, group.id, 'replication-group', 'Test Failover API called for node group 0001', ctx.clock.now());
    await running.failover();
    const promoted = group.members.find((member) => member.role === 'primary')!;
    state.event(ctx.region, group.id, 'replication-group', `Failover from master node ${old.id} to replica node ${promoted.id} completed`, ctx.clock.now());
    return { ReplicationGroup: replicationGroupView(ctx.region, group) };
  };

  return { CreateReplicationGroup, DescribeReplicationGroups, ModifyReplicationGroup, DeleteReplicationGroup, TestFailover };
}

/** Starts a group's nodes with its parameter group's values; events land in the state. */
export async function startNodes(parts: ServiceParts, region: string, group: ReplicationGroupRecord, data?: Buffer): Promise<void> {
  await parts.nodes.start({
    region,
    group,
    ...(data ? { data } : {}),
    config: () => parameterValues(parameterGroup(parts.state, region, group.cacheParameterGroupName)),
    onEvent: (source, message) => {
      const type = source === group.id ? 'replication-group' : 'cache-cluster';
      parts.state.event(region, source, type, message, parts.clock().now());
    },
  });
}

/** AWS: 1 to 40 letters, digits or hyphens, starting with a letter, no trailing or double hyphen; stored lowercase. */
function validGroupId(id: string): string {
  if (!/^[a-zA-Z][a-zA-Z0-9-]{0,39}$/.test(id) || id.endsWith('-') || id.includes('--')) {
    throw invalidParameterValue(`Invalid replication group ID: ${id}. It must contain from 1 to 40 alphanumeric characters or hyphens, begin with a letter, and must not end with a hyphen or contain two consecutive hyphens.`);
  }
  return id.toLowerCase();
}

function nodeCount(input: CreateReplicationGroupCommandInput): number {
  if (input.NumCacheClusters !== undefined && input.ReplicasPerNodeGroup !== undefined) {
    throw invalidParameterCombination('Cannot specify both NumCacheClusters and ReplicasPerNodeGroup.');
  }
  const count = input.NumCacheClusters ?? (input.ReplicasPerNodeGroup ?? input.NodeGroupConfiguration?.[0]?.ReplicaCount ?? 0) + 1;
  if (count < 1 || count > MAX_NODES) throw invalidParameterValue(`NumCacheClusters must be between 1 and ${MAX_NODES} (one primary and up to 5 replicas).`);
  return count;
}
