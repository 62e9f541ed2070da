/**
 * DynamoDB tables. A table's global and local secondary indexes, its stream and its TTL
 * setting belong to it and go with DeleteTable. DynamoDB refuses to delete a table that is
 * still CREATING or UPDATING (ResourceInUseException, e.g. while a new index backfills), so
 * the deleter waits for it to settle first.
 */
import type { ClientPool } from '../../aws/clients.js';
import { awsErrorCode } from '../../aws/error-code.js';
import { appendTags, isNotFound, waitUntilGone, type Output, type ResourceType, type Tag, type WaitOptions } from '../resource-type.js';

const dynamodb = () => import('@aws-sdk/client-dynamodb');

/**
 * Provisioned capacity list prices in us-east-1 (aws.amazon.com/dynamodb/pricing/provisioned),
 * per unit-hour; on-demand tables are billed per request and cost nothing while idle.
 */
export const DYNAMODB_PROVISIONED_USD_PER_HOUR = { readCapacityUnit: 0.00013, writeCapacityUnit: 0.00065 };

export function provisionedTableUsdPerHour(readCapacityUnits: number, writeCapacityUnits: number): number {
  return readCapacityUnits * DYNAMODB_PROVISIONED_USD_PER_HOUR.readCapacityUnit + writeCapacityUnits * DYNAMODB_PROVISIONED_USD_PER_HOUR.writeCapacityUnit;
}

export const table: ResourceType = {
  name: 'dynamodb:table',
  title: 'DynamoDB table',
  createdBy: 'CreateTable',
  dependsOn: [],
  addTags: appendTags,
  created: (output: Output) => [{ resourceId: output.TableDescription.TableName, attributes: capacityAttributes(output.TableDescription) }],
  intentAttributes: (input) => ({ name: String(input.TableName), ...capacityAttributes(input) }),
  hourlyCostUsd: (record) => provisionedTableUsdPerHour(Number(record.attributes?.readCapacityUnits ?? 0), Number(record.attributes?.writeCapacityUnits ?? 0)),
  async resolveIntent(record, clients, known) {
    // CreateTable tags the table as it makes it; a table of that name without this run's tag
    // was there before (the create then failed) or belongs to someone else.
    const found = await describe(clients, String(record.attributes?.name));
    if (!found || known.has(found.TableName)) return [];
    const runTag = { Key: 'lab:run', Value: record.run };
    return hasAllTags(await tagsOf(clients, found.TableArn), [runTag]) ? [{ resourceId: found.TableName, attributes: capacityAttributes(found) }] : [];
  },
  async scan(clients, tags) {
    const { ListTablesCommand } = await dynamodb();
    const found = [];
    let ExclusiveStartTableName: string | undefined;
    do {
      const page = await clients.send<Output>(new ListTablesCommand({ ExclusiveStartTableName }));
      for (const name of page.TableNames ?? []) {
        const description = await describe(clients, name);
        if (!description) continue;
        if (hasAllTags(await tagsOf(clients, description.TableArn), tags)) found.push({ resourceId: name });
      }
      ExclusiveStartTableName = page.LastEvaluatedTableName;
    } while (ExclusiveStartTableName);
    return found;
  },
  async delete(record, clients, wait) {
    const TableName = record.resourceId!;
    await deleteWhenSettled(TableName, clients, wait);
    await waitUntilGone(`table ${TableName}`, async () => (await describe(clients, TableName)) === undefined, wait);
  },
};

async function deleteWhenSettled(TableName: string, clients: ClientPool, wait: WaitOptions): Promise<void> {
  const { DeleteTableCommand } = await dynamodb();
  const deadline = Date.now() + wait.timeoutMs;
  for (;;) {
    try {
      await clients.send(new DeleteTableCommand({ TableName }));
      return;
    } catch (error) {
      if (isNotFound(error)) return;
      if (awsErrorCode(error) !== 'ResourceInUseException' || Date.now() > deadline || wait.signal?.aborted) throw error;
      // A table being created, updated or already deleting: ask again once it has moved on.
      await new Promise((resolve) => setTimeout(resolve, wait.pollMs));
    }
  }
}

async function describe(clients: ClientPool, TableName: string): Promise<Output | undefined> {
  const { DescribeTableCommand } = await dynamodb();
  try {
    return (await clients.send<Output>(new DescribeTableCommand({ TableName }))).Table;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function tagsOf(clients: ClientPool, ResourceArn: string): Promise<Tag[]> {
  const { ListTagsOfResourceCommand } = await dynamodb();
  const tags: Tag[] = [];
  let NextToken: string | undefined;
  do {
    const page = await clients.send<Output>(new ListTagsOfResourceCommand({ ResourceArn, NextToken }));
    tags.push(...(page.Tags ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return tags;
}

/** Provisioned throughput, kept so `lab status` can price the table while it lives. */
function capacityAttributes(source: Output): Record<string, string> {
  const throughput = source?.ProvisionedThroughput;
  const onDemand = source?.BillingMode === 'PAY_PER_REQUEST' || source?.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST';
  if (onDemand || !throughput?.ReadCapacityUnits) return {};
  return { readCapacityUnits: String(throughput.ReadCapacityUnits), writeCapacityUnits: String(throughput.WriteCapacityUnits ?? 0) };
}

function hasAllTags(carried: Tag[], wanted: Tag[]): boolean {
  return wanted.every((tag) => carried.some((have) => have.Key === tag.Key && have.Value === tag.Value));
}

export const dynamodbResourceTypes: ResourceType[] = [table];
