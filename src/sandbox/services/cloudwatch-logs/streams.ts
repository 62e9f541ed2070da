/** CloudWatch Logs' log stream operations: create, describe (by name or by last event), delete. */
import type {
  CreateLogStreamCommandInput, CreateLogStreamCommandOutput, DeleteLogStreamCommandInput, DeleteLogStreamCommandOutput,
  DescribeLogStreamsCommandInput, DescribeLogStreamsCommandOutput, LogStream,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Handler, RequestContext } from '../../service.js';
import { invalidParameter } from './errors.js';
import { page } from './pages.js';
import { liveEvents, storedBytes, type LogGroupRecord, type LogsState, type LogStreamRecord } from './state.js';

/** DescribeLogStreams answers at most 50 streams a page. */
const STREAMS_PER_PAGE = 50;

export function streamOperations(state: LogsState) {
  const CreateLogStream: Handler<CreateLogStreamCommandInput, CreateLogStreamCommandOutput> = (input, ctx) => {
    state.createLogStream(state.logGroup(ctx.region, input.logGroupName!), input.logStreamName!, ctx.clock.now());
    return {};
  };

  const DeleteLogStream: Handler<DeleteLogStreamCommandInput, DeleteLogStreamCommandOutput> = (input, ctx) => {
    state.deleteLogStream(state.logGroup(ctx.region, input.logGroupName!), input.logStreamName!);
    return {};
  };

  const DescribeLogStreams: Handler<DescribeLogStreamsCommandInput, DescribeLogStreamsCommandOutput> = (input, ctx) => {
    const group = groupOf(state, input, ctx);
    const prefix = input.logStreamNamePrefix;
    const byLastEvent = input.orderBy === 'LastEventTime';
    if (byLastEvent && prefix !== undefined) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
    const now = ctx.clock.now();
    state.forgetExpired(group, now);
    const described = Object.values(group.streams)
      .filter((stream) => prefix === undefined || stream.logStreamName.startsWith(prefix))
      .map((stream) => describeLogStream(group, stream, now));
    described.sort(byLastEvent
      ? (a, b) => (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) || order(a.logStreamName!, b.logStreamName!)
      : (a, b) => order(a.logStreamName!, b.logStreamName!));
    if (input.descending) described.reverse();
    const { items, nextToken } = page(described, input.nextToken, input.limit, STREAMS_PER_PAGE);
    return { logStreams: items, ...(nextToken ? { nextToken } : {}) };
  };

  return { CreateLogStream, DeleteLogStream, DescribeLogStreams };
}

/** The group an operation names by `logGroupName` or `logGroupIdentifier` (exactly one, as AWS asks). */
export function groupOf(
  state: LogsState,
  input: { logGroupName?: string | undefined; logGroupIdentifier?: string | undefined },
  ctx: RequestContext,
): LogGroupRecord {
  if ((input.logGroupName === undefined) === (input.logGroupIdentifier === undefined)) {
    throw invalidParameter('Should provide either logGroupName or logGroupIdentifier.');
  }
  return input.logGroupName !== undefined ? state.logGroup(ctx.region, input.logGroupName) : state.logGroupByIdentifier(ctx.region, input.logGroupIdentifier!);
}

function describeLogStream(group: LogGroupRecord, stream: LogStreamRecord, now: number): LogStream {
  const events = liveEvents(group, stream, now);
  return {
    logStreamName: stream.logStreamName,
    creationTime: stream.creationTime,
    ...(events.length === 0 ? {} : { firstEventTimestamp: events[0]!.timestamp, lastEventTimestamp: events[events.length - 1]!.timestamp }),
    ...(stream.lastIngestionTime === undefined ? {} : { lastIngestionTime: stream.lastIngestionTime }),
    uploadSequenceToken: stream.uploadSequenceToken,
    arn: stream.arn,
    storedBytes: storedBytes(group, stream, now),
  };
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
