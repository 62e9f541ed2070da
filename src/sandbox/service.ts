/**
 * What a sandbox service is, as the protocol layer sees it: the SDK client whose schemas
 * describe its wire shapes, and one typed handler per operation. Codecs turn a request
 * into the handler's input and its output (or an AwsError) into the response, so a service
 * never touches XML or JSON; a new operation is one function, and the compiler checks its
 * shape against the SDK's own `XCommandInput` / `XCommandOutput` types.
 */
import type { WireProtocol } from '../aws/services.js';
import type { Clock } from './clock.js';
import type { CloudWatchBackend } from './services/cloudwatch/backend.js';
import type { DynamoDbBackend } from './services/dynamodb/backend.js';
import type { Ec2Backend } from './services/ec2/backend.js';
import type { SnsBackend } from './services/sns/backend.js';

/** What a handler knows of the request beyond its input. */
export interface RequestContext {
  /** The sandbox's fixed account id (constants.ts). */
  readonly accountId: string;
  /** The region of the request's SigV4 credential scope, else the sandbox default. */
  readonly region: string;
  /** The id the response carries (`<requestId>`, `x-amzn-RequestId`). */
  readonly requestId: string;
  /** The sandbox clock; resource states advance on it. */
  readonly clock: Clock;
}

/** A handler's result: the SDK's output type without the client-side `$metadata`. */
export type Result<Output> = Omit<Output, '$metadata'>;

/** One operation: `(input: CreateVpcCommandInput, ctx) => Result<CreateVpcCommandOutput>`. */
export type Handler<Input, Output> = (input: Input, ctx: RequestContext) => Result<Output> | Promise<Result<Output>>;

// Handlers are stored type-erased; each service declares them with their SDK types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHandler = Handler<any, any>;

/** The backends services offer each other: typed queries and actions, never a handler table. */
export interface Backends {
  /** The sandbox's EC2 service, whose subnets and security groups other services' resources sit in. */
  readonly ec2: Ec2Backend;
  /** DynamoDB's tables and the TTL sweeper, which DynamoDB Streams reads. */
  readonly dynamodb: DynamoDbBackend;
  /** CloudWatch's metric store, which Logs metric filters (and later load balancers and Auto Scaling) report into. */
  readonly cloudwatch: CloudWatchBackend;
  /** SNS topics, which CloudWatch alarm actions publish to. */
  readonly sns: SnsBackend;
}

/** What a service's factory is handed: the other services' backends (made on first use), and the environment. */
export interface ServiceContext {
  readonly backends: Backends;
  /** Where processes a service starts find their programs (ElastiCache's redis-server). */
  readonly env: NodeJS.ProcessEnv;
}

/** What a service is handed when the sandbox starts serving it. */
export interface OpenContext {
  /** The router's clock: background work (an alarm evaluated every minute) moves on it. */
  readonly clock: Clock;
}

/** What a service's folder makes: its handlers, what it offers other services, and its life cycle. */
export interface ServiceImplementation {
  /** Operation name, as AWS spells it (`CreateVpc`), to its handler. */
  readonly operations: Readonly<Record<string, AnyHandler>>;
  /** What other services may use of this one (`Backends`); absent when none do. */
  readonly backend?: unknown;
  /** Plain JSON-able state, for `--state-dir`; absent when the service keeps none. */
  snapshot?(): unknown;
  restore?(state: unknown): void;
  /**
   * Starts what the restored state runs (ElastiCache's cache nodes) and the service's own
   * background work (CloudWatch's alarm evaluation), once the sandbox listens, on the clock
   * requests see.
   */
  open?(context: OpenContext): Promise<void>;
  /** Stops what the service runs, keeping in its state what snapshot() saves; before state is saved. */
  close?(): Promise<void>;
  /** Forget everything (`lab sandbox reset`); stops at once whatever the service runs. */
  reset?(): void;
}

/** A service's folder exports one of these; src/aws/services.ts names it in the service's descriptor. */
export type ServiceFactory = (context: ServiceContext) => ServiceImplementation;

/** A service as the router serves it: its implementation and, from its descriptor, how requests find it. */
export interface SandboxService extends ServiceImplementation {
  /** The service's key in src/aws/services.ts (`ec2`, `dynamodbstreams`); its state file's name. */
  readonly name: string;
  /** The SigV4 signing name requests carry in their credential scope: 'ec2', 's3', 'sts'. */
  readonly signingName: string;
  /** The `X-Amz-Target` prefix (before the dot) of a JSON service, where two services share a signing name. */
  readonly targetPrefix?: string;
  /** The protocol its clients speak, for a request that does not say (EC2's query or AWS query, REST XML). */
  readonly protocol: WireProtocol;
  /** Loads the `@aws-sdk/client-*` module whose `<Operation>$` exports are the schemas. */
  readonly loadClient: () => Promise<Record<string, unknown>>;
}
