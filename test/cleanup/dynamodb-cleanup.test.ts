/**
 * `lab cleanup` and DynamoDB tables beyond a plain run: a create whose process died before
 * the ledger learned the table's name, and a table only its tags tell lab made.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateTableCommand, ListTablesCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { Ledger } from '../../src/ledger/ledger.js';
import { dynamoDbLabTarget, type DynamoDbLabTarget } from '../labs/dynamodb-labs.js';

let target: DynamoDbLabTarget;

before(async () => {
  target = await dynamoDbLabTarget('dynamodb-cleanup');
});

after(() => target.stop());

function table(TableName: string, Tags?: CreateTableCommandInput['Tags']): CreateTableCommand {
  return new CreateTableCommand({ TableName, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST', ...(Tags ? { Tags } : {}) });
}

const tableNames = async () => (await target.dynamodb.send(new ListTablesCommand({}))).TableNames ?? [];

test('a table whose create was interrupted after the intent is found by name and run tag and deleted', async () => {
  await target.dynamodb.send(table('made-before-the-intent'));
  const ledger = new Ledger(join(target.configDir, 'ledgers', `endpoint-127.0.0.1-${target.sandbox.port}-us-east-1.json`));
  const intent = { type: 'dynamodb:table', lab: 'week8-day3', run: 'a-killed-run', step: 'orders-table', region: 'us-east-1' };
  // The process died right after the call reached DynamoDB: only the intent was written.
  await ledger.recordIntent({ ...intent, attributes: { name: 'fcj-orders' } });
  await target.dynamodb.send(table('fcj-orders', [{ Key: 'lab:run', Value: 'a-killed-run' }]));
  // A table of the intent's name without the run's tag is not this run's table.
  await ledger.recordIntent({ ...intent, attributes: { name: 'made-before-the-intent' } });

  const cleanup = await target.lab(['cleanup', '--yes']);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.deepEqual(await tableNames(), ['made-before-the-intent']);
});

test('lab cleanup --scan removes tables carrying lab tags that no ledger knows, and nothing else', async () => {
  const labTags = [{ Key: 'managed-by', Value: 'cloud-journey-lab' }, { Key: 'lab:id', Value: 'week8-day2' }, { Key: 'lab:run', Value: 'a-lost-run' }];
  await target.dynamodb.send(table('fcj-readings-on-demand', labTags));
  await target.dynamodb.send(table('someone-elses', [{ Key: 'managed-by', Value: 'terraform' }]));
  const before = await tableNames();

  const scan = await target.lab(['cleanup', '--scan', '--yes']);
  assert.equal(scan.code, 0, scan.stdout + scan.stderr);
  assert.match(scan.stderr, /found by its tags: DynamoDB table fcj-readings-on-demand/);
  assert.deepEqual(await tableNames(), before.filter((name) => name !== 'fcj-readings-on-demand'));
});
