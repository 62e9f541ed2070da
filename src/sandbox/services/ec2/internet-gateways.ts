/** Internet gateways: created detached, attached to at most one VPC, deleted only detached. */
import type {
  AttachInternetGatewayCommandInput,
  AttachInternetGatewayCommandOutput,
  AttachmentStatus,
  CreateInternetGatewayCommandInput,
  CreateInternetGatewayCommandOutput,
  DeleteInternetGatewayCommandInput,
  DeleteInternetGatewayCommandOutput,
  DescribeInternetGatewaysCommandInput,
  DescribeInternetGatewaysCommandOutput,
  DetachInternetGatewayCommandInput,
  DetachInternetGatewayCommandOutput,
  InternetGateway,
} from '@aws-sdk/client-ec2';
import { AwsError, missingParameter } from '../../errors.js';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { resourceId } from '../../ids.js';
import type { Handler } from '../../service.js';
import { describeRecords, type Listing } from './describe.js';
import { dependencyViolation, hasDependencies, INTERNET_GATEWAY, invalidParameterValue, lookup, VPC } from './errors.js';
import type { InternetGatewayRecord, RegionState } from './records.js';
import type { Ec2State } from './state.js';
import { applyTagSpecifications, forgetTags, tagList } from './tags.js';

export function createInternetGateway(region: RegionState): InternetGatewayRecord {
  const gateway: InternetGatewayRecord = { internetGatewayId: resourceId('igw') };
  region.internetGateways[gateway.internetGatewayId] = gateway;
  return gateway;
}

export function attachInternetGateway(region: RegionState, gatewayId: string, vpcId: string): void {
  const gateway = lookup(INTERNET_GATEWAY, region.internetGateways, gatewayId);
  lookup(VPC, region.vpcs, vpcId);
  if (gateway.vpcId) {
    throw new AwsError('Resource.AlreadyAssociated', `resource ${gatewayId} is already attached to network ${gateway.vpcId}`);
  }
  if (Object.values(region.internetGateways).some((g) => g.vpcId === vpcId)) {
    throw invalidParameterValue(`Network ${vpcId} already has an internet gateway attached`);
  }
  gateway.vpcId = vpcId;
}

/** Detaching would strand the VPC's public addresses, so AWS refuses while any are mapped. */
export function detachInternetGateway(region: RegionState, gatewayId: string, vpcId: string): void {
  const gateway = lookup(INTERNET_GATEWAY, region.internetGateways, gatewayId);
  lookup(VPC, region.vpcs, vpcId);
  if (gateway.vpcId !== vpcId) {
    throw new AwsError('Gateway.NotAttached', `resource ${gatewayId} is not attached to network ${vpcId}`);
  }
  if (Object.values(region.networkInterfaces).some((eni) => eni.vpcId === vpcId && eni.publicIp)) {
    throw dependencyViolation(
      `Network ${vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
    );
  }
  delete gateway.vpcId;
}

export function deleteInternetGateway(region: RegionState, gatewayId: string): void {
  const gateway = lookup(INTERNET_GATEWAY, region.internetGateways, gatewayId);
  if (gateway.vpcId) throw hasDependencies('internetGateway', gatewayId);
  delete region.internetGateways[gatewayId];
  forgetTags(region, gatewayId);
}

function toInternetGateway(region: RegionState, gateway: InternetGatewayRecord): InternetGateway {
  return {
    // AWS answers `available` here, a value outside the SDK's AttachmentStatus enum.
    Attachments: gateway.vpcId ? [{ State: 'available' as AttachmentStatus, VpcId: gateway.vpcId }] : [],
    InternetGatewayId: gateway.internetGatewayId,
    OwnerId: SANDBOX_ACCOUNT_ID,
    Tags: tagList(region, gateway.internetGatewayId),
  };
}

const INTERNET_GATEWAY_FILTERS = {
  'internet-gateway-id': (g: InternetGatewayRecord) => g.internetGatewayId,
  'attachment.vpc-id': (g: InternetGatewayRecord) => g.vpcId,
  'attachment.state': (g: InternetGatewayRecord) => (g.vpcId ? 'available' : undefined),
  'owner-id': () => SANDBOX_ACCOUNT_ID,
};

const INTERNET_GATEWAYS: Listing<InternetGatewayRecord> = {
  kind: INTERNET_GATEWAY,
  records: (region) => region.internetGateways,
  filters: INTERNET_GATEWAY_FILTERS,
  idOf: (g) => g.internetGatewayId,
};

export function internetGatewayOperations(ec2: Ec2State) {
  const CreateInternetGateway: Handler<CreateInternetGatewayCommandInput, CreateInternetGatewayCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    const gateway = createInternetGateway(region);
    applyTagSpecifications(region, input.TagSpecifications, 'internet-gateway', gateway.internetGatewayId);
    return { InternetGateway: toInternetGateway(region, gateway) };
  };

  const AttachInternetGateway: Handler<AttachInternetGatewayCommandInput, AttachInternetGatewayCommandOutput> = (
    input,
    ctx,
  ) => {
    if (!input.InternetGatewayId) throw missingParameter('internetGatewayId');
    if (!input.VpcId) throw missingParameter('vpcId');
    attachInternetGateway(ec2.region(ctx.region), input.InternetGatewayId, input.VpcId);
    return {};
  };

  const DetachInternetGateway: Handler<DetachInternetGatewayCommandInput, DetachInternetGatewayCommandOutput> = (
    input,
    ctx,
  ) => {
    if (!input.InternetGatewayId) throw missingParameter('internetGatewayId');
    if (!input.VpcId) throw missingParameter('vpcId');
    detachInternetGateway(ec2.region(ctx.region), input.InternetGatewayId, input.VpcId);
    return {};
  };

  const DeleteInternetGateway: Handler<DeleteInternetGatewayCommandInput, DeleteInternetGatewayCommandOutput> = (
    input,
    ctx,
  ) => {
    if (!input.InternetGatewayId) throw missingParameter('internetGatewayId');
    deleteInternetGateway(ec2.region(ctx.region), input.InternetGatewayId);
    return {};
  };

  const DescribeInternetGateways: Handler<DescribeInternetGatewaysCommandInput, DescribeInternetGatewaysCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    const matching = describeRecords(region, INTERNET_GATEWAYS, input.InternetGatewayIds, input.Filters);
    return { InternetGateways: matching.map((g) => toInternetGateway(region, g)) };
  };

  return {
    CreateInternetGateway,
    AttachInternetGateway,
    DetachInternetGateway,
    DeleteInternetGateway,
    DescribeInternetGateways,
  };
}
