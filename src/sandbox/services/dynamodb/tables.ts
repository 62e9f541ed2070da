/**
 * DynamoDB's table operations: CreateTable (with its Tags and StreamSpecification),
 * DescribeTable, ListTables, DeleteTable.
 */
import type {
  CreateTableCommandInput, CreateTableCommandOutput, DeleteTableCommandInput, DeleteTableCommandOutput,
  DescribeTableCommandInput, DescribeTableCommandOutput, ListTablesCommandInput, ListTablesCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { Handler } from '../../service.js';
import { describeTable } from './describe-table.js';
import { checkCapacityUnits, checkKeysDefined, checkName, keySchemaElements } from './definition-checks.js';
import { constraintViolation, invalidParameter, validation } from './errors.js';
import { secondaryIndexes } from './secondary-index-definitions.js';
import type { DynamoDbState, ScalarType, TableDefinition } from './state.js';
import { RegionStreams } from './streams.js';
import { checkedStreamSpecification, closeStreamOf } from './table-streams.js';
import { tagsOfNewTable } from './tags.js';

const LIST_LIMIT = 100;

export function tableOperations(state: DynamoDbState) {
  /** Tags and the stream are checked first, so a refused one creates nothing; a stream is enabled as the table is created. */
  const CreateTable: Handler<CreateTableCommandInput, CreateTableCommandOutput> = (input, ctx) => {
    const tags = input.Tags === undefined ? undefined : tagsOfNewTable(input.Tags);
    const viewType = input.StreamSpecification && checkedStreamSpecification(input.StreamSpecification);
    const table = state.regionOf(ctx).createTable(tableDefinition(input));
    if (viewType) RegionStreams.of(state, ctx).enable(table, viewType, table.createdAt);
    if (tags) table.tags = tags;
    return { TableDescription: describeTable(state, ctx, table) };
  };

  const DescribeTable: Handler<DescribeTableCommandInput, DescribeTableCommandOutput> = (input, ctx) => ({
    Table: describeTable(state, ctx, state.regionOf(ctx).table(input.TableName!)),
  });

  /** The answer still shows the stream enabled; it closes with its table. */
  const DeleteTable: Handler<DeleteTableCommandInput, DeleteTableCommandOutput> = (input, ctx) => {
    const table = state.regionOf(ctx).deleteTable(input.TableName!);
    const TableDescription = describeTable(state, ctx, table);
    closeStreamOf(RegionStreams.of(state, ctx), table);
    return { TableDescription };
  };

  /** Names after ExclusiveStartTableName, at most Limit (1..100) a page. */
  const ListTables: Handler<ListTablesCommandInput, ListTablesCommandOutput> = (input, ctx) => {
    const limit = input.Limit ?? LIST_LIMIT;
    if (limit < 1 || limit > LIST_LIMIT) {
      throw constraintViolation(limit, 'limit', `Member must have value ${limit < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`);
    }
    const start = input.ExclusiveStartTableName;
    const names = state.regionOf(ctx).tableNames().filter((name) => start === undefined || name > start);
    const TableNames = names.slice(0, limit);
    return names.length > limit ? { TableNames, LastEvaluatedTableName: TableNames.at(-1)! } : { TableNames };
  };

  return { CreateTable, DescribeTable, ListTables, DeleteTable };
}

/** CreateTable's input checked in the order DynamoDB reports problems. */
function tableDefinition(input: CreateTableCommandInput): TableDefinition {
  const name = input.TableName!;
  checkName(name, 'tableName');
  const keySchema = keySchemaElements(input.KeySchema, 'keySchema');
  if (keySchema[0]!.KeyType !== 'HASH') throw validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (keySchema[1] && keySchema[1].KeyType !== 'RANGE') throw validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (keySchema[1] && keySchema[1].AttributeName === keySchema[0]!.AttributeName) {
    throw validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  const definitions = (input.AttributeDefinitions ?? []).map((d) => ({ AttributeName: d.AttributeName!, AttributeType: d.AttributeType as ScalarType }));
  definitions.forEach((d, i) => {
    if (!['S', 'N', 'B'].includes(d.AttributeType)) {
      throw constraintViolation(d.AttributeType, `attributeDefinitions.${i + 1}.member.attributeType`, 'Member must satisfy enum value set: [B, N, S]');
    }
  });
  checkKeysDefined(keySchema, definitions.map((d) => d.AttributeName));
  const withIndexes = input.LocalSecondaryIndexes !== undefined || input.GlobalSecondaryIndexes !== undefined;
  if (!withIndexes && definitions.length !== keySchema.length) {
    throw invalidParameter('Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  }
  const table = { TableName: name, KeySchema: keySchema, AttributeDefinitions: definitions, ...capacity(input) };
  return { ...table, ...secondaryIndexes(input, table) };
}

function capacity(input: CreateTableCommandInput): Pick<TableDefinition, 'BillingMode' | 'ReadCapacityUnits' | 'WriteCapacityUnits'> {
  const throughput = input.ProvisionedThroughput;
  if (input.BillingMode === 'PAY_PER_REQUEST') {
    if (throughput) throw invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    return { BillingMode: 'PAY_PER_REQUEST', ReadCapacityUnits: 0, WriteCapacityUnits: 0 };
  }
  if (throughput?.ReadCapacityUnits === undefined || throughput.WriteCapacityUnits === undefined) {
    throw validation('One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED');
  }
  const units = { ReadCapacityUnits: throughput.ReadCapacityUnits, WriteCapacityUnits: throughput.WriteCapacityUnits };
  checkCapacityUnits(units, 'provisionedThroughput');
  return { BillingMode: 'PROVISIONED', ...units };
}
