/** DynamoDB's single-item operations: PutItem, GetItem, DeleteItem, UpdateItem. */
import type {
  DeleteItemCommandInput, DeleteItemCommandOutput, GetItemCommandInput, GetItemCommandOutput, PutItemCommandInput,
  PutItemCommandOutput, UpdateItemCommandInput, UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { Handler } from '../../service.js';
import { capacityMember, itemWriteCapacity, readConsistency, readUnits } from './capacity.js';
import { conditionalCheckFailed, constraintViolation, invalidParameter, validation } from './errors.js';
import { applyProjection, applyUpdate, evaluateCondition, type Condition, type DocumentPath, type Item } from './expressions/index.js';
import { assertIndexKeys } from './secondary-indexes.js';
import { itemCollectionMember, itemCollectionReport } from './item-collections.js';
import { itemSize, validItem } from './item-values.js';
import { itemKey, keyId, requestKey } from './keys.js';
import { parseExpressions } from './request-expressions.js';
import { keySchemaOf, type DynamoDbState, type RegionTables, type Table } from './state.js';

/** 400 KB, names and values together. */
export const MAX_ITEM_BYTES = 400 * 1024;

const RETURN_VALUES = ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'];

/** The SDK's AttributeValue union is structurally ours; the cast only drops its `$unknown` arm. */
type SdkItem = NonNullable<GetItemCommandOutput['Item']>;
const sdkItem = (item: Item): SdkItem => item as SdkItem;

export function itemOperations(state: DynamoDbState) {
  const PutItem: Handler<PutItemCommandInput, PutItemCommandOutput> = (input, ctx) => {
    const tables = state.regionOf(ctx);
    const table = tables.activeTable(input.TableName!);
    const schema = keySchemaOf(table);
    const item = validItem(input.Item!);
    const key = itemKey(schema, item);
    if (itemSize(item) > MAX_ITEM_BYTES) throw validation('Item size has exceeded the maximum allowed size');
    assertIndexKeys(table, item);
    return replaceOrRemove(tables, table, key, item, input);
  };

  const GetItem: Handler<GetItemCommandInput, GetItemCommandOutput> = (input, ctx) => {
    const table = state.regionOf(ctx).activeTable(input.TableName!);
    const schema = keySchemaOf(table);
    const id = keyId(schema, requestKey(schema, validItem(input.Key!)));
    const { projection } = parseExpressions(input, schema);
    const item = table.items[id];
    // A missing item still costs the smallest read.
    const usage = { table: readUnits(Math.max(1, item ? itemSize(item) : 0), readConsistency(input.ConsistentRead)), global: {}, local: {} };
    return {
      ...(item ? { Item: sdkItem(projection ? applyProjection(item, projection) : structuredClone(item)) } : {}),
      ...capacityMember(table.TableName, usage, input.ReturnConsumedCapacity),
    };
  };

  const DeleteItem: Handler<DeleteItemCommandInput, DeleteItemCommandOutput> = (input, ctx) => {
    const tables = state.regionOf(ctx);
    const table = tables.activeTable(input.TableName!);
    const schema = keySchemaOf(table);
    return replaceOrRemove(tables, table, requestKey(schema, validItem(input.Key!)), undefined, input);
  };

  /** Creates the item when absent, as DynamoDB does; key attributes cannot be updated. */
  const UpdateItem: Handler<UpdateItemCommandInput, UpdateItemCommandOutput> = (input, ctx) => {
    const tables = state.regionOf(ctx);
    const table = tables.activeTable(input.TableName!);
    const schema = keySchemaOf(table);
    const key = requestKey(schema, validItem(input.Key!));
    const id = keyId(schema, key);
    const returnValues = input.ReturnValues ?? 'NONE';
    assertReturnValuesMember(returnValues);
    const onFailure = onConditionCheckFailure(input.ReturnValuesOnConditionCheckFailure);
    const collectionMetrics = itemCollectionReport(input.ReturnItemCollectionMetrics);
    const { condition, update } = parseExpressions(input, schema);
    for (const action of update ?? []) {
      const attribute = (action.path[0] as { name: string }).name;
      if (attribute in key) throw invalidParameter(`Cannot update attribute ${attribute}. This attribute is part of the key`);
    }
    const old = table.items[id];
    assertCondition(condition, old, onFailure);
    const result = update ? applyUpdate(update, old ?? key) : { item: structuredClone(old ?? key), updatedPaths: [] };
    if (itemSize(result.item) > MAX_ITEM_BYTES) throw validation('Item size to update has exceeded the maximum allowed size');
    assertIndexKeys(table, result.item);
    tables.writeItem(table, id, result.item);
    const returned = updateReturnValues(returnValues, old, result);
    return {
      ...(returned && Object.keys(returned).length > 0 ? { Attributes: sdkItem(structuredClone(returned)) } : {}),
      ...capacityMember(table.TableName, itemWriteCapacity(table, old, result.item), input.ReturnConsumedCapacity),
      ...itemCollectionMember(table, key, collectionMetrics),
    };
  };

  return { PutItem, GetItem, DeleteItem, UpdateItem };
}

/**
 * PutItem's and DeleteItem's shared path, once the item or key is checked: the request's
 * options checked in DynamoDB's order, the condition tried on the item there now, then the
 * write (`next` undefined deletes) and what both may answer.
 */
function replaceOrRemove(tables: RegionTables, table: Table, key: Item, next: Item | undefined, input: PutItemCommandInput | DeleteItemCommandInput) {
  const schema = keySchemaOf(table);
  const id = keyId(schema, key);
  const returnValues = oldOnly(input.ReturnValues);
  const onFailure = onConditionCheckFailure(input.ReturnValuesOnConditionCheckFailure);
  const collectionMetrics = itemCollectionReport(input.ReturnItemCollectionMetrics);
  const { condition } = parseExpressions(input, schema);
  const old = table.items[id];
  assertCondition(condition, old, onFailure);
  tables.writeItem(table, id, next);
  return {
    ...(returnValues === 'ALL_OLD' && old ? { Attributes: sdkItem(old) } : {}),
    ...capacityMember(table.TableName, itemWriteCapacity(table, old, next), input.ReturnConsumedCapacity),
    ...itemCollectionMember(table, key, collectionMetrics),
  };
}

/** What UpdateItem returns: whole items, or only the paths the update wrote. */
function updateReturnValues(returnValues: string, old: Item | undefined, result: { item: Item; updatedPaths: DocumentPath[] }): Item | undefined {
  switch (returnValues) {
    case 'ALL_OLD':
      return old;
    case 'ALL_NEW':
      return result.item;
    case 'UPDATED_OLD':
      return old && applyProjection(old, result.updatedPaths);
    case 'UPDATED_NEW':
      return applyProjection(result.item, result.updatedPaths);
    default:
      return undefined;
  }
}

/** With ALL_OLD, a failed condition hands back the item it was checked against. */
function assertCondition(condition: Condition | undefined, old: Item | undefined, onFailure: 'NONE' | 'ALL_OLD'): void {
  if (condition && !evaluateCondition(condition, old ?? {})) throw conditionalCheckFailed(onFailure === 'ALL_OLD' && old ? old : undefined);
}

export function onConditionCheckFailure(value: string | undefined): 'NONE' | 'ALL_OLD' {
  const returned = value ?? 'NONE';
  if (returned !== 'NONE' && returned !== 'ALL_OLD') {
    throw constraintViolation(returned, 'returnValuesOnConditionCheckFailure', 'Member must satisfy enum value set: [ALL_OLD, NONE]');
  }
  return returned;
}

function assertReturnValuesMember(value: string): void {
  if (!RETURN_VALUES.includes(value)) {
    throw constraintViolation(value, 'returnValues', 'Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]');
  }
}

/** PutItem and DeleteItem can only return the item they replaced or removed. */
function oldOnly(value: string | undefined): 'NONE' | 'ALL_OLD' {
  const returnValues = value ?? 'NONE';
  assertReturnValuesMember(returnValues);
  if (returnValues !== 'NONE' && returnValues !== 'ALL_OLD') throw validation('Return values set to invalid value');
  return returnValues;
}
