/**
 * Capacity units by DynamoDB's rules, for ReturnConsumedCapacity TOTAL and INDEXES.
 *
 * For reuse (transactions charge twice a strongly consistent read or a standard write):
 *   readUnits(bytes: number, read: 'eventual' | 'strong' | 'transactional'): number
 *   writeUnits(bytes: number, transactional = false): number
 *   itemWriteCapacity(table: Table, old: Item | undefined, next: Item | undefined, transactional = false): Usage
 *   addUsage(into: Usage, more: Usage): Usage
 *   consumedCapacity(tableName: string, usage: Usage, report: string | undefined): ConsumedCapacity | undefined
 *
 * Reads cost one unit per 4 KB (half when eventually consistent), writes one per 1 KB, by
 * the item size of item-values.ts. A write costs the larger of the item before and after.
 * Each secondary index an item enters, leaves or changes in costs its own write units: one
 * write for an entry put or deleted, two when the index key changes (delete, then put).
 */
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { Item, KeySchema } from './expressions/index.js';
import { indexEntry, indexViews } from './secondary-indexes.js';
import { itemSize } from './item-values.js';
import { keyId } from './keys.js';
import type { Table } from './state.js';

const READ_UNIT_BYTES = 4096;
const WRITE_UNIT_BYTES = 1024;

/** Units one operation consumed on one table: the table itself and each index it touched. */
export interface Usage {
  table: number;
  /** Index name -> units. An index listed here is reported even at zero (the one a Query read). */
  global: Record<string, number>;
  local: Record<string, number>;
}

export const noUsage = (): Usage => ({ table: 0, global: {}, local: {} });

export function readUnits(bytes: number, read: 'eventual' | 'strong' | 'transactional'): number {
  const units = Math.ceil(bytes / READ_UNIT_BYTES);
  return read === 'eventual' ? units / 2 : read === 'transactional' ? units * 2 : units;
}

/** Every write costs at least one unit, even deleting an item that is not there. */
export function writeUnits(bytes: number, transactional = false): number {
  const units = Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
  return transactional ? units * 2 : units;
}

export const readConsistency = (consistentRead: boolean | undefined) => (consistentRead ? 'strong' : 'eventual') as 'strong' | 'eventual';

/** What writing `next` over `old` (either may be absent) costs on the table and its indexes. */
export function itemWriteCapacity(table: Table, old: Item | undefined, next: Item | undefined, transactional = false): Usage {
  const usage: Usage = { table: writeUnits(Math.max(old ? itemSize(old) : 0, next ? itemSize(next) : 0), transactional), global: {}, local: {} };
  for (const view of indexViews(table)) {
    const before = indexEntry(view, old);
    const after = indexEntry(view, next);
    const units = indexWriteUnits(view.schema, before, after, transactional);
    if (units > 0) usage[view.kind][view.index.IndexName] = units;
  }
  return usage;
}

/** Old and new are the same table item, so only the index key can move the entry. */
function indexWriteUnits(indexSchema: KeySchema, before: Item | undefined, after: Item | undefined, transactional: boolean): number {
  const units = (entry: Item) => writeUnits(itemSize(entry), transactional);
  if (!before && !after) return 0;
  if (!before) return units(after!);
  if (!after) return units(before);
  if (keyId(indexSchema, before) !== keyId(indexSchema, after)) return units(before) + units(after);
  // An entry whose projected attributes did not change is not rewritten.
  return sameEntry(before, after) ? 0 : writeUnits(Math.max(itemSize(before), itemSize(after)), transactional);
}

function sameEntry(a: Item, b: Item): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] !== undefined && sameValue(a[name], b[name]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

export function addUsage(into: Usage, more: Usage): Usage {
  into.table += more.table;
  for (const kind of ['global', 'local'] as const) {
    for (const [name, units] of Object.entries(more[kind])) into[kind][name] = (into[kind][name] ?? 0) + units;
  }
  return into;
}

const capacity = (units: Record<string, number>) => Object.fromEntries(Object.entries(units).map(([name, CapacityUnits]) => [name, { CapacityUnits }]));

/** The ConsumedCapacity member a response carries: nothing unless asked for. */
export function consumedCapacity(tableName: string, usage: Usage, report: string | undefined): ConsumedCapacity | undefined {
  if (report !== 'TOTAL' && report !== 'INDEXES') return undefined;
  const indexUnits = [...Object.values(usage.global), ...Object.values(usage.local)];
  const total = indexUnits.reduce((sum, units) => sum + units, usage.table);
  if (report === 'TOTAL') return { TableName: tableName, CapacityUnits: total };
  return {
    TableName: tableName,
    CapacityUnits: total,
    Table: { CapacityUnits: usage.table },
    ...(Object.keys(usage.local).length > 0 ? { LocalSecondaryIndexes: capacity(usage.local) } : {}),
    ...(Object.keys(usage.global).length > 0 ? { GlobalSecondaryIndexes: capacity(usage.global) } : {}),
  };
}

/** `{ ConsumedCapacity }` to spread into a single-table response, or nothing. */
export function capacityMember(tableName: string, usage: Usage, report: string | undefined): { ConsumedCapacity?: ConsumedCapacity } {
  const consumed = consumedCapacity(tableName, usage, report);
  return consumed ? { ConsumedCapacity: consumed } : {};
}
