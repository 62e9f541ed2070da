/**
 * Cache subnet groups: which subnets (of one VPC) a group's nodes live in. Subnet and
 * security group ids are checked against the sandbox's EC2, through its backend, so a lab
 * must create them first, as on AWS.
 */
import type {
  CacheSubnetGroup, CreateCacheSubnetGroupCommandInput, CreateCacheSubnetGroupCommandOutput, DeleteCacheSubnetGroupCommandInput,
  DeleteCacheSubnetGroupCommandOutput, DescribeCacheSubnetGroupsCommandInput, DescribeCacheSubnetGroupsCommandOutput,
} from '@aws-sdk/client-elasticache';
import type { SubnetRecord } from '../ec2/records.js';
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
    const group = fromSubnets(parts, ctx, name, input.CacheSubnetGroupDescription!, input.SubnetIds ?? []);
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
export function defaultSubnetGroup(parts: ServiceParts, ctx: RequestContext): CacheSubnetGroupRecord {
  const groups = parts.state.region(ctx.region).cacheSubnetGroups;
  const existing = groups[DEFAULT_GROUP];
  if (existing) return existing;
  const subnets = parts.ec2.defaultSubnets(ctx.region);
  if (subnets.length === 0) throw cacheSubnetGroupNotFound(DEFAULT_GROUP);
  const group = fromSubnets(parts, ctx, DEFAULT_GROUP, DEFAULT_GROUP, subnets.map((subnet) => subnet.subnetId));
  groups[DEFAULT_GROUP] = group;
  return group;
}

/** Every id must be a security group of the subnet group's VPC. */
export function securityGroupsIn(parts: ServiceParts, ctx: RequestContext, vpcId: string, ids: readonly string[]): void {
  if (ids.length === 0) return;
  let found;
  try {
    found = parts.ec2.securityGroups(ctx.region, ids);
  } catch (error) {
    if (error instanceof AwsError && error.code.startsWith('InvalidGroup')) {
      throw invalidParameterValue(`Some of the security group(s) specified are not valid: ${ids.join(', ')}`);
    }
    throw error;
  }
  const outside = found.find((group) => group.vpcId !== vpcId);
  if (outside) throw invalidParameterCombination(`The security group ${outside.groupId} is not in the VPC ${vpcId} of the cache subnet group.`);
}

function fromSubnets(parts: ServiceParts, ctx: RequestContext, name: string, description: string, ids: readonly string[]): CacheSubnetGroupRecord {
  if (ids.length === 0) throw invalidParameterValue('At least one subnet ID must be specified.');
  let subnets: SubnetRecord[];
  try {
    subnets = parts.ec2.subnets(ctx.region, ids);
  } catch (error) {
    if (error instanceof AwsError && error.code.startsWith('InvalidSubnetID')) throw invalidSubnet(error.message);
    throw error;
  }
  const vpcs = new Set(subnets.map((subnet) => subnet.vpcId));
  if (vpcs.size > 1) throw invalidSubnet('All subnets in a cache subnet group must belong to the same VPC.');
  return {
    name,
    description,
    vpcId: subnets[0]!.vpcId,
    subnets: subnets.map((subnet) => ({ SubnetIdentifier: subnet.subnetId, AvailabilityZone: subnet.availabilityZone })),
    tags: [],
  };
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
