/**
 * A table's items grouped by partition key value, so a Query reads one partition rather
 * than every item of the table, as DynamoDB does. Built on a table's first Query and kept
 * current by listening to every item write; not saved (a restored table builds it again).
 */
import type { AttributeValue, Item } from './expressions/index.js';
import { keyValueId } from './keys.js';
import type { DynamoDbState, ItemChange, Table } from './state.js';

/** table -> partition value id -> key id -> item. */
const partitions = new WeakMap<Table, Map<string, Map<string, Item>>>();

function partitionName(table: Table): string {
  return table.KeySchema.find((key) => key.KeyType === 'HASH')!.AttributeName;
}

function built(table: Table): Map<string, Map<string, Item>> {
  let byValue = partitions.get(table);
  if (!byValue) {
    byValue = new Map();
    const name = partitionName(table);
    for (const [keyId, item] of Object.entries(table.items)) {
      const id = keyValueId(item[name]!);
      let members = byValue.get(id);
      if (!members) byValue.set(id, (members = new Map()));
      members.set(keyId, item);
    }
    partitions.set(table, byValue);
  }
  return byValue;
}

/** The items whose partition key equals `value`, in no order. */
export function partitionItems(table: Table, value: AttributeValue): Item[] {
  return [...(built(table).get(keyValueId(value))?.values() ?? [])];
}

/** Every item write reaches the partition index its table has built, if any. */
export function keepPartitionsCurrent(state: DynamoDbState): void {
  state.changeListeners.push(notePartitionWrite);
}

/** Keeps a built index current; no new item is a delete. A key's partition never changes. */
function notePartitionWrite({ table, keyId, old, new: next }: ItemChange): void {
  const byValue = partitions.get(table);
  const item = next ?? old;
  if (!byValue || !item) return;
  const id = keyValueId(item[partitionName(table)]!);
  let members = byValue.get(id);
  if (next) {
    if (!members) byValue.set(id, (members = new Map()));
    members.set(keyId, next);
  } else if (members) {
    members.delete(keyId);
    if (members.size === 0) byValue.delete(id);
  }
}
