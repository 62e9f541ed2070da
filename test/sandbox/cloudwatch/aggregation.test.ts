/**
 * CloudWatch's statistics as the CloudWatch User Guide defines them, "Statistics definitions":
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 * (SampleCount, Sum, Minimum, Maximum, Average = Sum / SampleCount; pNN.NN percentiles from
 * raw values), with the PutMetricData API reference's rule for percentiles of statistic sets
 * and the GetMetricStatistics reference's rounding of StartTime.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  alignedStart, isPercentile, percentile, periodIndex, statisticNamed, summarize, type Sample,
} from '../../../src/sandbox/services/cloudwatch/aggregation.js';

const raw = (...values: number[]): Sample => ({ values, counts: values.map(() => 1) });

describe('standard statistics', () => {
  it('count, sum, minimum, maximum and average over raw values, values with counts and statistic sets', () => {
    const samples: Sample[] = [
      raw(1, 2),
      { values: [10], counts: [3] },
      { set: { SampleCount: 4, Sum: 20, Minimum: 0.5, Maximum: 9 } },
    ];
    assert.deepEqual(summarize(samples), { SampleCount: 9, Sum: 53, Minimum: 0.5, Maximum: 10, Average: 53 / 9 });
  });

  it('names any statistic, standard or percentile', () => {
    assert.equal(statisticNamed([raw(2, 4)], 'Average'), 3);
    assert.equal(statisticNamed([raw(2, 4)], 'SampleCount'), 2);
    assert.equal(statisticNamed([raw(1, 2, 3, 4)], 'p50'), 2);
  });
});

describe('percentiles', () => {
  it('recognizes pNN and pNN.NN up to p100', () => {
    for (const name of ['p0', 'p50', 'p99', 'p99.9', 'p99.99', 'p100']) assert.equal(isPercentile(name), true, name);
    for (const name of ['p', 'p101', 'p99.999', 'P99', 'tm99', 'Average']) assert.equal(isPercentile(name), false, name);
  });

  it('is the nearest rank over raw values, counts weighing each value', () => {
    const hundred = raw(...Array.from({ length: 100 }, (_, i) => i + 1));
    assert.equal(percentile([hundred], 'p90'), 90);
    assert.equal(percentile([hundred], 'p99.5'), 100);
    assert.equal(percentile([hundred], 'p100'), 100);
    assert.equal(percentile([hundred], 'p0'), 1);
    assert.equal(percentile([{ values: [1, 100], counts: [9, 1] }], 'p90'), 1);
    assert.equal(percentile([{ values: [1, 100], counts: [9, 1] }], 'p91'), 100);
  });

  it('uses a statistic set only when it is raw values in disguise, and has none over negative values', () => {
    assert.equal(percentile([{ set: { SampleCount: 1, Sum: 7, Minimum: 7, Maximum: 7 } }, raw(1)], 'p50'), 1);
    assert.equal(percentile([{ set: { SampleCount: 3, Sum: 21, Minimum: 7, Maximum: 7 } }, raw(1)], 'p50'), 7);
    assert.equal(percentile([{ set: { SampleCount: 2, Sum: 8, Minimum: 1, Maximum: 7 } }], 'p50'), undefined);
    assert.equal(percentile([raw(-1, 5)], 'p50'), undefined);
    assert.equal(percentile([], 'p50'), undefined);
  });
});

describe('periods', () => {
  it('rounds StartTime down to the minute, or to the even division of it for 1, 5, 10 and 30 second periods', () => {
    const at = Date.parse('2026-01-01T12:32:34.500Z');
    assert.equal(new Date(alignedStart(at, 300)).toISOString(), '2026-01-01T12:32:00.000Z');
    assert.equal(new Date(alignedStart(at, 60)).toISOString(), '2026-01-01T12:32:00.000Z');
    assert.equal(new Date(alignedStart(at, 10)).toISOString(), '2026-01-01T12:32:30.000Z');
    assert.equal(new Date(alignedStart(at, 5)).toISOString(), '2026-01-01T12:32:30.000Z');
    assert.equal(new Date(alignedStart(at, 1)).toISOString(), '2026-01-01T12:32:34.000Z');
  });

  it('puts a timestamp in the period it falls in: start inclusive, end exclusive', () => {
    assert.equal(periodIndex(0, 0, 600_000, 60_000), 0);
    assert.equal(periodIndex(59_999, 0, 600_000, 60_000), 0);
    assert.equal(periodIndex(60_000, 0, 600_000, 60_000), 1);
    assert.equal(periodIndex(600_000, 0, 600_000, 60_000), undefined);
    assert.equal(periodIndex(-1, 0, 600_000, 60_000), undefined);
  });
});
