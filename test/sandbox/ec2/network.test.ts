/**
 * VPC networking in the EC2 sandbox through the real EC2Client: VPCs, subnets, internet
 * gateways and route tables, their filters, and AWS's errors and dependency rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  ReplaceRouteTableAssociationCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { assertAwsError, useEc2Sandbox } from './harness.js';

const sandbox = useEc2Sandbox();

async function createVpc(ec2: EC2Client, cidr = '10.0.0.0/16', name?: string): Promise<string> {
  const out = await ec2.send(
    new CreateVpcCommand({
      CidrBlock: cidr,
      TagSpecifications: name ? [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }] : undefined,
    }),
  );
  return out.Vpc!.VpcId!;
}

async function createSubnet(ec2: EC2Client, vpcId: string, cidr: string, zone = 'us-east-1a'): Promise<string> {
  const out = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone }));
  return out.Subnet!.SubnetId!;
}

describe('default VPC', () => {
  it('exists in every region with a /20 default subnet per zone and an attached gateway', async () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const ec2 = region === 'us-east-1' ? sandbox.ec2 : sandbox.client(region);
      const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
      assert.equal(Vpcs!.length, 1);
      assert.equal(Vpcs![0]!.CidrBlock, '172.31.0.0/16');
      const vpcId = Vpcs![0]!.VpcId!;
      const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
      assert.deepEqual(
        Subnets!.map((s) => [s.AvailabilityZone, s.CidrBlock, s.DefaultForAz, s.MapPublicIpOnLaunch, s.AvailableIpAddressCount]),
        [
          [`${region}a`, '172.31.0.0/20', true, true, 4091],
          [`${region}b`, '172.31.16.0/20', true, true, 4091],
          [`${region}c`, '172.31.32.0/20', true, true, 4091],
        ],
      );
      const { InternetGateways } = await ec2.send(
        new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
      );
      assert.equal(InternetGateways!.length, 1);
      const { RouteTables } = await ec2.send(
        new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
      );
      assert.deepEqual(
        RouteTables![0]!.Routes!.map((r) => [r.DestinationCidrBlock, r.GatewayId, r.State]),
        [
          ['172.31.0.0/16', 'local', 'active'],
          ['0.0.0.0/0', InternetGateways![0]!.InternetGatewayId, 'active'],
        ],
      );
    }
  });
});

describe('VPCs', () => {
  it('creates a VPC with its main route table and default security group', async () => {
    const out = await sandbox.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    assert.equal(out.Vpc!.State, 'pending');
    assert.match(out.Vpc!.VpcId!, /^vpc-0[0-9a-f]{16}$/);
    assert.equal(out.Vpc!.IsDefault, false);
    const vpcId = out.Vpc!.VpcId!;
    const { RouteTables } = await sandbox.ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'association.main', Values: ['true'] },
        ],
      }),
    );
    assert.equal(RouteTables!.length, 1);
    assert.deepEqual(RouteTables![0]!.Routes, [
      { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
    ]);
    assert.match(RouteTables![0]!.Associations![0]!.RouteTableAssociationId!, /^rtbassoc-/);
    const { SecurityGroups } = await sandbox.ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
    );
    assert.deepEqual(SecurityGroups!.map((g) => g.GroupName), ['default']);
  });

  it('describes VPCs by id and by every filter the labs use', async () => {
    const lab = await createVpc(sandbox.ec2, '10.0.0.0/16', 'lab-vpc');
    const other = await createVpc(sandbox.ec2, '10.1.0.0/24');
    const ids = async (filters: { Name: string; Values: string[] }[]) =>
      (await sandbox.ec2.send(new DescribeVpcsCommand({ Filters: filters }))).Vpcs!.map((v) => v.VpcId);
    assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [lab] }]), [lab]);
    assert.deepEqual(await ids([{ Name: 'cidr', Values: ['10.1.0.0/24'] }]), [other]);
    assert.deepEqual(await ids([{ Name: 'tag:Name', Values: ['lab-*'] }]), [lab]);
    assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['Name'] }]), [lab]);
    assert.deepEqual(await ids([{ Name: 'state', Values: ['available'] }, { Name: 'is-default', Values: ['false'] }]), [lab, other]);
    const byId = await sandbox.ec2.send(new DescribeVpcsCommand({ VpcIds: [other, lab] }));
    assert.deepEqual(byId.Vpcs!.map((v) => v.VpcId), [other, lab]);
    assert.deepEqual(byId.Vpcs![1]!.Tags, [{ Key: 'Name', Value: 'lab-vpc' }]);
  });

  it('refuses bad CIDR blocks and sizes outside /16 to /28', async () => {
    await assertAwsError(
      sandbox.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/8' })),
      'InvalidVpc.Range',
      "The CIDR '10.0.0.0/8' is invalid.",
    );
    await assertAwsError(
      sandbox.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/29' })),
      'InvalidVpc.Range',
      "The CIDR '10.0.0.0/29' is invalid.",
    );
    await assertAwsError(
      sandbox.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.300/16' })),
      'InvalidParameterValue',
      'Value (10.0.0.300/16) for parameter cidrBlock is invalid. This is not a valid CIDR block.',
    );
  });

  it('answers unknown and malformed ids in AWS words', async () => {
    await assertAwsError(
      sandbox.ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })),
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-0123456789abcdef0' does not exist",
    );
    await assertAwsError(
      sandbox.ec2.send(new DeleteVpcCommand({ VpcId: 'my-vpc' })),
      'InvalidVpcID.Malformed',
      'Invalid id: "my-vpc" (expecting "vpc-...")',
    );
    await assertAwsError(
      sandbox.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })),
      'InvalidParameterValue',
      "The filter 'colour' is invalid",
    );
  });

  it('modifies and describes the DNS attributes, one at a time', async () => {
    const vpcId = await createVpc(sandbox.ec2);
    const hostnames = () =>
      sandbox.ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }));
    assert.deepEqual((await hostnames()).EnableDnsHostnames, { Value: false });
    await sandbox.ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    assert.deepEqual((await hostnames()).EnableDnsHostnames, { Value: true });
    const support = await sandbox.ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' }));
    assert.deepEqual(support.EnableDnsSupport, { Value: true });
    await assertAwsError(
      sandbox.ec2.send(
        new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true }, EnableDnsSupport: { Value: true } }),
      ),
      'InvalidParameterCombination',
      /Only one attribute can be modified at a time/,
    );
  });

  it('refuses to delete a VPC while subnets, a gateway, groups or route tables remain', async () => {
    const vpcId = await createVpc(sandbox.ec2);
    const blocked = () =>
      assertAwsError(
        sandbox.ec2.send(new DeleteVpcCommand({ VpcId: vpcId })),
        'DependencyViolation',
        `The vpc '${vpcId}' has dependencies and cannot be deleted.`,
      );
    const subnetId = await createSubnet(sandbox.ec2, vpcId, '10.0.1.0/24');
    await blocked();
    await sandbox.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
    const igw = (await sandbox.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await sandbox.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    await blocked();
    await sandbox.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    const { GroupId } = await sandbox.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpcId }),
    );
    await blocked();
    await sandbox.ec2.send(new DeleteSecurityGroupCommand({ GroupId }));
    const table = (await sandbox.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    await blocked();
    await sandbox.ec2.send(new DeleteRouteTableCommand({ RouteTableId: table }));

    await sandbox.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    const left = await sandbox.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    assert.deepEqual(left.RouteTables, []);
    await assertAwsError(
      sandbox.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] })),
      'InvalidVpcID.NotFound',
      `The vpc ID '${vpcId}' does not exist`,
    );
  });
});

describe('subnets', () => {
  it('creates subnets inside the VPC and counts their free addresses', async () => {
    const vpcId = await createVpc(sandbox.ec2);
    const out = await sandbox.ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: '10.0.1.0/24',
        AvailabilityZone: 'us-east-1b',
        TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'public-b' }] }],
      }),
    );
    const subnet = out.Subnet!;
    assert.equal(subnet.State, 'available');
    assert.equal(subnet.AvailableIpAddressCount, 251);
    // The zone id's region part is constants.ts's to spell; the zone's number is this subnet's.
    assert.match(subnet.AvailabilityZoneId!, /-az2$/);
    assert.equal(subnet.MapPublicIpOnLaunch, false);
    assert.equal(subnet.SubnetArn, `arn:aws:ec2:us-east-1:123456789012:subnet/${subnet.SubnetId}`);
    assert.deepEqual(subnet.Tags, [{ Key: 'Name', Value: 'public-b' }]);
  });

  it('refuses CIDRs outside the VPC, overlapping ones and unknown zones', async () => {
    const vpcId = await createVpc(sandbox.ec2);
    await createSubnet(sandbox.ec2, vpcId, '10.0.0.0/24');
    await assertAwsError(
      sandbox.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.0.128/25' })),
      'InvalidSubnet.Conflict',
      "The CIDR '10.0.0.128/25' conflicts with another subnet",
    );
    await assertAwsError(
      sandbox.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.0.0/24' })),
      'InvalidSubnet.Range',
      "The CIDR '10.1.0.0/24' is invalid.",
    );
    await assertAwsError(
      sandbox.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1z' })),
      'InvalidParameterValue',
      'Value (us-east-1z) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: us-east-1a, us-east-1b, us-east-1c.',
    );
    await assertAwsError(
      sandbox.ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-0000000000000000a', CidrBlock: '10.0.1.0/24' })),
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-0000000000000000a' does not exist",
    );
  });

  it('filters subnets by VPC, zone, id and tag, and maps public IPs on request', async () => {
    const vpcId = await createVpc(sandbox.ec2);
    const a = await createSubnet(sandbox.ec2, vpcId, '10.0.1.0/24', 'us-east-1a');
    const b = await createSubnet(sandbox.ec2, vpcId, '10.0.2.0/24', 'us-east-1b');
    await sandbox.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: b, MapPublicIpOnLaunch: { Value: true } }));
    const ids = async (filters: { Name: string; Values: string[] }[]) =>
      (await sandbox.ec2.send(new DescribeSubnetsCommand({ Filters: filters }))).Subnets!.map((s) => s.SubnetId);
    assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [vpcId] }]), [a, b]);
    assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'availability-zone', Values: ['us-east-1b'] }]), [b]);
    assert.deepEqual(await ids([{ Name: 'subnet-id', Values: [a] }]), [a]);
    assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'map-public-ip-on-launch', Values: ['true'] }]), [b]);
    await assertAwsError(
      sandbox.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0000000000000000a'] })),
      'InvalidSubnetID.NotFound',
      "The subnet ID 'subnet-0000000000000000a' does not exist",
    );
  });
});

describe('internet gateways', () => {
  it('attaches to one VPC, detaches, and is deleted only when detached', async () => {
    const vpcId = await createVpc(sandbox.ec2);
    const other = await createVpc(sandbox.ec2, '10.9.0.0/16');
    const created = await sandbox.ec2.send(
      new CreateInternetGatewayCommand({
        TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: 'lab-igw' }] }],
      }),
    );
    const igw = created.InternetGateway!.InternetGatewayId!;
    assert.deepEqual(created.InternetGateway!.Attachments, []);
    await sandbox.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    const { InternetGateways } = await sandbox.ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
    );
    assert.deepEqual(InternetGateways!.map((g) => [g.InternetGatewayId, g.Attachments]), [
      [igw, [{ State: 'available', VpcId: vpcId }]],
    ]);
    await assertAwsError(
      sandbox.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: other })),
      'Resource.AlreadyAssociated',
      `resource ${igw} is already attached to network ${vpcId}`,
    );
    await assertAwsError(
      sandbox.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw })),
      'DependencyViolation',
      `The internetGateway '${igw}' has dependencies and cannot be deleted.`,
    );
    await assertAwsError(
      sandbox.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: other })),
      'Gateway.NotAttached',
      `resource ${igw} is not attached to network ${other}`,
    );
    await sandbox.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    await sandbox.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw }));
    await assertAwsError(
      sandbox.ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [igw] })),
      'InvalidInternetGatewayID.NotFound',
      `The internetGateway ID '${igw}' does not exist`,
    );
  });
});

describe('route tables', () => {
  it('routes to a gateway, associates subnets, and reports blackholes', async () => {
    const vpcId = await createVpc(sandbox.ec2);
    const subnetId = await createSubnet(sandbox.ec2, vpcId, '10.0.1.0/24');
    const igw = (await sandbox.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await sandbox.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    const table = (await sandbox.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;

    const route = await sandbox.ec2.send(
      new CreateRouteCommand({ RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }),
    );
    assert.equal(route.Return, true);
    await assertAwsError(
      sandbox.ec2.send(new CreateRouteCommand({ RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })),
      'RouteAlreadyExists',
      'The route identified by 0.0.0.0/0 already exists.',
    );
    const associated = await sandbox.ec2.send(new AssociateRouteTableCommand({ RouteTableId: table, SubnetId: subnetId }));
    assert.match(associated.AssociationId!, /^rtbassoc-0[0-9a-f]{16}$/);
    assert.deepEqual(associated.AssociationState, { State: 'associated' });
    await assertAwsError(
      sandbox.ec2.send(new AssociateRouteTableCommand({ RouteTableId: table, SubnetId: subnetId })),
      'Resource.AlreadyAssociated',
      `the specified association for route table ${table} conflicts with an existing association`,
    );

    const bySubnet = await sandbox.ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
    );
    assert.deepEqual(bySubnet.RouteTables!.map((t) => t.RouteTableId), [table]);
    assert.deepEqual(bySubnet.RouteTables![0]!.Routes!.map((r) => [r.DestinationCidrBlock, r.GatewayId, r.Origin, r.State]), [
      ['10.0.0.0/16', 'local', 'CreateRouteTable', 'active'],
      ['0.0.0.0/0', igw, 'CreateRoute', 'active'],
    ]);

    await sandbox.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    const detached = await sandbox.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [table] }));
    assert.equal(detached.RouteTables![0]!.Routes![1]!.State, 'blackhole');

    await assertAwsError(
      sandbox.ec2.send(new DeleteRouteTableCommand({ RouteTableId: table })),
      'DependencyViolation',
      `The routeTable '${table}' has dependencies and cannot be deleted.`,
    );
    await sandbox.ec2.send(new DisassociateRouteTableCommand({ AssociationId: associated.AssociationId }));
    await sandbox.ec2.send(new DeleteRouteCommand({ RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0' }));
    await assertAwsError(
      sandbox.ec2.send(new DeleteRouteCommand({ RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0' })),
      'InvalidRoute.NotFound',
      `no route with destination-cidr-block 0.0.0.0/0 in route table ${table}`,
    );
    await sandbox.ec2.send(new DeleteRouteTableCommand({ RouteTableId: table }));
    await assertAwsError(
      sandbox.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [table] })),
      'InvalidRouteTableID.NotFound',
      `The routeTable ID '${table}' does not exist`,
    );
  });

  it('keeps the main table undeletable and lets another table become main', async () => {
    const vpcId = await createVpc(sandbox.ec2);
    const main = (
      await sandbox.ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [
            { Name: 'vpc-id', Values: [vpcId] },
            { Name: 'association.main', Values: ['true'] },
          ],
        }),
      )
    ).RouteTables![0]!;
    await assertAwsError(
      sandbox.ec2.send(new DeleteRouteTableCommand({ RouteTableId: main.RouteTableId })),
      'DependencyViolation',
      `The routeTable '${main.RouteTableId}' has dependencies and cannot be deleted.`,
    );
    const mainAssociation = main.Associations![0]!.RouteTableAssociationId!;
    await assertAwsError(
      sandbox.ec2.send(new DisassociateRouteTableCommand({ AssociationId: mainAssociation })),
      'InvalidParameterValue',
      `cannot disassociate the main route table association ${mainAssociation}`,
    );
    const table = (await sandbox.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    const replaced = await sandbox.ec2.send(
      new ReplaceRouteTableAssociationCommand({ AssociationId: mainAssociation, RouteTableId: table }),
    );
    assert.notEqual(replaced.NewAssociationId, mainAssociation);
    const nowMain = await sandbox.ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'association.main', Values: ['true'] },
        ],
      }),
    );
    assert.deepEqual(nowMain.RouteTables!.map((t) => t.RouteTableId), [table]);
    await sandbox.ec2.send(new DeleteRouteTableCommand({ RouteTableId: main.RouteTableId }));
  });

  it('refuses routes to a gateway of another VPC', async () => {
    const vpcId = await createVpc(sandbox.ec2);
    const table = (await sandbox.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    const igw = (await sandbox.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await assertAwsError(
      sandbox.ec2.send(new CreateRouteCommand({ RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })),
      'InvalidParameterValue',
      `route table ${table} and network gateway ${igw} belong to different networks`,
    );
  });
});
