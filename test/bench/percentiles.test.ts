/** The one percentile definition the labs' latency figures and the benchmark harness share. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, nearestRank, percentile } from '../../src/bench/percentiles.js';

test('nearest rank: every percentile is a sample that really happened', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.deepEqual([50, 90, 95, 99, 100].map((p) => nearestRank(sorted, p)), [50, 90, 95, 99, 100]);
  assert.equal(nearestRank([3], 99), 3);
  assert.equal(nearestRank([3, 4], 0), 3);
  assert.throws(() => nearestRank([], 50), RangeError);
});

test('percentile and median take samples in any order and leave them as they were', () => {
  const runs = [0.31, 0.12, 0.2, 0.5, 0.18];
  assert.equal(median(runs), 0.2);
  assert.equal(percentile(runs, 90), 0.5);
  assert.deepEqual(runs, [0.31, 0.12, 0.2, 0.5, 0.18]);
  // Of an even count, the lower middle run: a time one run took, not an average of two.
  assert.equal(median([4, 1, 3, 2]), 2);
});
