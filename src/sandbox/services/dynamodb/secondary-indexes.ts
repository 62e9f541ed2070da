/**
 * Secondary indexes as items see them. An index holds no items of its own: its entries are
 * the table's items that carry every index key attribute (an index is sparse), cut down to
 * the projection and ordered by index key, then table key, as DynamoDB keeps them.
 */
import { typeOf } from './expressions/attribute-value.js';
import type { Item, KeySchema } from './expressions/index.js';
import { validation } from './errors.js';
import { compareKeys } from './keys.js';
import { keySchemaFrom, keySchemaOf, type GlobalSecondaryIndex, type SecondaryIndex, type Table } from './state.js';

export interface IndexView {
  kind: 'global' | 'local';
  index: SecondaryIndex | GlobalSecondaryIndex;
  /** The index's own key, for key conditions and ordering. */
  schema: KeySchema;
  /** The table's key: every entry carries it too. */
  tableSchema: KeySchema;
}

/** Every index items are written to: LSIs, and GSIs not being dropped. */
export function indexViews(table: Table): IndexView[] {
  const tableSchema = keySchemaOf(table);
  const view = (kind: IndexView['kind'], index: SecondaryIndex) => ({ kind, index, schema: keySchemaFrom(table, index.KeySchema), tableSchema });
  return [
    ...(table.LocalSecondaryIndexes ?? []).map((index) => view('local', index)),
    ...(table.GlobalSecondaryIndexes ?? []).filter((index) => index.deletedAt === undefined).map((index) => view('global', index)),
  ];
}

const keyNames = (schema: KeySchema) => [schema.partitionKey.name, ...(schema.sortKey ? [schema.sortKey.name] : [])];

/** The attribute names an entry always carries: the table key and the index key. */
export function entryKeyNames(view: IndexView): string[] {
  return [...new Set([...keyNames(view.tableSchema), ...keyNames(view.schema)])];
}

/** The item as the index holds it, or undefined when it lacks an index key attribute. */
export function indexEntry(view: IndexView, item: Item | undefined): Item | undefined {
  if (!item || keyNames(view.schema).some((name) => item[name] === undefined)) return undefined;
  const projection = view.index.Projection;
  if (projection.ProjectionType === 'ALL') return item;
  const names = [...entryKeyNames(view), ...(projection.ProjectionType === 'INCLUDE' ? projection.NonKeyAttributes ?? [] : [])];
  return Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]!]));
}

/** An index's entries in its order: by index key, then by table key. */
export function indexEntries(view: IndexView, items: Iterable<Item>): Item[] {
  return unorderedIndexEntries(view, items).sort((a, b) => compareEntries(view, a, b));
}

/** An index's entries in no order: a Query sorts only the partition it reads. */
export function unorderedIndexEntries(view: IndexView, items: Iterable<Item>): Item[] {
  const entries: Item[] = [];
  for (const item of items) {
    const entry = indexEntry(view, item);
    if (entry) entries.push(entry);
  }
  return entries;
}

export function compareEntries(view: IndexView, a: Item, b: Item): number {
  return compareKeys(view.schema, a, b) || compareKeys(view.tableSchema, a, b);
}

/** Whether an attribute is in the index's entries without fetching the table item. */
export function isProjected(view: IndexView, name: string): boolean {
  const projection = view.index.Projection;
  return projection.ProjectionType === 'ALL' || entryKeyNames(view).includes(name) || (projection.NonKeyAttributes ?? []).includes(name);
}

/**
 * An item written to a table must give each index key it carries the type the table
 * defines, and no empty string or binary: DynamoDB refuses the write otherwise.
 */
export function assertIndexKeys(table: Table, item: Item): void {
  for (const view of indexViews(table)) {
    for (const key of [view.schema.partitionKey, ...(view.schema.sortKey ? [view.schema.sortKey] : [])]) {
      const value = item[key.name];
      if (value === undefined) continue;
      if (typeOf(value) !== key.type) {
        throw validation(`One or more parameter values were invalid: Type mismatch for Index Key ${key.name} Expected: ${key.type} Actual: ${typeOf(value)} IndexName: ${view.index.IndexName}`);
      }
      const empty = ('S' in value && value.S === '') || ('B' in value && value.B.length === 0);
      if (empty) {
        throw validation(`One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${'S' in value ? 'string' : 'binary'} value. IndexName: ${view.index.IndexName}, IndexKey: ${key.name}`);
      }
    }
  }
}
