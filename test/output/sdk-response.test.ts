import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatJson } from '../../src/output/json.js';
import { cliTimestamp, responseDocument } from '../../src/output/sdk-response.js';

test('an SDK output prints without $metadata, with CLI timestamps and base64 blobs', () => {
  const output = {
    $metadata: { httpStatusCode: 200, requestId: 'abc', attempts: 1 },
    Reservations: [{ Instances: [{ InstanceId: 'i-1', LaunchTime: new Date(Date.UTC(2026, 10, 22, 15, 39, 15)), Missing: undefined }] }],
    Item: { Data: { B: new Uint8Array([104, 105]) } },
  };
  assert.equal(
    formatJson(responseDocument(output)),
    `{
    "Reservations": [
        {
            "Instances": [
                {
                    "InstanceId": "i-1",
                    "LaunchTime": "2026-11-22T15:39:15+00:00"
                }
            ]
        }
    ],
    "Item": {
        "Data": {
            "B": "aGk="
        }
    }
}
`,
  );
});

test('timestamps print as Python isoformat: microseconds only when present', () => {
  assert.equal(cliTimestamp(new Date('2026-01-02T03:04:05Z')), '2026-01-02T03:04:05+00:00');
  assert.equal(cliTimestamp(new Date('2026-01-02T03:04:05.067Z')), '2026-01-02T03:04:05.067000+00:00');
});

test('whole numbers in double members print as the CLI prints floats, ints stay ints', async () => {
  const { Query$ } = await import('@aws-sdk/client-dynamodb');
  const output = {
    $metadata: {},
    Count: 2,
    ScannedCount: 2,
    Items: [{ year: { N: '2015' } }],
    ConsumedCapacity: { TableName: 'Movies', CapacityUnits: 1, Table: { CapacityUnits: 1 }, GlobalSecondaryIndexes: { 'title-index': { CapacityUnits: 0.5 } } },
  };
  const schema = (Query$ as unknown as unknown[])[5];
  const printed = formatJson(responseDocument(output, schema));
  assert.match(printed, /"Count": 2,\n/);
  assert.match(printed, /"CapacityUnits": 1\.0,?\n[\s\S]*"CapacityUnits": 1\.0\n[\s\S]*"CapacityUnits": 0\.5\n/);
  assert.match(formatJson(responseDocument(output)), /"CapacityUnits": 1,/, 'without a schema the value is all there is');
});
