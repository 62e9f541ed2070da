/**
 * week4-thu: DynamoDB basics (workshop 000060). The Music table, item by item: put, get,
 * update, a delete guarded by a condition; then the Movies table batch-loaded, read by key
 * with Query, searched with a filtered Scan, and finally a global secondary index that turns
 * a whole-table Scan into a Query reading only the items it returns.
 *
 * Unlike the workshop, the conditional delete really has a condition, and names that
 * DynamoDB reserves (`year`) go through ExpressionAttributeNames.
 */
import type { Lab } from '../../src/runner/lab.js';
import { readMovies } from '../shared/fixtures.js';
import { MOVIES_TABLE, moviesTableStep } from '../shared/movies-table.js';
import { MUSIC_TABLE, ensureMusicTable, readSongs } from '../shared/music-table.js';
import { queryAll, readRow, scanAll } from '../shared/read-all.js';
import { waitUntilIndexesActive } from '../shared/tables.js';

const dynamodb = () => import('@aws-sdk/client-dynamodb');

export const TITLE_INDEX = 'title-index';
const SONG = { Artist: { S: 'No One You Know' }, SongTitle: { S: 'Call Me Today' } };

/** A title several years share, so the index query has more than one answer to show. */
export async function searchedTitle(): Promise<string> {
  const movies = await readMovies();
  const years = new Map<string, number>();
  for (const movie of movies) years.set(movie.title, (years.get(movie.title) ?? 0) + 1);
  return movies.find((movie) => (years.get(movie.title) ?? 0) > 2)!.title;
}

export const week4Thu: Lab = {
  id: 'week4-thu',
  title: 'DynamoDB: Music and Movies tables, CRUD, batch load, Query, Scan and a GSI',
  services: ['DynamoDB'],
  objectives: [
    'Create tables with a partition key and a sort key, on-demand',
    'Put, get, update and conditionally delete items',
    'Batch-load a data set with BatchWriteItem and retry UnprocessedItems',
    'Read by key with Query, search with a filtered Scan, and see what each costs',
    'Add a global secondary index to replace a Scan with a Query',
  ],
  theory: [
    'An item is found by its primary key: the partition key alone, or partition key plus sort key. Query reads one partition key value, optionally a range of sort keys; Scan reads every item in the table.',
    'A FilterExpression runs after the read: a Scan with a filter still reads, and is billed for, every item. ScannedCount says how many were read, Count how many matched.',
    'A global secondary index (GSI) keeps a copy of the items under another key, so a Query can find them by that key. DynamoDB backfills a new index from the table; the index is usable once ACTIVE.',
    'On-demand tables bill per request: a read request unit reads up to 4 KB strongly consistent (two eventually consistent), a write request unit writes up to 1 KB.',
  ],
  steps: [
    {
      id: 'music-table',
      title: 'Create the Music table (Artist + SongTitle)',
      why: 'The primary key is Artist (partition key) plus SongTitle (sort key): an artist\'s songs are stored together, sorted by title. On-demand capacity means no capacity to plan and no hourly charge.',
      produces: ['musicTable'],
      run: async (ctx) => {
        const result = await ensureMusicTable(ctx);
        await ctx.remember('musicTable', MUSIC_TABLE);
        return result;
      },
    },
    {
      id: 'put-songs',
      title: 'Put four songs with PutItem, then scan the small table',
      why: 'PutItem writes a whole item: it creates it, or replaces the one with the same key. Only the key attributes are fixed by the table; every other attribute is free per item.',
      needs: ['music-table'],
      run: async (ctx) => {
        const { PutItemCommand, ScanCommand } = await dynamodb();
        for (const Item of await readSongs()) await ctx.call(new PutItemCommand({ TableName: MUSIC_TABLE, Item }));
        return { operation: 'Scan', response: await ctx.call(new ScanCommand({ TableName: MUSIC_TABLE })) };
      },
    },
    {
      id: 'get-song',
      title: 'Read one song by its key with GetItem',
      why: 'GetItem needs the full primary key and reads exactly one item. ConsistentRead makes it strongly consistent: it sees every write that succeeded before it.',
      needs: ['put-songs'],
      run: async (ctx) => {
        const { GetItemCommand } = await dynamodb();
        return { operation: 'GetItem', response: await ctx.call(new GetItemCommand({ TableName: MUSIC_TABLE, Key: SONG, ConsistentRead: true })) };
      },
    },
    {
      id: 'update-song',
      title: 'Change the album with UpdateItem',
      why: 'UpdateItem changes only the attributes its UpdateExpression names and leaves the rest; ReturnValues UPDATED_NEW shows what it changed.',
      needs: ['put-songs'],
      run: async (ctx) => {
        const { UpdateItemCommand } = await dynamodb();
        const command = new UpdateItemCommand({
          TableName: MUSIC_TABLE,
          Key: SONG,
          UpdateExpression: 'SET AlbumTitle = :newval',
          ExpressionAttributeValues: { ':newval': { S: 'Updated Album Title' } },
          ReturnValues: 'UPDATED_NEW',
        });
        return { operation: 'UpdateItem', response: await ctx.call(command) };
      },
    },
    {
      id: 'delete-song',
      title: 'Delete a song, but only if it has fewer than 10 awards',
      why: 'A ConditionExpression makes the delete safe: DynamoDB checks it against the stored item and deletes only when it holds, in one atomic step. ReturnValues ALL_OLD returns what was deleted.',
      needs: ['put-songs'],
      run: async (ctx) => {
        const { DeleteItemCommand } = await dynamodb();
        const command = new DeleteItemCommand({
          TableName: MUSIC_TABLE,
          Key: { Artist: { S: 'Acme Band' }, SongTitle: { S: 'PartiQL Rocks' } },
          ConditionExpression: 'Awards < :limit',
          ExpressionAttributeValues: { ':limit': { N: '10' } },
          ReturnValues: 'ALL_OLD',
        });
        return { operation: 'DeleteItem', response: await ctx.call(command) };
      },
    },
    moviesTableStep,
    {
      id: 'query-year',
      title: 'Query the movies of 1985',
      why: 'Query reads one partition key value, here one year, and returns its items sorted by the sort key. `year` is a word DynamoDB reserves, so the expression names it through #yr.',
      needs: ['movies-table'],
      run: async (ctx) => {
        const { output } = await queryAll(ctx, {
          TableName: MOVIES_TABLE,
          KeyConditionExpression: '#yr = :yyyy',
          ExpressionAttributeNames: { '#yr': 'year' },
          ExpressionAttributeValues: { ':yyyy': { N: '1985' } },
          ProjectionExpression: '#yr, title',
        });
        return { operation: 'Query', response: output };
      },
    },
    {
      id: 'scan-fifties',
      title: 'Scan for the movies of the 1950s, page by page',
      why: 'Scan reads the whole table, 1 MB per call; LastEvaluatedKey says where the next page starts. The filter keeps the 1950s, the projection keeps year, title and rating: both shrink the answer, not the read.',
      needs: ['movies-table'],
      run: async (ctx) => {
        // Hundreds of movies would scroll the lesson away: the counts and the first ten tell it, and show --query at work.
        const query = '{Count: Count, ScannedCount: ScannedCount, FirstTen: Items[:10]}';
        const { output, pages } = await scanAll(ctx, {
          TableName: MOVIES_TABLE,
          FilterExpression: '#yr between :start_yr and :end_yr',
          ProjectionExpression: '#yr, title, info.rating',
          ExpressionAttributeNames: { '#yr': 'year' },
          ExpressionAttributeValues: { ':start_yr': { N: '1950' }, ':end_yr': { N: '1959' } },
        }, query);
        ctx.note(`${pages} page(s): ScannedCount ${output.ScannedCount} items read to return Count ${output.Count}. Only the first ten are shown (--query); drop it to see them all.`);
        return { operation: 'Scan', response: output, query };
      },
    },
    {
      id: 'scan-by-title',
      title: 'Find a movie by title alone: a Scan with a filter',
      why: 'title is only the sort key, so without the year DynamoDB cannot go to the item: the Scan reads every movie to return a handful, and ReturnConsumedCapacity shows what that read cost.',
      needs: ['movies-table'],
      run: async (ctx) => {
        const { output } = await scanAll(ctx, {
          TableName: MOVIES_TABLE,
          FilterExpression: 'title = :title',
          ExpressionAttributeValues: { ':title': { S: await searchedTitle() } },
          ReturnConsumedCapacity: 'TOTAL',
        });
        return { operation: 'Scan', response: output };
      },
    },
    {
      id: 'create-title-index',
      title: 'Add a global secondary index on title, and wait until it is ACTIVE',
      why: 'UpdateTable adds the index while the table stays usable; DynamoDB backfills it from the existing items (Backfilling, then ACTIVE). On an on-demand table the index needs no capacity settings.',
      needs: ['movies-table'],
      run: async (ctx) => {
        const { DescribeTableCommand, UpdateTableCommand } = await dynamodb();
        const described = await ctx.call(new DescribeTableCommand({ TableName: MOVIES_TABLE }));
        if (!ctx.dryRun && described.Table?.GlobalSecondaryIndexes?.some((index) => index.IndexName === TITLE_INDEX)) {
          ctx.note(`The index ${TITLE_INDEX} already exists (an earlier run made it): reusing it.`);
        } else {
          await ctx.call(new UpdateTableCommand({
            TableName: MOVIES_TABLE,
            AttributeDefinitions: [{ AttributeName: 'title', AttributeType: 'S' }],
            GlobalSecondaryIndexUpdates: [{ Create: { IndexName: TITLE_INDEX, KeySchema: [{ AttributeName: 'title', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
          }));
        }
        const query = `Table.GlobalSecondaryIndexes[].{IndexName: IndexName, IndexStatus: IndexStatus, ItemCount: ItemCount}`;
        return { operation: 'DescribeTable', response: await waitUntilIndexesActive(ctx, MOVIES_TABLE), query };
      },
    },
    {
      id: 'query-title-index',
      title: 'Find the same movies with a Query on the index',
      why: 'On the index, title is the partition key: the Query goes straight to those items and reads only them. Compare its ScannedCount and ConsumedCapacity with the Scan\'s.',
      needs: ['create-title-index'],
      run: async (ctx) => {
        const { output } = await queryAll(ctx, {
          TableName: MOVIES_TABLE,
          IndexName: TITLE_INDEX,
          KeyConditionExpression: 'title = :title',
          ExpressionAttributeValues: { ':title': { S: await searchedTitle() } },
          ReturnConsumedCapacity: 'TOTAL',
        });
        return { operation: 'Query', response: output };
      },
    },
    {
      id: 'compare-capacity',
      title: 'Scan and index Query side by side: items read and capacity consumed',
      why: 'Both return the same movies. The Scan pays for reading the whole table, the Query for the matching items only: the gap grows with the table, which is why access patterns decide the keys and indexes.',
      needs: ['create-title-index'],
      run: async (ctx) => {
        const title = await searchedTitle();
        const scan = await scanAll(ctx, { TableName: MOVIES_TABLE, FilterExpression: 'title = :title', ExpressionAttributeValues: { ':title': { S: title } }, Select: 'COUNT', ReturnConsumedCapacity: 'TOTAL' });
        const query = await queryAll(ctx, { TableName: MOVIES_TABLE, IndexName: TITLE_INDEX, KeyConditionExpression: 'title = :title', ExpressionAttributeValues: { ':title': { S: title } }, Select: 'COUNT', ReturnConsumedCapacity: 'TOTAL' });
        return { operation: 'CompareReads', response: { Title: title, Reads: [readRow('Scan', scan), readRow(`Query ${TITLE_INDEX}`, query)] } };
      },
    },
  ],
};
