/**
 * The cleanup planner, case by case: a ledger's records in, the waves `lab cleanup` deletes
 * them in out. The worlds are what the labs really leave (week4-fri's VPC with an instance,
 * week8-day5's replicated cache with week8-day6's snapshot of it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResourceRecord } from '../../src/ledger/ledger.js';
import { blockingType, planCleanup, type TypeLookup } from '../../src/cleanup/plan.js';
import { resourceType, resourceTypes } from '../../src/cleanup/registry.js';

let nextId = 0;

/** A created record of this type; its resource id is the type's short name plus a counter. */
function record(type: string): ResourceRecord {
  const id = `${type.split(':')[1]}-${++nextId}`;
  return { id, type, lab: 'a-lab', run: 'a-run', step: 'a-step', status: 'created', resourceId: id, createdAt: '2026-12-04T00:00:00Z', updatedAt: '2026-12-04T00:00:00Z' };
}

/** Each wave as the sorted types of its records, which is what the order is about. */
function waveTypes(waves: ResourceRecord[][]): string[][] {
  return waves.map((wave) => wave.map((item) => item.type).sort());
}

interface Case {
  name: string;
  types: string[];
  waves: string[][];
  unknown?: string[];
}

const WEEK4_FRI = [
  's3:bucket', 'sns:topic', 'sns:subscription', 'iam:group', 'iam:user', 'ec2:vpc', 'ec2:subnet', 'ec2:subnet',
  'ec2:internet-gateway', 'ec2:route-table', 'ec2:key-pair', 'ec2:security-group', 'ec2:instance',
];
const WEEK8_DAY5 = [
  'ec2:vpc', 'ec2:subnet', 'ec2:subnet', 'ec2:security-group', 'elasticache:cache-subnet-group', 'elasticache:cache-parameter-group', 'elasticache:replication-group',
];

const CASES: Case[] = [
  { name: 'an empty ledger', types: [], waves: [] },
  {
    name: "week4-fri's world: the instance first, then what it sat in and used, the VPC last",
    types: WEEK4_FRI,
    waves: [
      ['ec2:instance', 'ec2:key-pair', 'ec2:route-table', 'iam:user', 's3:bucket', 'sns:subscription'],
      ['ec2:internet-gateway', 'ec2:security-group', 'ec2:subnet', 'ec2:subnet', 'iam:group', 'sns:topic'],
      ['ec2:vpc'],
    ],
  },
  {
    name: "week8-day5's cache world: the replication group before its groups and network",
    types: WEEK8_DAY5,
    waves: [
      ['elasticache:replication-group'],
      ['ec2:security-group', 'ec2:subnet', 'ec2:subnet', 'elasticache:cache-parameter-group', 'elasticache:cache-subnet-group'],
      ['ec2:vpc'],
    ],
  },
  {
    name: "week8-day6's snapshot of that cache goes before the replication group",
    types: [...WEEK8_DAY5, 'elasticache:snapshot'],
    waves: [
      ['elasticache:snapshot'],
      ['elasticache:replication-group'],
      ['ec2:security-group', 'ec2:subnet', 'ec2:subnet', 'elasticache:cache-parameter-group', 'elasticache:cache-subnet-group'],
      ['ec2:vpc'],
    ],
  },
  {
    name: 'a mix of services: each chain in its own order, independent ones in the first wave',
    types: ['dynamodb:table', 'iam:group', 'iam:user', 'iam:access-key', 'ec2:vpc', 'ec2:subnet', 'ec2:security-group', 'ec2:internet-gateway', 'ec2:instance', 'elasticache:replication-group'],
    waves: [
      ['dynamodb:table', 'ec2:instance', 'elasticache:replication-group', 'iam:access-key'],
      ['ec2:internet-gateway', 'ec2:security-group', 'ec2:subnet', 'iam:user'],
      ['ec2:vpc', 'iam:group'],
    ],
  },
  {
    name: 'a resource whose container lab did not make (a subnet in the learner\'s VPC) waits for nothing',
    types: ['ec2:subnet', 'ec2:subnet', 'sns:subscription'],
    waves: [['ec2:subnet', 'ec2:subnet', 'sns:subscription']],
  },
  {
    name: 'a type this version of lab does not know is left out of the waves and blocks nothing',
    types: ['ec2:nat-gateway', 'ec2:vpc', 'ec2:subnet'],
    waves: [['ec2:subnet'], ['ec2:vpc']],
    unknown: ['ec2:nat-gateway'],
  },
];

for (const example of CASES) {
  test(`plan: ${example.name}`, () => {
    const plan = planCleanup(example.types.map(record));
    assert.deepEqual(waveTypes(plan.waves), example.waves);
    assert.deepEqual(plan.unknown.map((item) => item.type), example.unknown ?? []);
  });
}

test('plan: types that depend on each other are an error naming them, not a cleanup that never ends', () => {
  const types: Record<string, { dependsOn: string[] }> = { 'x:a': { dependsOn: ['x:b'] }, 'x:b': { dependsOn: ['x:a'] }, 'x:c': { dependsOn: [] } };
  const typeOf: TypeLookup = (name) => types[name];
  assert.throws(() => planCleanup(['x:c', 'x:a', 'x:b'].map(record), typeOf), { message: 'resource types wait for each other: x:a, x:b' });
});

test('a type left undeleted blocks the types it dependsOn, and only those', () => {
  assert.equal(blockingType('ec2:subnet', new Set(['ec2:instance'])), 'ec2:instance');
  assert.equal(blockingType('ec2:subnet', new Set(['elasticache:replication-group', 's3:bucket'])), 'elasticache:replication-group');
  assert.equal(blockingType('ec2:key-pair', new Set(['ec2:instance'])), undefined);
  assert.equal(blockingType('ec2:vpc', new Set(['ec2:vpc'])), undefined);
});

// A misspelt name in dependsOn would silently drop an ordering: the parent would go first and AWS refuse.
test('every type that a registered type dependsOn is itself registered', () => {
  const unknown = resourceTypes().flatMap((type) => type.dependsOn.filter((name) => !resourceType(name)).map((name) => `${type.name} dependsOn ${name}`));
  assert.deepEqual(unknown, [], `no cleanup type has these names: ${unknown.join('; ')}`);
});

test('every registered type has its own name, and no type dependsOn itself', () => {
  const names = resourceTypes().map((type) => type.name);
  assert.deepEqual(names.filter((name, index) => names.indexOf(name) !== index), []);
  assert.deepEqual(resourceTypes().filter((type) => type.dependsOn.includes(type.name)).map((type) => type.name), []);
});
