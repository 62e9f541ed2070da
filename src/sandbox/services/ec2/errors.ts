/**
 * EC2's errors in AWS's own codes and words. The codes are not derivable from one another
 * (`InvalidVpcID.Malformed` but `InvalidGroupId.Malformed`), so each resource spells its pair
 * here, as the EC2 API reference's error table and real responses do.
 */
import { AwsError } from '../../errors.js';

export interface IdKind {
  /** The id prefix, `vpc` for `vpc-0a1b...`. */
  prefix: string;
  notFoundCode: string;
  notFoundMessage: (id: string) => string;
  malformedCode: string;
}

const kind = (prefix: string, notFoundCode: string, noun: string, malformedCode: string): IdKind => ({
  prefix,
  notFoundCode,
  notFoundMessage: (id) => `The ${noun} '${id}' does not exist`,
  malformedCode,
});

export const VPC = kind('vpc', 'InvalidVpcID.NotFound', 'vpc ID', 'InvalidVpcID.Malformed');
export const SUBNET = kind('subnet', 'InvalidSubnetID.NotFound', 'subnet ID', 'InvalidSubnetID.Malformed');
export const SECURITY_GROUP = kind('sg', 'InvalidGroup.NotFound', 'security group', 'InvalidGroupId.Malformed');
export const ROUTE_TABLE = kind('rtb', 'InvalidRouteTableID.NotFound', 'routeTable ID', 'InvalidRouteTableId.Malformed');
export const INTERNET_GATEWAY = kind(
  'igw',
  'InvalidInternetGatewayID.NotFound',
  'internetGateway ID',
  'InvalidInternetGatewayId.Malformed',
);
export const NETWORK_INTERFACE = kind(
  'eni',
  'InvalidNetworkInterfaceID.NotFound',
  'networkInterface ID',
  'InvalidNetworkInterfaceId.Malformed',
);
export const INSTANCE = kind('i', 'InvalidInstanceID.NotFound', 'instance ID', 'InvalidInstanceID.Malformed');
export const IMAGE: IdKind = {
  prefix: 'ami',
  notFoundCode: 'InvalidAMIID.NotFound',
  notFoundMessage: (id) => `The image id '[${id}]' does not exist`,
  malformedCode: 'InvalidAMIID.Malformed',
};
export const SNAPSHOT: IdKind = {
  prefix: 'snap',
  notFoundCode: 'InvalidSnapshot.NotFound',
  notFoundMessage: (id) => `The snapshot '${id}' does not exist.`,
  malformedCode: 'InvalidSnapshotID.Malformed',
};
export const LAUNCH_TEMPLATE: IdKind = {
  prefix: 'lt',
  notFoundCode: 'InvalidLaunchTemplateId.NotFound',
  notFoundMessage: (id) => `The specified launch template, with template ID ${id}, does not exist.`,
  malformedCode: 'InvalidLaunchTemplateId.Malformed',
};
export const ROUTE_TABLE_ASSOCIATION: IdKind = {
  prefix: 'rtbassoc',
  notFoundCode: 'InvalidAssociationID.NotFound',
  notFoundMessage: (id) => `The association ID '${id}' does not exist`,
  malformedCode: 'InvalidAssociationID.Malformed',
};

// Short (8 hex) ids are what EC2 issued before 2018 and still accepts; new ones are 17.
const shapes = new Map<string, RegExp>();

function shapeOf(kind: IdKind): RegExp {
  let shape = shapes.get(kind.prefix);
  if (!shape) {
    shape = new RegExp(`^${kind.prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);
    shapes.set(kind.prefix, shape);
  }
  return shape;
}

/** AWS refuses a badly shaped id while parsing the request, before it looks anything up. */
export function checkIdShape(kind: IdKind, id: string): void {
  if (!shapeOf(kind).test(id)) {
    throw new AwsError(kind.malformedCode, `Invalid id: "${id}" (expecting "${kind.prefix}-...")`);
  }
}

/** The resource named `id`, else the kind's Malformed or NotFound error. */
export function lookup<R>(kind: IdKind, records: Readonly<Record<string, R>>, id: string): R {
  checkIdShape(kind, id);
  const record = Object.hasOwn(records, id) ? records[id] : undefined;
  if (!record) throw new AwsError(kind.notFoundCode, kind.notFoundMessage(id));
  return record;
}

/** The records an explicit id list names, in its order; shapes are checked across the list first. */
export function lookupAll<R>(kind: IdKind, records: Readonly<Record<string, R>>, ids: readonly string[]): R[] {
  for (const id of ids) checkIdShape(kind, id);
  return ids.map((id) => lookup(kind, records, id));
}

export function dependencyViolation(message: string): AwsError {
  return new AwsError('DependencyViolation', message);
}

/** "The vpc 'vpc-...' has dependencies and cannot be deleted." */
export function hasDependencies(noun: string, id: string): AwsError {
  return dependencyViolation(`The ${noun} '${id}' has dependencies and cannot be deleted.`);
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

export function dryRunOperation(): AwsError {
  return new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', { status: 412 });
}
