/**
 * week8-day4 end to end on a fresh sandbox: the JSON import, the conditional update that
 * fails on purpose without failing the lab, the one that succeeds, the stream holding
 * exactly the changes made, a second run reusing table and stream, and `lab cleanup`
 * leaving the target as it was.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDbLabTarget, type DynamoDbLabTarget } from './dynamodb-labs.js';

let target: DynamoDbLabTarget;

before(async () => {
  target = await dynamoDbLabTarget('week8-day4');
});

after(() => target.stop());

const awards = async () =>
  (await target.dynamodb.send(new GetItemCommand({ TableName: 'Music', Key: { Artist: { S: 'Acme Band' }, SongTitle: { S: 'Happy Day' } } }))).Item?.Awards?.N;

test('lab run week8-day4 --yes imports, updates on conditions, reads the stream, reuses, and cleans up', async () => {
  const before = await target.world();

  const run = await target.lab(['run', 'week8-day4', '--yes', '--output', 'json']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /\$ aws dynamodb batch-write-item --request-items file:\/\/\S+\/files\/week8-day4\/music\.json --return-consumed-capacity TOTAL/);
  // The expected failure is shown as the step's answer, and the lab goes on.
  assert.match(run.stdout, /"ExpectedError": \{\n\s+"Code": "ConditionalCheckFailedException",\n\s+"Message": "The conditional request failed"/);
  assert.match(run.stdout, /"ConsumedWriteCapacityUnits": 4/);
  assert.equal(await awards(), '11');

  const table = (await target.dynamodb.send(new DescribeTableCommand({ TableName: 'Music' }))).Table!;
  assert.deepEqual(table.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  // The stream holds the four inserts and the one successful update, not the refused one.
  const records = JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('\n[\n') + 1, run.stdout.lastIndexOf(']') + 1)) as { Event: string; OldAwards: string | null; NewAwards: string }[];
  assert.deepEqual(records.map((record) => record.Event), ['INSERT', 'INSERT', 'INSERT', 'INSERT', 'MODIFY']);
  assert.deepEqual([records[4]!.OldAwards, records[4]!.NewAwards], ['10', '11']);

  const again = await target.lab(['run', 'week8-day4', '--yes']);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stderr, /The table Music already exists/);
  assert.match(again.stderr, /Music already has a stream/);
  // The import puts the song back at 10 awards; the successful update makes it 11 again.
  assert.equal(await awards(), '11');

  const cleanup = await target.lab(['cleanup', '--yes']);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.deepEqual(await target.world(), before);
});
