/**
 * What CloudWatch accepts that this sandbox does not model yet, refused by name rather than
 * silently ignored: metric math and Metrics Insights (a query's Expression).
 */
import { AwsError } from '../../errors.js';
import type { BeforeOperation } from '../../kit/operations.js';

/** The rule that refuses a GetMetricData query with an Expression. */
export const refuseUnmodelled: BeforeOperation = (input, _ctx, operation) => {
  if (operation !== 'GetMetricData') return;
  const queries = (input.MetricDataQueries ?? []) as ReadonlyArray<{ Expression?: string }>;
  const at = queries.findIndex((query) => query.Expression !== undefined);
  if (at >= 0) {
    throw new AwsError('InvalidParameterValue', `The lab sandbox does not support MetricDataQueries.member.${at + 1}.Expression (metric math) on GetMetricData yet.`);
  }
};
