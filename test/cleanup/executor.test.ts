/**
 * The cleanup executor against the sandbox: "not found" is done, an interrupted create is
 * settled before planning (found by its run's tag, closed when it made nothing, left alone
 * while its run still goes), and what cannot be deleted keeps back what it dependsOn, saying why.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CreateSubnetCommand, CreateVpcCommand, DescribeImagesCommand, DescribeInstancesCommand, DescribeSubnetsCommand, DescribeVpcsCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import type { ResourceRecord } from '../../src/ledger/ledger.js';
import { cleanupTarget, type CleanupTarget } from './cleanup-target.js';

let target: CleanupTarget;

before(async () => {
  target = await cleanupTarget('executor');
});

after(() => target.stop());

async function statusOf(record: ResourceRecord): Promise<{ status: string; reason?: string }> {
  const found = (await target.ledger.read()).resources.find((item) => item.id === record.id)!;
  return { status: found.status, ...(found.reason ? { reason: found.reason } : {}) };
}

/** An image the sandbox knows, as a lab finds one. */
async function imageId(): Promise<string> {
  const out = await target.clients.send<{ Images: { ImageId: string }[] }>(new DescribeImagesCommand({ Owners: ['amazon'] }));
  return out.Images[0]!.ImageId;
}

test('a resource AWS no longer has is deleted as far as cleanup is concerned', async () => {
  const gone = await target.ledger.recordFound({ type: 'ec2:vpc', lab: 'week4-fri', run: 'run-gone', step: 'create-vpc' }, 'vpc-0123456789abcdef0');
  const outcomes = await target.cleanup();
  assert.deepEqual(outcomes.map((outcome) => [outcome.record.id, outcome.status]), [[gone.id, 'deleted']]);
  assert.deepEqual(await statusOf(gone), { status: 'deleted' });
});

test('an interrupted create that made nothing is closed, not deleted and not left', async () => {
  const intent = await target.ledger.recordIntent({ type: 'ec2:vpc', lab: 'week4-fri', run: 'run-made-nothing', step: 'create-vpc' });
  const outcomes = await target.cleanup();
  assert.deepEqual(outcomes, []);
  assert.deepEqual(await statusOf(intent), { status: 'failed', reason: 'its create call was interrupted before AWS made anything' });
});

test('an interrupted create is left alone while its run is still going', async () => {
  const intent = await target.ledger.recordIntent({ type: 'ec2:vpc', lab: 'week4-fri', run: 'run-still-going', step: 'create-vpc' });
  // Another live process (this one's parent) is running it.
  await target.ledger.update((data) => {
    data.runs['run-still-going'] = { lab: 'week4-fri', pid: process.ppid, startedAt: new Date().toISOString() };
  });
  const outcomes = await target.cleanup();
  assert.deepEqual(outcomes.map((outcome) => [outcome.record.id, outcome.status]), [[intent.id, 'left']]);
  assert.match(outcomes[0]!.reason!, new RegExp(`its run run-still-going is still going \\(process ${process.ppid}\\)`));
  assert.equal((await statusOf(intent)).status, 'intended');
  await target.ledger.update((data) => {
    data.runs['run-still-going']!.endedAt = new Date().toISOString();
  });
  await target.cleanup();
  assert.equal((await statusOf(intent)).status, 'failed');
});

test('an interrupted RunInstances that made two instances: both are found by the run tag, recorded and terminated', async () => {
  const intent = await target.ledger.recordIntent({ type: 'ec2:instance', lab: 'week4-fri', run: 'run-killed', step: 'run-instance' });
  const tags = [{ ResourceType: 'instance' as const, Tags: [{ Key: 'lab:run', Value: 'run-killed' }] }];
  const made = await target.clients.send<{ Instances: { InstanceId: string }[] }>(
    new RunInstancesCommand({ ImageId: await imageId(), InstanceType: 't3.micro', MinCount: 2, MaxCount: 2, TagSpecifications: tags }),
  );
  const ids = made.Instances.map((instance) => instance.InstanceId).sort();

  const outcomes = await target.cleanup();
  assert.deepEqual(outcomes.map((outcome) => outcome.record.resourceId).sort(), ids);
  assert.ok(outcomes.every((outcome) => outcome.status === 'deleted'));
  assert.equal((await statusOf(intent)).status, 'deleted');
  const states = await target.clients.send<{ Reservations: { Instances: { State: { Name: string } }[] }[] }>(new DescribeInstancesCommand({ InstanceIds: ids }));
  assert.deepEqual(states.Reservations.flatMap((reservation) => reservation.Instances.map((instance) => instance.State.Name)), ['terminated', 'terminated']);
});

test('a subnet that cannot go (an instance lab did not make sits in it) is left, and keeps its VPC, saying why', async () => {
  const vpcId = (await target.clients.send<{ Vpc: { VpcId: string } }>(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }))).Vpc.VpcId;
  const subnetId = (await target.clients.send<{ Subnet: { SubnetId: string } }>(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.7.1.0/24' }))).Subnet.SubnetId;
  const intent = { lab: 'week4-fri', run: 'run-blocked', step: 'network' };
  const vpc = await target.ledger.recordFound({ ...intent, type: 'ec2:vpc' }, vpcId);
  const subnet = await target.ledger.recordFound({ ...intent, type: 'ec2:subnet' }, subnetId);
  await target.clients.send(new RunInstancesCommand({ ImageId: await imageId(), InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnetId }));

  const outcomes = await target.cleanup({ retryForMs: 300 });
  const byId = new Map(outcomes.map((outcome) => [outcome.record.id, outcome]));
  assert.equal(byId.get(subnet.id)!.status, 'left');
  assert.match(byId.get(subnet.id)!.reason!, /^DependencyViolation: /);
  assert.deepEqual(byId.get(vpc.id), { record: byId.get(vpc.id)!.record, status: 'left', reason: 'waits for a subnet that could not be deleted' });
  // Both stay live in the ledger, so the next cleanup tries again.
  assert.deepEqual([(await statusOf(subnet)).status, (await statusOf(vpc)).status], ['created', 'created']);
  assert.equal((await target.clients.send<{ Subnets: unknown[] }>(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets.length, 1);
  assert.equal((await target.clients.send<{ Vpcs: unknown[] }>(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs.length, 1);
});
