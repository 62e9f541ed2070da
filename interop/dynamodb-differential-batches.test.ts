/**
 * BatchWriteItem and BatchGetItem on the sandbox against DynamoDB Local, across two tables,
 * and the limits and malformed requests they refuse.
 */
import { describe, test } from 'node:test';
import {
  BatchGetItemCommand, BatchWriteItemCommand, GetItemCommand, ScanCommand, type AttributeValue, type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { seededRandom } from '../src/bench/seeded-random.js';
import { caseOptions, useDifferential, type Divergence } from './dynamodb-reference.js';

const Music = 'batch-music';
const Movies = 'batch-movies';
const ddb = useDifferential({
  tables: [
    {
      TableName: Music,
      KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }, { AttributeName: 'SongTitle', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'Artist', AttributeType: 'S' }, { AttributeName: 'SongTitle', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
    {
      TableName: Movies,
      KeySchema: [{ AttributeName: 'year', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'year', AttributeType: 'N' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    },
  ],
});

const random = seededRandom(42);
const song = (artist: number, title: number): Record<string, AttributeValue> => ({
  Artist: { S: `artist-${artist}` },
  SongTitle: { S: `song-${title}` },
  Plays: { N: String(Math.floor(random() * 1e6)) },
  Genres: { SS: ['pop', 'rock', 'jazz'].filter(() => random() < 0.7).concat('any') },
});
const movie = (year: number): Record<string, AttributeValue> => ({ year: { N: String(year) }, title: { S: `Phim ${year}` }, info: { M: { rating: { N: String(Math.floor(random() * 100) / 10) } } } });
const put = (Item: Record<string, AttributeValue>): WriteRequest => ({ PutRequest: { Item } });
const songKey = (artist: number, title: number) => ({ Artist: { S: `artist-${artist}` }, SongTitle: { S: `song-${title}` } });

describe('BatchWriteItem and BatchGetItem', () => {
  test('puts across two tables, then reads them back', async () => {
    await ddb.same(new BatchWriteItemCommand({
      RequestItems: {
        [Music]: Array.from({ length: 15 }, (_, i) => put(song(i % 3, i))),
        [Movies]: Array.from({ length: 10 }, (_, i) => put(movie(2000 + i))),
      },
    }));
    await ddb.sameScan({ TableName: Music });
    await ddb.sameScan({ TableName: Movies });
    await ddb.same(new BatchGetItemCommand({
      RequestItems: {
        [Music]: { Keys: [songKey(0, 0), songKey(1, 1), songKey(9, 9)], ConsistentRead: true },
        [Movies]: { Keys: [2003, 2007, 1990].map((year) => ({ year: { N: String(year) } })), ProjectionExpression: '#t, info.rating', ExpressionAttributeNames: { '#t': 'title' } },
      },
    }));
  });

  test('deletes and puts in one batch, replacing an item', async () => {
    await ddb.same(new BatchWriteItemCommand({ RequestItems: { [Music]: [put(song(5, 1)), put(song(5, 2)), put(song(5, 3))] } }));
    await ddb.same(new BatchWriteItemCommand({
      RequestItems: { [Music]: [{ DeleteRequest: { Key: songKey(5, 1) } }, { DeleteRequest: { Key: songKey(5, 99) } }, put({ ...song(5, 2), Plays: { N: '7' } })] },
    }));
    await ddb.same(new BatchGetItemCommand({ RequestItems: { [Music]: { Keys: [songKey(5, 1), songKey(5, 2), songKey(5, 3)] } } }));
  });

  test('a batch of exactly 25 writes and one of exactly 100 keys', async () => {
    await ddb.same(new BatchWriteItemCommand({ RequestItems: { [Music]: Array.from({ length: 25 }, (_, i) => put(song(7, i))) } }));
    await ddb.same(new BatchGetItemCommand({ RequestItems: { [Music]: { Keys: Array.from({ length: 100 }, (_, i) => songKey(7, i)) } } }));
  });
});

const MISSING_TABLE: Divergence = { localWording: 'AWS: "Requested resource not found"' };

describe('batches refused', () => {
  const refusals: [string, { input: unknown }, Divergence?][] = [
    ['26 writes', new BatchWriteItemCommand({ RequestItems: { [Music]: Array.from({ length: 26 }, (_, i) => put(song(8, i))) } })],
    ['101 keys', new BatchGetItemCommand({ RequestItems: { [Music]: { Keys: Array.from({ length: 101 }, (_, i) => songKey(8, i)) } } })],
    ['the same key written twice', new BatchWriteItemCommand({ RequestItems: { [Music]: [put(song(8, 1)), { DeleteRequest: { Key: songKey(8, 1) } }] } })],
    ['the same key read twice', new BatchGetItemCommand({ RequestItems: { [Music]: { Keys: [songKey(8, 1), songKey(8, 1)] } } })],
    ['a put and a delete in one request', new BatchWriteItemCommand({ RequestItems: { [Music]: [{ PutRequest: { Item: song(8, 2) }, DeleteRequest: { Key: songKey(8, 2) } }] } })],
    ['no requests at all', new BatchWriteItemCommand({ RequestItems: {} }), { localWording: 'AWS: "1 validation error detected: Value \'{}\' at \'requestItems\' failed to satisfy constraint: ..."' }],
    ['a put missing its sort key', new BatchWriteItemCommand({ RequestItems: { [Music]: [put({ Artist: { S: 'x' } })] } }), { localWording: 'AWS: "...Missing the key SongTitle in the item"' }],
    ['a table that does not exist', new BatchGetItemCommand({ RequestItems: { 'batch-missing': { Keys: [songKey(1, 1)] } } }), MISSING_TABLE],
    ['a write to a table that does not exist', new BatchWriteItemCommand({ RequestItems: { [Music]: [put(song(8, 3))], 'batch-missing': [put(song(8, 4))] } }), MISSING_TABLE],
  ];
  for (const [what, command, divergence] of refusals) {
    test(what, caseOptions(divergence), async () => {
      await ddb.compare(command, divergence);
      // A refused batch writes nothing.
      await ddb.same(new GetItemCommand({ TableName: Music, Key: songKey(8, 3) }));
    });
  }
  test('nothing of a refused batch was written', () => ddb.same(new ScanCommand({ TableName: Music, FilterExpression: 'Artist = :a', ExpressionAttributeValues: { ':a': { S: 'artist-8' } } })));
});
