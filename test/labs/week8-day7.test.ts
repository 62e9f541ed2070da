/**
 * The week's end on a fresh sandbox: days 5 and 6, then day 7, whose cleanup step goes
 * through the cleanup engine and whose evaluation reads day 6's measurements. Afterwards
 * the target is as before the week, and `lab cleanup` finds nothing left.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { lab } from '../support/lab-process.js';
import { snapshotWeek, useWeekSandbox } from './week8-cache-world.js';

const week = useWeekSandbox('week8-day7');

test('week8-day7 cleans up days 5 and 6 through the engine and evaluates them; nothing else is touched', async () => {
  // A table the learner made themselves: the week's cleanup must leave it alone.
  await week.clients.dynamodb.send(new CreateTableCommand({
    TableName: 'LearnersOwn',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  const before = await snapshotWeek(week.clients);

  for (const day of ['week8-day5', 'week8-day6']) {
    const run = await lab(['run', day, '--yes', '--endpoint-url', week.sandbox.url], week.env);
    assert.equal(run.code, 0, `${day}: ${run.stdout}${run.stderr}`);
  }
  assert.notDeepEqual(await snapshotWeek(week.clients), before);

  const day7 = await lab(['run', 'week8-day7', '--yes', '--endpoint-url', week.sandbox.url], week.env);
  assert.equal(day7.code, 0, day7.stdout + day7.stderr);
  // The plan deletes the snapshot and the replication group before the groups they use.
  const plan = [...day7.stdout.matchAll(/"Order": (\d+),\s*"Resource": "([^"]+)"/g)].map((match) => ({ order: Number(match[1]), resource: match[2]! }));
  const order = (resource: string) => plan.find((row) => row.resource === resource)!.order;
  assert.ok(order('ElastiCache snapshot') < order('ElastiCache replication group'));
  assert.ok(order('ElastiCache replication group') < order('cache subnet group'));
  assert.ok(order('ElastiCache replication group') < order('cache parameter group'));
  assert.doesNotMatch(day7.stdout, /"Result": "left/);
  assert.deepEqual(await snapshotWeek(week.clients), before);

  // The evaluation: time per run, cost from the dated price table, day 6's measurements.
  assert.match(day7.stdout, /"Lab": "week8-day5",\s*"Run": "[\w-]+",\s*"Started": "[^"]+",\s*"Took": "[^"]+",\s*"Outcome": "completed"/);
  assert.match(day7.stdout, /"Resource": "ElastiCache replication group",\s*"Id": "fcj-redis",\s*"Lab": "week8-day5",\s*"Lived": "[^"]+",\s*"PerHourUsd": "0\.0320"/);
  assert.match(day7.stdout, /"TotalUsd": "\d+\.\d{4}"/);
  assert.match(day7.stdout, /"Prices": "List prices in us-east-1 recorded \d{4}-\d\d-\d\d/);
  assert.match(day7.stdout, /"CacheHitVsDynamoDbP50": "\d+\.\dx"/);
  assert.match(day7.stdout, /"Eviction": "with allkeys-lru and a small maxmemory, the hit ratio went from 1\.000 to 0\.\d{3}/);

  const cleanup = await lab(['cleanup', '--yes', '--endpoint-url', week.sandbox.url], week.env);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.match(cleanup.stdout, /Nothing to clean up/);
  const ledger = JSON.parse(await readFile(join(week.env.LAB_CONFIG_DIR!, 'ledgers', `endpoint-127.0.0.1-${week.sandbox.port}-us-east-1.json`), 'utf8'));
  assert.deepEqual(ledger.outputs, {});
  assert.deepEqual(ledger.resources.filter((record: { status: string }) => record.status !== 'deleted'), []);
});
