/**
 * EC2's backend, as Auto Scaling, ELBv2, RDS, Route 53 Resolver and Directory Service use
 * it: what it does is checked through the real EC2Client, as a learner would see it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { createClock, type Clock } from '../../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import type { Caller, Ec2Backend } from '../../../src/sandbox/services/ec2/backend.js';
import { createServices } from '../../../src/sandbox/services/index.js';
import { assertAwsError, TEST_CLOCK } from './harness.js';

describe('the EC2 backend', () => {
  let sandbox: RunningSandbox;
  let backend: Ec2Backend;
  let ec2: EC2Client;
  let clock: Clock;
  let caller: Caller;

  before(async () => {
    const services = await createServices(['ec2']);
    backend = services.find((service) => service.name === 'ec2')!.backend as Ec2Backend;
    clock = createClock(TEST_CLOCK);
    caller = { region: 'us-east-1', clock };
    sandbox = await startSandbox({ port: 0, services, clock });
    ec2 = new EC2Client({ endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });
  after(async () => {
    ec2.destroy();
    await sandbox.stop();
  });
  beforeEach(() => sandbox.router.reset());

  /** A VPC with one subnet and one security group, made as a lab makes them. */
  async function network(): Promise<{ vpcId: string; subnetId: string; groupId: string }> {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }))).Subnet!.SubnetId!;
    const groupId = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'alb', Description: 'load balancer' }))).GroupId!;
    return { vpcId, subnetId, groupId };
  }

  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  describe('requester-managed network interfaces', () => {
    it('take the subnet’s lowest free address and show in DescribeNetworkInterfaces as managed', async () => {
      const { subnetId, groupId } = await network();
      assert.equal(backend.allocatePrivateAddress(caller, subnetId), '10.0.1.4');
      const eni = backend.createRequesterManagedInterface(caller, {
        subnetId,
        description: 'ELB app/web/50dc6c495c0c9188',
        requesterId: 'amazon-elb',
        securityGroupIds: [groupId],
      });
      assert.equal(eni.privateIpAddress, '10.0.1.4');
      assert.equal(backend.allocatePrivateAddress(caller, subnetId), '10.0.1.5');

      const [described] = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni.networkInterfaceId] }))).NetworkInterfaces!;
      assert.equal(described!.RequesterManaged, true);
      assert.equal(described!.RequesterId, 'amazon-elb');
      assert.equal(described!.Description, 'ELB app/web/50dc6c495c0c9188');
      assert.equal(described!.Status, 'available');
      assert.equal(described!.SubnetId, subnetId);
      assert.deepEqual(described!.Groups!.map((group) => group.GroupId), [groupId]);
      const managed = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'requester-id', Values: ['amazon-elb'] }] }));
      assert.deepEqual(managed.NetworkInterfaces!.map((n) => n.NetworkInterfaceId), [eni.networkInterfaceId]);
      const [subnet] = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets!;
      assert.equal(subnet!.AvailableIpAddressCount, 256 - 5 - 1);
    });

    it('block DeleteSubnet and DeleteSecurityGroup until deleted, as any interface does', async () => {
      const { subnetId, groupId } = await network();
      const eni = backend.createRequesterManagedInterface(caller, { subnetId, description: 'RDSNetworkInterface', requesterId: 'amazon-rds', securityGroupIds: [groupId] });
      await assertAwsError(ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })), 'DependencyViolation', `The subnet '${subnetId}' has dependencies and cannot be deleted.`);
      await assertAwsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })), 'DependencyViolation', `resource ${groupId} has a dependent object`);

      backend.deleteNetworkInterface(caller, eni.networkInterfaceId);
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
      await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
      assert.throws(() => backend.deleteNetworkInterface(caller, eni.networkInterfaceId), {
        name: 'InvalidNetworkInterfaceID.NotFound',
        message: `The networkInterface ID '${eni.networkInterfaceId}' does not exist`,
      });
    });

    it('take the VPC’s default group when none is named, and refuse a group of another VPC', async () => {
      const { vpcId, subnetId } = await network();
      const other = await network();
      const eni = backend.createRequesterManagedInterface(caller, { subnetId, description: 'Route 53 Resolver', requesterId: '123456789012' });
      const [described] = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni.networkInterfaceId] }))).NetworkInterfaces!;
      assert.equal(described!.Groups![0]!.GroupName, 'default');
      assert.equal(described!.VpcId, vpcId);
      assert.throws(
        () => backend.createRequesterManagedInterface(caller, { subnetId, description: 'x', requesterId: 'amazon-elb', securityGroupIds: [other.groupId] }),
        { name: 'InvalidParameter', message: `Security group ${other.groupId} and subnet ${subnetId} belong to different networks.` },
      );
      assert.throws(() => backend.allocatePrivateAddress(caller, 'subnet-0123456789abcdef0'), { name: 'InvalidSubnetID.NotFound' });
    });

    it('hold a chosen address only when the subnet hands it out and it is free', async () => {
      const { subnetId } = await network();
      const eni = backend.createRequesterManagedInterface(caller, { subnetId, description: 'Route 53 Resolver', requesterId: 'route53resolver', privateIpAddress: '10.0.1.10' });
      assert.equal(eni.privateIpAddress, '10.0.1.10');
      const chosen = (privateIpAddress: string) => () =>
        backend.createRequesterManagedInterface(caller, { subnetId, description: 'x', requesterId: 'route53resolver', privateIpAddress });
      assert.throws(chosen('10.0.1.10'), { name: 'InvalidIPAddress.InUse', message: 'Address 10.0.1.10 is in use.' });
      for (const outside of ['10.0.2.10', '10.0.1.1', '10.0.1.255', 'not-an-address']) {
        assert.throws(chosen(outside), { name: 'InvalidParameterValue', message: `Address ${outside} does not fall within the subnet's address range` });
      }
    });
  });

  describe('instances run for another service', () => {
    it('launch from a launch template with the caller’s tags, move to running on the clock, and terminate', async () => {
      const { subnetId, groupId } = await network();
      const imageId = (await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images![0]!.ImageId!;
      const template = (await ec2.send(new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'web',
        LaunchTemplateData: { ImageId: imageId, InstanceType: 't3.micro', SecurityGroupIds: [groupId] },
      }))).LaunchTemplate!;

      const launched = backend.runInstances(caller, {
        launchTemplate: { launchTemplateId: template.LaunchTemplateId!, version: '$Latest' },
        subnetId,
        count: 2,
        tags: [{ Key: 'aws:autoscaling:groupName', Value: 'web-asg' }],
      });
      assert.equal(launched.length, 2);
      assert.ok(launched.every((instance) => instance.State?.Name === 'pending' && instance.SubnetId === subnetId && instance.InstanceType === 't3.micro'));
      const ids = launched.map((instance) => instance.InstanceId!);

      const tagged = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:aws:autoscaling:groupName', Values: ['web-asg'] }] }));
      const seen = tagged.Reservations!.flatMap((reservation) => reservation.Instances!);
      assert.deepEqual(seen.map((instance) => instance.InstanceId).sort(), [...ids].sort());
      assert.ok(seen[0]!.Tags!.some((tag) => tag.Key === 'aws:ec2launchtemplate:id' && tag.Value === template.LaunchTemplateId));
      assert.deepEqual(seen[0]!.SecurityGroups!.map((group) => group.GroupId), [groupId]);

      await settle(60);
      assert.deepEqual(backend.describeInstances(caller, ids).map((instance) => instance.State?.Name), ['running', 'running']);

      const changes = backend.terminateInstances(caller, [ids[0]!]);
      assert.deepEqual(changes.map((change) => [change.PreviousState?.Name, change.CurrentState?.Name]), [['running', 'shutting-down']]);
      await settle(60);
      assert.deepEqual(backend.describeInstances(caller, ids).map((instance) => instance.State?.Name), ['terminated', 'running']);
      assert.throws(() => backend.describeInstances(caller, ['i-0123456789abcdef0']), {
        name: 'InvalidInstanceID.NotFound',
        message: "The instance ID 'i-0123456789abcdef0' does not exist",
      });
    });

    it('launch from an image, and a retry with the same client token gets the same instances', async () => {
      const { subnetId } = await network();
      const imageId = (await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images![0]!.ImageId!;
      const first = backend.runInstances(caller, { imageId, subnetId, instanceType: 't3.micro', clientToken: 'asg-activity-1' });
      const again = backend.runInstances(caller, { imageId, subnetId, instanceType: 't3.micro', clientToken: 'asg-activity-1' });
      assert.deepEqual(again.map((instance) => instance.InstanceId), first.map((instance) => instance.InstanceId));
      assert.equal(first[0]!.PrivateIpAddress, '10.0.1.4');
      assert.throws(() => backend.runInstances(caller, { subnetId }), { name: 'MissingParameter' });
    });
  });
});
