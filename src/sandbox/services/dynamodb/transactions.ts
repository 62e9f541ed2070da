/**
 * TransactWriteItems and TransactGetItems: up to 100 actions across tables, all or nothing.
 * Every action is checked and every condition evaluated before anything is written; if any
 * fails, nothing is, and TransactionCanceledException lists one reason per action in
 * request order. A ClientRequestToken makes a write idempotent for ten minutes.
 */
import type {
  CancellationReason, ConsumedCapacity, TransactGetItemsCommandInput, TransactGetItemsCommandOutput, TransactWriteItem,
  TransactWriteItemsCommandInput, TransactWriteItemsCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { AwsError } from '../../errors.js';
import type { Handler } from '../../service.js';
import { addUsage, consumedCapacity, itemWriteCapacity, noUsage, readUnits, type Usage } from './capacity.js';
import { constraintViolation, invalidParameter, validation } from './errors.js';
import { applyProjection, applyUpdate, evaluateCondition, type Condition, type Item, type UpdateAction } from './expressions/index.js';
import { assertIndexKeys } from './secondary-indexes.js';
import { MAX_ITEM_BYTES } from './items.js';
import { itemSize, validItem } from './item-values.js';
import { itemKey, keyId, requestKey } from './keys.js';
import { parseExpressions } from './request-expressions.js';
import { toSnapshot } from './snapshot.js';
import { keySchemaOf, type DynamoDbState, type RegionTables, type Table } from './state.js';

const MAX_ACTIONS = 100;
const TOKEN_LIFETIME_MS = 10 * 60 * 1000;

type WriteKind = 'ConditionCheck' | 'Put' | 'Delete' | 'Update';
const WRITE_KINDS: readonly WriteKind[] = ['ConditionCheck', 'Put', 'Delete', 'Update'];

/** One write action, parsed and its key found, not yet evaluated against the table. */
interface WriteAction {
  kind: WriteKind;
  table: Table;
  id: string;
  key: Item;
  item?: Item;
  condition?: Condition;
  update?: UpdateAction[];
  returnOldOnFailure: boolean;
}

/** What an action does once its condition held: the item it leaves (undefined deletes), or nothing. */
type Outcome = { write: Item | undefined } | { reason: CancellationReason } | { checked: true };

interface SeenToken {
  request: string;
  at: number;
  /** Table name -> what the transaction consumed, reported again to a retry. */
  usage: Map<string, Usage>;
}

type SdkItem = NonNullable<CancellationReason['Item']>;

export function transactionOperations(state: DynamoDbState) {
  // Keyed by the state's table record, which a reset replaces: a reset forgets tokens too.
  const tokens = new WeakMap<object, Map<string, SeenToken>>();

  const TransactWriteItems: Handler<TransactWriteItemsCommandInput, TransactWriteItemsCommandOutput> = (input, ctx) => {
    const requests = input.TransactItems!;
    assertActionCount(requests.length);
    if (input.ReturnItemCollectionMetrics !== undefined && input.ReturnItemCollectionMetrics !== 'NONE') {
      throw validation('The lab sandbox does not support ReturnItemCollectionMetrics on TransactWriteItems yet.');
    }
    const seen = tokens.get(state.tables) ?? new Map<string, SeenToken>();
    tokens.set(state.tables, seen);
    for (const [key, { at }] of seen) if (ctx.clock.now() - at >= TOKEN_LIFETIME_MS) seen.delete(key);
    const token = input.ClientRequestToken === undefined ? undefined : `${ctx.region}/${input.ClientRequestToken}`;
    const request = JSON.stringify(toSnapshot(requests));
    const earlier = token === undefined ? undefined : seen.get(token);
    if (earlier) {
      if (earlier.request !== request) {
        throw new AwsError('IdempotentParameterMismatchException',
          'DynamoDB rejected the request because you retried a request with a different payload but with an idempotent token that was already used.');
      }
      return capacityMember(earlier.usage, input.ReturnConsumedCapacity);
    }

    const tables = state.regionOf(ctx);
    const actions = requests.map((item, i) => writeAction(tables, item, i));
    assertOneActionPerItem(actions.map((action) => `${action.table.TableName}/${action.id}`));
    const outcomes = actions.map(evaluate);
    const reasons = outcomes.map((outcome) => ('reason' in outcome ? outcome.reason : { Code: 'None' }));
    if (reasons.some((reason) => reason.Code !== 'None')) throw transactionCanceled(reasons);
    const usage = new Map<string, Usage>();
    actions.forEach((action, i) => {
      const outcome = outcomes[i]!;
      const old = action.table.items[action.id];
      if ('write' in outcome) {
        tables.writeItem(action.table, action.id, outcome.write);
        // Writing nothing over nothing costs one plain unit: DynamoDB Local's measure.
        addTo(usage, action.table, itemWriteCapacity(action.table, old, outcome.write, old !== undefined || outcome.write !== undefined));
      } else {
        addTo(usage, action.table, { ...noUsage(), table: transactionalRead(old) });
      }
    });
    if (token !== undefined) seen.set(token, { request, at: ctx.clock.now(), usage });
    return capacityMember(usage, input.ReturnConsumedCapacity);
  };

  const TransactGetItems: Handler<TransactGetItemsCommandInput, TransactGetItemsCommandOutput> = (input, ctx) => {
    const requests = input.TransactItems!;
    assertActionCount(requests.length);
    const tables = state.regionOf(ctx);
    const reads = requests.map(({ Get: get }) => {
      const table = tables.activeTable(get!.TableName!);
      const schema = keySchemaOf(table);
      const id = keyId(schema, requestKey(schema, validItem(get!.Key!)));
      return { table, id, projection: parseExpressions(get!, schema).projection };
    });
    assertOneActionPerItem(reads.map(({ table, id }) => `${table.TableName}/${id}`));
    const usage = new Map<string, Usage>();
    for (const { table, id } of reads) addTo(usage, table, { ...noUsage(), table: transactionalRead(table.items[id]) });
    return {
      ...capacityMember(usage, input.ReturnConsumedCapacity),
      Responses: reads.map(({ table, id, projection }) => {
        const item = table.items[id];
        if (!item) return {};
        return { Item: (projection ? applyProjection(item, projection) : structuredClone(item)) as SdkItem };
      }),
    };
  };

  return { TransactWriteItems, TransactGetItems };
}

/** One TransactWriteItem checked: exactly one action, its table ACTIVE, its expressions and key valid. */
function writeAction(tables: RegionTables, request: TransactWriteItem, index: number): WriteAction {
  const present = WRITE_KINDS.filter((kind) => request[kind] !== undefined);
  if (present.length === 0) throw validation('Invalid Request: TransactWriteRequest should contain Delete or Put or Update request');
  if (present.length > 1) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
  const kind = present[0]!;
  const member = request[kind] as NonNullable<TransactWriteItem['Put']> & NonNullable<TransactWriteItem['Update']>;
  const table = tables.activeTable(member.TableName!);
  const schema = keySchemaOf(table);
  const returnValues = member.ReturnValuesOnConditionCheckFailure ?? 'NONE';
  if (returnValues !== 'NONE' && returnValues !== 'ALL_OLD') {
    throw constraintViolation(returnValues, `transactItems.${index + 1}.member.${kind === 'ConditionCheck' ? 'conditionCheck' : kind.toLowerCase()}.returnValuesOnConditionCheckFailure`, 'Member must satisfy enum value set: [ALL_OLD, NONE]');
  }
  const { condition, update } = parseExpressions(member, schema);
  const item = kind === 'Put' ? validItem(member.Item!) : undefined;
  const key = item ? itemKey(schema, item) : requestKey(schema, validItem(member.Key!));
  return {
    kind, table, key, id: keyId(schema, key), returnOldOnFailure: returnValues === 'ALL_OLD',
    ...(item ? { item } : {}), ...(condition ? { condition } : {}), ...(update ? { update } : {}),
  };
}

/**
 * An action against the table as it is now. A failed condition, or an item the action would
 * make invalid, is this action's cancellation reason rather than an error of the request.
 */
function evaluate(action: WriteAction): Outcome {
  const old = action.table.items[action.id];
  if (action.condition && !evaluateCondition(action.condition, old ?? {})) {
    return {
      reason: {
        Code: 'ConditionalCheckFailed',
        // A ConditionCheck's reason ends with a period, a Put's, Update's or Delete's without, as AWS words them.
        Message: action.kind === 'ConditionCheck' ? 'The conditional request failed.' : 'The conditional request failed',
        ...(action.returnOldOnFailure && old ? { Item: structuredClone(old) as SdkItem } : {}),
      },
    };
  }
  try {
    switch (action.kind) {
      case 'ConditionCheck':
        return { checked: true };
      case 'Delete':
        return { write: undefined };
      case 'Put':
        return { write: writable(action.table, action.item!, 'Item size has exceeded the maximum allowed size') };
      case 'Update': {
        for (const update of action.update ?? []) {
          const attribute = (update.path[0] as { name: string }).name;
          if (attribute in action.key) throw invalidParameter(`Cannot update attribute ${attribute}. This attribute is part of the key`);
        }
        const next = action.update ? applyUpdate(action.update, old ?? action.key).item : structuredClone(old ?? action.key);
        return { write: writable(action.table, next, 'Item size to update has exceeded the maximum allowed size') };
      }
    }
  } catch (error) {
    if (error instanceof AwsError && error.code === 'ValidationException') return { reason: { Code: 'ValidationError', Message: error.message } };
    throw error;
  }
}

/** A transactional read costs twice a strongly consistent one, a missing item as a small one. */
function transactionalRead(item: Item | undefined): number {
  return readUnits(Math.max(1, item ? itemSize(item) : 0), 'transactional');
}

function addTo(usage: Map<string, Usage>, table: Table, more: Usage): void {
  usage.set(table.TableName, addUsage(usage.get(table.TableName) ?? noUsage(), more));
}

/** One ConsumedCapacity a table, in the order the request first named them. */
function capacityMember(usage: Map<string, Usage>, report: string | undefined): { ConsumedCapacity?: ConsumedCapacity[] } {
  const consumed = [...usage].flatMap(([tableName, units]) => consumedCapacity(tableName, units, report) ?? []);
  return consumed.length > 0 ? { ConsumedCapacity: consumed } : {};
}

/** An item the table can hold: within 400 KB, its index key attributes of the right types. */
function writable(table: Table, item: Item, sizeMessage: string): Item {
  if (itemSize(item) > MAX_ITEM_BYTES) throw validation(sizeMessage);
  assertIndexKeys(table, item);
  return item;
}

function transactionCanceled(reasons: CancellationReason[]): AwsError {
  return new AwsError('TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    { fields: { CancellationReasons: reasons } });
}

function assertActionCount(count: number): void {
  if (count < 1) throw constraintViolation('[]', 'transactItems', 'Member must have length greater than or equal to 1');
  if (count > MAX_ACTIONS) throw validation(`Member must have length less than or equal to ${MAX_ACTIONS}`);
}

function assertOneActionPerItem(items: string[]): void {
  if (new Set(items).size !== items.length) throw validation('Transaction request cannot include multiple operations on one item');
}
