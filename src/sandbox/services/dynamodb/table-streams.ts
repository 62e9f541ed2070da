/**
 * A table's stream as the table operations see it: StreamSpecification checked as AWS
 * checks it, the change UpdateTable makes, and the stream part of every table description
 * (the latest stream, with StreamSpecification only while it is enabled, as DescribeTable
 * shows it). The streams themselves are streams.ts's.
 */
import type { StreamSpecification, TableDescription } from '@aws-sdk/client-dynamodb';
import { constraintViolation, tableInUse, validation } from './errors.js';
import { STREAM_VIEW_TYPES, type RegionTables, type StreamViewType, type Table } from './state.js';
import type { RegionStreams } from './streams.js';

/** The view type a specification enables, or undefined when it disables; AWS's checks and words. */
export function checkedStreamSpecification(specification: StreamSpecification): StreamViewType | undefined {
  const viewType = specification.StreamViewType;
  if (viewType !== undefined && !(STREAM_VIEW_TYPES as readonly string[]).includes(viewType)) {
    throw constraintViolation(viewType, 'streamSpecification.streamViewType', `Member must satisfy enum value set: [${STREAM_VIEW_TYPES.join(', ')}]`);
  }
  if (specification.StreamEnabled) {
    if (viewType === undefined) throw validation('Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.');
    return viewType as StreamViewType;
  }
  if (viewType !== undefined) throw validation('Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present.');
  return undefined;
}

/**
 * UpdateTable's StreamSpecification, checked before anything else about the table changes;
 * the change it returns is made once the rest of the update has succeeded.
 */
export function streamChange(tables: RegionTables, streams: RegionStreams, tableName: string, specification: StreamSpecification): () => void {
  const viewType = checkedStreamSpecification(specification);
  const table = tables.table(tableName);
  const status = tables.status(table);
  if (status !== 'ACTIVE') throw tableInUse(table.TableName, status);
  const enabled = streams.enabledStreamOf(table);
  if (viewType && enabled) throw validation('Table already has an enabled stream');
  if (!viewType && !enabled) throw validation('Table has no stream to disable');
  return viewType ? () => streams.enable(table, viewType) : () => streams.disable(enabled!);
}

/** The table's stream closes with it; its records stay readable for a day. */
export function closeStreamOf(streams: RegionStreams, table: Table): void {
  const stream = streams.enabledStreamOf(table);
  if (stream) streams.disable(stream);
}

/** The latest stream of the table, as its description names it. */
export function streamDescription(streams: RegionStreams, table: Table): Pick<TableDescription, 'StreamSpecification' | 'LatestStreamLabel' | 'LatestStreamArn'> {
  const latest = table.LatestStreamArn === undefined ? undefined : streams.find(table.LatestStreamArn);
  if (!latest) return {};
  return {
    ...(latest.disabledAt === undefined ? { StreamSpecification: { StreamEnabled: true, StreamViewType: latest.StreamViewType } } : {}),
    LatestStreamLabel: latest.StreamLabel,
    LatestStreamArn: latest.StreamArn,
  };
}
