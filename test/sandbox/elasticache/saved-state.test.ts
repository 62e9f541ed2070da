/** State saved by earlier versions (`--state-dir`) still restores: statuses kept as `transition` become timed states. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClock } from '../../../src/sandbox/clock.js';
import { ElastiCacheState } from '../../../src/sandbox/services/elasticache/state.js';

const group = (id: string, extra: object) => ({
  id, description: ' ', members: [], primaryEndpointPort: 0, readerEndpointPort: 0, cacheNodeType: 'cache.t3.micro',
  engineVersion: '7.1', cacheParameterGroupName: 'default.redis7', cacheSubnetGroupName: 'default', securityGroupIds: [],
  automaticFailover: false, multiAZ: false, atRestEncryption: false, snapshotRetentionLimit: 0, snapshotWindow: '05:00-06:00',
  createdAt: 1000, tags: [], ...extra,
});

describe('ElastiCache saved state', () => {
  it('reads the older transition shape as timed states', () => {
    const state = new ElastiCacheState();
    state.restore({
      regions: {
        'us-east-1': {
          cacheSubnetGroups: {}, cacheParameterGroups: {}, events: [],
          replicationGroups: {
            ready: group('ready', {}),
            busy: group('busy', { transition: { status: 'modifying', since: 2000, transition: 'elasticache.replication-group.modifying' } }),
          },
          snapshots: {
            done: { name: 'done', source: 'manual', group: group('ready', {}), createdAt: 1500, data: '', tags: [] },
            taking: { name: 'taking', transition: { status: 'creating', since: 3000, transition: 'elasticache.snapshot.creating' }, source: 'manual', group: group('ready', {}), createdAt: 3000, data: '', tags: [] },
          },
        },
      },
    });
    const region = state.region('us-east-1');
    assert.deepEqual(region.replicationGroups.ready!.status, { name: 'available', since: 1000 });
    assert.deepEqual(region.replicationGroups.busy!.status, { name: 'modifying', since: 2000 });
    assert.equal('transition' in region.replicationGroups.busy!, false);
    assert.deepEqual(region.snapshots.done!.status, { name: 'available', since: 1500 });
    assert.deepEqual(region.snapshots.taking!.status, { name: 'creating', since: 3000 });

    state.settle('us-east-1', createClock({ now: () => 10_000, defaultDelayMs: 500 }));
    assert.deepEqual(region.replicationGroups.busy!.status, { name: 'available', since: 2500 });
    assert.deepEqual(region.snapshots.taking!.status, { name: 'available', since: 3500 });
    // What it saves now restores as it is.
    const again = new ElastiCacheState();
    again.restore(JSON.parse(JSON.stringify(state.snapshot())));
    assert.deepEqual(again.region('us-east-1').replicationGroups.busy!.status, { name: 'available', since: 2500 });
  });
});
