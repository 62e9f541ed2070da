/**
 * Loads many items with BatchWriteItem, 25 at a time (the API's limit), as
 * `aws dynamodb batch-write-item --request-items file://...` does. DynamoDB may accept only
 * part of a batch (throttling, or a batch over 16 MB) and hands the rest back as
 * UnprocessedItems: those are sent again after an exponential backoff, as AWS advises.
 */
import type { ConsumedCapacity, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { StepContext } from '../../src/runner/step-context.js';
import type { Item } from './attribute-value.js';
import { pause } from '../../src/runner/pause.js';

export const BATCH_WRITE_LIMIT = 25;
const MAX_RETRIES = 10;
const BASE_DELAY_MS = 50;
const MAX_DELAY_MS = 5_000;
// Progress every so many batches: a spinner needs no more, and a log file no more lines.
const PROGRESS_EVERY = 10;

export interface BatchWriteOptions {
  /** How the printed command names each batch's file: `movies` gives `file://movies-001.json`, or `movies.json` for one batch. */
  fileStem: string;
  returnConsumedCapacity?: boolean;
}

export interface BatchWriteSummary {
  TableName: string;
  ItemsWritten: number;
  BatchWriteItemCalls: number;
  /** Items DynamoDB handed back as UnprocessedItems and that were sent again. */
  UnprocessedItemsRetried: number;
  ConsumedWriteCapacityUnits?: number;
}

export async function batchWriteItems(ctx: StepContext, tableName: string, items: Item[], options: BatchWriteOptions): Promise<BatchWriteSummary> {
  const { BatchWriteItemCommand } = await import('@aws-sdk/client-dynamodb');
  const summary: BatchWriteSummary = { TableName: tableName, ItemsWritten: 0, BatchWriteItemCalls: 0, UnprocessedItemsRetried: 0 };
  let consumed = 0;
  const batches = Math.ceil(items.length / BATCH_WRITE_LIMIT);
  for (let batch = 0; batch < batches; batch++) {
    let requests: WriteRequest[] = items.slice(batch * BATCH_WRITE_LIMIT, (batch + 1) * BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    const file = batches === 1 ? `${options.fileStem}.json` : `${options.fileStem}-${String(batch + 1).padStart(3, '0')}.json`;
    for (let retry = 0; requests.length > 0; retry++) {
      if (retry > MAX_RETRIES) throw new Error(`DynamoDB still returned ${requests.length} UnprocessedItems for ${file} after ${MAX_RETRIES} retries`);
      if (retry > 0) {
        summary.UnprocessedItemsRetried += requests.length;
        ctx.progress(`${requests.length} unprocessed items in ${file}: retry ${retry} after a backoff`);
        await pause(backoffMs(retry), ctx.signal);
      }
      const command = new BatchWriteItemCommand({ RequestItems: { [tableName]: requests }, ...(options.returnConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' } : {}) });
      // The first batch's command teaches; the rest are alike and are counted at the end.
      const output = await ctx.call(command, { files: { RequestItems: file }, showCommand: summary.BatchWriteItemCalls === 0 });
      summary.BatchWriteItemCalls++;
      consumed += totalCapacity(output.ConsumedCapacity);
      const unprocessed = ctx.dryRun ? [] : (output.UnprocessedItems?.[tableName] ?? []);
      summary.ItemsWritten += requests.length - unprocessed.length;
      requests = unprocessed;
    }
    if (ctx.dryRun) {
      // Nothing is written in a dry run: one batch shows the command, the rest are alike.
      if (batches > 1) ctx.note(`... and ${batches - 1} more batch-write-item calls like it, ${BATCH_WRITE_LIMIT} items each.`);
      break;
    }
    if ((batch + 1) % PROGRESS_EVERY === 0 || batch === batches - 1) ctx.progress(`wrote ${summary.ItemsWritten} of ${items.length} items to ${tableName}`);
  }
  if (!ctx.dryRun && summary.BatchWriteItemCalls > 1) {
    ctx.note(`... and ${summary.BatchWriteItemCalls - 1} more batch-write-item calls like it (${options.fileStem}-002.json and on, up to ${BATCH_WRITE_LIMIT} items each).`);
  }
  if (options.returnConsumedCapacity) summary.ConsumedWriteCapacityUnits = consumed;
  return summary;
}

/** Exponential backoff with full jitter: retries from many clients do not land together. */
function backoffMs(retry: number): number {
  return Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry);
}

function totalCapacity(consumed: ConsumedCapacity[] | undefined): number {
  return (consumed ?? []).reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
}
