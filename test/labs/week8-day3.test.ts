/**
 * week8-day3 end to end on a fresh sandbox: the orders table with its GSI, LSI and TTL,
 * the cart watched expiring, the Query reading one customer's orders where the Scan reads
 * them all, a second run reusing the table, and `lab cleanup` leaving the target as it was.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDbLabTarget, type DynamoDbLabTarget } from './dynamodb-labs.js';

let target: DynamoDbLabTarget;

before(async () => {
  target = await dynamoDbLabTarget('week8-day3');
});

after(() => target.stop());

test('lab run week8-day3 --yes designs, expires, measures, reuses its table, and cleans up', async () => {
  const before = await target.world();

  const run = await target.lab(['run', 'week8-day3', '--yes', '--output', 'json']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stderr, /waiting for Time to Live to delete the cart/);

  const table = (await target.dynamodb.send(new DescribeTableCommand({ TableName: 'fcj-orders' }))).Table!;
  assert.deepEqual(table.GlobalSecondaryIndexes?.map((index) => index.IndexName), ['status-index']);
  assert.deepEqual(table.LocalSecondaryIndexes?.map((index) => index.IndexName), ['amount-index']);
  const ttl = await target.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'fcj-orders' }));
  assert.deepEqual(ttl.TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  const shipped = await target.dynamodb.send(new GetItemCommand({ TableName: 'fcj-orders', Key: { customerId: { S: 'CUSTOMER#00' }, orderDate: { S: '2026-10-01#ORDER-0000' } } }));
  assert.equal(shipped.Item?.status?.S, 'SHIPPED');
  const carts = await target.dynamodb.send(new QueryCommand({ TableName: 'fcj-orders', KeyConditionExpression: 'customerId = :c AND begins_with(orderDate, :cart)', ExpressionAttributeValues: { ':c': { S: 'CUSTOMER#07' }, ':cart': { S: 'CART#' } } }));
  assert.equal(carts.Count, 0, 'the expired cart is gone');

  // The teaching result: both find the customer's 10 orders; the Scan reads all 199 left.
  const measured = JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('{\n    "Customer"'), run.stdout.lastIndexOf('}') + 1));
  const [query, scan] = measured.Reads as { Operation: string; ItemsRead: number; ItemsReturned: number; CapacityUnits: number; LatencyMs: number }[];
  assert.deepEqual([query!.Operation, query!.ItemsRead, query!.ItemsReturned], ['Query', 10, 10]);
  assert.deepEqual([scan!.Operation, scan!.ItemsRead, scan!.ItemsReturned], ['Scan', 199, 10]);
  assert.ok(query!.CapacityUnits < scan!.CapacityUnits, `Query ${query!.CapacityUnits} RCU, Scan ${scan!.CapacityUnits} RCU`);
  assert.equal(typeof query!.LatencyMs, 'number');

  const again = await target.lab(['run', 'week8-day3', '--yes']);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stderr, /The table fcj-orders already exists/);
  assert.match(again.stderr, /Time to Live is already on for fcj-orders/);

  const cleanup = await target.lab(['cleanup', '--yes']);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.deepEqual(await target.world(), before);
});
