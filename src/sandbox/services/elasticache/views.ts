/**
 * Records as ElastiCache describes them: a replication group with its node group,
 * endpoints and member roles; a member cache cluster with its cache node; a snapshot.
 * Endpoints are loopback addresses: the group's primary and reader endpoints are the
 * sandbox's forwarding ports, a node's endpoint is its redis-server's own port.
 */
import type { CacheCluster, ReplicationGroup, Snapshot } from '@aws-sdk/client-elasticache';
import { LOOPBACK } from '../../redis/node.js';
import { arn, type MemberRecord, type ReplicationGroupRecord, type SnapshotRecord } from './state.js';

const NODE_ID = '0001';
const NODE_GROUP_ID = '0001';
const MAINTENANCE_WINDOW = 'sun:05:00-sun:06:00';

export function replicationGroupView(region: string, group: ReplicationGroupRecord): ReplicationGroup {
  const status = group.status.name;
  const ready = status !== 'creating' && status !== 'deleting';
  const primary = group.members.find((member) => member.role === 'primary');
  return {
    ReplicationGroupId: group.id,
    Description: group.description,
    GlobalReplicationGroupInfo: {},
    Status: status,
    PendingModifiedValues: {},
    MemberClusters: group.members.map((member) => member.id),
    NodeGroups: [{
      NodeGroupId: NODE_GROUP_ID,
      Status: status === 'deleting' ? 'deleting' : ready ? 'available' : 'creating',
      ...(ready ? { PrimaryEndpoint: endpoint(group.primaryEndpointPort), ReaderEndpoint: endpoint(group.readerEndpointPort) } : {}),
      NodeGroupMembers: group.members.map((member) => ({
        CacheClusterId: member.id,
        CacheNodeId: NODE_ID,
        ...(ready ? { ReadEndpoint: endpoint(member.port) } : {}),
        PreferredAvailabilityZone: member.availabilityZone,
        ...(ready ? { CurrentRole: member.role } : {}),
      })),
    }],
    ...(status === 'snapshotting' && primary ? { SnapshottingClusterId: snapshottingMember(group).id } : {}),
    AutomaticFailover: group.automaticFailover ? 'enabled' : 'disabled',
    MultiAZ: group.multiAZ ? 'enabled' : 'disabled',
    SnapshotRetentionLimit: group.snapshotRetentionLimit,
    SnapshotWindow: group.snapshotWindow,
    ClusterEnabled: false,
    CacheNodeType: group.cacheNodeType,
    AuthTokenEnabled: false,
    TransitEncryptionEnabled: false,
    AtRestEncryptionEnabled: group.atRestEncryption,
    ARN: arn(region, 'replicationgroup', group.id),
    LogDeliveryConfigurations: [],
    ReplicationGroupCreateTime: new Date(group.createdAt),
    DataTiering: 'disabled',
    AutoMinorVersionUpgrade: true,
    NetworkType: 'ipv4',
    IpDiscovery: 'ipv4',
    ClusterMode: 'disabled',
    Engine: 'redis',
  };
}

export function cacheClusterView(region: string, group: ReplicationGroupRecord, member: MemberRecord, showNodes: boolean): CacheCluster {
  const status = group.status.name;
  const ready = status !== 'creating';
  return {
    CacheClusterId: member.id,
    ClientDownloadLandingPage: 'https://console.aws.amazon.com/elasticache/home#client-download:',
    CacheNodeType: group.cacheNodeType,
    Engine: 'redis',
    EngineVersion: group.engineVersion,
    CacheClusterStatus: status,
    NumCacheNodes: 1,
    PreferredAvailabilityZone: member.availabilityZone,
    CacheClusterCreateTime: new Date(group.createdAt),
    PreferredMaintenanceWindow: MAINTENANCE_WINDOW,
    PendingModifiedValues: {},
    CacheSecurityGroups: [],
    CacheParameterGroup: { CacheParameterGroupName: group.cacheParameterGroupName, ParameterApplyStatus: 'in-sync', CacheNodeIdsToReboot: [] },
    CacheSubnetGroupName: group.cacheSubnetGroupName,
    ...(showNodes ? {
      CacheNodes: [{
        CacheNodeId: NODE_ID,
        CacheNodeStatus: status === 'deleting' ? 'deleting' : ready ? 'available' : 'creating',
        CacheNodeCreateTime: new Date(group.createdAt),
        ...(ready ? { Endpoint: endpoint(member.port) } : {}),
        ParameterGroupStatus: 'in-sync',
        CustomerAvailabilityZone: member.availabilityZone,
      }],
    } : {}),
    AutoMinorVersionUpgrade: true,
    SecurityGroups: group.securityGroupIds.map((SecurityGroupId) => ({ SecurityGroupId, Status: 'active' })),
    ReplicationGroupId: group.id,
    SnapshotRetentionLimit: group.snapshotRetentionLimit,
    SnapshotWindow: group.snapshotWindow,
    AuthTokenEnabled: false,
    TransitEncryptionEnabled: false,
    AtRestEncryptionEnabled: group.atRestEncryption,
    ARN: arn(region, 'cluster', member.id),
    ReplicationGroupLogDeliveryEnabled: false,
    LogDeliveryConfigurations: [],
    NetworkType: 'ipv4',
    IpDiscovery: 'ipv4',
  };
}

export function snapshotView(region: string, snapshot: SnapshotRecord, vpcId: string | undefined): Snapshot {
  const group = snapshot.group;
  const member = snapshottingMember(group);
  return {
    SnapshotName: snapshot.name,
    ReplicationGroupId: group.id,
    ReplicationGroupDescription: group.description,
    SnapshotStatus: snapshot.status.name,
    SnapshotSource: snapshot.source,
    CacheNodeType: group.cacheNodeType,
    Engine: 'redis',
    EngineVersion: group.engineVersion,
    PreferredMaintenanceWindow: MAINTENANCE_WINDOW,
    CacheParameterGroupName: group.cacheParameterGroupName,
    CacheSubnetGroupName: group.cacheSubnetGroupName,
    ...(vpcId ? { VpcId: vpcId } : {}),
    AutoMinorVersionUpgrade: true,
    SnapshotRetentionLimit: group.snapshotRetentionLimit,
    SnapshotWindow: group.snapshotWindow,
    NumNodeGroups: 1,
    AutomaticFailover: group.automaticFailover ? 'enabled' : 'disabled',
    NodeSnapshots: [{
      CacheClusterId: member.id,
      NodeGroupId: NODE_GROUP_ID,
      CacheNodeId: NODE_ID,
      CacheSize: `${(Buffer.byteLength(snapshot.data, 'base64') / 1024 / 1024).toFixed(3)} MB`,
      CacheNodeCreateTime: new Date(group.createdAt),
      SnapshotCreateTime: new Date(snapshot.createdAt),
    }],
    ARN: arn(region, 'snapshot', snapshot.name),
    DataTiering: 'disabled',
  };
}

/** ElastiCache backs up from a replica when the group has one, sparing the primary. */
export function snapshottingMember(group: Pick<ReplicationGroupRecord, 'members'>): MemberRecord {
  return group.members.find((member) => member.role === 'replica') ?? group.members[0]!;
}

function endpoint(port: number): { Address: string; Port: number } {
  return { Address: LOOPBACK, Port: port };
}
