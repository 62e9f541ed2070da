/**
 * DynamoDB tables per region and the items in them. A table is CREATING until its delay
 * passes on the sandbox clock, then ACTIVE; a deleted table shows DELETING for the same
 * kind of delay, then is gone. Items are held by key identity (keys.ts).
 */
import { randomUUID } from 'node:crypto';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { stateAt, type Clock } from '../../clock.js';
import type { RequestContext } from '../../service.js';
import type { Item, KeySchema } from './expressions/index.js';
import { tableExists, tableInUse, tableNotFound } from './errors.js';
import { fromSnapshot, toSnapshot } from './snapshot.js';

export type ScalarType = 'S' | 'N' | 'B';
export type TableStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

export interface TableDefinition {
  TableName: string;
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  AttributeDefinitions: { AttributeName: string; AttributeType: ScalarType }[];
  BillingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  /** Zero for on-demand tables, as DescribeTable reports them. */
  ReadCapacityUnits: number;
  WriteCapacityUnits: number;
}

export interface Table extends TableDefinition {
  TableId: string;
  TableArn: string;
  createdAt: number;
  deletedAt?: number;
  /** keyId -> item. */
  items: Record<string, Item>;
}

/**
 * One change to one item, as every write makes it: the funnel through which streams (and
 * anything else that watches a table's items) see puts, updates and deletes alike.
 */
export interface ItemChange {
  table: Table;
  region: string;
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

/** Every region's tables: the saved state. Requests work through `regionOf`. */
export class DynamoDbState {
  /** region -> table name -> table. */
  tables: Record<string, Record<string, Table>> = {};
  /** Not saved: who watches item changes is wiring, not state. */
  readonly changeListeners: ItemChangeListener[] = [];

  /** The tables of the request's region, their states read on the request's clock. */
  regionOf(ctx: Pick<RequestContext, 'region' | 'clock'>): RegionTables {
    return new RegionTables((this.tables[ctx.region] ??= {}), ctx.region, ctx.clock, this.changeListeners);
  }

  snapshot(): unknown {
    return toSnapshot(this.tables);
  }

  restore(state: unknown): void {
    this.tables = (fromSnapshot(state) ?? {}) as Record<string, Record<string, Table>>;
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
        listener({ table, region: this.region, at: this.clock.now(), ...change, ...(options.byService ? { byService: true } : {}) });
      }
    }
    return change;
  }

  createTable(definition: TableDefinition): Table {
    if (this.find(definition.TableName)) throw tableExists(definition.TableName);
    const table: Table = {
      ...definition,
      TableId: randomUUID(),
      TableArn: `arn:aws:dynamodb:${this.region}:${SANDBOX_ACCOUNT_ID}:table/${definition.TableName}`,
      createdAt: this.clock.now(),
      items: {},
    };
    this.tables[definition.TableName] = table;
    return table;
  }

  status(table: Table): TableStatus {
    if (table.deletedAt !== undefined) return 'DELETING';
    return stateAt(this.clock, table.createdAt, CREATING, 'CREATING', 'ACTIVE');
  }

  /** A table in any state, for the control plane. */
  table(name: string): Table {
    const table = this.find(name);
    if (!table) throw tableNotFound(name);
    return table;
  }

  /** A table items can be read and written in: ACTIVE only, else AWS's bare not-found. */
  activeTable(name: string): Table {
    const table = this.find(name);
    if (!table || this.status(table) !== 'ACTIVE') throw tableNotFound();
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
    return table;
  }
}

export function keySchemaOf(table: TableDefinition): KeySchema {
  const typeOf = (name: string) => table.AttributeDefinitions.find((d) => d.AttributeName === name)!.AttributeType;
  const [hash, range] = table.KeySchema;
  return {
    partitionKey: { name: hash!.AttributeName, type: typeOf(hash!.AttributeName) },
    ...(range ? { sortKey: { name: range.AttributeName, type: typeOf(range.AttributeName) } } : {}),
  };
}
