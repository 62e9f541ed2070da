/**
 * The EC2 resources labs create, and how each goes away: instances terminate (and are
 * waited for) before anything they sit in; an internet gateway is detached before it is
 * deleted; a route table loses its subnet associations first; a VPC goes last.
 */
import type { ClientPool } from '../../aws/clients.js';
import { byRunTag, ignoreNotFound, isNotFound, waitUntilGone, type Input, type Output, type ResourceType, type Tag } from '../resource-type.js';

const EC2 = 'com.amazonaws.ec2';

// On-demand Linux list prices in us-east-1 (aws.amazon.com/ec2/pricing/on-demand): estimates for learners.
const ON_DEMAND_LINUX_USD_PER_HOUR: Record<string, number> = {
  't2.micro': 0.0116,
  't2.small': 0.023,
  't3.micro': 0.0104,
  't3.small': 0.0208,
  't3.medium': 0.0416,
};
const ec2 = () => import('@aws-sdk/client-ec2');

/** Adds the tags to the input's TagSpecifications entry for `resourceType`, creating it if absent. */
function tagSpecifications(resourceType: string): (input: Input, tags: Tag[]) => void {
  return (input, tags) => {
    const specifications = ((input.TagSpecifications as { ResourceType?: string; Tags?: Tag[] }[] | undefined) ?? []).map((spec) => ({ ...spec }));
    let spec = specifications.find((candidate) => candidate.ResourceType === resourceType);
    if (!spec) {
      spec = { ResourceType: resourceType, Tags: [] };
      specifications.push(spec);
    }
    const own = (spec.Tags ?? []).filter((tag) => !tags.some((added) => added.Key === tag.Key));
    spec.Tags = [...own, ...tags];
    input.TagSpecifications = specifications;
  };
}

function tagFilters(tags: Tag[]) {
  return tags.map((tag) => ({ Name: `tag:${tag.Key}`, Values: [tag.Value] }));
}

export const instance: ResourceType = {
  name: 'ec2:instance',
  title: 'EC2 instance',
  createdBy: { namespace: EC2, operation: 'RunInstances' },
  deleteAfter: [],
  clientTokenMember: 'ClientToken',
  addTags: tagSpecifications('instance'),
  created: (output: Output) =>
    (output.Instances ?? []).map((item: Output) => ({ resourceId: item.InstanceId, attributes: { subnetId: item.SubnetId ?? '', instanceType: item.InstanceType ?? '' } })),
  hourlyCostUsd: (record) => ON_DEMAND_LINUX_USD_PER_HOUR[record.attributes?.instanceType ?? ''] ?? 0,
  async delete(record, clients, wait) {
    const { TerminateInstancesCommand, DescribeInstancesCommand } = await ec2();
    await ignoreNotFound(() => clients.send(new TerminateInstancesCommand({ InstanceIds: [record.resourceId!] })));
    await waitUntilGone(`instance ${record.resourceId}`, async () => {
      try {
        const out = await clients.send<Output>(new DescribeInstancesCommand({ InstanceIds: [record.resourceId!] }));
        const state = out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
        return state === undefined || state === 'terminated';
      } catch (error) {
        if (isNotFound(error)) return true;
        throw error;
      }
    }, wait);
  },
  async scan(clients, tags) {
    const { DescribeInstancesCommand } = await ec2();
    const out = await clients.send<Output>(new DescribeInstancesCommand({ Filters: [...tagFilters(tags), { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] }] }));
    return (out.Reservations ?? []).flatMap((reservation: Output) => reservation.Instances ?? []).map((item: Output) => ({ resourceId: item.InstanceId }));
  },
};

export const keyPair: ResourceType = {
  name: 'ec2:key-pair',
  title: 'key pair',
  createdBy: { namespace: EC2, operation: 'CreateKeyPair' },
  deleteAfter: [],
  addTags: tagSpecifications('key-pair'),
  created: (output: Output) => [{ resourceId: output.KeyName, attributes: { keyPairId: output.KeyPairId ?? '' } }],
  async delete(record, clients) {
    const { DeleteKeyPairCommand } = await ec2();
    // DeleteKeyPair succeeds for a name that does not exist, as on AWS.
    await ignoreNotFound(() => clients.send(new DeleteKeyPairCommand({ KeyName: record.resourceId! })));
  },
  async scan(clients, tags) {
    const { DescribeKeyPairsCommand } = await ec2();
    const out = await clients.send<Output>(new DescribeKeyPairsCommand({ Filters: tagFilters(tags) }));
    return (out.KeyPairs ?? []).map((item: Output) => ({ resourceId: item.KeyName }));
  },
};

export const securityGroup: ResourceType = {
  name: 'ec2:security-group',
  title: 'security group',
  createdBy: { namespace: EC2, operation: 'CreateSecurityGroup' },
  deleteAfter: ['ec2:instance'],
  addTags: tagSpecifications('security-group'),
  created: (output: Output) => [{ resourceId: output.GroupId }],
  async delete(record, clients) {
    const { DeleteSecurityGroupCommand } = await ec2();
    await revokeReferencesTo(record.resourceId!, clients);
    await ignoreNotFound(() => clients.send(new DeleteSecurityGroupCommand({ GroupId: record.resourceId! })));
  },
  async scan(clients, tags) {
    const { DescribeSecurityGroupsCommand } = await ec2();
    const out = await clients.send<Output>(new DescribeSecurityGroupsCommand({ Filters: tagFilters(tags) }));
    return (out.SecurityGroups ?? []).map((item: Output) => ({ resourceId: item.GroupId }));
  },
};

/** Another group's rule naming this one blocks its deletion: those rules go first. */
async function revokeReferencesTo(groupId: string, clients: ClientPool): Promise<void> {
  const { DescribeSecurityGroupsCommand, RevokeSecurityGroupIngressCommand, RevokeSecurityGroupEgressCommand } = await ec2();
  let out: Output;
  try {
    out = await clients.send<Output>(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.group-id', Values: [groupId] }] }));
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  for (const group of out.SecurityGroups ?? []) {
    if (group.GroupId === groupId) continue;
    const naming = (permissions: Output[] | undefined) =>
      (permissions ?? []).filter((permission) => (permission.UserIdGroupPairs ?? []).some((pair: Output) => pair.GroupId === groupId));
    const ingress = naming(group.IpPermissions);
    const egress = naming(group.IpPermissionsEgress);
    if (ingress.length > 0) await ignoreNotFound(() => clients.send(new RevokeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: ingress })));
    if (egress.length > 0) await ignoreNotFound(() => clients.send(new RevokeSecurityGroupEgressCommand({ GroupId: group.GroupId, IpPermissions: egress })));
  }
}

export const routeTable: ResourceType = {
  name: 'ec2:route-table',
  title: 'route table',
  createdBy: { namespace: EC2, operation: 'CreateRouteTable' },
  deleteAfter: [],
  clientTokenMember: 'ClientToken',
  addTags: tagSpecifications('route-table'),
  created: (output: Output) => [{ resourceId: output.RouteTable.RouteTableId }],
  async delete(record, clients) {
    const { DescribeRouteTablesCommand, DisassociateRouteTableCommand, DeleteRouteTableCommand } = await ec2();
    let out: Output;
    try {
      out = await clients.send<Output>(new DescribeRouteTablesCommand({ RouteTableIds: [record.resourceId!] }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    for (const association of out.RouteTables?.[0]?.Associations ?? []) {
      if (association.Main || !association.RouteTableAssociationId) continue;
      await ignoreNotFound(() => clients.send(new DisassociateRouteTableCommand({ AssociationId: association.RouteTableAssociationId })));
    }
    await ignoreNotFound(() => clients.send(new DeleteRouteTableCommand({ RouteTableId: record.resourceId! })));
  },
  async scan(clients, tags) {
    const { DescribeRouteTablesCommand } = await ec2();
    const out = await clients.send<Output>(new DescribeRouteTablesCommand({ Filters: tagFilters(tags) }));
    return (out.RouteTables ?? []).map((item: Output) => ({ resourceId: item.RouteTableId }));
  },
};

export const internetGateway: ResourceType = {
  name: 'ec2:internet-gateway',
  title: 'internet gateway',
  createdBy: { namespace: EC2, operation: 'CreateInternetGateway' },
  // An instance's public address keeps a gateway attached ("has mapped public address").
  deleteAfter: ['ec2:instance'],
  addTags: tagSpecifications('internet-gateway'),
  created: (output: Output) => [{ resourceId: output.InternetGateway.InternetGatewayId }],
  async delete(record, clients) {
    const { DescribeInternetGatewaysCommand, DetachInternetGatewayCommand, DeleteInternetGatewayCommand } = await ec2();
    let out: Output;
    try {
      out = await clients.send<Output>(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [record.resourceId!] }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    for (const attachment of out.InternetGateways?.[0]?.Attachments ?? []) {
      await ignoreNotFound(() => clients.send(new DetachInternetGatewayCommand({ InternetGatewayId: record.resourceId!, VpcId: attachment.VpcId })));
    }
    await ignoreNotFound(() => clients.send(new DeleteInternetGatewayCommand({ InternetGatewayId: record.resourceId! })));
  },
  async scan(clients, tags) {
    const { DescribeInternetGatewaysCommand } = await ec2();
    const out = await clients.send<Output>(new DescribeInternetGatewaysCommand({ Filters: tagFilters(tags) }));
    return (out.InternetGateways ?? []).map((item: Output) => ({ resourceId: item.InternetGatewayId }));
  },
};

export const subnet: ResourceType = {
  name: 'ec2:subnet',
  title: 'subnet',
  createdBy: { namespace: EC2, operation: 'CreateSubnet' },
  deleteAfter: ['ec2:instance'],
  addTags: tagSpecifications('subnet'),
  created: (output: Output) => [{ resourceId: output.Subnet.SubnetId }],
  async delete(record, clients) {
    const { DeleteSubnetCommand } = await ec2();
    await ignoreNotFound(() => clients.send(new DeleteSubnetCommand({ SubnetId: record.resourceId! })));
  },
  async scan(clients, tags) {
    const { DescribeSubnetsCommand } = await ec2();
    const out = await clients.send<Output>(new DescribeSubnetsCommand({ Filters: tagFilters(tags) }));
    return (out.Subnets ?? []).map((item: Output) => ({ resourceId: item.SubnetId }));
  },
};

export const vpc: ResourceType = {
  name: 'ec2:vpc',
  title: 'VPC',
  createdBy: { namespace: EC2, operation: 'CreateVpc' },
  deleteAfter: ['ec2:instance', 'ec2:subnet', 'ec2:internet-gateway', 'ec2:route-table', 'ec2:security-group'],
  addTags: tagSpecifications('vpc'),
  created: (output: Output) => [{ resourceId: output.Vpc.VpcId }],
  async delete(record, clients) {
    const { DeleteVpcCommand } = await ec2();
    await ignoreNotFound(() => clients.send(new DeleteVpcCommand({ VpcId: record.resourceId! })));
  },
  async scan(clients, tags) {
    const { DescribeVpcsCommand } = await ec2();
    const out = await clients.send<Output>(new DescribeVpcsCommand({ Filters: tagFilters(tags) }));
    return (out.Vpcs ?? []).map((item: Output) => ({ resourceId: item.VpcId }));
  },
};

export const ec2ResourceTypes: ResourceType[] = [instance, keyPair, securityGroup, routeTable, internetGateway, subnet, vpc];

// Every EC2 create above tags what it makes, so an interrupted create is found by its run's tag.
for (const type of ec2ResourceTypes) if (type.scan) type.resolveIntent = byRunTag(type.scan);
