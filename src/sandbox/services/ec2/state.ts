/**
 * The EC2 sandbox's state: one RegionState per region, created on first use with what a
 * new AWS account finds there (a default VPC with a subnet per zone, its internet
 * gateway, and the public AMI catalogue). Plain JSON, so it snapshots as it is.
 */
import type { Clock } from '../../clock.js';
import { availabilityZones } from '../../constants.js';
import { catalogueImages } from './amis.js';
import { settleImages } from './images.js';
import { settleInstances } from './instances.js';
import { attachInternetGateway, createInternetGateway } from './internet-gateways.js';
import type { RegionState } from './records.js';
import { createRoute, mainRouteTable } from './route-tables.js';
import { createSubnet } from './subnets.js';
import { createVpc } from './vpcs.js';

export class Ec2State {
  private regions: Record<string, RegionState> = {};

  /** The region's state, seeded as a new account finds it the first time it is asked for. */
  region(name: string): RegionState {
    return (this.regions[name] ??= seedRegion(name));
  }

  /** Moves every timed resource to the state the clock says it has reached. */
  settle(region: RegionState, clock: Clock): void {
    settleInstances(region, clock);
    settleImages(region, clock);
  }

  snapshot(): unknown {
    return structuredClone(this.regions);
  }

  restore(state: unknown): void {
    this.regions = structuredClone(state as Record<string, RegionState>);
  }

  reset(): void {
    this.regions = {};
  }
}

export function emptyRegion(region: string): RegionState {
  return {
    region,
    vpcs: {},
    subnets: {},
    internetGateways: {},
    routeTables: {},
    securityGroups: {},
    keyPairs: {},
    images: {},
    snapshots: {},
    instances: {},
    networkInterfaces: {},
    launchTemplates: {},
    tags: {},
  };
}

/** AWS's default VPC: 172.31.0.0/16, a /20 per zone mapping public IPs, an attached gateway. */
function seedRegion(name: string): RegionState {
  const region = emptyRegion(name);
  for (const image of catalogueImages(name)) region.images[image.imageId] = image;
  const vpc = createVpc(region, '172.31.0.0/16', { isDefault: true });
  vpc.enableDnsHostnames = true;
  availabilityZones(name).forEach((zone, i) => {
    const subnet = createSubnet(region, vpc.vpcId, `172.31.${i * 16}.0/20`, zone);
    subnet.defaultForAz = true;
    subnet.mapPublicIpOnLaunch = true;
  });
  const gateway = createInternetGateway(region);
  attachInternetGateway(region, gateway.internetGatewayId, vpc.vpcId);
  createRoute(region, mainRouteTable(region, vpc.vpcId).routeTableId, '0.0.0.0/0', gateway.internetGatewayId);
  return region;
}
