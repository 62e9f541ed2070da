/** A table as DescribeTable (and every control-plane answer) shows it, indexes and stream included. */
import type { GlobalSecondaryIndexDescription, LocalSecondaryIndexDescription, TableDescription } from '@aws-sdk/client-dynamodb';
import type { Item } from './expressions/index.js';
import { indexEntries, indexViews, type IndexView } from './secondary-indexes.js';
import { itemSize } from './item-values.js';
import type { DynamoDbState, RegionContext, SecondaryIndex, Table } from './state.js';
import { RegionStreams } from './streams.js';
import { streamDescription } from './table-streams.js';

export function describeTable(state: DynamoDbState, ctx: RegionContext, table: Table): TableDescription {
  const tables = state.regionOf(ctx);
  const views = indexViews(table);
  const contents = (view: IndexView) => {
    const entries = indexEntries(view, Object.values(table.items));
    return { IndexSizeBytes: sizeOf(entries), ItemCount: entries.length };
  };
  const local = views.filter((view) => view.kind === 'local');
  const global = table.GlobalSecondaryIndexes ?? [];
  return {
    AttributeDefinitions: table.AttributeDefinitions,
    TableName: table.TableName,
    KeySchema: table.KeySchema,
    TableStatus: tables.status(table),
    CreationDateTime: new Date(table.createdAt),
    ProvisionedThroughput: {
      NumberOfDecreasesToday: 0,
      ReadCapacityUnits: table.ReadCapacityUnits,
      WriteCapacityUnits: table.WriteCapacityUnits,
    },
    TableSizeBytes: sizeOf(Object.values(table.items)),
    ItemCount: Object.keys(table.items).length,
    TableArn: table.TableArn,
    TableId: table.TableId,
    ...(table.payPerRequestSince !== undefined
      ? { BillingModeSummary: { BillingMode: table.BillingMode, LastUpdateToPayPerRequestDateTime: new Date(table.payPerRequestSince) } }
      : {}),
    ...(local.length > 0
      ? { LocalSecondaryIndexes: local.map((view): LocalSecondaryIndexDescription => ({ ...definition(view.index), ...contents(view), IndexArn: indexArn(table, view.index.IndexName) })) }
      : {}),
    ...(global.length > 0
      ? {
        GlobalSecondaryIndexes: global.map((index): GlobalSecondaryIndexDescription => {
          const status = tables.indexStatus(table, index);
          const view = views.find((v) => v.index === index);
          // A GSI being built or dropped reports nothing in it yet (or any more).
          const counts = view && status !== 'CREATING' ? contents(view) : { IndexSizeBytes: 0, ItemCount: 0 };
          return {
            ...definition(index),
            IndexStatus: status,
            ...(status === 'CREATING' && index.backfilled ? { Backfilling: true } : {}),
            ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: index.ReadCapacityUnits, WriteCapacityUnits: index.WriteCapacityUnits },
            ...counts,
            IndexArn: indexArn(table, index.IndexName),
          };
        }),
      }
      : {}),
    DeletionProtectionEnabled: false,
    ...streamDescription(RegionStreams.of(state, ctx), table),
  };
}

const sizeOf = (items: Item[]) => items.reduce((sum, item) => sum + itemSize(item), 0);

const indexArn = (table: Table, name: string) => `${table.TableArn}/index/${name}`;

const definition = (index: SecondaryIndex) => ({
  IndexName: index.IndexName,
  KeySchema: index.KeySchema,
  Projection: { ProjectionType: index.Projection.ProjectionType, ...(index.Projection.NonKeyAttributes ? { NonKeyAttributes: index.Projection.NonKeyAttributes } : {}) },
});
