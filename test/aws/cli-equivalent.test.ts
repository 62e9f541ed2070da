import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateVpcCommand, DescribeInstancesCommand, RunInstancesCommand, AuthorizeSecurityGroupIngressCommand, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { PutObjectCommand, CreateBucketCommand } from '@aws-sdk/client-s3';
import { SubscribeCommand, CreateTopicCommand } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { cliEquivalent, shellQuote, xformName } from '../../src/aws/cli-equivalent.js';

test('operation and member names follow botocore xform_name', () => {
  assert.equal(xformName('CreateVpc'), 'create-vpc');
  assert.equal(xformName('DescribeDBInstances'), 'describe-db-instances');
  assert.equal(xformName('ListResolverEndpointIpAddresses'), 'list-resolver-endpoint-ip-addresses');
  assert.equal(xformName('CidrBlock'), 'cidr-block');
  assert.equal(xformName('VpcIds'), 'vpc-ids');
  assert.equal(xformName('GetCallerIdentity'), 'get-caller-identity');
  assert.equal(xformName('TagARNs'), 'tag-arns');
});

test('scalars, shorthand structures and tags', () => {
  const create = new CreateVpcCommand({
    CidrBlock: '10.0.0.0/16',
    TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'lab-vpc' }, { Key: 'lab:run', Value: 'r-1' }] }],
  });
  assert.equal(
    cliEquivalent(create).text,
    "aws ec2 create-vpc --cidr-block 10.0.0.0/16 --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=lab-vpc},{Key=lab:run,Value=r-1}]'",
  );
  assert.equal(cliEquivalent(new GetCallerIdentityCommand({})).text, 'aws sts get-caller-identity');
});

test('values the shorthand cannot carry switch the parameter to JSON, shell-quoted', () => {
  const run = new RunInstancesCommand({
    ImageId: 'ami-1',
    MinCount: 1,
    MaxCount: 1,
    TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: "Hà Nội, it's here" }] }],
    UserData: Buffer.from('#!/bin/bash\necho hi\n').toString('base64'),
  });
  const { argv, text } = cliEquivalent(run);
  assert.deepEqual(argv.slice(0, 2), ['ec2', 'run-instances']);
  const tags = argv[argv.indexOf('--tag-specifications') + 1]!;
  assert.deepEqual(JSON.parse(tags), [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: "Hà Nội, it's here" }] }]);
  assert.equal(argv[argv.indexOf('--user-data') + 1], '#!/bin/bash\necho hi\n', 'the CLI base64-encodes --user-data itself');
  assert.match(text, /--tag-specifications '\[\{"ResourceType":"instance","Tags":\[\{"Key":"Name","Value":"Hà Nội, it'"'"'s here"\}\]\}\]'/);
});

test('booleans are flags, with the CLI renames; lists of scalars are separate words', () => {
  assert.equal(cliEquivalent(new DescribeInstancesCommand({ InstanceIds: ['i-1', 'i-2'], DryRun: true })).text, 'aws ec2 describe-instances --instance-ids i-1 i-2 --dry-run');
  assert.equal(
    cliEquivalent(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1, DisableApiTermination: false })).text,
    'aws ec2 run-instances --count 1 --image-id ami-1 --enable-api-termination',
  );
  assert.equal(cliEquivalent(new ModifyVpcAttributeCommand({ VpcId: 'vpc-1', EnableDnsHostnames: { Value: true } })).text, 'aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames');
  assert.equal(cliEquivalent(new ModifyVpcAttributeCommand({ VpcId: 'vpc-1', EnableDnsSupport: { Value: false } })).text, 'aws ec2 modify-vpc-attribute --vpc-id vpc-1 --no-enable-dns-support');
  assert.equal(cliEquivalent(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1, ClientToken: 'tok' })).text, 'aws ec2 run-instances --count 1 --image-id ami-1', 'the CLI makes its own client token');
  assert.equal(cliEquivalent(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 2, MaxCount: 3 })).text, 'aws ec2 run-instances --count 2:3 --image-id ami-1');
  const ingress = new AuthorizeSecurityGroupIngressCommand({ GroupId: 'sg-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.7/32' }] }] });
  assert.equal(
    cliEquivalent(ingress).text,
    "aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=203.0.113.7/32}]'",
  );
});

test('s3api, sns and global flags', () => {
  assert.equal(
    cliEquivalent(new PutObjectCommand({ Bucket: 'b', Key: 'hello.txt', Body: 'hi', ContentType: 'text/plain' }), { files: { Body: 'hello.txt' } }).text,
    'aws s3api put-object --bucket b --key hello.txt --body hello.txt --content-type text/plain',
  );
  assert.equal(
    cliEquivalent(new SubscribeCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Protocol: 'email', Endpoint: 'me@example.com' })).text,
    'aws sns subscribe --topic-arn arn:aws:sns:us-east-1:123456789012:t --protocol email --notification-endpoint me@example.com',
  );
  assert.equal(cliEquivalent(new CreateTopicCommand({ Name: 't', Attributes: { DisplayName: 'Lab' } })).text, 'aws sns create-topic --name t --attributes DisplayName=Lab');
  assert.equal(
    cliEquivalent(new CreateBucketCommand({ Bucket: 'b' }), { globals: { 'endpoint-url': 'http://127.0.0.1:4566', region: 'us-east-1' } }).text,
    'aws s3api create-bucket --bucket b --endpoint-url http://127.0.0.1:4566 --region us-east-1',
  );
});

test('shell quoting', () => {
  assert.equal(shellQuote('vpc-1'), 'vpc-1');
  assert.equal(shellQuote('a b'), "'a b'");
  assert.equal(shellQuote("it's"), `'it'"'"'s'`);
});
