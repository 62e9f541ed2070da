/**
 * UpdateTable: switch billing mode, change provisioned throughput, and create, update or
 * delete a global secondary index. The table shows UPDATING until the change settles on the
 * sandbox clock; a new GSI is CREATING and Backfilling meanwhile, a dropped one DELETING.
 * A StreamSpecification enables or disables the table's stream (table-streams.ts): checked
 * before anything else, made after the rest of the update succeeded.
 */
import type { GlobalSecondaryIndexUpdate, UpdateTableCommandInput, UpdateTableCommandOutput } from '@aws-sdk/client-dynamodb';
import type { Handler } from '../../service.js';
import { describeTable } from './describe-table.js';
import { invalidParameter, onlyOneIndexChange, tableInUse, tableNotFound, validation } from './errors.js';
import { globalIndex, MAX_GLOBAL_INDEXES } from './secondary-index-definitions.js';
import type { DynamoDbState, GlobalSecondaryIndex, RegionTables, ScalarType, Table } from './state.js';
import { RegionStreams } from './streams.js';
import { streamChange } from './table-streams.js';

/** UpdateTable's input but its stream, which table-streams.ts changes. */
type TableUpdate = Omit<UpdateTableCommandInput, 'StreamSpecification'>;

export function updateTableOperations(state: DynamoDbState) {
  /** An update of the stream alone leaves the rest of the table untouched. */
  const UpdateTable: Handler<UpdateTableCommandInput, UpdateTableCommandOutput> = (input, ctx) => {
    const { StreamSpecification: specification, ...update } = input;
    const tables = state.regionOf(ctx);
    const changeStream = specification && streamChange(tables, RegionStreams.of(state, ctx), input.TableName!, specification);
    const table = changeStream && !changesMoreThanStream(update) ? tables.table(input.TableName!) : updateTable(tables, update);
    changeStream?.();
    return { TableDescription: describeTable(state, ctx, table) };
  };

  return { UpdateTable };
}

/** Whether an update names anything besides its table. */
function changesMoreThanStream(update: TableUpdate): boolean {
  return Object.entries(update).some(([member, value]) => member !== 'TableName' && value !== undefined);
}

/** Billing, throughput and global secondary indexes, as one change that is checked whole before it is made. */
function updateTable(tables: RegionTables, input: TableUpdate): Table {
  const table = tables.table(input.TableName!);
  const indexUpdates = input.GlobalSecondaryIndexUpdates ?? [];
  const nothing = input.ProvisionedThroughput === undefined && input.BillingMode === undefined && indexUpdates.length === 0
    && input.SSESpecification === undefined;
  if (nothing) {
    throw validation('At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required');
  }
  checkIndexUpdates(indexUpdates);
  const status = tables.status(table);
  if (status === 'CREATING' || status === 'DELETING') throw tableInUse(table.TableName, status);
  const changesIndexes = indexUpdates.some((update) => update.Create || update.Delete);
  const settling = (table.GlobalSecondaryIndexes ?? []).some((index) => ['CREATING', 'DELETING'].includes(tables.indexStatus(table, index)));
  if (changesIndexes && settling) throw onlyOneIndexChange();
  if (status === 'UPDATING') throw tableInUse(table.TableName, 'UPDATING');

  const now = tables.now();
  const billing = billingChange(table, input);
  const created = indexUpdates.flatMap((update) => (update.Create ? [createdIndex(table, input, update.Create, billing.mode, now)] : []));
  const deleted = indexUpdates.flatMap((update) => (update.Delete ? [existingIndex(table, update.Delete.IndexName!)] : []));
  const throughputs = indexUpdates.flatMap((update) => (update.Update ? [indexThroughput(table, update.Update, billing.mode)] : []));
  if (billing.toProvisioned) {
    const missing = (table.GlobalSecondaryIndexes ?? []).filter((index) => !throughputs.some((t) => t.index === index)).map((index) => index.IndexName);
    if (missing.length > 0) throw invalidParameter(`ProvisionedThroughput must be specified for index: ${missing.join(',')}`);
  }

  applyBilling(table, billing, now);
  for (const { index, ReadCapacityUnits, WriteCapacityUnits } of throughputs) Object.assign(index, { ReadCapacityUnits, WriteCapacityUnits, updatedAt: now });
  for (const index of deleted) index.deletedAt = now;
  if (created.length > 0) {
    table.AttributeDefinitions = mergedDefinitions(table, input);
    table.GlobalSecondaryIndexes = [...(table.GlobalSecondaryIndexes ?? []), ...created];
  }
  return table;
}

function checkIndexUpdates(updates: GlobalSecondaryIndexUpdate[]): void {
  const names = new Set<string>();
  for (const update of updates) {
    const actions = [update.Create, update.Update, update.Delete].filter((action) => action !== undefined);
    if (actions.length !== 1) {
      throw invalidParameter('One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null');
    }
    const name = actions[0]!.IndexName!;
    if (names.has(name)) throw invalidParameter(`Only one global secondary index update per index is allowed simultaneously. Index: ${name}`);
    names.add(name);
  }
  if (updates.filter((update) => update.Create || update.Delete).length > 1) throw onlyOneIndexChange();
}

interface BillingChange {
  mode: Table['BillingMode'];
  toProvisioned: boolean;
  toPayPerRequest: boolean;
  throughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
}

function billingChange(table: Table, input: TableUpdate): BillingChange {
  const mode = (input.BillingMode ?? table.BillingMode) as Table['BillingMode'];
  const throughput = input.ProvisionedThroughput;
  if (throughput && mode === 'PAY_PER_REQUEST') {
    throw invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
  }
  const toProvisioned = mode === 'PROVISIONED' && table.BillingMode === 'PAY_PER_REQUEST';
  if (toProvisioned && !throughput) throw invalidParameter('ProvisionedThroughput must be specified when BillingMode is PROVISIONED');
  if (throughput && !toProvisioned && throughput.ReadCapacityUnits === table.ReadCapacityUnits && throughput.WriteCapacityUnits === table.WriteCapacityUnits) {
    throw validation(`The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: ${table.ReadCapacityUnits}. Requested ReadCapacityUnits: ${throughput.ReadCapacityUnits}. Current WriteCapacityUnits provisioned for the table: ${table.WriteCapacityUnits}. Requested WriteCapacityUnits: ${throughput.WriteCapacityUnits}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`);
  }
  return {
    mode,
    toProvisioned,
    toPayPerRequest: mode === 'PAY_PER_REQUEST' && table.BillingMode === 'PROVISIONED',
    ...(throughput ? { throughput: { ReadCapacityUnits: throughput.ReadCapacityUnits!, WriteCapacityUnits: throughput.WriteCapacityUnits! } } : {}),
  };
}

function applyBilling(table: Table, billing: BillingChange, now: number): void {
  if (billing.toPayPerRequest) {
    Object.assign(table, { BillingMode: 'PAY_PER_REQUEST', ReadCapacityUnits: 0, WriteCapacityUnits: 0, payPerRequestSince: now, updatedAt: now });
    for (const index of table.GlobalSecondaryIndexes ?? []) Object.assign(index, { ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    return;
  }
  if (billing.throughput) Object.assign(table, { BillingMode: billing.mode, ...billing.throughput, updatedAt: now });
}

function existingIndex(table: Table, name: string): GlobalSecondaryIndex {
  const index = (table.GlobalSecondaryIndexes ?? []).find((i) => i.IndexName === name && i.deletedAt === undefined);
  if (!index) throw tableNotFound();
  return index;
}

function indexThroughput(table: Table, update: NonNullable<GlobalSecondaryIndexUpdate['Update']>, mode: Table['BillingMode']) {
  const index = existingIndex(table, update.IndexName!);
  const throughput = update.ProvisionedThroughput;
  if (mode === 'PAY_PER_REQUEST') {
    throw invalidParameter(`Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: ${index.IndexName} when BillingMode is PAY_PER_REQUEST`);
  }
  return { index, ReadCapacityUnits: throughput!.ReadCapacityUnits!, WriteCapacityUnits: throughput!.WriteCapacityUnits! };
}

function createdIndex(
  table: Table, input: TableUpdate, create: NonNullable<GlobalSecondaryIndexUpdate['Create']>, mode: Table['BillingMode'], now: number,
): GlobalSecondaryIndex {
  const definitions = mergedDefinitions(table, input);
  const index = globalIndex(create, 'globalSecondaryIndexUpdates.1.member.create', { KeySchema: table.KeySchema, AttributeDefinitions: definitions, BillingMode: mode }, 'UpdateTable');
  const taken = [...(table.LocalSecondaryIndexes ?? []), ...(table.GlobalSecondaryIndexes ?? [])].some((i) => i.IndexName === index.IndexName);
  if (taken) throw validation('Attempting to create an index which already exists');
  if ((table.GlobalSecondaryIndexes ?? []).length >= MAX_GLOBAL_INDEXES) {
    throw invalidParameter(`GlobalSecondaryIndex count exceeds the per-table limit of ${MAX_GLOBAL_INDEXES}`);
  }
  return { ...index, createdAt: now, backfilled: true };
}

/** The table's definitions plus those the request adds for a new index's keys. */
function mergedDefinitions(table: Table, input: TableUpdate): Table['AttributeDefinitions'] {
  const merged = [...table.AttributeDefinitions];
  for (const definition of input.AttributeDefinitions ?? []) {
    const known = merged.find((d) => d.AttributeName === definition.AttributeName);
    if (known && known.AttributeType !== definition.AttributeType) {
      throw invalidParameter(`Cannot change the type of an attribute in use: ${definition.AttributeName}`);
    }
    if (!known) merged.push({ AttributeName: definition.AttributeName!, AttributeType: definition.AttributeType as ScalarType });
  }
  return merged;
}
