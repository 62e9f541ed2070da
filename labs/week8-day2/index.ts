/**
 * week8-day2: DynamoDB overview (workshop 000039). What the account may do (limits), where
 * DynamoDB answers (endpoints), the two capacity modes side by side, and how the partition
 * key decides where items live: one hot key value against keys spread over many values.
 */
import { createHash } from 'node:crypto';
import type { AttributeValue, TableDescription } from '@aws-sdk/client-dynamodb';
import type { Lab } from '../../src/runner/lab.js';
import type { StepContext } from '../../src/runner/step-context.js';
import { provisionedTableUsdPerHour } from '../../src/cleanup/types/dynamodb.js';
import { scalar, type Item } from '../shared/attribute-value.js';
import { batchWriteItems } from '../shared/batch-write.js';
import { scanAll } from '../shared/read-all.js';
import { ensureTable } from '../shared/tables.js';

const dynamodb = () => import('@aws-sdk/client-dynamodb');

export const ON_DEMAND_TABLE = 'fcj-readings-on-demand';
export const PROVISIONED_TABLE = 'fcj-readings-provisioned';
const PROVISIONED = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };
const READINGS = 100;
const SENSORS = 20;
/** The partitions the illustration spreads keys over; AWS decides the real number. */
const ILLUSTRATED_PARTITIONS = 4;

const KEY_DESIGNS = [
  { Design: 'hot: pk = DAY#2026-11-23, every reading of the day', prefix: 'DAY#', pk: (_reading: number) => 'DAY#2026-11-23' },
  { Design: 'spread: pk = SENSOR#nn, one value per sensor', prefix: 'SENSOR#', pk: (reading: number) => `SENSOR#${String(reading % SENSORS).padStart(2, '0')}` },
];

function readingsTable(TableName: string, capacity: 'on-demand' | 'provisioned') {
  return {
    TableName,
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' as const },
      { AttributeName: 'sk', AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' as const },
      { AttributeName: 'sk', KeyType: 'RANGE' as const },
    ],
    ...(capacity === 'on-demand' ? { BillingMode: 'PAY_PER_REQUEST' as const } : { BillingMode: 'PROVISIONED' as const, ProvisionedThroughput: PROVISIONED }),
  };
}

function capacityMode(table: TableDescription | undefined) {
  const onDemand = table?.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST';
  return {
    TableName: table?.TableName,
    BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ReadCapacityUnits: table?.ProvisionedThroughput?.ReadCapacityUnits,
    WriteCapacityUnits: table?.ProvisionedThroughput?.WriteCapacityUnits,
    PaysFor: onDemand ? 'each request: read and write request units' : 'capacity units per hour, used or not',
  };
}

/**
 * Where a key value would land among a few partitions. AWS's hash function is internal;
 * MD5 stands in for it only to show that equal values always land together.
 */
export function illustratedPartition(partitionKey: string): number {
  return createHash('md5').update(partitionKey).digest().readUInt32BE(0) % ILLUSTRATED_PARTITIONS;
}

async function describe(ctx: StepContext, TableName: string) {
  const { DescribeTableCommand } = await dynamodb();
  return (await ctx.call(new DescribeTableCommand({ TableName }))).Table;
}

export const week8Day2: Lab = {
  id: 'week8-day2',
  title: 'DynamoDB overview: limits, endpoints, capacity modes and partitioning',
  services: ['DynamoDB'],
  objectives: [
    'Read the account\'s DynamoDB limits and the endpoint the SDK talks to',
    'Choose between on-demand and provisioned capacity, and know what each bills for',
    'Pick a partition key that spreads reads and writes, and recognise a hot key',
  ],
  theory: [
    'DynamoDB stores items in partitions. It hashes the partition key value to pick the partition, so all items with one value live in the same partition, sorted by sort key.',
    'One partition serves at most 3,000 read units and 1,000 write units per second. A key that takes most of the traffic (a hot key) is throttled there even when the table as a whole has capacity to spare.',
    'On-demand mode bills per request and scales by itself; provisioned mode bills per capacity unit per hour, used or not, and can auto scale between limits. Either can be switched once every 24 hours.',
    'Limits (capacity per table and account, 20 global secondary indexes per table by default) are per account and region, and most can be raised through Service Quotas.',
  ],
  steps: [
    {
      id: 'describe-limits',
      title: 'What this account may provision: DescribeLimits',
      why: 'DescribeLimits returns the current maximum read and write capacity per table and per account in this Region, the numbers that bound provisioned tables.',
      run: async (ctx) => {
        const { DescribeLimitsCommand } = await dynamodb();
        return { operation: 'DescribeLimits', response: await ctx.call(new DescribeLimitsCommand({})) };
      },
    },
    {
      id: 'describe-endpoints',
      title: 'Where DynamoDB answers: DescribeEndpoints',
      why: 'Every Region has its own DynamoDB endpoint (dynamodb.<region>.amazonaws.com); tables live in one Region. The SDK caches this address for the time the answer says.',
      run: async (ctx) => {
        const { DescribeEndpointsCommand } = await dynamodb();
        return { operation: 'DescribeEndpoints', response: await ctx.call(new DescribeEndpointsCommand({})) };
      },
    },
    {
      id: 'on-demand-table',
      title: `Create ${ON_DEMAND_TABLE}, on-demand`,
      why: 'BillingMode PAY_PER_REQUEST: no capacity to plan, DynamoDB serves what the traffic asks for and bills each request. The right default for new, spiky or unknown workloads.',
      produces: ['onDemandTable'],
      run: async (ctx) => {
        const result = await ensureTable(ctx, readingsTable(ON_DEMAND_TABLE, 'on-demand'));
        await ctx.remember('onDemandTable', ON_DEMAND_TABLE);
        return result;
      },
    },
    {
      id: 'provisioned-table',
      title: `Create ${PROVISIONED_TABLE}, provisioned at 5 read and 5 write units`,
      why: 'BillingMode PROVISIONED with ProvisionedThroughput: you reserve capacity units and pay for them by the hour. Cheaper for steady, predictable traffic; requests beyond the capacity are throttled.',
      cost: { perHourUsd: provisionedTableUsdPerHour(PROVISIONED.ReadCapacityUnits, PROVISIONED.WriteCapacityUnits), what: '5 read + 5 write capacity units, inside the free tier\'s 25 of each' },
      produces: ['provisionedTable'],
      run: async (ctx) => {
        const result = await ensureTable(ctx, readingsTable(PROVISIONED_TABLE, 'provisioned'));
        await ctx.remember('provisionedTable', PROVISIONED_TABLE);
        return result;
      },
    },
    {
      id: 'compare-capacity-modes',
      title: 'Both capacity modes side by side',
      why: 'The same key schema, two ways to pay. An on-demand table shows 0 provisioned units: it has no fixed capacity.',
      needs: ['on-demand-table', 'provisioned-table'],
      run: async (ctx) => {
        const tables = [await describe(ctx, ON_DEMAND_TABLE), await describe(ctx, PROVISIONED_TABLE)];
        return { operation: 'CompareCapacityModes', response: { Tables: tables.map(capacityMode) } };
      },
    },
    {
      id: 'write-readings',
      title: `Write ${READINGS} sensor readings under two partition key designs`,
      why: 'The same readings, keyed twice: once by day (every reading of the day shares one partition key value) and once by sensor (20 values). The sort key keeps each reading apart within its key value.',
      needs: ['on-demand-table'],
      run: async (ctx) => {
        const items: Item[] = KEY_DESIGNS.flatMap((design) =>
          Array.from({ length: READINGS }, (_, reading) => ({
            pk: { S: design.pk(reading) },
            sk: { S: `READING#${String(reading).padStart(4, '0')}` },
            celsius: { N: String(20 + (reading % 7)) },
          })),
        );
        return { operation: 'BatchWriteItem', response: await batchWriteItems(ctx, ON_DEMAND_TABLE, items, { fileStem: 'readings' }) };
      },
    },
    {
      id: 'partition-spread',
      title: 'How each design spreads the items over partition key values',
      why: 'Items per partition key value is how the load spreads: the day key puts all readings, and all their traffic, on one value and so one partition; the sensor key spreads them over 20 values. IllustrativePartition hashes each value onto 4 partitions to show the effect (AWS\'s hash is internal).',
      needs: ['write-readings'],
      run: async (ctx) => {
        const { output } = await scanAll(ctx, { TableName: ON_DEMAND_TABLE, ProjectionExpression: 'pk' });
        // A dry run has no items to count.
        if (ctx.dryRun) return { operation: 'Scan', response: output };
        const perKey = new Map<string, number>();
        for (const item of output.Items ?? []) {
          const pk = scalar((item as Record<string, AttributeValue>).pk) ?? '';
          perKey.set(pk, (perKey.get(pk) ?? 0) + 1);
        }
        const KeyDesigns = KEY_DESIGNS.map(({ Design, prefix }) => {
          const values = [...perKey].filter(([pk]) => pk.startsWith(prefix));
          const items = values.reduce((sum, [, count]) => sum + count, 0);
          const perPartition = new Array<number>(ILLUSTRATED_PARTITIONS).fill(0);
          for (const [pk, count] of values) perPartition[illustratedPartition(pk)]! += count;
          return {
            Design,
            PartitionKeyValues: values.length,
            Items: items,
            BusiestKeyValueShare: `${Math.round((100 * Math.max(0, ...values.map(([, count]) => count))) / Math.max(1, items))}%`,
            ItemsPerIllustrativePartition: perPartition,
          };
        });
        const ItemsPerPartitionKeyValue = [...perKey].sort(([a], [b]) => a.localeCompare(b)).map(([PartitionKey, Items]) => ({ PartitionKey, Items, IllustrativePartition: illustratedPartition(PartitionKey) }));
        return { operation: 'PartitionSpread', response: { KeyDesigns, ItemsPerPartitionKeyValue } };
      },
    },
  ],
};
