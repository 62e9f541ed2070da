/**
 * What EC2 offers the services whose resources live in a VPC (ElastiCache today; Auto
 * Scaling, ELBv2, RDS, Route 53 Resolver and Directory Service next): typed queries over its
 * records, with EC2's own errors for ids that are malformed or unknown. Other services call
 * these directly, as moto's backends call each other, never EC2's handlers.
 */
import { lookupAll, SECURITY_GROUP, SUBNET } from './errors.js';
import type { SecurityGroupRecord, SubnetRecord } from './records.js';
import type { Ec2State } from './state.js';

export interface Ec2Backend {
  /** The subnets with these ids, in their order; `InvalidSubnetID.NotFound` / `.Malformed` otherwise. */
  subnets(region: string, ids: readonly string[]): SubnetRecord[];
  /** The default VPC's default subnet of each zone, as a new account has them. */
  defaultSubnets(region: string): SubnetRecord[];
  /** The security groups with these ids, in their order; `InvalidGroup.NotFound` / `InvalidGroupId.Malformed` otherwise. */
  securityGroups(region: string, ids: readonly string[]): SecurityGroupRecord[];
}

export function ec2Backend(state: Ec2State): Ec2Backend {
  return {
    subnets: (region, ids) => lookupAll(SUBNET, state.region(region).subnets, ids),
    defaultSubnets: (region) => Object.values(state.region(region).subnets).filter((subnet) => subnet.defaultForAz),
    securityGroups: (region, ids) => lookupAll(SECURITY_GROUP, state.region(region).securityGroups, ids),
  };
}
