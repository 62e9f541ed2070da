/**
 * Network interfaces. Each instance has a primary one; it holds the instance's private
 * address (so subnets count it as used), its security groups, and its public IP.
 */
import type {
  InstanceNetworkInterface,
  DescribeNetworkInterfacesCommandInput,
  DescribeNetworkInterfacesCommandOutput,
  NetworkInterface,
} from '@aws-sdk/client-ec2';
import { randomBytes } from 'node:crypto';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { resourceId } from '../../ids.js';
import type { Handler } from '../../service.js';
import { AwsError } from '../../errors.js';
import { describeRecords, type Listing } from './describe.js';
import { lookup, NETWORK_INTERFACE, SUBNET } from './errors.js';
import type { NetworkInterfaceRecord, RegionState, SubnetRecord } from './records.js';
import { interfaceGroups } from './security-groups.js';
import type { Ec2State } from './state.js';
import { allocatePrivateIp, claimPrivateIp } from './subnets.js';
import { forgetTags, tagsOf } from './tags.js';

export function createNetworkInterface(
  region: RegionState,
  subnet: SubnetRecord,
  privateIpAddress: string,
  groupIds: string[],
  managed: { description?: string; requesterId?: string } = {},
): NetworkInterfaceRecord {
  const eni: NetworkInterfaceRecord = {
    networkInterfaceId: resourceId('eni'),
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    privateIpAddress,
    macAddress: ['0e', ...randomBytes(5).toString('hex').match(/../g)!].join(':'),
    description: managed.description ?? '',
    groupIds,
    ...(managed.requesterId === undefined ? {} : { requesterId: managed.requesterId }),
  };
  region.networkInterfaces[eni.networkInterfaceId] = eni;
  return eni;
}

/** What another service asks for when it places something in a subnet (a load balancer node, a resolver endpoint's address). */
export interface RequesterManagedInterface {
  subnetId: string;
  description: string;
  /** Who manages it, as DescribeNetworkInterfaces' RequesterId shows: `amazon-elb`, `amazon-rds`, an account id. */
  requesterId: string;
  /** In the subnet's VPC; its default group when none. */
  securityGroupIds?: readonly string[];
  /** A free address the subnet hands out (`InvalidIPAddress.InUse` when taken); the subnet's lowest free one when absent. */
  privateIpAddress?: string;
}

/** An interface another service manages; like any interface it keeps its subnet and security groups from being deleted. */
export function createRequesterManagedInterface(region: RegionState, request: RequesterManagedInterface): NetworkInterfaceRecord {
  const subnet = lookup(SUBNET, region.subnets, request.subnetId);
  const groupIds = interfaceGroups(region, subnet, request.securityGroupIds ?? []);
  const address = request.privateIpAddress === undefined ? allocatePrivateIp(region, subnet) : claimPrivateIp(region, subnet, request.privateIpAddress);
  return createNetworkInterface(region, subnet, address, groupIds, { description: request.description, requesterId: request.requesterId });
}

/** Deletes an interface no instance holds (an instance's goes with it); `InvalidNetworkInterfaceID.NotFound` / `.Malformed` otherwise. */
export function deleteDetachedInterface(region: RegionState, networkInterfaceId: string): void {
  const eni = lookup(NETWORK_INTERFACE, region.networkInterfaces, networkInterfaceId);
  if (eni.attachment) {
    throw new AwsError('InvalidNetworkInterface.InUse', `The network interface '${networkInterfaceId}' is currently in use.`);
  }
  deleteNetworkInterface(region, networkInterfaceId);
}

export function deleteNetworkInterface(region: RegionState, networkInterfaceId: string): void {
  delete region.networkInterfaces[networkInterfaceId];
  forgetTags(region, networkInterfaceId);
}

/** `ip-10-0-1-4.ec2.internal` in us-east-1, `ip-10-0-1-4.<region>.compute.internal` elsewhere. */
export function privateDnsName(region: string, address: string): string {
  const host = `ip-${address.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

/** `ec2-3-80-1-2.compute-1.amazonaws.com` in us-east-1, `ec2-...<region>.compute.amazonaws.com` elsewhere. */
export function publicDnsName(region: string, address: string): string {
  const host = `ec2-${address.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${region}.compute.amazonaws.com`;
}

/** An address from a public range that cannot collide with the sandbox's private ones. */
export function allocatePublicIp(): string {
  const [a, b, c] = randomBytes(3);
  return `54.${160 + (a! % 64)}.${b}.${1 + (c! % 254)}`;
}

export function toNetworkInterface(region: RegionState, eni: NetworkInterfaceRecord): NetworkInterface {
  const association = eni.publicIp
    ? { IpOwnerId: 'amazon', PublicDnsName: publicDnsName(region.region, eni.publicIp), PublicIp: eni.publicIp }
    : undefined;
  const dnsName = privateDnsName(region.region, eni.privateIpAddress);
  return {
    Association: association,
    Attachment: eni.attachment
      ? {
          AttachTime: new Date(eni.attachment.attachTime),
          AttachmentId: eni.attachment.attachmentId,
          DeleteOnTermination: true,
          DeviceIndex: eni.attachment.deviceIndex,
          NetworkCardIndex: 0,
          InstanceId: eni.attachment.instanceId,
          InstanceOwnerId: SANDBOX_ACCOUNT_ID,
          Status: 'attached',
        }
      : undefined,
    AvailabilityZone: eni.availabilityZone,
    Description: eni.description,
    Groups: eni.groupIds.map((id) => ({ GroupId: id, GroupName: region.securityGroups[id]?.groupName })),
    InterfaceType: 'interface',
    Ipv6Addresses: [],
    MacAddress: eni.macAddress,
    NetworkInterfaceId: eni.networkInterfaceId,
    OwnerId: SANDBOX_ACCOUNT_ID,
    PrivateDnsName: dnsName,
    PrivateIpAddress: eni.privateIpAddress,
    PrivateIpAddresses: [
      { Association: association, Primary: true, PrivateDnsName: dnsName, PrivateIpAddress: eni.privateIpAddress },
    ],
    RequesterId: eni.requesterId,
    RequesterManaged: eni.requesterId !== undefined,
    SourceDestCheck: true,
    Status: eni.attachment ? 'in-use' : 'available',
    SubnetId: eni.subnetId,
    TagSet: tagsOf(region, eni.networkInterfaceId).map((t) => ({ ...t })),
    VpcId: eni.vpcId,
  };
}

/** The same interface as DescribeInstances nests it, without what the instance already says. */
export function toInstanceNetworkInterface(region: RegionState, eni: NetworkInterfaceRecord): InstanceNetworkInterface {
  const full = toNetworkInterface(region, eni);
  return {
    Association: full.Association,
    Attachment: full.Attachment && {
      AttachTime: full.Attachment.AttachTime,
      AttachmentId: full.Attachment.AttachmentId,
      DeleteOnTermination: full.Attachment.DeleteOnTermination,
      DeviceIndex: full.Attachment.DeviceIndex,
      NetworkCardIndex: full.Attachment.NetworkCardIndex,
      Status: full.Attachment.Status,
    },
    Description: full.Description,
    Groups: full.Groups,
    Ipv6Addresses: full.Ipv6Addresses,
    MacAddress: full.MacAddress,
    NetworkInterfaceId: full.NetworkInterfaceId,
    OwnerId: full.OwnerId,
    PrivateDnsName: full.PrivateDnsName,
    PrivateIpAddress: full.PrivateIpAddress,
    PrivateIpAddresses: full.PrivateIpAddresses,
    SourceDestCheck: full.SourceDestCheck,
    Status: full.Status,
    SubnetId: full.SubnetId,
    VpcId: full.VpcId,
    InterfaceType: full.InterfaceType,
  };
}

const NETWORK_INTERFACE_FILTERS = {
  'network-interface-id': (n: NetworkInterfaceRecord) => n.networkInterfaceId,
  'subnet-id': (n: NetworkInterfaceRecord) => n.subnetId,
  'vpc-id': (n: NetworkInterfaceRecord) => n.vpcId,
  'availability-zone': (n: NetworkInterfaceRecord) => n.availabilityZone,
  'attachment.instance-id': (n: NetworkInterfaceRecord) => n.attachment?.instanceId,
  'group-id': (n: NetworkInterfaceRecord) => n.groupIds,
  'private-ip-address': (n: NetworkInterfaceRecord) => n.privateIpAddress,
  'addresses.private-ip-address': (n: NetworkInterfaceRecord) => n.privateIpAddress,
  'association.public-ip': (n: NetworkInterfaceRecord) => n.publicIp,
  'mac-address': (n: NetworkInterfaceRecord) => n.macAddress,
  status: (n: NetworkInterfaceRecord) => (n.attachment ? 'in-use' : 'available'),
  description: (n: NetworkInterfaceRecord) => n.description,
  'requester-id': (n: NetworkInterfaceRecord) => n.requesterId,
  'requester-managed': (n: NetworkInterfaceRecord) => n.requesterId !== undefined,
  'owner-id': () => SANDBOX_ACCOUNT_ID,
};

const NETWORK_INTERFACES: Listing<NetworkInterfaceRecord> = {
  kind: NETWORK_INTERFACE,
  records: (region) => region.networkInterfaces,
  filters: NETWORK_INTERFACE_FILTERS,
  idOf: (n) => n.networkInterfaceId,
};

export function networkInterfaceOperations(ec2: Ec2State) {
  const DescribeNetworkInterfaces: Handler<
    DescribeNetworkInterfacesCommandInput,
    DescribeNetworkInterfacesCommandOutput
  > = (input, ctx) => {
    const region = ec2.region(ctx.region);
    const matching = describeRecords(region, NETWORK_INTERFACES, input.NetworkInterfaceIds, input.Filters);
    return { NetworkInterfaces: matching.map((n) => toNetworkInterface(region, n)) };
  };

  return { DescribeNetworkInterfaces };
}
