/**
 * DynamoDB Streams' model: one stream per enabling of StreamSpecification on a table, one
 * shard per stream, and the records every item change appends to it. A stream outlives its
 * table: disabling it or deleting the table closes the shard, and what was written stays
 * readable for 24 hours, as on AWS. Sequence numbers are consecutive within a shard, so a
 * position before the oldest record kept is exactly a position in trimmed data.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { stateAt } from '../../kit/timed-state.js';
import { attributeEquals } from './expressions/attribute-value.js';
import { itemSize } from './item-values.js';
import { keyOf } from './keys.js';
import {
  keySchemaOf, type DynamoDbState, type ItemChange, type RegionContext, type Stream, type StreamRecord, type StreamViewType, type Table,
} from './state.js';

export type StreamStatus = 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED';

/** Records are kept a day; so is a closed stream, after which it is forgotten. */
export const RETENTION_MS = 24 * 60 * 60 * 1000;

const ENABLING = 'dynamodb.stream.enabling';
const DISABLING = 'dynamodb.stream.disabling';

/** The streams of one region (the saved state) read on one clock. */
export class RegionStreams {
  constructor(
    private readonly streams: Record<string, Stream>,
    private readonly clock: Clock,
  ) {}

  /** The streams of the request's region, as `state.regionOf` gives its tables. */
  static of(state: DynamoDbState, ctx: RegionContext): RegionStreams {
    return new RegionStreams((state.streams[ctx.region] ??= {}), ctx.clock);
  }

  /** A new stream on the table, labelled with the moment it was enabled (a stream's own moment). */
  enable(table: Table, viewType: StreamViewType, enabledAt = this.clock.now()): Stream {
    let at = enabledAt;
    while (this.streams[`${table.TableArn}/stream/${label(at)}`]) at++;
    const StreamLabel = label(at);
    const start = sequenceNumber(BigInt(at) * 100_000_000n);
    const stream: Stream = {
      StreamArn: `${table.TableArn}/stream/${StreamLabel}`,
      StreamLabel,
      TableName: table.TableName,
      KeySchema: table.KeySchema,
      StreamViewType: viewType,
      createdAt: at,
      ShardId: `shardId-${String(at).padStart(20, '0')}-${randomBytes(4).toString('hex')}`,
      StartingSequenceNumber: start,
      nextSequenceNumber: start,
      records: [],
    };
    this.streams[stream.StreamArn] = stream;
    table.LatestStreamArn = stream.StreamArn;
    return stream;
  }

  /** The table's stream if it is still taking records. */
  enabledStreamOf(table: Table): Stream | undefined {
    const stream = table.LatestStreamArn === undefined ? undefined : this.find(table.LatestStreamArn);
    return stream && stream.disabledAt === undefined ? stream : undefined;
  }

  disable(stream: Stream): void {
    stream.disabledAt = this.clock.now();
  }

  status(stream: Stream): StreamStatus {
    if (stream.disabledAt !== undefined) return stateAt(this.clock, stream.disabledAt, DISABLING, 'DISABLING', 'DISABLED');
    return stateAt(this.clock, stream.createdAt, ENABLING, 'ENABLING', 'ENABLED');
  }

  /** The last sequence number of a closed shard; none while it is open. */
  endingSequenceNumber(stream: Stream): string | undefined {
    if (stream.disabledAt === undefined) return undefined;
    const last = BigInt(stream.nextSequenceNumber) - 1n;
    return last < BigInt(stream.StartingSequenceNumber) ? stream.StartingSequenceNumber : sequenceNumber(last);
  }

  /** A stream not yet forgotten, its old records trimmed. */
  find(arn: string): Stream | undefined {
    const stream = this.streams[arn];
    if (!stream) return undefined;
    const horizon = this.clock.now() - RETENTION_MS;
    if (stream.disabledAt !== undefined && stream.disabledAt < horizon) {
      delete this.streams[arn];
      return undefined;
    }
    const kept = stream.records.findIndex((record) => record.at >= horizon);
    if (kept !== 0) stream.records.splice(0, kept === -1 ? stream.records.length : kept);
    return stream;
  }

  /** Every stream not yet forgotten, newest first, as ListStreams answers. */
  list(): Stream[] {
    return Object.keys(this.streams)
      .map((arn) => this.find(arn))
      .filter((stream): stream is Stream => stream !== undefined)
      .sort((a, b) => b.createdAt - a.createdAt || (a.StreamArn < b.StreamArn ? -1 : 1));
  }

  /** The position TRIM_HORIZON names: the oldest record kept, else the next one. */
  trimHorizon(stream: Stream): bigint {
    return BigInt(stream.records[0]?.SequenceNumber ?? stream.nextSequenceNumber);
  }

  /** Records from `position` on, at most `limit`. */
  read(stream: Stream, position: bigint, limit: number): StreamRecord[] {
    const first = stream.records.findIndex((record) => BigInt(record.SequenceNumber) >= position);
    return first === -1 ? [] : stream.records.slice(first, first + limit);
  }
}

/**
 * Every item write reaches the table's enabled stream, if it has one; a write that changed
 * nothing writes no record, as on AWS.
 */
export function captureStreamRecords(state: DynamoDbState): void {
  state.changeListeners.push((change) => {
    const arn = change.table.LatestStreamArn;
    const stream = arn === undefined ? undefined : state.streams[change.region]?.[arn];
    if (stream && stream.disabledAt === undefined) capture(stream, change);
  });
}

function capture(stream: Stream, change: ItemChange): void {
  const { old, new: next } = change;
  if (old && next && attributeEquals({ M: old }, { M: next })) return;
  const Keys = structuredClone(keyOf(keySchemaOf(change.table), (next ?? old)!));
  const view = stream.StreamViewType;
  const NewImage = next && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES') ? structuredClone(next) : undefined;
  const OldImage = old && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES') ? structuredClone(old) : undefined;
  const SequenceNumber = stream.nextSequenceNumber;
  stream.nextSequenceNumber = sequenceNumber(BigInt(SequenceNumber) + 1n);
  stream.records.push({
    eventID: randomBytes(16).toString('hex'),
    eventName: !old ? 'INSERT' : !next ? 'REMOVE' : 'MODIFY',
    at: change.at,
    SequenceNumber,
    Keys,
    ...(NewImage ? { NewImage } : {}),
    ...(OldImage ? { OldImage } : {}),
    SizeBytes: itemSize(Keys) + (NewImage ? itemSize(NewImage) : 0) + (OldImage ? itemSize(OldImage) : 0),
    ...(change.byService ? { byService: true } : {}),
  });
}

/** An ISO time without its zone, as AWS labels streams. */
function label(at: number): string {
  return new Date(at).toISOString().replace(/Z$/, '');
}

/** Sequence numbers are compared as numbers; written as at least 21 digits. */
export function sequenceNumber(n: bigint): string {
  return n.toString().padStart(21, '0');
}
