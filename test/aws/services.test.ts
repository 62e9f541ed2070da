/**
 * The descriptor table (src/aws/services.ts) against the parts it names: a service added
 * with a part forgotten or misspelt fails here, not in a learner's lab.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ClientPool } from '../../src/aws/clients.js';
import { SERVICES, type ServiceDescriptor } from '../../src/aws/services.js';
import { resourceTypes } from '../../src/cleanup/registry.js';
import { FLOAT_MEMBER_MODELS } from '../../src/output/float-members-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { createServices } from '../../src/sandbox/services/index.js';
import type { SandboxService } from '../../src/sandbox/service.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dependencies = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { dependencies: Record<string, string> }).dependencies;
const descriptors = Object.entries(SERVICES) as [string, ServiceDescriptor][];

/** The namespaces of a client module's operation schemas (`[9, namespace, name, ...]`). */
function schemaNamespaces(sdk: Record<string, unknown>): Set<string> {
  return new Set(
    Object.entries(sdk)
      .filter(([name, value]) => name.endsWith('$') && Array.isArray(value) && value[0] === 9)
      .map(([, value]) => (value as unknown[])[1] as string),
  );
}

describe('each service descriptor', () => {
  for (const [name, service] of descriptors) {
    it(`${name}: its client package is a dependency, exports its client class, and its schemas carry its namespace`, async () => {
      assert.ok(dependencies[service.sdkPackage], `${service.sdkPackage} is not in package.json's dependencies`);
      const sdk = await service.loadSdk();
      assert.equal(sdk, await import(service.sdkPackage), `loadSdk() of '${name}' imports another package than ${service.sdkPackage}`);
      assert.equal(typeof sdk[service.clientClass], 'function', `${service.sdkPackage} exports no ${service.clientClass}`);
      assert.deepEqual([...schemaNamespaces(sdk)], [service.namespace]);
    });

    it(`${name}: its cleanup types are created by operations its client has`, async () => {
      const sdk = await service.loadSdk();
      for (const type of service.cleanup) assert.ok(sdk[`${type.createdBy}$`], `${type.name}: ${service.sdkPackage} has no operation ${type.createdBy}`);
    });
  }

  it('float members were generated for every service, from its own model', () => {
    const expected = descriptors.map(([, service]) => `${service.botocoreModel} ${service.namespace}`).sort();
    assert.deepEqual(
      [...FLOAT_MEMBER_MODELS].sort(),
      expected,
      'src/output/float-members-data.ts is out of date: node dist/scripts/float-member-models.js | /usr/bin/python3 scripts/make-float-members.py > src/output/float-members-data.ts',
    );
  });

  it('cleanup type names are unique', () => {
    const names = resourceTypes().map((type) => type.name);
    assert.deepEqual(names, [...new Set(names)]);
  });
});

describe('the sandbox serves what the descriptors say', () => {
  let services: SandboxService[];
  let sandbox: RunningSandbox;
  let clients: ClientPool;

  before(async () => {
    services = await createServices();
    sandbox = await startSandbox({ port: 0, services });
    clients = new ClientPool({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });

  after(async () => {
    await clients.destroy();
    await sandbox.stop();
  });

  it('every folder under src/sandbox/services/ is a descriptor named after its client package, and every sandbox descriptor is served', () => {
    const folders = readdirSync(fileURLToPath(new URL('../../src/sandbox/services/', import.meta.url)), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const described = descriptors.filter(([, service]) => service.sandbox).map(([, service]) => service.sdkPackage.replace('@aws-sdk/client-', '')).sort();
    assert.deepEqual(folders, described);
    assert.deepEqual(services.map((service) => service.name).sort(), descriptors.filter(([, service]) => service.sandbox).map(([name]) => name).sort());
  });

  for (const [name, service] of descriptors.filter(([, descriptor]) => descriptor.sandbox)) {
    it(`${name}: every handler is an operation of its client, and a call from that client reaches it`, async () => {
      const served = services.find((candidate) => candidate.name === name)!;
      const sdk = await service.loadSdk();
      const operations = Object.keys(served.operations);
      assert.ok(operations.length > 0);
      for (const operation of operations) assert.ok(sdk[`${operation}$`], `${name} serves ${operation}, which ${service.sdkPackage} does not have`);
      // Any answer from the service itself proves the route (signing name, target prefix, protocol); an
      // answer from the router that it knows no such service or operation does not.
      let answered = false;
      for (const operation of operations) {
        const Command = sdk[`${operation}Command`] as new (input: object) => { schema?: unknown };
        try {
          await clients.send(new Command({}));
          answered = true;
        } catch (error) {
          const { $metadata, message } = error as { $metadata?: { httpStatusCode?: number }; message: string };
          if ($metadata?.httpStatusCode === undefined) continue; // refused by the SDK before sending
          assert.doesNotMatch(message, /does not serve|not valid for this web service|not implemented by the lab sandbox/, `${name} ${operation}`);
          answered = true;
        }
        if (answered) break;
      }
      assert.ok(answered, `no call of ${name} reached the sandbox`);
    });
  }
});
