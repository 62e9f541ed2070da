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
