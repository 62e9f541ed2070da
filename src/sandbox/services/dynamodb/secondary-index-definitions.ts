/**
 * The secondary indexes of a CreateTable (or UpdateTable's Create) request, checked in the
 * order DynamoDB reports problems, with its messages: local indexes first, then global,
 * then whether every AttributeDefinition is used by some key.
 */
import type { CreateTableCommandInput, GlobalSecondaryIndex as SdkGlobalIndex, LocalSecondaryIndex as SdkLocalIndex } from '@aws-sdk/client-dynamodb';
import { checkCapacityUnits, checkKeysDefined, checkName, keySchemaElements } from './definition-checks.js';
import { constraintViolation, invalidParameter, validation } from './errors.js';
import type { GlobalIndexDefinition, SecondaryIndex, TableDefinition } from './state.js';

const MAX_LOCAL_INDEXES = 5;
export const MAX_GLOBAL_INDEXES = 20;
const PROJECTION_TYPES = ['ALL', 'INCLUDE', 'KEYS_ONLY'];

type Attributes = Pick<TableDefinition, 'KeySchema' | 'AttributeDefinitions' | 'BillingMode'>;

export function secondaryIndexes(input: CreateTableCommandInput, table: Attributes): Pick<TableDefinition, 'LocalSecondaryIndexes' | 'GlobalSecondaryIndexes'> {
  const names = new Set<string>();
  const unique = (name: string) => {
    if (names.has(name)) throw invalidParameter(`Duplicate index name: ${name}`);
    names.add(name);
  };
  let LocalSecondaryIndexes: SecondaryIndex[] | undefined;
  if (input.LocalSecondaryIndexes) {
    if (input.LocalSecondaryIndexes.length === 0) throw invalidParameter('List of LocalSecondaryIndexes is empty');
    if (table.KeySchema.length !== 2) {
      throw invalidParameter('Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
    }
    LocalSecondaryIndexes = input.LocalSecondaryIndexes.map((sdk, i) => {
      const index = localIndex(sdk, `localSecondaryIndexes.${i + 1}`, table);
      unique(index.IndexName);
      return index;
    });
    if (LocalSecondaryIndexes.length > MAX_LOCAL_INDEXES) {
      throw invalidParameter(`Number of LocalSecondaryIndexes exceeds per-table limit of ${MAX_LOCAL_INDEXES}`);
    }
  }
  let GlobalSecondaryIndexes: GlobalIndexDefinition[] | undefined;
  if (input.GlobalSecondaryIndexes) {
    if (input.GlobalSecondaryIndexes.length === 0) throw invalidParameter('List of GlobalSecondaryIndexes is empty');
    GlobalSecondaryIndexes = input.GlobalSecondaryIndexes.map((sdk, i) => {
      const index = globalIndex(sdk, `globalSecondaryIndexes.${i + 1}`, table, 'CreateTable');
      unique(index.IndexName);
      return index;
    });
    if (GlobalSecondaryIndexes.length > MAX_GLOBAL_INDEXES) {
      throw invalidParameter(`GlobalSecondaryIndex count exceeds the per-table limit of ${MAX_GLOBAL_INDEXES}`);
    }
  }
  if (LocalSecondaryIndexes || GlobalSecondaryIndexes) {
    const used = [...new Set([table.KeySchema, ...(LocalSecondaryIndexes ?? []).map((i) => i.KeySchema), ...(GlobalSecondaryIndexes ?? []).map((i) => i.KeySchema)]
      .flat().map((k) => k.AttributeName))];
    const defined = table.AttributeDefinitions.map((d) => d.AttributeName);
    if (defined.length > used.length) {
      throw invalidParameter(`Some AttributeDefinitions are not used. AttributeDefinitions: [${defined.join(', ')}], keys used: [${used.join(', ')}]`);
    }
  }
  return { ...(LocalSecondaryIndexes ? { LocalSecondaryIndexes } : {}), ...(GlobalSecondaryIndexes ? { GlobalSecondaryIndexes } : {}) };
}

function localIndex(sdk: SdkLocalIndex, path: string, table: Attributes): SecondaryIndex {
  const index = indexShape(sdk, path, table);
  if (index.KeySchema.length !== 2) throw invalidParameter(`Index KeySchema does not have a range key for index: ${index.IndexName}`);
  const indexHash = index.KeySchema[0]!.AttributeName;
  const tableHash = table.KeySchema[0]!.AttributeName;
  if (indexHash !== tableHash) {
    throw invalidParameter(`Index KeySchema does not have the same leading hash key as table KeySchema for index: ${index.IndexName}. index hash key: ${indexHash}, table hash key: ${tableHash}`);
  }
  return withProjection(index, sdk);
}

/** A GSI of CreateTable, or of UpdateTable's Create (whose missing throughput is worded differently). */
export function globalIndex(sdk: SdkGlobalIndex, path: string, table: Attributes, operation: 'CreateTable' | 'UpdateTable'): GlobalIndexDefinition {
  const index = withProjection(indexShape(sdk, path, table), sdk);
  const throughput = sdk.ProvisionedThroughput;
  if (table.BillingMode === 'PAY_PER_REQUEST') {
    if (throughput) {
      throw invalidParameter(operation === 'CreateTable'
        ? `ProvisionedThroughput should not be specified for index: ${index.IndexName} when BillingMode is PAY_PER_REQUEST`
        : `Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: ${index.IndexName} when BillingMode is PAY_PER_REQUEST`);
    }
    return { ...index, ReadCapacityUnits: 0, WriteCapacityUnits: 0 };
  }
  if (throughput?.ReadCapacityUnits === undefined || throughput.WriteCapacityUnits === undefined) {
    throw invalidParameter(operation === 'CreateTable'
      ? `ProvisionedThroughput is not specified for index: ${index.IndexName}`
      : `ProvisionedThroughput must be specified for index: ${index.IndexName}`);
  }
  const units = { ReadCapacityUnits: throughput.ReadCapacityUnits, WriteCapacityUnits: throughput.WriteCapacityUnits };
  checkCapacityUnits(units, `${path}.member.provisionedThroughput`);
  return { ...index, ...units };
}

/** Name and key schema, checked as the table's own key schema is. */
function indexShape(sdk: SdkLocalIndex | SdkGlobalIndex, path: string, table: Attributes): Omit<SecondaryIndex, 'Projection'> {
  const name = sdk.IndexName!;
  checkName(name, `${path}.member.indexName`);
  const keySchema = keySchemaElements(sdk.KeySchema, `${path}.member.keySchema`);
  checkKeysDefined(keySchema, table.AttributeDefinitions.map((d) => d.AttributeName));
  if (keySchema[1] && keySchema[1].AttributeName === keySchema[0]!.AttributeName) {
    throw validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  if (keySchema[0]!.KeyType !== 'HASH') throw validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (keySchema[1] && keySchema[1].KeyType !== 'RANGE') throw validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  return { IndexName: name, KeySchema: keySchema };
}

function withProjection(index: Omit<SecondaryIndex, 'Projection'>, sdk: SdkLocalIndex | SdkGlobalIndex): SecondaryIndex {
  const type = sdk.Projection?.ProjectionType;
  if (type === undefined) throw invalidParameter('Unknown ProjectionType: null');
  if (!PROJECTION_TYPES.includes(type)) {
    throw constraintViolation(type, 'projection.projectionType', 'Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]');
  }
  const nonKey = sdk.Projection?.NonKeyAttributes;
  if (nonKey && type !== 'INCLUDE') throw invalidParameter(`ProjectionType is ${type}, but NonKeyAttributes is specified`);
  if (nonKey && new Set(nonKey).size !== nonKey.length) throw invalidParameter(`Duplicate element in NonKeyAttributes: ${nonKey.find((a, i) => nonKey.indexOf(a) !== i)}`);
  return { ...index, Projection: { ProjectionType: type as SecondaryIndex['Projection']['ProjectionType'], ...(nonKey ? { NonKeyAttributes: [...nonKey] } : {}) } };
}
