/** S3's object operations, over S3State. */
import type {
  DeleteObjectCommandInput, DeleteObjectCommandOutput, DeleteObjectsCommandInput, DeleteObjectsCommandOutput,
  GetObjectCommandInput, GetObjectCommandOutput, HeadObjectCommandInput, HeadObjectCommandOutput,
  ListObjectsV2CommandInput, ListObjectsV2CommandOutput, PutObjectCommandInput, PutObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { streamingBlob } from '../../protocol/rest-xml-blob.js';
import type { Handler } from '../../service.js';
import { malformedXml } from './errors.js';
import { listPage } from './list-objects.js';
import type { ObjectChecksum, S3State, StoredObject } from './state.js';

/** S3 encrypts every new object with S3-managed keys and says so in its responses. */
const SERVER_SIDE_ENCRYPTION = 'AES256';
const CHECKSUM_MEMBERS = ['ChecksumCRC32', 'ChecksumCRC32C', 'ChecksumCRC64NVME', 'ChecksumSHA1', 'ChecksumSHA256'] as const;
const DELETE_OBJECTS_LIMIT = 1000;

export function objectOperations(state: S3State) {
  const PutObject: Handler<PutObjectCommandInput, PutObjectCommandOutput> = (input, ctx) => {
    const checksum = sentChecksum(input);
    const object = state.putObject(input.Bucket!, input.Key!, {
      body: input.Body instanceof Uint8Array ? input.Body : new Uint8Array(),
      ...(input.ContentType === undefined ? {} : { contentType: input.ContentType }),
      ...(input.Metadata === undefined ? {} : { metadata: input.Metadata }),
      ...(checksum ? { checksum } : {}),
    }, ctx.clock.now());
    return {
      ETag: object.etag,
      ServerSideEncryption: SERVER_SIDE_ENCRYPTION,
      ...(checksum ? { [checksum.member]: checksum.value, ChecksumType: 'FULL_OBJECT' as const } : {}),
    };
  };

  const GetObject: Handler<GetObjectCommandInput, GetObjectCommandOutput> = (input) => {
    const object = state.object(input.Bucket!, input.Key!);
    return { ...objectHeaders(object, input.ChecksumMode === 'ENABLED'), Body: streamingBlob(object.body) };
  };

  const HeadObject: Handler<HeadObjectCommandInput, HeadObjectCommandOutput> = (input) =>
    objectHeaders(state.object(input.Bucket!, input.Key!), input.ChecksumMode === 'ENABLED');

  const DeleteObject: Handler<DeleteObjectCommandInput, DeleteObjectCommandOutput> = (input) => {
    state.deleteObject(input.Bucket!, input.Key!);
    return {};
  };

  const DeleteObjects: Handler<DeleteObjectsCommandInput, DeleteObjectsCommandOutput> = (input) => {
    const identifiers = input.Delete?.Objects ?? [];
    if (identifiers.length === 0 || identifiers.length > DELETE_OBJECTS_LIMIT) throw malformedXml();
    state.bucket(input.Bucket!);
    for (const { Key } of identifiers) state.deleteObject(input.Bucket!, Key!);
    return input.Delete?.Quiet ? {} : { Deleted: identifiers.map(({ Key }) => ({ Key: Key! })) };
  };

  const ListObjectsV2: Handler<ListObjectsV2CommandInput, ListObjectsV2CommandOutput> = (input) => {
    const bucket = state.bucket(input.Bucket!);
    const maxKeys = input.MaxKeys ?? 1000;
    const page = listPage(state.sortedKeys(bucket.name), {
      prefix: input.Prefix ?? '',
      maxKeys,
      ...(input.Delimiter ? { delimiter: input.Delimiter } : {}),
      ...(input.StartAfter === undefined ? {} : { startAfter: input.StartAfter }),
      ...(input.ContinuationToken === undefined ? {} : { continuationToken: input.ContinuationToken }),
    });
    // With EncodingType=url, S3 URL-encodes every key-like value it returns.
    const encode = input.EncodingType === 'url' ? urlEncode : (text: string) => text;
    return {
      IsTruncated: page.isTruncated,
      Name: bucket.name,
      Prefix: encode(input.Prefix ?? ''),
      MaxKeys: maxKeys,
      KeyCount: page.keys.length + page.commonPrefixes.length,
      ...(page.keys.length ? {
        Contents: page.keys.map((key) => {
          const object = bucket.objects[key]!;
          return {
            Key: encode(key),
            LastModified: new Date(object.lastModified),
            ETag: object.etag,
            Size: object.body.length,
            StorageClass: 'STANDARD' as const,
          };
        }),
      } : {}),
      ...(page.commonPrefixes.length ? { CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })) } : {}),
      ...(input.Delimiter ? { Delimiter: encode(input.Delimiter) } : {}),
      ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
      ...(input.ContinuationToken === undefined ? {} : { ContinuationToken: input.ContinuationToken }),
      ...(page.nextContinuationToken === undefined ? {} : { NextContinuationToken: page.nextContinuationToken }),
      ...(input.StartAfter === undefined ? {} : { StartAfter: encode(input.StartAfter) }),
    };
  };

  return { PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, ListObjectsV2 };
}

/** What GetObject and HeadObject both answer with, as headers. */
function objectHeaders(object: StoredObject, withChecksum: boolean) {
  return {
    AcceptRanges: 'bytes',
    LastModified: new Date(object.lastModified),
    ContentLength: object.body.length,
    ETag: object.etag,
    ContentType: object.contentType,
    ServerSideEncryption: SERVER_SIDE_ENCRYPTION,
    Metadata: object.metadata,
    ...(withChecksum && object.checksum ? { [object.checksum.member]: object.checksum.value, ChecksumType: 'FULL_OBJECT' as const } : {}),
  } as const;
}

function sentChecksum(input: PutObjectCommandInput): ObjectChecksum | undefined {
  const member = CHECKSUM_MEMBERS.find((name) => input[name] !== undefined);
  return member ? { member, value: input[member]! } : undefined;
}

/** S3's form: percent-encoded UTF-8 with `+` for spaces. */
function urlEncode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}
