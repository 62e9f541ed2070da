/**
 * DescribeLimits and DescribeEndpoints: the account's default provisioned-capacity quotas,
 * and the regional endpoint.
 *
 * DescribeEndpoints names AWS's regional endpoint, not the sandbox's own address: it is
 * what the week 8 lab shows a learner, and nothing follows it here, because the SDKs and
 * the AWS CLI do no endpoint discovery when given an endpoint URL (the SDK for JavaScript
 * refuses to), which is how every client reaches the sandbox.
 */
import type {
  DescribeEndpointsCommandInput, DescribeEndpointsCommandOutput, DescribeLimitsCommandInput, DescribeLimitsCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { Handler } from '../../service.js';

/** AWS's documented defaults for provisioned capacity, per account per region and per table. */
const ACCOUNT_MAX_CAPACITY_UNITS = 80_000;
const TABLE_MAX_CAPACITY_UNITS = 40_000;

/** One day: how long AWS tells clients to cache the endpoint. */
const ENDPOINT_CACHE_MINUTES = 1440;

export function limitOperations() {
  const DescribeLimits: Handler<DescribeLimitsCommandInput, DescribeLimitsCommandOutput> = () => ({
    AccountMaxReadCapacityUnits: ACCOUNT_MAX_CAPACITY_UNITS,
    AccountMaxWriteCapacityUnits: ACCOUNT_MAX_CAPACITY_UNITS,
    TableMaxReadCapacityUnits: TABLE_MAX_CAPACITY_UNITS,
    TableMaxWriteCapacityUnits: TABLE_MAX_CAPACITY_UNITS,
  });

  const DescribeEndpoints: Handler<DescribeEndpointsCommandInput, DescribeEndpointsCommandOutput> = (_input, ctx) => ({
    Endpoints: [{ Address: `dynamodb.${ctx.region}.amazonaws.com`, CachePeriodInMinutes: ENDPOINT_CACHE_MINUTES }],
  });

  return { DescribeLimits, DescribeEndpoints };
}
