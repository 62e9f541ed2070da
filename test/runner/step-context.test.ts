/**
 * StepContext, the one door a step has to AWS, with a stand-in transport: the fake pool
 * answers `send` as AWS would and notes what it was sent, while the ledger is the real
 * one in a temporary folder. What a learner sees (the printed command, the error with its
 * hint) and what cleanup relies on (tags, intent before the call and id after) are pinned here.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { startSandbox } from '../../src/sandbox/server.js';
import { createServices } from '../../src/sandbox/services/index.js';
import type { ClientPool } from '../../src/aws/clients.js';
import { Ledger, type LedgerData } from '../../src/ledger/ledger.js';
import { AwsCallError, StepContext, type StepContextOptions } from '../../src/runner/step-context.js';

/** What AWS answers, per operation: an output, or an error the way the SDK throws it. */
type Answer = object | { throws: Error };

interface Harness {
  ctx: StepContext;
  ledger: Ledger;
  /** Inputs sent, by operation, in order. */
  sent: { operation: string; input: Record<string, unknown> }[];
  /** The ledger as it stood when each command reached the transport. */
  ledgerAtSend: LedgerData[];
  commands: string[];
  notes: string[];
}

async function harness(answers: Record<string, Answer>, options: Partial<StepContextOptions> = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'lab-step-context-'));
  const ledger = new Ledger(join(dir, 'ledger.json'));
  const sent: Harness['sent'] = [];
  const ledgerAtSend: LedgerData[] = [];
  // Only the transport is faked: the pool's one method a step's calls reach.
  const clients = {
    async send(command: { input: Record<string, unknown>; schema?: unknown }) {
      const operation = (command.schema as unknown[])[2] as string;
      sent.push({ operation, input: structuredClone(command.input) });
      ledgerAtSend.push(await ledger.read());
      const answer = answers[operation];
      if (answer === undefined) throw new Error(`the fake AWS has no answer for ${operation}`);
      if ('throws' in answer) throw answer.throws;
      return structuredClone(answer);
    },
  } as unknown as ClientPool;
  const commands: string[] = [];
  const notes: string[] = [];
  const ctx = new StepContext({
    lab: 'week4-fri',
    run: 'run-1',
    step: 'create-vpc',
    region: 'us-east-1',
    clients,
    ledger,
    outputs: {},
    dryRun: false,
    cliGlobals: { 'endpoint-url': 'http://127.0.0.1:4566', region: 'us-east-1' },
    events: { command: (text) => commands.push(text), progress: () => undefined, note: (text) => notes.push(text) },
    settings: {},
    artifactsDir: join(dir, 'reports'),
    ...options,
  });
  return { ctx, ledger, sent, ledgerAtSend, commands, notes };
}

/** An AWS error as the SDK throws it: AWS's code as the name, the HTTP status in $metadata. */
function awsError(code: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name: code, $metadata: { httpStatusCode }, $fault: 'client' });
}

const VPC = { Vpc: { VpcId: 'vpc-0abc', CidrBlock: '10.0.0.0/16', State: 'pending' } };

test('a create carries the run\'s tags, and the ledger holds its intent before the call and its id after', async () => {
  const { ctx, ledger, sent, ledgerAtSend } = await harness({ CreateVpc: VPC });
  const out = await ctx.call(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  assert.equal(out.Vpc?.VpcId, 'vpc-0abc');

  assert.deepEqual(sent[0]!.input.TagSpecifications, [{
    ResourceType: 'vpc',
    Tags: [{ Key: 'lab:id', Value: 'week4-fri' }, { Key: 'lab:run', Value: 'run-1' }, { Key: 'managed-by', Value: 'cloud-journey-lab' }],
  }]);
  const before = ledgerAtSend[0]!.resources;
  assert.equal(before.length, 1);
  assert.equal(before[0]!.status, 'intended');
  assert.equal(before[0]!.resourceId, undefined);
  assert.equal(before[0]!.step, 'create-vpc');

  const after = (await ledger.read()).resources;
  assert.equal(after.length, 1);
  assert.equal(after[0]!.id, before[0]!.id);
  assert.equal(after[0]!.status, 'created');
  assert.equal(after[0]!.resourceId, 'vpc-0abc');
});

test('a read records nothing and carries no tags', async () => {
  const { ctx, ledger, sent } = await harness({ DescribeVpcs: { Vpcs: [] } });
  await ctx.call(new DescribeVpcsCommand({}));
  assert.equal(sent[0]!.input.TagSpecifications, undefined);
  assert.deepEqual((await ledger.read()).resources, []);
});

test('every call prints its AWS CLI equivalent, with the target\'s flags and the step\'s query', async () => {
  const { ctx, commands } = await harness({ CreateVpc: VPC, DescribeVpcs: { Vpcs: [] } });
  await ctx.call(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  await ctx.call(new DescribeVpcsCommand({ VpcIds: ['vpc-0abc'] }), { query: 'Vpcs[].VpcId' });
  assert.equal(commands.length, 2);
  assert.match(commands[0]!, /^aws ec2 create-vpc --cidr-block 10\.0\.0\.0\/16 /);
  assert.match(commands[0]!, /--tag-specifications .*lab:run.*run-1/);
  assert.match(commands[0]!, /--endpoint-url http:\/\/127\.0\.0\.1:4566/);
  assert.match(commands[0]!, /--region us-east-1/);
  assert.match(commands[1]!, /^aws ec2 describe-vpcs --vpc-ids vpc-0abc /);
  assert.match(commands[1]!, /--query 'Vpcs\[\]\.VpcId'/);
});

test('showCommand false sends the call but prints nothing (the 2nd of 100 batches alike)', async () => {
  const { ctx, commands, sent } = await harness({ DescribeVpcs: { Vpcs: [] } });
  await ctx.call(new DescribeVpcsCommand({}), { showCommand: false });
  assert.equal(sent.length, 1);
  assert.deepEqual(commands, []);
});

test('an AWS error becomes AwsCallError with AWS\'s code and message, the command and a hint; a refused create is marked failed', async () => {
  const { ctx, ledger } = await harness({ CreateVpc: { throws: awsError('VpcLimitExceeded', 'The maximum number of VPCs has been reached.') }, DescribeVpcs: { throws: awsError('InvalidVpcID.NotFound', "The vpc ID 'vpc-0nope' does not exist") } });

  const notFound = await ctx.call(new DescribeVpcsCommand({ VpcIds: ['vpc-0nope'] })).then(() => undefined, (error: unknown) => error);
  assert.ok(notFound instanceof AwsCallError);
  assert.equal(notFound.code, 'InvalidVpcID.NotFound');
  assert.equal(notFound.awsMessage, "The vpc ID 'vpc-0nope' does not exist");
  assert.match(notFound.command, /^aws ec2 describe-vpcs --vpc-ids vpc-0nope/);
  assert.match(notFound.hint ?? '', /no such resource/);

  await assert.rejects(ctx.call(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' })), (error: unknown) => error instanceof AwsCallError && error.code === 'VpcLimitExceeded');
  const [record] = (await ledger.read()).resources;
  assert.equal(record!.status, 'failed');
});

test('a call that never reached AWS keeps its intent open (it may exist) and stays the SDK\'s error', async () => {
  const lost = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} });
  const { ctx, ledger } = await harness({ CreateVpc: { throws: lost } });
  await assert.rejects(ctx.call(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' })), (error: unknown) => error === lost);
  assert.equal((await ledger.read()).resources[0]!.status, 'intended');
});

test('a dry run prints the command and calls nothing; its answer names what the real one would hold', async () => {
  const { ctx, ledger, sent, commands } = await harness({}, { dryRun: true });
  const out = await ctx.call(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  assert.equal(`${out.Vpc!.VpcId}`, '<CreateVpc.Vpc.VpcId>');
  await ctx.remember('vpcId', String(out.Vpc!.VpcId));
  assert.equal(ctx.need('vpcId'), '<vpcId>');
  assert.equal(sent.length, 0);
  assert.equal(commands.length, 1);
  assert.deepEqual(await ledger.read(), { version: 1, resources: [], runs: {}, outputs: {} });
});

test('a dry run on EC2 may check permissions with DryRun, which changes nothing', async () => {
  const { ctx, sent } = await harness({ CreateVpc: { throws: awsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412) } }, { dryRun: true, checkWithDryRun: true });
  await ctx.call(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.input.DryRun, true);
});

test('measure sends through the same clients, printing nothing and recording nothing; it refuses a create', async () => {
  const item = { Item: { title: { S: 'Rush' } } };
  const { ctx, ledger, sent, commands } = await harness({ GetItem: item, CreateVpc: VPC });
  const out = await ctx.measure(new GetItemCommand({ TableName: 'Movies', Key: { title: { S: 'Rush' } } }));
  assert.deepEqual(out, item);
  assert.equal(sent.length, 1);
  assert.deepEqual(commands, []);
  assert.deepEqual((await ledger.read()).resources, []);
  assert.throws(() => ctx.measure(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' })), /CreateVpc creates a resource/);
  assert.equal(sent.length, 1);
});

test('writeArtifact leaves a file in the runner\'s folder; a dry run writes nothing; a name never leaves the folder', async () => {
  const { ctx } = await harness({});
  const path = await ctx.writeArtifact('week8-day6-run-1.html', '<!doctype html>');
  assert.match(path, /reports\/week8-day6-run-1\.html$/);
  assert.equal(await readFile(path, 'utf8'), '<!doctype html>');
  await assert.rejects(ctx.writeArtifact('../ledger.json', '{}'), /plain file name/);

  const dry = await harness({}, { dryRun: true });
  const planned = await dry.ctx.writeArtifact('report.html', 'x');
  assert.match(planned, /reports\/report\.html$/);
  await assert.rejects(readdir(join(planned, '..')), { code: 'ENOENT' });
});

test('ctx.target says where the run goes; without one (lab show) it is a sandbox in the region', async () => {
  const aws = await harness({}, { target: { kind: 'aws', region: 'eu-west-1', description: 'AWS account 111122223333 in eu-west-1', accountId: '111122223333' } });
  assert.equal(aws.ctx.target.kind, 'aws');
  assert.equal(aws.ctx.target.accountId, '111122223333');
  const show = await harness({});
  assert.deepEqual({ kind: show.ctx.target.kind, region: show.ctx.target.region }, { kind: 'sandbox', region: 'us-east-1' });
});

test('cleanupPlan reads the ledger in deletion order; a dry-run cleanup deletes nothing', async () => {
  const { ctx, ledger } = await harness({ CreateVpc: VPC }, {});
  await ctx.call(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  const plan = await ctx.cleanupPlan((lab) => lab === 'week4-fri');
  assert.deepEqual(plan.waves.flat().map((record) => record.resourceId), ['vpc-0abc']);
  assert.deepEqual((await ctx.cleanupPlan((lab) => lab === 'week8-day5')).waves, []);

  const dry = new StepContext({ ...harnessOptions(ledger), dryRun: true });
  assert.deepEqual(await dry.cleanup(() => true), []);
  assert.equal((await ledger.read()).resources[0]!.status, 'created');
});

test('ctx.sandboxInbox reads the mailbox of the sandbox or a local endpoint, and nothing on AWS', async () => {
  const sandbox = await startSandbox({ port: 0, services: await createServices(['sns']) });
  const sns = new SNSClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lab-alarms' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'learner@example.com' }));
    const globals = { 'endpoint-url': sandbox.url, region: 'us-east-1' };

    for (const kind of ['sandbox', 'endpoint'] as const) {
      const { ctx } = await harness({}, { cliGlobals: globals, target: { kind, region: 'us-east-1', description: kind } });
      const [confirmation, ...rest] = (await ctx.sandboxInbox()) ?? [];
      assert.equal(rest.length, 0, kind);
      assert.deepEqual([confirmation?.kind, confirmation?.to, confirmation?.topicArn, confirmation?.subject], [
        'confirmation', 'learner@example.com', TopicArn, 'AWS Notification - Subscription Confirmation',
      ], kind);
      assert.match(confirmation?.token ?? '', /^[0-9a-f]+$/);
    }

    const aws = await harness({}, { cliGlobals: { region: 'eu-west-1' }, target: { kind: 'aws', region: 'eu-west-1', description: 'AWS account' } });
    assert.equal(await aws.ctx.sandboxInbox(), undefined);
    const dry = await harness({}, { cliGlobals: globals, dryRun: true });
    assert.deepEqual(await dry.ctx.sandboxInbox(), []);
  } finally {
    sns.destroy();
    await sandbox.stop();
  }
});

test('ctx.sandboxInbox is undefined for an endpoint that keeps no mailbox, or none that answers', async () => {
  const other = createServer((_request, response) => response.writeHead(404).end());
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  const target = { kind: 'endpoint' as const, region: 'us-east-1', description: 'LocalStack' };
  const elsewhere = await harness({}, { cliGlobals: { 'endpoint-url': url }, target });
  assert.equal(await elsewhere.ctx.sandboxInbox(), undefined);
  await new Promise<void>((resolve) => other.close(() => resolve()));
  const gone = await harness({}, { cliGlobals: { 'endpoint-url': url }, target });
  assert.equal(await gone.ctx.sandboxInbox(), undefined);
});

function harnessOptions(ledger: Ledger): StepContextOptions {
  return {
    lab: 'week8-day7', run: 'run-2', step: 'cleanup', region: 'us-east-1', ledger, outputs: {}, dryRun: false, cliGlobals: {}, settings: {},
    clients: { send: () => assert.fail('a dry run sends nothing') } as unknown as ClientPool,
    events: { command: () => undefined, progress: () => undefined, note: () => undefined },
  };
}
