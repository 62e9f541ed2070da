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
import { invalidParameter, validation } from './errors.js';
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
      throw validation(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value ${limit < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`);
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
  if (name.length < 3 || name.length > 255) {
    throw validation(`1 validation error detected: Value '${name}' at 'tableName' failed to satisfy constraint: Member must have length ${name.length < 3 ? 'greater than or equal to 3' : 'less than or equal to 255'}`);
  }
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) {
    throw validation(`1 validation error detected: Value '${name}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`);
  }
  const keySchema = (input.KeySchema ?? []).map((k) => ({ AttributeName: k.AttributeName!, KeyType: k.KeyType as 'HASH' | 'RANGE' }));
  if (keySchema.length < 1 || keySchema.length > 2) {
    throw validation(`1 validation error detected: Value '${JSON.stringify(input.KeySchema)}' at 'keySchema' failed to satisfy constraint: Member must have length ${keySchema.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 2'}`);
  }
  if (keySchema[0]!.KeyType !== 'HASH') throw validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (keySchema[1] && keySchema[1].KeyType !== 'RANGE') throw validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (keySchema[1] && keySchema[1].AttributeName === keySchema[0]!.AttributeName) {
    throw validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  const definitions = (input.AttributeDefinitions ?? []).map((d) => ({ AttributeName: d.AttributeName!, AttributeType: d.AttributeType as ScalarType }));
  definitions.forEach((d, i) => {
    if (!['S', 'N', 'B'].includes(d.AttributeType)) {
      throw validation(`1 validation error detected: Value '${d.AttributeType}' at 'attributeDefinitions.${i + 1}.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]`);
    }
  });
  const defined = definitions.map((d) => d.AttributeName);
  if (keySchema.some((k) => !defined.includes(k.AttributeName))) {
    throw invalidParameter(`Some index key attributes are not defined in AttributeDefinitions. Keys: [${keySchema.map((k) => k.AttributeName).join(', ')}], AttributeDefinitions: [${defined.join(', ')}]`);
  }
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
  for (const [member, units] of [['readCapacityUnits', throughput.ReadCapacityUnits], ['writeCapacityUnits', throughput.WriteCapacityUnits]] as const) {
    if (units < 1) {
      throw validation(`1 validation error detected: Value '${units}' at 'provisionedThroughput.${member}' failed to satisfy constraint: Member must have value greater than or equal to 1`);
    }
  }
  return { BillingMode: 'PROVISIONED', ReadCapacityUnits: throughput.ReadCapacityUnits, WriteCapacityUnits: throughput.WriteCapacityUnits };
}
