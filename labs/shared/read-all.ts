/**
 * Query and Scan read at most 1 MB per call and say where to go on with LastEvaluatedKey.
 * These follow it to the end, as `aws dynamodb scan` does by itself, and add up the counts
 * and the capacity consumed, so a step can show what reading everything cost.
 */
import type { QueryCommandInput, QueryCommandOutput, ScanCommandInput, ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { StepContext } from '../../src/runner/step-context.js';

// A bound on pages, so a runaway filter cannot read forever (4,000 MB at 1 MB a page).
const MAX_PAGES = 4_000;

export interface ReadAllResult<O> {
  /** The first page's response holding every page's items and summed counts and capacity. */
  output: O;
  pages: number;
}

/** `query`: the `--query` the step shows the merged answer with, printed with each page's command. */
export async function scanAll(ctx: StepContext, input: ScanCommandInput, query?: string): Promise<ReadAllResult<ScanCommandOutput>> {
  const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
  return readAll(ctx, (ExclusiveStartKey) => ctx.call(new ScanCommand({ ...input, ExclusiveStartKey }), query === undefined ? {} : { query }));
}

export async function queryAll(ctx: StepContext, input: QueryCommandInput): Promise<ReadAllResult<QueryCommandOutput>> {
  const { QueryCommand } = await import('@aws-sdk/client-dynamodb');
  return readAll(ctx, (ExclusiveStartKey) => ctx.call(new QueryCommand({ ...input, ExclusiveStartKey })));
}

type Page = ScanCommandOutput | QueryCommandOutput;

async function readAll<O extends Page>(ctx: StepContext, read: (start: Page['LastEvaluatedKey']) => Promise<O>): Promise<ReadAllResult<O>> {
  // The merged result is the first page's own object: the runner knows which operation's
  // output it is and prints its numbers as the AWS CLI does.
  const first = await read(undefined);
  let pages = 1;
  // A dry run reads nothing, so there is no next page to follow.
  let next = ctx.dryRun ? undefined : first.LastEvaluatedKey;
  while (next && pages < MAX_PAGES) {
    const page = await read(next);
    pages++;
    ctx.progress(`read ${pages} pages, ${(first.ScannedCount ?? 0) + (page.ScannedCount ?? 0)} items so far`);
    if (first.Items && page.Items) first.Items.push(...page.Items);
    first.Count = (first.Count ?? 0) + (page.Count ?? 0);
    first.ScannedCount = (first.ScannedCount ?? 0) + (page.ScannedCount ?? 0);
    if (first.ConsumedCapacity && page.ConsumedCapacity) first.ConsumedCapacity.CapacityUnits = (first.ConsumedCapacity.CapacityUnits ?? 0) + (page.ConsumedCapacity.CapacityUnits ?? 0);
    next = page.LastEvaluatedKey;
  }
  if (!ctx.dryRun) delete first.LastEvaluatedKey;
  return { output: first, pages };
}

/** One row of a side-by-side comparison: how many items a read read, returned and paid for. */
export function readRow(Operation: string, { output, pages }: ReadAllResult<Page>) {
  return { Operation, ItemsRead: output.ScannedCount, ItemsReturned: output.Count, CapacityUnits: output.ConsumedCapacity?.CapacityUnits, Pages: pages };
}
