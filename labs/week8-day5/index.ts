/**
 * week8-day5: ElastiCache for Redis (workshop 000061). A VPC with two subnets, a security
 * group admitting 6379 from the VPC, a cache subnet group and a parameter group, then a
 * replication group of one primary and one replica with automatic failover. Then the
 * cache is used: PING through the primary endpoint, a read on the reader endpoint, and a
 * TestFailover that swaps the roles while writes go on through the same endpoint.
 *
 * Unlike the workshop, it uses the smallest current node type and really fails over.
 */
import { parseInfo } from '../../src/cache/redis-info.js';
import { parseEndpoint } from '../../src/cache/redis-connection.js';
import type { Lab } from '../../src/runner/lab.js';
import {
  CACHE_COST,
  REPLICATION_GROUP_ID,
  ensureCacheNetwork,
  ensureCacheParameterGroup,
  ensureCacheSecurityGroup,
  ensureCacheSubnetGroup,
  ensureReplicationGroup,
  memberRoles,
  rememberEndpoints,
  waitUntilAvailable,
} from '../shared/week8-cache.js';
import { withRedis } from '../shared/with-redis.js';

const elasticache = () => import('@aws-sdk/client-elasticache');

export const week8Day5: Lab = {
  id: 'week8-day5',
  title: 'ElastiCache for Redis: a replication group with a replica and automatic failover',
  services: ['ElastiCache', 'EC2'],
  objectives: [
    'Prepare the network a cache needs: a cache subnet group over two zones and a security group for port 6379',
    'Create a parameter group and a replication group with one primary, one replica and automatic failover',
    'Connect through the primary endpoint, read through the reader endpoint',
    'Fail over on purpose and see the roles swap while the primary endpoint keeps taking writes',
  ],
  theory: [
    'A replication group (cluster mode disabled) is one shard: a primary that takes writes and up to five replicas that copy it asynchronously and serve reads.',
    'Clients use endpoints, not nodes: the primary endpoint always names the current primary, the reader endpoint spreads connections over the replicas. After a failover the names stay; what they point to changes.',
    'With automatic failover (and Multi-AZ), ElastiCache promotes a replica when the primary fails, usually within a minute; open connections drop and clients reconnect.',
    'ElastiCache has no public endpoint: nodes live in private subnets of your VPC, so only clients inside the VPC (EC2, Lambda in the VPC, ECS) can reach them.',
    'Deleting a member cluster of a replication group fails; the replication group is what is deleted (lab cleanup does so, then its groups).',
  ],
  steps: [
    {
      id: 'network',
      title: 'Make (or reuse) a VPC with two subnets in two zones',
      why: 'A cache lives in subnets of a VPC; two zones let the replica sit in another zone than the primary, so a zone failure costs a failover, not the cache.',
      produces: ['vpcId', 'vpcCidr', 'subnetIds'],
      run: ensureCacheNetwork,
    },
    {
      id: 'security-group',
      title: 'Create a security group allowing Redis (6379) from the VPC',
      why: 'Redis has no network protection of its own; the security group is what keeps everyone outside the VPC (and other ports) out.',
      needs: ['network'],
      produces: ['securityGroupId'],
      run: ensureCacheSecurityGroup,
    },
    {
      id: 'subnet-group',
      title: 'Create the cache subnet group',
      why: 'A cache subnet group tells ElastiCache which subnets (and so which zones) it may place nodes in.',
      needs: ['network'],
      run: ensureCacheSubnetGroup,
    },
    {
      id: 'parameter-group',
      title: 'Create a parameter group (family redis7)',
      why: 'The default parameter group cannot be changed; your own lets you tune maxmemory-policy and others later (day 6 does).',
      run: ensureCacheParameterGroup,
    },
    {
      id: 'replication-group',
      title: 'Create the replication group: 1 primary + 1 replica, automatic failover, and wait until available',
      why: 'NumCacheClusters 2 makes a primary and one replica; AutomaticFailoverEnabled and MultiAZEnabled let ElastiCache promote the replica by itself. Creation takes several minutes on AWS.',
      needs: ['security-group', 'subnet-group', 'parameter-group'],
      cost: CACHE_COST,
      produces: ['replicationGroupId', 'primaryEndpoint', 'readerEndpoint'],
      run: ensureReplicationGroup,
    },
    {
      id: 'ping',
      title: 'Connect through the primary endpoint: PING and a write',
      why: 'The primary endpoint is the address applications write to. INFO replication shows which role the node behind it plays and that its replica is connected.',
      needs: ['replication-group'],
      run: async (ctx) => {
        const endpoint = parseEndpoint(ctx.need('primaryEndpoint'));
        if (ctx.dryRun) return { operation: 'Ping', response: { Endpoint: ctx.need('primaryEndpoint') } };
        return withRedis(ctx, endpoint, async (redis) => {
          const pong = await redis.ping();
          const written = await redis.set('fcj:greeting', `hello from ${ctx.run}`);
          const info = parseInfo(await redis.info('replication'));
          return { operation: 'Ping', response: { Endpoint: ctx.need('primaryEndpoint'), Ping: pong, Set: written, Role: info.role ?? '', ConnectedReplicas: Number(info.connected_slaves ?? 0) } };
        });
      },
    },
    {
      id: 'read-replica',
      title: 'Read the value back through the reader endpoint',
      why: 'Replicas copy the primary asynchronously, usually within milliseconds. Reading from them spreads load, at the price of sometimes reading a value a moment old.',
      needs: ['ping'],
      run: async (ctx) => {
        const endpoint = parseEndpoint(ctx.need('readerEndpoint'));
        if (ctx.dryRun) return { operation: 'Get', response: { Endpoint: ctx.need('readerEndpoint') } };
        return withRedis(ctx, endpoint, async (redis) => {
          let value: string | null = null;
          // Replication is asynchronous: give it a moment rather than report a lag as missing data.
          for (let attempt = 0; attempt < 20 && value === null; attempt++) {
            value = await redis.get('fcj:greeting');
            if (value === null) await new Promise((resolve) => setTimeout(resolve, 100));
          }
          const info = parseInfo(await redis.info('replication'));
          return { operation: 'Get', response: { Endpoint: ctx.need('readerEndpoint'), Key: 'fcj:greeting', Value: value ?? '(not replicated yet)', Role: info.role ?? '', ReplicationLink: info.master_link_status ?? '' } };
        });
      },
    },
    {
      id: 'failover',
      title: 'TestFailover: promote the replica, watch the roles swap, keep writing',
      why: 'Testing failover before production needs it shows how long clients lose the primary and that they come back by themselves through the same endpoint.',
      needs: ['replication-group'],
      run: async (ctx) => {
        const { TestFailoverCommand, DescribeReplicationGroupsCommand } = await elasticache();
        const before = (await ctx.call(new DescribeReplicationGroupsCommand({ ReplicationGroupId: REPLICATION_GROUP_ID }))).ReplicationGroups?.[0] ?? {};
        const oldPrimary = ctx.dryRun ? '<primary>' : memberRoles(before).primary;
        const nodeGroupId = before.NodeGroups?.[0]?.NodeGroupId ?? '0001';
        await ctx.call(new TestFailoverCommand({ ReplicationGroupId: REPLICATION_GROUP_ID, NodeGroupId: nodeGroupId }));
        if (ctx.dryRun) return { operation: 'TestFailover', response: {} };
        const swapped = await ctx.waitFor(
          new DescribeReplicationGroupsCommand({ ReplicationGroupId: REPLICATION_GROUP_ID }),
          (out) => {
            const group = out.ReplicationGroups?.[0];
            return group?.Status === 'available' && memberRoles(group).primary !== undefined && memberRoles(group).primary !== oldPrimary;
          },
          { what: `a replica of ${REPLICATION_GROUP_ID} to become primary`, timeoutMs: 20 * 60_000, pollMs: 1_000 },
        );
        const after = swapped.ReplicationGroups?.[0] ?? (await waitUntilAvailable(ctx));
        await rememberEndpoints(ctx, after);
        const write = await withRedis(ctx, parseEndpoint(ctx.need('primaryEndpoint')), async (redis) => {
          const reply = await redis.set('fcj:after-failover', new Date().toISOString());
          const info = parseInfo(await redis.info('replication'));
          return { operation: 'Set', response: { Set: reply, Role: info.role ?? '' } };
        });
        const roles = (group: typeof before) => (group.NodeGroups?.[0]?.NodeGroupMembers ?? []).map((member) => ({ Cluster: member.CacheClusterId ?? '', Role: member.CurrentRole ?? '' }));
        return {
          operation: 'TestFailover',
          response: { Before: roles(before), After: roles(after), WriteThroughPrimaryEndpoint: write.response },
        };
      },
    },
  ],
};
