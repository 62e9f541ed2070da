/**
 * The HTML reports labs leave for the learner (week8-day6's benchmark, week4-tue's
 * dashboard), opened in a real browser: Debian's Chromium, headless and offline. Each must
 * load with nothing on its console and draw its charts: its screenshot is far from the
 * blank page's few kilobytes. `.ci/run` installs chromium; elsewhere the test says how.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { dashboardHtml } from '../../labs/week4-tue/dashboard-html.js';
import { benchmarkHtml } from '../../src/bench/html-report.js';
import { summarize } from '../../src/bench/latency.js';
import { seededRandom } from '../../src/bench/seeded-random.js';
import { chromiumInstalled, renderPage } from '../support/headless-chromium.js';

let blankBytes = 0;

// Without chromium the tests below are skipped, saying how to install it; in CI they must run.
const skip = chromiumInstalled() ? false : 'chromium is not installed: apt-get install -y chromium to run these';

before(async () => {
  if (skip) {
    assert.ok(!process.env.CI, `${skip} (.ci/run installs it)`);
    return;
  }
  const blank = await renderPage('<!doctype html><html><body></body></html>');
  assert.deepEqual(blank.console, []);
  blankBytes = blank.screenshotBytes;
});

/** Loads without a console message and draws well beyond a blank page. */
async function assertRendered(html: string): Promise<void> {
  const page = await renderPage(html);
  assert.deepEqual(page.console, [], `the page logged to its console (${page.screenshot})`);
  assert.ok(page.screenshotBytes > 4 * blankBytes, `the screenshot (${page.screenshotBytes} bytes, ${page.screenshot}) is close to a blank page's (${blankBytes} bytes)`);
}

test("week8-day6's benchmark report loads offline without console errors and draws its charts", { skip }, async () => {
  const random = seededRandom(7);
  const samples = (base: number) => Array.from({ length: 500 }, () => base * (0.5 + random() * 2));
  const series = [
    { summary: summarize('cache hit', samples(0.3)), millis: samples(0.3) },
    { summary: summarize('cache miss', samples(2)), millis: samples(2) },
    { summary: summarize('DynamoDB GetItem', samples(1.5)), millis: samples(1.5) },
  ];
  await assertRendered(benchmarkHtml({ title: 'Cache-aside latency', context: 'the local sandbox', series, facts: ['cache hits are 5x faster'] }));
});

test("week4-tue's dashboard loads offline without console errors and draws its charts", { skip }, async () => {
  const timestamps = Array.from({ length: 36 }, (_, index) => new Date(Date.UTC(2026, 11, 4, 9) + index * 300_000));
  const wave = (phase: number, level: number) => timestamps.map((_, index) => level + 10 * Math.sin(index / 4 + phase));
  await assertRendered(dashboardHtml({
    name: 'fcj-cloudwatch-workshop',
    context: 'the local sandbox',
    charts: [
      { title: 'Top 3 instances by disk used (%)', series: [0, 1, 2].map((n) => ({ label: `i-0${n} disk`, timestamps, values: wave(n, 50 + 5 * n) })) },
      { title: 'Memory used per instance (%)', series: [0, 1].map((n) => ({ label: `i-0${n} memory`, timestamps, values: wave(n + 2, 40) })) },
    ],
    alarm: { name: 'PythonAppErrors-above-10-per-minute', state: 'ALARM', reason: 'Threshold Crossed: 1 datapoint [15.0 (04/12/26 09:30:00)] was greater than the threshold (10.0).', updated: '2026-12-04T09:31:00.000Z' },
    insights: { title: 'Latest ERROR lines', query: 'fields @timestamp, @message | filter @message like /ERROR/', columns: ['@timestamp', '@message'], rows: [['2026-12-04 09:30:54.200', 'ERROR Database connection failed']] },
  }));
});
