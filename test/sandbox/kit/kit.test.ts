/** The service kit's parts without HTTP: page tokens, timed states on a clock stepped by hand, tag lists. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClock } from '../../../src/sandbox/clock.js';
import { AwsError } from '../../../src/sandbox/errors.js';
import { pageOf } from '../../../src/sandbox/kit/pages.js';
import { withoutTags, withTags } from '../../../src/sandbox/kit/tags.js';
import { currentState, hasElapsed, statesReached, type Timeline } from '../../../src/sandbox/kit/timed-state.js';

describe('page tokens', () => {
  const letters = [...'abcdefg'];
  const invalid = () => new AwsError('InvalidParameterValue', 'bad token');

  it('walks a list page by page with the token of the next one', () => {
    const first = pageOf(letters, undefined, 3, invalid);
    assert.deepEqual(first.items, ['a', 'b', 'c']);
    assert.equal(first.next, Buffer.from('3').toString('base64'));
    const second = pageOf(letters, first.next, 3, invalid);
    assert.deepEqual(second.items, ['d', 'e', 'f']);
    const last = pageOf(letters, second.next, 3, invalid);
    assert.deepEqual(last, { items: ['g'] });
  });

  it('refuses a token it did not issue with the caller’s error', () => {
    for (const token of ['not-a-token', Buffer.from('-1').toString('base64'), Buffer.from('2x').toString('base64')]) {
      assert.throws(() => pageOf(letters, token, 3, invalid), { name: 'InvalidParameterValue', message: 'bad token' });
    }
  });
});

describe('timed states', () => {
  type Light = 'red' | 'green' | 'amber';
  const timeline: Timeline<Light> = { red: { transition: 'light.red', to: 'green' }, green: { transition: 'light.green', to: 'amber' } };

  it('moves through every state whose delay has passed, each entered when the previous one ended', () => {
    let now = 1000;
    const clock = createClock({ now: () => now, delays: { 'light.red': 100, 'light.green': 50 } });
    const red = { name: 'red' as Light, since: 1000 };
    now = 1099;
    assert.deepEqual(statesReached(red, timeline, clock), []);
    assert.equal(currentState(red, timeline, clock), red);
    now = 1100;
    assert.deepEqual(currentState(red, timeline, clock), { name: 'green', since: 1100 });
    now = 5000;
    assert.deepEqual(statesReached(red, timeline, clock), [{ name: 'green', since: 1100 }, { name: 'amber', since: 1150 }]);
    assert.ok(hasElapsed(clock, 4900, 'light.red'));
    assert.ok(!hasElapsed(clock, 4901, 'light.red'));
  });
});

describe('tag lists', () => {
  it('sets values over existing keys in place, adds new keys last, and removes by key or by key and value', () => {
    const tags = withTags([{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }], [{ Key: 'c', Value: '3' }, { Key: 'a', Value: '9' }]);
    assert.deepEqual(tags, [{ Key: 'a', Value: '9' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '3' }]);
    assert.deepEqual(withoutTags(tags, [{ Key: 'a', Value: '1' }, { Key: 'b' }]), [{ Key: 'a', Value: '9' }, { Key: 'c', Value: '3' }]);
  });
});
