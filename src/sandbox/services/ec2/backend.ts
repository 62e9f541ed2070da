/**
 * What EC2 offers the services whose resources live in a VPC (ElastiCache today; Auto
 * Scaling, ELBv2, RDS, Route 53 Resolver and Directory Service next): typed queries and
 * actions over its records, through EC2's own code paths and with EC2's own errors. Other
 * services call these directly, as moto's backends call each other, never EC2's handlers.
 * Actions take the caller's request context: they bring the region up to its clock first,
 * as every EC2 operation does (a terminated instance's address is free again, say).
 */
import type { _InstanceType, Instance, InstanceStateChange, RunInstancesCommandInput, Tag } from '@aws-sdk/client-ec2';
import type { Clock } from '../../clock.js';
import { lookup, lookupAll, SECURITY_GROUP, SUBNET } from './errors.js';
import { instancesById, launchInstances, terminateInstances } from './instances.js';
import { createRequesterManagedInterface, deleteDetachedInterface, type RequesterManagedInterface } from './network-interfaces.js';
import type { NetworkInterfaceRecord, RegionState, SecurityGroupRecord, SubnetRecord } from './records.js';
import { settleRegion } from './settle.js';
import type { Ec2State } from './state.js';
import { allocatePrivateIp } from './subnets.js';

/** Where and when a caller acts: its request's region and clock (a handler passes its RequestContext). */
export interface Caller {
  readonly region: string;
  readonly clock: Clock;
}

/** Instances another service runs for the account (an Auto Scaling group's). */
export interface InstanceLaunch {
  /** What to run: an image, or a launch template version whose data what is given here overrides. */
  imageId?: string;
  launchTemplate?: { launchTemplateId?: string; launchTemplateName?: string; version?: string };
  subnetId: string;
  instanceType?: _InstanceType;
  securityGroupIds?: readonly string[];
  /** How many; 1 when absent. All or none are launched. */
  count?: number;
  /** On the instances and their root volumes, as `aws:autoscaling:groupName` is. */
  tags?: readonly Tag[];
  /** A retry with the same token gets the same instances. */
  clientToken?: string;
}

export type { RequesterManagedInterface };

export interface Ec2Backend {
  /** The subnets with these ids, in their order; `InvalidSubnetID.NotFound` / `.Malformed` otherwise. */
  subnets(region: string, ids: readonly string[]): SubnetRecord[];
  /** The default VPC's default subnet of each zone, as a new account has them. */
  defaultSubnets(region: string): SubnetRecord[];
  /** The security groups with these ids, in their order; `InvalidGroup.NotFound` / `InvalidGroupId.Malformed` otherwise. */
  securityGroups(region: string, ids: readonly string[]): SecurityGroupRecord[];
  /**
   * The subnet's lowest free private address, as EC2 hands them out; it is held once an
   * interface carries it (createRequesterManagedInterface). `InsufficientFreeAddressesInSubnet` when the subnet is full.
   */
  allocatePrivateAddress(caller: Caller, subnetId: string): string;
  /** An interface in a subnet that another service manages; it blocks DeleteSubnet and DeleteSecurityGroup (DependencyViolation) until deleted. */
  createRequesterManagedInterface(caller: Caller, request: RequesterManagedInterface): NetworkInterfaceRecord;
  /** Deletes an interface no instance holds; `InvalidNetworkInterfaceID.NotFound` when it is gone. */
  deleteNetworkInterface(caller: Caller, networkInterfaceId: string): void;
  /** Launches instances as RunInstances does (pending, then running on the clock), in the order launched. */
  runInstances(caller: Caller, launch: InstanceLaunch): Instance[];
  /** Terminates instances as TerminateInstances does: shutting-down, then terminated on the clock. */
  terminateInstances(caller: Caller, instanceIds: readonly string[]): InstanceStateChange[];
  /** The instances as DescribeInstances shows them, in their current state; `InvalidInstanceID.NotFound` for any missing. */
  describeInstances(caller: Caller, instanceIds: readonly string[]): Instance[];
}

export function ec2Backend(state: Ec2State): Ec2Backend {
  /** The caller's region, brought up to its clock. */
  const settled = (caller: Caller): RegionState => {
    const region = state.region(caller.region);
    settleRegion(region, caller.clock);
    return region;
  };
  return {
    subnets: (region, ids) => lookupAll(SUBNET, state.region(region).subnets, ids),
    defaultSubnets: (region) => Object.values(state.region(region).subnets).filter((subnet) => subnet.defaultForAz),
    securityGroups: (region, ids) => lookupAll(SECURITY_GROUP, state.region(region).securityGroups, ids),
    allocatePrivateAddress: (caller, subnetId) => {
      const region = settled(caller);
      return allocatePrivateIp(region, lookup(SUBNET, region.subnets, subnetId));
    },
    createRequesterManagedInterface: (caller, request) => createRequesterManagedInterface(settled(caller), request),
    deleteNetworkInterface: (caller, networkInterfaceId) => deleteDetachedInterface(settled(caller), networkInterfaceId),
    runInstances: (caller, launch) => launchInstances(settled(caller), runInstancesInput(launch), caller.clock.now()).Instances ?? [],
    terminateInstances: (caller, instanceIds) => terminateInstances(settled(caller), instanceIds, caller.clock.now()),
    describeInstances: (caller, instanceIds) => instancesById(settled(caller), instanceIds),
  };
}

function runInstancesInput(launch: InstanceLaunch): RunInstancesCommandInput {
  const count = launch.count ?? 1;
  const tags = launch.tags?.length ? [...launch.tags] : undefined;
  const template = launch.launchTemplate;
  return {
    MinCount: count,
    MaxCount: count,
    SubnetId: launch.subnetId,
    ...(launch.imageId === undefined ? {} : { ImageId: launch.imageId }),
    ...(template === undefined
      ? {}
      : { LaunchTemplate: { LaunchTemplateId: template.launchTemplateId, LaunchTemplateName: template.launchTemplateName, Version: template.version } }),
    ...(launch.instanceType === undefined ? {} : { InstanceType: launch.instanceType }),
    ...(launch.securityGroupIds === undefined ? {} : { SecurityGroupIds: [...launch.securityGroupIds] }),
    ...(tags === undefined ? {} : { TagSpecifications: [{ ResourceType: 'instance', Tags: tags }, { ResourceType: 'volume', Tags: tags }] }),
    ...(launch.clientToken === undefined ? {} : { ClientToken: launch.clientToken }),
  };
}
