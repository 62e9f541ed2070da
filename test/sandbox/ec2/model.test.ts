/**
 * The EC2 sandbox's rules without HTTP: CIDR arithmetic, the shared filter matcher, and
 * instance states moving on a clock stepped by hand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClock } from '../../../src/sandbox/clock.js';
import { contains, overlaps, parseCidr } from '../../../src/sandbox/services/ec2/cidr.js';
import { applyFilters } from '../../../src/sandbox/services/ec2/filters.js';
import { runInstances, settleInstances } from '../../../src/sandbox/services/ec2/instances.js';
import { seedRegion } from '../../../src/sandbox/services/ec2/seed.js';

describe('CIDR blocks', () => {
  it('parses network addresses only and compares blocks', () => {
    assert.deepEqual(parseCidr('10.0.0.0/16'), { base: 0x0a000000, prefix: 16 });
    assert.equal(parseCidr('10.0.0.1/16'), undefined);
    assert.equal(parseCidr('10.0.0.0/33'), undefined);
    assert.equal(parseCidr('10.0.0/16'), undefined);
    assert.ok(contains(parseCidr('10.0.0.0/16')!, parseCidr('10.0.255.0/24')!));
    assert.ok(!contains(parseCidr('10.0.0.0/16')!, parseCidr('10.1.0.0/24')!));
    assert.ok(overlaps(parseCidr('10.0.0.0/24')!, parseCidr('10.0.0.128/25')!));
    assert.ok(!overlaps(parseCidr('10.0.0.0/25')!, parseCidr('10.0.0.128/25')!));
  });
});

describe('filters', () => {
  const records = [
    { id: 'a', name: 'web-1', tags: [{ Key: 'Name', Value: 'web' }] },
    { id: 'b', name: 'web-10', tags: [{ Key: 'tier', Value: 'db*' }] },
  ];
  const match = (filters: { Name: string; Values: string[] }[]) =>
    applyFilters(records, filters, { name: (r) => r.name }, (r) => r.tags).map((r) => r.id);

  it('ORs values, ANDs filters, and knows * and ? and escapes', () => {
    assert.deepEqual(match([{ Name: 'name', Values: ['web-?'] }]), ['a']);
    assert.deepEqual(match([{ Name: 'name', Values: ['web-*'] }]), ['a', 'b']);
    assert.deepEqual(match([{ Name: 'name', Values: ['nope', 'web-10'] }]), ['b']);
    assert.deepEqual(match([{ Name: 'name', Values: ['web-*'] }, { Name: 'tag-key', Values: ['Name'] }]), ['a']);
    assert.deepEqual(match([{ Name: 'tag:tier', Values: ['db\\*'] }]), ['b']);
    assert.deepEqual(match([{ Name: 'tag-value', Values: ['w*'] }]), ['a']);
  });

  it('refuses a filter the resource does not have', () => {
    assert.throws(() => match([{ Name: 'colour', Values: ['x'] }]), {
      name: 'InvalidParameterValue',
      message: "The filter 'colour' is invalid",
    });
  });
});

describe('instance states on the clock', () => {
  it('moves pending to running, and shutting-down to terminated and then out of sight', () => {
    let now = 1_000_000;
    const clock = createClock({ now: () => now, defaultDelayMs: 100, delays: { 'ec2.instance.terminated': 1000 } });
    const region = seedRegion('us-east-1');
    const imageId = Object.values(region.images)[0]!.imageId;
    const reservation = runInstances(region, { ImageId: imageId, MinCount: 1, MaxCount: 1 }, now);
    const instance = region.instances[reservation.Instances![0]!.InstanceId!]!;

    now += 99;
    settleInstances(region, clock);
    assert.equal(instance.state.name, 'pending');
    now += 1;
    settleInstances(region, clock);
    assert.deepEqual(instance.state, { name: 'running', since: 1_000_100 });

    instance.state = { name: 'shutting-down', since: now };
    now += 100;
    settleInstances(region, clock);
    assert.equal(instance.state.name, 'terminated');
    assert.equal(region.networkInterfaces[instance.networkInterfaceId], undefined, 'its interface went with it');
    now += 1000;
    settleInstances(region, clock);
    assert.equal(region.instances[instance.instanceId], undefined);
  });
});
