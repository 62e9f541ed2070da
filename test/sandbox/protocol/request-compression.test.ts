/** Gzipped request bodies (Smithy's @requestCompression) are unwrapped for JSON and query services, never for REST XML. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { HttpRequest } from '../../../src/sandbox/protocol/codec.js';
import { withoutRequestCompression } from '../../../src/sandbox/protocol/request-compression.js';

const request = (body: Buffer, encoding?: string): HttpRequest => ({
  method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(encoding === undefined ? {} : { 'content-encoding': encoding }) }, body,
});
const form = Buffer.from('Action=PutMetricData&Version=2010-08-01&Namespace=Lab');

describe('request compression', () => {
  it('unwraps a gzipped body for query and JSON services and drops gzip from Content-Encoding', () => {
    for (const declared of ['query', 'json', 'ec2'] as const) {
      const out = withoutRequestCompression(request(gzipSync(form), 'gzip'), declared);
      assert.deepEqual(out.body, form);
      assert.equal(out.headers['content-encoding'], undefined);
    }
    const kept = withoutRequestCompression(request(gzipSync(form), 'gzip, identity'), 'query');
    assert.deepEqual(kept.body, form);
    assert.equal(kept.headers['content-encoding'], 'identity');
  });

  it('leaves REST XML (an S3 object stored gzipped), unsigned requests, plain and broken bodies as they are', () => {
    const zipped = request(gzipSync(form), 'gzip');
    assert.equal(withoutRequestCompression(zipped, 'rest-xml'), zipped);
    assert.equal(withoutRequestCompression(zipped, undefined), zipped);
    const plain = request(form);
    assert.equal(withoutRequestCompression(plain, 'query'), plain);
    const broken = request(form, 'gzip');
    assert.equal(withoutRequestCompression(broken, 'query'), broken);
  });
});
