/**
 * Cleanup coverage: every lab runs for real, one after another, against one sandbox that
 * sees every call it decodes; any call that makes something must be one a cleanup type
 * records (`typeCreatedBy`), or `lab cleanup` would leave it behind on the learner's account.
 *
 * Which calls make something is decided by name: AWS starts those operations with a few
 * verbs (CREATE_LIKE). Calls that match but make nothing lab must delete on its own are
 * listed in NOT_RESOURCES, each with why. Calls that link or change what exists (Attach,
 * Associate, Add, Authorize, Modify, Update) are not creates: the link goes with either end.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { labIds } from '../../labs/index.js';
import { SERVICES, type ServiceDescriptor } from '../../src/aws/services.js';
import { typeCreatedBy } from '../../src/cleanup/registry.js';
import { createClock } from '../../src/sandbox/clock.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { lab } from '../support/lab-process.js';

/** Operations named like these make a resource (RunInstances, AllocateAddress, PutParameter, RestoreTableFromBackup). */
const CREATE_LIKE = /^(Create|Run|Allocate|Request|Import|Copy|Register|Purchase|Restore|Upload|Put|BatchWrite|Subscribe)/;

/** `<signing name>:<operation>` of calls CREATE_LIKE matches that leave nothing for `lab cleanup` to delete. */
const NOT_RESOURCES: Record<string, string> = {
  'ec2:CreateTags': 'tags belong to the resource they label and go with it',
  'ec2:CreateRoute': 'a route is an entry of its route table, which DeleteRouteTable removes with it',
  'ec2:CreateLaunchTemplateVersion': 'a version is part of its launch template; DeleteLaunchTemplate deletes every version',
  's3:PutObject': "an object lives in its bucket, and the bucket's deleter empties it first",
  'dynamodb:PutItem': 'an item lives in its table and goes with DeleteTable',
  'dynamodb:BatchWriteItem': 'items live in their table and go with DeleteTable',
  'logs:CreateLogStream': 'a log stream lives in its log group and goes with DeleteLogGroup',
  'logs:PutLogEvents': 'events are data in their log stream and go with DeleteLogGroup',
  'logs:PutRetentionPolicy': 'a retention is a setting of its log group and goes with it',
  'monitoring:PutMetricData': 'datapoints are data, not a resource: CloudWatch has no call to delete a metric, which ages out after 15 months',
};

/** The namespaces of the services the sandbox serves under a signing name (DynamoDB and its Streams share one). */
function namespacesSigningAs(signingName: string): string[] {
  return Object.values<ServiceDescriptor>(SERVICES).filter((service) => service.sandbox?.signingName === signingName).map((service) => service.namespace);
}

function tracked(signingName: string, operation: string): boolean {
  return namespacesSigningAs(signingName).some((namespace) => typeCreatedBy(namespace, operation) !== undefined);
}

let sandbox: RunningSandbox;
/** `<signing name>:<operation>` of every call the sandbox saw, with the labs (or cleanup) that made it. */
const seen = new Map<string, Set<string>>();
let caller = 'the test';

before(async () => {
  sandbox = await startSandbox({
    port: 0,
    clock: createClock({ defaultDelayMs: 50 }),
    observe: (call) => {
      const key = `${call.service}:${call.operation}`;
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(caller);
    },
  });
});

after(() => sandbox.stop());

test('every call a lab makes that creates something has a cleanup type, or a reason in NOT_RESOURCES', async () => {
  const env = { LAB_CONFIG_DIR: await mkdtemp(join(tmpdir(), 'lab-coverage-')) };
  // Labs are independent; run in one sandbox, a later one may reuse what an earlier made, which only hides repeats.
  for (const id of labIds()) {
    caller = id;
    const run = await lab(['run', id, '--yes', '--endpoint-url', sandbox.url], env);
    // A lab that stopped early would hide the creates of its later steps.
    assert.equal(run.code, 0, `lab run ${id} failed:\n${run.stdout}${run.stderr}`);
    // Checked lab by lab: a later lab that cleans up after itself (week8-day7) would spend
    // minutes retrying a VPC whose untracked subnets keep it.
    const untracked = [...seen]
      .filter(([key, callers]) => {
        const [service, operation] = key.split(':') as [string, string];
        return callers.has(id) && CREATE_LIKE.test(operation) && !(key in NOT_RESOURCES) && !tracked(service, operation);
      })
      .map(([key]) => key);
    assert.deepEqual(
      untracked,
      [],
      `lab ${id} makes calls that create something no cleanup type records, so lab cleanup would leave it: ${untracked.join(', ')}. ` +
        "Give each a cleanup type (src/cleanup/types/, in its service's exported list), or, if it makes nothing lab must delete, " +
        'add it to NOT_RESOURCES in test/cleanup/coverage.test.ts with the reason.',
    );
  }
  // The walk did reach the labs' creates: a sandbox that saw none would pass the check above vacuously.
  assert.ok(seen.has('ec2:CreateVpc') && seen.has('elasticache:CreateReplicationGroup') && seen.has('dynamodb:CreateTable'));

  caller = 'lab cleanup';
  const cleanup = await lab(['cleanup', '--yes', '--endpoint-url', sandbox.url], env);
  assert.equal(cleanup.code, 0, `lab cleanup after every lab:\n${cleanup.stdout}${cleanup.stderr}`);
});

test('the create rule recognises every create a cleanup type records', () => {
  const missed = Object.values(SERVICES).flatMap((service) => service.cleanup.filter((type) => !CREATE_LIKE.test(type.createdBy)).map((type) => `${type.name} (${type.createdBy})`));
  assert.deepEqual(missed, [], 'widen CREATE_LIKE: calls like these would go unchecked');
});

test('NOT_RESOURCES lists only calls the rule matches and no cleanup type records', () => {
  for (const key of Object.keys(NOT_RESOURCES)) {
    const [service, operation] = key.split(':') as [string, string];
    assert.ok(namespacesSigningAs(service).length > 0, `${key}: no service signs as ${service}`);
    assert.match(operation, CREATE_LIKE, `${key} is not create-like; it needs no entry`);
    assert.equal(tracked(service, operation), false, `${key} has a cleanup type; it needs no entry`);
  }
});
