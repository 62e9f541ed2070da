/**
 * Cache subnet groups: which subnets (of one VPC) a group's nodes live in. Subnet and
 * security group ids are checked against the sandbox's EC2 service, through its own
 * handlers, so a lab must create them first, as on AWS.
 */
import type {
  CacheSubnetGroup, CreateCacheSubnetGroupCommandInput, CreateCacheSubnetGroupCommandOutput, DeleteCacheSubnetGroupCommandInput,
  DeleteCacheSubnetGroupCommandOutput, DescribeCacheSubnetGroupsCommandInput, DescribeCacheSubnetGroupsCommandOutput,
} from '@aws-sdk/client-elasticache';
import type { DescribeSecurityGroupsCommandOutput, DescribeSubnetsCommandInput, DescribeSubnetsCommandOutput } from '@aws-sdk/client-ec2';
import { AwsError } from '../../errors.js';
import type { Handler, RequestContext } from '../../service.js';
import {
  cacheSubnetGroupAlreadyExists, cacheSubnetGroupInUse, cacheSubnetGroupNotFound, invalidParameterCombination, invalidParameterValue,
  invalidSubnet,
} from './errors.js';
import { page } from './pages.js';
import type { ServiceParts } from './parts.js';
import { arn, type CacheSubnetGroupRecord, type ElastiCacheState } from './state.js';

const DEFAULT_GROUP = 'default';

export function subnetGroupOperations(parts: ServiceParts) {
  const { state } = parts;

  const CreateCacheSubnetGroup: Handler<CreateCacheSubnetGroupCommandInput, CreateCacheSubnetGroupCommandOutput> = async (input, ctx) => {
    const name = input.CacheSubnetGroupName!.toLowerCase();
    if (!/^[a-z][a-z0-9-]{0,254}$/.test(name) || name === DEFAULT_GROUP) throw invalidParameterValue(`Invalid cache subnet group name: ${input.CacheSubnetGroupName}`);
    const groups = state.region(ctx.region).cacheSubnetGroups;
    if (groups[name]) throw cacheSubnetGroupAlreadyExists(name);
    const group = await fromSubnets(parts, ctx, name, input.CacheSubnetGroupDescription!, input.SubnetIds ?? []);
    group.tags = input.Tags?.map((tag) => ({ Key: tag.Key!, Value: tag.Value ?? '' })) ?? [];
    groups[name] = group;
    return { CacheSubnetGroup: view(ctx.region, group) };
  };

  const DescribeCacheSubnetGroups: Handler<DescribeCacheSubnetGroupsCommandInput, DescribeCacheSubnetGroupsCommandOutput> = (input, ctx) => {
    const groups = input.CacheSubnetGroupName === undefined
      ? Object.values(state.region(ctx.region).cacheSubnetGroups)
      : [subnetGroup(state, ctx.region, input.CacheSubnetGroupName)];
    const { items, Marker } = page(groups, input.Marker, input.MaxRecords);
    return { CacheSubnetGroups: items.map((group) => view(ctx.region, group)), ...(Marker ? { Marker } : {}) };
  };

  const DeleteCacheSubnetGroup: Handler<DeleteCacheSubnetGroupCommandInput, DeleteCacheSubnetGroupCommandOutput> = (input, ctx) => {
    const region = state.region(ctx.region);
    const group = subnetGroup(state, ctx.region, input.CacheSubnetGroupName!);
    if (Object.values(region.replicationGroups).some((candidate) => candidate.cacheSubnetGroupName === group.name)) {
      throw cacheSubnetGroupInUse(group.name);
    }
    delete region.cacheSubnetGroups[group.name];
    return {};
  };

  return { CreateCacheSubnetGroup, DescribeCacheSubnetGroups, DeleteCacheSubnetGroup };
}

export function subnetGroup(state: ElastiCacheState, region: string, name: string): CacheSubnetGroupRecord {
  const group = state.region(region).cacheSubnetGroups[name.toLowerCase()];
  if (group === undefined) throw cacheSubnetGroupNotFound(name);
  return group;
}

/** The group AWS makes from the default VPC's default subnets when a create names none. */
export async function defaultSubnetGroup(parts: ServiceParts, ctx: RequestContext): Promise<CacheSubnetGroupRecord> {
  const groups = parts.state.region(ctx.region).cacheSubnetGroups;
  const existing = groups[DEFAULT_GROUP];
  if (existing) return existing;
  const subnets = await describeSubnets(parts, ctx, { Filters: [{ Name: 'default-for-az', Values: ['true'] }] });
  if (subnets.length === 0) throw cacheSubnetGroupNotFound(DEFAULT_GROUP);
  const group = await fromSubnets(parts, ctx, DEFAULT_GROUP, DEFAULT_GROUP, subnets.map((subnet) => subnet.SubnetId!));
  groups[DEFAULT_GROUP] = group;
  return group;
}

/** Every id must be a security group of the subnet group's VPC. */
export async function securityGroupsIn(parts: ServiceParts, ctx: RequestContext, vpcId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  let found: DescribeSecurityGroupsCommandOutput;
  try {
    found = (await parts.ec2.operations['DescribeSecurityGroups']!({ GroupIds: ids }, ctx)) as DescribeSecurityGroupsCommandOutput;
  } catch (error) {
    if (error instanceof AwsError && error.code.startsWith('InvalidGroup')) {
      throw invalidParameterValue(`Some of the security group(s) specified are not valid: ${ids.join(', ')}`);
    }
    throw error;
  }
  const outside = (found.SecurityGroups ?? []).find((group) => group.VpcId !== vpcId);
  if (outside) throw invalidParameterCombination(`The security group ${outside.GroupId} is not in the VPC ${vpcId} of the cache subnet group.`);
}

async function fromSubnets(parts: ServiceParts, ctx: RequestContext, name: string, description: string, ids: readonly string[]): Promise<CacheSubnetGroupRecord> {
  if (ids.length === 0) throw invalidParameterValue('At least one subnet ID must be specified.');
  let subnets: NonNullable<DescribeSubnetsCommandOutput['Subnets']>;
  try {
    subnets = await describeSubnets(parts, ctx, { SubnetIds: [...ids] });
  } catch (error) {
    if (error instanceof AwsError && error.code.startsWith('InvalidSubnetID')) throw invalidSubnet(error.message);
    throw error;
  }
  const vpcs = new Set(subnets.map((subnet) => subnet.VpcId));
  if (vpcs.size > 1) throw invalidSubnet('All subnets in a cache subnet group must belong to the same VPC.');
  return {
    name,
    description,
    vpcId: subnets[0]!.VpcId!,
    subnets: subnets.map((subnet) => ({ SubnetIdentifier: subnet.SubnetId!, AvailabilityZone: subnet.AvailabilityZone! })),
    tags: [],
  };
}

async function describeSubnets(parts: ServiceParts, ctx: RequestContext, input: DescribeSubnetsCommandInput) {
  const output = (await parts.ec2.operations['DescribeSubnets']!(input, ctx)) as DescribeSubnetsCommandOutput;
  return output.Subnets ?? [];
}

function view(region: string, group: CacheSubnetGroupRecord): CacheSubnetGroup {
  return {
    CacheSubnetGroupName: group.name,
    CacheSubnetGroupDescription: group.description,
    VpcId: group.vpcId,
    Subnets: group.subnets.map((subnet) => ({
      SubnetIdentifier: subnet.SubnetIdentifier,
      SubnetAvailabilityZone: { Name: subnet.AvailabilityZone },
      SupportedNetworkTypes: ['ipv4'],
    })),
    ARN: arn(region, 'subnetgroup', group.name),
    SupportedNetworkTypes: ['ipv4'],
  };
}
