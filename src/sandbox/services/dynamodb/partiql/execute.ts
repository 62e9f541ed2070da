/**
 * ExecuteStatement: one PartiQL statement against one table. SELECT reads the table (or
 * an index) in key order a page at a time, Limit items evaluated or 1 MB a page, and
 * continues after the last evaluated key from NextToken. INSERT refuses an existing key;
 * UPDATE and DELETE name one item by equality on its whole key, and the rest of their
 * WHERE is a condition on it: UPDATE needs the item to exist, DELETE of a missing item
 * does nothing.
 */
import type { ExecuteStatementCommandInput, ExecuteStatementCommandOutput } from '@aws-sdk/client-dynamodb';
import { AwsError } from '../../../errors.js';
import type { Handler } from '../../../service.js';
import { capacityMember, itemWriteCapacity, noUsage, readConsistency, readUnits, type Usage } from '../capacity.js';
import { conditionalCheckFailed, constraintViolation, invalidParameter, validation } from '../errors.js';
import { applyUpdate, evaluateCondition, type AttributeValue, type Condition, type DocumentPath, type Item, type KeySchema } from '../expressions/index.js';
import { attributeEquals } from '../expressions/attribute-value.js';
import { assertIndexKeys, compareEntries, indexEntries, indexViews } from '../secondary-indexes.js';
import { MAX_ITEM_BYTES, onConditionCheckFailure } from '../items.js';
import { itemSize, validItem, validValue } from '../item-values.js';
import { compareKeys, itemKey, keyId } from '../keys.js';
import { fromSnapshot, toSnapshot } from '../snapshot.js';
import { keySchemaOf, type DynamoDbState, type RegionTables, type Table } from '../state.js';
import { missingKeyEquality } from './errors.js';
import { parseStatement, type Statement } from './parser.js';

const PAGE_BYTES = 1024 * 1024;

type SdkItem = NonNullable<ExecuteStatementCommandOutput['Items']>[number];
type Output = Omit<ExecuteStatementCommandOutput, '$metadata'>;

export function partiqlOperations(state: DynamoDbState) {
  const ExecuteStatement: Handler<ExecuteStatementCommandInput, ExecuteStatementCommandOutput> = (input, ctx) => {
    const parameters = (input.Parameters ?? []).map(validValue);
    const statement = parseStatement(input.Statement!, parameters);
    const tables = state.regionOf(ctx);
    const table = tables.activeTable(statement.table);
    if (statement.kind === 'select') return select(table, statement, input);
    const returnOld = onConditionCheckFailure(input.ReturnValuesOnConditionCheckFailure) === 'ALL_OLD';
    const usage = write(tables, table, statement, returnOld);
    return { Items: [], ...capacityMember(table.TableName, usage, input.ReturnConsumedCapacity) };
  };

  return { ExecuteStatement };
}

export function write(tables: RegionTables, table: Table, statement: Exclude<Statement, { kind: 'select' }>, returnOld: boolean): Usage {
  const schema = keySchemaOf(table);
  const key = statementKey(schema, statement);
  if (statement.kind === 'insert') {
    const item = validItem(statement.item);
    assertSize(item, 'Item size has exceeded the maximum allowed size');
    assertIndexKeys(table, item);
    const id = keyId(schema, key);
    if (table.items[id]) throw new AwsError('DuplicateItemException', 'Duplicate primary key exists in table');
    tables.writeItem(table, id, item);
    return itemWriteCapacity(table, undefined, item);
  }
  const id = keyId(schema, key);
  const old = table.items[id];
  if (statement.kind === 'delete') {
    if (old && !evaluateCondition(statement.where, old)) throw conditionalCheckFailed(returnOld ? old : undefined);
    tables.writeItem(table, id, undefined);
    return itemWriteCapacity(table, old, undefined);
  }
  if (!old || !evaluateCondition(statement.where, old)) throw conditionalCheckFailed(returnOld ? old : undefined);
  for (const action of statement.actions) {
    const attribute = (action.path[0] as { name: string }).name;
    if (attribute in key) throw invalidParameter(`Cannot update attribute ${attribute}. This attribute is part of the key`);
  }
  const next = applyUpdate(statement.actions, old).item;
  assertSize(next, 'Item size to update has exceeded the maximum allowed size');
  assertIndexKeys(table, next);
  tables.writeItem(table, id, next);
  return itemWriteCapacity(table, old, next);
}

/** The one item a write statement names. */
export function statementKey(schema: KeySchema, statement: Exclude<Statement, { kind: 'select' }>): Item {
  return statement.kind === 'insert' ? keyOrMissing(schema, validItem(statement.item)) : keyFromWhere(schema, statement.where);
}

/** INSERT's item names its whole key, in DynamoDB Local's words. */
function keyOrMissing(schema: KeySchema, item: Item): Item {
  for (const attribute of [schema.partitionKey, ...(schema.sortKey ? [schema.sortKey] : [])]) {
    if (item[attribute.name] === undefined) throw validation(`Key attribute should be present in the item: Key ${attribute.name}`);
  }
  return itemKey(schema, item);
}

/** The key an UPDATE or DELETE names: `key = value` for every key attribute, ANDed at the top of its WHERE. */
export function keyFromWhere(schema: KeySchema, where: Condition): Item {
  const key = keyEqualities(schema, where);
  if (!key) throw missingKeyEquality();
  return itemKey(schema, key);
}

/** The key attributes a WHERE fixes by equality, when it fixes all of them. */
export function keyEqualities(schema: KeySchema, where: Condition | undefined): Item | undefined {
  const equalities = topLevelEqualities(where);
  const key: Item = {};
  for (const attribute of [schema.partitionKey, ...(schema.sortKey ? [schema.sortKey] : [])]) {
    const value = equalities[attribute.name];
    if (value === undefined) return undefined;
    key[attribute.name] = value;
  }
  return key;
}

/** `attribute = value` conditions every match must meet: those ANDed at the top of a WHERE. */
function topLevelEqualities(where: Condition | undefined): Item {
  const equalities: Item = {};
  const visit = (condition: Condition): void => {
    if (condition.kind === 'and') {
      visit(condition.left);
      visit(condition.right);
    } else if (condition.kind === 'compare' && condition.op === '=') {
      const [path, value] = condition.left.kind === 'path' ? [condition.left, condition.right] : [condition.right, condition.left];
      if (path.kind === 'path' && value.kind === 'value' && path.path.length === 1) equalities[(path.path[0] as { name: string }).name] = value.value;
    }
  };
  if (where) visit(where);
  return equalities;
}

function select(table: Table, statement: Extract<Statement, { kind: 'select' }>, input: ExecuteStatementCommandInput): Output {
  if (input.Limit !== undefined && input.Limit < 1) {
    throw constraintViolation(input.Limit, 'limit', 'Member must have value greater than or equal to 1');
  }
  const source = selectSource(table, statement.index, input.ConsistentRead);
  const after = input.NextToken === undefined ? undefined : lastEvaluated(input.NextToken);
  // A WHERE that fixes the partition key reads that partition alone, as a Query would.
  const partition = topLevelEqualities(statement.where)[source.partitionKey];
  const candidates = source.entries.filter((entry) =>
    (!partition || (entry[source.partitionKey] !== undefined && attributeEquals(entry[source.partitionKey]!, partition)))
    && (!after || source.compare(entry, after) > 0));
  const Items: SdkItem[] = [];
  let bytes = 0;
  let evaluated = 0;
  for (const entry of candidates) {
    if (evaluated === input.Limit || bytes >= PAGE_BYTES) break;
    evaluated++;
    bytes += itemSize(entry);
    if (statement.where && !evaluateCondition(statement.where, entry)) continue;
    Items.push((statement.projection ? project(entry, statement.projection) : structuredClone(entry)) as SdkItem);
  }
  const more = evaluated < candidates.length;
  const usage: Usage = { ...noUsage(), table: readUnits(Math.max(1, bytes), readConsistency(input.ConsistentRead)) };
  return {
    Items,
    ...(more ? { NextToken: nextToken(source.keyOf(candidates[evaluated - 1]!)) } : {}),
    ...capacityMember(table.TableName, usage, input.ReturnConsumedCapacity),
  };
}

/** The items a SELECT reads, in order, and what of each a NextToken remembers. */
function selectSource(table: Table, indexName: string | undefined, consistentRead: boolean | undefined) {
  const schema = keySchemaOf(table);
  const keyNamesOf = (s: KeySchema) => [s.partitionKey.name, ...(s.sortKey ? [s.sortKey.name] : [])];
  if (indexName === undefined) {
    return {
      partitionKey: schema.partitionKey.name,
      entries: Object.values(table.items).sort((a, b) => compareKeys(schema, a, b)),
      compare: (a: Item, b: Item) => compareKeys(schema, a, b),
      keyOf: (item: Item) => pick(item, keyNamesOf(schema)),
    };
  }
  const view = indexViews(table).find((v) => v.index.IndexName === indexName);
  if (!view) throw validation(`The table does not have the specified index: ${indexName}`);
  if (view.kind === 'global' && consistentRead) throw validation('Consistent reads are not supported on global secondary indexes');
  return {
    partitionKey: view.schema.partitionKey.name,
    entries: indexEntries(view, Object.values(table.items)),
    compare: (a: Item, b: Item) => compareEntries(view, a, b),
    keyOf: (item: Item) => pick(item, [...new Set([...keyNamesOf(view.schema), ...keyNamesOf(schema)])]),
  };
}

/**
 * A SELECT list names each result attribute after its path's last name: `SELECT m.x`
 * answers `x`, and a trailing index stays in the name (`l[1]`), as DynamoDB answers.
 */
export function project(item: Item, paths: readonly DocumentPath[]): Item {
  const result: Item = {};
  for (const path of paths) {
    let value: AttributeValue | undefined = item[(path[0] as { name: string }).name];
    for (const element of path.slice(1)) {
      if (value === undefined) break;
      if ('name' in element) value = 'M' in value ? value.M[element.name] : undefined;
      else value = 'L' in value ? value.L[element.index] : undefined;
    }
    if (value !== undefined) result[resultName(path)] = structuredClone(value);
  }
  return result;
}

function resultName(path: DocumentPath): string {
  const lastName = path.findLastIndex((element) => 'name' in element);
  return path.slice(lastName).map((element) => ('name' in element ? element.name : `[${element.index}]`)).join('');
}

function pick(item: Item, names: string[]): Item {
  return Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]!]));
}

function nextToken(key: Item): string {
  return Buffer.from(JSON.stringify({ exclusiveStartKey: toSnapshot(key) })).toString('base64');
}

function lastEvaluated(token: string): Item {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { exclusiveStartKey?: unknown };
    if (decoded.exclusiveStartKey && typeof decoded.exclusiveStartKey === 'object') return fromSnapshot(decoded.exclusiveStartKey) as Item;
  } catch {
    // Falls through to the refusal below.
  }
  throw validation('Invalid NextToken');
}

function assertSize(item: Item, message: string): void {
  if (itemSize(item) > MAX_ITEM_BYTES) throw validation(message);
}
