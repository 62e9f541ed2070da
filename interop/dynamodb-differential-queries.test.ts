/**
 * Query and Scan on the sandbox against DynamoDB Local over the same seeded items: key
 * conditions, filters, projections, Select, both directions, and paging by Limit and by
 * DynamoDB's 1 MB page, every page compared.
 */
import { describe, test } from 'node:test';
import {
  BatchWriteItemCommand, QueryCommand, ScanCommand, type AttributeValue, type QueryCommandInput, type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { seededRandom } from '../src/bench/seeded-random.js';
import { caseOptions, useDifferential, type Divergence } from './dynamodb-reference.js';

const TableName = 'plays';
const BigTable = 'recordings';
const ddb = useDifferential({
  tables: [
    {
      TableName,
      KeySchema: [{ AttributeName: 'artist', KeyType: 'HASH' }, { AttributeName: 'n', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'artist', AttributeType: 'S' }, { AttributeName: 'n', AttributeType: 'N' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
    {
      TableName: BigTable,
      KeySchema: [{ AttributeName: 'album', KeyType: 'HASH' }, { AttributeName: 'track', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'album', AttributeType: 'S' }, { AttributeName: 'track', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
  ],
  setup: async () => {
    await load(TableName, plays());
    await load(BigTable, recordings());
  },
});

const ARTISTS = ['Sơn Tùng', 'Mỹ Tâm', 'Đen Vâu', 'Hà Anh Tuấn'];
const GENRES = ['pop', 'rap', 'ballad', 'indie'];

/** 4 artists x 30 plays with seeded attributes, some missing, so filters have work to do. */
function plays(): Record<string, AttributeValue>[] {
  const random = seededRandom(20260123);
  return ARTISTS.flatMap((artist) => Array.from({ length: 30 }, (_, i) => ({
    artist: { S: artist },
    n: { N: String(i * 3 - 20 + (random() < 0.5 ? 0.5 : 0)) },
    genre: { S: GENRES[Math.floor(random() * GENRES.length)]! },
    seconds: { N: String(Math.floor(random() * 300) + 60) },
    ...(random() < 0.3 ? { live: { BOOL: random() < 0.5 } } : {}),
    ...(random() < 0.4 ? { tags: { SS: ['a', 'b', 'c'].filter(() => random() < 0.6).concat('x') } } : {}),
  })));
}

/** Tracks of about 90 KB each across three albums: more than 1 MB an album. */
function recordings(): Record<string, AttributeValue>[] {
  const random = seededRandom(7);
  return ['album-a', 'album-b', 'album-c'].flatMap((album) => Array.from({ length: 14 }, (_, i) => ({
    album: { S: album },
    track: { S: `track-${String(i).padStart(2, '0')}` },
    audio: { S: 'x'.repeat(85_000 + Math.floor(random() * 10_000)) },
  })));
}

async function load(table: string, items: Record<string, AttributeValue>[]): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    await ddb.same(new BatchWriteItemCommand({ RequestItems: { [table]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}


type Key = Record<string, AttributeValue>;

/** Every page, each compared, following LastEvaluatedKey. */
async function everyPage(page: (ExclusiveStartKey?: Key) => { input: unknown }): Promise<void> {
  let start: Key | undefined;
  for (let pages = 0; pages < 200; pages++) {
    start = (await ddb.same<{ LastEvaluatedKey?: Key } | undefined>(page(start)))?.LastEvaluatedKey;
    if (!start) return;
  }
  throw new Error('more than 200 pages');
}

const query = (input: QueryCommandInput) => everyPage((ExclusiveStartKey) => new QueryCommand({ ...input, ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}) }));

const artist = { ':a': { S: 'Mỹ Tâm' } };

// AWS's wording, which the sandbox's matches; DynamoDB Local's differs.
const MISSED_ELEMENT: Divergence = { localWording: 'AWS names the element: "Query condition missed key schema element: artist"' };
const LIMIT_WORDING: Divergence = { localWording: 'AWS: "1 validation error detected: Value \'0\' at \'limit\' failed to satisfy constraint: ..."' };

describe('Query', () => {
  const queries: [string, Omit<QueryCommandInput, 'TableName'>][] = [
    ['a whole partition', { KeyConditionExpression: 'artist = :a', ExpressionAttributeValues: artist }],
    ['backwards', { KeyConditionExpression: 'artist = :a', ExpressionAttributeValues: artist, ScanIndexForward: false }],
    ['sort key =', { KeyConditionExpression: 'artist = :a AND n = :n', ExpressionAttributeValues: { ...artist, ':n': { N: '-2' } } }],
    ['sort key <', { KeyConditionExpression: 'artist = :a AND n < :n', ExpressionAttributeValues: { ...artist, ':n': { N: '-5' } } }],
    ['sort key <=', { KeyConditionExpression: 'artist = :a AND n <= :n', ExpressionAttributeValues: { ...artist, ':n': { N: '-5' } } }],
    ['sort key >', { KeyConditionExpression: 'artist = :a AND n > :n', ExpressionAttributeValues: { ...artist, ':n': { N: '40' } } }],
    ['sort key >=', { KeyConditionExpression: 'artist = :a AND n >= :n', ExpressionAttributeValues: { ...artist, ':n': { N: '40' } } }],
    ['sort key BETWEEN, names escaped', { KeyConditionExpression: '#a = :a AND #n BETWEEN :lo AND :hi', ExpressionAttributeNames: { '#a': 'artist', '#n': 'n' }, ExpressionAttributeValues: { ...artist, ':lo': { N: '0' }, ':hi': { N: '30.5' } } }],
    ['a filter and a projection', { KeyConditionExpression: 'artist = :a', FilterExpression: 'genre IN (:pop, :rap) AND attribute_exists(live) OR contains(tags, :b)', ProjectionExpression: 'n, genre, tags', ExpressionAttributeValues: { ...artist, ':pop': { S: 'pop' }, ':rap': { S: 'rap' }, ':b': { S: 'b' } } }],
    ['Select COUNT', { KeyConditionExpression: 'artist = :a', FilterExpression: 'seconds > :s', Select: 'COUNT', ExpressionAttributeValues: { ...artist, ':s': { N: '200' } } }],
    ['Select SPECIFIC_ATTRIBUTES', { KeyConditionExpression: 'artist = :a', Select: 'SPECIFIC_ATTRIBUTES', ProjectionExpression: 'seconds', ExpressionAttributeValues: artist }],
    ['a partition with nothing in it', { KeyConditionExpression: 'artist = :a', ExpressionAttributeValues: { ':a': { S: 'nobody' } } }],
  ];
  for (const [what, input] of queries) {
    test(what, () => query({ TableName, ...input }));
    test(`${what}, paged by Limit 7`, () => query({ TableName, ...input, Limit: 7 }));
  }

  test('paged by Limit 1, backwards, filtered to almost nothing', () => query({
    TableName, KeyConditionExpression: 'artist = :a', FilterExpression: 'seconds > :s', ScanIndexForward: false, Limit: 1,
    ExpressionAttributeValues: { ...artist, ':s': { N: '340' } },
  }));

  test('paged by DynamoDB\'s 1 MB', () => query({ TableName: BigTable, KeyConditionExpression: 'album = :a', ExpressionAttributeValues: { ':a': { S: 'album-b' } } }));
  test('paged by 1 MB, counting only', () => query({ TableName: BigTable, KeyConditionExpression: 'album = :a', Select: 'COUNT', ExpressionAttributeValues: { ':a': { S: 'album-b' } } }));
  test('begins_with on a string sort key', () => query({
    TableName: BigTable, KeyConditionExpression: 'album = :a AND begins_with(track, :t)', ProjectionExpression: 'track',
    ExpressionAttributeValues: { ':a': { S: 'album-c' }, ':t': { S: 'track-1' } },
  }));
});

describe('Query refused', () => {
  const refusals: [string, Omit<QueryCommandInput, 'TableName'>, Divergence?][] = [
    ['no key condition', {}],
    ['a condition on the sort key only', { KeyConditionExpression: 'n = :n', ExpressionAttributeValues: { ':n': { N: '1' } } }, MISSED_ELEMENT],
    ['a key condition on a non-key attribute', { KeyConditionExpression: 'artist = :a AND genre = :g', ExpressionAttributeValues: { ...artist, ':g': { S: 'pop' } } }, MISSED_ELEMENT],
    ['OR in a key condition', { KeyConditionExpression: 'artist = :a OR n = :n', ExpressionAttributeValues: { ...artist, ':n': { N: '1' } } }],
    ['two conditions on the sort key', { KeyConditionExpression: 'artist = :a AND n > :n AND n < :n', ExpressionAttributeValues: { ...artist, ':n': { N: '1' } } }],
    ['a partition key compared with <', { KeyConditionExpression: 'artist < :a', ExpressionAttributeValues: artist }],
    ['begins_with on a number sort key', { KeyConditionExpression: 'artist = :a AND begins_with(n, :n)', ExpressionAttributeValues: { ...artist, ':n': { N: '1' } } }],
    ['a key value of the wrong type', { KeyConditionExpression: 'artist = :a AND n = :n', ExpressionAttributeValues: { ...artist, ':n': { S: '1' } } }],
    ['a filter on a key attribute', { KeyConditionExpression: 'artist = :a', FilterExpression: 'n > :n', ExpressionAttributeValues: { ...artist, ':n': { N: '1' } } }],
    ['Limit 0', { KeyConditionExpression: 'artist = :a', ExpressionAttributeValues: artist, Limit: 0 }, LIMIT_WORDING],
    ['Select ALL_PROJECTED_ATTRIBUTES without an index', { KeyConditionExpression: 'artist = :a', ExpressionAttributeValues: artist, Select: 'ALL_PROJECTED_ATTRIBUTES' }],
    ['Select SPECIFIC_ATTRIBUTES without a projection', { KeyConditionExpression: 'artist = :a', ExpressionAttributeValues: artist, Select: 'SPECIFIC_ATTRIBUTES' }],
    ['Select COUNT with a projection', { KeyConditionExpression: 'artist = :a', ExpressionAttributeValues: artist, Select: 'COUNT', ProjectionExpression: 'n' }],
    ['an ExclusiveStartKey missing its sort key', { KeyConditionExpression: 'artist = :a', ExpressionAttributeValues: artist, ExclusiveStartKey: { artist: { S: 'Mỹ Tâm' } } },
      { localWording: 'AWS: "The provided starting key is invalid" (a Scan adds ": The provided key element does not match the schema"), as emulators tested against AWS record it; DynamoDB Local: "Exclusive Start Key must have same size as table\'s key schema"' }],
    ['an ExclusiveStartKey from another partition', { KeyConditionExpression: 'artist = :a', ExpressionAttributeValues: artist, ExclusiveStartKey: { artist: { S: 'Đen Vâu' }, n: { N: '1' } } },
      { localWording: 'AWS: "The provided starting key is outside query boundaries based on provided condition" (floci-io/floci#3389, tested against AWS); DynamoDB Local: "The provided starting key does not match the range key predicate"' }],
  ];
  for (const [what, input, divergence] of refusals) {
    test(what, caseOptions(divergence), () => ddb.compare(new QueryCommand({ TableName, ...input }), divergence));
  }
});

describe('Scan', () => {
  const scans: [string, Omit<ScanCommandInput, 'TableName'>][] = [
    ['the whole table', {}],
    ['filtered and projected', { FilterExpression: 'genre = :g AND seconds BETWEEN :lo AND :hi', ProjectionExpression: 'artist, n, seconds', ExpressionAttributeValues: { ':g': { S: 'ballad' }, ':lo': { N: '100' }, ':hi': { N: '250' } } }],
    ['Select COUNT', { Select: 'COUNT', FilterExpression: 'attribute_exists(live)' }],
  ];
  for (const [what, input] of scans) {
    test(what, () => ddb.sameScan({ TableName, ...input }));
    test(`${what}, paged by Limit 13`, () => ddb.sameScan({ TableName, ...input, Limit: 13 }));
  }
  test('paged by 1 MB', () => ddb.sameScan({ TableName: BigTable, ProjectionExpression: 'track' }));
  test('Limit 0', () => ddb.compare(new ScanCommand({ TableName, Limit: 0 }), LIMIT_WORDING));
});
