/** Subnets: a VPC's CIDR carved per availability zone; instances take their addresses here. */
import type {
  CreateSubnetCommandInput,
  CreateSubnetCommandOutput,
  DeleteSubnetCommandInput,
  DeleteSubnetCommandOutput,
  DescribeSubnetsCommandInput,
  DescribeSubnetsCommandOutput,
  ModifySubnetAttributeCommandInput,
  ModifySubnetAttributeCommandOutput,
  Subnet,
} from '@aws-sdk/client-ec2';
import { AwsError, missingParameter } from '../../errors.js';
import { availabilityZoneId, availabilityZones, SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { resourceId } from '../../ids.js';
import type { Handler } from '../../service.js';
import { contains, formatIp, overlaps, parseCidr, parseIp, size } from './cidr.js';
import { describeRecords, type Listing } from './describe.js';
import { hasDependencies, invalidParameterValue, lookup, SUBNET, VPC } from './errors.js';
import type { RegionState, SubnetRecord } from './records.js';
import type { Ec2State } from './state.js';
import { applyTagSpecifications, forgetTags, tagList } from './tags.js';

/** AWS keeps the first four addresses of every subnet and its last one. */
const RESERVED_ADDRESSES = 5;

export function createSubnet(region: RegionState, vpcId: string, cidrBlock: string, zone?: string): SubnetRecord {
  const vpc = lookup(VPC, region.vpcs, vpcId);
  const cidr = parseCidr(cidrBlock);
  if (!cidr) {
    throw invalidParameterValue(`Value (${cidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  }
  if (cidr.prefix < 16 || cidr.prefix > 28 || !contains(parseCidr(vpc.cidrBlock)!, cidr)) {
    throw new AwsError('InvalidSubnet.Range', `The CIDR '${cidrBlock}' is invalid.`);
  }
  const siblings = Object.values(region.subnets).filter((s) => s.vpcId === vpcId);
  if (siblings.some((s) => overlaps(parseCidr(s.cidrBlock)!, cidr))) {
    throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${cidrBlock}' conflicts with another subnet`);
  }
  const zones = availabilityZones(region.region);
  if (zone !== undefined && !zones.includes(zone)) {
    throw invalidParameterValue(
      `Value (${zone}) for parameter availabilityZone is invalid. ` +
        `Subnets can currently only be created in the following availability zones: ${zones.join(', ')}.`,
    );
  }
  const subnet: SubnetRecord = {
    subnetId: resourceId('subnet'),
    vpcId,
    cidrBlock,
    // Without a zone AWS picks one; spreading across zones is what a learner would expect.
    availabilityZone: zone ?? zones[siblings.length % zones.length]!,
    defaultForAz: false,
    mapPublicIpOnLaunch: false,
  };
  region.subnets[subnet.subnetId] = subnet;
  return subnet;
}

function addressesInUse(region: RegionState, subnetId: string): Set<string> {
  return new Set(
    Object.values(region.networkInterfaces)
      .filter((eni) => eni.subnetId === subnetId)
      .map((eni) => eni.privateIpAddress),
  );
}

export function availableIpAddressCount(region: RegionState, subnet: SubnetRecord): number {
  return size(parseCidr(subnet.cidrBlock)!) - RESERVED_ADDRESSES - addressesInUse(region, subnet.subnetId).size;
}

/** The lowest free address of the subnet, as EC2 hands them out. */
export function allocatePrivateIp(region: RegionState, subnet: SubnetRecord): string {
  const cidr = parseCidr(subnet.cidrBlock)!;
  const used = addressesInUse(region, subnet.subnetId);
  for (let ip = cidr.base + 4; ip < cidr.base + size(cidr) - 1; ip++) {
    const address = formatIp(ip);
    if (!used.has(address)) return address;
  }
  throw new AwsError(
    'InsufficientFreeAddressesInSubnet',
    `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`,
  );
}

/** A chosen address for a new interface: it must be one the subnet hands out, and free. */
export function claimPrivateIp(region: RegionState, subnet: SubnetRecord, address: string): string {
  const cidr = parseCidr(subnet.cidrBlock)!;
  const ip = parseIp(address);
  if (ip === undefined || ip < cidr.base + 4 || ip >= cidr.base + size(cidr) - 1) {
    throw invalidParameterValue(`Address ${address} does not fall within the subnet's address range`);
  }
  if (addressesInUse(region, subnet.subnetId).has(formatIp(ip))) throw new AwsError('InvalidIPAddress.InUse', `Address ${address} is in use.`);
  return formatIp(ip);
}

/** A subnet goes only once no network interface (so no live instance) is left in it. */
export function deleteSubnet(region: RegionState, subnetId: string): void {
  lookup(SUBNET, region.subnets, subnetId);
  if (Object.values(region.networkInterfaces).some((eni) => eni.subnetId === subnetId)) {
    throw hasDependencies('subnet', subnetId);
  }
  for (const table of Object.values(region.routeTables)) {
    table.associations = table.associations.filter((a) => a.subnetId !== subnetId);
  }
  delete region.subnets[subnetId];
  forgetTags(region, subnetId);
}

function toSubnet(region: RegionState, subnet: SubnetRecord): Subnet {
  return {
    AvailabilityZoneId: availabilityZoneId(region.region, subnet.availabilityZone),
    MapCustomerOwnedIpOnLaunch: false,
    OwnerId: SANDBOX_ACCOUNT_ID,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    Tags: tagList(region, subnet.subnetId),
    SubnetArn: `arn:aws:ec2:${region.region}:${SANDBOX_ACCOUNT_ID}:subnet/${subnet.subnetId}`,
    EnableDns64: false,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
    SubnetId: subnet.subnetId,
    State: 'available',
    VpcId: subnet.vpcId,
    CidrBlock: subnet.cidrBlock,
    AvailableIpAddressCount: availableIpAddressCount(region, subnet),
    AvailabilityZone: subnet.availabilityZone,
    DefaultForAz: subnet.defaultForAz,
    MapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
  };
}

const subnetFilters = (region: RegionState) => ({
  'subnet-id': (s: SubnetRecord) => s.subnetId,
  'vpc-id': (s: SubnetRecord) => s.vpcId,
  'availability-zone': (s: SubnetRecord) => s.availabilityZone,
  'availability-zone-id': (s: SubnetRecord) => availabilityZoneId(region.region, s.availabilityZone),
  'cidr-block': (s: SubnetRecord) => s.cidrBlock,
  cidr: (s: SubnetRecord) => s.cidrBlock,
  cidrBlock: (s: SubnetRecord) => s.cidrBlock,
  'default-for-az': (s: SubnetRecord) => s.defaultForAz,
  defaultForAz: (s: SubnetRecord) => s.defaultForAz,
  'map-public-ip-on-launch': (s: SubnetRecord) => s.mapPublicIpOnLaunch,
  'available-ip-address-count': (s: SubnetRecord) => availableIpAddressCount(region, s),
  state: () => 'available',
  'owner-id': () => SANDBOX_ACCOUNT_ID,
});

const SUBNETS: Listing<SubnetRecord> = { kind: SUBNET, records: (region) => region.subnets, filters: subnetFilters, idOf: (s) => s.subnetId };

export function subnetOperations(ec2: Ec2State) {
  const CreateSubnet: Handler<CreateSubnetCommandInput, CreateSubnetCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    if (!input.VpcId) throw missingParameter('vpcId');
    if (!input.CidrBlock) throw missingParameter('cidrBlock');
    const zone =
      input.AvailabilityZone ??
      availabilityZones(region.region).find((z) => availabilityZoneId(region.region, z) === input.AvailabilityZoneId) ??
      input.AvailabilityZoneId;
    const subnet = createSubnet(region, input.VpcId, input.CidrBlock, zone);
    applyTagSpecifications(region, input.TagSpecifications, 'subnet', subnet.subnetId);
    return { Subnet: toSubnet(region, subnet) };
  };

  const DescribeSubnets: Handler<DescribeSubnetsCommandInput, DescribeSubnetsCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    const matching = describeRecords(region, SUBNETS, input.SubnetIds, input.Filters);
    return { Subnets: matching.map((s) => toSubnet(region, s)) };
  };

  const DeleteSubnet: Handler<DeleteSubnetCommandInput, DeleteSubnetCommandOutput> = (input, ctx) => {
    if (!input.SubnetId) throw missingParameter('subnetId');
    deleteSubnet(ec2.region(ctx.region), input.SubnetId);
    return {};
  };

  const ModifySubnetAttribute: Handler<ModifySubnetAttributeCommandInput, ModifySubnetAttributeCommandOutput> = (
    input,
    ctx,
  ) => {
    if (!input.SubnetId) throw missingParameter('subnetId');
    const subnet = lookup(SUBNET, ec2.region(ctx.region).subnets, input.SubnetId);
    if (input.MapPublicIpOnLaunch?.Value !== undefined) subnet.mapPublicIpOnLaunch = input.MapPublicIpOnLaunch.Value;
    return {};
  };

  return { CreateSubnet, DescribeSubnets, DeleteSubnet, ModifySubnetAttribute };
}

