/**
 * Instances and what they launch from, in the EC2 sandbox through the real EC2Client:
 * the AMI catalogue, RunInstances and its states on the clock (with the SDK's waiters),
 * network interfaces, launch templates, and images made from instances.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AttachInternetGatewayCommand,
  CreateImageCommand,
  CreateInternetGatewayCommand,
  CreateKeyPairCommand,
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteLaunchTemplateCommand,
  DeleteSnapshotCommand,
  DeleteSubnetCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DetachInternetGatewayCommand,
  ModifyLaunchTemplateCommand,
  ModifySubnetAttributeCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilImageAvailable,
  waitUntilInstanceRunning,
  waitUntilInstanceStatusOk,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
} from '@aws-sdk/client-ec2';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertAwsError, useEc2Sandbox } from './harness.js';

const sandbox = useEc2Sandbox();
const waiter = () => ({ client: sandbox.ec2, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.1 });

async function latestAmazonLinux(): Promise<string> {
  const { Images } = await sandbox.ec2.send(
    new DescribeImagesCommand({
      Owners: ['amazon'],
      Filters: [
        { Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] },
        { Name: 'state', Values: ['available'] },
      ],
    }),
  );
  return [...Images!].sort((a, b) => b.CreationDate!.localeCompare(a.CreationDate!))[0]!.ImageId!;
}

async function labNetwork(publicIps = true) {
  const vpcId = (await sandbox.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const subnetId = (
    await sandbox.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' }))
  ).Subnet!.SubnetId!;
  if (publicIps) await sandbox.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
  return { vpcId, subnetId };
}

describe('AMI catalogue', () => {
  it('finds Amazon Linux 2023 and Ubuntu by owner and name wildcards', async () => {
    const { Images } = await sandbox.ec2.send(
      new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }] }),
    );
    assert.deepEqual(Images!.map((i) => i.Name).sort(), [
      'al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64',
      'al2023-ami-2023.6.20250115.0-kernel-6.1-x86_64',
    ]);
    const image = Images!.find((i) => i.Name!.includes('20250115'))!;
    assert.equal(image.ImageOwnerAlias, 'amazon');
    assert.equal(image.RootDeviceName, '/dev/xvda');
    assert.equal(image.State, 'available');
    assert.equal(image.Architecture, 'x86_64');
    assert.match(image.BlockDeviceMappings![0]!.Ebs!.SnapshotId!, /^snap-0[0-9a-f]{16}$/);

    const ubuntu = await sandbox.ec2.send(
      new DescribeImagesCommand({
        Owners: ['099720109477'],
        Filters: [
          { Name: 'name', Values: ['ubuntu/images/hvm-ssd*/ubuntu-*-24.04-*-server-*'] },
          { Name: 'architecture', Values: ['arm64'] },
        ],
      }),
    );
    assert.deepEqual(ubuntu.Images!.map((i) => [i.Name, i.RootDeviceName]), [
      ['ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20250115', '/dev/sda1'],
    ]);
    await assertAwsError(
      sandbox.ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0000000000000000a'] })),
      'InvalidAMIID.NotFound',
      "The image id '[ami-0000000000000000a]' does not exist",
    );
  });

  it('gives each region its own, stable, AMI ids', async () => {
    const here = await latestAmazonLinux();
    assert.equal(await latestAmazonLinux(), here);
    const { Images } = await sandbox.client('eu-west-1').send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    assert.ok(!Images!.some((i) => i.ImageId === here));
  });
});

describe('instances', () => {
  it('launches pending into a subnet and runs on the clock, as the waiter sees it', async () => {
    const imageId = await latestAmazonLinux();
    const { vpcId, subnetId } = await labNetwork();
    await sandbox.ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-key' }));
    const userData = Buffer.from('#!/bin/bash\nyum install -y nodejs\n').toString('base64');
    const reservation = await sandbox.ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnetId,
        KeyName: 'lab-key',
        UserData: userData,
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-1' }] },
          { ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'web-1-root' }] },
        ],
      }),
    );
    assert.match(reservation.ReservationId!, /^r-0[0-9a-f]{16}$/);
    const launched = reservation.Instances![0]!;
    assert.deepEqual(launched.State, { Code: 0, Name: 'pending' });
    assert.equal(launched.PrivateIpAddress, '10.0.1.4');
    assert.equal(launched.PrivateDnsName, 'ip-10-0-1-4.ec2.internal');
    assert.match(launched.PublicIpAddress!, /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(launched.VpcId, vpcId);
    assert.equal(launched.KeyName, 'lab-key');
    assert.equal(launched.InstanceType, 't3.micro');
    assert.deepEqual(launched.Tags, [{ Key: 'Name', Value: 'web-1' }]);
    const instanceId = launched.InstanceId!;

    const result = await waitUntilInstanceRunning(waiter(), { InstanceIds: [instanceId] });
    assert.equal(result.state, 'SUCCESS');
    const { Reservations } = await sandbox.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    const running = Reservations![0]!.Instances![0]!;
    assert.deepEqual(running.State, { Code: 16, Name: 'running' });
    assert.equal(running.NetworkInterfaces![0]!.PrivateIpAddress, '10.0.1.4');

    const attribute = await sandbox.ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }));
    assert.deepEqual(attribute.UserData, { Value: userData });
    const { Subnets } = await sandbox.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }));
    assert.equal(Subnets![0]!.AvailableIpAddressCount, 250);
    const status = await waitUntilInstanceStatusOk(waiter(), { InstanceIds: [instanceId] });
    assert.equal(status.state, 'SUCCESS');
  });

  it('launches into the default VPC without a subnet, with its default group', async () => {
    const imageId = await latestAmazonLinux();
    const { Instances } = await sandbox.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 2, MaxCount: 2 }));
    assert.equal(Instances!.length, 2);
    assert.deepEqual(Instances!.map((i) => i.AmiLaunchIndex), [0, 1]);
    assert.deepEqual(Instances!.map((i) => i.PrivateIpAddress), ['172.31.0.4', '172.31.0.5']);
    assert.equal(Instances![0]!.Placement!.AvailabilityZone, 'us-east-1a');
    assert.deepEqual(Instances![0]!.SecurityGroups!.map((g) => g.GroupName), ['default']);
    assert.equal(Instances![0]!.InstanceType, 'm1.small');
    assert.ok(Instances![0]!.PublicIpAddress);
    assert.match(Instances![0]!.PublicDnsName!, /^ec2-[\d-]+\.compute-1\.amazonaws\.com$/);
  });

  it('refuses unknown AMIs, subnets, key pairs and counts', async () => {
    const imageId = await latestAmazonLinux();
    await assertAwsError(
      sandbox.ec2.send(new RunInstancesCommand({ ImageId: 'ami-0000000000000000a', MinCount: 1, MaxCount: 1 })),
      'InvalidAMIID.NotFound',
      "The image id '[ami-0000000000000000a]' does not exist",
    );
    await assertAwsError(
      sandbox.ec2.send(new RunInstancesCommand({ ImageId: 'ubuntu', MinCount: 1, MaxCount: 1 })),
      'InvalidAMIID.Malformed',
      'Invalid id: "ubuntu" (expecting "ami-...")',
    );
    await assertAwsError(
      sandbox.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1, SubnetId: 'subnet-0000000000000000a' })),
      'InvalidSubnetID.NotFound',
      "The subnet ID 'subnet-0000000000000000a' does not exist",
    );
    await assertAwsError(
      sandbox.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1, KeyName: 'nope' })),
      'InvalidKeyPair.NotFound',
      "The key pair 'nope' does not exist",
    );
    await assertAwsError(
      sandbox.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 3, MaxCount: 2 })),
      'InvalidParameterValue',
      /minCount/,
    );
  });

  it('stops, starts and terminates, and keeps terminated instances listed a while', async () => {
    const imageId = await latestAmazonLinux();
    const { subnetId } = await labNetwork();
    const { Instances } = await sandbox.ec2.send(
      new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1, SubnetId: subnetId }),
    );
    const instanceId = Instances![0]!.InstanceId!;
    await waitUntilInstanceRunning(waiter(), { InstanceIds: [instanceId] });

    const stopping = await sandbox.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    assert.deepEqual(stopping.StoppingInstances, [
      { InstanceId: instanceId, CurrentState: { Code: 64, Name: 'stopping' }, PreviousState: { Code: 16, Name: 'running' } },
    ]);
    await waitUntilInstanceStopped(waiter(), { InstanceIds: [instanceId] });
    const stopped = (await sandbox.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations![0]!
      .Instances![0]!;
    assert.equal(stopped.PublicIpAddress, undefined);
    assert.match(stopped.StateTransitionReason!, /^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);

    const starting = await sandbox.ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
    assert.equal(starting.StartingInstances![0]!.CurrentState!.Name, 'pending');
    await waitUntilInstanceRunning(waiter(), { InstanceIds: [instanceId] });
    const restarted = (await sandbox.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations![0]!
      .Instances![0]!;
    assert.match(restarted.PublicIpAddress!, /^\d+\.\d+\.\d+\.\d+$/, 'a new public address');

    const terminating = await sandbox.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    assert.deepEqual(terminating.TerminatingInstances![0]!.CurrentState, { Code: 32, Name: 'shutting-down' });
    await waitUntilInstanceTerminated(waiter(), { InstanceIds: [instanceId] });
    await assertAwsError(
      sandbox.ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] })),
      'IncorrectInstanceState',
      `The instance '${instanceId}' is not in a state from which it can be started.`,
    );
    const terminated = await sandbox.ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['terminated'] }] }),
    );
    assert.deepEqual(terminated.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId)), [instanceId]);
    // Its interface and address went with it, so the subnet can go.
    await sandbox.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
    await sleep(600);
    await assertAwsError(
      sandbox.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })),
      'InvalidInstanceID.NotFound',
      `The instance ID '${instanceId}' does not exist`,
    );
  });

  it('filters instances the way the labs look for them', async () => {
    const imageId = await latestAmazonLinux();
    const { vpcId, subnetId } = await labNetwork(false);
    const run = async (name: string, type: 't3.micro' | 't3.small') =>
      (
        await sandbox.ec2.send(
          new RunInstancesCommand({
            ImageId: imageId,
            InstanceType: type,
            MinCount: 1,
            MaxCount: 1,
            SubnetId: subnetId,
            TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
          }),
        )
      ).Instances![0]!.InstanceId!;
    const web = await run('web', 't3.micro');
    const worker = await run('worker', 't3.small');
    const ids = async (filters: { Name: string; Values: string[] }[]) =>
      (await sandbox.ec2.send(new DescribeInstancesCommand({ Filters: filters }))).Reservations!.flatMap((r) =>
        r.Instances!.map((i) => i.InstanceId),
      );
    assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [vpcId] }]), [web, worker]);
    assert.deepEqual(await ids([{ Name: 'subnet-id', Values: [subnetId] }, { Name: 'tag:Name', Values: ['w?b'] }]), [web]);
    assert.deepEqual(await ids([{ Name: 'instance-type', Values: ['t3.small'] }]), [worker]);
    assert.deepEqual(await ids([{ Name: 'image-id', Values: [imageId] }, { Name: 'tag-key', Values: ['Name'] }]), [web, worker]);
    assert.deepEqual(await ids([{ Name: 'instance-id', Values: [worker] }, { Name: 'instance-state-name', Values: ['pending', 'running'] }]), [worker]);
    await assertAwsError(
      sandbox.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0000000000000000a', 'i-0000000000000000b'] })),
      'InvalidInstanceID.NotFound',
      "The instance IDs 'i-0000000000000000a, i-0000000000000000b' do not exist",
    );
    const status = await sandbox.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [web], IncludeAllInstances: true }));
    assert.equal(status.InstanceStatuses![0]!.InstanceId, web);
  });

  it('gives each instance a primary network interface that holds its subnet and gateway', async () => {
    const imageId = await latestAmazonLinux();
    const { vpcId, subnetId } = await labNetwork();
    const igw = (await sandbox.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await sandbox.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    const instance = (
      await sandbox.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1, SubnetId: subnetId }))
    ).Instances![0]!;
    const { NetworkInterfaces } = await sandbox.ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instance.InstanceId!] }] }),
    );
    assert.equal(NetworkInterfaces!.length, 1);
    const eni = NetworkInterfaces![0]!;
    assert.equal(eni.NetworkInterfaceId, instance.NetworkInterfaces![0]!.NetworkInterfaceId);
    assert.match(eni.NetworkInterfaceId!, /^eni-0[0-9a-f]{16}$/);
    assert.equal(eni.Status, 'in-use');
    assert.equal(eni.Association!.PublicIp, instance.PublicIpAddress);

    await assertAwsError(
      sandbox.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })),
      'DependencyViolation',
      `The subnet '${subnetId}' has dependencies and cannot be deleted.`,
    );
    await assertAwsError(
      sandbox.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId })),
      'DependencyViolation',
      `Network ${vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
    );
  });
});

describe('launch templates', () => {
  it('launches from a template version, explicit parameters winning', async () => {
    const imageId = await latestAmazonLinux();
    const { subnetId } = await labNetwork();
    const created = await sandbox.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'web-template',
        VersionDescription: 'first',
        LaunchTemplateData: {
          ImageId: imageId,
          InstanceType: 't3.micro',
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'from-template' }] }],
        },
      }),
    );
    const template = created.LaunchTemplate!;
    assert.match(template.LaunchTemplateId!, /^lt-0[0-9a-f]{16}$/);
    assert.equal(template.DefaultVersionNumber, 1);
    assert.equal(template.LatestVersionNumber, 1);
    await assertAwsError(
      sandbox.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web-template', LaunchTemplateData: { ImageId: imageId } })),
      'InvalidLaunchTemplateName.AlreadyExistsException',
      'Launch template name already in use.',
    );

    const v2 = await sandbox.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateName: 'web-template',
        SourceVersion: '1',
        VersionDescription: 'bigger',
        LaunchTemplateData: { InstanceType: 't3.small' },
      }),
    );
    assert.equal(v2.LaunchTemplateVersion!.VersionNumber, 2);
    assert.equal(v2.LaunchTemplateVersion!.LaunchTemplateData!.ImageId, imageId);
    assert.equal(v2.LaunchTemplateVersion!.DefaultVersion, false);

    const fromLatest = await sandbox.ec2.send(
      new RunInstancesCommand({
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnetId,
        LaunchTemplate: { LaunchTemplateName: 'web-template', Version: '$Latest' },
      }),
    );
    const instance = fromLatest.Instances![0]!;
    assert.equal(instance.InstanceType, 't3.small');
    assert.deepEqual(instance.Tags!.map((t) => [t.Key, t.Value]), [
      ['Name', 'from-template'],
      ['aws:ec2launchtemplate:id', template.LaunchTemplateId],
      ['aws:ec2launchtemplate:version', '2'],
    ]);
    const fromDefault = await sandbox.ec2.send(
      new RunInstancesCommand({
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.nano',
        LaunchTemplate: { LaunchTemplateId: template.LaunchTemplateId },
      }),
    );
    assert.equal(fromDefault.Instances![0]!.InstanceType, 't3.nano');

    const modified = await sandbox.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateName: 'web-template', DefaultVersion: '2' }));
    assert.equal(modified.LaunchTemplate!.DefaultVersionNumber, 2);
    const versions = await sandbox.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: template.LaunchTemplateId }));
    assert.deepEqual(versions.LaunchTemplateVersions!.map((v) => [v.VersionNumber, v.DefaultVersion, v.VersionDescription]), [
      [2, true, 'bigger'],
      [1, false, 'first'],
    ]);
    const described = await sandbox.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['web-template'] }));
    assert.equal(described.LaunchTemplates![0]!.LatestVersionNumber, 2);

    await sandbox.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: 'web-template' }));
    await assertAwsError(
      sandbox.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['web-template'] })),
      'InvalidLaunchTemplateName.NotFoundException',
      'At least one of the launch templates specified in the request does not exist.',
    );
    await assertAwsError(
      sandbox.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: template.LaunchTemplateId })),
      'InvalidLaunchTemplateId.NotFound',
      `The specified launch template, with template ID ${template.LaunchTemplateId}, does not exist.`,
    );
  });
});

describe('images from instances', () => {
  it('creates an AMI that becomes available, launches from it, and deregisters it', async () => {
    const imageId = await latestAmazonLinux();
    const instanceId = (
      await sandbox.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }))
    ).Instances![0]!.InstanceId!;
    await assertAwsError(
      sandbox.ec2.send(new CreateImageCommand({ InstanceId: instanceId, Name: 'too-soon' })),
      'IncorrectInstanceState',
      /not in a state/,
    );
    await waitUntilInstanceRunning(waiter(), { InstanceIds: [instanceId] });
    const { ImageId } = await sandbox.ec2.send(
      new CreateImageCommand({ InstanceId: instanceId, Name: 'web-golden', Description: 'node app baked in' }),
    );
    const pending = (await sandbox.ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId!] }))).Images![0]!;
    assert.equal(pending.State, 'pending');
    assert.equal(pending.OwnerId, '123456789012');
    await waitUntilImageAvailable(waiter(), { ImageIds: [ImageId!] });
    const mine = await sandbox.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
    assert.deepEqual(mine.Images!.map((i) => [i.Name, i.State, i.Public]), [['web-golden', 'available', false]]);
    await assertAwsError(
      sandbox.ec2.send(new CreateImageCommand({ InstanceId: instanceId, Name: 'web-golden' })),
      'InvalidAMIName.Duplicate',
      `AMI name web-golden is already in use by AMI ${ImageId}`,
    );
    const launched = await sandbox.ec2.send(new RunInstancesCommand({ ImageId, MinCount: 1, MaxCount: 1 }));
    assert.equal(launched.Instances![0]!.ImageId, ImageId);

    const snapshotId = mine.Images![0]!.BlockDeviceMappings![0]!.Ebs!.SnapshotId!;
    const { Snapshots } = await sandbox.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
    assert.deepEqual(Snapshots!.map((s) => [s.SnapshotId, s.State]), [[snapshotId, 'completed']]);
    await assertAwsError(
      sandbox.ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId })),
      'InvalidSnapshot.InUse',
      `The snapshot ${snapshotId} is currently in use by ${ImageId}`,
    );
    await sandbox.ec2.send(new DeregisterImageCommand({ ImageId }));
    await sandbox.ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
    assert.deepEqual((await sandbox.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images, []);
    await assertAwsError(
      sandbox.ec2.send(new DeregisterImageCommand({ ImageId: imageId })),
      'AuthFailure',
      `Not authorized for image:${imageId}`,
    );
  });
});
