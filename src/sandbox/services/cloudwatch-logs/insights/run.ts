/**
 * One Logs Insights query over log groups' events: the events in the time range, newest first,
 * through the query's commands, to GetQueryResults' rows and statistics.
 */
import type { QueryStatistics, ResultField } from '@aws-sdk/client-cloudwatch-logs';
import { SANDBOX_ACCOUNT_ID } from '../../../constants.js';
import { liveEvents, type LogGroupRecord } from '../state.js';
import type { Query } from './ast.js';
import { runQuery } from './executor.js';
import { encodePointer } from './pointers.js';
import { Row } from './rows.js';
import { toText } from './values.js';

export interface QueryAnswer {
  results: ResultField[][];
  statistics: Required<Pick<QueryStatistics, 'recordsMatched' | 'recordsScanned' | 'bytesScanned'>>;
}

/** Times in milliseconds: from `startMs` to `endMs`, both included. */
export function answerQuery(query: Query, groups: readonly LogGroupRecord[], startMs: number, endMs: number, now: number, limit?: number): QueryAnswer {
  const rows: Row[] = [];
  let bytesScanned = 0;
  for (const group of groups) {
    const log = `${SANDBOX_ACCOUNT_ID}:${group.logGroupName}`;
    for (const stream of Object.values(group.streams)) {
      const origin = {
        log,
        logStreamName: stream.logStreamName,
        pointer: (event: { eventId: string }) =>
          encodePointer({ region: group.region, logGroupName: group.logGroupName, logStreamName: stream.logStreamName, eventId: event.eventId }),
      };
      for (const event of liveEvents(group, stream, now)) {
        if (event.timestamp < startMs || event.timestamp > endMs) continue;
        // What the query scans, as AWS bills it: the events' bytes.
        bytesScanned += Buffer.byteLength(event.message);
        rows.push(new Row(event, origin));
      }
    }
  }
  rows.sort((a, b) => b.time() - a.time() || (a.event!.eventId < b.event!.eventId ? 1 : -1));
  const outcome = runQuery(query, rows, limit);
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
  return { results, statistics: { recordsMatched: outcome.matched, recordsScanned: rows.length, bytesScanned } };
}
