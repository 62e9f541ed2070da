/**
 * CloudWatch Logs Insights' operations: StartQuery, GetQueryResults, StopQuery,
 * DescribeQueries and GetLogRecord. A query answers at once but reports Scheduled, then
 * Running, then Complete on the sandbox clock, as AWS's queries move.
 */
import { randomUUID } from 'node:crypto';
import type {
  DescribeQueriesCommandInput, DescribeQueriesCommandOutput, GetLogRecordCommandInput, GetLogRecordCommandOutput,
  GetQueryResultsCommandInput, GetQueryResultsCommandOutput, QueryInfo, StartQueryCommandInput, StartQueryCommandOutput,
  StopQueryCommandInput, StopQueryCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { SANDBOX_ACCOUNT_ID } from '../../../constants.js';
import { pageOf } from '../../../kit/pages.js';
import type { Handler } from '../../../service.js';
import { invalidNextToken, invalidParameter, validationFailed } from '../errors.js';
import { liveEvents, type LogGroupRecord, type LogsState } from '../state.js';
import { logRecordNotFound, malformedQuery, queryNotFound, queryNotRunning } from './errors.js';
import { MAX_RESULTS, parseQuery } from './parser.js';
import { decodePointer } from './pointers.js';
import { QueryStore, type QueryPhase } from './query-store.js';
import { Row } from './rows.js';
import { answerQuery } from './answer.js';
import { QuerySyntaxError } from './syntax-error.js';
import { toText } from './values.js';

/** StartQuery's quotas (API reference, StartQuery: logGroupNames up to 50; QueryString up to 10,000 characters). */
const LOG_GROUPS_PER_QUERY = 50;
const QUERY_STRING_LENGTH = 10_000;
/** DescribeQueries' maxResults: 1 to 1,000. */
const QUERIES_PER_PAGE = 1_000;
const STATUSES = ['Scheduled', 'Running', 'Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown'];

export function insightsOperations(state: LogsState) {
  const queries = new QueryStore(state);

  const StartQuery: Handler<StartQueryCommandInput, StartQueryCommandOutput> = (input, ctx) => {
    const queryString = input.queryString ?? '';
    if (queryString.length > QUERY_STRING_LENGTH) {
      throw invalidParameter(`1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length less than or equal to ${QUERY_STRING_LENGTH}`);
    }
    if (input.limit !== undefined && (input.limit < 1 || input.limit > MAX_RESULTS)) {
      throw validationFailed(String(input.limit), 'limit', input.limit < 1 ? 'Member must have value greater than or equal to 1' : `Member must have value less than or equal to ${MAX_RESULTS}`);
    }
    const groups = queriedGroups(state, input, ctx.region);
    const startTime = input.startTime!;
    const endTime = input.endTime!;
    // AWS's words for these two are not published; said plainly, as the API reference states the rule.
    if (startTime < 0 || endTime < 0) throw invalidParameter('startTime and endTime must be positive epoch times in seconds.');
    if (endTime < startTime) throw invalidParameter('endTime must be greater than or equal to startTime.');
    const now = ctx.clock.now();
    // Both ends are whole seconds and included: the end second's every millisecond counts.
    const answer = compiled(queryString, () => answerQuery(parseQuery(queryString), groups, startTime * 1000, endTime * 1000 + 999, now, input.limit));
    const queryId = randomUUID();
    queries.add({
      queryId,
      region: ctx.region,
      queryString,
      logGroupNames: groups.map((group) => group.logGroupName),
      createTime: now,
      state: { name: 'Scheduled', since: now },
      answer,
    });
    return { queryId };
  };

  const GetQueryResults: Handler<GetQueryResultsCommandInput, GetQueryResultsCommandOutput> = (input, ctx) => {
    const record = queries.get(ctx.region, input.queryId!);
    if (!record) throw queryNotFound();
    const status = queries.status(record, ctx.clock);
    // Rows are shown once the query completes; until then (and once cancelled) none are.
    const done = status === 'Complete';
    return {
      queryLanguage: 'CWLI',
      results: done ? record.answer.results : [],
      statistics: done ? record.answer.statistics : { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
      status,
    };
  };

  const StopQuery: Handler<StopQueryCommandInput, StopQueryCommandOutput> = (input, ctx) => {
    const record = queries.get(ctx.region, input.queryId!);
    if (!record) throw queryNotFound();
    const status = queries.status(record, ctx.clock);
    if (status !== 'Scheduled' && status !== 'Running') throw queryNotRunning(record.queryId);
    record.state = { name: 'Cancelled', since: ctx.clock.now() };
    return { success: true };
  };

  const DescribeQueries: Handler<DescribeQueriesCommandInput, DescribeQueriesCommandOutput> = (input, ctx) => {
    if (input.status !== undefined && !STATUSES.includes(input.status)) {
      throw validationFailed(input.status, 'status', `Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
    }
    const size = input.maxResults ?? QUERIES_PER_PAGE;
    if (size < 1 || size > QUERIES_PER_PAGE) {
      throw validationFailed(String(size), 'maxResults', size < 1 ? 'Member must have value greater than or equal to 1' : `Member must have value less than or equal to ${QUERIES_PER_PAGE}`);
    }
    const infos: QueryInfo[] = [];
    for (const record of queries.inRegion(ctx.region)) {
      const status: QueryPhase = queries.status(record, ctx.clock);
      if (input.logGroupName !== undefined && !record.logGroupNames.includes(input.logGroupName)) continue;
      if (input.status !== undefined && input.status !== status) continue;
      infos.push({
        queryLanguage: 'CWLI',
        queryId: record.queryId,
        queryString: record.queryString,
        status,
        createTime: record.createTime,
        logGroupName: record.logGroupNames[0]!,
      });
    }
    const { items, next } = pageOf(infos, input.nextToken, size, invalidNextToken);
    return { queries: items, ...(next === undefined ? {} : { nextToken: next }) };
  };

  const GetLogRecord: Handler<GetLogRecordCommandInput, GetLogRecordCommandOutput> = (input, ctx) => {
    const address = decodePointer(input.logRecordPointer ?? '');
    if (!address) throw invalidParameter('The specified log record pointer is invalid.');
    const group = state.regions[address.region]?.[address.logGroupName];
    const stream = group?.streams[address.logStreamName];
    const event = group && stream ? liveEvents(group, stream, ctx.clock.now()).find((candidate) => candidate.eventId === address.eventId) : undefined;
    if (!group || !stream || !event) throw logRecordNotFound();
    const row = new Row(event, { log: `${SANDBOX_ACCOUNT_ID}:${group.logGroupName}`, logStreamName: stream.logStreamName, pointer: () => input.logRecordPointer! });
    // GetLogRecord gives times as epoch milliseconds, where query results print them.
    const logRecord: Record<string, string> = {
      '@ingestionTime': String(event.ingestionTime),
      '@log': row.get('@log') as string,
      '@logStream': stream.logStreamName,
      '@message': event.message,
      '@timestamp': String(event.timestamp),
    };
    for (const [name, value] of row.jsonFields()) logRecord[name] = toText(value);
    return { logRecord };
  };

  return { StartQuery, GetQueryResults, StopQuery, DescribeQueries, GetLogRecord };
}

/** Runs what parses and runs the query, answering a syntax error as AWS does. */
function compiled<T>(queryString: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw malformedQuery(error, queryString);
    throw error;
  }
}

/** The groups a StartQuery names, by exactly one of its three parameters. */
function queriedGroups(state: LogsState, input: StartQueryCommandInput, region: string): LogGroupRecord[] {
  const given = [input.logGroupName, input.logGroupNames, input.logGroupIdentifiers].filter((value) => value !== undefined);
  // The API reference's rule; AWS's own wording of this refusal is not published.
  if (given.length !== 1) throw invalidParameter('Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.');
  if (input.logGroupName !== undefined) return [state.logGroup(region, input.logGroupName)];
  const list = (input.logGroupNames ?? input.logGroupIdentifiers)!;
  const member = input.logGroupNames ? 'logGroupNames' : 'logGroupIdentifiers';
  if (list.length === 0) throw invalidParameter(`1 validation error detected: Value '[]' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  if (list.length > LOG_GROUPS_PER_QUERY) {
    throw invalidParameter(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${LOG_GROUPS_PER_QUERY}`);
  }
  const groups = list.map((name) => (input.logGroupNames ? state.logGroup(region, name) : state.logGroupByIdentifier(region, name)));
  return [...new Set(groups)];
}
