/**
 * week8-day2 end to end on a fresh sandbox: limits and endpoints read, the two capacity
 * modes built and compared, the hot key shown on one value against twenty, a second run
 * reusing the tables, and `lab cleanup` leaving the target as it was.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDbLabTarget, type DynamoDbLabTarget } from './dynamodb-labs.js';

let target: DynamoDbLabTarget;

before(async () => {
  target = await dynamoDbLabTarget('week8-day2');
});

after(() => target.stop());

test('lab run week8-day2 --yes compares capacity modes and key designs, reuses its tables, and cleans up', async () => {
  const before = await target.world();

  const run = await target.lab(['run', 'week8-day2', '--yes', '--output', 'json']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /"AccountMaxReadCapacityUnits": \d+/);
  assert.match(run.stdout, /"Address": "/);

  const provisioned = (await target.dynamodb.send(new DescribeTableCommand({ TableName: 'fcj-readings-provisioned' }))).Table!;
  assert.deepEqual([provisioned.ProvisionedThroughput?.ReadCapacityUnits, provisioned.ProvisionedThroughput?.WriteCapacityUnits], [5, 5]);
  const onDemand = (await target.dynamodb.send(new DescribeTableCommand({ TableName: 'fcj-readings-on-demand' }))).Table!;
  assert.equal(onDemand.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');

  // The teaching result: the day key piles every reading on one value, the sensor key spreads them.
  const spread = JSON.parse(run.stdout.slice(run.stdout.indexOf('{\n    "KeyDesigns"'), run.stdout.lastIndexOf('}') + 1));
  const [hot, wellSpread] = spread.KeyDesigns as { PartitionKeyValues: number; Items: number; BusiestKeyValueShare: string; ItemsPerIllustrativePartition: number[] }[];
  assert.deepEqual([hot!.PartitionKeyValues, hot!.Items, hot!.BusiestKeyValueShare], [1, 100, '100%']);
  assert.deepEqual([wellSpread!.PartitionKeyValues, wellSpread!.Items, wellSpread!.BusiestKeyValueShare], [20, 100, '5%']);
  assert.equal(hot!.ItemsPerIllustrativePartition.filter((count) => count > 0).length, 1);
  assert.ok(wellSpread!.ItemsPerIllustrativePartition.filter((count) => count > 0).length > 1);

  const again = await target.lab(['run', 'week8-day2', '--yes']);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stderr, /The table fcj-readings-on-demand already exists/);
  assert.match(again.stderr, /The table fcj-readings-provisioned already exists/);

  const cleanup = await target.lab(['cleanup', '--yes']);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.deepEqual(await target.world(), before);
});
