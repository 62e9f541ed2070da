/**
 * week4-fri: the AWS CLI automation day (workshop 000011), call by call: what the CLI reads
 * from its configuration, who you are, an S3 bucket with an object, SNS publish/subscribe,
 * an IAM group and user, then a VPC with a public subnet, internet gateway, route table,
 * key pair and security group, and an instance launched into it.
 *
 * Unlike the workshop, nothing here is deleted out of order: `lab cleanup` terminates the
 * instance before its subnet and security group, and also removes the user, the topic, the
 * bucket and the key pair, which the workshop's own cleanup forgets.
 */
import { EC2_ON_DEMAND_USD_PER_HOUR } from '../../src/aws/prices.js';
import type { Lab } from '../../src/runner/lab.js';

const ec2 = () => import('@aws-sdk/client-ec2');
const s3 = () => import('@aws-sdk/client-s3');
const sns = () => import('@aws-sdk/client-sns');
const iam = () => import('@aws-sdk/client-iam');

const VPC_CIDR = '10.0.0.0/16';
// A documentation range (RFC 5737): on AWS, put your own address here (curl checkip.amazonaws.com).
const SSH_FROM = '203.0.113.0/24';

const REUSED = 'already exists (an earlier run made it): reusing it. lab cleanup removes it with that run.';

function nameTag(resourceType: string, name: string) {
  return [{ ResourceType: resourceType, Tags: [{ Key: 'Name', Value: name }] }] as never;
}

export const week4Fri: Lab = {
  id: 'week4-fri',
  title: 'AWS CLI automation: S3, SNS, IAM and a VPC built call by call',
  services: ['STS', 'S3', 'SNS', 'IAM', 'EC2'],
  objectives: [
    'Read what the AWS CLI takes from profiles, environment and flags, and check who you are with STS',
    'Create and use an S3 bucket, an SNS topic with a subscription, an IAM group and user',
    'Build a VPC with a public subnet, internet gateway, route table and security group, and launch an instance into it',
    'Shape any response with --output and --query',
  ],
  theory: [
    'Every AWS CLI command is one API call: `aws ec2 create-vpc` is CreateVpc. What the CLI prints is the API response, shaped by --output and filtered by --query (JMESPath).',
    'Credentials and region come, in order, from flags (--profile, --region), environment variables (AWS_PROFILE, AWS_REGION), then ~/.aws/config and ~/.aws/credentials.',
    'A subnet is public when its route table sends 0.0.0.0/0 to an internet gateway attached to the VPC; instances also need a public IP to be reached.',
    'Resources depend on each other: AWS refuses to delete a VPC that still has subnets or a gateway (DependencyViolation). Tear down in the reverse order of creation.',
  ],
  steps: [
    {
      id: 'settings',
      title: 'See what lab (and the AWS CLI) reads from your configuration',
      why: 'The profile, region and output format decide where every later command goes and how it prints. Secrets are never shown.',
      run: async (ctx) => ({ operation: 'ConfigureList', response: { ...ctx.settings } }),
    },
    {
      id: 'whoami',
      title: 'Check who you are: STS GetCallerIdentity',
      why: 'The first command to run on any new machine or profile: it proves the credentials work and shows the account and identity they belong to.',
      run: async (ctx) => {
        const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
        return { operation: 'GetCallerIdentity', response: await ctx.call(new GetCallerIdentityCommand({})) };
      },
    },
    {
      id: 'create-bucket',
      title: 'Create an S3 bucket',
      why: 'Bucket names are global across all AWS accounts, so the lab adds its run id to make the name unique.',
      produces: ['bucketName'],
      run: async (ctx) => {
        const { CreateBucketCommand } = await s3();
        const Bucket = `fcj-cli-lab-${ctx.run}`.toLowerCase();
        const response = await ctx.call(new CreateBucketCommand({ Bucket }));
        await ctx.remember('bucketName', Bucket);
        return { operation: 'CreateBucket', response };
      },
    },
    {
      id: 'put-object',
      title: 'Upload an object',
      why: 'Objects are stored under keys; the ETag in the answer is the MD5 of what S3 stored, a quick integrity check.',
      needs: ['create-bucket'],
      run: async (ctx) => {
        const { PutObjectCommand } = await s3();
        const command = new PutObjectCommand({ Bucket: ctx.need('bucketName'), Key: 'hello.txt', Body: 'Hello from Cloud Journey Lab!\n', ContentType: 'text/plain' });
        return { operation: 'PutObject', response: await ctx.call(command, { files: { Body: 'hello.txt' } }) };
      },
    },
    {
      id: 'list-objects',
      title: 'List the bucket',
      why: 'ListObjectsV2 pages through keys; --query picks out just the fields you need.',
      needs: ['create-bucket'],
      run: async (ctx) => {
        const { ListObjectsV2Command } = await s3();
        const query = 'Contents[].{Key: Key, Size: Size}';
        return { operation: 'ListObjectsV2', response: await ctx.call(new ListObjectsV2Command({ Bucket: ctx.need('bucketName') }), { query }), query };
      },
    },
    {
      id: 'create-topic',
      title: 'Create an SNS topic',
      why: 'A topic fans one message out to every subscriber: email, SQS, Lambda, HTTP. Topic names are unique per account and region, so the step looks before it creates.',
      produces: ['topicArn'],
      run: async (ctx) => {
        const { CreateTopicCommand, ListTopicsCommand } = await sns();
        const listed = await ctx.call(new ListTopicsCommand({}));
        const existing = ctx.dryRun ? undefined : listed.Topics?.find((topic) => topic.TopicArn?.endsWith(':fcj-cli-notifications'));
        if (existing?.TopicArn) {
          ctx.note(`The topic fcj-cli-notifications ${REUSED}`);
          await ctx.remember('topicArn', existing.TopicArn);
          return { operation: 'ListTopics', response: listed };
        }
        const response = await ctx.call(new CreateTopicCommand({ Name: 'fcj-cli-notifications' }));
        await ctx.remember('topicArn', response.TopicArn!);
        return { operation: 'CreateTopic', response };
      },
    },
    {
      id: 'subscribe',
      title: 'Subscribe an email address',
      why: 'Email subscriptions stay "pending confirmation" until the owner clicks the link AWS sends, so nobody can be subscribed against their will.',
      needs: ['create-topic'],
      run: async (ctx) => {
        const { SubscribeCommand } = await sns();
        const command = new SubscribeCommand({ TopicArn: ctx.need('topicArn'), Protocol: 'email', Endpoint: 'learner@example.com' });
        return { operation: 'Subscribe', response: await ctx.call(command) };
      },
    },
    {
      id: 'publish',
      title: 'Publish a message',
      why: 'Publishing returns a MessageId at once; delivery to each subscriber happens asynchronously.',
      needs: ['create-topic'],
      run: async (ctx) => {
        const { PublishCommand } = await sns();
        const command = new PublishCommand({ TopicArn: ctx.need('topicArn'), Subject: 'Cloud Journey Lab', Message: 'Xin chào from the AWS CLI day!' });
        return { operation: 'Publish', response: await ctx.call(command) };
      },
    },
    {
      id: 'create-group',
      title: 'Create the IAM group dev',
      why: 'Permissions belong on groups, not on individual users: a new developer joins the group and gets its policies.',
      produces: ['groupName'],
      run: async (ctx) => {
        const { CreateGroupCommand, GetGroupCommand } = await iam();
        const existing = await ctx.find(new GetGroupCommand({ GroupName: 'dev' }), 'NoSuchEntity');
        if (existing) {
          ctx.note(`The group dev ${REUSED}`);
          await ctx.remember('groupName', 'dev');
          return { operation: 'GetGroup', response: existing };
        }
        const response = await ctx.call(new CreateGroupCommand({ GroupName: 'dev' }));
        await ctx.remember('groupName', 'dev');
        return { operation: 'CreateGroup', response };
      },
    },
    {
      id: 'create-user',
      title: 'Create the IAM user dev-1 and add it to dev',
      why: 'Each person gets their own user, so every action in CloudTrail names who did it.',
      needs: ['create-group'],
      produces: ['userName'],
      run: async (ctx) => {
        const { CreateUserCommand, GetUserCommand, AddUserToGroupCommand } = await iam();
        const existing = await ctx.find(new GetUserCommand({ UserName: 'dev-1' }), 'NoSuchEntity');
        if (existing) ctx.note(`The user dev-1 ${REUSED}`);
        const user = existing
          ? { operation: 'GetUser', response: existing }
          : { operation: 'CreateUser', response: await ctx.call(new CreateUserCommand({ UserName: 'dev-1' })) };
        await ctx.remember('userName', 'dev-1');
        // Adding a member twice is no error: IAM keeps one membership.
        await ctx.call(new AddUserToGroupCommand({ UserName: 'dev-1', GroupName: ctx.need('groupName') }));
        return user;
      },
    },
    {
      id: 'create-vpc',
      title: 'Create the VPC 10.0.0.0/16 with DNS hostnames',
      why: 'Every network resource of this lab lives in one VPC; DNS hostnames give instances names as well as addresses.',
      produces: ['vpcId'],
      run: async (ctx) => {
        const { CreateVpcCommand, ModifyVpcAttributeCommand } = await ec2();
        const response = await ctx.call(new CreateVpcCommand({ CidrBlock: VPC_CIDR, TagSpecifications: nameTag('vpc', 'fcj-cli-vpc') }));
        const vpcId = response.Vpc!.VpcId!;
        await ctx.remember('vpcId', vpcId);
        await ctx.call(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
        return { operation: 'CreateVpc', response };
      },
    },
    {
      id: 'create-subnets',
      title: 'Create two subnets in two availability zones',
      why: 'A subnet lives in one availability zone; spreading across zones is how applications survive a zone failure.',
      needs: ['create-vpc'],
      produces: ['publicSubnetId', 'privateSubnetId'],
      run: async (ctx) => {
        const { CreateSubnetCommand, ModifySubnetAttributeCommand } = await ec2();
        const VpcId = ctx.need('vpcId');
        const publicSubnet = await ctx.call(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: `${ctx.region}a`, TagSpecifications: nameTag('subnet', 'fcj-cli-public') }));
        const privateSubnet = await ctx.call(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.2.0/24', AvailabilityZone: `${ctx.region}b`, TagSpecifications: nameTag('subnet', 'fcj-cli-private') }));
        await ctx.remember('publicSubnetId', publicSubnet.Subnet!.SubnetId!);
        await ctx.remember('privateSubnetId', privateSubnet.Subnet!.SubnetId!);
        await ctx.call(new ModifySubnetAttributeCommand({ SubnetId: publicSubnet.Subnet!.SubnetId!, MapPublicIpOnLaunch: { Value: true } }));
        return { operation: 'CreateSubnet', response: { Subnets: [publicSubnet.Subnet, privateSubnet.Subnet] } };
      },
    },
    {
      id: 'internet-gateway',
      title: 'Create an internet gateway and attach it to the VPC',
      why: 'The internet gateway is the VPC\'s door to the internet; it does nothing until a route table sends traffic to it.',
      needs: ['create-vpc'],
      produces: ['internetGatewayId'],
      run: async (ctx) => {
        const { CreateInternetGatewayCommand, AttachInternetGatewayCommand } = await ec2();
        const response = await ctx.call(new CreateInternetGatewayCommand({ TagSpecifications: nameTag('internet-gateway', 'fcj-cli-igw') }));
        const InternetGatewayId = response.InternetGateway!.InternetGatewayId!;
        await ctx.remember('internetGatewayId', InternetGatewayId);
        await ctx.call(new AttachInternetGatewayCommand({ InternetGatewayId, VpcId: ctx.need('vpcId') }));
        return { operation: 'CreateInternetGateway', response };
      },
    },
    {
      id: 'route-table',
      title: 'Route 0.0.0.0/0 to the gateway and associate the public subnet',
      why: 'This route is what makes a subnet public: traffic for anywhere outside the VPC goes to the internet gateway.',
      needs: ['create-subnets', 'internet-gateway'],
      produces: ['routeTableId'],
      run: async (ctx) => {
        const { CreateRouteTableCommand, CreateRouteCommand, AssociateRouteTableCommand, DescribeRouteTablesCommand } = await ec2();
        const created = await ctx.call(new CreateRouteTableCommand({ VpcId: ctx.need('vpcId'), TagSpecifications: nameTag('route-table', 'fcj-cli-public-rt') }));
        const RouteTableId = created.RouteTable!.RouteTableId!;
        await ctx.remember('routeTableId', RouteTableId);
        await ctx.call(new CreateRouteCommand({ RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: ctx.need('internetGatewayId') }));
        await ctx.call(new AssociateRouteTableCommand({ RouteTableId, SubnetId: ctx.need('publicSubnetId') }));
        const query = 'RouteTables[0].Routes[].{Destination: DestinationCidrBlock, Target: GatewayId, State: State}';
        return { operation: 'DescribeRouteTables', response: await ctx.call(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTableId] }), { query }), query };
      },
    },
    {
      id: 'key-pair',
      title: 'Create the key pair MyKeyPair',
      why: 'EC2 keeps the public key; the private key is shown once, at creation. On AWS, save it with --query KeyMaterial --output text > MyKeyPair.pem.',
      produces: ['keyName'],
      run: async (ctx) => {
        const { CreateKeyPairCommand, DescribeKeyPairsCommand } = await ec2();
        const existing = await ctx.find(new DescribeKeyPairsCommand({ KeyNames: ['MyKeyPair'] }), 'InvalidKeyPair.NotFound');
        if (existing) {
          ctx.note(`The key pair MyKeyPair ${REUSED} Its private key was shown only when it was created.`);
          await ctx.remember('keyName', 'MyKeyPair');
          return { operation: 'DescribeKeyPairs', response: existing };
        }
        const response = await ctx.call(new CreateKeyPairCommand({ KeyName: 'MyKeyPair' }));
        await ctx.remember('keyName', 'MyKeyPair');
        return { operation: 'CreateKeyPair', response };
      },
    },
    {
      id: 'security-group',
      title: 'Create the security group SSHAccess allowing SSH',
      why: `A security group is a stateful firewall around each instance. This one allows SSH from ${SSH_FROM}, a documentation range: on AWS use your own address, never 0.0.0.0/0.`,
      needs: ['create-vpc'],
      produces: ['securityGroupId'],
      run: async (ctx) => {
        const { CreateSecurityGroupCommand, AuthorizeSecurityGroupIngressCommand } = await ec2();
        const response = await ctx.call(new CreateSecurityGroupCommand({ GroupName: 'SSHAccess', Description: 'Security group for SSH access', VpcId: ctx.need('vpcId') }));
        await ctx.remember('securityGroupId', response.GroupId!);
        const ingress = await ctx.call(new AuthorizeSecurityGroupIngressCommand({
          GroupId: response.GroupId!,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: SSH_FROM, Description: 'SSH from the learner' }] }],
        }));
        return { operation: 'AuthorizeSecurityGroupIngress', response: ingress };
      },
    },
    {
      id: 'find-ami',
      title: 'Find the newest Amazon Linux 2023 image',
      why: 'AMI ids differ per region and change with every release, so scripts look them up by owner and name instead of hard-coding them.',
      produces: ['imageId'],
      run: async (ctx) => {
        const { DescribeImagesCommand } = await ec2();
        const query = 'sort_by(Images, &CreationDate)[-1].{ImageId: ImageId, Name: Name, CreationDate: CreationDate}';
        const response = await ctx.call(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }, { Name: 'state', Values: ['available'] }] }), { query });
        const newest = [...(response.Images ?? [])].sort((a, b) => String(a.CreationDate).localeCompare(String(b.CreationDate))).pop();
        if (!newest?.ImageId && !ctx.dryRun) throw new Error(`no Amazon Linux 2023 image found in ${ctx.region}`);
        await ctx.remember('imageId', newest?.ImageId ?? '<imageId>');
        return { operation: 'DescribeImages', response, query };
      },
    },
    {
      id: 'run-instance',
      title: 'Launch a t2.micro into the public subnet and wait until it runs',
      why: 'RunInstances answers at once with the instance pending; it is usable only once running. The CLI\'s "aws ec2 wait instance-running" polls the same way.',
      needs: ['create-subnets', 'security-group', 'key-pair', 'find-ami'],
      cost: { perHourUsd: EC2_ON_DEMAND_USD_PER_HOUR['t2.micro']!, what: 't2.micro in us-east-1, free tier eligible' },
      produces: ['instanceId'],
      run: async (ctx) => {
        const { RunInstancesCommand, DescribeInstancesCommand } = await ec2();
        const userData = '#!/bin/bash\necho "Hello from Cloud Journey Lab" > /tmp/hello.txt\n';
        const launched = await ctx.call(new RunInstancesCommand({
          ImageId: ctx.need('imageId'),
          InstanceType: 't2.micro',
          MinCount: 1,
          MaxCount: 1,
          KeyName: ctx.need('keyName'),
          SecurityGroupIds: [ctx.need('securityGroupId')],
          SubnetId: ctx.need('publicSubnetId'),
          UserData: Buffer.from(userData).toString('base64'),
          TagSpecifications: nameTag('instance', 'fcj-cli-instance'),
        }));
        const instanceId = launched.Instances![0]!.InstanceId!;
        await ctx.remember('instanceId', instanceId);
        // Shown as it is after the wait (running), not as RunInstances answered before it (pending).
        const query = 'Reservations[].Instances[].{Id: InstanceId, State: State.Name, Type: InstanceType, PrivateIp: PrivateIpAddress}';
        const running = await ctx.waitFor(
          new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
          (out) => out.Reservations?.[0]?.Instances?.[0]?.State?.Name === 'running',
          { what: `instance ${instanceId} to be running`, query },
        );
        return { operation: 'DescribeInstances', response: running, query };
      },
    },
    {
      id: 'describe-instance',
      title: 'Describe the instance with --query',
      why: 'DescribeInstances nests instances inside reservations; --query flattens that into just the columns you care about.',
      needs: ['run-instance'],
      run: async (ctx) => {
        const { DescribeInstancesCommand } = await ec2();
        const query = 'Reservations[].Instances[].{Id: InstanceId, State: State.Name, Type: InstanceType, Subnet: SubnetId, PublicIp: PublicIpAddress, Name: Tags[?Key==`Name`] | [0].Value}';
        const response = await ctx.call(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['fcj-cli-instance'] }, { Name: 'instance-state-name', Values: ['pending', 'running'] }] }), { query });
        return { operation: 'DescribeInstances', response, query };
      },
    },
  ],
};
