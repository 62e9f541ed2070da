/**
 * BatchExecuteStatement: up to 25 PartiQL statements, all reads or all writes, each on
 * one item named by its whole key. Unlike a transaction, each statement stands alone: one
 * that fails answers an Error in its place in Responses and the others still run.
 */
import type {
  BatchExecuteStatementCommandInput, BatchExecuteStatementCommandOutput, BatchStatementErrorCodeEnum, BatchStatementResponse, ConsumedCapacity,
} from '@aws-sdk/client-dynamodb';
import { AwsError } from '../../../errors.js';
import type { Handler } from '../../../service.js';
import { addUsage, consumedCapacity, noUsage, readConsistency, readUnits, type Usage } from '../capacity.js';
import { constraintViolation, validation } from '../errors.js';
import type { Item } from '../expressions/index.js';
import { onConditionCheckFailure } from '../items.js';
import { itemSize, validValue } from '../item-values.js';
import { itemKey, keyId } from '../keys.js';
import { keySchemaOf, type DynamoDbState, type Table } from '../state.js';
import { keyEqualities, project, statementKey, write } from './execute.js';
import { parseStatement, type Statement } from './parser.js';

const MAX_STATEMENTS = 25;

/** The code a statement's error answers with, by the exception the same statement alone would raise. */
const ERROR_CODES: Record<string, BatchStatementErrorCodeEnum> = {
  ConditionalCheckFailedException: 'ConditionalCheckFailed',
  DuplicateItemException: 'DuplicateItem',
  ResourceNotFoundException: 'ResourceNotFound',
  ValidationException: 'ValidationError',
};

type SdkItem = NonNullable<BatchStatementResponse['Item']>;

/** A statement ready to run against its item, or the error it answers instead. */
type Prepared = { statement: Statement; table: Table; key: Item; returnOld: boolean; consistentRead?: boolean } | { error: BatchStatementResponse };

export function batchPartiqlOperations(state: DynamoDbState) {
  const BatchExecuteStatement: Handler<BatchExecuteStatementCommandInput, BatchExecuteStatementCommandOutput> = (input, ctx) => {
    const requests = input.Statements!;
    if (requests.length < 1) {
      throw constraintViolation('[]', 'statements', 'Member must have length greater than or equal to 1');
    }
    if (requests.length > MAX_STATEMENTS) throw validation(`Member must have length less than or equal to ${MAX_STATEMENTS}`);
    const tables = state.regionOf(ctx);
    const prepared = requests.map((request): Prepared => {
      let table: Table | undefined;
      try {
        const statement = parseStatement(request.Statement!, (request.Parameters ?? []).map(validValue));
        table = tables.activeTable(statement.table);
        const returnOld = onConditionCheckFailure(request.ReturnValuesOnConditionCheckFailure) === 'ALL_OLD';
        return { statement, table, key: keyOf(table, statement), returnOld, ...(request.ConsistentRead ? { consistentRead: true } : {}) };
      } catch (error) {
        return { error: statementError(error, table) };
      }
    });
    const kinds = new Set(prepared.flatMap((p) => ('statement' in p ? [p.statement.kind === 'select' ? 'read' : 'write'] : [])));
    if (kinds.size > 1) throw validation('Read and write requests together in the same batch is not supported.');
    const items = prepared.flatMap((p) => ('statement' in p ? [`${p.table.TableName}/${keyId(keySchemaOf(p.table), p.key)}`] : []));
    if (new Set(items).size !== items.length) throw validation('Provided list of item keys contains duplicates');

    const usage = new Map<string, Usage>();
    const charge = (table: Table, more: Usage) => usage.set(table.TableName, addUsage(usage.get(table.TableName) ?? noUsage(), more));
    const Responses = prepared.map((p): BatchStatementResponse => {
      if ('error' in p) return p.error;
      const { statement, table, key } = p;
      const id = keyId(keySchemaOf(table), key);
      if (statement.kind === 'select') {
        const item = table.items[id];
        charge(table, { ...noUsage(), table: readUnits(Math.max(1, item ? itemSize(item) : 0), readConsistency(p.consistentRead)) });
        if (!item) return { TableName: table.TableName };
        return { TableName: table.TableName, Item: (statement.projection ? project(item, statement.projection) : structuredClone(item)) as SdkItem };
      }
      try {
        charge(table, write(tables, table, statement, p.returnOld));
        return { TableName: table.TableName };
      } catch (error) {
        return statementError(error, table);
      }
    });
    const consumed = [...usage].flatMap(([tableName, units]): ConsumedCapacity[] => {
      const one = consumedCapacity(tableName, units, input.ReturnConsumedCapacity);
      return one ? [one] : [];
    });
    return { Responses, ...(consumed.length > 0 ? { ConsumedCapacity: consumed } : {}) };
  };

  return { BatchExecuteStatement };
}

/** A batch reads one item a statement: its WHERE fixes the whole key. */
function keyOf(table: Table, statement: Statement): Item {
  const schema = keySchemaOf(table);
  if (statement.kind !== 'select') return statementKey(schema, statement);
  const key = keyEqualities(schema, statement.where);
  if (!key || statement.index !== undefined) throw validation('Only single item select is supported');
  return itemKey(schema, key);
}

function statementError(error: unknown, table: Table | undefined): BatchStatementResponse {
  const code = error instanceof AwsError ? ERROR_CODES[error.code] : undefined;
  if (!code) throw error;
  const item = (error as AwsError).fields.Item as SdkItem | undefined;
  return {
    Error: { Code: code, Message: (error as AwsError).message, ...(item ? { Item: item } : {}) },
    ...(table && code !== 'ResourceNotFound' ? { TableName: table.TableName } : {}),
  };
}
