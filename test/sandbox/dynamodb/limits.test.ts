/** DescribeLimits and DescribeEndpoints through the real DynamoDBClient, in two regions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeEndpointsCommand, DescribeLimitsCommand } from '@aws-sdk/client-dynamodb';
import { useSandbox } from './harness.js';

const harness = useSandbox();

describe('DescribeLimits', () => {
  it("reports AWS's default provisioned-capacity quotas", async () => {
    const { $metadata: _, ...limits } = await harness.ddb.send(new DescribeLimitsCommand({}));
    assert.deepEqual(limits, {
      AccountMaxReadCapacityUnits: 80000, AccountMaxWriteCapacityUnits: 80000,
      TableMaxReadCapacityUnits: 40000, TableMaxWriteCapacityUnits: 40000,
    });
  });
});

describe('DescribeEndpoints', () => {
  it("names the request's regional endpoint, cached for a day", async () => {
    const { Endpoints } = await harness.client('eu-west-1').send(new DescribeEndpointsCommand({}));
    assert.deepEqual(Endpoints, [{ Address: 'dynamodb.eu-west-1.amazonaws.com', CachePeriodInMinutes: 1440 }]);
  });
});
