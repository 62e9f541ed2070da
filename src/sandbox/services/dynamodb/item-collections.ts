/**
 * ReturnItemCollectionMetrics SIZE: for a table with local secondary indexes, the size of
 * the item collection a write touched (every item of one partition key, plus what the LSIs
 * project of them), as AWS gives it: a range of whole gigabytes.
 */
import type { ItemCollectionMetrics } from '@aws-sdk/client-dynamodb';
import { constraintViolation } from './errors.js';
import type { Item } from './expressions/index.js';
import { indexEntry, indexViews } from './secondary-indexes.js';
import { itemSize } from './item-values.js';
import { keyId } from './keys.js';
import { keySchemaOf, type Table } from './state.js';

const GB = 1024 ** 3;

export function itemCollectionReport(value: string | undefined): boolean {
  const report = value ?? 'NONE';
  if (report !== 'SIZE' && report !== 'NONE') {
    throw constraintViolation(report, 'returnItemCollectionMetrics', 'Member must satisfy enum value set: [SIZE, NONE]');
  }
  return report === 'SIZE';
}

/** The metrics of the collection holding `key`, or nothing when the table has no LSI. */
export function itemCollectionMetrics(table: Table, key: Item): ItemCollectionMetrics | undefined {
  const locals = indexViews(table).filter((view) => view.kind === 'local');
  if (locals.length === 0) return undefined;
  const partition = { partitionKey: keySchemaOf(table).partitionKey };
  const collection = keyId(partition, key);
  let bytes = 0;
  for (const item of Object.values(table.items)) {
    if (keyId(partition, item) !== collection) continue;
    bytes += itemSize(item);
    for (const view of locals) {
      const entry = indexEntry(view, item);
      if (entry) bytes += itemSize(entry);
    }
  }
  const lower = Math.floor(bytes / GB);
  const name = partition.partitionKey.name;
  return { ItemCollectionKey: { [name]: key[name]! } as ItemCollectionMetrics['ItemCollectionKey'], SizeEstimateRangeGB: [lower, lower + 1] };
}

/** `{ ItemCollectionMetrics }` to spread into a single-item write's response, or nothing. */
export function itemCollectionMember(table: Table, key: Item, report: boolean): { ItemCollectionMetrics?: ItemCollectionMetrics } {
  const metrics = report ? itemCollectionMetrics(table, key) : undefined;
  return metrics ? { ItemCollectionMetrics: metrics } : {};
}
