/**
 * The real AWS CLI v2 against `lab sandbox start`: the week4-fri network built and torn
 * down call by call, AWS's DependencyViolation refusals on the way, then S3, SNS, IAM and
 * STS. Every command's output is checked.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cliSession, type CliJson } from './cli-session.js';

const { aws, ok, refused, printed, workDir } = cliSession();
const text = (...args: string[]): string => printed('text', ...args);

describe('STS', () => {
  test('get-caller-identity names the sandbox account', () => {
    const identity = ok('sts', 'get-caller-identity');
    assert.equal(identity.Account, '123456789012');
    assert.match(String(identity.Arn), /^arn:aws:(iam|sts)::123456789012:/);
  });
});

describe('EC2: the week4-fri network, built, refused out of order, torn down in order', () => {
  const ids: Record<string, string> = {};

  test('a VPC with DNS hostnames', () => {
    const vpc = ok('ec2', 'create-vpc', '--cidr-block', '10.0.0.0/16', '--tag-specifications', 'ResourceType=vpc,Tags=[{Key=Name,Value=interop-vpc}]').Vpc;
    assert.equal(vpc.CidrBlock, '10.0.0.0/16');
    assert.match(vpc.VpcId, /^vpc-[0-9a-f]{17}$/);
    ids.vpc = vpc.VpcId;
    ok('ec2', 'modify-vpc-attribute', '--vpc-id', ids.vpc, '--enable-dns-hostnames', '{"Value":true}');
    assert.equal(text('ec2', 'describe-vpc-attribute', '--vpc-id', ids.vpc, '--attribute', 'enableDnsHostnames', '--query', 'EnableDnsHostnames.Value'), 'True');
    assert.equal(text('ec2', 'describe-vpcs', '--filters', 'Name=tag:Name,Values=interop-vpc', '--query', 'Vpcs[].VpcId'), ids.vpc);
  });

  test('two subnets in two zones, public IPs on one', () => {
    const a = ok('ec2', 'create-subnet', '--vpc-id', ids.vpc, '--cidr-block', '10.0.1.0/24', '--availability-zone', 'us-east-1a').Subnet;
    const b = ok('ec2', 'create-subnet', '--vpc-id', ids.vpc, '--cidr-block', '10.0.2.0/24', '--availability-zone', 'us-east-1b').Subnet;
    assert.equal(a.AvailabilityZone, 'us-east-1a');
    assert.equal(a.AvailableIpAddressCount, 251);
    ids.subnetA = a.SubnetId;
    ids.subnetB = b.SubnetId;
    refused('InvalidSubnet.Conflict', 'ec2', 'create-subnet', '--vpc-id', ids.vpc, '--cidr-block', '10.0.1.0/25');
    ok('ec2', 'modify-subnet-attribute', '--subnet-id', ids.subnetA, '--map-public-ip-on-launch');
    const listed = text('ec2', 'describe-subnets', '--filters', `Name=vpc-id,Values=${ids.vpc}`, '--query', 'sort_by(Subnets,&CidrBlock)[].[CidrBlock,MapPublicIpOnLaunch]');
    assert.equal(listed, '10.0.1.0/24\tTrue\n10.0.2.0/24\tFalse');
  });

  test('an internet gateway, a route table with a default route, an association', () => {
    ids.igw = ok('ec2', 'create-internet-gateway').InternetGateway.InternetGatewayId;
    ok('ec2', 'attach-internet-gateway', '--internet-gateway-id', ids.igw, '--vpc-id', ids.vpc);
    ids.rtb = ok('ec2', 'create-route-table', '--vpc-id', ids.vpc).RouteTable.RouteTableId;
    assert.equal(ok('ec2', 'create-route', '--route-table-id', ids.rtb, '--destination-cidr-block', '0.0.0.0/0', '--gateway-id', ids.igw).Return, true);
    ids.assoc = ok('ec2', 'associate-route-table', '--route-table-id', ids.rtb, '--subnet-id', ids.subnetA).AssociationId;
    assert.match(ids.assoc!, /^rtbassoc-/);
    const routes = text('ec2', 'describe-route-tables', '--route-table-ids', ids.rtb, '--query', 'RouteTables[0].Routes[].[DestinationCidrBlock,GatewayId]');
    assert.equal(routes, `10.0.0.0/16\tlocal\n0.0.0.0/0\t${ids.igw}`);
  });

  test('a security group opening SSH, a key pair, an Amazon Linux instance', async () => {
    ids.sg = ok('ec2', 'create-security-group', '--group-name', 'SSHAccess', '--description', 'Security group for SSH access', '--vpc-id', ids.vpc).GroupId;
    ok('ec2', 'authorize-security-group-ingress', '--group-id', ids.sg, '--protocol', 'tcp', '--port', '22', '--cidr', '203.0.113.0/24');
    refused('InvalidPermission.Duplicate', 'ec2', 'authorize-security-group-ingress', '--group-id', ids.sg, '--protocol', 'tcp', '--port', '22', '--cidr', '203.0.113.0/24');
    const key = ok('ec2', 'create-key-pair', '--key-name', 'MyKeyPair');
    assert.match(String(key.KeyMaterial), /^-----BEGIN (RSA )?PRIVATE KEY-----/);
    const ami = text('ec2', 'describe-images', '--owners', 'amazon', '--filters', 'Name=name,Values=al2023-ami-2023*-x86_64', '--query', 'sort_by(Images,&CreationDate)[-1].ImageId');
    assert.match(ami, /^ami-[0-9a-f]+$/);
    await writeFile(join(workDir(), 'user-data.sh'), '#!/bin/bash\necho hello from the lab\n');
    const reservation = ok('ec2', 'run-instances', '--image-id', ami, '--instance-type', 't2.micro', '--count', '1', '--key-name', 'MyKeyPair',
      '--security-group-ids', ids.sg, '--subnet-id', ids.subnetA, '--user-data', 'file://user-data.sh',
      '--tag-specifications', 'ResourceType=instance,Tags=[{Key=Name,Value=interop-instance}]');
    const instance = reservation.Instances[0];
    assert.equal(instance.State.Name, 'pending');
    ids.instance = instance.InstanceId;
    const waited = aws('ec2', 'wait', 'instance-running', '--instance-ids', ids.instance);
    assert.equal(waited.code, 0, waited.stderr);
    const described = text('ec2', 'describe-instances', '--filters', 'Name=tag:Name,Values=interop-instance', 'Name=instance-state-name,Values=running',
      '--query', 'Reservations[].Instances[].[InstanceId,InstanceType,SubnetId,State.Name]');
    assert.equal(described, `${ids.instance}\tt2.micro\t${ids.subnetA}\trunning`);
    const userData = text('ec2', 'describe-instance-attribute', '--instance-id', ids.instance, '--attribute', 'userData', '--query', 'UserData.Value');
    assert.equal(Buffer.from(userData, 'base64').toString(), '#!/bin/bash\necho hello from the lab\n');
  });

  test('deleting out of order is refused with DependencyViolation', () => {
    refused('DependencyViolation', 'ec2', 'delete-vpc', '--vpc-id', ids.vpc);
    refused('DependencyViolation', 'ec2', 'delete-subnet', '--subnet-id', ids.subnetA);
    refused('DependencyViolation', 'ec2', 'delete-security-group', '--group-id', ids.sg);
    refused('DependencyViolation', 'ec2', 'delete-internet-gateway', '--internet-gateway-id', ids.igw);
    refused('DependencyViolation', 'ec2', 'delete-route-table', '--route-table-id', ids.rtb);
  });

  test('torn down in dependency order, nothing of it is left', () => {
    assert.equal(ok('ec2', 'terminate-instances', '--instance-ids', ids.instance).TerminatingInstances[0].CurrentState.Name, 'shutting-down');
    const waited = aws('ec2', 'wait', 'instance-terminated', '--instance-ids', ids.instance);
    assert.equal(waited.code, 0, waited.stderr);
    ok('ec2', 'delete-security-group', '--group-id', ids.sg);
    ok('ec2', 'delete-key-pair', '--key-name', 'MyKeyPair');
    ok('ec2', 'disassociate-route-table', '--association-id', ids.assoc);
    ok('ec2', 'delete-route-table', '--route-table-id', ids.rtb);
    ok('ec2', 'detach-internet-gateway', '--internet-gateway-id', ids.igw, '--vpc-id', ids.vpc);
    ok('ec2', 'delete-internet-gateway', '--internet-gateway-id', ids.igw);
    ok('ec2', 'delete-subnet', '--subnet-id', ids.subnetA);
    ok('ec2', 'delete-subnet', '--subnet-id', ids.subnetB);
    ok('ec2', 'delete-vpc', '--vpc-id', ids.vpc);
    const gone = refused('InvalidVpcID.NotFound', 'ec2', 'describe-vpcs', '--vpc-ids', ids.vpc);
    assert.match(gone, new RegExp(`The vpc ID '${ids.vpc}' does not exist`));
    assert.equal(text('ec2', 'describe-vpcs', '--filters', 'Name=tag:Name,Values=interop-vpc', '--query', 'length(Vpcs)'), '0');
  });
});

describe('S3', () => {
  test('a bucket, an object put, listed, read back; a bucket that is not empty is kept', async () => {
    assert.equal(ok('s3api', 'create-bucket', '--bucket', 'fcj-interop-bucket').Location, '/fcj-interop-bucket');
    await writeFile(join(workDir(), 'hello.txt'), 'Xin chào, AWS!\n');
    const put = ok('s3api', 'put-object', '--bucket', 'fcj-interop-bucket', '--key', 'notes/hello.txt', '--body', 'hello.txt', '--content-type', 'text/plain');
    assert.equal(put.ETag, `"${createHash('md5').update('Xin chào, AWS!\n').digest('hex')}"`);
    // Without --no-paginate the CLI merges pages and keeps only the listed keys, as on AWS.
    const listed = ok('s3api', 'list-objects-v2', '--bucket', 'fcj-interop-bucket', '--prefix', 'notes/', '--no-paginate');
    assert.equal(listed.KeyCount, 1);
    assert.equal(listed.Contents[0].Key, 'notes/hello.txt');
    assert.equal(listed.Contents[0].Size, Buffer.byteLength('Xin chào, AWS!\n'));
    const got = aws('s3api', 'get-object', '--bucket', 'fcj-interop-bucket', '--key', 'notes/hello.txt', 'downloaded.txt');
    assert.equal(got.code, 0, got.stderr);
    assert.equal(await readFile(join(workDir(), 'downloaded.txt'), 'utf8'), 'Xin chào, AWS!\n');
    assert.equal(JSON.parse(got.stdout).ContentType, 'text/plain');
    refused('BucketNotEmpty', 's3api', 'delete-bucket', '--bucket', 'fcj-interop-bucket');
    refused('NoSuchKey', 's3api', 'get-object', '--bucket', 'fcj-interop-bucket', '--key', 'missing.txt', 'missing.txt');
    ok('s3api', 'delete-object', '--bucket', 'fcj-interop-bucket', '--key', 'notes/hello.txt');
    ok('s3api', 'delete-bucket', '--bucket', 'fcj-interop-bucket');
    refused('NoSuchBucket', 's3api', 'delete-bucket', '--bucket', 'fcj-interop-bucket');
  });

  test('the high-level aws s3 commands work too', async () => {
    assert.equal(aws('s3', 'mb', 's3://fcj-interop-high-level').code, 0);
    await writeFile(join(workDir(), 'a.txt'), 'a');
    const copied = aws('s3', 'cp', 'a.txt', 's3://fcj-interop-high-level/a.txt');
    assert.equal(copied.code, 0, copied.stderr);
    assert.match(aws('s3', 'ls', 's3://fcj-interop-high-level').stdout, /\s1 a\.txt\n$/);
    const removed = aws('s3', 'rb', 's3://fcj-interop-high-level', '--force');
    assert.equal(removed.code, 0, removed.stderr);
  });
});

describe('SNS', () => {
  test('a topic, an email subscription pending confirmation, a publish, deletion', () => {
    const arn = String(ok('sns', 'create-topic', '--name', 'fcj-interop-topic').TopicArn);
    assert.equal(arn, 'arn:aws:sns:us-east-1:123456789012:fcj-interop-topic');
    const subscription = ok('sns', 'subscribe', '--topic-arn', arn, '--protocol', 'email', '--notification-endpoint', 'learner@example.com');
    assert.equal(subscription.SubscriptionArn, 'pending confirmation');
    const subscriptions = ok('sns', 'list-subscriptions-by-topic', '--topic-arn', arn).Subscriptions;
    assert.equal(subscriptions.length, 1);
    assert.equal(subscriptions[0].Endpoint, 'learner@example.com');
    assert.match(String(ok('sns', 'publish', '--topic-arn', arn, '--subject', 'Lab', '--message', 'Xin chào').MessageId), /^[0-9a-f-]{36}$/);
    ok('sns', 'delete-topic', '--topic-arn', arn);
    refused('NotFound', 'sns', 'publish', '--topic-arn', arn, '--message', 'gone');
  });
});

describe('IAM', () => {
  test('group dev, user dev-1 with an access key; a user still in use cannot be deleted', () => {
    assert.equal(ok('iam', 'create-group', '--group-name', 'dev').Group.GroupName, 'dev');
    assert.equal(ok('iam', 'create-user', '--user-name', 'dev-1').User.Arn, 'arn:aws:iam::123456789012:user/dev-1');
    ok('iam', 'add-user-to-group', '--user-name', 'dev-1', '--group-name', 'dev');
    ok('iam', 'attach-group-policy', '--group-name', 'dev', '--policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess');
    assert.equal(text('iam', 'get-group', '--group-name', 'dev', '--query', 'Users[].UserName'), 'dev-1');
    const key = ok('iam', 'create-access-key', '--user-name', 'dev-1').AccessKey;
    assert.match(key.AccessKeyId, /^AKIA[A-Z0-9]{16}$/);
    assert.equal(String(key.SecretAccessKey).length, 40);
    refused('EntityAlreadyExists', 'iam', 'create-user', '--user-name', 'dev-1');
    refused('DeleteConflict', 'iam', 'delete-user', '--user-name', 'dev-1');
    refused('DeleteConflict', 'iam', 'delete-group', '--group-name', 'dev');
    ok('iam', 'delete-access-key', '--user-name', 'dev-1', '--access-key-id', key.AccessKeyId);
    ok('iam', 'remove-user-from-group', '--user-name', 'dev-1', '--group-name', 'dev');
    ok('iam', 'detach-group-policy', '--group-name', 'dev', '--policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess');
    ok('iam', 'delete-user', '--user-name', 'dev-1');
    ok('iam', 'delete-group', '--group-name', 'dev');
    refused('NoSuchEntity', 'iam', 'get-user', '--user-name', 'dev-1');
  });
});

describe('DynamoDB and DynamoDB Streams', () => {
  test('a table with a stream, items written with consumed capacity, a refused condition, a query, the stream read', () => {
    const created = ok('dynamodb', 'create-table', '--table-name', 'fcj-interop-music',
      '--attribute-definitions', 'AttributeName=Artist,AttributeType=S', 'AttributeName=SongTitle,AttributeType=S',
      '--key-schema', 'AttributeName=Artist,KeyType=HASH', 'AttributeName=SongTitle,KeyType=RANGE',
      '--billing-mode', 'PAY_PER_REQUEST', '--stream-specification', 'StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES');
    assert.equal(created.TableDescription.TableStatus, 'CREATING');
    // Not `aws dynamodb wait table-exists`: its first retry is 20 s away, the sandbox's table is ready in one.
    for (let polls = 0; text('dynamodb', 'describe-table', '--table-name', 'fcj-interop-music', '--query', 'Table.TableStatus') !== 'ACTIVE'; polls++) {
      assert.ok(polls < 20, 'the table never became ACTIVE');
    }
    const put = aws('dynamodb', 'put-item', '--table-name', 'fcj-interop-music', '--return-consumed-capacity', 'TOTAL', '--output', 'json',
      '--item', '{"Artist": {"S": "No One You Know"}, "SongTitle": {"S": "Call Me Today"}, "Year": {"N": "2015"}}');
    assert.equal(put.code, 0, put.stderr);
    // AWS writes a whole double as 1.0, and the CLI prints what it read.
    assert.match(put.stdout, /"CapacityUnits": 1\.0\b/);
    const refusal = refused('ConditionalCheckFailedException', 'dynamodb', 'put-item', '--table-name', 'fcj-interop-music',
      '--item', '{"Artist": {"S": "No One You Know"}, "SongTitle": {"S": "Call Me Today"}}', '--condition-expression', 'attribute_not_exists(Artist)');
    assert.match(refusal, /The conditional request failed/);
    assert.equal(text('dynamodb', 'query', '--table-name', 'fcj-interop-music', '--key-condition-expression', 'Artist = :a',
      '--expression-attribute-values', '{":a": {"S": "No One You Know"}}', '--query', 'Items[0].Year.N'), '2015');
    const streamArn = String(created.TableDescription.LatestStreamArn);
    const shard = ok('dynamodbstreams', 'describe-stream', '--stream-arn', streamArn).StreamDescription.Shards[0].ShardId;
    const iterator = ok('dynamodbstreams', 'get-shard-iterator', '--stream-arn', streamArn, '--shard-id', shard, '--shard-iterator-type', 'TRIM_HORIZON').ShardIterator;
    const records = ok('dynamodbstreams', 'get-records', '--shard-iterator', iterator).Records;
    assert.deepEqual(records.map((record: CliJson) => record.eventName), ['INSERT']);
    assert.equal(records[0].dynamodb.NewImage.Year.N, '2015');
    assert.equal(ok('dynamodb', 'delete-table', '--table-name', 'fcj-interop-music').TableDescription.TableStatus, 'DELETING');
  });
});
