/**
 * BatchWriteItem (25 requests) and BatchGetItem (100 keys) across tables. Every request is
 * checked before any is applied, so a refused batch changes nothing; the sandbox never
 * throttles, so nothing is left unprocessed.
 */
import type {
  BatchGetItemCommandInput, BatchGetItemCommandOutput, BatchWriteItemCommandInput, BatchWriteItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { Handler } from '../../service.js';
import { invalidParameter, validation } from './errors.js';
import { applyProjection, type Item } from './expressions/index.js';
import { MAX_ITEM_BYTES } from './items.js';
import { itemSize, validItem } from './item-values.js';
import { itemKey, keyId, requestKey } from './keys.js';
import { parseExpressions } from './request-expressions.js';
import { keySchemaOf, type DynamoDbState, type Table } from './state.js';

const MAX_WRITES = 25;
const MAX_GETS = 100;

type SdkItem = NonNullable<BatchGetItemCommandOutput['Responses']>[string][number];

export function batchOperations(state: DynamoDbState) {
  const BatchWriteItem: Handler<BatchWriteItemCommandInput, BatchWriteItemCommandOutput> = (input, ctx) => {
    const requests = Object.entries(input.RequestItems!);
    assertBatchSize(requests.map(([, writes]) => writes.length), MAX_WRITES, 'BatchWriteItem');
    const tables = state.regionOf(ctx);
    const writes: { table: Table; id: string; item?: Item }[] = [];
    for (const [tableName, tableWrites] of requests) {
      const table = tables.activeTable(tableName);
      const schema = keySchemaOf(table);
      const ids = new Set<string>();
      for (const write of tableWrites) {
        if ((write.PutRequest === undefined) === (write.DeleteRequest === undefined)) {
          throw invalidParameter('A WriteRequest must contain exactly one of PutRequest or DeleteRequest');
        }
        const item = write.PutRequest && validItem(write.PutRequest.Item ?? {});
        const key = item ? itemKey(schema, item) : requestKey(schema, validItem(write.DeleteRequest!.Key ?? {}));
        if (item && itemSize(item) > MAX_ITEM_BYTES) throw validation('Item size has exceeded the maximum allowed size');
        const id = keyId(schema, key);
        if (ids.has(id)) throw validation('Provided list of item keys contains duplicates');
        ids.add(id);
        writes.push({ table, id, ...(item ? { item } : {}) });
      }
    }
    for (const { table, id, item } of writes) tables.writeItem(table, id, item);
    return { UnprocessedItems: {} };
  };

  const BatchGetItem: Handler<BatchGetItemCommandInput, BatchGetItemCommandOutput> = (input, ctx) => {
    const requests = Object.entries(input.RequestItems!);
    assertBatchSize(requests.map(([, request]) => request.Keys?.length ?? 0), MAX_GETS, 'BatchGetItem');
    const reads = requests.map(([tableName, request]) => {
      const table = state.regionOf(ctx).activeTable(tableName);
      const schema = keySchemaOf(table);
      const ids = (request.Keys ?? []).map((key) => keyId(schema, requestKey(schema, validItem(key))));
      if (new Set(ids).size !== ids.length) throw validation('Provided list of item keys contains duplicates');
      return { tableName, table, ids, projection: parseExpressions(request, schema).projection };
    });
    const Responses = Object.fromEntries(reads.map(({ tableName, table, ids, projection }) => [
      tableName,
      ids.flatMap((id) => {
        const item = table.items[id];
        if (!item) return [];
        return [(projection ? applyProjection(item, projection) : structuredClone(item)) as SdkItem];
      }),
    ]));
    return { Responses, UnprocessedKeys: {} };
  };

  return { BatchWriteItem, BatchGetItem };
}

function assertBatchSize(counts: number[], max: number, operation: string): void {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (counts.length === 0) {
    throw validation("1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  if (total > max) throw validation(`Too many items requested for the ${operation} call`);
}
