/**
 * Everything on a target that a lab could create, as sorted ids per kind, so a test can
 * assert that `lab cleanup` left the target exactly as it was before the lab ran.
 */
import { DescribeInstancesCommand, DescribeInternetGatewaysCommand, DescribeKeyPairsCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient, ListAccessKeysCommand, ListGroupsCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListSubscriptionsCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

export interface SdkClients {
  ec2: EC2Client;
  s3: S3Client;
  sns: SNSClient;
  iam: IAMClient;
}

export function sdkClients(endpoint: string): SdkClients {
  const config = { endpoint, region: 'us-east-1', credentials };
  return { ec2: new EC2Client(config), s3: new S3Client({ ...config, forcePathStyle: true }), sns: new SNSClient(config), iam: new IAMClient(config) };
}

export type World = Record<string, string[]>;

export async function snapshotWorld(clients: SdkClients): Promise<World> {
  const { ec2, s3, sns, iam } = clients;
  const sorted = (ids: (string | undefined)[]) => ids.map(String).sort();
  const instances = await ec2.send(new DescribeInstancesCommand({}));
  const users = await iam.send(new ListUsersCommand({}));
  const accessKeys = await Promise.all((users.Users ?? []).map((user) => iam.send(new ListAccessKeysCommand({ UserName: user.UserName }))));
  return {
    vpcs: sorted((await ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((item) => item.VpcId)),
    subnets: sorted((await ec2.send(new DescribeSubnetsCommand({}))).Subnets!.map((item) => item.SubnetId)),
    internetGateways: sorted((await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways!.map((item) => `${item.InternetGatewayId}>${(item.Attachments ?? []).map((a) => a.VpcId).join(',')}`)),
    routeTables: sorted((await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables!.map((item) => item.RouteTableId)),
    securityGroups: sorted((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!.map((item) => item.GroupId)),
    keyPairs: sorted((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs!.map((item) => item.KeyName)),
    liveInstances: sorted(
      (instances.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).filter((item) => item.State?.Name !== 'terminated').map((item) => item.InstanceId),
    ),
    buckets: sorted((await s3.send(new ListBucketsCommand({}))).Buckets?.map((item) => item.Name) ?? []),
    topics: sorted((await sns.send(new ListTopicsCommand({}))).Topics?.map((item) => item.TopicArn) ?? []),
    subscriptions: sorted((await sns.send(new ListSubscriptionsCommand({}))).Subscriptions?.map((item) => `${item.TopicArn}>${item.Endpoint}`) ?? []),
    users: sorted(users.Users?.map((item) => item.UserName) ?? []),
    groups: sorted((await iam.send(new ListGroupsCommand({}))).Groups?.map((item) => item.GroupName) ?? []),
    accessKeys: sorted(accessKeys.flatMap((keys) => keys.AccessKeyMetadata?.map((key) => key.AccessKeyId) ?? [])),
  };
}

export function destroyClients(clients: SdkClients): void {
  for (const client of Object.values(clients)) client.destroy();
}
