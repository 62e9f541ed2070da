/**
 * Tables the labs share between runs: a table name is unique in an account and region, so
 * a step looks for the table before it creates it, and waits until it is ACTIVE either way.
 */
import type { CreateTableCommandInput, TableDescription } from '@aws-sdk/client-dynamodb';
import type { StepResult } from '../../src/runner/lab.js';
import type { StepContext } from '../../src/runner/step-context.js';

const REUSED = 'already exists (an earlier run or another lab made it): reusing it. lab cleanup removes it with the run that made it.';

/** What a learner checks after creating a table; --query shows the rest. */
const TABLE_SUMMARY = 'Table.{TableName: TableName, TableStatus: TableStatus, KeySchema: KeySchema, BillingMode: BillingModeSummary.BillingMode, ProvisionedThroughput: ProvisionedThroughput}';

export interface EnsuredTable extends StepResult {
  /** False when the table was there before this step. */
  created: boolean;
}

/** Creates the table unless it exists, then waits until it is ACTIVE. */
export async function ensureTable(ctx: StepContext, input: CreateTableCommandInput): Promise<EnsuredTable> {
  const { CreateTableCommand, DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
  const TableName = input.TableName!;
  const existing = await ctx.find(new DescribeTableCommand({ TableName }), 'ResourceNotFoundException');
  if (existing) {
    ctx.note(`The table ${TableName} ${REUSED}`);
    const response = existing.Table?.TableStatus === 'ACTIVE' ? existing : await waitUntilActive(ctx, TableName);
    return { operation: 'DescribeTable', response, query: TABLE_SUMMARY, created: false };
  }
  await ctx.call(new CreateTableCommand(input));
  return { operation: 'DescribeTable', response: await waitUntilActive(ctx, TableName), query: TABLE_SUMMARY, created: true };
}

/** `aws dynamodb wait table-exists`, which waits for ACTIVE, with progress. */
export async function waitUntilActive(ctx: StepContext, TableName: string): Promise<{ Table?: TableDescription }> {
  const { DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
  return ctx.waitFor(new DescribeTableCommand({ TableName }), (out) => out.Table?.TableStatus === 'ACTIVE', { what: `table ${TableName} to be ACTIVE`, pollMs: 500 });
}

/** Waits until every global secondary index of the table is ACTIVE (a new one backfills first). */
export async function waitUntilIndexesActive(ctx: StepContext, TableName: string): Promise<{ Table?: TableDescription }> {
  const { DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
  return ctx.waitFor(
    new DescribeTableCommand({ TableName }),
    (out) => out.Table?.TableStatus === 'ACTIVE' && (out.Table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE'),
    { what: `the indexes of ${TableName} to be ACTIVE`, pollMs: 500 },
  );
}
