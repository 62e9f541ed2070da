/**
 * Secondary indexes in the sandbox through the real DynamoDBClient: GSIs and LSIs at
 * CreateTable with AWS's validation, Query and Scan on an index (sparse, index order,
 * projections, paging keys), and UpdateTable adding a GSI that backfills, dropping one,
 * and switching billing mode; parallel Scan segments.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BatchWriteItemCommand, CreateTableCommand, DescribeTableCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateTableCommand, waitUntilTableExists,
  type AttributeValue, type CreateTableCommandInput, type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { assertError, failure } from '../../support/aws-errors.js';
import { useSandbox } from './harness.js';

const INDEX_BUILD_MS = 60_000;
const harness = useSandbox({ delays: { 'dynamodb.index.creating': INDEX_BUILD_MS, 'dynamodb.index.deleting': INDEX_BUILD_MS, 'dynamodb.table.updating': INDEX_BUILD_MS } });
const WAIT = { maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 };
const TableName = 'lab-music';

/** Artist + SongTitle, a GSI by Genre (KEYS_ONLY), one by AlbumTitle + Year (INCLUDE Price), an LSI by Year. */
const MUSIC: CreateTableCommandInput = {
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }, { AttributeName: 'SongTitle', KeyType: 'RANGE' }],
  AttributeDefinitions: [
    { AttributeName: 'Artist', AttributeType: 'S' }, { AttributeName: 'SongTitle', AttributeType: 'S' },
    { AttributeName: 'Genre', AttributeType: 'S' }, { AttributeName: 'AlbumTitle', AttributeType: 'S' }, { AttributeName: 'Year', AttributeType: 'N' },
  ],
  GlobalSecondaryIndexes: [
    { IndexName: 'Genre-index', KeySchema: [{ AttributeName: 'Genre', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    {
      IndexName: 'Album-index',
      KeySchema: [{ AttributeName: 'AlbumTitle', KeyType: 'HASH' }, { AttributeName: 'Year', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['Price'] },
    },
  ],
  LocalSecondaryIndexes: [
    { IndexName: 'Year-index', KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }, { AttributeName: 'Year', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
  ],
};

const SONGS: Record<string, AttributeValue>[] = [
  { Artist: { S: 'Acme Band' }, SongTitle: { S: 'Happy Day' }, Genre: { S: 'Rock' }, AlbumTitle: { S: 'Songs About Life' }, Year: { N: '2019' }, Price: { N: '1.99' }, Plays: { N: '10' } },
  { Artist: { S: 'Acme Band' }, SongTitle: { S: 'PartiQL Rocks' }, Genre: { S: 'Rock' }, AlbumTitle: { S: 'Another Album' }, Year: { N: '2021' }, Price: { N: '0.99' } },
  { Artist: { S: 'No One You Know' }, SongTitle: { S: 'Call Me Today' }, Genre: { S: 'Country' }, AlbumTitle: { S: 'Somewhat Famous' }, Year: { N: '2015' } },
  { Artist: { S: 'Car Radio' }, SongTitle: { S: 'Anthem' }, Genre: { S: 'Rock' } },
  // No Genre, no album: in neither GSI (indexes are sparse).
  { Artist: { S: 'The Unlisted' }, SongTitle: { S: 'Demo' } },
];

async function music(input: CreateTableCommandInput = MUSIC): Promise<void> {
  await harness.ddb.send(new CreateTableCommand(input));
  await waitUntilTableExists({ client: harness.ddb, ...WAIT }, { TableName: input.TableName! });
  for (const Item of SONGS) await harness.ddb.send(new PutItemCommand({ TableName: input.TableName!, Item }));
}

const query = (input: Partial<QueryCommandInput>) => harness.ddb.send(new QueryCommand({ TableName, ...input }));
const titles = (items: Record<string, AttributeValue>[] | undefined) => (items ?? []).map((item) => item['SongTitle']?.S);

describe('CreateTable with secondary indexes', () => {
  it('describes GSIs and LSIs as AWS does, CREATING with the table, then ACTIVE with their items counted', async () => {
    const { TableDescription: created } = await harness.ddb.send(new CreateTableCommand(MUSIC));
    assert.deepEqual(created?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus, index.Backfilling]), [
      ['Genre-index', 'CREATING', undefined], ['Album-index', 'CREATING', undefined],
    ]);
    await waitUntilTableExists({ client: harness.ddb, ...WAIT }, { TableName });
    for (const Item of SONGS) await harness.ddb.send(new PutItemCommand({ TableName, Item }));
    const { Table: table } = await harness.ddb.send(new DescribeTableCommand({ TableName }));
    assert.deepEqual(table?.GlobalSecondaryIndexes?.[1], {
      IndexName: 'Album-index',
      KeySchema: MUSIC.GlobalSecondaryIndexes![1]!.KeySchema,
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['Price'] },
      IndexStatus: 'ACTIVE',
      ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      IndexSizeBytes: 223,
      ItemCount: 3,
      IndexArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/lab-music/index/Album-index',
    });
    assert.equal(table?.GlobalSecondaryIndexes?.[0]?.ItemCount, 4);
    assert.deepEqual(table?.LocalSecondaryIndexes, [{
      IndexName: 'Year-index',
      KeySchema: MUSIC.LocalSecondaryIndexes![0]!.KeySchema,
      Projection: { ProjectionType: 'KEYS_ONLY' },
      IndexSizeBytes: 134,
      ItemCount: 3,
      IndexArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/lab-music/index/Year-index',
    }]);
  });

  it('gives a provisioned table\'s GSI its own throughput, and requires it', async () => {
    const provisioned = { ...MUSIC, BillingMode: 'PROVISIONED' as const, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 }, LocalSecondaryIndexes: undefined };
    const missing = await failure(harness.ddb.send(new CreateTableCommand({
      ...provisioned,
      GlobalSecondaryIndexes: [{ ...MUSIC.GlobalSecondaryIndexes![0]!, ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 } }, MUSIC.GlobalSecondaryIndexes![1]!],
    })));
    assertError(missing, 'ValidationException', 'One or more parameter values were invalid: ProvisionedThroughput is not specified for index: Album-index', 400);
    const { TableDescription: created } = await harness.ddb.send(new CreateTableCommand({
      ...provisioned,
      GlobalSecondaryIndexes: MUSIC.GlobalSecondaryIndexes!.map((index) => ({ ...index, ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 } })),
    }));
    assert.deepEqual(created?.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 2, WriteCapacityUnits: 1 });
  });

  const invalid = (change: Partial<CreateTableCommandInput>) => failure(harness.ddb.send(new CreateTableCommand({ ...MUSIC, ...change })));
  const gsi = (extra: object) => [{ ...MUSIC.GlobalSecondaryIndexes![0]!, ...extra }, MUSIC.GlobalSecondaryIndexes![1]!];
  const cases: [string, Partial<CreateTableCommandInput>, string][] = [
    ['an LSI on another hash key', { LocalSecondaryIndexes: [{ ...MUSIC.LocalSecondaryIndexes![0]!, KeySchema: [{ AttributeName: 'Genre', KeyType: 'HASH' }, { AttributeName: 'Year', KeyType: 'RANGE' }] }] },
      'One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: Year-index. index hash key: Genre, table hash key: Artist'],
    ['an LSI without a range key', { LocalSecondaryIndexes: [{ ...MUSIC.LocalSecondaryIndexes![0]!, KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }] }] },
      'One or more parameter values were invalid: Index KeySchema does not have a range key for index: Year-index'],
    ['an LSI on a table without a sort key', { KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }] },
      'One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex'],
    ['six LSIs', { LocalSecondaryIndexes: [1, 2, 3, 4, 5, 6].map((n) => ({ ...MUSIC.LocalSecondaryIndexes![0]!, IndexName: `Year-${n}` })) },
      'One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5'],
    ['21 GSIs', { GlobalSecondaryIndexes: Array.from({ length: 21 }, (_, n) => ({ ...MUSIC.GlobalSecondaryIndexes![0]!, IndexName: `Genre-${n}` })) },
      'One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20'],
    ['an index name used twice', { GlobalSecondaryIndexes: gsi({ IndexName: 'Year-index' }) },
      'One or more parameter values were invalid: Duplicate index name: Year-index'],
    ['NonKeyAttributes without INCLUDE', { GlobalSecondaryIndexes: gsi({ Projection: { ProjectionType: 'KEYS_ONLY', NonKeyAttributes: ['Price'] } }) },
      'One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified'],
    ['no projection type', { GlobalSecondaryIndexes: gsi({ Projection: {} }) }, 'One or more parameter values were invalid: Unknown ProjectionType: null'],
    ['GSI throughput on an on-demand table', { GlobalSecondaryIndexes: gsi({ ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }) },
      'One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: Genre-index when BillingMode is PAY_PER_REQUEST'],
    ['an index key without a definition', { GlobalSecondaryIndexes: gsi({ KeySchema: [{ AttributeName: 'Mood', KeyType: 'HASH' }] }) },
      'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [Mood], AttributeDefinitions: [Artist, SongTitle, Genre, AlbumTitle, Year]'],
    ['a definition no key uses', { AttributeDefinitions: [...MUSIC.AttributeDefinitions!, { AttributeName: 'Mood', AttributeType: 'S' }] },
      'One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [Artist, SongTitle, Genre, AlbumTitle, Year, Mood], keys used: [Artist, SongTitle, Year, Genre, AlbumTitle]'],
    ['a short index name', { GlobalSecondaryIndexes: gsi({ IndexName: 'ab' }) },
      "1 validation error detected: Value 'ab' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3"],
  ];
  for (const [what, change, message] of cases) {
    it(`refuses ${what}`, async () => assertError(await invalid(change), 'ValidationException', message, 400));
  }
});

describe('Query and Scan on an index', () => {
  it('reads a GSI sparsely, in index-key then table-key order, with its projection', async () => {
    await music();
    const rock = await query({ IndexName: 'Genre-index', KeyConditionExpression: 'Genre = :g', ExpressionAttributeValues: { ':g': { S: 'Rock' } } });
    assert.deepEqual(rock.Items, [
      { Artist: { S: 'Acme Band' }, SongTitle: { S: 'Happy Day' }, Genre: { S: 'Rock' } },
      { Artist: { S: 'Acme Band' }, SongTitle: { S: 'PartiQL Rocks' }, Genre: { S: 'Rock' } },
      { Artist: { S: 'Car Radio' }, SongTitle: { S: 'Anthem' }, Genre: { S: 'Rock' } },
    ]);
    const scanned = await harness.ddb.send(new ScanCommand({ TableName, IndexName: 'Album-index' }));
    assert.deepEqual([scanned.Count, scanned.Items?.[0]], [3, {
      Artist: { S: 'Acme Band' }, SongTitle: { S: 'PartiQL Rocks' }, AlbumTitle: { S: 'Another Album' }, Year: { N: '2021' }, Price: { N: '0.99' },
    }]);
  });

  it('pages an index with a LastEvaluatedKey of table key and index key', async () => {
    await music();
    const first = await query({ IndexName: 'Genre-index', KeyConditionExpression: 'Genre = :g', ExpressionAttributeValues: { ':g': { S: 'Rock' } }, Limit: 2 });
    assert.deepEqual(first.LastEvaluatedKey, { Artist: { S: 'Acme Band' }, SongTitle: { S: 'PartiQL Rocks' }, Genre: { S: 'Rock' } });
    const rest = await query({ IndexName: 'Genre-index', KeyConditionExpression: 'Genre = :g', ExpressionAttributeValues: { ':g': { S: 'Rock' } }, ExclusiveStartKey: first.LastEvaluatedKey });
    assert.deepEqual([titles(rest.Items), rest.LastEvaluatedKey], [['Anthem'], undefined]);
    const badStart = await failure(query({
      IndexName: 'Genre-index', KeyConditionExpression: 'Genre = :g', ExpressionAttributeValues: { ':g': { S: 'Rock' } }, ExclusiveStartKey: { Artist: { S: 'Acme Band' }, SongTitle: { S: 'x' } },
    }));
    assertError(badStart, 'ValidationException', 'The provided starting key is invalid', 400);
  });

  it('reads an LSI in its sort order, fetching whole items from the table when asked for them', async () => {
    await music();
    const byYear = await query({ IndexName: 'Year-index', KeyConditionExpression: 'Artist = :a AND #y > :y', ExpressionAttributeNames: { '#y': 'Year' }, ExpressionAttributeValues: { ':a': { S: 'Acme Band' }, ':y': { N: '2000' } }, ScanIndexForward: false });
    assert.deepEqual(titles(byYear.Items), ['PartiQL Rocks', 'Happy Day']);
    assert.equal(byYear.Items?.[0]?.['Price'], undefined);
    const whole = await query({ IndexName: 'Year-index', KeyConditionExpression: 'Artist = :a', ExpressionAttributeValues: { ':a': { S: 'Acme Band' } }, Select: 'ALL_ATTRIBUTES' });
    assert.deepEqual(whole.Items?.[0], SONGS[0]);
  });

  it('refuses what AWS refuses, in its words', async () => {
    await music();
    const rock = { KeyConditionExpression: 'Genre = :g', ExpressionAttributeValues: { ':g': { S: 'Rock' } } };
    assertError(await failure(query({ IndexName: 'Mood-index', ...rock })), 'ValidationException', 'The table does not have the specified index: Mood-index', 400);
    assertError(await failure(query({ IndexName: 'Genre-index', ConsistentRead: true, ...rock })), 'ValidationException', 'Consistent reads are not supported on global secondary indexes', 400);
    assertError(await failure(query({ IndexName: 'Genre-index', Select: 'ALL_ATTRIBUTES', ...rock })), 'ValidationException',
      'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index Genre-index because its projection type is not ALL', 400);
    assertError(await failure(harness.ddb.send(new ScanCommand({ TableName, IndexName: 'Nope-index' }))), 'ValidationException', 'The table does not have the specified index: Nope-index', 400);
    const wrongType = await failure(harness.ddb.send(new PutItemCommand({ TableName, Item: { Artist: { S: 'a' }, SongTitle: { S: 'b' }, Year: { S: 'last year' } } })));
    assertError(wrongType, 'ValidationException', 'One or more parameter values were invalid: Type mismatch for Index Key Year Expected: N Actual: S IndexName: Year-index', 400);
  });
});

describe('UpdateTable', () => {
  const addGenreIndex = (name = 'Mood-index') => harness.ddb.send(new UpdateTableCommand({
    TableName,
    AttributeDefinitions: [{ AttributeName: 'Mood', AttributeType: 'S' }],
    GlobalSecondaryIndexUpdates: [{ Create: { IndexName: name, KeySchema: [{ AttributeName: 'Mood', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
  }));

  it('adds a GSI that backfills (CREATING, table UPDATING, unreadable), then answers for the items already there', async () => {
    await music();
    await harness.ddb.send(new PutItemCommand({ TableName, Item: { Artist: { S: 'Moody' }, SongTitle: { S: 'Blue' }, Mood: { S: 'sad' } } }));
    const { TableDescription: updating } = await addGenreIndex();
    assert.equal(updating?.TableStatus, 'UPDATING');
    assert.deepEqual(updating?.AttributeDefinitions?.at(-1), { AttributeName: 'Mood', AttributeType: 'S' });
    const added = updating?.GlobalSecondaryIndexes?.find((index) => index.IndexName === 'Mood-index');
    assert.deepEqual([added?.IndexStatus, added?.Backfilling, added?.ItemCount], ['CREATING', true, 0]);
    const sad = { IndexName: 'Mood-index', KeyConditionExpression: 'Mood = :m', ExpressionAttributeValues: { ':m': { S: 'sad' } } };
    assertError(await failure(query(sad)), 'ValidationException', 'Cannot read from backfilling global secondary index: Mood-index', 400);
    assertError(await failure(addGenreIndex('Tempo-index')), 'LimitExceededException',
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table', 400);

    harness.advance(INDEX_BUILD_MS);
    const { Table: built } = await harness.ddb.send(new DescribeTableCommand({ TableName }));
    const index = built?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'Mood-index');
    assert.deepEqual([built?.TableStatus, index?.IndexStatus, index?.Backfilling, index?.ItemCount], ['ACTIVE', 'ACTIVE', undefined, 1]);
    assert.deepEqual(titles((await query(sad)).Items), ['Blue']);
  });

  it('drops a GSI: DELETING, then gone', async () => {
    await music();
    const { TableDescription: dropping } = await harness.ddb.send(new UpdateTableCommand({ TableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'Genre-index' } }] }));
    assert.deepEqual([dropping?.TableStatus, dropping?.GlobalSecondaryIndexes?.[0]?.IndexStatus], ['UPDATING', 'DELETING']);
    harness.advance(INDEX_BUILD_MS);
    const { Table: table } = await harness.ddb.send(new DescribeTableCommand({ TableName }));
    assert.deepEqual(table?.GlobalSecondaryIndexes?.map((index) => index.IndexName), ['Album-index']);
    assertError(await failure(query({ IndexName: 'Genre-index', KeyConditionExpression: 'Genre = :g', ExpressionAttributeValues: { ':g': { S: 'Rock' } } })),
      'ValidationException', 'The table does not have the specified index: Genre-index', 400);
    const again = await failure(harness.ddb.send(new UpdateTableCommand({ TableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'Genre-index' } }] })));
    assertError(again, 'ResourceNotFoundException', 'Requested resource not found', 400);
    const twice = await failure(harness.ddb.send(new UpdateTableCommand({
      TableName, GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'Album-index', KeySchema: [{ AttributeName: 'Genre', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
    })));
    assertError(twice, 'ValidationException', 'Attempting to create an index which already exists', 400);
  });

  it('switches billing mode, changes throughput, and refuses an update with nothing in it', async () => {
    await music({ ...MUSIC, GlobalSecondaryIndexes: undefined, LocalSecondaryIndexes: undefined, AttributeDefinitions: MUSIC.AttributeDefinitions!.slice(0, 2) });
    const { TableDescription: provisioned } = await harness.ddb.send(new UpdateTableCommand({
      TableName, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 5 },
    }));
    assert.deepEqual([provisioned?.TableStatus, provisioned?.BillingModeSummary?.BillingMode, provisioned?.ProvisionedThroughput?.ReadCapacityUnits], ['UPDATING', 'PROVISIONED', 10]);
    assertError(await failure(harness.ddb.send(new UpdateTableCommand({ TableName, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }))),
      'ResourceInUseException', `Attempt to change a resource which is still in use: Table is being updated: ${TableName}`, 400);
    harness.advance(INDEX_BUILD_MS);
    const same = await failure(harness.ddb.send(new UpdateTableCommand({ TableName, ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 5 } })));
    assert.match(same.message, /^The provisioned throughput for the table will not change\. The requested value equals the current value\./);
    const nothing = await failure(harness.ddb.send(new UpdateTableCommand({ TableName })));
    assertError(nothing, 'ValidationException',
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required', 400);
    const { TableDescription: onDemand } = await harness.ddb.send(new UpdateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST' }));
    assert.deepEqual([onDemand?.BillingModeSummary?.BillingMode, onDemand?.ProvisionedThroughput?.ReadCapacityUnits], ['PAY_PER_REQUEST', 0]);
  });
});

describe('ReturnItemCollectionMetrics', () => {
  it('reports the item collection a write touched, on a table with an LSI only', async () => {
    await music();
    const put = await harness.ddb.send(new PutItemCommand({ TableName, Item: { Artist: { S: 'Acme Band' }, SongTitle: { S: 'New' } }, ReturnItemCollectionMetrics: 'SIZE' }));
    assert.deepEqual(put.ItemCollectionMetrics, { ItemCollectionKey: { Artist: { S: 'Acme Band' } }, SizeEstimateRangeGB: [0, 1] });
    const batch = await harness.ddb.send(new BatchWriteItemCommand({
      RequestItems: { [TableName]: [{ DeleteRequest: { Key: { Artist: { S: 'Acme Band' }, SongTitle: { S: 'New' } } } }, { PutRequest: { Item: { Artist: { S: 'Car Radio' }, SongTitle: { S: 'B-side' } } } }] },
      ReturnItemCollectionMetrics: 'SIZE',
    }));
    assert.deepEqual(batch.ItemCollectionMetrics?.[TableName]?.map((metrics) => metrics.ItemCollectionKey?.['Artist']?.S), ['Acme Band', 'Car Radio']);
    await music({ ...MUSIC, TableName: 'lab-plain', LocalSecondaryIndexes: undefined });
    const plain = await harness.ddb.send(new PutItemCommand({ TableName: 'lab-plain', Item: { Artist: { S: 'a' }, SongTitle: { S: 'b' } }, ReturnItemCollectionMetrics: 'SIZE' }));
    assert.equal(plain.ItemCollectionMetrics, undefined);
  });
});

describe('parallel Scan', () => {
  it('splits the table into segments that together read every item once', async () => {
    await music();
    const segments = await Promise.all([0, 1, 2].map((Segment) => harness.ddb.send(new ScanCommand({ TableName, Segment, TotalSegments: 3 }))));
    const seen = segments.flatMap((page) => titles(page.Items)).sort();
    assert.deepEqual(seen, SONGS.map((song) => song['SongTitle']!.S).sort());
    const outOfRange = await failure(harness.ddb.send(new ScanCommand({ TableName, Segment: 3, TotalSegments: 3 })));
    assertError(outOfRange, 'ValidationException', 'The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 3', 400);
    const alone = await failure(harness.ddb.send(new ScanCommand({ TableName, Segment: 0 })));
    assertError(alone, 'ValidationException', 'The TotalSegments parameter is required but was not present in the request when Segment parameter is present', 400);
  });
});
