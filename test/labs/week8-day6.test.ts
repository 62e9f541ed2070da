/**
 * week8-day6 end to end on a fresh sandbox (no day 5 before it): the lab builds the cache
 * itself, uses Redis, snapshots it, puts cache-aside over Movies, benchmarks it into an
 * HTML report, and shrinks the cache to show evictions; `lab cleanup` then leaves nothing.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { DescribeCacheParametersCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-elasticache';
import { lab } from '../support/lab-process.js';
import { snapshotWeek, useWeekSandbox } from './week8-cache-world.js';

const week = useWeekSandbox('week8-day6');

test('lab run week8-day6 --yes measures cache-aside over Movies and writes its report; lab cleanup --yes removes it all', async () => {
  const before = await snapshotWeek(week.clients);

  const run = await lab(['run', 'week8-day6', '--yes', '--endpoint-url', week.sandbox.url], week.env);
  assert.equal(run.code, 0, run.stdout + run.stderr);

  // SET/GET/DEL, then a TTL counting down to -2.
  assert.match(run.stdout, /"Command": "GET movie:title",\s*"Reply": "Rush"/);
  assert.match(run.stdout, /\$ redis-cli -h 127\.0\.0\.1 -p \d+ SET movie:title Rush\n/);
  // The benchmark's thousands of reads are counted, not listed.
  assert.match(run.stderr, /\.\.\. and \d{3,} more Redis commands like these\./);
  assert.match(run.stdout, /"Command": "TTL session:learner",\s*"Reply": "2"/);
  assert.match(run.stdout, /"Command": "TTL session:learner",\s*"Reply": "-2"/);

  const snapshots = (await week.clients.elasticache.send(new DescribeSnapshotsCommand({ ReplicationGroupId: 'fcj-redis' }))).Snapshots!;
  assert.equal(snapshots.length, 1);
  assert.equal(snapshots[0]!.SnapshotStatus, 'available');

  // Cache-aside: miss, hit, update (invalidates), miss, hit.
  const sources = [...run.stdout.matchAll(/"Operation": "([^"]+)",\s*"Source": "(cache|database)"/g)].map((match) => `${match[1]}=${match[2]}`);
  assert.equal(sources[0], 'read (cold cache)=database');
  assert.equal(sources[1], 'read again=cache');
  assert.match(sources[2]!, /^UpdateItem rating=[\d.]+, then DEL=database$/);
  assert.equal(sources[3], 'read after update=database');
  assert.equal(sources[4], 'read again=cache');

  // The benchmark: three measures, a histogram on stderr, a report file with two plots.
  for (const measure of ['cache hit', 'cache miss \\(cache \\+ DynamoDB\\)', 'DynamoDB GetItem']) assert.match(run.stdout, new RegExp(`"Measure": "${measure}",\\s*"Samples": \\d+,\\s*"P50"`));
  assert.match(run.stderr, /Latency histogram[\s\S]*hit +█+ [\d.]+%/);
  const reportFile = /"ReportFile": "([^"]+)"/.exec(run.stdout)![1]!;
  assert.ok(reportFile.startsWith(week.env.LAB_CONFIG_DIR!));
  const html = await readFile(reportFile, 'utf8');
  assert.equal(html.match(/<svg /g)?.length, 2);
  const ledgerPath = join(week.env.LAB_CONFIG_DIR!, 'ledgers', `endpoint-127.0.0.1-${week.sandbox.port}-us-east-1.json`);
  const results = JSON.parse(JSON.parse(await readFile(ledgerPath, 'utf8')).outputs['week8-day6'].results);
  const hitRatio = results.measuredHitRatio as number;
  assert.ok(hitRatio > 0.7 && hitRatio < 0.9, `hit ratio ${hitRatio}`);

  // Eviction: everything fits before; with a few MiB and allkeys-lru, keys are evicted.
  assert.equal(results.eviction.before.hitRatio, 1);
  assert.equal(results.eviction.after.maxmemoryPolicy, 'allkeys-lru');
  assert.ok(results.eviction.after.evictedKeys > 0);
  assert.ok(results.eviction.after.hitRatio < 0.75, `hit ratio after ${results.eviction.after.hitRatio}`);
  assert.equal(results.eviction.after.refused, 0);
  // The parameter group is back to its defaults afterwards.
  const parameters = (await week.clients.elasticache.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: 'fcj-redis7-params', Source: 'user' }))).Parameters ?? [];
  assert.deepEqual(parameters.map((parameter) => parameter.ParameterName), []);

  const cleanup = await lab(['cleanup', '--yes', '--endpoint-url', week.sandbox.url], week.env);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.deepEqual(await snapshotWeek(week.clients), before);
  const ledger = JSON.parse(await readFile(ledgerPath, 'utf8'));
  assert.deepEqual(ledger.outputs, {});
});
