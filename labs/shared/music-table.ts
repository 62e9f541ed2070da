/**
 * The Music table of the DynamoDB workshop: `Artist` (partition key) + `SongTitle` (sort
 * key), on-demand, and its four songs in fixtures/music.json, a request-items file for
 * `aws dynamodb batch-write-item --request-items file://music.json`.
 */
import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import type { StepContext } from '../../src/runner/step-context.js';
import type { Item } from './attribute-value.js';
import { readFixture } from './fixtures.js';
import { ensureTable, type EnsuredTable } from './tables.js';

export const MUSIC_TABLE = 'Music';

export function ensureMusicTable(ctx: StepContext): Promise<EnsuredTable> {
  return ensureTable(ctx, {
    TableName: MUSIC_TABLE,
    AttributeDefinitions: [
      { AttributeName: 'Artist', AttributeType: 'S' },
      { AttributeName: 'SongTitle', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'Artist', KeyType: 'HASH' },
      { AttributeName: 'SongTitle', KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  });
}

export async function readSongs(): Promise<Item[]> {
  const file = await readFixture<Record<string, WriteRequest[]>>('music.json');
  return (file[MUSIC_TABLE] ?? []).map((request) => request.PutRequest!.Item as Item);
}
