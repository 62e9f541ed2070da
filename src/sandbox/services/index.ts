/**
 * The services the sandbox serves, made from their descriptors (src/aws/services.ts): each
 * factory from its folder, with its routing keys and SDK client from its descriptor, and the
 * backends of the services it uses. A backend asked for is made on first use, so serving
 * ElastiCache alone also serves the EC2 its subnet groups live in.
 */
import { SERVICE_NAMES, SERVICES, type ServiceDescriptor, type ServiceName } from '../../aws/services.js';
import type { Backends, SandboxService, ServiceFactory } from '../service.js';

export interface ServiceOptions {
  /** Where processes a service starts find their programs (ElastiCache's redis-server); default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Names of the services the sandbox serves, in descriptor order. */
export const SANDBOX_SERVICE_NAMES: readonly ServiceName[] = SERVICE_NAMES.filter((name) => 'sandbox' in SERVICES[name]);

/** Fresh instances, fresh state, of these services (default: every one the sandbox serves) and those whose backends they use. */
export async function createServices(names: readonly ServiceName[] = SANDBOX_SERVICE_NAMES, options: ServiceOptions = {}): Promise<SandboxService[]> {
  const factories = new Map<ServiceName, ServiceFactory>();
  await Promise.all(SANDBOX_SERVICE_NAMES.map(async (name) => factories.set(name, await sandboxPart(name).load())));
  const made = new Map<ServiceName, SandboxService>();
  const backends = {} as Backends;
  const make = (name: ServiceName): SandboxService => {
    let service = made.get(name);
    if (service === undefined) {
      const factory = factories.get(name);
      if (factory === undefined) throw new Error(`the sandbox does not serve '${name}' (src/aws/services.ts has no sandbox part for it)`);
      const { signingName, targetPrefix, protocol } = sandboxPart(name);
      const implementation = factory({ backends, env: options.env ?? process.env });
      service = { ...implementation, name, signingName, ...(targetPrefix === undefined ? {} : { targetPrefix }), protocol, loadClient: SERVICES[name].loadSdk };
      made.set(name, service);
    }
    return service;
  };
  for (const name of SANDBOX_SERVICE_NAMES) Object.defineProperty(backends, name, { get: () => make(name).backend, enumerable: true });
  for (const name of names) make(name);
  // Served in descriptor order, whichever asked first.
  return SANDBOX_SERVICE_NAMES.filter((name) => made.has(name)).map((name) => made.get(name)!);
}

function sandboxPart(name: ServiceName): NonNullable<ServiceDescriptor['sandbox']> {
  const descriptor = SERVICES[name];
  if (!('sandbox' in descriptor)) throw new Error(`the sandbox does not serve '${name}'`);
  return descriptor.sandbox;
}
