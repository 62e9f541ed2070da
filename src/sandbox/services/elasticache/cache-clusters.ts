/**
 * Cache clusters as ElastiCache lists them: here, the member clusters of replication
 * groups, one cache node each. Deleting one removes a read replica; the primary, the only
 * member, or the only replica behind automatic failover cannot go on their own (the
 * workshop's known mistake: delete the replication group instead).
 */
import type {
  DeleteCacheClusterCommandInput, DeleteCacheClusterCommandOutput, DescribeCacheClustersCommandInput, DescribeCacheClustersCommandOutput,
} from '@aws-sdk/client-elasticache';
import type { Handler } from '../../service.js';
import { cacheClusterNotFound, invalidCacheClusterState, invalidParameterCombination } from './errors.js';
import { page } from './pages.js';
import type { ServiceParts } from './parts.js';
import type { MemberRecord, ReplicationGroupRecord } from './state.js';
import { cacheClusterView } from './views.js';

export function cacheClusterOperations(parts: ServiceParts) {
  const members = (region: string): [ReplicationGroupRecord, MemberRecord][] =>
    Object.values(parts.state.region(region).replicationGroups)
      .sort((a, b) => a.createdAt - b.createdAt)
      .flatMap((group) => group.members.map((member): [ReplicationGroupRecord, MemberRecord] => [group, member]));

  const DescribeCacheClusters: Handler<DescribeCacheClustersCommandInput, DescribeCacheClustersCommandOutput> = (input, ctx) => {
    let found = members(ctx.region);
    if (input.CacheClusterId !== undefined) {
      found = found.filter(([, member]) => member.id === input.CacheClusterId!.toLowerCase());
      if (found.length === 0) throw cacheClusterNotFound(input.CacheClusterId);
    }
    if (input.ShowCacheClustersNotInReplicationGroups) found = [];
    const { items, Marker } = page(found, input.Marker, input.MaxRecords);
    return {
      CacheClusters: items.map(([group, member]) => cacheClusterView(ctx.region, group, member, input.ShowCacheNodeInfo ?? false)),
      ...(Marker ? { Marker } : {}),
    };
  };

  const DeleteCacheCluster: Handler<DeleteCacheClusterCommandInput, DeleteCacheClusterCommandOutput> = async (input, ctx) => {
    const found = members(ctx.region).find(([, member]) => member.id === input.CacheClusterId!.toLowerCase());
    if (found === undefined) throw cacheClusterNotFound(input.CacheClusterId!);
    const [group, member] = found;
    if (group.members.length === 1) {
      throw invalidCacheClusterState('Cannot delete the cache cluster since it is the only member of a replication group. Delete the replication group instead.');
    }
    if (member.role === 'primary') {
      throw invalidCacheClusterState(`Cache cluster ${member.id} is serving as primary for replication group ${group.id} and cannot be deleted. To delete the entire replication group, use DeleteReplicationGroup.`);
    }
    if (group.automaticFailover && group.members.length === 2) {
      throw invalidCacheClusterState(`Cannot delete the cache cluster because it is the only read replica for replication group ${group.id} which has autofailover enabled or pending. You can disable autofailover and then delete this cache cluster. Alternatively, to delete the entire replication group, use DeleteReplicationGroup.`);
    }
    if (group.status.name !== 'available') throw invalidCacheClusterState(`Cache cluster ${member.id} is not in available state.`);
    if (input.FinalSnapshotIdentifier !== undefined) {
      throw invalidParameterCombination('A final snapshot cannot be taken when deleting a read replica of a replication group.');
    }
    await parts.nodes.group(ctx.region, group.id)?.removeReplica(member.id);
    group.members = group.members.filter((candidate) => candidate !== member);
    group.status = { name: 'modifying', since: ctx.clock.now() };
    parts.state.event(ctx.region, member.id, 'cache-cluster', 'Cache cluster deleted', ctx.clock.now());
    return { CacheCluster: { ...cacheClusterView(ctx.region, group, member, false), CacheClusterStatus: 'deleting' } };
  };

  return { DescribeCacheClusters, DeleteCacheCluster };
}
