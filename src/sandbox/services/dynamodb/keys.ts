/**
 * A table's primary key: checking the key of a request against the schema, the identity
 * two items share when their keys are equal, and the order DynamoDB keeps items in
 * (sort key numbers by value, strings and binaries by bytes).
 */
import { compareAttributes, typeOf } from './expressions/attribute-value.js';
import type { AttributeValue, Item, KeySchema } from './expressions/index.js';
import { invalidParameter, keyMismatch, validation } from './errors.js';

function keyNames(schema: KeySchema) {
  return schema.sortKey ? [schema.partitionKey, schema.sortKey] : [schema.partitionKey];
}

/** The key of a `Key` parameter (GetItem, DeleteItem, UpdateItem): exactly the key attributes. */
export function requestKey(schema: KeySchema, key: Item): Item {
  const names = keyNames(schema);
  if (Object.keys(key).length !== names.length) throw keyMismatch();
  for (const attribute of names) {
    const value = key[attribute.name];
    if (value === undefined || typeOf(value) !== attribute.type) throw keyMismatch();
    assertNotEmpty(attribute.name, value);
  }
  return key;
}

/** The key of a whole item (PutItem), in PutItem's own words. */
export function itemKey(schema: KeySchema, item: Item): Item {
  const key: Item = {};
  for (const attribute of keyNames(schema)) {
    const value = item[attribute.name];
    if (value === undefined) throw invalidParameter(`Missing the key ${attribute.name} in the item`);
    if (typeOf(value) !== attribute.type) {
      throw invalidParameter(`Type mismatch for key ${attribute.name} expected: ${attribute.type} actual: ${typeOf(value)}`);
    }
    assertNotEmpty(attribute.name, value);
    key[attribute.name] = value;
  }
  return key;
}

function assertNotEmpty(name: string, value: AttributeValue): void {
  const empty = ('S' in value && value.S === '') || ('B' in value && value.B.length === 0);
  if (empty) {
    const type = 'S' in value ? 'string' : 'binary';
    throw validation(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${type} value. Key: ${name}`);
  }
}

/** A string equal for equal keys: the identity items are stored under. */
export function keyId(schema: KeySchema, key: Item): string {
  return JSON.stringify(keyNames(schema).map((attribute) => keyValueId(key[attribute.name]!)));
}

/** A string equal for equal values of one key attribute (its type is fixed by the schema). */
export function keyValueId(value: AttributeValue): string {
  if ('B' in value) return Buffer.from(value.B).toString('base64');
  return 'S' in value ? value.S : (value as { N: string }).N;
}

/** The item order of a table: by partition key, then by sort key. */
export function compareKeys(schema: KeySchema, a: Item, b: Item): number {
  for (const attribute of keyNames(schema)) {
    const order = compareAttributes(a[attribute.name]!, b[attribute.name]!) ?? 0;
    if (order !== 0) return order;
  }
  return 0;
}

/** Only the key attributes of an item (LastEvaluatedKey, UpdateItem's new item). */
export function keyOf(schema: KeySchema, item: Item): Item {
  return Object.fromEntries(keyNames(schema).map((attribute) => [attribute.name, item[attribute.name]!]));
}
