/** Latency summaries, the terminal histogram and the HTML report, on known samples. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { histogram, logBounds, terminalHistogram } from '../../src/bench/histogram.js';
import { benchmarkHtml } from '../../src/bench/html-report.js';
import { summarize } from '../../src/bench/latency.js';

test('percentiles are nearest-rank: every figure is a latency that really happened', () => {
  const samples = Array.from({ length: 100 }, (_, i) => i + 1);
  const summary = summarize('x', samples.reverse());
  assert.deepEqual([summary.p50, summary.p90, summary.p95, summary.p99, summary.max], [50, 90, 95, 99, 100]);
  // 100 sequential operations taking 5050 ms in all: about 19.8 per second.
  assert.equal(summary.throughputPerSecond.toFixed(1), '19.8');
  assert.throws(() => summarize('none', []), RangeError);
});

test('log buckets run 1-2-5 per decade from below the fastest to above the slowest sample', () => {
  assert.deepEqual(logBounds([[0.15, 3], [40]]), [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]);
  const counts = histogram([0.15, 0.3, 0.31, 45], logBounds([[0.15, 45]])).map((bucket) => bucket.count);
  assert.deepEqual(counts, [1, 2, 0, 0, 0, 0, 0, 1]);
});

test('the terminal histogram shows each series as a share, skipping empty ranges', () => {
  const text = terminalHistogram([{ name: 'hit', millis: [0.2, 0.25, 0.3, 0.3] }, { name: 'direct', millis: [1.2, 1.5] }], 10);
  assert.equal(text, [
    '200 µs – 500 µs',
    '  hit    ██████████ 100.0%',
    '  direct 0.0%',
    '1 ms – 2 ms',
    '  hit    0.0%',
    '  direct ██████████ 100.0%',
  ].join('\n'));
});

test('the HTML report is one offline file: a table, two inline SVG plots, nothing fetched', () => {
  const series = [
    { summary: summarize('cache hit', [0.2, 0.3]), millis: [0.2, 0.3] },
    { summary: summarize('DynamoDB <GetItem>', [1, 2]), millis: [1, 2] },
  ];
  const html = benchmarkHtml({ title: 'Latency', context: 'the sandbox', series, facts: ['5x faster'] });
  assert.equal(html.match(/<svg /g)?.length, 2);
  assert.match(html, /<td>cache hit<\/td><td>2<\/td><td>200 µs<\/td>/);
  assert.match(html, /DynamoDB &lt;GetItem&gt;/);
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
});
