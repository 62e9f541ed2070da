/**
 * S3 in the sandbox, through the real S3Client over HTTP (path-style addressing): buckets,
 * objects, listings and tags, with S3's own error codes, messages and statuses.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteBucketTaggingCommand, DeleteObjectCommand, DeleteObjectsCommand,
  GetBucketTaggingCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListBucketsCommand,
  ListObjectsV2Command, PutBucketTaggingCommand, PutObjectCommand, S3Client, type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { failure } from '../../support/aws-errors.js';
import { createServices } from '../../../src/sandbox/services/index.js';

let sandbox: RunningSandbox;
let s3: S3Client;

function client(region: string): S3Client {
  return new S3Client({
    endpoint: sandbox.url,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** The error an SDK call fails with, to compare its code, message, status and fields. */

before(async () => {
  sandbox = await startSandbox({ port: 0, services: await createServices(['s3']) });
  s3 = client('us-east-1');
});

after(async () => {
  s3.destroy();
  await sandbox.stop();
});

beforeEach(() => sandbox.router.reset());

describe('buckets', () => {
  it('creates, heads, lists and deletes a bucket', async () => {
    const created = await s3.send(new CreateBucketCommand({ Bucket: 'lab-bucket-1' }));
    assert.equal(created.Location, '/lab-bucket-1');
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'lab-bucket-1' }));
    assert.equal(head.BucketRegion, 'us-east-1');
    assert.equal(head.$metadata.httpStatusCode, 200);

    await s3.send(new CreateBucketCommand({ Bucket: 'lab-bucket-0' }));
    const listed = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(listed.Buckets?.map((bucket) => bucket.Name), ['lab-bucket-0', 'lab-bucket-1']);
    assert.ok(listed.Buckets?.[0]?.CreationDate instanceof Date);
    assert.equal(listed.Buckets?.[0]?.BucketRegion, 'us-east-1');
    assert.match(listed.Owner?.ID ?? '', /^[0-9a-f]{64}$/);

    const deleted = await s3.send(new DeleteBucketCommand({ Bucket: 'lab-bucket-1' }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    const after = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(after.Buckets?.map((bucket) => bucket.Name), ['lab-bucket-0']);
  });

  it('rejects names outside the naming rules with InvalidBucketName', async () => {
    for (const name of ['ab', 'lab..bucket', '192.168.5.4', 'xn--lab', 'lab-bucket-', 'lab_bucket']) {
      const error = await failure(s3.send(new CreateBucketCommand({ Bucket: name })));
      assert.equal(error.name, 'InvalidBucketName', name);
      assert.equal(error.message, 'The specified bucket is not valid.');
      assert.equal(error.BucketName, name);
      assert.equal(error.$metadata.httpStatusCode, 400);
    }
  });

  it('answers 200 to re-creating an owned bucket in us-east-1, and BucketAlreadyOwnedByYou elsewhere', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'lab-twice' }));
    const again = await s3.send(new CreateBucketCommand({ Bucket: 'lab-twice' }));
    assert.equal(again.$metadata.httpStatusCode, 200);

    const ireland = client('eu-west-1');
    const config = { LocationConstraint: 'eu-west-1' as BucketLocationConstraint };
    await ireland.send(new CreateBucketCommand({ Bucket: 'lab-twice-eu', CreateBucketConfiguration: config }));
    const error = await failure(ireland.send(new CreateBucketCommand({ Bucket: 'lab-twice-eu', CreateBucketConfiguration: config })));
    assert.equal(error.name, 'BucketAlreadyOwnedByYou');
    assert.equal(error.message, 'Your previous request to create the named bucket succeeded and you already own it.');
    assert.equal(error.$metadata.httpStatusCode, 409);
    ireland.destroy();
  });

  it('places a bucket in the LocationConstraint region, which must match the endpoint', async () => {
    const ireland = client('eu-west-1');
    const created = await ireland.send(new CreateBucketCommand({
      Bucket: 'lab-ireland',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    }));
    assert.equal(created.Location, 'http://lab-ireland.s3.amazonaws.com/');
    const head = await ireland.send(new HeadBucketCommand({ Bucket: 'lab-ireland' }));
    assert.equal(head.BucketRegion, 'eu-west-1');

    ireland.destroy();

    const elsewhere = await failure(s3.send(new CreateBucketCommand({
      Bucket: 'lab-elsewhere',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    })));
    assert.equal(elsewhere.name, 'IllegalLocationConstraintException');
    assert.equal(elsewhere.message, 'The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.');
    assert.equal(elsewhere.$metadata.httpStatusCode, 400);

    const virginia = await failure(s3.send(new CreateBucketCommand({
      Bucket: 'lab-virginia',
      CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as BucketLocationConstraint },
    })));
    assert.equal(virginia.name, 'InvalidLocationConstraint');
    assert.equal(virginia.message, 'The specified location-constraint is not valid');
  });

  it('refuses to delete a bucket that holds objects, or one that does not exist', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'lab-full' }));
    await s3.send(new PutObjectCommand({ Bucket: 'lab-full', Key: 'a.txt', Body: 'a' }));
    const notEmpty = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'lab-full' })));
    assert.equal(notEmpty.name, 'BucketNotEmpty');
    assert.equal(notEmpty.message, 'The bucket you tried to delete is not empty');
    assert.equal(notEmpty.BucketName, 'lab-full');
    assert.equal(notEmpty.$metadata.httpStatusCode, 409);

    const missing = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'lab-missing' })));
    assert.equal(missing.name, 'NoSuchBucket');
    assert.equal(missing.message, 'The specified bucket does not exist');
    assert.equal(missing.BucketName, 'lab-missing');
    assert.equal(missing.$metadata.httpStatusCode, 404);
  });

  it('answers HeadBucket on a missing bucket with a bodiless 404', async () => {
    const error = await failure(s3.send(new HeadBucketCommand({ Bucket: 'lab-missing' })));
    assert.equal(error.name, 'NotFound');
    assert.equal(error.$metadata.httpStatusCode, 404);
  });

  it('tags a bucket, reads the tags back, and deletes them', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'lab-tagged' }));
    const none = await failure(s3.send(new GetBucketTaggingCommand({ Bucket: 'lab-tagged' })));
    assert.equal(none.name, 'NoSuchTagSet');
    assert.equal(none.message, 'The TagSet does not exist');
    assert.equal(none.$metadata.httpStatusCode, 404);

    const TagSet = [{ Key: 'lab:run', Value: 'week4-fri' }, { Key: 'managed-by', Value: 'lab & co <1>' }];
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'lab-tagged', Tagging: { TagSet } }));
    const tags = await s3.send(new GetBucketTaggingCommand({ Bucket: 'lab-tagged' }));
    assert.deepEqual(tags.TagSet, TagSet);

    const duplicate = await failure(s3.send(new PutBucketTaggingCommand({
      Bucket: 'lab-tagged',
      Tagging: { TagSet: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] },
    })));
    assert.equal(duplicate.name, 'InvalidTag');
    assert.equal(duplicate.message, 'Cannot provide multiple Tags with the same key');

    const deleted = await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'lab-tagged' }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    assert.equal((await failure(s3.send(new GetBucketTaggingCommand({ Bucket: 'lab-tagged' })))).name, 'NoSuchTagSet');

    const missing = await failure(s3.send(new PutBucketTaggingCommand({ Bucket: 'lab-missing', Tagging: { TagSet } })));
    assert.equal(missing.name, 'NoSuchBucket');
  });
});

describe('objects', () => {
  beforeEach(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'lab-objects' }));
  });

  it('stores bytes and gives them back with ETag, Content-Type, metadata and Last-Modified', async () => {
    const body = Buffer.from('hello, cloud journey\n');
    const md5 = createHash('md5').update(body).digest('hex');
    const put = await s3.send(new PutObjectCommand({
      Bucket: 'lab-objects',
      Key: 'notes/day 1.txt',
      Body: body,
      ContentType: 'text/plain',
      Metadata: { Owner: 'dev-1', lab: 'week4-fri' },
    }));
    assert.equal(put.ETag, `"${md5}"`);
    assert.equal(put.ServerSideEncryption, 'AES256');

    const got = await s3.send(new GetObjectCommand({ Bucket: 'lab-objects', Key: 'notes/day 1.txt' }));
    assert.equal(await got.Body?.transformToString(), body.toString());
    assert.equal(got.ETag, `"${md5}"`);
    assert.equal(got.ContentType, 'text/plain');
    assert.equal(got.ContentLength, body.length);
    assert.deepEqual(got.Metadata, { owner: 'dev-1', lab: 'week4-fri' });
    assert.ok(got.LastModified instanceof Date && Math.abs(got.LastModified.getTime() - Date.now()) < 60_000);

    const head = await s3.send(new HeadObjectCommand({ Bucket: 'lab-objects', Key: 'notes/day 1.txt' }));
    assert.equal(head.ContentLength, body.length);
    assert.equal(head.ETag, `"${md5}"`);
    assert.equal(head.AcceptRanges, 'bytes');
    assert.deepEqual(head.Metadata, { owner: 'dev-1', lab: 'week4-fri' });
  });

  it('keeps binary bodies byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await s3.send(new PutObjectCommand({ Bucket: 'lab-objects', Key: 'bytes.bin', Body: bytes }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'lab-objects', Key: 'bytes.bin' }));
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), bytes);
  });

  it('accepts a streamed upload sent as aws-chunked with a trailing checksum', async () => {
    const parts = ['first chunk, ', 'second chunk'];
    const put = await s3.send(new PutObjectCommand({
      Bucket: 'lab-objects',
      Key: 'streamed.txt',
      Body: Readable.from(parts.map((part) => Buffer.from(part))),
      ContentLength: parts.join('').length,
    }));
    assert.equal(put.ETag, `"${createHash('md5').update(parts.join('')).digest('hex')}"`);
    assert.match(put.ChecksumCRC32 ?? '', /^[A-Za-z0-9+/]{6}==$/);
    // The client checks the body it reads against the checksum the upload's trailer carried.
    const got = await s3.send(new GetObjectCommand({ Bucket: 'lab-objects', Key: 'streamed.txt', ChecksumMode: 'ENABLED' }));
    assert.equal(got.ChecksumCRC32, put.ChecksumCRC32);
    assert.equal(await got.Body?.transformToString(), parts.join(''));
  });

  it('answers NoSuchKey for a missing key, and a bodiless 404 to HeadObject', async () => {
    const missing = await failure(s3.send(new GetObjectCommand({ Bucket: 'lab-objects', Key: 'nope.txt' })));
    assert.equal(missing.name, 'NoSuchKey');
    assert.equal(missing.message, 'The specified key does not exist.');
    assert.equal(missing.Key, 'nope.txt');
    assert.equal(missing.$metadata.httpStatusCode, 404);

    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: 'lab-objects', Key: 'nope.txt' })));
    assert.equal(head.name, 'NotFound');
    assert.equal(head.$metadata.httpStatusCode, 404);

    const noBucket = await failure(s3.send(new PutObjectCommand({ Bucket: 'lab-missing', Key: 'k', Body: 'x' })));
    assert.equal(noBucket.name, 'NoSuchBucket');
  });

  it('deletes one object (idempotently) and many at once', async () => {
    for (const Key of ['a', 'b', 'c']) await s3.send(new PutObjectCommand({ Bucket: 'lab-objects', Key, Body: Key }));
    const one = await s3.send(new DeleteObjectCommand({ Bucket: 'lab-objects', Key: 'a' }));
    assert.equal(one.$metadata.httpStatusCode, 204);
    await s3.send(new DeleteObjectCommand({ Bucket: 'lab-objects', Key: 'a' }));

    const many = await s3.send(new DeleteObjectsCommand({
      Bucket: 'lab-objects',
      Delete: { Objects: [{ Key: 'b' }, { Key: 'c' }, { Key: 'never-there' }] },
    }));
    assert.deepEqual(many.Deleted?.map((deleted) => deleted.Key), ['b', 'c', 'never-there']);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'lab-objects' }));
    assert.equal(listed.KeyCount, 0);
    assert.equal(listed.Contents, undefined);

    await s3.send(new PutObjectCommand({ Bucket: 'lab-objects', Key: 'q', Body: 'q' }));
    const quiet = await s3.send(new DeleteObjectsCommand({ Bucket: 'lab-objects', Delete: { Objects: [{ Key: 'q' }], Quiet: true } }));
    assert.equal(quiet.Deleted, undefined);
    await s3.send(new DeleteBucketCommand({ Bucket: 'lab-objects' }));
  });

  it('lists with Prefix, Delimiter, CommonPrefixes, MaxKeys and continuation tokens', async () => {
    const keys = ['logs/2026/01.txt', 'logs/2026/02.txt', 'logs/2027/01.txt', 'logs/readme', 'photos/cat.png', 'top.txt'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: 'lab-objects', Key, Body: Key }));

    const all = await s3.send(new ListObjectsV2Command({ Bucket: 'lab-objects' }));
    assert.deepEqual(all.Contents?.map((object) => object.Key), keys);
    assert.equal(all.KeyCount, keys.length);
    assert.equal(all.IsTruncated, false);
    assert.equal(all.MaxKeys, 1000);
    assert.equal(all.Name, 'lab-objects');
    assert.equal(all.Contents?.[0]?.Size, keys[0]!.length);
    assert.equal(all.Contents?.[0]?.StorageClass, 'STANDARD');

    const folders = await s3.send(new ListObjectsV2Command({ Bucket: 'lab-objects', Delimiter: '/' }));
    assert.deepEqual(folders.CommonPrefixes?.map((prefix) => prefix.Prefix), ['logs/', 'photos/']);
    assert.deepEqual(folders.Contents?.map((object) => object.Key), ['top.txt']);
    assert.equal(folders.KeyCount, 3);
    assert.equal(folders.Delimiter, '/');

    const logs = await s3.send(new ListObjectsV2Command({ Bucket: 'lab-objects', Prefix: 'logs/', Delimiter: '/' }));
    assert.deepEqual(logs.CommonPrefixes?.map((prefix) => prefix.Prefix), ['logs/2026/', 'logs/2027/']);
    assert.deepEqual(logs.Contents?.map((object) => object.Key), ['logs/readme']);
    assert.equal(logs.Prefix, 'logs/');

    const seen: string[] = [];
    let ContinuationToken: string | undefined;
    for (let page = 0; page < 10; page++) {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'lab-objects', Delimiter: '/', MaxKeys: 2, ContinuationToken }));
      seen.push(...(listed.CommonPrefixes ?? []).map((prefix) => prefix.Prefix!), ...(listed.Contents ?? []).map((object) => object.Key!));
      assert.ok((listed.KeyCount ?? 0) <= 2);
      if (!listed.IsTruncated) break;
      ContinuationToken = listed.NextContinuationToken;
      assert.ok(ContinuationToken);
    }
    assert.deepEqual(seen.sort(), ['logs/', 'photos/', 'top.txt']);

    const startAfter = await s3.send(new ListObjectsV2Command({ Bucket: 'lab-objects', StartAfter: 'logs/readme' }));
    assert.deepEqual(startAfter.Contents?.map((object) => object.Key), ['photos/cat.png', 'top.txt']);

    const badToken = await failure(s3.send(new ListObjectsV2Command({ Bucket: 'lab-objects', ContinuationToken: 'bm9wZQ==' })));
    assert.equal(badToken.name, 'InvalidArgument');
    assert.equal(badToken.message, 'The continuation token provided is incorrect');
    const noBucket = await failure(s3.send(new ListObjectsV2Command({ Bucket: 'lab-missing' })));
    assert.equal(noBucket.name, 'NoSuchBucket');
  });
});

describe('addressing', () => {
  it('accepts virtual-host style requests (bucket.localhost)', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'lab-vhost' }));
    await s3.send(new PutObjectCommand({ Bucket: 'lab-vhost', Key: 'dir/file.txt', Body: 'virtual' }));
    const { status, body } = await rawGet(`/dir/file.txt`, `lab-vhost.localhost:${sandbox.port}`);
    assert.equal(status, 200);
    assert.equal(body, 'virtual');
  });

  it("writes errors as S3's <Error> document", async () => {
    const { status, body } = await rawGet('/lab-missing/key', `127.0.0.1:${sandbox.port}`);
    assert.equal(status, 404);
    assert.match(body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchBucket<\/Code><Message>The specified bucket does not exist<\/Message><BucketName>lab-missing<\/BucketName><RequestId>[^<]+<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/);
  });
});

/** An unsigned GET with a chosen Host header, as a browser or curl would send it. */
function rawGet(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: sandbox.port, path, headers: { host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    request.on('error', reject);
    request.end();
  });
}
