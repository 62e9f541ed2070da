/**
 * Every AWS service lab knows, one descriptor each: the one table that the SDK client pool,
 * the AWS-CLI equivalent, the cleanup registry, the sandbox's router and the float-member
 * generator all read. Adding a service is its sandbox folder plus one entry here; the tests
 * in test/aws/services.test.ts fail on an entry whose parts disagree (a client package that
 * is not a dependency, a namespace the client's schemas do not carry, float members not
 * generated for its model, a sandbox folder that is not served).
 *
 * Everything heavy loads on use: reading this table loads no SDK client and no sandbox code.
 */
import type { ResourceType } from '../cleanup/resource-type.js';
import { cloudwatchResourceTypes } from '../cleanup/types/cloudwatch.js';
import { dynamodbResourceTypes } from '../cleanup/types/dynamodb.js';
import { ec2ResourceTypes } from '../cleanup/types/ec2.js';
import { elasticacheResourceTypes } from '../cleanup/types/elasticache.js';
import { iamResourceTypes } from '../cleanup/types/iam.js';
import { logsResourceTypes } from '../cleanup/types/logs.js';
import { s3ResourceTypes } from '../cleanup/types/s3.js';
import { snsResourceTypes } from '../cleanup/types/sns.js';
import type { ServiceFactory } from '../sandbox/service.js';

/** The wire protocol a service's clients speak; the sandbox's router picks the codec by the request itself. */
export type WireProtocol = 'ec2' | 'query' | 'json' | 'rest-xml';

/** An `@aws-sdk/client-*` module: its client class and its `<Operation>$` schemas. */
export type SdkModule = Record<string, unknown>;

export interface ServiceDescriptor {
  /** The AWS CLI v2 command: `aws ec2`, `aws s3api`. */
  readonly cli: string;
  /** The namespace of the SDK's operation schemas, by which a command finds its client. */
  readonly namespace: string;
  /** The npm package of the SDK client, a dependency in package.json. */
  readonly sdkPackage: string;
  /** Loads that package (the import must name it literally, so bundlers and tsc see it). */
  readonly loadSdk: () => Promise<SdkModule>;
  /** The client class the package exports. */
  readonly clientClass: string;
  /** The folder of the service's botocore model in the AWS CLI, whose doubles print as floats. */
  readonly botocoreModel: string;
  /** How the sandbox serves it; absent for a service only real AWS serves. */
  readonly sandbox?: {
    /** The SigV4 signing name requests carry in their credential scope. */
    readonly signingName: string;
    /**
     * The `X-Amz-Target` prefix (before the dot) of a JSON service; needed where two services
     * share a signing name (DynamoDB and DynamoDB Streams both sign as 'dynamodb').
     */
    readonly targetPrefix?: string;
    readonly protocol: WireProtocol;
    /** The service's factory, from its folder under src/sandbox/services/. */
    readonly load: () => Promise<ServiceFactory>;
  };
  /** What lab's calls to it create and how `lab cleanup` removes each (src/cleanup/types/). */
  readonly cleanup: readonly ResourceType[];
}

// Ordered so a service comes after those whose backends it uses (ElastiCache after EC2).
export const SERVICES = {
  ec2: {
    cli: 'ec2',
    namespace: 'com.amazonaws.ec2',
    sdkPackage: '@aws-sdk/client-ec2',
    loadSdk: () => import('@aws-sdk/client-ec2'),
    clientClass: 'EC2Client',
    botocoreModel: 'ec2',
    sandbox: { signingName: 'ec2', protocol: 'ec2', load: async () => (await import('../sandbox/services/ec2/index.js')).ec2Service },
    cleanup: ec2ResourceTypes,
  },
  s3: {
    cli: 's3api',
    namespace: 'com.amazonaws.s3',
    sdkPackage: '@aws-sdk/client-s3',
    loadSdk: () => import('@aws-sdk/client-s3'),
    clientClass: 'S3Client',
    botocoreModel: 's3',
    sandbox: { signingName: 's3', protocol: 'rest-xml', load: async () => (await import('../sandbox/services/s3/index.js')).s3Service },
    cleanup: s3ResourceTypes,
  },
  sns: {
    cli: 'sns',
    namespace: 'com.amazonaws.sns',
    sdkPackage: '@aws-sdk/client-sns',
    loadSdk: () => import('@aws-sdk/client-sns'),
    clientClass: 'SNSClient',
    botocoreModel: 'sns',
    sandbox: { signingName: 'sns', protocol: 'query', load: async () => (await import('../sandbox/services/sns/index.js')).snsService },
    cleanup: snsResourceTypes,
  },
  iam: {
    cli: 'iam',
    namespace: 'com.amazonaws.iam',
    sdkPackage: '@aws-sdk/client-iam',
    loadSdk: () => import('@aws-sdk/client-iam'),
    clientClass: 'IAMClient',
    botocoreModel: 'iam',
    sandbox: { signingName: 'iam', protocol: 'query', load: async () => (await import('../sandbox/services/iam/index.js')).iamService },
    cleanup: iamResourceTypes,
  },
  sts: {
    cli: 'sts',
    namespace: 'com.amazonaws.sts',
    sdkPackage: '@aws-sdk/client-sts',
    loadSdk: () => import('@aws-sdk/client-sts'),
    clientClass: 'STSClient',
    botocoreModel: 'sts',
    sandbox: { signingName: 'sts', protocol: 'query', load: async () => (await import('../sandbox/services/sts/index.js')).stsService },
    cleanup: [],
  },
  dynamodb: {
    cli: 'dynamodb',
    namespace: 'com.amazonaws.dynamodb',
    sdkPackage: '@aws-sdk/client-dynamodb',
    loadSdk: () => import('@aws-sdk/client-dynamodb'),
    clientClass: 'DynamoDBClient',
    botocoreModel: 'dynamodb',
    sandbox: {
      signingName: 'dynamodb',
      targetPrefix: 'DynamoDB_20120810',
      protocol: 'json',
      load: async () => (await import('../sandbox/services/dynamodb/index.js')).dynamodbService,
    },
    cleanup: dynamodbResourceTypes,
  },
  dynamodbstreams: {
    cli: 'dynamodbstreams',
    namespace: 'com.amazonaws.dynamodbstreams',
    sdkPackage: '@aws-sdk/client-dynamodb-streams',
    loadSdk: () => import('@aws-sdk/client-dynamodb-streams'),
    clientClass: 'DynamoDBStreamsClient',
    botocoreModel: 'dynamodbstreams',
    sandbox: {
      signingName: 'dynamodb',
      targetPrefix: 'DynamoDBStreams_20120810',
      protocol: 'json',
      load: async () => (await import('../sandbox/services/dynamodb-streams/index.js')).dynamodbStreamsService,
    },
    cleanup: [],
  },
  elasticache: {
    cli: 'elasticache',
    namespace: 'com.amazonaws.elasticache',
    sdkPackage: '@aws-sdk/client-elasticache',
    loadSdk: () => import('@aws-sdk/client-elasticache'),
    clientClass: 'ElastiCacheClient',
    botocoreModel: 'elasticache',
    sandbox: {
      signingName: 'elasticache',
      protocol: 'query',
      load: async () => (await import('../sandbox/services/elasticache/index.js')).elasticacheService,
    },
    cleanup: elasticacheResourceTypes,
  },
  cloudwatch: {
    cli: 'cloudwatch',
    namespace: 'com.amazonaws.cloudwatch',
    sdkPackage: '@aws-sdk/client-cloudwatch',
    loadSdk: () => import('@aws-sdk/client-cloudwatch'),
    clientClass: 'CloudWatchClient',
    botocoreModel: 'cloudwatch',
    // The AWS CLI v2 speaks AWS query; the current SDK speaks query-compatible JSON 1.0 (the router tells them apart per request).
    sandbox: {
      signingName: 'monitoring',
      targetPrefix: 'GraniteServiceVersion20100801',
      protocol: 'query',
      load: async () => (await import('../sandbox/services/cloudwatch/index.js')).cloudwatchService,
    },
    cleanup: cloudwatchResourceTypes,
  },
  logs: {
    cli: 'logs',
    namespace: 'com.amazonaws.cloudwatchlogs',
    sdkPackage: '@aws-sdk/client-cloudwatch-logs',
    loadSdk: () => import('@aws-sdk/client-cloudwatch-logs'),
    clientClass: 'CloudWatchLogsClient',
    botocoreModel: 'logs',
    sandbox: {
      signingName: 'logs',
      targetPrefix: 'Logs_20140328',
      protocol: 'json',
      load: async () => (await import('../sandbox/services/cloudwatch-logs/index.js')).logsService,
    },
    cleanup: logsResourceTypes,
  },
} as const satisfies Record<string, ServiceDescriptor>;

export type ServiceName = keyof typeof SERVICES;

export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

const BY_NAMESPACE = new Map<string, ServiceDescriptor>(Object.values(SERVICES).map((service) => [service.namespace, service]));

/** The descriptor of the service whose schemas carry this namespace (`com.amazonaws.ec2`). */
export function serviceByNamespace(namespace: string): ServiceDescriptor | undefined {
  return BY_NAMESPACE.get(namespace);
}

/** The descriptor of a service lab knows, by its key in SERVICES. */
export function service(name: ServiceName): ServiceDescriptor {
  return SERVICES[name];
}
