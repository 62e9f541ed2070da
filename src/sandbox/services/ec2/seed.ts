/** What a new AWS account finds in a region: the public AMI catalogue and the default VPC. */
import { availabilityZones } from '../../constants.js';
import { catalogueImages } from './amis.js';
import { attachInternetGateway, createInternetGateway } from './internet-gateways.js';
import type { RegionState } from './records.js';
import { createRoute, mainRouteTable } from './route-tables.js';
import { emptyRegion } from './state.js';
import { createSubnet } from './subnets.js';
import { createVpc } from './vpcs.js';

/** AWS's default VPC: 172.31.0.0/16, a /20 per zone mapping public IPs, an attached gateway. */
export function seedRegion(name: string): RegionState {
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
