/**
 * The query codecs, driven by the real EC2, IAM and SNS clients (and the AWS CLI, which
 * encodes forms as botocore does) against test handlers that record what they were given.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import * as ec2 from '@aws-sdk/client-ec2';
import * as iam from '@aws-sdk/client-iam';
import * as sns from '@aws-sdk/client-sns';
import { AwsError } from '../../../src/sandbox/errors.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import type { AnyHandler, SandboxService } from '../../../src/sandbox/service.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const received: Record<string, unknown> = {};
const answers: Record<string, unknown> = {};

/** A service whose handlers record their input and answer with what the test set. */
function recordingService(signingName: string, loadClient: () => Promise<Record<string, unknown>>, operations: string[]): SandboxService {
  const handlers: Record<string, AnyHandler> = {};
  for (const name of operations) {
    handlers[name] = (input) => {
      received[name] = input;
      const answer = answers[name];
      if (answer instanceof Error) throw answer;
      return answer ?? {};
    };
  }
  return { name: signingName, signingName, protocol: signingName === 'ec2' ? 'ec2' : 'query', loadClient, operations: handlers };
}

let sandbox: RunningSandbox;
let ec2Client: ec2.EC2Client;
let iamClient: iam.IAMClient;
let snsClient: sns.SNSClient;

before(async () => {
  sandbox = await startSandbox({
    port: 0,
    services: [
      recordingService('ec2', () => import('@aws-sdk/client-ec2'), ['CreateVpc', 'DeleteVpc', 'DescribeVpcs', 'DescribeKeyPairs']),
      recordingService('iam', () => import('@aws-sdk/client-iam'), ['CreateUser', 'GetUser']),
      recordingService('sns', () => import('@aws-sdk/client-sns'), ['CreateTopic', 'GetTopicAttributes', 'DeleteTopic']),
    ],
  });
  const config = { endpoint: sandbox.url, region: 'us-east-1', credentials };
  ec2Client = new ec2.EC2Client(config);
  iamClient = new iam.IAMClient(config);
  snsClient = new sns.SNSClient(config);
});
after(() => sandbox.stop());

async function awsCli(...args: string[]): Promise<string> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
  const { stdout } = await promisify(execFile)('/usr/bin/aws', ['--endpoint-url', sandbox.url, '--output', 'json', ...args], { env });
  return stdout;
}

describe('EC2 query', () => {
  test('reads nested flattened lists, booleans and numbers into the SDK input shape', async () => {
    answers.CreateVpc = { Vpc: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', IsDefault: false } };
    const input = {
      CidrBlock: '10.0.0.0/16',
      Ipv4NetmaskLength: 16,
      AmazonProvidedIpv6CidrBlock: true,
      TagSpecifications: [{ ResourceType: 'vpc' as const, Tags: [{ Key: 'Name', Value: 'lab & <vpc>' }, { Key: 'lab:run', Value: 'r1' }] }],
    };
    const out = await ec2Client.send(new ec2.CreateVpcCommand(input));
    assert.deepEqual(received.CreateVpc, input);
    assert.deepEqual(out.Vpc, { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', IsDefault: false });
  });

  test('writes output lists as <item>, escapes text and carries the request id', async () => {
    const vpcs = [
      { VpcId: 'vpc-1', State: 'available', Tags: [{ Key: 'Name', Value: 'a & <b> "c"' }], CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', AssociationId: 'x' }] },
      { VpcId: 'vpc-2', State: 'pending', Tags: [] },
    ];
    answers.DescribeVpcs = { Vpcs: vpcs };
    const out = await ec2Client.send(new ec2.DescribeVpcsCommand({ VpcIds: ['vpc-1', 'vpc-2'], Filters: [{ Name: 'state', Values: ['available'] }] }));
    assert.deepEqual(received.DescribeVpcs, { VpcIds: ['vpc-1', 'vpc-2'], Filters: [{ Name: 'state', Values: ['available'] }] });
    assert.deepEqual(out.Vpcs, vpcs);
    assert.match(out.$metadata.requestId!, /^[0-9a-f-]{36}$/);
  });

  test('writes timestamps as ISO 8601 that read back as the same Date', async () => {
    const CreateTime = new Date('2026-01-02T03:04:05.678Z');
    answers.DescribeKeyPairs = { KeyPairs: [{ KeyName: 'k', CreateTime }] };
    const out = await ec2Client.send(new ec2.DescribeKeyPairsCommand({}));
    assert.equal(out.KeyPairs![0]!.CreateTime!.toISOString(), CreateTime.toISOString());
  });

  test('answers a handler error as <Response><Errors> with its code, message and status', async () => {
    answers.DeleteVpc = new AwsError('InvalidVpcID.NotFound', "The vpc ID 'vpc-404' does not exist");
    const error = await ec2Client.send(new ec2.DeleteVpcCommand({ VpcId: 'vpc-404' })).then(() => assert.fail('accepted'), (e: ec2.EC2ServiceException) => e);
    assert.equal(error.name, 'InvalidVpcID.NotFound');
    assert.equal(error.message, "The vpc ID 'vpc-404' does not exist");
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.match(error.$metadata.requestId!, /^[0-9a-f-]{36}$/);
  });

  test('refuses a request without a required member with MissingParameter, before the handler', async () => {
    delete received.DeleteVpc;
    const error = await ec2Client.send(new ec2.DeleteVpcCommand({} as ec2.DeleteVpcCommandInput)).then(() => assert.fail('accepted'), (e: ec2.EC2ServiceException) => e);
    assert.equal(error.name, 'MissingParameter');
    assert.equal(error.message, 'The request must contain the parameter VpcId');
    assert.equal(received.DeleteVpc, undefined);
  });

  test('reads what the AWS CLI (botocore) sends', async () => {
    answers.CreateVpc = { Vpc: { VpcId: 'vpc-cli', CidrBlock: '10.1.0.0/16' } };
    const stdout = await awsCli('ec2', 'create-vpc', '--cidr-block', '10.1.0.0/16', '--tag-specifications', 'ResourceType=vpc,Tags=[{Key=Name,Value=from cli}]');
    assert.deepEqual(received.CreateVpc, { CidrBlock: '10.1.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'from cli' }] }] });
    assert.equal(JSON.parse(stdout).Vpc.VpcId, 'vpc-cli');
  });
});

describe('AWS query', () => {
  test('reads member lists and answers inside <OpResult>', async () => {
    answers.CreateUser = { User: { UserName: 'ana', UserId: 'AIDA1', Arn: 'arn:aws:iam::123456789012:user/ana', Path: '/', CreateDate: new Date('2026-01-01T00:00:00Z') } };
    const out = await iamClient.send(new iam.CreateUserCommand({ UserName: 'ana', Tags: [{ Key: 'team', Value: 'a' }, { Key: 'lab', Value: 'b' }] }));
    assert.deepEqual(received.CreateUser, { UserName: 'ana', Tags: [{ Key: 'team', Value: 'a' }, { Key: 'lab', Value: 'b' }] });
    assert.equal(out.User!.Arn, 'arn:aws:iam::123456789012:user/ana');
    assert.equal(out.User!.CreateDate!.toISOString(), '2026-01-01T00:00:00.000Z');
  });

  test("reads the JS SDK's `X=` as an empty list", async () => {
    await iamClient.send(new iam.CreateUserCommand({ UserName: 'bo', Tags: [] }));
    assert.deepEqual(received.CreateUser, { UserName: 'bo', Tags: [] });
  });

  test('takes the wire code and status of a modelled error from its awsQueryError trait', async () => {
    for (const code of ['NoSuchEntity', 'NoSuchEntityException']) {
      answers.GetUser = new AwsError(code, 'The user with name zed cannot be found.');
      const error = await iamClient.send(new iam.GetUserCommand({ UserName: 'zed' })).then(() => assert.fail('accepted'), (e: iam.IAMServiceException) => e);
      assert.ok(error instanceof iam.NoSuchEntityException, code);
      assert.equal(error.$metadata.httpStatusCode, 404);
      assert.equal(error.message, 'The user with name zed cannot be found.');
    }
  });

  test('reads entry.N.key/value maps and writes them back', async () => {
    answers.CreateTopic = { TopicArn: 'arn:aws:sns:us-east-1:123456789012:t' };
    await snsClient.send(new sns.CreateTopicCommand({ Name: 't', Attributes: { DisplayName: 'T', FifoTopic: 'false' }, Tags: [{ Key: 'k', Value: 'v' }] }));
    assert.deepEqual(received.CreateTopic, { Name: 't', Attributes: { DisplayName: 'T', FifoTopic: 'false' }, Tags: [{ Key: 'k', Value: 'v' }] });
    answers.GetTopicAttributes = { Attributes: { DisplayName: 'T', Owner: '123456789012' } };
    const out = await snsClient.send(new sns.GetTopicAttributesCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t' }));
    assert.deepEqual(out.Attributes, { DisplayName: 'T', Owner: '123456789012' });
  });

  test('answers an operation without output with ResponseMetadata only', async () => {
    const out = await snsClient.send(new sns.DeleteTopicCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t' }));
    assert.equal(out.$metadata.httpStatusCode, 200);
  });

  test('reads what the AWS CLI (botocore) sends, maps and lists', async () => {
    answers.CreateTopic = { TopicArn: 'arn:aws:sns:us-east-1:123456789012:cli' };
    const stdout = await awsCli('sns', 'create-topic', '--name', 'cli', '--attributes', 'DisplayName=From CLI', '--tags', 'Key=a,Value=1', 'Key=b,Value=2');
    assert.deepEqual(received.CreateTopic, { Name: 'cli', Attributes: { DisplayName: 'From CLI' }, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
    assert.equal(JSON.parse(stdout).TopicArn, 'arn:aws:sns:us-east-1:123456789012:cli');
  });
});
