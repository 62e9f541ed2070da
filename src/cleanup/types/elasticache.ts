/**
 * The ElastiCache resources the Redis labs create. A replication group goes first (its
 * nodes live in the subnet group and use the parameter group, which AWS refuses to delete
 * while they do), and only after its snapshots: a group busy snapshotting cannot be deleted.
 * Deleting a member cluster alone fails on AWS; the replication group is what is deleted.
 */
import type { ClientPool } from '../../aws/clients.js';
import { awsErrorCode } from '../../aws/error-code.js';
import { ELASTICACHE_NODE_USD_PER_HOUR } from '../../aws/prices.js';
import { appendTags, byRunTag, ignoreNotFound, isNotFound, waitUntilGone, type CreatedResource, type Output, type ResourceType, type Tag } from '../resource-type.js';


const elasticache = () => import('@aws-sdk/client-elasticache');

type Module = Awaited<ReturnType<typeof elasticache>>;

/**
 * ElastiCache's Describe calls take no tag filter: each listed resource's tags are read
 * with ListTagsForResource, by its ARN, and compared with the wanted ones.
 */
function foundByTags(describe: keyof Module, list: string, id: string): Pick<ResourceType, 'scan' | 'resolveIntent'> {
  const scan = async (clients: ClientPool, tags: Tag[]): Promise<CreatedResource[]> => {
    const module = await elasticache();
    const Describe = module[describe] as unknown as new (input: object) => { schema?: unknown };
    const found: CreatedResource[] = [];
    let Marker: string | undefined;
    do {
      const out = await clients.send<Output>(new Describe({ ...(Marker ? { Marker } : {}) }));
      for (const item of out[list] ?? []) {
        if (!item.ARN) continue;
        const listed = await clients.send<Output>(new module.ListTagsForResourceCommand({ ResourceName: item.ARN }));
        const has = (tag: Tag) => (listed.TagList ?? []).some((candidate: Tag) => candidate.Key === tag.Key && candidate.Value === tag.Value);
        if (tags.every(has)) found.push({ resourceId: item[id] });
      }
      Marker = out.Marker;
    } while (Marker);
    return found;
  };
  return { scan, resolveIntent: byRunTag(scan) };
}

export const snapshot: ResourceType = {
  name: 'elasticache:snapshot',
  title: 'ElastiCache snapshot',
  createdBy: 'CreateSnapshot',
  // A group busy snapshotting cannot be deleted: its snapshots go first.
  dependsOn: ['elasticache:replication-group'],
  addTags: appendTags,
  created: (output: Output) => [{ resourceId: output.Snapshot.SnapshotName }],
  async delete(record, clients, wait) {
    const { DeleteSnapshotCommand, DescribeSnapshotsCommand } = await elasticache();
    const status = async (): Promise<string | undefined> => {
      try {
        const out = await clients.send<Output>(new DescribeSnapshotsCommand({ SnapshotName: record.resourceId! }));
        return out.Snapshots?.[0]?.SnapshotStatus;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    };
    // A snapshot still being written cannot be deleted (InvalidSnapshotState): let it finish.
    await waitUntilGone(`snapshot ${record.resourceId} to finish`, async () => (await status()) !== 'creating', wait);
    await ignoreNotFound(() => clients.send(new DeleteSnapshotCommand({ SnapshotName: record.resourceId! })));
    await waitUntilGone(`snapshot ${record.resourceId}`, async () => (await status()) === undefined, wait);
  },
  ...foundByTags('DescribeSnapshotsCommand', 'Snapshots', 'SnapshotName'),
};

export const replicationGroup: ResourceType = {
  name: 'elasticache:replication-group',
  title: 'ElastiCache replication group',
  createdBy: 'CreateReplicationGroup',
  // Its nodes' network interfaces hold the subnets and security groups until it is gone;
  // AWS refuses to delete a subnet or parameter group its nodes still use.
  dependsOn: ['ec2:subnet', 'ec2:security-group', 'elasticache:cache-subnet-group', 'elasticache:cache-parameter-group'],
  addTags: appendTags,
  created: (output: Output, input) => [
    {
      resourceId: output.ReplicationGroup.ReplicationGroupId,
      attributes: { cacheNodeType: String(input.CacheNodeType ?? ''), nodes: String(nodeCount(input)) },
    },
  ],
  hourlyCostUsd: (record) => (ELASTICACHE_NODE_USD_PER_HOUR[record.attributes?.cacheNodeType ?? ''] ?? 0) * Number(record.attributes?.nodes ?? 1),
  async delete(record, clients, wait) {
    const { DeleteReplicationGroupCommand, DescribeReplicationGroupsCommand } = await elasticache();
    const gone = async () => {
      try {
        await clients.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: record.resourceId! }));
        return false;
      } catch (error) {
        if (isNotFound(error)) return true;
        throw error;
      }
    };
    try {
      await clients.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: record.resourceId! }));
    } catch (error) {
      if (isNotFound(error)) return;
      // Asked twice (a resumed cleanup), AWS answers that the group is already deleting.
      if (!/InvalidReplicationGroupState/.test(awsErrorCode(error)) || (await gone())) throw error;
    }
    await waitUntilGone(`replication group ${record.resourceId}`, gone, wait);
  },
  ...foundByTags('DescribeReplicationGroupsCommand', 'ReplicationGroups', 'ReplicationGroupId'),
};

/** Nodes a CreateReplicationGroup makes: NumCacheClusters, or shards times (replicas + 1). */
function nodeCount(input: Record<string, unknown>): number {
  if (typeof input.NumCacheClusters === 'number') return input.NumCacheClusters;
  const shards = typeof input.NumNodeGroups === 'number' ? input.NumNodeGroups : 1;
  const replicas = typeof input.ReplicasPerNodeGroup === 'number' ? input.ReplicasPerNodeGroup : 0;
  return shards * (replicas + 1);
}

export const cacheSubnetGroup: ResourceType = {
  name: 'elasticache:cache-subnet-group',
  title: 'cache subnet group',
  createdBy: 'CreateCacheSubnetGroup',
  dependsOn: [],
  addTags: appendTags,
  created: (output: Output) => [{ resourceId: output.CacheSubnetGroup.CacheSubnetGroupName }],
  async delete(record, clients) {
    const { DeleteCacheSubnetGroupCommand } = await elasticache();
    await ignoreNotFound(() => clients.send(new DeleteCacheSubnetGroupCommand({ CacheSubnetGroupName: record.resourceId! })));
  },
  ...foundByTags('DescribeCacheSubnetGroupsCommand', 'CacheSubnetGroups', 'CacheSubnetGroupName'),
};

export const cacheParameterGroup: ResourceType = {
  name: 'elasticache:cache-parameter-group',
  title: 'cache parameter group',
  createdBy: 'CreateCacheParameterGroup',
  dependsOn: [],
  addTags: appendTags,
  created: (output: Output) => [{ resourceId: output.CacheParameterGroup.CacheParameterGroupName }],
  async delete(record, clients) {
    const { DeleteCacheParameterGroupCommand } = await elasticache();
    await ignoreNotFound(() => clients.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: record.resourceId! })));
  },
  ...foundByTags('DescribeCacheParameterGroupsCommand', 'CacheParameterGroups', 'CacheParameterGroupName'),
};

export const elasticacheResourceTypes: ResourceType[] = [snapshot, replicationGroup, cacheSubnetGroup, cacheParameterGroup];
