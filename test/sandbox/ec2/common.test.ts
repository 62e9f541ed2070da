/**
 * What holds across the EC2 sandbox, through the real EC2Client: tags on any resource,
 * DryRun on every call, regions and zones, regional isolation, and state that survives
 * a snapshot and restore.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateInternetGatewayCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteTagsCommand,
  DeleteVpcCommand,
  DescribeAccountAttributesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  RunInstancesCommand,
  DescribeImagesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { createClock } from '../../../src/sandbox/clock.js';
import { createServices } from '../../../src/sandbox/services/index.js';
import { assertAwsError, TEST_CLOCK, useEc2Sandbox } from './harness.js';

const sandbox = useEc2Sandbox();

describe('tags', () => {
  it('tags any resource, overwrites by key, and deletes by key or by key and value', async () => {
    const vpcId = (await sandbox.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const igw = (await sandbox.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await sandbox.ec2.send(
      new CreateTagsCommand({
        Resources: [vpcId, igw],
        Tags: [
          { Key: 'Name', Value: 'lab' },
          { Key: 'lab:run', Value: 'r1' },
        ],
      }),
    );
    await sandbox.ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'Name', Value: 'lab-vpc' }] }));
    const { Tags } = await sandbox.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [vpcId, igw] }] }));
    assert.deepEqual(Tags!.map((t) => [t.ResourceId, t.ResourceType, t.Key, t.Value]), [
      [vpcId, 'vpc', 'Name', 'lab-vpc'],
      [vpcId, 'vpc', 'lab:run', 'r1'],
      [igw, 'internet-gateway', 'Name', 'lab'],
      [igw, 'internet-gateway', 'lab:run', 'r1'],
    ]);
    const byKey = await sandbox.ec2.send(
      new DescribeTagsCommand({
        Filters: [
          { Name: 'key', Values: ['lab:run'] },
          { Name: 'resource-type', Values: ['internet-gateway'] },
        ],
      }),
    );
    assert.deepEqual(byKey.Tags!.map((t) => t.ResourceId), [igw]);

    await sandbox.ec2.send(new DeleteTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'Name', Value: 'not-its-value' }, { Key: 'lab:run' }] }));
    const vpc = (await sandbox.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!;
    assert.deepEqual(vpc.Tags, [{ Key: 'Name', Value: 'lab-vpc' }]);
    await sandbox.ec2.send(new DeleteTagsCommand({ Resources: [igw] }));
    const left = await sandbox.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [igw] }] }));
    assert.deepEqual(left.Tags, []);
  });

  it('refuses resources that do not exist and forgets the tags of deleted ones', async () => {
    await assertAwsError(
      sandbox.ec2.send(new CreateTagsCommand({ Resources: ['vpc-0000000000000000a'], Tags: [{ Key: 'a', Value: 'b' }] })),
      'InvalidID',
      "The ID 'vpc-0000000000000000a' is not valid",
    );
    const vpcId = (
      await sandbox.ec2.send(
        new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] }),
      )
    ).Vpc!.VpcId!;
    await sandbox.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    const { Tags } = await sandbox.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [vpcId] }] }));
    assert.deepEqual(Tags, []);
  });
});

describe('DryRun', () => {
  it('answers DryRunOperation with 412 and changes nothing', async () => {
    const dryRun = (promise: Promise<unknown>) =>
      assertAwsError(promise, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
    await dryRun(sandbox.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', DryRun: true })));
    await dryRun(sandbox.ec2.send(new CreateKeyPairCommand({ KeyName: 'k', DryRun: true })));
    await dryRun(sandbox.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'g', Description: 'g', DryRun: true })));
    const { Images } = await sandbox.ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    await dryRun(sandbox.ec2.send(new RunInstancesCommand({ ImageId: Images![0]!.ImageId, MinCount: 1, MaxCount: 1, DryRun: true })));
    await dryRun(sandbox.ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-0000000000000000a'], DryRun: true })));
    await dryRun(sandbox.ec2.send(new DescribeVpcsCommand({ DryRun: true })));
    const { Vpcs } = await sandbox.ec2.send(new DescribeVpcsCommand({}));
    assert.equal(Vpcs!.length, 1, 'only the default VPC');
    const { Reservations } = await sandbox.ec2.send(new DescribeInstancesCommand({}));
    assert.deepEqual(Reservations, []);
  });
});

describe('regions and zones', () => {
  it('lists the regions and the three zones of the request region', async () => {
    const { Regions } = await sandbox.ec2.send(new DescribeRegionsCommand({}));
    assert.ok(Regions!.some((r) => r.RegionName === 'us-east-1' && r.Endpoint === 'ec2.us-east-1.amazonaws.com'));
    const named = await sandbox.ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1'] }));
    assert.deepEqual(named.Regions!.map((r) => r.RegionName), ['eu-west-1']);

    const { AvailabilityZones } = await sandbox.client('ap-southeast-1').send(new DescribeAvailabilityZonesCommand({}));
    assert.deepEqual(
      AvailabilityZones!.map((z) => [z.ZoneName, z.State, z.RegionName]),
      ['a', 'b', 'c'].map((l) => [`ap-southeast-1${l}`, 'available', 'ap-southeast-1']),
    );
    const filtered = await sandbox.ec2.send(
      new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-name', Values: ['*b'] }] }),
    );
    assert.deepEqual(filtered.AvailabilityZones!.map((z) => z.ZoneName), ['us-east-1b']);
  });

  it('names the default VPC among the account attributes', async () => {
    const defaultVpc = (await sandbox.ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId;
    const { AccountAttributes } = await sandbox.ec2.send(new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }));
    assert.deepEqual(AccountAttributes, [{ AttributeName: 'default-vpc', AttributeValues: [{ AttributeValue: defaultVpc }] }]);
  });

  it('keeps each region to itself', async () => {
    const vpcId = (await sandbox.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    await assertAwsError(
      sandbox.client('us-west-2').send(new DescribeVpcsCommand({ VpcIds: [vpcId] })),
      'InvalidVpcID.NotFound',
      `The vpc ID '${vpcId}' does not exist`,
    );
  });
});

describe('state', () => {
  it('restores a snapshot into a fresh service, JSON and all', async () => {
    const clock = createClock(TEST_CLOCK);
    const ctx = { accountId: '123456789012', region: 'us-east-1', requestId: 'r', clock };
    const [first] = await createServices(['ec2']);
    const { Vpc } = first!.operations.CreateVpc!({ CidrBlock: '10.0.0.0/16' }, ctx) as { Vpc: { VpcId: string } };
    const [second] = await createServices(['ec2']);
    second!.restore!(JSON.parse(JSON.stringify(first!.snapshot!())));
    const { Vpcs } = second!.operations.DescribeVpcs!({ VpcIds: [Vpc.VpcId] }, ctx) as { Vpcs: { CidrBlock: string }[] };
    assert.deepEqual(Vpcs.map((v) => v.CidrBlock), ['10.0.0.0/16']);
    second!.reset!();
    assert.throws(() => second!.operations.DescribeVpcs!({ VpcIds: [Vpc.VpcId] }, ctx), { name: 'InvalidVpcID.NotFound' });
  });
});
