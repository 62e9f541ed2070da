/**
 * SDK clients, made on first use and shared by a run: a lab that never touches IAM never
 * loads @aws-sdk/client-iam. A command finds its client by its schema's namespace, through
 * the service's descriptor (services.ts), so a step only writes `ctx.call(new CreateVpcCommand(...))`.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import { serviceByNamespace } from './services.js';

/** Where and as whom clients talk: one target's settings. */
export interface ClientSettings {
  region: string;
  /** A sandbox or other emulator; absent for AWS itself. */
  endpoint?: string;
  /** A named profile for the standard credential chain. */
  profile?: string;
  /** Fixed credentials (sandbox and emulators); absent means the standard chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Calls the sandbox in-process, without a socket. */
  requestHandler?: object;
}

interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}

type ClientClass = new (config: Record<string, unknown>) => SdkClient;

/** The schema namespace of an SDK command: `com.amazonaws.ec2`. */
export function commandNamespace(command: { schema?: unknown }): string {
  const schema = command.schema;
  if (!Array.isArray(schema) || typeof schema[1] !== 'string') throw new TypeError('this SDK command carries no operation schema');
  return schema[1];
}

/** The operation an SDK command calls: `CreateVpc`. */
export function commandOperation(command: { schema?: unknown }): string {
  const schema = command.schema as unknown[] | undefined;
  if (!Array.isArray(schema) || typeof schema[2] !== 'string') throw new TypeError('this SDK command carries no operation schema');
  return schema[2];
}

// Which operation's output schema a response answers, so it can be printed as the CLI
// prints that operation's output (its doubles as floats) without steps passing it along.
const outputSchemas = new WeakMap<object, unknown>();

/** The output schema of a response `ClientPool.send` returned, if it did. */
export function outputSchemaOf(response: object): unknown {
  return outputSchemas.get(response);
}

/** Whether the operation's input has this member (`DryRun`): the SDK silently drops unknown ones. */
export function hasInputMember(command: { schema?: unknown }, member: string): boolean {
  const schema = command.schema as unknown[] | undefined;
  if (!Array.isArray(schema)) return false;
  for (const [name] of NormalizedSchema.of(schema[4] as never).structIterator()) if (name === member) return true;
  return false;
}

export class ClientPool {
  private readonly clients = new Map<string, Promise<SdkClient>>();

  constructor(readonly settings: ClientSettings) {}

  async send<Output>(command: { schema?: unknown }, options?: { abortSignal?: AbortSignal }): Promise<Output> {
    const client = await this.client(commandNamespace(command));
    const output = await (client.send as (c: unknown, o?: unknown) => Promise<Output>)(command, options);
    if (typeof output === 'object' && output !== null && Array.isArray(command.schema)) outputSchemas.set(output, command.schema[5]);
    return output;
  }

  client(namespace: string): Promise<SdkClient> {
    let client = this.clients.get(namespace);
    if (!client) {
      const service = serviceByNamespace(namespace);
      if (!service) throw new Error(`lab has no SDK client for ${namespace}; add the service's descriptor to src/aws/services.ts`);
      client = service.loadSdk().then((sdk) => new (sdk[service.clientClass] as ClientClass)(this.config(namespace)));
      this.clients.set(namespace, client);
    }
    return client;
  }

  /** Closes every client's sockets, so the process can exit. */
  async destroy(): Promise<void> {
    const clients = await Promise.all(this.clients.values());
    for (const client of clients) client.destroy();
    this.clients.clear();
  }

  private config(namespace: string): Record<string, unknown> {
    const { region, endpoint, profile, credentials, requestHandler } = this.settings;
    return {
      region,
      ...(endpoint ? { endpoint } : {}),
      ...(profile ? { profile } : {}),
      ...(credentials ? { credentials } : {}),
      ...(requestHandler ? { requestHandler } : {}),
      // An emulator has one host, so buckets go in the path, not the host name.
      ...(endpoint && namespace === 'com.amazonaws.s3' ? { forcePathStyle: true } : {}),
    };
  }
}
