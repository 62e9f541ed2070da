/**
 * The Redis cache of week 8, made or reused by days 5 and 6: a VPC with two private subnets
 * in two zones, a security group admitting 6379 from the VPC, a cache subnet group, a
 * parameter group, and a replication group of one primary and one replica with automatic
 * failover. Each function looks before it creates and says when it reuses, so day 6 runs
 * on day 5's cache, or builds it when day 5 never ran.
 */
import type { ReplicationGroup } from '@aws-sdk/client-elasticache';
import { ELASTICACHE_NODE_USD_PER_HOUR } from '../../src/aws/prices.js';
import type { StepResult } from '../../src/runner/lab.js';
import type { StepContext } from '../../src/runner/step-context.js';
import { REDIS_PORT, endpointText } from '../../src/cache/redis-connection.js';

const ec2 = () => import('@aws-sdk/client-ec2');
const elasticache = () => import('@aws-sdk/client-elasticache');

export const CACHE_VPC_NAME = 'fcj-cache-vpc';
export const CACHE_VPC_CIDR = '10.20.0.0/16';
export const CACHE_SUBNETS = [
  { cidr: '10.20.1.0/24', zone: 'a' },
  { cidr: '10.20.2.0/24', zone: 'b' },
];
export const SECURITY_GROUP_NAME = 'fcj-redis-sg';
export const SUBNET_GROUP_NAME = 'fcj-redis-subnets';
export const PARAMETER_GROUP_NAME = 'fcj-redis7-params';
export const PARAMETER_GROUP_FAMILY = 'redis7';
export const REPLICATION_GROUP_ID = 'fcj-redis';
/** The cheapest current node type: a learner's cache needs no more. */
export const NODE_TYPE = 'cache.t4g.micro';
export const NODES = 2;

export const CACHE_COST = {
  perHourUsd: ELASTICACHE_NODE_USD_PER_HOUR[NODE_TYPE]! * NODES,
  what: `${NODES} x ${NODE_TYPE} (primary + replica) in us-east-1, the cheapest current node type`,
};

const REUSED = 'already exists (an earlier run made it): reusing it. lab cleanup removes it with that run.';

function nameTag(resourceType: string, name: string) {
  return [{ ResourceType: resourceType, Tags: [{ Key: 'Name', Value: name }] }] as never;
}

/** The VPC and its two subnets, found by their Name tags or made. Remembers vpcId, vpcCidr, subnetIds. */
export async function ensureCacheNetwork(ctx: StepContext): Promise<StepResult> {
  const { CreateVpcCommand, CreateSubnetCommand, DescribeVpcsCommand, DescribeSubnetsCommand } = await ec2();
  const found = await ctx.call(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: [CACHE_VPC_NAME] }] }));
  let vpcId = ctx.dryRun ? undefined : found.Vpcs?.[0]?.VpcId;
  if (vpcId) ctx.note(`The VPC ${CACHE_VPC_NAME} ${REUSED}`);
  else vpcId = (await ctx.call(new CreateVpcCommand({ CidrBlock: CACHE_VPC_CIDR, TagSpecifications: nameTag('vpc', CACHE_VPC_NAME) }))).Vpc?.VpcId ?? '<vpcId>';
  const existing = ctx.dryRun ? [] : ((await ctx.call(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets ?? []);
  const subnets = [];
  for (const wanted of CACHE_SUBNETS) {
    const have = existing.find((subnet) => subnet.CidrBlock === wanted.cidr);
    if (have) subnets.push(have);
    else {
      const made = await ctx.call(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: wanted.cidr, AvailabilityZone: `${ctx.region}${wanted.zone}`, TagSpecifications: nameTag('subnet', `fcj-cache-${wanted.zone}`) }));
      subnets.push(made.Subnet ?? {});
    }
  }
  await ctx.remember('vpcId', vpcId);
  await ctx.remember('vpcCidr', CACHE_VPC_CIDR);
  await ctx.remember('subnetIds', subnets.map((subnet) => subnet.SubnetId ?? '<subnetId>').join(','));
  return { operation: 'DescribeSubnets', response: { Subnets: subnets }, query: 'Subnets[].{SubnetId: SubnetId, Zone: AvailabilityZone, Cidr: CidrBlock, VpcId: VpcId}' };
}

/** A security group admitting Redis (6379) from inside the VPC only. Remembers securityGroupId. */
export async function ensureCacheSecurityGroup(ctx: StepContext): Promise<StepResult> {
  const { CreateSecurityGroupCommand, AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand } = await ec2();
  const VpcId = ctx.need('vpcId');
  const found = await ctx.call(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [VpcId] }, { Name: 'group-name', Values: [SECURITY_GROUP_NAME] }] }));
  const existing = ctx.dryRun ? undefined : found.SecurityGroups?.[0];
  if (existing?.GroupId) {
    ctx.note(`The security group ${SECURITY_GROUP_NAME} ${REUSED}`);
    await ctx.remember('securityGroupId', existing.GroupId);
    return { operation: 'DescribeSecurityGroups', response: found };
  }
  const made = await ctx.call(new CreateSecurityGroupCommand({ GroupName: SECURITY_GROUP_NAME, Description: 'Redis from inside the VPC', VpcId, TagSpecifications: nameTag('security-group', SECURITY_GROUP_NAME) }));
  const GroupId = made.GroupId ?? '<securityGroupId>';
  await ctx.remember('securityGroupId', GroupId);
  const ingress = await ctx.call(new AuthorizeSecurityGroupIngressCommand({
    GroupId,
    IpPermissions: [{ IpProtocol: 'tcp', FromPort: REDIS_PORT, ToPort: REDIS_PORT, IpRanges: [{ CidrIp: ctx.need('vpcCidr'), Description: 'Redis from the VPC' }] }],
  }));
  return { operation: 'AuthorizeSecurityGroupIngress', response: ingress };
}

export async function ensureCacheSubnetGroup(ctx: StepContext): Promise<StepResult> {
  const { CreateCacheSubnetGroupCommand, DescribeCacheSubnetGroupsCommand } = await elasticache();
  const existing = await ctx.find(new DescribeCacheSubnetGroupsCommand({ CacheSubnetGroupName: SUBNET_GROUP_NAME }), 'CacheSubnetGroupNotFoundFault');
  if (existing) {
    ctx.note(`The cache subnet group ${SUBNET_GROUP_NAME} ${REUSED}`);
    return { operation: 'DescribeCacheSubnetGroups', response: existing };
  }
  const response = await ctx.call(new CreateCacheSubnetGroupCommand({
    CacheSubnetGroupName: SUBNET_GROUP_NAME,
    CacheSubnetGroupDescription: 'Two private subnets in two zones for the week 8 cache',
    SubnetIds: ctx.need('subnetIds').split(','),
  }));
  return { operation: 'CreateCacheSubnetGroup', response };
}

export async function ensureCacheParameterGroup(ctx: StepContext): Promise<StepResult> {
  const { CreateCacheParameterGroupCommand, DescribeCacheParameterGroupsCommand } = await elasticache();
  const existing = await ctx.find(new DescribeCacheParameterGroupsCommand({ CacheParameterGroupName: PARAMETER_GROUP_NAME }), 'CacheParameterGroupNotFound');
  if (existing) {
    ctx.note(`The cache parameter group ${PARAMETER_GROUP_NAME} ${REUSED}`);
    return { operation: 'DescribeCacheParameterGroups', response: existing };
  }
  const response = await ctx.call(new CreateCacheParameterGroupCommand({
    CacheParameterGroupName: PARAMETER_GROUP_NAME,
    CacheParameterGroupFamily: PARAMETER_GROUP_FAMILY,
    Description: 'Week 8 Redis parameters (eviction experiments)',
  }));
  return { operation: 'CreateCacheParameterGroup', response };
}

/**
 * The replication group, made or reused, waited for until available (nodes take minutes on
 * AWS). Remembers replicationGroupId, primaryEndpoint and readerEndpoint (`host:port`).
 */
export async function ensureReplicationGroup(ctx: StepContext): Promise<StepResult> {
  const { CreateReplicationGroupCommand, DescribeReplicationGroupsCommand } = await elasticache();
  const ReplicationGroupId = REPLICATION_GROUP_ID;
  const existing = await ctx.find(new DescribeReplicationGroupsCommand({ ReplicationGroupId }), 'ReplicationGroupNotFoundFault');
  let operation = 'CreateReplicationGroup';
  if (existing) {
    operation = 'DescribeReplicationGroups';
    ctx.note(`The replication group ${ReplicationGroupId} ${REUSED}`);
  } else {
    await ctx.call(new CreateReplicationGroupCommand({
      ReplicationGroupId,
      ReplicationGroupDescription: 'Week 8 cache: one primary, one replica, automatic failover',
      Engine: 'redis',
      CacheNodeType: NODE_TYPE,
      NumCacheClusters: NODES,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      CacheSubnetGroupName: SUBNET_GROUP_NAME,
      CacheParameterGroupName: PARAMETER_GROUP_NAME,
      SecurityGroupIds: [ctx.need('securityGroupId')],
      Port: REDIS_PORT,
      SnapshotRetentionLimit: 1,
    }));
  }
  const ready = await waitUntilAvailable(ctx);
  await rememberEndpoints(ctx, ready);
  return { operation, response: { ReplicationGroups: [ready] }, query: REPLICATION_GROUP_QUERY };
}

export const REPLICATION_GROUP_QUERY =
  'ReplicationGroups[0].{Id: ReplicationGroupId, Status: Status, AutomaticFailover: AutomaticFailover, MultiAZ: MultiAZ, Primary: NodeGroups[0].PrimaryEndpoint.Address, PrimaryPort: NodeGroups[0].PrimaryEndpoint.Port, Reader: NodeGroups[0].ReaderEndpoint.Address, ReaderPort: NodeGroups[0].ReaderEndpoint.Port, Members: NodeGroups[0].NodeGroupMembers[].{Cluster: CacheClusterId, Role: CurrentRole, Zone: PreferredAvailabilityZone}}';

/** `aws elasticache wait replication-group-available`, with progress. */
export async function waitUntilAvailable(ctx: StepContext): Promise<ReplicationGroup> {
  const { DescribeReplicationGroupsCommand } = await elasticache();
  const out = await ctx.waitFor(
    new DescribeReplicationGroupsCommand({ ReplicationGroupId: REPLICATION_GROUP_ID }),
    (answer) => answer.ReplicationGroups?.[0]?.Status === 'available',
    { what: `replication group ${REPLICATION_GROUP_ID} to be available (on AWS about 10 minutes)`, timeoutMs: 40 * 60_000, pollMs: 2_000 },
  );
  return out.ReplicationGroups?.[0] ?? {};
}

export async function rememberEndpoints(ctx: StepContext, group: ReplicationGroup): Promise<void> {
  const nodeGroup = group.NodeGroups?.[0];
  await ctx.remember('replicationGroupId', group.ReplicationGroupId ?? REPLICATION_GROUP_ID);
  if (nodeGroup?.PrimaryEndpoint) await ctx.remember('primaryEndpoint', endpointText(nodeGroup.PrimaryEndpoint as { Address: string; Port: number }));
  if (nodeGroup?.ReaderEndpoint) await ctx.remember('readerEndpoint', endpointText(nodeGroup.ReaderEndpoint as { Address: string; Port: number }));
}

/** The member clusters and their current roles: `{ primary: 'fcj-redis-001', replicas: [...] }`. */
export function memberRoles(group: ReplicationGroup): { primary?: string; replicas: string[] } {
  const members = group.NodeGroups?.[0]?.NodeGroupMembers ?? [];
  return {
    primary: members.find((member) => member.CurrentRole === 'primary')?.CacheClusterId,
    replicas: members.filter((member) => member.CurrentRole === 'replica').map((member) => member.CacheClusterId ?? ''),
  };
}
