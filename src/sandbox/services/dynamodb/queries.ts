/**
 * Query and Scan, of a table or of one of its secondary indexes: items read in key order
 * (Query within one partition, by sort key), a page at a time. A page ends at Limit items
 * read or 1 MB, whichever comes first; the FilterExpression runs on the items read, so
 * Count can be below ScannedCount, and capacity is charged for every item read.
 */
import { createHash } from 'node:crypto';
import type {
  QueryCommandInput, QueryCommandOutput, ScanCommandInput, ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { Handler } from '../../service.js';
import { capacityMember, readConsistency, readUnits, type Usage } from './capacity.js';
import { constraintViolation, validation } from './errors.js';
import { compareAttributes } from './expressions/attribute-value.js';
import type { Operand } from './expressions/ast.js';
import {
  applyProjection, evaluateCondition, type Condition, type DocumentPath, type Item, type KeyConditions, type KeySchema,
} from './expressions/index.js';
import { compareEntries, entryKeyNames, indexViews, isProjected, unorderedIndexEntries, type IndexView } from './secondary-indexes.js';
import { itemSize, validItem } from './item-values.js';
import { compareKeys, keyId, keyOf, requestKey } from './keys.js';
import { partitionItems } from './partitions.js';
import { parseExpressions } from './request-expressions.js';
import { keySchemaOf, type DynamoDbState, type RegionTables, type Table } from './state.js';

const PAGE_BYTES = 1024 * 1024;
const MAX_SEGMENTS = 1_000_000;

type SdkItem = NonNullable<QueryCommandOutput['LastEvaluatedKey']>;
type ReadInput = QueryCommandInput | ScanCommandInput;

/** What a Query or Scan reads: the table's items, or an index's entries. */
interface Source {
  table: Table;
  view?: IndexView;
  /** The key a KeyConditionExpression is written against. */
  schema: KeySchema;
  /** Every candidate, in no order: a Scan reads them all, a Query of an index those its key condition keeps. */
  all(): Item[];
  compare(a: Item, b: Item): number;
  /** The key a page stops at, and an ExclusiveStartKey is checked as. */
  keyNames: string[];
}

interface PageRequest {
  source: Source;
  /** What the read goes through, in key order. */
  entries: Item[];
  forward: boolean;
  limit?: number;
  exclusiveStartKey?: Item;
  filter?: Condition;
  projection?: DocumentPath[];
  countOnly: boolean;
  /** An LSI read that needs attributes outside the projection takes them from the table. */
  fetch: boolean;
  consistentRead?: boolean;
}

export function queryOperations(state: DynamoDbState) {
  const Query: Handler<QueryCommandInput, QueryCommandOutput> = (input, ctx) => {
    const tables = state.regionOf(ctx);
    const source = sourceOf(tables, tables.activeTable(input.TableName!), input);
    if (input.KeyConditionExpression === undefined) {
      throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
    }
    const { keyCondition, filter, projection } = parseExpressions(input, source.schema);
    const keyFiltered = filter && attributesOf(filter).find((name) => keyNamesOf(source.schema).includes(name));
    if (keyFiltered) throw validation(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${keyFiltered}`);
    // A table's Query reads one partition, as DynamoDB does; an index's is worked out from the table.
    const candidates = source.view ? source.all() : partitionItems(source.table, keyCondition!.partitionKey.value);
    const entries = candidates.filter((entry) => evaluateCondition(keyCondition!.condition, entry)).sort(source.compare);
    const page = paging(input, source, projection);
    if (page.exclusiveStartKey) assertWithinQuery(page.exclusiveStartKey, keyCondition!);
    return readPage({ source, entries, forward: input.ScanIndexForward ?? true, filter, projection, ...page }, input);
  };

  const Scan: Handler<ScanCommandInput, ScanCommandOutput> = (input, ctx) => {
    const tables = state.regionOf(ctx);
    const source = sourceOf(tables, tables.activeTable(input.TableName!), input);
    const segment = segmentOf(input);
    const { filter, projection } = parseExpressions(input, source.schema);
    const all = source.all();
    const entries = (segment ? all.filter((entry) => segment.holds(entry, source.schema)) : all).sort(source.compare);
    return readPage({ source, entries, forward: true, filter, projection, ...paging(input, source, projection) }, input);
  };

  return { Query, Scan };
}

function sourceOf(tables: RegionTables, table: Table, input: ReadInput): Source {
  const tableSchema = keySchemaOf(table);
  if (input.IndexName === undefined) {
    return {
      table,
      schema: tableSchema,
      all: () => Object.values(table.items),
      compare: (a, b) => compareKeys(tableSchema, a, b),
      keyNames: table.KeySchema.map((k) => k.AttributeName),
    };
  }
  const view = indexViews(table).find((v) => v.index.IndexName === input.IndexName);
  if (!view) throw validation(`The table does not have the specified index: ${input.IndexName}`);
  if (view.kind === 'global') {
    if (input.ConsistentRead) throw validation('Consistent reads are not supported on global secondary indexes');
    const index = table.GlobalSecondaryIndexes!.find((i) => i === view.index)!;
    if (tables.indexStatus(table, index) === 'CREATING') throw validation(`Cannot read from backfilling global secondary index: ${input.IndexName}`);
  }
  return {
    table,
    view,
    schema: view.schema,
    all: () => unorderedIndexEntries(view, Object.values(table.items)),
    compare: (a, b) => compareEntries(view, a, b),
    keyNames: entryKeyNames(view),
  };
}

function paging(input: ReadInput, source: Source, projection: DocumentPath[] | undefined) {
  if (input.Limit !== undefined && input.Limit < 1) {
    throw constraintViolation(input.Limit, 'limit', 'Member must have value greater than or equal to 1');
  }
  const view = source.view;
  const select = input.Select ?? (projection ? 'SPECIFIC_ATTRIBUTES' : view ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES');
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !view) throw validation('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'COUNT' && input.ProjectionExpression !== undefined) throw validation('Cannot specify the ProjectionExpression when choosing to get only the Count');
  if (select === 'SPECIFIC_ATTRIBUTES' && input.ProjectionExpression === undefined) {
    throw validation('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  }
  const wholeItems = select === 'ALL_ATTRIBUTES' && view !== undefined && view.index.Projection.ProjectionType !== 'ALL';
  if (wholeItems && view.kind === 'global') {
    throw validation(`One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${view.index.IndexName} because its projection type is not ALL`);
  }
  const outside = view ? [...new Set((projection ?? []).map((path) => (path[0] as { name: string }).name))].filter((name) => !isProjected(view, name)) : [];
  if (outside.length > 0 && view!.kind === 'global') {
    throw validation(`One or more parameter values were invalid: Global secondary index ${view!.index.IndexName} does not project [${outside.join(', ')}]`);
  }
  return {
    limit: input.Limit,
    exclusiveStartKey: input.ExclusiveStartKey && startKey(source, validItem(input.ExclusiveStartKey), 'KeyConditionExpression' in input),
    countOnly: select === 'COUNT',
    fetch: view?.kind === 'local' && (wholeItems || outside.length > 0),
    consistentRead: input.ConsistentRead,
  };
}

/**
 * A table's start key is its primary key; an index's carries the table key and the index
 * key. AWS words a malformed one differently: a Query's bare, a table Scan's with the reason.
 */
function startKey(source: Source, key: Item, query: boolean): Item {
  const names = source.keyNames;
  if (Object.keys(key).length !== names.length || names.some((name) => key[name] === undefined)) {
    throw validation(query || source.view ? 'The provided starting key is invalid' : 'The provided starting key is invalid: The provided key element does not match the schema');
  }
  const tableSchema = source.view?.tableSchema ?? source.schema;
  try {
    requestKey(tableSchema, keyOf(tableSchema, key));
  } catch (error) {
    throw validation(`The provided starting key is invalid: ${(error as Error).message}`);
  }
  return key;
}

/** A Query can only resume inside what its key condition selects, as DynamoDB checks. */
function assertWithinQuery(start: Item, keyCondition: KeyConditions): void {
  const partition = keyCondition.partitionKey;
  const samePartition = start[partition.name] !== undefined && compareAttributes(start[partition.name]!, partition.value) === 0;
  if (!keyCondition.sortKey) {
    if (!samePartition) throw validation('The provided starting key is outside query boundaries based on provided condition');
    return;
  }
  if (!evaluateCondition(keyCondition.condition, { ...start, [partition.name]: partition.value })) {
    throw validation('The provided starting key does not match the range key predicate');
  }
  if (!samePartition) throw validation('The query can return at most one row and cannot be restarted');
}

const keyNamesOf = (schema: KeySchema) => [schema.partitionKey.name, ...(schema.sortKey ? [schema.sortKey.name] : [])];

/** The top-level attribute names a condition reads. */
function attributesOf(condition: Condition): string[] {
  const ofPath = (path: DocumentPath) => [(path[0] as { name: string }).name];
  const ofOperand = (operand: Operand): string[] => (operand.kind === 'value' ? [] : ofPath(operand.path));
  switch (condition.kind) {
    case 'compare':
      return [...ofOperand(condition.left), ...ofOperand(condition.right)];
    case 'between':
      return [condition.operand, condition.low, condition.high].flatMap(ofOperand);
    case 'in':
      return [condition.operand, ...condition.list].flatMap(ofOperand);
    case 'and':
    case 'or':
      return [...attributesOf(condition.left), ...attributesOf(condition.right)];
    case 'not':
      return attributesOf(condition.condition);
    case 'attribute_type':
      return [...ofPath(condition.path), ...ofOperand(condition.type)];
    case 'begins_with':
    case 'contains':
      return [...ofPath(condition.path), ...ofOperand(condition.operand)];
    default:
      return ofPath(condition.path);
  }
}

function readPage(request: PageRequest, input: ReadInput) {
  const { source, forward, limit, exclusiveStartKey: start } = request;
  const ordered = forward ? request.entries : [...request.entries].reverse();
  const remaining = start ? ordered.filter((entry) => source.compare(entry, start) * (forward ? 1 : -1) > 0) : ordered;
  const read: Item[] = [];
  let bytes = 0;
  for (const entry of remaining) {
    if (read.length === limit || bytes >= PAGE_BYTES) break;
    read.push(entry);
    bytes += itemSize(entry);
  }
  // DynamoDB stops at Limit without looking further, so a full page always says where it stopped.
  const stopped = read.length === limit || read.length < remaining.length;
  const tableSchema = keySchemaOf(source.table);
  const items = request.fetch ? read.map((entry) => source.table.items[keyId(tableSchema, entry)]!) : read;
  const matched = request.filter ? items.filter((item) => evaluateCondition(request.filter!, item)) : items;
  const projection = request.projection;
  return {
    ...(request.countOnly ? {} : { Items: matched.map((item) => (projection ? applyProjection(item, projection) : structuredClone(item)) as SdkItem) }),
    Count: matched.length,
    ScannedCount: read.length,
    ...(stopped && read.length > 0 ? { LastEvaluatedKey: pick(read.at(-1)!, source.keyNames) as SdkItem } : {}),
    ...capacityMember(source.table.TableName, readUsage(request, bytes, request.fetch ? items : []), input.ReturnConsumedCapacity),
  };
}

/**
 * One rounding over everything read. An LSI read that fetches from the table also charges
 * the table for each fetched item, rounded up on its own, as a GetItem would be.
 */
function readUsage(request: PageRequest, bytesRead: number, fetched: Item[]): Usage {
  const consistency = readConsistency(request.consistentRead);
  const view = request.source.view;
  if (!view) return { table: readUnits(bytesRead, consistency), global: {}, local: {} };
  const table = fetched.reduce((sum, item) => sum + readUnits(itemSize(item), consistency), 0);
  return { table, global: {}, local: {}, [view.kind]: { [view.index.IndexName]: readUnits(bytesRead, consistency) } };
}

const pick = (item: Item, names: string[]): Item => Object.fromEntries(names.map((name) => [name, item[name]!]));

/**
 * Parallel Scan: segment n of TotalSegments reads the partitions whose key hashes into the
 * n-th slice of the hash space, so the segments together read every item exactly once.
 */
function segmentOf(input: ScanCommandInput): { holds(entry: Item, schema: KeySchema): boolean } | undefined {
  const { Segment: segment, TotalSegments: total } = input;
  if (total !== undefined && (total < 1 || total > MAX_SEGMENTS)) {
    throw constraintViolation(total, 'totalSegments', `Member must have value ${total < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_SEGMENTS}`}`);
  }
  if (segment !== undefined && (segment < 0 || segment > MAX_SEGMENTS - 1)) {
    throw constraintViolation(segment, 'segment', `Member must have value ${segment < 0 ? 'greater than or equal to 0' : `less than or equal to ${MAX_SEGMENTS - 1}`}`);
  }
  if (segment !== undefined && total === undefined) {
    throw validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  }
  if (total !== undefined && segment === undefined) {
    throw validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  }
  if (segment === undefined || total === undefined) return undefined;
  if (segment >= total) {
    throw validation(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${total}`);
  }
  return {
    holds: (entry, schema) => {
      const hash = createHash('md5').update(keyId({ partitionKey: schema.partitionKey }, entry)).digest().readUInt32BE(0);
      return Math.floor((hash * total) / 2 ** 32) === segment;
    },
  };
}
