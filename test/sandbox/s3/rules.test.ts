/**
 * The pieces of S3 that are pure rules, without HTTP: ListObjectsV2 paging over sorted
 * keys, the aws-chunked bodies streamed uploads arrive in, and state that survives JSON.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeAwsChunked } from '../../../src/sandbox/protocol/rest-xml-chunked.js';
import { listPage } from '../../../src/sandbox/services/s3/list-objects.js';
import { S3State } from '../../../src/sandbox/services/s3/state.js';

describe('listPage', () => {
  const keys = ['a/', 'a/1', 'a/2', 'b', 'c/d/e', 'c/f'];

  it('rolls a key that ends in the delimiter into its common prefix', () => {
    const page = listPage(keys, { prefix: '', delimiter: '/', maxKeys: 1000 });
    assert.deepEqual(page, { keys: ['b'], commonPrefixes: ['a/', 'c/'], isTruncated: false });
  });

  it('resumes after a whole common prefix, never inside it', () => {
    const first = listPage(keys, { prefix: '', delimiter: '/', maxKeys: 1 });
    assert.deepEqual([first.commonPrefixes, first.isTruncated], [['a/'], true]);
    const second = listPage(keys, { prefix: '', delimiter: '/', maxKeys: 1, continuationToken: first.nextContinuationToken! });
    assert.deepEqual(second.keys, ['b']);
    const third = listPage(keys, { prefix: '', delimiter: '/', maxKeys: 1, continuationToken: second.nextContinuationToken! });
    assert.deepEqual([third.commonPrefixes, third.isTruncated], [['c/'], false]);
  });

  it('groups below the prefix only', () => {
    assert.deepEqual(listPage(keys, { prefix: 'c/', delimiter: '/', maxKeys: 1000 }).commonPrefixes, ['c/d/']);
  });

  it('is not truncated when the page ends exactly at the last key', () => {
    const page = listPage(['x', 'y'], { prefix: '', maxKeys: 2 });
    assert.deepEqual(page, { keys: ['x', 'y'], commonPrefixes: [], isTruncated: false });
  });

  it('refuses a continuation token it did not issue', () => {
    assert.throws(() => listPage(keys, { prefix: '', maxKeys: 10, continuationToken: 'Zm9v' }), { code: 'InvalidArgument' });
  });
});

describe('decodeAwsChunked', () => {
  it('joins the chunks and keeps the trailing headers, with or without chunk signatures', () => {
    const raw = Buffer.from('5;chunk-signature=abc\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');
    assert.deepEqual(decodeAwsChunked(raw), { body: Buffer.from('hello world'), trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==' } });
  });

  it('keeps binary chunk contents, CR and LF included', () => {
    const data = Buffer.from([0, 13, 10, 255]);
    const raw = Buffer.concat([Buffer.from('4\r\n'), data, Buffer.from('\r\n0\r\n\r\n')]);
    assert.deepEqual(decodeAwsChunked(raw).body, data);
  });
});

describe('S3State snapshot', () => {
  it('survives a JSON round trip with object bytes, metadata and tags intact', () => {
    const state = new S3State();
    state.createBucket('lab-saved', 'eu-west-1', Date.UTC(2026, 0, 1));
    state.putObject('lab-saved', 'bin', { body: Buffer.from([0, 1, 254, 255]), metadata: { a: 'b' } }, Date.UTC(2026, 0, 2));
    state.putBucketTagging('lab-saved', [{ Key: 'lab:run', Value: 'r1' }]);

    const restored = new S3State();
    restored.restore(JSON.parse(JSON.stringify(state.snapshot())));
    const object = restored.object('lab-saved', 'bin');
    assert.deepEqual(object.body, Buffer.from([0, 1, 254, 255]));
    assert.equal(object.etag, state.object('lab-saved', 'bin').etag);
    assert.deepEqual(object.metadata, { a: 'b' });
    assert.equal(restored.bucket('lab-saved').region, 'eu-west-1');
    assert.deepEqual(restored.bucketTagging('lab-saved'), [{ Key: 'lab:run', Value: 'r1' }]);
  });
});
