/** VPCs: the network every other EC2 resource here lives in. */
import type {
  CreateVpcCommandInput,
  CreateVpcCommandOutput,
  DeleteVpcCommandInput,
  DeleteVpcCommandOutput,
  DescribeVpcAttributeCommandInput,
  DescribeVpcAttributeCommandOutput,
  DescribeVpcsCommandInput,
  DescribeVpcsCommandOutput,
  ModifyVpcAttributeCommandInput,
  ModifyVpcAttributeCommandOutput,
  Vpc,
} from '@aws-sdk/client-ec2';
import { AwsError, missingParameter } from '../../errors.js';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { resourceId } from '../../ids.js';
import type { Handler } from '../../service.js';
import { parseCidr } from './cidr.js';
import { describeRecords, type Listing } from './describe.js';
import { hasDependencies, invalidParameterValue, lookup, VPC } from './errors.js';
import type { RegionState, VpcRecord } from './records.js';
import { createRouteTable } from './route-tables.js';
import { createSecurityGroup } from './security-groups.js';
import { stableId } from './stable-ids.js';
import type { Ec2State } from './state.js';
import { applyTagSpecifications, forgetTags, tagList } from './tags.js';

/** A VPC with its main route table (local route only) and its default security group. */
export function createVpc(region: RegionState, cidrBlock: string, options: { isDefault?: boolean } = {}): VpcRecord {
  const cidr = parseCidr(cidrBlock);
  if (!cidr) {
    throw invalidParameterValue(`Value (${cidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  }
  if (cidr.prefix < 16 || cidr.prefix > 28) throw new AwsError('InvalidVpc.Range', `The CIDR '${cidrBlock}' is invalid.`);
  const vpc: VpcRecord = {
    vpcId: resourceId('vpc'),
    cidrBlock,
    cidrAssociationId: resourceId('vpc-cidr-assoc'),
    isDefault: options.isDefault ?? false,
    instanceTenancy: 'default',
    dhcpOptionsId: stableId('dopt', region.region),
    enableDnsSupport: true,
    enableDnsHostnames: false,
  };
  region.vpcs[vpc.vpcId] = vpc;
  createRouteTable(region, vpc.vpcId, { main: true });
  createSecurityGroup(region, vpc.vpcId, 'default', `default VPC security group`);
  return vpc;
}

/**
 * Deletes a VPC whose only remaining contents are what AWS created with it (main route
 * table, default security group); anything else is a DependencyViolation.
 */
export function deleteVpc(region: RegionState, vpcId: string): void {
  lookup(VPC, region.vpcs, vpcId);
  const inVpc = <R extends { vpcId?: string }>(records: Record<string, R>) =>
    Object.values(records).filter((r) => r.vpcId === vpcId);
  const blocking =
    inVpc(region.subnets).length > 0 ||
    inVpc(region.internetGateways).length > 0 ||
    inVpc(region.securityGroups).some((g) => g.groupName !== 'default') ||
    inVpc(region.routeTables).some((t) => !t.associations.some((a) => a.main));
  if (blocking) throw hasDependencies('vpc', vpcId);
  for (const table of inVpc(region.routeTables)) {
    delete region.routeTables[table.routeTableId];
    forgetTags(region, table.routeTableId);
  }
  for (const group of inVpc(region.securityGroups)) {
    delete region.securityGroups[group.groupId];
    forgetTags(region, group.groupId);
  }
  delete region.vpcs[vpcId];
  forgetTags(region, vpcId);
}

function toVpc(region: RegionState, vpc: VpcRecord, state: 'pending' | 'available'): Vpc {
  return {
    OwnerId: SANDBOX_ACCOUNT_ID,
    InstanceTenancy: vpc.instanceTenancy as Vpc['InstanceTenancy'],
    CidrBlockAssociationSet: [
      { AssociationId: vpc.cidrAssociationId, CidrBlock: vpc.cidrBlock, CidrBlockState: { State: 'associated' } },
    ],
    IsDefault: vpc.isDefault,
    Tags: tagList(region, vpc.vpcId),
    VpcId: vpc.vpcId,
    State: state,
    CidrBlock: vpc.cidrBlock,
    DhcpOptionsId: vpc.dhcpOptionsId,
  };
}

const VPC_FILTERS = {
  'vpc-id': (v: VpcRecord) => v.vpcId,
  cidr: (v: VpcRecord) => v.cidrBlock,
  'cidr-block-association.cidr-block': (v: VpcRecord) => v.cidrBlock,
  'cidr-block-association.association-id': (v: VpcRecord) => v.cidrAssociationId,
  'cidr-block-association.state': () => 'associated',
  state: () => 'available',
  'is-default': (v: VpcRecord) => v.isDefault,
  'owner-id': () => SANDBOX_ACCOUNT_ID,
  'dhcp-options-id': (v: VpcRecord) => v.dhcpOptionsId,
};

const VPCS: Listing<VpcRecord> = { kind: VPC, records: (region) => region.vpcs, filters: VPC_FILTERS, idOf: (v) => v.vpcId };

const VPC_ATTRIBUTES = {
  enableDnsSupport: 'EnableDnsSupport',
  enableDnsHostnames: 'EnableDnsHostnames',
} as const;

export function vpcOperations(ec2: Ec2State) {
  const CreateVpc: Handler<CreateVpcCommandInput, CreateVpcCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    if (!input.CidrBlock) throw missingParameter('cidrBlock');
    const vpc = createVpc(region, input.CidrBlock);
    if (input.InstanceTenancy) vpc.instanceTenancy = input.InstanceTenancy;
    applyTagSpecifications(region, input.TagSpecifications, 'vpc', vpc.vpcId);
    return { Vpc: toVpc(region, vpc, 'pending') };
  };

  const DescribeVpcs: Handler<DescribeVpcsCommandInput, DescribeVpcsCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    const matching = describeRecords(region, VPCS, input.VpcIds, input.Filters);
    return { Vpcs: matching.map((v) => toVpc(region, v, 'available')) };
  };

  const DeleteVpc: Handler<DeleteVpcCommandInput, DeleteVpcCommandOutput> = (input, ctx) => {
    if (!input.VpcId) throw missingParameter('vpcId');
    deleteVpc(ec2.region(ctx.region), input.VpcId);
    return {};
  };

  const ModifyVpcAttribute: Handler<ModifyVpcAttributeCommandInput, ModifyVpcAttributeCommandOutput> = (input, ctx) => {
    if (!input.VpcId) throw missingParameter('vpcId');
    const vpc = lookup(VPC, ec2.region(ctx.region).vpcs, input.VpcId);
    const changes = [input.EnableDnsSupport?.Value, input.EnableDnsHostnames?.Value].filter((v) => v !== undefined);
    // AWS takes exactly one attribute per call.
    if (changes.length !== 1) {
      throw new AwsError(
        'InvalidParameterCombination',
        'Only one attribute can be modified at a time. Please specify one of: EnableDnsSupport, EnableDnsHostnames',
      );
    }
    if (input.EnableDnsSupport?.Value !== undefined) vpc.enableDnsSupport = input.EnableDnsSupport.Value;
    if (input.EnableDnsHostnames?.Value !== undefined) {
      if (input.EnableDnsHostnames.Value && !vpc.enableDnsSupport) {
        throw invalidParameterValue('Cannot enable DNS hostnames when DNS support is disabled.');
      }
      vpc.enableDnsHostnames = input.EnableDnsHostnames.Value;
    }
    return {};
  };

  const DescribeVpcAttribute: Handler<DescribeVpcAttributeCommandInput, DescribeVpcAttributeCommandOutput> = (
    input,
    ctx,
  ) => {
    if (!input.VpcId) throw missingParameter('vpcId');
    if (!input.Attribute) throw missingParameter('attribute');
    const vpc = lookup(VPC, ec2.region(ctx.region).vpcs, input.VpcId);
    const attribute = input.Attribute as string;
    if (!Object.hasOwn(VPC_ATTRIBUTES, attribute)) {
      throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
    }
    const member = VPC_ATTRIBUTES[attribute as keyof typeof VPC_ATTRIBUTES];
    return { VpcId: vpc.vpcId, [member]: { Value: member === 'EnableDnsSupport' ? vpc.enableDnsSupport : vpc.enableDnsHostnames } };
  };

  return { CreateVpc, DescribeVpcs, DeleteVpc, ModifyVpcAttribute, DescribeVpcAttribute };
}
