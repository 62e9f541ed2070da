/** Logs Insights' own errors, worded as AWS words them where its words are known. */
import { AwsError } from '../../../errors.js';
import type { QuerySyntaxError } from './syntax-error.js';

/**
 * MalformedQueryException with its QueryCompileError: the message, and the offending text's
 * start and end offsets in the query (botocore: QueryCompileErrorLocation's startCharOffset
 * and endCharOffset).
 */
export function malformedQuery(error: QuerySyntaxError, query: string): AwsError {
  const message = error.describe(query);
  return new AwsError('MalformedQueryException', message, {
    fields: { queryCompileError: { location: { startCharOffset: error.start, endCharOffset: error.end }, message } },
  });
}

/** AWS answers an id it never issued (or no longer keeps) so; the exact words are not published. */
export const queryNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'Query does not exist.');

/** StopQuery on a query that has already ended (AWS: InvalidParameterException). */
export const queryNotRunning = (queryId: string): AwsError => new AwsError('InvalidParameterException', `Query ${queryId} is not running.`);

/** GetLogRecord's pointer names an event no longer kept (deleted, or expired by retention). */
export const logRecordNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified log record does not exist.');
