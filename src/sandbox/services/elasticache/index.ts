/**
 * The ElastiCache service of the sandbox (Redis, cluster mode disabled): subnet and
 * parameter groups, replication groups whose cache nodes are real redis-server
 * processes, snapshots and events. Nodes follow the sandbox's life: open() starts those
 * of the restored state, close() stops them saving their data into the state, reset()
 * kills them and removes their files.
 */
import { withRules } from '../../kit/operations.js';
import type { AnyHandler, ServiceFactory } from '../../service.js';
import { cacheClusterOperations } from './cache-clusters.js';
import { eventOperations } from './events.js';
import { CacheNodes } from './nodes.js';
import { parameterGroupOperations } from './parameter-groups.js';
import { clockHolder, type ServiceParts } from './parts.js';
import { replicationGroupOperations, startNodes } from './replication-groups.js';
import { snapshotOperations } from './snapshots.js';
import { ElastiCacheState } from './state.js';
import { subnetGroupOperations } from './subnet-groups.js';
import { tagOperations } from './tags.js';

/** Cache subnet groups name EC2's subnets and security groups, checked through its backend. */
export const elasticacheService: ServiceFactory = ({ backends, env }) => {
  const state = new ElastiCacheState();
  const nodes = new CacheNodes(env);
  const clock = clockHolder();
  const parts: ServiceParts = { state, nodes, ec2: backends.ec2, clock: clock.clock };
  const handlers: Record<string, AnyHandler> = {
    ...subnetGroupOperations(parts),
    ...parameterGroupOperations(parts),
    ...replicationGroupOperations(parts),
    ...cacheClusterOperations(parts),
    ...snapshotOperations(parts),
    ...eventOperations(parts),
    ...tagOperations(parts),
  };
  const operations = withRules(handlers, (_input, ctx) => {
    clock.set(ctx.clock);
    state.settle(ctx.region, ctx.clock);
  });

  return {
    operations,
    snapshot: () => state.snapshot(),
    restore: (saved) => state.restore(saved),
    open: async () => {
      for (const [region, regionState] of Object.entries(state.regions)) {
        for (const snapshot of Object.values(regionState.snapshots)) nodes.writeSnapshotFile(region, snapshot.name, Buffer.from(snapshot.data, 'base64'));
        for (const group of Object.values(regionState.replicationGroups)) {
          if (group.status.name === 'deleting') continue;
          try {
            await startNodes(parts, region, group, group.data === undefined ? undefined : Buffer.from(group.data, 'base64'));
            delete group.data;
          } catch (error) {
            // The data stays in the record, to be saved again and started next time.
            state.event(region, group.id, 'replication-group', `Cache nodes could not start: ${(error as Error).message}`, clock.clock().now());
          }
        }
      }
    },
    close: () =>
      nodes.close((region, id, data) => {
        const group = state.region(region).replicationGroups[id];
        if (group !== undefined && data !== undefined) group.data = data.toString('base64');
      }),
    reset: () => {
      nodes.kill();
      state.restore({});
    },
  };
};
