/**
 * What CloudWatch accepts that this sandbox does not model yet, refused by name rather than
 * silently ignored: Metrics Insights queries (an Expression in its SQL dialect,
 * `SELECT AVG(CPUUtilization) FROM ...`). Metric math and SEARCH are served (math/).
 */
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { AwsError } from '../../errors.js';
import type { BeforeOperation } from '../../kit/operations.js';

const INSIGHTS_QUERY = /^\s*SELECT\b/i;

/** Throws when the query is a Metrics Insights one; `at` is how the request names it (`MetricDataQueries.member.2`). */
export function refuseMetricsInsights(query: Pick<MetricDataQuery, 'Expression'>, at: string): void {
  if (query.Expression !== undefined && INSIGHTS_QUERY.test(query.Expression)) {
    throw new AwsError('InvalidParameterValue', `The lab sandbox does not support Metrics Insights queries (${at}.Expression starts with SELECT) yet; use metric math or SEARCH.`);
  }
}

/** The rule ahead of GetMetricData, so an Insights query is named before any other check of the call. */
export const refuseUnmodelled: BeforeOperation = (input, _ctx, operation) => {
  if (operation !== 'GetMetricData') return;
  const queries = (input.MetricDataQueries ?? []) as ReadonlyArray<{ Expression?: string }>;
  queries.forEach((query, i) => refuseMetricsInsights(query, `MetricDataQueries.member.${i + 1}`));
};
