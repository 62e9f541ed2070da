/**
 * StreamSpecification on DynamoDB's table operations, layered over tables.ts: CreateTable and
 * UpdateTable enable or disable a stream, and every table description names the latest
 * stream (StreamSpecification only while it is enabled, as DescribeTable shows it).
 */
import type {
  CreateTableCommandInput, CreateTableCommandOutput, DeleteTableCommandInput, DeleteTableCommandOutput,
  DescribeTableCommandInput, DescribeTableCommandOutput, StreamSpecification, TableDescription,
  UpdateTableCommandInput, UpdateTableCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { Handler, RequestContext } from '../../service.js';
import { tableInUse, validation } from './errors.js';
import type { DynamoDbState } from './state.js';
import { RegionStreams, STREAM_VIEW_TYPES, type StreamViewType } from './streams.js';

interface TableOperations {
  CreateTable: Handler<CreateTableCommandInput, CreateTableCommandOutput>;
  DescribeTable: Handler<DescribeTableCommandInput, DescribeTableCommandOutput>;
  DeleteTable: Handler<DeleteTableCommandInput, DeleteTableCommandOutput>;
  UpdateTable: Handler<UpdateTableCommandInput, UpdateTableCommandOutput>;
}

export function withStreams<T extends TableOperations>(state: DynamoDbState, inner: T): T {
  const streamsOf = (ctx: RequestContext) => RegionStreams.of(state, ctx.region, ctx.clock);

  /** The table's description with its stream, read from the table as it is now. */
  const describe = (description: TableDescription, ctx: RequestContext): TableDescription => {
    const { StreamSpecification: _was, LatestStreamLabel: _wasLabel, LatestStreamArn: _wasArn, ...plain } = description;
    const table = state.tables[ctx.region]?.[description.TableName!];
    const latest = table?.LatestStreamArn === undefined ? undefined : streamsOf(ctx).find(table.LatestStreamArn);
    if (!latest) return plain;
    return {
      ...plain,
      ...(latest.disabledAt === undefined ? { StreamSpecification: { StreamEnabled: true, StreamViewType: latest.StreamViewType } } : {}),
      LatestStreamLabel: latest.StreamLabel,
      LatestStreamArn: latest.StreamArn,
    };
  };

  const CreateTable: TableOperations['CreateTable'] = async (input, ctx) => {
    const { StreamSpecification: specification, ...rest } = input;
    const viewType = specification && checkedSpecification(specification);
    const output = await inner.CreateTable(rest, ctx);
    if (viewType) {
      const table = state.regionOf(ctx).table(input.TableName!);
      streamsOf(ctx).enable(table, viewType, table.createdAt);
    }
    return { ...output, TableDescription: describe(output.TableDescription!, ctx) };
  };

  const DescribeTable: TableOperations['DescribeTable'] = async (input, ctx) => {
    const output = await inner.DescribeTable(input, ctx);
    return { ...output, Table: describe(output.Table!, ctx) };
  };

  /** The table's stream closes with it; its records stay readable for a day. */
  const DeleteTable: TableOperations['DeleteTable'] = async (input, ctx) => {
    const output = await inner.DeleteTable(input, ctx);
    const table = state.regionOf(ctx).table(input.TableName!);
    const streams = streamsOf(ctx);
    const description = describe(output.TableDescription!, ctx);
    const stream = streams.enabledStreamOf(table);
    if (stream) streams.disable(stream);
    return { ...output, TableDescription: description };
  };

  /**
   * A stream change is checked before anything else changes and made after the rest of the
   * update succeeded; an update of the stream alone is answered here.
   */
  const UpdateTable: TableOperations['UpdateTable'] = async (input, ctx) => {
    const { StreamSpecification: specification, ...rest } = input;
    if (!specification) return updateRest(rest, ctx);
    const viewType = checkedSpecification(specification);
    const tables = state.regionOf(ctx);
    const table = tables.table(input.TableName!);
    const status = tables.status(table);
    if (status !== 'ACTIVE') throw tableInUse(table.TableName, status);
    const streams = streamsOf(ctx);
    const enabled = streams.enabledStreamOf(table);
    if (viewType && enabled) throw validation('Table already has an enabled stream');
    if (!viewType && !enabled) throw validation('Table has no stream to disable');
    const others = Object.keys(rest).filter((member) => member !== 'TableName' && rest[member as keyof typeof rest] !== undefined);
    const output = others.length > 0 ? await updateRest(rest, ctx) : undefined;
    if (viewType) streams.enable(table, viewType);
    else streams.disable(enabled!);
    const description = output?.TableDescription ?? (await inner.DescribeTable({ TableName: input.TableName! }, ctx)).Table!;
    return { ...output, TableDescription: describe(description, ctx) };
  };

  const updateRest = async (input: UpdateTableCommandInput, ctx: RequestContext) => {
    const output = await inner.UpdateTable(input, ctx);
    return { ...output, TableDescription: describe(output.TableDescription!, ctx) };
  };

  return { ...inner, CreateTable, DescribeTable, DeleteTable, UpdateTable };
}

/** The view type a specification enables, or undefined when it disables; AWS's checks and words. */
function checkedSpecification(specification: StreamSpecification): StreamViewType | undefined {
  const viewType = specification.StreamViewType;
  if (viewType !== undefined && !(STREAM_VIEW_TYPES as readonly string[]).includes(viewType)) {
    throw validation(`1 validation error detected: Value '${viewType}' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [${STREAM_VIEW_TYPES.join(', ')}]`);
  }
  if (specification.StreamEnabled) {
    if (viewType === undefined) throw validation('Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.');
    return viewType as StreamViewType;
  }
  if (viewType !== undefined) throw validation('Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present.');
  return undefined;
}
