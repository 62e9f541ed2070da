/**
 * What the EC2 sandbox stores: plain JSON-able records, one map per resource kind and
 * region. Times are epoch milliseconds; timed states are the kit's `{ name, since }`
 * (kit/timed-state.ts), read through the clock rather than advanced by timers.
 */
import type { RequestLaunchTemplateData } from '@aws-sdk/client-ec2';
import type { Tag } from '../../kit/tags.js';
import type { TimedState } from '../../kit/timed-state.js';

export interface VpcRecord {
  vpcId: string;
  cidrBlock: string;
  cidrAssociationId: string;
  isDefault: boolean;
  instanceTenancy: string;
  dhcpOptionsId: string;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
}

export interface SubnetRecord {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
}

export interface InternetGatewayRecord {
  internetGatewayId: string;
  /** The VPC it is attached to; AWS allows one attachment. */
  vpcId?: string;
}

export interface RouteRecord {
  destinationCidrBlock: string;
  /** `local` for the VPC's own route, else an internet gateway id. */
  gatewayId: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTableAssociationRecord {
  associationId: string;
  /** Absent for the main association, which stands for every subnet without its own. */
  subnetId?: string;
  main: boolean;
}

export interface RouteTableRecord {
  routeTableId: string;
  vpcId: string;
  routes: RouteRecord[];
  associations: RouteTableAssociationRecord[];
}

/** One rule as AWS models it since 2021: one peer (CIDR or group) per rule, with an sgr- id. */
export interface SecurityGroupRuleRecord {
  ruleId: string;
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  referencedGroupId?: string;
  description?: string;
}

export interface SecurityGroupRecord {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ingress: SecurityGroupRuleRecord[];
  egress: SecurityGroupRuleRecord[];
}

export interface KeyPairRecord {
  keyPairId: string;
  keyName: string;
  keyType: 'rsa' | 'ed25519';
  keyFingerprint: string;
  /** OpenSSH public key line. */
  publicKey: string;
  createTime: number;
}

export interface BlockDeviceRecord {
  deviceName: string;
  snapshotId: string;
  volumeSize: number;
  volumeType: string;
}

export interface ImageRecord {
  imageId: string;
  name: string;
  description?: string;
  ownerId: string;
  /** `amazon` for Amazon's images; absent for the account's own. */
  ownerAlias?: string;
  creationDate: string;
  architecture: 'x86_64' | 'arm64';
  platformDetails: string;
  rootDeviceName: string;
  blockDevices: BlockDeviceRecord[];
  public: boolean;
  /** Catalogue images are available from the start; CreateImage's start pending. */
  state: TimedState<'pending' | 'available'>;
  /** The instance CreateImage was called on. */
  sourceInstanceId?: string;
}

export interface SnapshotRecord {
  snapshotId: string;
  volumeId: string;
  volumeSize: number;
  description: string;
  startTime: number;
  state: TimedState<'pending' | 'completed'>;
}

export type InstanceStateName = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface InstanceRecord {
  instanceId: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  keyName?: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  privateIpAddress: string;
  publicIpAddress?: string;
  networkInterfaceId: string;
  rootVolumeId: string;
  securityGroupIds: string[];
  /** Base64, as RunInstances received it. */
  userData?: string;
  launchTime: number;
  amiLaunchIndex: number;
  clientToken: string;
  state: TimedState<InstanceStateName>;
  stateTransitionReason: string;
  launchTemplate?: { id: string; name: string; version: string };
}

export interface NetworkInterfaceRecord {
  networkInterfaceId: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  privateIpAddress: string;
  publicIp?: string;
  macAddress: string;
  description: string;
  groupIds: string[];
  /** Who manages an interface another service made (`amazon-elb`, an account id); absent for the account's own. */
  requesterId?: string;
  attachment?: { attachmentId: string; instanceId: string; deviceIndex: number; attachTime: number };
}

export interface LaunchTemplateVersionRecord {
  versionNumber: number;
  versionDescription?: string;
  createTime: number;
  data: RequestLaunchTemplateData;
}

export interface LaunchTemplateRecord {
  launchTemplateId: string;
  launchTemplateName: string;
  createTime: number;
  defaultVersionNumber: number;
  versions: LaunchTemplateVersionRecord[];
}

/** One region's EC2: every map is keyed by the resource's id (key pairs by name). */
export interface RegionState {
  region: string;
  vpcs: Record<string, VpcRecord>;
  subnets: Record<string, SubnetRecord>;
  internetGateways: Record<string, InternetGatewayRecord>;
  routeTables: Record<string, RouteTableRecord>;
  securityGroups: Record<string, SecurityGroupRecord>;
  keyPairs: Record<string, KeyPairRecord>;
  images: Record<string, ImageRecord>;
  snapshots: Record<string, SnapshotRecord>;
  instances: Record<string, InstanceRecord>;
  networkInterfaces: Record<string, NetworkInterfaceRecord>;
  launchTemplates: Record<string, LaunchTemplateRecord>;
  /** Tags of any resource, by resource id, in the order they were first set. */
  tags: Record<string, Tag[]>;
}
