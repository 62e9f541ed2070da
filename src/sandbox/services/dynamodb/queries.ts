/**
 * Query and Scan: items read in key order (Query within one partition, by sort key), a page
 * at a time. A page ends at Limit items read or 1 MB, whichever comes first; the
 * FilterExpression runs on the items read, so Count can be below ScannedCount.
 */
import type {
  QueryCommandInput, QueryCommandOutput, ScanCommandInput, ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { Handler } from '../../service.js';
import { validation } from './errors.js';
import { applyProjection, evaluateCondition, type Condition, type DocumentPath, type Item, type KeySchema } from './expressions/index.js';
import { itemSize, validItem } from './item-values.js';
import { compareKeys, keyOf, requestKey } from './keys.js';
import { parseExpressions } from './request-expressions.js';
import { keySchemaOf, type DynamoDbState } from './state.js';

const PAGE_BYTES = 1024 * 1024;

type SdkItem = NonNullable<QueryCommandOutput['LastEvaluatedKey']>;

interface PageRequest {
  schema: KeySchema;
  /** Candidates in the order they are read. */
  items: Item[];
  forward: boolean;
  limit?: number;
  exclusiveStartKey?: Item;
  filter?: Condition;
  projection?: DocumentPath[];
  countOnly: boolean;
}

export function queryOperations(state: DynamoDbState) {
  const Query: Handler<QueryCommandInput, QueryCommandOutput> = (input, ctx) => {
    const table = state.regionOf(ctx).activeTable(input.TableName!);
    const schema = keySchemaOf(table);
    if (input.KeyConditionExpression === undefined) {
      throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
    }
    const { keyCondition, filter, projection } = parseExpressions(input, schema);
    const items = Object.values(table.items)
      .filter((item) => evaluateCondition(keyCondition!.condition, item))
      .sort((a, b) => compareKeys(schema, a, b));
    return readPage({ schema, items, forward: input.ScanIndexForward ?? true, filter, projection, ...paging(input, schema) });
  };

  const Scan: Handler<ScanCommandInput, ScanCommandOutput> = (input, ctx) => {
    const table = state.regionOf(ctx).activeTable(input.TableName!);
    const schema = keySchemaOf(table);
    const { filter, projection } = parseExpressions(input, schema);
    const items = Object.values(table.items).sort((a, b) => compareKeys(schema, a, b));
    return readPage({ schema, items, forward: true, filter, projection, ...paging(input, schema) });
  };

  return { Query, Scan };
}

function paging(input: QueryCommandInput | ScanCommandInput, schema: KeySchema) {
  if (input.Limit !== undefined && input.Limit < 1) {
    throw validation(`1 validation error detected: Value '${input.Limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  }
  const select = input.Select ?? 'ALL_ATTRIBUTES';
  if (select === 'ALL_PROJECTED_ATTRIBUTES') throw validation('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'SPECIFIC_ATTRIBUTES' && input.ProjectionExpression === undefined) {
    throw validation('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  }
  return {
    limit: input.Limit,
    exclusiveStartKey: input.ExclusiveStartKey && requestKey(schema, validItem(input.ExclusiveStartKey)),
    countOnly: select === 'COUNT',
  };
}

function readPage(request: PageRequest) {
  const { schema, forward, limit, exclusiveStartKey: start } = request;
  const ordered = forward ? request.items : [...request.items].reverse();
  const remaining = start ? ordered.filter((item) => compareKeys(schema, item, start) * (forward ? 1 : -1) > 0) : ordered;
  const read: Item[] = [];
  let bytes = 0;
  for (const item of remaining) {
    if (read.length === limit || bytes >= PAGE_BYTES) break;
    read.push(item);
    bytes += itemSize(item);
  }
  // DynamoDB stops at Limit without looking further, so a full page always says where it stopped.
  const stopped = read.length === limit || read.length < remaining.length;
  const matched = request.filter ? read.filter((item) => evaluateCondition(request.filter!, item)) : read;
  const projection = request.projection;
  return {
    ...(request.countOnly ? {} : { Items: matched.map((item) => (projection ? applyProjection(item, projection) : structuredClone(item)) as SdkItem) }),
    Count: matched.length,
    ScannedCount: read.length,
    ...(stopped && read.length > 0 ? { LastEvaluatedKey: keyOf(schema, read.at(-1)!) as SdkItem } : {}),
  };
}
