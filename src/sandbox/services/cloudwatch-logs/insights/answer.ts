/**
 * One Logs Insights query over log groups' events: the events in the time range, newest first,
 * through the query's commands, to GetQueryResults' rows and statistics.
 */
import type { QueryStatistics, ResultField } from '@aws-sdk/client-cloudwatch-logs';
import { SANDBOX_ACCOUNT_ID } from '../../../constants.js';
import { liveEvents, type LogEventRecord, type LogGroupRecord } from '../state.js';
import type { Query } from './ast.js';
import { runQuery } from './executor.js';
import { encodePointer } from './pointers.js';
import { Row, type EventOrigin } from './rows.js';
import { toText } from './values.js';

export interface QueryAnswer {
  results: ResultField[][];
  statistics: Required<Pick<QueryStatistics, 'recordsMatched' | 'recordsScanned' | 'bytesScanned'>>;
}

/** Times in milliseconds: from `startMs` to `endMs`, both included. */
export function answerQuery(query: Query, groups: readonly LogGroupRecord[], startMs: number, endMs: number, now: number, limit?: number): QueryAnswer {
  const streams: StreamCursor[] = [];
  let recordsScanned = 0;
  let bytesScanned = 0;
  for (const group of groups) {
    const log = `${SANDBOX_ACCOUNT_ID}:${group.logGroupName}`;
    for (const stream of Object.values(group.streams)) {
      const events = liveEvents(group, stream, now);
      // Each stream keeps its events in time order: the range is a slice of it, read from its end.
      const from = firstAtOrAfter(events, startMs);
      const to = firstAtOrAfter(events, endMs + 1);
      if (to <= from) continue;
      for (let i = from; i < to; i++) bytesScanned += Buffer.byteLength(events[i]!.message);
      recordsScanned += to - from;
      const origin = {
        log,
        logStreamName: stream.logStreamName,
        pointer: (event: { eventId: string }) =>
          encodePointer({ region: group.region, logGroupName: group.logGroupName, logStreamName: stream.logStreamName, eventId: event.eventId }),
      };
      streams.push({ events, next: to - 1, from, origin });
    }
  }
  const outcome = runQuery(query, newestFirst(streams), limit);
  const results = outcome.rows.map((row) => {
    const names = outcome.shown ?? row.defaultNames();
    const fields: ResultField[] = [];
    for (const name of names) {
      const value = row.get(name);
      if (value !== undefined) fields.push({ field: name, value: toText(value) });
    }
    if (!outcome.aggregated && row.event !== undefined) fields.push({ field: '@ptr', value: row.get('@ptr') as string });
    return fields;
  });
  return { results, statistics: { recordsMatched: outcome.matched, recordsScanned, bytesScanned } };
}

interface StreamCursor {
  events: readonly LogEventRecord[];
  /** The next event to read, counting down to `from`. */
  next: number;
  from: number;
  origin: EventOrigin;
}

/**
 * The streams' events as rows, newest first across them (ties: the later event first), made
 * one at a time as the query reads them: a heap of the streams by their next event's time.
 */
function* newestFirst(streams: StreamCursor[]): Iterable<Row> {
  const later = (a: StreamCursor, b: StreamCursor): boolean => {
    const x = a.events[a.next]!;
    const y = b.events[b.next]!;
    return x.timestamp > y.timestamp || (x.timestamp === y.timestamp && x.eventId > y.eventId);
  };
  const heap = new Heap(streams, later);
  for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
    yield new Row(top.events[top.next]!, top.origin);
    top.next--;
    if (top.next < top.from) heap.pop();
    else heap.settle();
  }
}

/** A binary heap whose top is the item `first` puts before the others. */
class Heap<T> {
  private readonly items: T[];

  constructor(items: readonly T[], private readonly first: (a: T, b: T) => boolean) {
    this.items = [...items];
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  peek(): T | undefined {
    return this.items[0];
  }

  pop(): void {
    const last = this.items.pop()!;
    if (this.items.length > 0) {
      this.items[0] = last;
      this.down(0);
    }
  }

  /** The top item's key changed: it sinks to where it now belongs. */
  settle(): void {
    this.down(0);
  }

  private down(at: number): void {
    const items = this.items;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let best = at;
      if (left < items.length && this.first(items[left]!, items[best]!)) best = left;
      if (right < items.length && this.first(items[right]!, items[best]!)) best = right;
      if (best === at) return;
      [items[at], items[best]] = [items[best]!, items[at]!];
      at = best;
    }
  }
}

/** The first position whose event is at or after `ms` (binary search; events are in time order). */
function firstAtOrAfter(events: readonly LogEventRecord[], ms: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle]!.timestamp < ms) low = middle + 1;
    else high = middle;
  }
  return low;
}
