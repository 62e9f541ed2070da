/**
 * The runner around the steps, without prompts: which steps run, what it prints (responses
 * on stdout, notes and errors on stderr), what it hands a step (its target, the artifacts
 * folder), and how it ends. A small lab of its own, and a stand-in transport for AWS.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { CreateVpcCommand } from '@aws-sdk/client-ec2';
import type { ClientPool } from '../../src/aws/clients.js';
import type { Target } from '../../src/aws/target.js';
import { Ledger } from '../../src/ledger/ledger.js';
import type { Lab } from '../../src/runner/lab.js';
import { runLab } from '../../src/runner/run-lab.js';
import { capturedOutput } from '../support/captured-output.js';

const LAB: Lab = {
  id: 'test-lab',
  title: 'A VPC and a report',
  services: ['EC2'],
  objectives: [],
  theory: [],
  steps: [
    {
      id: 'create-vpc',
      title: 'Create the VPC',
      why: 'Everything else lives in it.',
      produces: ['vpcId'],
      run: async (ctx) => {
        const response = await ctx.call(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
        await ctx.remember('vpcId', String(response.Vpc?.VpcId));
        return { operation: 'CreateVpc', response, query: 'Vpc.VpcId' };
      },
    },
    {
      id: 'report',
      title: 'Write a report',
      why: 'What the learner keeps.',
      needs: ['create-vpc'],
      run: async (ctx) => {
        const path = await ctx.writeArtifact(`${ctx.run}.txt`, `VPC ${ctx.need('vpcId')} on ${ctx.target.kind}\n`);
        return { operation: 'Report', response: { ReportFile: path } };
      },
    },
  ],
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ledger: Ledger;
  dir: string;
  /** DryRun of each call sent. */
  sent: unknown[];
}

async function run(options: { steps?: string; dryRun?: boolean; answer?: (operation: string) => unknown }): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'lab-run-lab-'));
  const ledger = new Ledger(join(dir, 'ledger.json'));
  const sent: unknown[] = [];
  const clients = {
    async send(command: { input: { DryRun?: boolean }; schema?: unknown }) {
      sent.push(command.input.DryRun);
      const operation = (command.schema as unknown[])[2] as string;
      if (options.answer) return options.answer(operation);
      if (command.input.DryRun) throw Object.assign(new Error('Request would have succeeded, but DryRun flag is set.'), { name: 'DryRunOperation', $metadata: { httpStatusCode: 412 } });
      return { Vpc: { VpcId: 'vpc-0abc', CidrBlock: '10.0.0.0/16' } };
    },
  } as unknown as ClientPool;
  const target: Target = { kind: 'endpoint', region: 'us-east-1', key: 'test', description: 'the endpoint http://127.0.0.1:1 (us-east-1)', clients, cliGlobals: { 'endpoint-url': 'http://127.0.0.1:1', region: 'us-east-1' }, close: async () => undefined };
  const { stdout, stderr, out, err } = capturedOutput();
  const code = await runLab({
    lab: LAB, target, ledger, dryRun: options.dryRun ?? false, interactive: false,
    ...(options.steps === undefined ? {} : { steps: options.steps }),
    output: { output: 'json', columns: 80, color: false },
    stdin: new PassThrough(), stdout, stderr, terminal: false, color: false, settings: {},
    artifactsDir: join(dir, 'reports'),
  });
  return { code, stdout: out(), stderr: err(), ledger, dir, sent };
}

test('a chosen step brings back the one it needs; responses print as the CLI would, with the step\'s query', async () => {
  const result = await run({ steps: '2' });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /step 1 \(Create the VPC\) added: step 2 needs it/);
  assert.match(result.stdout, /Step 1\/2 · Create the VPC/);
  assert.match(result.stdout, /\$ aws ec2 create-vpc --cidr-block 10\.0\.0\.0\/16 .*--endpoint-url http:\/\/127\.0\.0\.1:1/);
  assert.match(result.stdout, /^"vpc-0abc"$/m);
  assert.match(result.stdout, /Finished test-lab \(run [\w-]+\): 1 resource recorded in the ledger\./);
  assert.match(result.stdout, /lab cleanup --lab test-lab --endpoint-url http:\/\/127\.0\.0\.1:1/);
});

test('a step\'s artifact goes to the runner\'s folder, and the step knows its target', async () => {
  const result = await run({});
  const path = /"ReportFile": "([^"]+)"/.exec(result.stdout)![1]!;
  assert.ok(path.startsWith(join(result.dir, 'reports')), path);
  assert.equal(await readFile(path, 'utf8'), 'VPC vpc-0abc on endpoint\n');
});

test('a dry run prints the plan and the commands, sends EC2 only its DryRun permission check, records nothing', async () => {
  const result = await run({ dryRun: true });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.sent, [true]);
  assert.match(result.stdout, /Dry run of test-lab/);
  assert.match(result.stdout, /\$ aws ec2 create-vpc/);
  assert.match(result.stdout, /Dry run: nothing was created\./);
  assert.deepEqual((await result.ledger.read()).runs, {});
});

test('an AWS error shows AWS\'s code, message and a hint, and ends the lab with status 1 when no one can be asked', async () => {
  const result = await run({
    answer: () => {
      throw Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation', $metadata: { httpStatusCode: 403 } });
    },
  });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /An error occurred \(UnauthorizedOperation\): You are not authorized/);
  assert.match(result.stderr, /Hint: Your credentials are not allowed/);
  assert.doesNotMatch(result.stdout, /Step 2\/2/);
  const [record] = (await result.ledger.read()).resources;
  assert.equal(record!.status, 'failed');
});
