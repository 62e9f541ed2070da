/**
 * week4-thu end to end on a fresh sandbox: the Music and Movies tables built and used, a
 * second run reusing them, the index Query reading far fewer items than the Scan, and
 * `lab cleanup` leaving the target as it was.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { CreateTableCommand, DescribeTableCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { readMovies } from '../../labs/shared/fixtures.js';
import { dynamoDbLabTarget, type DynamoDbLabTarget } from './dynamodb-labs.js';

let target: DynamoDbLabTarget;

before(async () => {
  target = await dynamoDbLabTarget('week4-thu');
});

after(() => target.stop());

test('lab run week4-thu --yes builds both tables and the index, reuses them on a second run, and lab cleanup --yes removes them', async () => {
  // A table the learner had before: cleanup must leave it.
  await target.dynamodb.send(new CreateTableCommand({ TableName: 'learners-own', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
  const before = await target.world();

  const run = await target.lab(['run', 'week4-thu', '--yes', '--output', 'json']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  // The file the printed command names is written where it says, with the batch the lab sent.
  const file = /\$ aws dynamodb batch-write-item --request-items file:\/\/(\S+\/files\/week4-thu\/moviedata-001\.json)/.exec(run.stdout)?.[1];
  assert.ok(file, run.stdout);
  assert.equal((JSON.parse(await readFile(file, 'utf8')) as { Movies: unknown[] }).Movies.length, 25);
  // One command shown for the 100 batches, and a count of the rest.
  assert.equal(run.stdout.match(/\$ aws dynamodb batch-write-item/g)?.length, 1);
  assert.match(run.stdout + run.stderr, /\.\.\. and 99 more batch-write-item calls like it \(moviedata-002\.json and on/);

  const movies = await readMovies();
  const table = (await target.dynamodb.send(new DescribeTableCommand({ TableName: 'Movies' }))).Table!;
  assert.equal(table.ItemCount, movies.length);
  assert.deepEqual(table.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus]), [['title-index', 'ACTIVE']]);
  const updated = await target.dynamodb.send(new GetItemCommand({ TableName: 'Music', Key: { Artist: { S: 'No One You Know' }, SongTitle: { S: 'Call Me Today' } } }));
  assert.equal(updated.Item?.AlbumTitle?.S, 'Updated Album Title');
  const deleted = await target.dynamodb.send(new GetItemCommand({ TableName: 'Music', Key: { Artist: { S: 'Acme Band' }, SongTitle: { S: 'PartiQL Rocks' } } }));
  assert.equal(deleted.Item, undefined, 'the conditional delete removed the song');
  const of1985 = await target.dynamodb.send(new QueryCommand({ TableName: 'Movies', KeyConditionExpression: '#y = :y', ExpressionAttributeNames: { '#y': 'year' }, ExpressionAttributeValues: { ':y': { N: '1985' } } }));
  assert.equal(of1985.Count, movies.filter((movie) => movie.year === 1985).length);

  // The teaching result: same movies, the Scan reads the whole table, the Query only them.
  const comparison = JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('{\n    "Title"'), run.stdout.lastIndexOf('}') + 1));
  const [scan, query] = comparison.Reads as { ItemsRead: number; ItemsReturned: number; CapacityUnits: number }[];
  assert.equal(scan!.ItemsRead, movies.length);
  assert.equal(query!.ItemsReturned, scan!.ItemsReturned);
  assert.equal(query!.ItemsRead, query!.ItemsReturned);
  assert.ok(query!.CapacityUnits * 50 < scan!.CapacityUnits, `Query ${query!.CapacityUnits} RCU, Scan ${scan!.CapacityUnits} RCU`);

  const again = await target.lab(['run', 'week4-thu', '--yes']);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stderr, /The table Movies already exists/);
  assert.match(again.stderr, /Movies already holds the fixture's movies: nothing to load/);
  assert.match(again.stderr, /The index title-index already exists/);
  assert.doesNotMatch(again.stdout, /batch-write-item/);

  const cleanup = await target.lab(['cleanup', '--yes']);
  assert.equal(cleanup.code, 0, cleanup.stdout + cleanup.stderr);
  assert.deepEqual(await target.world(), before);
});
