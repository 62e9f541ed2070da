/**
 * The Movies table of AWS's DynamoDB getting-started guide, shared by the DynamoDB labs:
 * `year` (N, partition key) + `title` (S, sort key), on-demand, loaded with the project's
 * generated fixture (fixtures/movies.json, AWS's sample shape).
 *
 *   export const MOVIES_TABLE = 'Movies';
 *   export async function ensureMoviesTable(ctx: StepContext): Promise<StepResult>
 *   export const moviesTableStep: Step   // id 'movies-table', produces 'moviesTable'
 *
 * ensureMoviesTable reuses a Movies table that exists (saying so with ctx.note) and creates
 * it otherwise; either way it loads the fixture unless the table already holds all of it.
 */
import type { Step, StepResult } from '../../src/runner/lab.js';
import type { StepContext } from '../../src/runner/step-context.js';
import { toAttributeValue, toItem } from './attribute-value.js';
import { batchWriteItems } from './batch-write.js';
import { readMovies, type Movie } from './fixtures.js';
import { ensureTable } from './tables.js';

export const MOVIES_TABLE = 'Movies';

export async function ensureMoviesTable(ctx: StepContext): Promise<StepResult> {
  const table = await ensureTable(ctx, {
    TableName: MOVIES_TABLE,
    AttributeDefinitions: [
      { AttributeName: 'year', AttributeType: 'N' },
      { AttributeName: 'title', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'year', KeyType: 'HASH' },
      { AttributeName: 'title', KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await ctx.remember('moviesTable', MOVIES_TABLE);
  const movies = await readMovies();
  if (!table.created && (await holdsMovie(ctx, movies.at(-1)!))) {
    ctx.note(`${MOVIES_TABLE} already holds the fixture's movies: nothing to load.`);
    return table;
  }
  const summary = await batchWriteItems(ctx, MOVIES_TABLE, movies.map((movie) => toItem({ ...movie })), { fileStem: 'moviedata' });
  return { operation: 'BatchWriteItem', response: summary };
}

/** The load writes in fixture order, so the last movie being there means the load finished. */
async function holdsMovie(ctx: StepContext, movie: Movie): Promise<boolean> {
  const { GetItemCommand } = await import('@aws-sdk/client-dynamodb');
  const key = { year: toAttributeValue(movie.year), title: toAttributeValue(movie.title) };
  const found = await ctx.call(new GetItemCommand({ TableName: MOVIES_TABLE, Key: key, ProjectionExpression: '#y', ExpressionAttributeNames: { '#y': 'year' } }));
  return found.Item !== undefined;
}

export const moviesTableStep: Step = {
  id: 'movies-table',
  title: 'Create the Movies table and batch-load the movies',
  why: 'Movies uses a composite primary key: year is the partition key and title the sort key, so all movies of a year sit together, sorted by title. BatchWriteItem puts up to 25 items per call; whatever DynamoDB could not write comes back as UnprocessedItems and is retried with exponential backoff.',
  produces: ['moviesTable'],
  run: ensureMoviesTable,
};
