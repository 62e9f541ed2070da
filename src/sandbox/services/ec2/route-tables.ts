/**
 * Route tables: every VPC has a main one (its association stands for each subnet without
 * its own), routes to internet gateways, and explicit subnet associations.
 */
import type {
  AssociateRouteTableCommandInput,
  AssociateRouteTableCommandOutput,
  CreateRouteCommandInput,
  CreateRouteCommandOutput,
  CreateRouteTableCommandInput,
  CreateRouteTableCommandOutput,
  DeleteRouteCommandInput,
  DeleteRouteCommandOutput,
  DeleteRouteTableCommandInput,
  DeleteRouteTableCommandOutput,
  DescribeRouteTablesCommandInput,
  DescribeRouteTablesCommandOutput,
  DisassociateRouteTableCommandInput,
  DisassociateRouteTableCommandOutput,
  ReplaceRouteTableAssociationCommandInput,
  ReplaceRouteTableAssociationCommandOutput,
  RouteTable,
} from '@aws-sdk/client-ec2';
import { AwsError, missingParameter } from '../../errors.js';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { resourceId } from '../../ids.js';
import type { Handler } from '../../service.js';
import { parseCidr } from './cidr.js';
import {
  checkIdShape,
  hasDependencies,
  invalidParameterValue,
  lookup,
  ROUTE_TABLE,
  ROUTE_TABLE_ASSOCIATION,
  SUBNET,
  VPC,
} from './errors.js';
import { describeRecords, type Listing } from './describe.js';
import type { RegionState, RouteTableAssociationRecord, RouteTableRecord } from './records.js';
import type { Ec2State } from './state.js';
import { applyTagSpecifications, forgetTags, tagList } from './tags.js';

export function createRouteTable(region: RegionState, vpcId: string, options: { main?: boolean } = {}): RouteTableRecord {
  const vpc = lookup(VPC, region.vpcs, vpcId);
  const table: RouteTableRecord = {
    routeTableId: resourceId('rtb'),
    vpcId,
    routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
    associations: options.main ? [{ associationId: resourceId('rtbassoc'), main: true }] : [],
  };
  region.routeTables[table.routeTableId] = table;
  return table;
}

export function mainRouteTable(region: RegionState, vpcId: string): RouteTableRecord {
  return Object.values(region.routeTables).find((t) => t.vpcId === vpcId && t.associations.some((a) => a.main))!;
}

export function createRoute(region: RegionState, routeTableId: string, destination: string, gatewayId: string): void {
  const table = lookup(ROUTE_TABLE, region.routeTables, routeTableId);
  if (!parseCidr(destination)) {
    throw invalidParameterValue(
      `Value (${destination}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`,
    );
  }
  if (!gatewayId.startsWith('igw-') || !Object.hasOwn(region.internetGateways, gatewayId)) {
    throw new AwsError('InvalidGatewayID.NotFound', `The gateway ID '${gatewayId}' does not exist`);
  }
  if (region.internetGateways[gatewayId]!.vpcId !== table.vpcId) {
    throw invalidParameterValue(`route table ${routeTableId} and network gateway ${gatewayId} belong to different networks`);
  }
  if (table.routes.some((r) => r.destinationCidrBlock === destination)) {
    throw new AwsError('RouteAlreadyExists', `The route identified by ${destination} already exists.`);
  }
  table.routes.push({ destinationCidrBlock: destination, gatewayId, origin: 'CreateRoute' });
}

export function deleteRoute(region: RegionState, routeTableId: string, destination: string): void {
  const table = lookup(ROUTE_TABLE, region.routeTables, routeTableId);
  const route = table.routes.find((r) => r.destinationCidrBlock === destination);
  if (!route) {
    throw new AwsError(
      'InvalidRoute.NotFound',
      `no route with destination-cidr-block ${destination} in route table ${routeTableId}`,
    );
  }
  if (route.gatewayId === 'local') {
    throw invalidParameterValue(`cannot remove local route ${destination} in route table ${routeTableId}`);
  }
  table.routes = table.routes.filter((r) => r !== route);
}

export function associateRouteTable(region: RegionState, routeTableId: string, subnetId: string): RouteTableAssociationRecord {
  const table = lookup(ROUTE_TABLE, region.routeTables, routeTableId);
  const subnet = lookup(SUBNET, region.subnets, subnetId);
  if (subnet.vpcId !== table.vpcId) {
    throw invalidParameterValue(`Route table ${routeTableId} and subnet ${subnetId} belong to different networks`);
  }
  if (Object.values(region.routeTables).some((t) => t.associations.some((a) => a.subnetId === subnetId))) {
    throw new AwsError(
      'Resource.AlreadyAssociated',
      `the specified association for route table ${routeTableId} conflicts with an existing association`,
    );
  }
  const association = { associationId: resourceId('rtbassoc'), subnetId, main: false };
  table.associations.push(association);
  return association;
}

function findAssociation(region: RegionState, associationId: string) {
  checkIdShape(ROUTE_TABLE_ASSOCIATION, associationId);
  for (const table of Object.values(region.routeTables)) {
    const association = table.associations.find((a) => a.associationId === associationId);
    if (association) return { table, association };
  }
  throw new AwsError(ROUTE_TABLE_ASSOCIATION.notFoundCode, ROUTE_TABLE_ASSOCIATION.notFoundMessage(associationId));
}

export function disassociateRouteTable(region: RegionState, associationId: string): void {
  const { table, association } = findAssociation(region, associationId);
  if (association.main) {
    throw invalidParameterValue(`cannot disassociate the main route table association ${associationId}`);
  }
  table.associations = table.associations.filter((a) => a !== association);
}

/** Moves an association (the main one too) to another table of the same VPC, under a new id. */
export function replaceRouteTableAssociation(
  region: RegionState,
  associationId: string,
  routeTableId: string,
): RouteTableAssociationRecord {
  const { table, association } = findAssociation(region, associationId);
  const target = lookup(ROUTE_TABLE, region.routeTables, routeTableId);
  if (target.vpcId !== table.vpcId) {
    throw invalidParameterValue(`Route table ${routeTableId} and association ${associationId} belong to different networks`);
  }
  table.associations = table.associations.filter((a) => a !== association);
  const moved = { ...association, associationId: resourceId('rtbassoc') };
  target.associations.push(moved);
  return moved;
}

export function deleteRouteTable(region: RegionState, routeTableId: string): void {
  const table = lookup(ROUTE_TABLE, region.routeTables, routeTableId);
  if (table.associations.length) throw hasDependencies('routeTable', routeTableId);
  delete region.routeTables[routeTableId];
  forgetTags(region, routeTableId);
}

function toRouteTable(region: RegionState, table: RouteTableRecord): RouteTable {
  return {
    Associations: table.associations.map((a) => ({
      Main: a.main,
      RouteTableAssociationId: a.associationId,
      RouteTableId: table.routeTableId,
      SubnetId: a.subnetId,
      AssociationState: { State: 'associated' },
    })),
    PropagatingVgws: [],
    RouteTableId: table.routeTableId,
    Routes: table.routes.map((r) => ({
      DestinationCidrBlock: r.destinationCidrBlock,
      GatewayId: r.gatewayId,
      Origin: r.origin,
      // A route to a gateway detached since goes nowhere: AWS calls it a blackhole.
      State:
        r.gatewayId === 'local' || region.internetGateways[r.gatewayId]?.vpcId === table.vpcId ? 'active' : 'blackhole',
    })),
    Tags: tagList(region, table.routeTableId),
    VpcId: table.vpcId,
    OwnerId: SANDBOX_ACCOUNT_ID,
  };
}

const ROUTE_TABLE_FILTERS = {
  'route-table-id': (t: RouteTableRecord) => t.routeTableId,
  'vpc-id': (t: RouteTableRecord) => t.vpcId,
  'association.main': (t: RouteTableRecord) => t.associations.map((a) => a.main),
  'association.subnet-id': (t: RouteTableRecord) => t.associations.map((a) => a.subnetId),
  'association.route-table-association-id': (t: RouteTableRecord) => t.associations.map((a) => a.associationId),
  'association.route-table-id': (t: RouteTableRecord) => (t.associations.length ? t.routeTableId : undefined),
  'route.destination-cidr-block': (t: RouteTableRecord) => t.routes.map((r) => r.destinationCidrBlock),
  'route.gateway-id': (t: RouteTableRecord) => t.routes.map((r) => r.gatewayId),
  'route.origin': (t: RouteTableRecord) => t.routes.map((r) => r.origin),
  'owner-id': () => SANDBOX_ACCOUNT_ID,
};

const ROUTE_TABLES: Listing<RouteTableRecord> = {
  kind: ROUTE_TABLE,
  records: (region) => region.routeTables,
  filters: ROUTE_TABLE_FILTERS,
  idOf: (t) => t.routeTableId,
};

export function routeTableOperations(ec2: Ec2State) {
  const CreateRouteTable: Handler<CreateRouteTableCommandInput, CreateRouteTableCommandOutput> = (input, ctx) => {
    const region = ec2.region(ctx.region);
    if (!input.VpcId) throw missingParameter('vpcId');
    const table = createRouteTable(region, input.VpcId);
    applyTagSpecifications(region, input.TagSpecifications, 'route-table', table.routeTableId);
    return { RouteTable: toRouteTable(region, table) };
  };

  const CreateRoute: Handler<CreateRouteCommandInput, CreateRouteCommandOutput> = (input, ctx) => {
    if (!input.RouteTableId) throw missingParameter('routeTableId');
    if (!input.DestinationCidrBlock) throw missingParameter('destinationCidrBlock');
    if (!input.GatewayId) throw missingParameter('gatewayId');
    createRoute(ec2.region(ctx.region), input.RouteTableId, input.DestinationCidrBlock, input.GatewayId);
    return { Return: true };
  };

  const DeleteRoute: Handler<DeleteRouteCommandInput, DeleteRouteCommandOutput> = (input, ctx) => {
    if (!input.RouteTableId) throw missingParameter('routeTableId');
    if (!input.DestinationCidrBlock) throw missingParameter('destinationCidrBlock');
    deleteRoute(ec2.region(ctx.region), input.RouteTableId, input.DestinationCidrBlock);
    return {};
  };

  const AssociateRouteTable: Handler<AssociateRouteTableCommandInput, AssociateRouteTableCommandOutput> = (
    input,
    ctx,
  ) => {
    if (!input.RouteTableId) throw missingParameter('routeTableId');
    if (!input.SubnetId) throw missingParameter('subnetId');
    const association = associateRouteTable(ec2.region(ctx.region), input.RouteTableId, input.SubnetId);
    return { AssociationId: association.associationId, AssociationState: { State: 'associated' } };
  };

  const DisassociateRouteTable: Handler<DisassociateRouteTableCommandInput, DisassociateRouteTableCommandOutput> = (
    input,
    ctx,
  ) => {
    if (!input.AssociationId) throw missingParameter('associationId');
    disassociateRouteTable(ec2.region(ctx.region), input.AssociationId);
    return {};
  };

  const ReplaceRouteTableAssociation: Handler<
    ReplaceRouteTableAssociationCommandInput,
    ReplaceRouteTableAssociationCommandOutput
  > = (input, ctx) => {
    if (!input.AssociationId) throw missingParameter('associationId');
    if (!input.RouteTableId) throw missingParameter('routeTableId');
    const association = replaceRouteTableAssociation(ec2.region(ctx.region), input.AssociationId, input.RouteTableId);
    return { NewAssociationId: association.associationId, AssociationState: { State: 'associated' } };
  };

  const DeleteRouteTable: Handler<DeleteRouteTableCommandInput, DeleteRouteTableCommandOutput> = (input, ctx) => {
    if (!input.RouteTableId) throw missingParameter('routeTableId');
    deleteRouteTable(ec2.region(ctx.region), input.RouteTableId);
    return {};
  };

  const DescribeRouteTables: Handler<DescribeRouteTablesCommandInput, DescribeRouteTablesCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    const matching = describeRecords(region, ROUTE_TABLES, input.RouteTableIds, input.Filters);
    return { RouteTables: matching.map((t) => toRouteTable(region, t)) };
  };

  return {
    CreateRouteTable,
    CreateRoute,
    DeleteRoute,
    AssociateRouteTable,
    DisassociateRouteTable,
    ReplaceRouteTableAssociation,
    DeleteRouteTable,
    DescribeRouteTables,
  };
}
