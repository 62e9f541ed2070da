/**
 * What DynamoDB keeps, per region: tables, the items in them, and the tables' streams. A
 * table is CREATING until its delay passes on the sandbox clock, then ACTIVE; a deleted
 * table shows DELETING for the same kind of delay, then is gone. Items are held by key
 * identity (keys.ts). Every item write goes through `RegionTables.writeItem`, whose
 * listeners (the partition index, streams, the TTL sweeper) are wired by the service, so
 * this module depends on none of them.
 */
import { randomUUID } from 'node:crypto';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import type { Clock } from '../../clock.js';
import { stateAt } from '../../kit/timed-state.js';
import type { Item, KeySchema } from './expressions/index.js';
import { tableExists, tableInUse, tableNotFound } from './errors.js';
import { fromSnapshot, toSnapshot } from './snapshot.js';

/** What the state needs of a request: its region, and the clock its states are read on. */
export interface RegionContext {
  readonly region: string;
  readonly clock: Clock;
}

export type ScalarType = 'S' | 'N' | 'B';
export type TableStatus = 'CREATING' | 'UPDATING' | 'ACTIVE' | 'DELETING';
export type IndexStatus = TableStatus;
export type KeySchemaElement = { AttributeName: string; KeyType: 'HASH' | 'RANGE' };

export interface Throughput {
  /** Zero for on-demand tables and their indexes, as DescribeTable reports them. */
  ReadCapacityUnits: number;
  WriteCapacityUnits: number;
}

/** A secondary index as CreateTable or UpdateTable defines it; LSIs are only this. */
export interface SecondaryIndex {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: { ProjectionType: 'KEYS_ONLY' | 'INCLUDE' | 'ALL'; NonKeyAttributes?: string[] };
}

export type GlobalIndexDefinition = SecondaryIndex & Throughput;

export interface GlobalSecondaryIndex extends GlobalIndexDefinition {
  /** Sandbox clock, ms: when the index began to build (with its table, or by UpdateTable). */
  createdAt: number;
  /** Added to an existing table, so it backfills from the items already there. */
  backfilled?: boolean;
  /** Its throughput last changed (UPDATING for a while). */
  updatedAt?: number;
  deletedAt?: number;
}

export interface TableDefinition extends Throughput {
  TableName: string;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: { AttributeName: string; AttributeType: ScalarType }[];
  BillingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  GlobalSecondaryIndexes?: GlobalIndexDefinition[];
  LocalSecondaryIndexes?: SecondaryIndex[];
}

export interface Table extends Omit<TableDefinition, 'GlobalSecondaryIndexes'> {
  TableId: string;
  TableArn: string;
  createdAt: number;
  deletedAt?: number;
  /** Billing mode or throughput last changed by UpdateTable (UPDATING for a while). */
  updatedAt?: number;
  /** When the table last became on-demand (BillingModeSummary). */
  payPerRequestSince?: number;
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  /** keyId -> item. */
  items: Record<string, Item>;
  /** Tag key -> value, in the order they were added (tags.ts). */
  tags?: Record<string, string>;
  /** The table's newest stream, enabled or not (streams.ts). */
  LatestStreamArn?: string;
  /** As UpdateTimeToLive last set it (ttl.ts). */
  timeToLive?: TimeToLive;
}

/** What UpdateTimeToLive last set on a table. */
export interface TimeToLive {
  AttributeName: string;
  Enabled: boolean;
  /** Sandbox clock, ms. */
  changedAt: number;
}

export const STREAM_VIEW_TYPES = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'] as const;
export type StreamViewType = (typeof STREAM_VIEW_TYPES)[number];

/** One item change as a stream keeps it (streams.ts). */
export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** Sandbox clock, ms. */
  at: number;
  SequenceNumber: string;
  Keys: Item;
  NewImage?: Item;
  OldImage?: Item;
  SizeBytes: number;
  /** A TTL deletion: DynamoDB itself removed the item. */
  byService?: boolean;
}

/** One enabling of a table's stream, with its one shard (streams.ts). */
export interface Stream {
  StreamArn: string;
  StreamLabel: string;
  TableName: string;
  KeySchema: KeySchemaElement[];
  StreamViewType: StreamViewType;
  createdAt: number;
  /** Disabled, or its table deleted: the shard is closed. */
  disabledAt?: number;
  ShardId: string;
  StartingSequenceNumber: string;
  /** The number the next record takes. */
  nextSequenceNumber: string;
  /** Oldest first; records older than a day are trimmed. */
  records: StreamRecord[];
}

/**
 * One change to one item, as every write makes it: the funnel through which streams (and
 * anything else that watches a table's items) see puts, updates and deletes alike.
 */
export interface ItemChange {
  table: Table;
  region: string;
  /** The key identity the item is held under (keys.ts). */
  keyId: string;
  /** Sandbox clock, ms. */
  at: number;
  old?: Item;
  new?: Item;
  /** DynamoDB itself made the change (a TTL deletion), not a caller. */
  byService?: boolean;
}

export type ItemChangeListener = (change: ItemChange) => void;

const CREATING = 'dynamodb.table.creating';
const DELETING = 'dynamodb.table.deleting';
const UPDATING = 'dynamodb.table.updating';
const INDEX_CREATING = 'dynamodb.index.creating';
const INDEX_DELETING = 'dynamodb.index.deleting';
const INDEX_UPDATING = 'dynamodb.index.updating';

/** Every region's tables: the saved state. Requests work through `regionOf`. */
export class DynamoDbState {
  /** region -> table name -> table. */
  tables: Record<string, Record<string, Table>> = {};
  /** region -> stream ARN -> stream: apart from the tables, because a stream outlives its table by a day. */
  streams: Record<string, Record<string, Stream>> = {};
  /** Not saved: who watches item changes is wiring, not state. */
  readonly changeListeners: ItemChangeListener[] = [];

  /** The tables of the request's region, their states read on the request's clock. */
  regionOf(ctx: RegionContext): RegionTables {
    return new RegionTables((this.tables[ctx.region] ??= {}), ctx.region, ctx.clock, this.changeListeners);
  }

  snapshot(): unknown {
    return toSnapshot({ tables: this.tables, streams: this.streams });
  }

  restore(state: unknown): void {
    const saved = (fromSnapshot(state) ?? {}) as Partial<Pick<DynamoDbState, 'tables' | 'streams'>>;
    this.tables = saved.tables ?? {};
    this.streams = saved.streams ?? {};
  }
}

export class RegionTables {
  constructor(
    private readonly tables: Record<string, Table>,
    private readonly region: string,
    private readonly clock: Clock,
    private readonly changeListeners: readonly ItemChangeListener[],
  ) {}

  /**
   * Every item write: `next` undefined deletes. Listeners hear of real changes only, so
   * deleting a missing item is silent, as it is in a stream.
   */
  writeItem(table: Table, keyId: string, next: Item | undefined, options: { byService?: boolean } = {}): { old?: Item; new?: Item } {
    const old = table.items[keyId];
    if (next) table.items[keyId] = next;
    else delete table.items[keyId];
    const change = { ...(old ? { old } : {}), ...(next ? { new: next } : {}) };
    if (old || next) {
      for (const listener of this.changeListeners) {
        listener({ table, region: this.region, keyId, at: this.clock.now(), ...change, ...(options.byService ? { byService: true } : {}) });
      }
    }
    return change;
  }

  createTable(definition: TableDefinition): Table {
    if (this.find(definition.TableName)) throw tableExists(definition.TableName);
    const createdAt = this.clock.now();
    const { GlobalSecondaryIndexes, ...rest } = definition;
    const table: Table = {
      ...rest,
      ...(GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: GlobalSecondaryIndexes.map((index) => ({ ...index, createdAt })) } : {}),
      ...(definition.BillingMode === 'PAY_PER_REQUEST' ? { payPerRequestSince: createdAt } : {}),
      TableId: randomUUID(),
      TableArn: `arn:aws:dynamodb:${this.region}:${SANDBOX_ACCOUNT_ID}:table/${definition.TableName}`,
      createdAt,
      items: {},
    };
    this.tables[definition.TableName] = table;
    return table;
  }

  /** UPDATING while an UpdateTable change settles, including a GSI being built or dropped. */
  status(table: Table): TableStatus {
    if (table.deletedAt !== undefined) return 'DELETING';
    if (stateAt(this.clock, table.createdAt, CREATING, 'CREATING', 'ACTIVE') === 'CREATING') return 'CREATING';
    const updating = (table.updatedAt !== undefined && stateAt(this.clock, table.updatedAt, UPDATING, 'UPDATING', 'ACTIVE') === 'UPDATING')
      || (table.GlobalSecondaryIndexes ?? []).some((index) => this.indexStatus(table, index) !== 'ACTIVE');
    return updating ? 'UPDATING' : 'ACTIVE';
  }

  /** A GSI builds with its table, or backfills when UpdateTable adds it. */
  indexStatus(table: Table, index: GlobalSecondaryIndex): IndexStatus {
    if (index.deletedAt !== undefined) return 'DELETING';
    const creating = index.backfilled
      ? stateAt(this.clock, index.createdAt, INDEX_CREATING, 'CREATING', 'ACTIVE')
      : stateAt(this.clock, table.createdAt, CREATING, 'CREATING', 'ACTIVE');
    if (creating === 'CREATING') return 'CREATING';
    return index.updatedAt !== undefined ? stateAt(this.clock, index.updatedAt, INDEX_UPDATING, 'UPDATING', 'ACTIVE') : 'ACTIVE';
  }

  /** The clock, for changes that record when they happened (UpdateTable). */
  now(): number {
    return this.clock.now();
  }

  /** A table in any state, for the control plane. */
  table(name: string): Table {
    const table = this.find(name);
    if (!table) throw tableNotFound(name);
    return table;
  }

  /** A table items can be read and written in: ACTIVE or UPDATING, else AWS's bare not-found. */
  activeTable(name: string): Table {
    const table = this.find(name);
    const status = table && this.status(table);
    if (!table || (status !== 'ACTIVE' && status !== 'UPDATING')) throw tableNotFound();
    return table;
  }

  /** Table names, sorted, as ListTables pages them. */
  tableNames(): string[] {
    return Object.keys(this.tables).filter((name) => this.find(name)).sort();
  }

  deleteTable(name: string): Table {
    const table = this.table(name);
    const status = this.status(table);
    if (status !== 'ACTIVE') throw tableInUse(name, status);
    table.deletedAt = this.clock.now();
    return table;
  }

  /** The table unless its deletion has finished; a finished one is forgotten here. */
  private find(name: string): Table | undefined {
    const table = this.tables[name];
    if (table?.deletedAt !== undefined && stateAt(this.clock, table.deletedAt, DELETING, 'DELETING', 'GONE') === 'GONE') {
      delete this.tables[name];
      return undefined;
    }
    // A dropped GSI is forgotten once its deletion has finished.
    if (table?.GlobalSecondaryIndexes?.some((index) => index.deletedAt !== undefined)) {
      table.GlobalSecondaryIndexes = table.GlobalSecondaryIndexes.filter((index) =>
        index.deletedAt === undefined || stateAt(this.clock, index.deletedAt, INDEX_DELETING, 'DELETING', 'GONE') !== 'GONE');
    }
    return table;
  }
}

export function keySchemaOf(table: Pick<TableDefinition, 'KeySchema' | 'AttributeDefinitions'>): KeySchema {
  return keySchemaFrom(table, table.KeySchema);
}

/** A key schema (the table's or an index's) with each attribute's type from AttributeDefinitions. */
export function keySchemaFrom(table: Pick<TableDefinition, 'AttributeDefinitions'>, elements: KeySchemaElement[]): KeySchema {
  const typeOf = (name: string) => table.AttributeDefinitions.find((d) => d.AttributeName === name)!.AttributeType;
  const [hash, range] = elements;
  return {
    partitionKey: { name: hash!.AttributeName, type: typeOf(hash!.AttributeName) },
    ...(range ? { sortKey: { name: range.AttributeName, type: typeOf(range.AttributeName) } } : {}),
  };
}
