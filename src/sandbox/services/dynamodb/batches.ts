/**
 * BatchWriteItem (25 requests) and BatchGetItem (100 keys) across tables. Every request is
 * checked before any is applied, so a refused batch changes nothing; the sandbox never
 * throttles, so nothing is left unprocessed.
 */
import type {
  BatchGetItemCommandInput, BatchGetItemCommandOutput, BatchWriteItemCommandInput, BatchWriteItemCommandOutput, ConsumedCapacity,
  ItemCollectionMetrics,
} from '@aws-sdk/client-dynamodb';
import type { Handler } from '../../service.js';
import { addUsage, consumedCapacity, itemWriteCapacity, noUsage, readConsistency, readUnits, type Usage } from './capacity.js';
import { constraintViolation, validation } from './errors.js';
import { applyProjection, type Item } from './expressions/index.js';
import { assertIndexKeys } from './secondary-indexes.js';
import { itemCollectionMetrics, itemCollectionReport } from './item-collections.js';
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
    const writes: { table: Table; id: string; key: Item; item?: Item }[] = [];
    for (const [tableName, tableWrites] of requests) {
      const table = tables.activeTable(tableName);
      const schema = keySchemaOf(table);
      const ids = new Set<string>();
      for (const write of tableWrites) {
        if ((write.PutRequest === undefined) === (write.DeleteRequest === undefined)) {
          // WriteRequest is a union, and DynamoDB words a broken union as it does an AttributeValue.
          throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
        }
        const item = write.PutRequest && validItem(write.PutRequest.Item ?? {});
        const key = item ? itemKey(schema, item) : requestKey(schema, validItem(write.DeleteRequest!.Key ?? {}));
        if (item && itemSize(item) > MAX_ITEM_BYTES) throw validation('Item size has exceeded the maximum allowed size');
        if (item) assertIndexKeys(table, item);
        const id = keyId(schema, key);
        if (ids.has(id)) throw validation('Provided list of item keys contains duplicates');
        ids.add(id);
        writes.push({ table, id, key, ...(item ? { item } : {}) });
      }
    }
    const collectionMetrics = itemCollectionReport(input.ReturnItemCollectionMetrics);
    const usage = new Map<Table, Usage>();
    for (const { table, id, item } of writes) {
      const { old } = tables.writeItem(table, id, item);
      if (!usage.has(table)) usage.set(table, noUsage());
      addUsage(usage.get(table)!, itemWriteCapacity(table, old, item));
    }
    return {
      UnprocessedItems: {},
      ...perTable(usage, input.ReturnConsumedCapacity),
      ...(collectionMetrics ? collectionsTouched(writes) : {}),
    };
  };

  const BatchGetItem: Handler<BatchGetItemCommandInput, BatchGetItemCommandOutput> = (input, ctx) => {
    const requests = Object.entries(input.RequestItems!);
    assertBatchSize(requests.map(([, request]) => request.Keys?.length ?? 0), MAX_GETS, 'BatchGetItem');
    const reads = requests.map(([tableName, request]) => {
      const table = state.regionOf(ctx).activeTable(tableName);
      const schema = keySchemaOf(table);
      const ids = (request.Keys ?? []).map((key) => keyId(schema, requestKey(schema, validItem(key))));
      if (new Set(ids).size !== ids.length) throw validation('Provided list of item keys contains duplicates');
      return { tableName, table, ids, projection: parseExpressions(request, schema).projection, consistency: readConsistency(request.ConsistentRead) };
    });
    const usage = new Map<Table, Usage>();
    const Responses = Object.fromEntries(reads.map(({ tableName, table, ids, projection, consistency }) => {
      const found = ids.flatMap((id) => (table.items[id] ? [table.items[id]] : []));
      // Each item is its own read, rounded on its own; a key with no item costs nothing here.
      usage.set(table, { table: found.reduce((sum, item) => sum + readUnits(itemSize(item), consistency), 0), global: {}, local: {} });
      return [tableName, found.map((item) => (projection ? applyProjection(item, projection) : structuredClone(item)) as SdkItem)];
    }));
    return { Responses, UnprocessedKeys: {}, ...perTable(usage, input.ReturnConsumedCapacity) };
  };

  return { BatchWriteItem, BatchGetItem };
}

/** One ItemCollectionMetrics per item collection written, listed by table (tables with LSIs only). */
function collectionsTouched(writes: { table: Table; key: Item }[]): { ItemCollectionMetrics?: Record<string, ItemCollectionMetrics[]> } {
  const byTable: Record<string, ItemCollectionMetrics[]> = {};
  const seen = new Set<string>();
  for (const { table, key } of writes) {
    const metrics = itemCollectionMetrics(table, key);
    const collection = `${table.TableName}\n${JSON.stringify(metrics?.ItemCollectionKey)}`;
    if (!metrics || seen.has(collection)) continue;
    seen.add(collection);
    (byTable[table.TableName] ??= []).push(metrics);
  }
  return { ItemCollectionMetrics: byTable };
}

/** Batches report one ConsumedCapacity per table, in a list. */
function perTable(usage: Map<Table, Usage>, report: string | undefined): { ConsumedCapacity?: ConsumedCapacity[] } {
  const consumed = [...usage].flatMap(([table, units]) => consumedCapacity(table.TableName, units, report) ?? []);
  return consumed.length > 0 ? { ConsumedCapacity: consumed } : {};
}

function assertBatchSize(counts: number[], max: number, operation: string): void {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (counts.length === 0) {
    throw constraintViolation('{}', 'requestItems', 'Member must have length greater than or equal to 1');
  }
  if (total > max) throw validation(`Too many items requested for the ${operation} call`);
}
