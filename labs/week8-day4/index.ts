/**
 * week8-day4: DynamoDB through the AWS CLI (workshop 000039). A JSON request-items file
 * imported with batch-write-item, queries by KeyConditionExpression, optimistic locking
 * with a condition that fails on purpose and then succeeds, the capacity each call
 * consumed, and a stream that records every change, read back shard by shard.
 */
import type { _Record, GetRecordsCommandOutput } from '@aws-sdk/client-dynamodb-streams';
import type { Lab } from '../../src/runner/lab.js';
import { AwsCallError, type StepContext } from '../../src/runner/step-context.js';
import { batchWriteItems } from '../shared/batch-write.js';
import { MUSIC_TABLE, ensureMusicTable, readSongs } from '../shared/music-table.js';
import { queryAll } from '../shared/read-all.js';
import { waitUntilActive } from '../shared/tables.js';

const dynamodb = () => import('@aws-sdk/client-dynamodb');
const streams = () => import('@aws-sdk/client-dynamodb-streams');

const SONG = { Artist: { S: 'Acme Band' }, SongTitle: { S: 'Happy Day' } };
// Bounds on reading the stream: a shard's records come in a few pages here.
const MAX_SHARDS = 100;
const MAX_PAGES_PER_SHARD = 20;
// An open shard never ends, and GetRecords may answer empty before records further on.
const EMPTY_PAGES_MEAN_CAUGHT_UP = 3;

/** The conditional update both attempts make: add an award if nobody changed the count since it was read. */
async function addAwardIfStill(ctx: StepContext, expectedAwards: string) {
  const { UpdateItemCommand } = await dynamodb();
  return ctx.call(new UpdateItemCommand({
    TableName: MUSIC_TABLE,
    Key: SONG,
    UpdateExpression: 'SET Awards = Awards + :one',
    ConditionExpression: 'Awards = :expected',
    ExpressionAttributeValues: { ':one': { N: '1' }, ':expected': { N: expectedAwards } },
    ReturnValues: 'UPDATED_NEW',
    ReturnConsumedCapacity: 'TOTAL',
  }));
}

async function currentAwards(ctx: StepContext): Promise<string> {
  const { GetItemCommand } = await dynamodb();
  const song = await ctx.call(new GetItemCommand({ TableName: MUSIC_TABLE, Key: SONG, ConsistentRead: true, ProjectionExpression: 'Awards' }));
  return song.Item?.Awards?.N ?? '0';
}

/** Every record in every shard of the stream, oldest first, read from TRIM_HORIZON. */
async function readStream(ctx: StepContext, StreamArn: string): Promise<GetRecordsCommandOutput | undefined> {
  const { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } = await streams();
  const described = await ctx.call(new DescribeStreamCommand({ StreamArn }));
  let merged: GetRecordsCommandOutput | undefined;
  const records: _Record[] = [];
  const shards = ctx.dryRun ? [{ ShardId: '<ShardId>' }] : (described.StreamDescription?.Shards ?? []).slice(0, MAX_SHARDS);
  for (const shard of shards) {
    const iterator = await ctx.call(new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
    let ShardIterator = iterator.ShardIterator;
    let emptyPages = 0;
    for (let page = 0; ShardIterator && page < MAX_PAGES_PER_SHARD && emptyPages < EMPTY_PAGES_MEAN_CAUGHT_UP; page++) {
      const got = await ctx.call(new GetRecordsCommand({ ShardIterator }));
      // The first answer's own object carries all records, so it prints as GetRecords output.
      merged ??= got;
      records.push(...(got.Records ?? []));
      if (ctx.dryRun) break;
      emptyPages = (got.Records ?? []).length === 0 ? emptyPages + 1 : 0;
      ShardIterator = got.NextShardIterator;
    }
  }
  if (merged && !ctx.dryRun) {
    merged.Records = records;
    delete merged.NextShardIterator;
  }
  return merged;
}

export const week8Day4: Lab = {
  id: 'week8-day4',
  title: 'DynamoDB by CLI: import JSON, KeyConditionExpression, conditional updates, capacity, Streams',
  services: ['DynamoDB', 'DynamoDB Streams'],
  objectives: [
    'Import items from a JSON file with batch-write-item and retry what comes back unprocessed',
    'Query with KeyConditionExpression on the partition key and a sort key prefix',
    'Protect an update with a condition, and read ConditionalCheckFailedException as an answer',
    'Read the capacity every call consumed with --return-consumed-capacity TOTAL',
    'Turn on a stream and read the change records it captured',
  ],
  theory: [
    'batch-write-item takes up to 25 put or delete requests, for one or more tables, from a file (--request-items file://music.json). It is not atomic: whatever DynamoDB could not write comes back as UnprocessedItems for you to send again, with backoff.',
    'A ConditionExpression is checked against the stored item in the same atomic step as the write. When it is false, nothing is written and the call fails with ConditionalCheckFailedException: that is how optimistic locking tells you someone else changed the item first.',
    'A DynamoDB stream records every item change for 24 hours, in order per item, split into shards. StreamViewType decides what a record holds: keys only, the new image, the old image, or both.',
  ],
  steps: [
    {
      id: 'music-table',
      title: 'Create the Music table (or reuse it)',
      why: 'The table the request-items file names. The CLI way: aws dynamodb create-table, then aws dynamodb wait table-exists.',
      produces: ['musicTable'],
      run: async (ctx) => {
        const result = await ensureMusicTable(ctx);
        await ctx.remember('musicTable', MUSIC_TABLE);
        return result;
      },
    },
    {
      id: 'enable-stream',
      title: 'Turn on a stream with new and old images',
      why: 'Turned on first, so that every write this lab makes afterwards shows up as a stream record. NEW_AND_OLD_IMAGES records the item before and after each change.',
      needs: ['music-table'],
      produces: ['streamArn'],
      run: async (ctx) => {
        const { DescribeTableCommand, UpdateTableCommand } = await dynamodb();
        const described = await ctx.call(new DescribeTableCommand({ TableName: MUSIC_TABLE }));
        if (!ctx.dryRun && described.Table?.StreamSpecification?.StreamEnabled && described.Table.LatestStreamArn) {
          ctx.note(`${MUSIC_TABLE} already has a stream (an earlier run turned it on): a table has one stream at a time.`);
          await ctx.remember('streamArn', described.Table.LatestStreamArn);
          return { operation: 'DescribeTable', response: described, query: 'Table.{StreamSpecification: StreamSpecification, LatestStreamArn: LatestStreamArn}' };
        }
        const updated = await ctx.call(new UpdateTableCommand({ TableName: MUSIC_TABLE, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }));
        const active = await waitUntilActive(ctx, MUSIC_TABLE);
        await ctx.remember('streamArn', active.Table?.LatestStreamArn ?? updated.TableDescription?.LatestStreamArn ?? '');
        return { operation: 'UpdateTable', response: updated, query: 'TableDescription.{StreamSpecification: StreamSpecification, LatestStreamArn: LatestStreamArn}' };
      },
    },
    {
      id: 'import-json',
      title: 'Import fixtures/music.json with batch-write-item',
      why: 'The file is the request-items document itself: {"Music": [{"PutRequest": {"Item": ...}}]}, attribute values typed ("S", "N"). ReturnConsumedCapacity TOTAL shows the write units the import used: one per item up to 1 KB.',
      needs: ['music-table'],
      run: async (ctx) => {
        const summary = await batchWriteItems(ctx, MUSIC_TABLE, await readSongs(), { fileStem: 'music', returnConsumedCapacity: true });
        return { operation: 'BatchWriteItem', response: summary };
      },
    },
    {
      id: 'query-artist',
      title: 'Query one artist: KeyConditionExpression on the partition key',
      why: 'The key condition must name the partition key with =; DynamoDB reads only that artist\'s songs, in SongTitle order.',
      needs: ['import-json'],
      run: async (ctx) => {
        const { output } = await queryAll(ctx, {
          TableName: MUSIC_TABLE,
          KeyConditionExpression: 'Artist = :artist',
          ExpressionAttributeValues: { ':artist': { S: 'Acme Band' } },
          ReturnConsumedCapacity: 'TOTAL',
        });
        return { operation: 'Query', response: output };
      },
    },
    {
      id: 'query-prefix',
      title: 'Narrow it with the sort key: begins_with(SongTitle, ...)',
      why: 'The sort key may take =, <, <=, >, >=, BETWEEN or begins_with. Unlike a FilterExpression, the sort key condition limits what is read, not only what is returned.',
      needs: ['import-json'],
      run: async (ctx) => {
        const { output } = await queryAll(ctx, {
          TableName: MUSIC_TABLE,
          KeyConditionExpression: 'Artist = :artist AND begins_with(SongTitle, :prefix)',
          ExpressionAttributeValues: { ':artist': { S: 'No One You Know' }, ':prefix': { S: 'Call' } },
          ReturnConsumedCapacity: 'TOTAL',
        });
        return { operation: 'Query', response: output };
      },
    },
    {
      id: 'conditional-update-fails',
      title: 'A conditional update that fails on purpose: ConditionalCheckFailedException',
      why: 'Optimistic locking: add an award only if Awards still holds the value read earlier. Here the expected value is stale, so DynamoDB refuses and writes nothing. This error is the expected answer, not a failure of the lab.',
      needs: ['import-json'],
      run: async (ctx) => {
        const current = await currentAwards(ctx);
        const stale = ctx.dryRun ? '<Awards minus 1>' : String(Number(current) - 1);
        try {
          const response = await addAwardIfStill(ctx, stale);
          return { operation: 'UpdateItem', response };
        } catch (error) {
          if (!(error instanceof AwsCallError) || error.code !== 'ConditionalCheckFailedException') throw error;
          ctx.note(`As expected: ${error.code}. The item keeps its value; re-read it and try again with what you read.`);
          return { operation: 'UpdateItem', response: { ExpectedError: { Code: error.code, Message: error.awsMessage } } };
        }
      },
    },
    {
      id: 'conditional-update-succeeds',
      title: 'The same update with the value just read: it succeeds',
      why: 'Read the current Awards (strongly consistent), then update on the condition that it is unchanged. ReturnValues UPDATED_NEW and the consumed capacity come back with the answer.',
      needs: ['import-json'],
      run: async (ctx) => ({ operation: 'UpdateItem', response: await addAwardIfStill(ctx, await currentAwards(ctx)) }),
    },
    {
      id: 'read-stream',
      title: 'Read the stream: every change, with its old and new image',
      why: 'DescribeStream lists the shards; GetShardIterator with TRIM_HORIZON starts at the oldest record; GetRecords returns INSERT, MODIFY and REMOVE records in order. The failed conditional update left no record, because it changed nothing.',
      needs: ['enable-stream', 'conditional-update-succeeds'],
      run: async (ctx) => {
        const records = await readStream(ctx, ctx.need('streamArn'));
        const query = 'Records[].{Event: eventName, Artist: dynamodb.Keys.Artist.S, SongTitle: dynamodb.Keys.SongTitle.S, OldAwards: dynamodb.OldImage.Awards.N, NewAwards: dynamodb.NewImage.Awards.N}';
        return { operation: 'GetRecords', response: records ?? { Records: [] }, query };
      },
    },
  ],
};
