/**
 * week4-fri end to end on a fresh sandbox, through the `lab` command as a learner runs it:
 * every step's resources exist afterwards, `lab cleanup` leaves the target exactly as it
 * was, and what existed before the lab is untouched.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateVpcCommand, DescribeInstancesCommand, DescribeInternetGatewaysCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { GetGroupCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, DeleteBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { createClock } from '../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { lab } from '../support/lab-process.js';
import { destroyClients, sdkClients, snapshotWorld, type SdkClients } from '../support/world.js';

let sandbox: RunningSandbox;
let clients: SdkClients;
let env: Record<string, string>;

before(async () => {
  sandbox = await startSandbox({ port: 0, clock: createClock({ defaultDelayMs: 100 }) });
  clients = sdkClients(sandbox.url);
  env = { LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), 'lab-week4-fri-')) };
});

after(async () => {
  destroyClients(clients);
  await sandbox.stop();
});

test('lab run week4-fri --yes builds everything; lab cleanup --yes removes it all and nothing else', async () => {
  // What the learner had before the lab: none of it may be touched.
  await clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'fcj-cli-vpc' }] }] }));
  await clients.s3.send(new CreateBucketCommand({ Bucket: 'learners-own-bucket' }));
  await clients.sns.send(new CreateTopicCommand({ Name: 'learners-own-topic' }));
  const before = await snapshotWorld(clients);

  const run = await lab(['run', 'week4-fri', '--yes', '--endpoint-url', sandbox.url], env);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /\$ aws ec2 create-vpc --cidr-block 10\.0\.0\.0\/16 --tag-specifications 'ResourceType=vpc,Tags=\[\{Key=Name,Value=fcj-cli-vpc\},\{Key=lab:id,Value=week4-fri\}/);
  assert.match(run.stdout, /Finished week4-fri \(run [\w-]+\): \d+ resources recorded in the ledger/);

  const labVpcs = (await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:lab:id', Values: ['week4-fri'] }] }))).Vpcs!;
  assert.equal(labVpcs.length, 1);
  const vpcId = labVpcs[0]!.VpcId!;
  const subnets = (await clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets!;
  assert.deepEqual(subnets.map((subnet) => subnet.CidrBlock).sort(), ['10.0.1.0/24', '10.0.2.0/24']);
  const gateways = (await clients.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }))).InternetGateways!;
  assert.equal(gateways.length, 1);
  const instances = (await clients.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Reservations!.flatMap((r) => r.Instances!);
  assert.equal(instances.length, 1);
  assert.equal(instances[0]!.State!.Name, 'running');
  assert.equal(instances[0]!.KeyName, 'MyKeyPair');
  const ledger = JSON.parse(await readFile(join(env.LAB_CONFIG_DIR!, 'ledgers', `endpoint-127.0.0.1-${sandbox.port}-us-east-1.json`), 'utf8'));
  const bucket = ledger.outputs['week4-fri'].bucketName as string;
  assert.equal((await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents![0]!.Key, 'hello.txt');
  const subscriptions = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: ledger.outputs['week4-fri'].topicArn }));
  assert.equal(subscriptions.Subscriptions![0]!.Endpoint, 'learner@example.com');
  assert.deepEqual((await clients.iam.send(new GetGroupCommand({ GroupName: 'dev' }))).Users!.map((user) => user.UserName), ['dev-1']);

  const status = await lab(['status', '--endpoint-url', sandbox.url, '--output', 'json'], env);
  assert.equal(status.code, 0, status.stderr);
  const alive = JSON.parse(status.stdout.slice(0, status.stdout.lastIndexOf('}') + 1)).Resources as { Resource: string; Id: string }[];
  assert.ok(alive.some((row) => row.Resource === 'VPC' && row.Id === vpcId));

  const cleanup = await lab(['cleanup', '--yes', '--endpoint-url', sandbox.url], env);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.deepEqual(await snapshotWorld(clients), before);

  const again = await lab(['cleanup', '--yes', '--endpoint-url', sandbox.url], env);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /Nothing to clean up/);
});

test('lab cleanup --scan also removes what carries lab tags but no ledger knows, and nothing else', async () => {
  const lostLedger = { LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), 'lab-scan-')) };
  const labTags = [{ Key: 'managed-by', Value: 'cloud-journey-lab' }, { Key: 'lab:id', Value: 'week4-fri' }, { Key: 'lab:run', Value: 'a-lost-run' }];
  const tagged = (await clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: labTags }] }))).Vpc!.VpcId!;
  const someoneElses = (
    await clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.8.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'managed-by', Value: 'terraform' }] }] }))
  ).Vpc!.VpcId!;

  const withoutScan = await lab(['cleanup', '--yes', '--endpoint-url', sandbox.url], lostLedger);
  assert.equal(withoutScan.code, 0);
  assert.match(withoutScan.stdout, /Nothing to clean up/);

  const scan = await lab(['cleanup', '--scan', '--yes', '--endpoint-url', sandbox.url], lostLedger);
  assert.equal(scan.code, 0, scan.stdout + scan.stderr);
  assert.match(scan.stderr, new RegExp(`found by its tags: VPC ${tagged}`));
  const left = (await clients.ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((vpc) => vpc.VpcId);
  assert.ok(!left.includes(tagged), 'the VPC carrying lab tags is gone');
  assert.ok(left.includes(someoneElses), "a VPC lab did not make is untouched");
});

test('an AWS error stops a --yes run with AWS code, message and a hint, and exits 1', async () => {
  const ledgerDir = { LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), 'lab-error-')) };
  const made = await lab(['run', 'week4-fri', '--yes', '--steps', '3', '--endpoint-url', sandbox.url], ledgerDir);
  assert.equal(made.code, 0, made.stderr);
  const ledger = JSON.parse(await readFile(join(ledgerDir.LAB_CONFIG_DIR, 'ledgers', `endpoint-127.0.0.1-${sandbox.port}-us-east-1.json`), 'utf8'));
  // The bucket goes behind lab's back, so the next step's call fails on AWS's side.
  await clients.s3.send(new DeleteBucketCommand({ Bucket: ledger.outputs['week4-fri'].bucketName }));

  const failed = await lab(['run', 'week4-fri', '--yes', '--steps', '4', '--endpoint-url', sandbox.url], ledgerDir);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /An error occurred \(NoSuchBucket\): The specified bucket does not exist\n {2}Hint: AWS has no such resource/);
  assert.match(failed.stdout, /Interrupted week4-fri|Stopped (at an error in )?week4-fri|Finished week4-fri/);
  const cleanup = await lab(['cleanup', '--yes', '--endpoint-url', sandbox.url], ledgerDir);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
});
