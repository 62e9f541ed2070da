/**
 * CloudWatch Logs' event operations: PutLogEvents with AWS's batch rules, GetLogEvents with
 * its forward and backward tokens, and FilterLogEvents across a group's streams.
 */
import type {
  FilteredLogEvent, FilterLogEventsCommandInput, FilterLogEventsCommandOutput, GetLogEventsCommandInput, GetLogEventsCommandOutput,
  PutLogEventsCommandInput, PutLogEventsCommandOutput, RejectedLogEventsInfo,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Handler, RequestContext } from '../../service.js';
import { invalidParameter, refusingBadPatterns, validationFailed } from './errors.js';
import { compileFilterPattern, type Matcher } from './filter-pattern.js';
import { checkedLimit, page } from './pages.js';
import { DAY_MS, liveEvents, retentionCutoff, type LogEventRecord, type LogGroupRecord, type LogsState } from './state.js';
import { groupOf } from './streams.js';

// PutLogEvents' quotas (API reference, PutLogEvents).
const EVENTS_PER_BATCH = 10_000;
const BATCH_BYTES = 1_048_576;
const BYTES_PER_EVENT = 26;
const BATCH_SPAN_MS = DAY_MS;
const TOO_OLD_MS = 14 * DAY_MS;
const TOO_NEW_MS = 2 * 3_600_000;

/** GetLogEvents and FilterLogEvents answer at most 10,000 events a call. */
const EVENTS_PER_PAGE = 10_000;

/** Told of the events PutLogEvents stored, in order: how metric filters see them. */
export type IngestListener = (group: LogGroupRecord, events: readonly { timestamp: number; message: string }[], ctx: RequestContext) => void;

export function eventOperations(state: LogsState, onIngested: IngestListener) {
  const PutLogEvents: Handler<PutLogEventsCommandInput, PutLogEventsCommandOutput> = (input, ctx) => {
    const group = state.logGroup(ctx.region, input.logGroupName!);
    const stream = state.logStream(group, input.logStreamName!);
    const events = (input.logEvents ?? []).map((event) => ({ timestamp: event.timestamp!, message: event.message! }));
    checkBatch(events);
    const now = ctx.clock.now();
    const { accepted, rejected } = sortOut(events, group, now);
    state.forgetExpired(group, now);
    state.appendEvents(group, stream, accepted, now);
    onIngested(group, accepted, ctx);
    return { nextSequenceToken: stream.uploadSequenceToken, ...(rejected ? { rejectedLogEventsInfo: rejected } : {}) };
  };

  const GetLogEvents: Handler<GetLogEventsCommandInput, GetLogEventsCommandOutput> = (input, ctx) => {
    const group = groupOf(state, input, ctx);
    const stream = state.logStream(group, input.logStreamName!);
    state.forgetExpired(group, ctx.clock.now());
    const window = inWindow(liveEvents(group, stream, ctx.clock.now()), input.startTime, input.endTime);
    const limit = checkedLimit(input.limit, EVENTS_PER_PAGE);
    const { start, end } = pageBounds(window.length, limit, input.nextToken, input.startFromHead ?? false);
    return {
      events: window.slice(start, end).map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
      nextForwardToken: eventToken('f', end),
      nextBackwardToken: eventToken('b', start),
    };
  };

  const FilterLogEvents: Handler<FilterLogEventsCommandInput, FilterLogEventsCommandOutput> = (input, ctx) => {
    const group = groupOf(state, input, ctx);
    if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
      throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    }
    const matches = compiled(input.filterPattern ?? '');
    const now = ctx.clock.now();
    state.forgetExpired(group, now);
    const streams = Object.values(group.streams).filter((stream) =>
      (input.logStreamNames === undefined || input.logStreamNames.includes(stream.logStreamName)) &&
      (input.logStreamNamePrefix === undefined || stream.logStreamName.startsWith(input.logStreamNamePrefix)));
    const found: FilteredLogEvent[] = [];
    for (const stream of streams) {
      for (const event of inWindow(liveEvents(group, stream, now), input.startTime, input.endTime)) {
        if (matches(event.message)) found.push({ logStreamName: stream.logStreamName, ...event });
      }
    }
    // Interleaved across streams: by timestamp, then by arrival.
    found.sort((a, b) => a.timestamp! - b.timestamp! || (a.eventId! < b.eventId! ? -1 : 1));
    const { items, nextToken } = page(found, input.nextToken, input.limit, EVENTS_PER_PAGE);
    return {
      events: items,
      searchedLogStreams: streams.map((stream) => ({ logStreamName: stream.logStreamName, searchedCompletely: nextToken === undefined })),
      ...(nextToken ? { nextToken } : {}),
    };
  };

  return { PutLogEvents, GetLogEvents, FilterLogEvents };
}

/** What makes AWS refuse the whole batch: its size, its order, its span. */
function checkBatch(events: readonly { timestamp: number; message: string }[]): void {
  if (events.length === 0) throw validationFailed('[]', 'logEvents', 'Member must have length greater than or equal to 1');
  if (events.length > EVENTS_PER_BATCH) {
    throw invalidParameter(`1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to ${EVENTS_PER_BATCH}`);
  }
  const bytes = events.reduce((total, event) => total + Buffer.byteLength(event.message) + BYTES_PER_EVENT, 0);
  if (bytes > BATCH_BYTES) throw invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${BATCH_BYTES}`);
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.timestamp < events[i - 1]!.timestamp) {
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
  }
  if (events[events.length - 1]!.timestamp - events[0]!.timestamp > BATCH_SPAN_MS) {
    throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  }
}

/**
 * Events AWS takes and the indexes of those it rejects: the batch is in order, so the too
 * old (before 14 days) and the expired (before the group's retention) are a prefix, ended by
 * exclusive indexes, and the too new (past 2 hours ahead) a suffix, from an inclusive one.
 */
function sortOut<E extends { timestamp: number }>(events: readonly E[], group: LogGroupRecord, now: number): { accepted: E[]; rejected?: RejectedLogEventsInfo } {
  const tooOldEnd = countWhile(events, (event) => event.timestamp < now - TOO_OLD_MS);
  const expiredEnd = countWhile(events, (event) => event.timestamp < retentionCutoff(group, now));
  const tooNewStart = events.length - countWhile([...events].reverse(), (event) => event.timestamp > now + TOO_NEW_MS);
  const rejected: RejectedLogEventsInfo = {
    ...(tooNewStart < events.length ? { tooNewLogEventStartIndex: tooNewStart } : {}),
    ...(tooOldEnd > 0 ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
    ...(expiredEnd > 0 ? { expiredLogEventEndIndex: expiredEnd } : {}),
  };
  const accepted = events.slice(Math.max(tooOldEnd, expiredEnd), Math.max(tooNewStart, Math.max(tooOldEnd, expiredEnd)));
  return Object.keys(rejected).length === 0 ? { accepted } : { accepted, rejected };
}

function countWhile<T>(items: readonly T[], test: (item: T) => boolean): number {
  let count = 0;
  while (count < items.length && test(items[count]!)) count++;
  return count;
}

/** Events from startTime (inclusive) to endTime (exclusive), as GetLogEvents and FilterLogEvents read them. */
function inWindow(events: readonly LogEventRecord[], startTime: number | undefined, endTime: number | undefined): LogEventRecord[] {
  return events.filter((event) => (startTime === undefined || event.timestamp >= startTime) && (endTime === undefined || event.timestamp < endTime));
}

/**
 * GetLogEvents' page: from the head or the tail without a token; after an `f/` token forward,
 * before a `b/` token backward. At either end the same token comes back, which is how
 * callers (the CLI's paginator among them) know to stop.
 */
function pageBounds(total: number, limit: number, token: string | undefined, fromHead: boolean): { start: number; end: number } {
  if (token === undefined) return fromHead ? { start: 0, end: Math.min(limit, total) } : { start: Math.max(0, total - limit), end: total };
  const parsed = /^([fb])\/(\d{56})$/.exec(token);
  if (!parsed) throw invalidParameter('The specified nextToken is invalid.');
  const at = Math.min(Number(parsed[2]), total);
  return parsed[1] === 'f' ? { start: at, end: Math.min(at + limit, total) } : { start: Math.max(0, at - limit), end: at };
}

/** `f/` or `b/` and 56 digits, the shape of AWS's tokens. */
function eventToken(direction: 'f' | 'b', position: number): string {
  return `${direction}/${String(position).padStart(56, '0')}`;
}

function compiled(pattern: string): Matcher {
  return refusingBadPatterns(() => compileFilterPattern(pattern));
}
