/**
 * Instances. RunInstances answers `pending`; the clock moves each instance on to
 * `running`, `stopped` or `terminated` (settleInstances), so SDK waiters see AWS's states.
 * Terminated instances stay visible for a while (`ec2.instance.terminated`), as on AWS.
 */
import type {
  DescribeInstanceAttributeCommandInput,
  DescribeInstanceAttributeCommandOutput,
  DescribeInstancesCommandInput,
  DescribeInstancesCommandOutput,
  DescribeInstanceStatusCommandInput,
  DescribeInstanceStatusCommandOutput,
  Instance,
  InstanceStateChange,
  InstanceStatus,
  RequestLaunchTemplateData,
  Reservation,
  RunInstancesCommandInput,
  RunInstancesCommandOutput,
  StartInstancesCommandInput,
  StartInstancesCommandOutput,
  StopInstancesCommandInput,
  StopInstancesCommandOutput,
  TagSpecification,
  TerminateInstancesCommandInput,
  TerminateInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { availabilityZones, SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { AwsError, missingParameter } from '../../errors.js';
import { resourceId } from '../../ids.js';
import { hasElapsed, statesReached, type Timeline } from '../../kit/timed-state.js';
import type { Handler } from '../../service.js';
import { checkIdShape, INSTANCE, invalidParameterValue, lookup, SUBNET } from './errors.js';
import { applyFilters } from './filters.js';
import { launchableImage } from './images.js';
import { findLaunchTemplate, findVersion } from './launch-templates.js';
import {
  allocatePublicIp,
  createNetworkInterface,
  deleteNetworkInterface,
  privateDnsName,
  publicDnsName,
  toInstanceNetworkInterface,
} from './network-interfaces.js';
import type { InstanceRecord, InstanceStateName, RegionState, SubnetRecord } from './records.js';
import { interfaceGroups } from './security-groups.js';
import type { Ec2State } from './state.js';
import { allocatePrivateIp } from './subnets.js';
import { applyTagSpecifications, forgetTags, tagList, tagsOf } from './tags.js';

const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** The states that end by themselves: after their delay, the next one. */
const TIMELINE: Timeline<InstanceStateName> = {
  pending: { transition: 'ec2.instance.pending', to: 'running' },
  stopping: { transition: 'ec2.instance.stopping', to: 'stopped' },
  'shutting-down': { transition: 'ec2.instance.shutting-down', to: 'terminated' },
};

/** How long a terminated instance stays listed before it is forgotten. */
const TERMINATED_VISIBLE = 'ec2.instance.terminated';

const stateChange = (previous: InstanceStateName, current: InstanceStateName) => ({
  CurrentState: { Code: STATE_CODES[current], Name: current },
  PreviousState: { Code: STATE_CODES[previous], Name: previous },
});

export function settleInstances(region: RegionState, clock: Clock): void {
  for (const instance of Object.values(region.instances)) {
    for (const next of statesReached(instance.state, TIMELINE, clock)) enterState(region, instance, next.name, next.since);
    if (instance.state.name === 'terminated' && hasElapsed(clock, instance.state.since, TERMINATED_VISIBLE)) {
      delete region.instances[instance.instanceId];
      forgetTags(region, instance.instanceId);
      forgetTags(region, instance.rootVolumeId);
    }
  }
}

/** A state change and what comes with it: stopped instances lose their public IP, terminated ones their interface. */
function enterState(region: RegionState, instance: InstanceRecord, name: InstanceStateName, since: number): void {
  instance.state = { name, since };
  const eni = region.networkInterfaces[instance.networkInterfaceId];
  if (name === 'stopped' || name === 'terminated') {
    delete instance.publicIpAddress;
    if (eni) delete eni.publicIp;
  }
  if (name === 'terminated') deleteNetworkInterface(region, instance.networkInterfaceId);
  // A started instance gets a new public address where its subnet hands them out.
  if (name === 'pending' && eni && region.subnets[instance.subnetId]?.mapPublicIpOnLaunch) {
    eni.publicIp = allocatePublicIp();
    instance.publicIpAddress = eni.publicIp;
  }
}

const userInitiated = (now: number) =>
  `User initiated (${new Date(now).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' GMT')})`;

/** RunInstances' parameters after the launch template's, which explicit ones override. */
interface LaunchRequest extends RequestLaunchTemplateData {
  SubnetId?: string;
  PrivateIpAddress?: string;
}

function launchRequest(region: RegionState, input: RunInstancesCommandInput): LaunchRequest & { template?: InstanceRecord['launchTemplate'] } {
  const explicit = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as LaunchRequest;
  if (!input.LaunchTemplate) return explicit;
  const template = findLaunchTemplate(region, input.LaunchTemplate);
  const version = findVersion(template, input.LaunchTemplate.Version);
  return {
    ...(structuredClone(version.data) as LaunchRequest),
    ...explicit,
    TagSpecifications: [...(version.data.TagSpecifications ?? []), ...(input.TagSpecifications ?? [])],
    template: {
      id: template.launchTemplateId,
      name: template.launchTemplateName,
      version: String(version.versionNumber),
    },
  };
}

function defaultSubnet(region: RegionState, zone: string | undefined): SubnetRecord {
  const subnet = Object.values(region.subnets).find(
    (s) => s.defaultForAz && (zone === undefined ? s.availabilityZone === availabilityZones(region.region)[0] : s.availabilityZone === zone),
  );
  if (!subnet) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
  return subnet;
}

export function runInstances(region: RegionState, input: RunInstancesCommandInput, now: number): Reservation {
  const request = launchRequest(region, input);
  if (input.MinCount === undefined) throw missingParameter('MinCount');
  if (input.MaxCount === undefined) throw missingParameter('MaxCount');
  if (input.MinCount < 1 || input.MinCount > input.MaxCount) {
    throw invalidParameterValue(`Invalid value '${input.MinCount}' for minCount. Must be between 1 and maxCount`);
  }
  if (!request.ImageId) throw missingParameter('ImageId');
  const image = launchableImage(region, request.ImageId);
  const instanceType = request.InstanceType ?? 'm1.small';
  if (!/^[a-z][a-z0-9-]*\.(nano|micro|small|medium|large|metal|\d*xlarge)$/.test(instanceType)) {
    throw invalidParameterValue(`Invalid value '${instanceType}' for InstanceType.`);
  }
  if (request.KeyName && !Object.hasOwn(region.keyPairs, request.KeyName)) {
    throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${request.KeyName}' does not exist`);
  }
  const primaryInterface = request.NetworkInterfaces?.find((n) => (n.DeviceIndex ?? 0) === 0);
  const subnetId = request.SubnetId ?? primaryInterface?.SubnetId;
  const subnet = subnetId
    ? lookup(SUBNET, region.subnets, subnetId)
    : defaultSubnet(region, request.Placement?.AvailabilityZone);
  const groupIds = interfaceGroups(
    region,
    subnet,
    [...(request.SecurityGroupIds ?? []), ...(primaryInterface?.Groups ?? [])],
    request.SecurityGroups,
  );
  const mapsPublicIp = primaryInterface?.AssociatePublicIpAddress ?? subnet.mapPublicIpOnLaunch;

  const reservationId = resourceId('r');
  const clientToken = input.ClientToken ?? randomUUID();
  const instances: InstanceRecord[] = [];
  for (let index = 0; index < input.MaxCount; index++) {
    let privateIp: string;
    try {
      privateIp = index === 0 && request.PrivateIpAddress ? request.PrivateIpAddress : allocatePrivateIp(region, subnet);
    } catch (error) {
      // AWS launches as many as fit, as long as that is at least MinCount.
      if (index >= input.MinCount) break;
      throw error;
    }
    const instanceId = resourceId('i');
    const eni = createNetworkInterface(region, subnet, privateIp, [...groupIds]);
    eni.attachment = { attachmentId: resourceId('eni-attach'), instanceId, deviceIndex: 0, attachTime: now };
    if (mapsPublicIp) eni.publicIp = allocatePublicIp();
    const instance: InstanceRecord = {
      instanceId,
      reservationId,
      imageId: image.imageId,
      instanceType,
      ...(request.KeyName ? { keyName: request.KeyName } : {}),
      subnetId: subnet.subnetId,
      vpcId: subnet.vpcId,
      availabilityZone: subnet.availabilityZone,
      privateIpAddress: privateIp,
      ...(eni.publicIp ? { publicIpAddress: eni.publicIp } : {}),
      networkInterfaceId: eni.networkInterfaceId,
      rootVolumeId: resourceId('vol'),
      securityGroupIds: eni.groupIds,
      ...(request.UserData ? { userData: request.UserData } : {}),
      launchTime: now,
      amiLaunchIndex: index,
      clientToken,
      state: { name: 'pending', since: now },
      stateTransitionReason: '',
      ...(request.template ? { launchTemplate: request.template } : {}),
    };
    region.instances[instanceId] = instance;
    instances.push(instance);
    const specs = request.TagSpecifications as TagSpecification[] | undefined;
    applyTagSpecifications(region, specs, 'instance', instanceId);
    applyTagSpecifications(region, specs, 'volume', instance.rootVolumeId);
    applyTagSpecifications(region, specs, 'network-interface', eni.networkInterfaceId);
    if (request.template) {
      // AWS marks instances launched from a template with these tags.
      region.tags[instanceId] = [
        ...tagsOf(region, instanceId),
        { Key: 'aws:ec2launchtemplate:id', Value: request.template.id },
        { Key: 'aws:ec2launchtemplate:version', Value: request.template.version },
      ];
    }
  }
  return toReservation(region, instances);
}

/** RunInstances: a retried call with the same client token gets the first call's reservation, not new instances. */
export function launchInstances(region: RegionState, input: RunInstancesCommandInput, now: number): Reservation {
  const earlier = input.ClientToken ? Object.values(region.instances).filter((i) => i.clientToken === input.ClientToken) : [];
  if (earlier.length) return toReservation(region, earlier);
  return runInstances(region, input, now);
}

export function terminateInstances(region: RegionState, ids: readonly string[] | undefined, now: number): InstanceStateChange[] {
  return changeStates(region, ids, now, terminateInstance);
}

/** The named instances as DescribeInstances shows them; every missing id is reported at once. */
export function instancesById(region: RegionState, ids: readonly string[]): Instance[] {
  return findInstances(region, ids).map((instance) => toInstance(region, instance));
}

/** Start, stop or terminate: the instances change state together, or none does. */
function changeStates(
  region: RegionState,
  ids: readonly string[] | undefined,
  now: number,
  change: (instance: InstanceRecord) => InstanceStateName,
): InstanceStateChange[] {
  if (!ids?.length) throw missingParameter('InstanceId');
  const instances = findInstances(region, ids);
  const targets = instances.map(change);
  return instances.map((instance, i) => {
    const previous = instance.state.name;
    const target = targets[i]!;
    if (target !== previous) {
      enterState(region, instance, target, now);
      instance.stateTransitionReason = target === 'pending' ? '' : userInitiated(now);
    }
    return { InstanceId: instance.instanceId, ...stateChange(previous, target) };
  });
}

function startInstance(instance: InstanceRecord): InstanceStateName {
  const state = instance.state.name;
  if (state === 'pending' || state === 'running') return state;
  if (state !== 'stopped') {
    throw new AwsError('IncorrectInstanceState', `The instance '${instance.instanceId}' is not in a state from which it can be started.`);
  }
  return 'pending';
}

function stopInstance(instance: InstanceRecord): InstanceStateName {
  const state = instance.state.name;
  if (state === 'stopping' || state === 'stopped') return state;
  if (state === 'shutting-down' || state === 'terminated') {
    throw new AwsError('IncorrectInstanceState', `The instance '${instance.instanceId}' is not in a state from which it can be stopped.`);
  }
  return 'stopping';
}

function terminateInstance(instance: InstanceRecord): InstanceStateName {
  return instance.state.name === 'terminated' ? 'terminated' : 'shutting-down';
}

/** The named instances; AWS reports every missing id at once. */
function findInstances(region: RegionState, ids: readonly string[]): InstanceRecord[] {
  ids.forEach((id) => checkIdShape(INSTANCE, id));
  const missing = ids.filter((id) => !Object.hasOwn(region.instances, id));
  if (missing.length > 1) {
    throw new AwsError(INSTANCE.notFoundCode, `The instance IDs '${missing.join(', ')}' do not exist`);
  }
  if (missing.length) throw new AwsError(INSTANCE.notFoundCode, INSTANCE.notFoundMessage(missing[0]!));
  return ids.map((id) => region.instances[id]!);
}

function toInstance(region: RegionState, instance: InstanceRecord): Instance {
  const image = region.images[instance.imageId];
  const state = instance.state.name;
  const eni = region.networkInterfaces[instance.networkInterfaceId];
  const groups = instance.securityGroupIds.map((id) => ({ GroupId: id, GroupName: region.securityGroups[id]?.groupName }));
  const vpc = region.vpcs[instance.vpcId];
  const publicName =
    instance.publicIpAddress && vpc?.enableDnsHostnames ? publicDnsName(region.region, instance.publicIpAddress) : '';
  const rootDevice = image?.rootDeviceName ?? '/dev/xvda';
  const present = state !== 'terminated';
  return {
    Architecture: image?.architecture ?? 'x86_64',
    BlockDeviceMappings: present
      ? [
          {
            DeviceName: rootDevice,
            Ebs: {
              AttachTime: new Date(instance.launchTime),
              DeleteOnTermination: true,
              Status: 'attached',
              VolumeId: instance.rootVolumeId,
            },
          },
        ]
      : [],
    ClientToken: instance.clientToken,
    EbsOptimized: false,
    EnaSupport: true,
    Hypervisor: 'xen',
    NetworkInterfaces: eni ? [toInstanceNetworkInterface(region, eni)] : [],
    RootDeviceName: rootDevice,
    RootDeviceType: 'ebs',
    SecurityGroups: present ? groups : [],
    SourceDestCheck: true,
    StateReason:
      state === 'pending'
        ? { Code: 'pending', Message: 'pending' }
        : state === 'stopping' || state === 'stopped' || state === 'shutting-down' || state === 'terminated'
          ? { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' }
          : undefined,
    Tags: tagList(region, instance.instanceId),
    VirtualizationType: 'hvm',
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: false },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    },
    EnclaveOptions: { Enabled: false },
    PlatformDetails: image?.platformDetails ?? 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: new Date(instance.launchTime),
    PrivateDnsNameOptions: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
    MaintenanceOptions: { AutoRecovery: 'default' },
    InstanceId: instance.instanceId,
    ImageId: instance.imageId,
    State: { Code: STATE_CODES[state], Name: state },
    PrivateDnsName: present ? privateDnsName(region.region, instance.privateIpAddress) : '',
    PublicDnsName: publicName,
    StateTransitionReason: instance.stateTransitionReason,
    KeyName: instance.keyName,
    AmiLaunchIndex: instance.amiLaunchIndex,
    ProductCodes: [],
    InstanceType: instance.instanceType as Instance['InstanceType'],
    LaunchTime: new Date(instance.launchTime),
    Placement: { GroupName: '', Tenancy: 'default', AvailabilityZone: instance.availabilityZone },
    Monitoring: { State: 'disabled' },
    SubnetId: present ? instance.subnetId : undefined,
    VpcId: present ? instance.vpcId : undefined,
    PrivateIpAddress: present ? instance.privateIpAddress : undefined,
    PublicIpAddress: instance.publicIpAddress,
  };
}

function toReservation(region: RegionState, instances: readonly InstanceRecord[]): Reservation {
  return {
    ReservationId: instances[0]!.reservationId,
    OwnerId: SANDBOX_ACCOUNT_ID,
    Groups: [],
    Instances: instances.map((i) => toInstance(region, i)),
  };
}

const INSTANCE_FILTERS = {
  'instance-id': (i: InstanceRecord) => i.instanceId,
  'instance-state-name': (i: InstanceRecord) => i.state.name,
  'instance-state-code': (i: InstanceRecord) => STATE_CODES[i.state.name],
  'instance-type': (i: InstanceRecord) => i.instanceType,
  'image-id': (i: InstanceRecord) => i.imageId,
  'vpc-id': (i: InstanceRecord) => i.vpcId,
  'subnet-id': (i: InstanceRecord) => i.subnetId,
  'availability-zone': (i: InstanceRecord) => i.availabilityZone,
  'key-name': (i: InstanceRecord) => i.keyName,
  'private-ip-address': (i: InstanceRecord) => i.privateIpAddress,
  'ip-address': (i: InstanceRecord) => i.publicIpAddress,
  'reservation-id': (i: InstanceRecord) => i.reservationId,
  'instance.group-id': (i: InstanceRecord) => i.securityGroupIds,
  'network-interface.network-interface-id': (i: InstanceRecord) => i.networkInterfaceId,
  'launch-time': (i: InstanceRecord) => new Date(i.launchTime).toISOString(),
  'owner-id': () => SANDBOX_ACCOUNT_ID,
};

/** Status checks pass once an instance has run for `ec2.instance.status-checks`. */
function statusOf(instance: InstanceRecord, clock: Clock): 'ok' | 'initializing' | 'not-applicable' {
  if (instance.state.name !== 'running') return 'not-applicable';
  return hasElapsed(clock, instance.state.since, 'ec2.instance.status-checks') ? 'ok' : 'initializing';
}

export function instanceOperations(ec2: Ec2State) {
  const RunInstances: Handler<RunInstancesCommandInput, RunInstancesCommandOutput> = (input, ctx) =>
    launchInstances(ec2.region(ctx.region), input, ctx.clock.now());

  const DescribeInstances: Handler<DescribeInstancesCommandInput, DescribeInstancesCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    const instances = input.InstanceIds?.length
      ? findInstances(region, input.InstanceIds)
      : Object.values(region.instances);
    const matching = applyFilters(instances, input.Filters, INSTANCE_FILTERS, (i) => tagsOf(region, i.instanceId));
    const reservations = new Map<string, InstanceRecord[]>();
    for (const instance of matching) {
      reservations.set(instance.reservationId, [...(reservations.get(instance.reservationId) ?? []), instance]);
    }
    return { Reservations: [...reservations.values()].map((group) => toReservation(region, group)) };
  };

  const DescribeInstanceStatus: Handler<DescribeInstanceStatusCommandInput, DescribeInstanceStatusCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    let instances = input.InstanceIds?.length ? findInstances(region, input.InstanceIds) : Object.values(region.instances);
    if (!input.IncludeAllInstances) instances = instances.filter((i) => i.state.name === 'running');
    const statuses: InstanceStatus[] = instances.map((instance) => {
      const status = statusOf(instance, ctx.clock);
      const check = {
        Status: status,
        Details:
          status === 'not-applicable' ? undefined : [{ Name: 'reachability' as const, Status: status === 'ok' ? 'passed' as const : 'initializing' as const }],
      };
      return {
        AvailabilityZone: instance.availabilityZone,
        InstanceId: instance.instanceId,
        InstanceState: { Code: STATE_CODES[instance.state.name], Name: instance.state.name },
        InstanceStatus: check,
        SystemStatus: check,
        AttachedEbsStatus: check,
      };
    });
    const matching = applyFilters(
      statuses,
      input.Filters,
      {
        'instance-state-name': (s) => s.InstanceState?.Name,
        'instance-state-code': (s) => s.InstanceState?.Code,
        'instance-status.status': (s) => s.InstanceStatus?.Status,
        'system-status.status': (s) => s.SystemStatus?.Status,
        'availability-zone': (s) => s.AvailabilityZone,
      },
      () => [],
    );
    return { InstanceStatuses: matching };
  };

  const StartInstances: Handler<StartInstancesCommandInput, StartInstancesCommandOutput> = (input, ctx) => ({
    StartingInstances: changeStates(ec2.region(ctx.region), input.InstanceIds, ctx.clock.now(), startInstance),
  });

  const StopInstances: Handler<StopInstancesCommandInput, StopInstancesCommandOutput> = (input, ctx) => ({
    StoppingInstances: changeStates(ec2.region(ctx.region), input.InstanceIds, ctx.clock.now(), stopInstance),
  });

  const TerminateInstances: Handler<TerminateInstancesCommandInput, TerminateInstancesCommandOutput> = (input, ctx) => ({
    TerminatingInstances: terminateInstances(ec2.region(ctx.region), input.InstanceIds, ctx.clock.now()),
  });

  const DescribeInstanceAttribute: Handler<DescribeInstanceAttributeCommandInput, DescribeInstanceAttributeCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    if (!input.InstanceId) throw missingParameter('instanceId');
    if (!input.Attribute) throw missingParameter('attribute');
    const [instance] = findInstances(region, [input.InstanceId]);
    const groups = instance!.securityGroupIds.map((id) => ({ GroupId: id, GroupName: region.securityGroups[id]?.groupName }));
    const attributes: Record<string, Omit<DescribeInstanceAttributeCommandOutput, '$metadata' | 'InstanceId'>> = {
      userData: { UserData: instance!.userData ? { Value: instance!.userData } : {} },
      instanceType: { InstanceType: { Value: instance!.instanceType } },
      groupSet: { Groups: groups },
      disableApiTermination: { DisableApiTermination: { Value: false } },
      disableApiStop: { DisableApiStop: { Value: false } },
      instanceInitiatedShutdownBehavior: { InstanceInitiatedShutdownBehavior: { Value: 'stop' } },
      rootDeviceName: { RootDeviceName: { Value: region.images[instance!.imageId]?.rootDeviceName ?? '/dev/xvda' } },
      sourceDestCheck: { SourceDestCheck: { Value: true } },
      ebsOptimized: { EbsOptimized: { Value: false } },
    };
    const attribute = input.Attribute as string;
    if (!Object.hasOwn(attributes, attribute)) {
      throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
    }
    return { InstanceId: instance!.instanceId, ...attributes[attribute] };
  };

  return {
    RunInstances,
    DescribeInstances,
    DescribeInstanceStatus,
    StartInstances,
    StopInstances,
    TerminateInstances,
    DescribeInstanceAttribute,
  };
}
