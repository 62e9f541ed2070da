/**
 * The EC2 resources labs create, and how each goes away: instances terminate (and are
 * waited for) before anything they sit in; an internet gateway is detached before it is
 * deleted; a route table loses its subnet associations first; a VPC goes last.
 */
import type { ClientPool } from '../../aws/clients.js';
import { EC2_ON_DEMAND_USD_PER_HOUR } from '../../aws/prices.js';
import { byRunTag, ignoreNotFound, isNotFound, waitUntilGone, type CreatedResource, type Input, type Output, type ResourceType, type Tag } from '../resource-type.js';


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

type Ec2Module = Awaited<ReturnType<typeof ec2>>;

/**
 * `scan` for a type whose Describe call filters by tag and lists items with an id member;
 * every EC2 create here tags what it makes, so an interrupted create is found by its run's tag.
 */
function foundByTags(describe: keyof Ec2Module, list: string, id: string): Pick<ResourceType, 'scan' | 'resolveIntent'> {
  const scan = async (clients: ClientPool, tags: Tag[]): Promise<CreatedResource[]> => {
    const Describe = (await ec2())[describe] as unknown as new (input: object) => { schema?: unknown };
    const out = await clients.send<Output>(new Describe({ Filters: tagFilters(tags) }));
    return (out[list] ?? []).map((item: Output) => ({ resourceId: item[id] }));
  };
  return { scan, resolveIntent: byRunTag(scan) };
}

/** Instances carrying the tags that have not terminated: DescribeInstances nests them in reservations. */
async function scanInstances(clients: ClientPool, tags: Tag[]): Promise<CreatedResource[]> {
  const { DescribeInstancesCommand } = await ec2();
  const alive = { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] };
  const out = await clients.send<Output>(new DescribeInstancesCommand({ Filters: [...tagFilters(tags), alive] }));
  return (out.Reservations ?? []).flatMap((reservation: Output) => reservation.Instances ?? []).map((item: Output) => ({ resourceId: item.InstanceId }));
}

export const instance: ResourceType = {
  name: 'ec2:instance',
  title: 'EC2 instance',
  createdBy: 'RunInstances',
  // A terminating instance holds its subnet, security groups and VPC; its public address keeps
  // the internet gateway attached ("has mapped public address").
  dependsOn: ['ec2:subnet', 'ec2:security-group', 'ec2:internet-gateway', 'ec2:vpc'],
  clientTokenMember: 'ClientToken',
  addTags: tagSpecifications('instance'),
  created: (output: Output) =>
    (output.Instances ?? []).map((item: Output) => ({ resourceId: item.InstanceId, attributes: { subnetId: item.SubnetId ?? '', instanceType: item.InstanceType ?? '' } })),
  hourlyCostUsd: (record) => EC2_ON_DEMAND_USD_PER_HOUR[record.attributes?.instanceType ?? ''] ?? 0,
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
  scan: scanInstances,
  resolveIntent: byRunTag(scanInstances),
};

export const keyPair: ResourceType = {
  name: 'ec2:key-pair',
  title: 'key pair',
  createdBy: 'CreateKeyPair',
  dependsOn: [],
  addTags: tagSpecifications('key-pair'),
  created: (output: Output) => [{ resourceId: output.KeyName, attributes: { keyPairId: output.KeyPairId ?? '' } }],
  async delete(record, clients) {
    const { DeleteKeyPairCommand } = await ec2();
    // DeleteKeyPair succeeds for a name that does not exist, as on AWS.
    await ignoreNotFound(() => clients.send(new DeleteKeyPairCommand({ KeyName: record.resourceId! })));
  },
  ...foundByTags('DescribeKeyPairsCommand', 'KeyPairs', 'KeyName'),
};

export const launchTemplate: ResourceType = {
  name: 'ec2:launch-template',
  title: 'launch template',
  createdBy: 'CreateLaunchTemplate',
  // AWS deletes a template while instances launched from it, or the groups and key pair it
  // names, still exist; what launches from it (an Auto Scaling group) dependsOn it instead.
  dependsOn: [],
  clientTokenMember: 'ClientToken',
  // The template's own tags; TagSpecifications inside LaunchTemplateData are for what it launches.
  addTags: tagSpecifications('launch-template'),
  created: (output: Output) => [{ resourceId: output.LaunchTemplate.LaunchTemplateId, attributes: { launchTemplateName: output.LaunchTemplate.LaunchTemplateName ?? '' } }],
  async delete(record, clients) {
    const { DeleteLaunchTemplateCommand } = await ec2();
    // Deleting the template deletes all its versions.
    await ignoreNotFound(() => clients.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: record.resourceId! })));
  },
  ...foundByTags('DescribeLaunchTemplatesCommand', 'LaunchTemplates', 'LaunchTemplateId'),
};

export const securityGroup: ResourceType = {
  name: 'ec2:security-group',
  title: 'security group',
  createdBy: 'CreateSecurityGroup',
  dependsOn: ['ec2:vpc'],
  addTags: tagSpecifications('security-group'),
  created: (output: Output) => [{ resourceId: output.GroupId }],
  async delete(record, clients) {
    const { DeleteSecurityGroupCommand } = await ec2();
    await revokeReferencesTo(record.resourceId!, clients);
    await ignoreNotFound(() => clients.send(new DeleteSecurityGroupCommand({ GroupId: record.resourceId! })));
  },
  ...foundByTags('DescribeSecurityGroupsCommand', 'SecurityGroups', 'GroupId'),
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
  createdBy: 'CreateRouteTable',
  dependsOn: ['ec2:vpc'],
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
  ...foundByTags('DescribeRouteTablesCommand', 'RouteTables', 'RouteTableId'),
};

export const internetGateway: ResourceType = {
  name: 'ec2:internet-gateway',
  title: 'internet gateway',
  createdBy: 'CreateInternetGateway',
  // Attached to its VPC until detached, which its deleter does first.
  dependsOn: ['ec2:vpc'],
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
  ...foundByTags('DescribeInternetGatewaysCommand', 'InternetGateways', 'InternetGatewayId'),
};

export const subnet: ResourceType = {
  name: 'ec2:subnet',
  title: 'subnet',
  createdBy: 'CreateSubnet',
  dependsOn: ['ec2:vpc'],
  addTags: tagSpecifications('subnet'),
  created: (output: Output) => [{ resourceId: output.Subnet.SubnetId }],
  async delete(record, clients) {
    const { DeleteSubnetCommand } = await ec2();
    await ignoreNotFound(() => clients.send(new DeleteSubnetCommand({ SubnetId: record.resourceId! })));
  },
  ...foundByTags('DescribeSubnetsCommand', 'Subnets', 'SubnetId'),
};

export const vpc: ResourceType = {
  name: 'ec2:vpc',
  title: 'VPC',
  createdBy: 'CreateVpc',
  dependsOn: [],
  addTags: tagSpecifications('vpc'),
  created: (output: Output) => [{ resourceId: output.Vpc.VpcId }],
  async delete(record, clients) {
    const { DeleteVpcCommand } = await ec2();
    await ignoreNotFound(() => clients.send(new DeleteVpcCommand({ VpcId: record.resourceId! })));
  },
  ...foundByTags('DescribeVpcsCommand', 'Vpcs', 'VpcId'),
};

export const ec2ResourceTypes: ResourceType[] = [instance, keyPair, launchTemplate, securityGroup, routeTable, internetGateway, subnet, vpc];
